package plan

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/hatcheck/hatcheck/lint"
)

// Expected forms, as input-value-invalid prints them.
const (
	expectDate         = "a date like 2026-03-10 or 3/10/2026"
	expectPercent      = "a percentage from 0 to 100 like 50% or 50"
	expectDuration     = "a duration like 5d, 5 days or 2w"
	expectFlag         = "Yes/No, True/False or 1/0"
	expectLevel        = "a whole number like 2"
	expectPredecessors = "predecessors like 2, 3SS+2d or 1.2.3FF-1w, separated by commas"
	expectCached       = "a calculated value: the formula has no cached result (recalculate and save the workbook in Excel)"
)

// cellAt is one cell of a data row: where it is and its raw text (numbers as stored,
// shared strings resolved, a formula's cached result).
type cellAt struct {
	sheet string
	ref   string // "F7"
	row   int
	raw   string
}

// value is the cell's text without surrounding space.
func (c cellAt) value() string { return strings.TrimSpace(c.raw) }

// problem records a value that could not be read; the item is kept without it.
func (w *workbook) problem(c cellAt, subject, field, value, expected string) {
	w.problems = append(w.problems, lint.ValueProblem{
		Pos:      lint.Position{Path: w.path, Line: c.row, Sheet: c.sheet, Cell: c.ref},
		Subject:  subject,
		Field:    field,
		Value:    shorten(value),
		Expected: expected,
	})
}

// sortProblems orders the problems recorded since from by row, then column, so they read
// in sheet order whatever order the columns were read in.
func (w *workbook) sortProblems(from int) {
	slices.SortStableFunc(w.problems[from:], func(a, b lint.ValueProblem) int {
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		ac, _, _ := excelize.CellNameToCoordinates(a.Pos.Cell)
		bc, _, _ := excelize.CellNameToCoordinates(b.Pos.Cell)
		return ac - bc
	})
}

// shorten keeps a problem's value readable when a cell holds a whole essay.
func shorten(s string) string {
	const max = 80
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

// empty reports whether the cell holds nothing. A formula whose result was never cached
// (a workbook written by a program that does not calculate) also reads as empty; that is
// recorded as a problem, since the plan does have a value there that nobody can see.
func (w *workbook) empty(c cellAt, subject, field string) bool {
	if c.value() != "" {
		return false
	}
	if formula, err := w.f.GetCellFormula(c.sheet, c.ref); err == nil && formula != "" {
		w.problem(c, subject, field, "="+formula, expectCached)
	}
	return true
}

// isText reports whether the cell stores typed text rather than a number. A formula's
// result counts as a number when it reads as one: Excel marks string results, but some
// writers (excelize among them) mark every formula result a string, numbers included.
func (w *workbook) isText(c cellAt) bool {
	t, err := w.f.GetCellType(c.sheet, c.ref)
	if err != nil {
		return true
	}
	return t == excelize.CellTypeSharedString || t == excelize.CellTypeInlineString
}

// text reads a cell as text. Numbers are written the way Excel shows them in a General
// cell, so an id stored as the float 4.0999999999999996 reads "4.1".
func (w *workbook) text(c cellAt) string {
	v := c.value()
	if strings.ContainsAny(v, ".eE") {
		if f, err := strconv.ParseFloat(v, 64); err == nil && !w.isText(c) {
			return formatNumber(f)
		}
	}
	return v
}

// formatNumber writes a stored number with at most 15 significant digits, as Excel does.
func formatNumber(f float64) string {
	g, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if err != nil {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(g, 'f', -1, 64)
}

// date reads a date cell: an Excel serial (in the workbook's date system) or a date
// written as text. ok is false when the cell is empty or unreadable (then reported).
func (w *workbook) date(c cellAt, subject, field string) (time.Time, bool) {
	if w.empty(c, subject, field) {
		return time.Time{}, false
	}
	v := c.value()
	if f, err := strconv.ParseFloat(v, 64); err == nil && !w.isText(c) {
		if t, ok := SerialDate(f, w.date1904); ok {
			return t, true
		}
	} else if t, ok := ParseTextDate(v, w.cfg.Plan.DateOrder); ok {
		return t, true
	}
	w.problem(c, subject, field, v, expectDate)
	return time.Time{}, false
}

// percent reads a completion percentage, 0..100.
func (w *workbook) percent(c cellAt, subject, field string) (*float64, bool) {
	if w.empty(c, subject, field) {
		return nil, false
	}
	v := c.value()
	if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsNaN(f) && !w.isText(c) {
		if w.percentFormatted(c) {
			f *= 100
		}
		// Undo the float noise of the scaling: 0.29 * 100 is 28.999999999999996.
		f = math.Round(f*1e9) / 1e9
		if f >= 0 && f <= 100 {
			return &f, true
		}
	} else if f, ok := ParsePercent(v); ok {
		return &f, true
	}
	w.problem(c, subject, field, v, expectPercent)
	return nil, false
}

// percentFormatted reports whether the cell's number format shows a percentage
// (built-in formats 9 and 10, or a custom format with an unquoted %).
func (w *workbook) percentFormatted(c cellAt) bool {
	idx, err := w.f.GetCellStyle(c.sheet, c.ref)
	if err != nil {
		return false
	}
	st := w.style(idx)
	if st == nil {
		return false
	}
	if st.NumFmt == 9 || st.NumFmt == 10 {
		return true
	}
	if st.CustomNumFmt != nil {
		quoted := false
		for _, r := range *st.CustomNumFmt {
			switch {
			case r == '"':
				quoted = !quoted
			case r == '%' && !quoted:
				return true
			}
		}
	}
	return false
}

// style returns a cell style, read once per style index.
func (w *workbook) style(idx int) *excelize.Style {
	if st, ok := w.styles[idx]; ok {
		return st
	}
	st, err := w.f.GetStyle(idx)
	if err != nil {
		st = nil
	}
	w.styles[idx] = st
	return st
}

// indent returns the cell's indentation from its style (Excel's "Increase Indent").
func (w *workbook) indent(c cellAt) int {
	idx, err := w.f.GetCellStyle(c.sheet, c.ref)
	if err != nil || idx == 0 {
		return 0
	}
	if st := w.style(idx); st != nil && st.Alignment != nil {
		return st.Alignment.Indent
	}
	return 0
}

// duration reads a duration in working days.
func (w *workbook) duration(c cellAt, subject, field string) (*float64, bool) {
	if w.empty(c, subject, field) {
		return nil, false
	}
	v := c.value()
	if f, ok := ParseDuration(v); ok {
		return &f, true
	}
	w.problem(c, subject, field, v, expectDuration)
	return nil, false
}

// flag reads a yes/no cell; an empty cell is no.
func (w *workbook) flag(c cellAt, subject, field string) bool {
	if w.empty(c, subject, field) {
		return false
	}
	v := c.value()
	if b, ok := ParseFlag(v); ok {
		return b
	}
	w.problem(c, subject, field, v, expectFlag)
	return false
}

// level reads an outline level. ok is false when the cell is empty or unreadable.
func (w *workbook) level(c cellAt, subject, field string) (int, bool) {
	if w.empty(c, subject, field) {
		return 0, false
	}
	v := c.value()
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f != math.Trunc(f) || f < 0 || f > 100 {
		w.problem(c, subject, field, v, expectLevel)
		return 0, false
	}
	return int(f), true
}

// jiraKeys returns the Jira keys named by a cell: in its text, its hyperlink, or the
// target of a HYPERLINK formula.
func (w *workbook) jiraKeys(c cellAt, hasLinks bool) []string {
	texts := []string{c.value()}
	if hasLinks {
		if ok, target, err := w.f.GetCellHyperLink(c.sheet, c.ref); err == nil && ok {
			texts = append(texts, target)
		}
	}
	if formula, err := w.f.GetCellFormula(c.sheet, c.ref); err == nil && strings.Contains(strings.ToUpper(formula), "HYPERLINK") {
		texts = append(texts, formula)
	}
	return JiraKeys(texts...)
}
