// Package plan reads the project manager's Excel plan (SPEC §4.3) into a lint.Plan: the
// plan sheet's tasks with their dates, owners, Jira keys, hierarchy and predecessor links,
// and the change-log sheet's change requests. Values it cannot read are returned as
// lint.ValueProblems, keeping the task without the value; a file that is not a workbook
// or a plan with no recognisable header is a *lint.InputError.
package plan

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/hatcheck/hatcheck/lint"
)

// Size limits keep a hostile or broken file (a zip bomb) from taking unbounded memory.
// A plan of ten thousand rows is a few megabytes, so these leave ample room. They are
// variables only so tests can lower them.
var (
	// maxFileSize bounds the workbook file.
	maxFileSize int64 = 64 << 20
	// maxUnpackedSize bounds the workbook's unpacked parts, all held in memory.
	maxUnpackedSize int64 = 64 << 20
)

const (
	// headerRows is how far down a sheet the header row is looked for.
	headerRows = 30
	// maxDataRows bounds the rows read below a header.
	maxDataRows = 200_000
	// maxSheetCells bounds a sheet's rows counted out to each row's last cell. excelize
	// fills in every cell up to the last one of a row when it loads a sheet for cell
	// lookups, so a few thousand rows with a stray cell in column XFD (16,384 columns
	// out) would cost minutes and gigabytes; a real plan is far below this.
	maxSheetCells = 1_000_000
)

// maxMergeWork bounds merged ranges times rows read. excelize checks every merged range
// on each cell lookup, so a sheet crafted with a million merged ranges would stall the
// read; real plans merge a few titles, or a cell or two a row. A variable for tests.
var maxMergeWork = 50_000_000

// Read reads the plan workbook at path. The path is used as given in messages.
func Read(path string, cfg *lint.Config) (*lint.Plan, []lint.ValueProblem, error) {
	f, err := os.Open(path)
	if err != nil {
		msg := err.Error()
		var pe *os.PathError
		if errors.As(err, &pe) {
			msg = "cannot read: " + pe.Err.Error()
		}
		return nil, nil, &lint.InputError{Pos: lint.Position{Path: path}, Msg: msg, Err: err}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		switch {
		case st.IsDir():
			return nil, nil, inputError(path, "is a folder: expected an .xlsx or .xlsm file", nil)
		case st.Mode().IsRegular() && st.Size() > maxFileSize:
			return nil, nil, tooLarge(path)
		}
	}
	return ReadFrom(path, f, cfg)
}

// ReadFrom reads a plan workbook from r; path names it in positions and messages.
func ReadFrom(path string, r io.Reader, cfg *lint.Config) (p *lint.Plan, problems []lint.ValueProblem, err error) {
	if cfg == nil {
		cfg = lint.DefaultConfig()
	}
	if err := checkColumnOverrides(cfg); err != nil {
		return nil, nil, err
	}
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, nil, inputError(path, "cannot read: "+err.Error(), err)
	}
	if int64(len(data)) > maxFileSize {
		return nil, nil, tooLarge(path)
	}
	// excelize is a large third-party parser fed untrusted bytes; should it panic on a
	// malformed part, the user gets an input error naming the file rather than a crash.
	defer func() {
		if v := recover(); v != nil {
			p, problems = nil, nil
			err = inputError(path, fmt.Sprintf("cannot read the workbook: malformed content (%v)", v), nil)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    maxUnpackedSize,
		UnzipXMLSizeLimit: maxUnpackedSize,
	})
	if err != nil {
		return nil, nil, openError(path, err)
	}
	defer f.Close()
	w := &workbook{f: f, path: path, cfg: cfg, styles: map[int]*excelize.Style{}, merges: mergeCount(f)}
	if len(f.GetSheetList()) == 0 {
		return nil, nil, inputError(path, "not an Excel workbook: it has no worksheets; expected an .xlsx or .xlsm file", nil)
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		w.date1904 = *props.Date1904
	}
	p, err = w.readPlan()
	if err != nil {
		return nil, nil, err
	}
	return p, w.problems, nil
}

func tooLarge(path string) error {
	return inputError(path, fmt.Sprintf("file too large: expected a workbook of at most %d MiB", maxFileSize>>20), nil)
}

// openError explains why excelize could not open the file.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, zip.ErrFormat) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		// A zip that is not a workbook fails with EOF when excelize finds no workbook part.
		return inputError(path, "not an Excel workbook: expected an .xlsx or .xlsm file", err)
	case errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrWorkbookPassword):
		return inputError(path, "not a readable Excel workbook: an encrypted workbook or an old .xls file; expected an unencrypted .xlsx or .xlsm file", err)
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return inputError(path, fmt.Sprintf("workbook too large: it unpacks to more than %d MiB", maxUnpackedSize>>20), err)
	}
	return inputError(path, "not an Excel workbook: expected an .xlsx or .xlsm file ("+err.Error()+")", err)
}

func inputError(path, msg string, err error) *lint.InputError {
	return &lint.InputError{Pos: lint.Position{Path: path}, Msg: msg, Err: err}
}

// checkColumnOverrides rejects plan.columns entries naming no known role, so a typo in
// the configuration does not silently fall back to the aliases.
func checkColumnOverrides(cfg *lint.Config) error {
	known := append(PlanRoles(), RoleTask, RoleApprover, RoleApprovedOn, RoleDescription)
	var unknown []string
	for role, header := range cfg.Plan.Columns {
		if !slices.Contains(known, role) {
			unknown = append(unknown, role)
		} else if NormalizeHeader(header) == "" {
			return &lint.InputError{Pos: lint.Position{Path: cfg.Path}, Msg: fmt.Sprintf("plan.columns.%s: empty header text: expected the header of the column holding %s", role, role)}
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	return &lint.InputError{
		Pos: lint.Position{Path: cfg.Path},
		Msg: fmt.Sprintf("plan.columns: unknown column role %q: expected one of %s", unknown[0], strings.Join(known, ", ")),
	}
}

// workbook is an open plan workbook and what reading it has found so far.
type workbook struct {
	f        *excelize.File
	path     string
	cfg      *lint.Config
	date1904 bool
	styles   map[int]*excelize.Style
	merges   int // merged ranges in the worksheet that has the most
	problems []lint.ValueProblem
}

// mergeCount counts the merged ranges of the worksheet that has the most, from the raw
// parts: excelize's own GetMergeCells costs time quadratic in their number.
func mergeCount(f *excelize.File) int {
	most := 0
	f.Pkg.Range(func(key, value any) bool {
		name, _ := key.(string)
		data, _ := value.([]byte)
		if strings.HasPrefix(strings.ToLower(name), "xl/worksheets/") {
			most = max(most, bytes.Count(data, []byte("mergeCell ")))
		}
		return true
	})
	return most
}

// checkMerges fails when looking up the cells of rows rows would take too long.
func (w *workbook) checkMerges(sheet string, rows int) error {
	if w.merges*rows <= maxMergeWork {
		return nil
	}
	return &lint.InputError{
		Pos: lint.Position{Path: w.path, Sheet: sheet},
		Msg: fmt.Sprintf("too many merged cells: %d merged ranges over %d rows; expected at most %d ranges times rows (unmerge the cells)", w.merges, rows, maxMergeWork),
	}
}

// readPlan finds the plan sheet and its header, reads the tasks and the change log.
func (w *workbook) readPlan() (*lint.Plan, error) {
	sheets := w.f.GetSheetList()
	matcher := newHeaderMatcher(planAliases, planOverrides(w.cfg.Plan.Columns))
	var sheet string
	var header *headerRow
	if name := w.cfg.Plan.Sheet; name != "" {
		sheet = w.sheetNamed(name)
		if sheet == "" {
			return nil, inputError(w.path, fmt.Sprintf("no sheet named %q (plan.sheet): the workbook has sheets %s", name, quoteList(sheets)), nil)
		}
		h, err := w.findHeader(sheet, matcher, isPlanHeader)
		if err != nil {
			return nil, err
		}
		if h == nil {
			return nil, &lint.InputError{Pos: lint.Position{Path: w.path, Sheet: sheet}, Msg: fmt.Sprintf("no header row found in the first %d rows: %s", headerRows, expectedPlanHeader)}
		}
		header = h
	} else {
		// Hidden sheets often keep templates or old copies: a visible plan wins.
		for _, visible := range []bool{true, false} {
			for _, s := range sheets {
				if v, _ := w.f.GetSheetVisible(s); v != visible {
					continue
				}
				h, err := w.findHeader(s, matcher, isPlanHeader)
				if err != nil {
					return nil, err
				}
				if h != nil {
					sheet, header = s, h
					break
				}
			}
			if header != nil {
				break
			}
		}
		if header == nil {
			return nil, inputError(w.path, fmt.Sprintf("no header row found in the first %d rows of any sheet: %s", headerRows, expectedPlanHeader), nil)
		}
	}
	if err := checkOverridesFound(w.path, sheet, header, w.cfg.Plan.Columns, PlanRoles()); err != nil {
		return nil, err
	}
	p := &lint.Plan{Path: w.path, Sheet: sheet, HeaderRow: header.row, Columns: map[string]string{}}
	if err := w.readTasks(p, header); err != nil {
		return nil, err
	}
	if err := w.readChangeLog(p, sheets); err != nil {
		return nil, err
	}
	return p, nil
}

const expectedPlanHeader = "expected a row naming a task name column (Name, Task, Task Name, ...) and a date column (Start, Finish, ...)"

// isPlanHeader says whether the roles found in a row make it the plan's header: a task
// name and at least one date.
func isPlanHeader(cols map[string][]int) bool {
	if _, ok := cols[RoleName]; !ok {
		return false
	}
	return slices.ContainsFunc(dateRoles, func(r string) bool { _, ok := cols[r]; return ok })
}

// planOverrides keeps the plan.columns entries that apply to the plan sheet.
func planOverrides(columns map[string]string) map[string]string {
	out := map[string]string{}
	for role, header := range columns {
		if slices.Contains(PlanRoles(), role) {
			out[role] = header
		}
	}
	return out
}

// checkOverridesFound fails when a configured column header is not in the header row, so a
// renamed column is noticed instead of the role quietly going missing.
func checkOverridesFound(path, sheet string, h *headerRow, columns map[string]string, roles []string) error {
	for _, role := range roles {
		want, ok := columns[role]
		if !ok {
			continue
		}
		if _, found := h.cols[role]; !found {
			return &lint.InputError{
				Pos: lint.Position{Path: path, Line: h.row, Sheet: sheet},
				Msg: fmt.Sprintf("column %q (plan.columns.%s) not found in header row %d: the headers are %s", want, role, h.row, quoteList(nonEmpty(h.cells))),
			}
		}
	}
	return nil
}

// headerRow is a recognised header: its 1-based row number, its cells, and the columns
// (0-based) of each role.
type headerRow struct {
	row   int
	cells []string
	cols  map[string][]int
}

// findHeader looks for a header row among the first rows of a sheet, reading only those
// rows. It returns nil when none is recognised.
func (w *workbook) findHeader(sheet string, m *headerMatcher, accept func(map[string][]int) bool) (*headerRow, error) {
	rows, err := w.f.Rows(sheet)
	if err != nil {
		return nil, w.sheetError(sheet, err)
	}
	defer rows.Close()
	for n := 1; n <= headerRows && rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, w.sheetError(sheet, err)
		}
		if cols := m.headerColumns(cells); accept(cols) {
			return &headerRow{row: n, cells: cells, cols: cols}, nil
		}
	}
	if err := rows.Error(); err != nil {
		return nil, w.sheetError(sheet, err)
	}
	return nil, nil
}

// readRows reads the rows below the header row, keeping only the first width cells of
// each: the columns that have a role. Row i of the result is spreadsheet row after+1+i.
func (w *workbook) readRows(sheet string, after, width int) ([][]string, error) {
	rows, err := w.f.Rows(sheet)
	if err != nil {
		return nil, w.sheetError(sheet, err)
	}
	defer rows.Close()
	var data [][]string
	spanned := 0
	for n := 1; rows.Next(); n++ {
		if len(data) == maxDataRows {
			return nil, &lint.InputError{
				Pos: lint.Position{Path: w.path, Sheet: sheet},
				Msg: fmt.Sprintf("more than %d rows below the header: expected a plan of at most %d rows", maxDataRows, maxDataRows),
			}
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, w.sheetError(sheet, err)
		}
		if spanned += len(cells); spanned > maxSheetCells {
			return nil, &lint.InputError{
				Pos: lint.Position{Path: w.path, Sheet: sheet},
				Msg: fmt.Sprintf("sheet too large: its rows span more than %d cells counted out to each row's last filled cell; expected a plan without stray cells far to the right", maxSheetCells),
			}
		}
		if n > after {
			data = append(data, slices.Clip(cells[:min(len(cells), width)]))
		}
	}
	if err := rows.Error(); err != nil {
		return nil, w.sheetError(sheet, err)
	}
	return data, nil
}

// width is one more than the last column (0-based) claimed by any role.
func (h *headerRow) width() int {
	n := 0
	for _, cols := range h.cols {
		for _, c := range cols {
			n = max(n, c+1)
		}
	}
	return n
}

func (w *workbook) sheetError(sheet string, err error) error {
	return &lint.InputError{Pos: lint.Position{Path: w.path, Sheet: sheet}, Msg: "cannot read the worksheet: " + err.Error(), Err: err}
}

// sheetNamed returns the workbook's sheet with the given name, matched exactly or else
// case-insensitively (Excel itself treats sheet names case-insensitively), or "".
func (w *workbook) sheetNamed(name string) string {
	sheets := w.f.GetSheetList()
	if slices.Contains(sheets, name) {
		return name
	}
	for _, s := range sheets {
		if strings.EqualFold(s, strings.TrimSpace(name)) {
			return s
		}
	}
	return ""
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	if len(q) == 0 {
		return "(none)"
	}
	return strings.Join(q, ", ")
}

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			out = append(out, strings.TrimSpace(c))
		}
	}
	return out
}
