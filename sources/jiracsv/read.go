// Package jiracsv reads the CSV export of Jira's issue navigator ("CSV (all fields)" and
// "CSV (current fields)", SPEC §4.2) into the same result the JSON reader gives. The CSV
// export carries no changelog and names sprints without ids or dates, so its issues have no
// history and their sprints are resolved by name when the inputs are merged.
package jiracsv

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hatcheck/hatcheck/lint"
	"github.com/hatcheck/hatcheck/sources/jira"
)

// maxRecord bounds the bytes of one CSV record. Jira caps a text field at 32,767
// characters, so a record this large is not an export but a runaway quote or a binary
// file, and stopping early keeps memory bounded.
const maxRecord = 8 << 20

// Read reads a Jira CSV export, with month names in any language Locales lists. path names the input in
// positions and messages. Structural problems (not CSV, no "Issue key" column, a quote
// never closed) are a *lint.InputError; a single unreadable value becomes a
// lint.ValueProblem and the issue is kept without it.
func Read(path string, r io.Reader, cfg *lint.Config) (*jira.Result, error) {
	return ReadLocale(path, r, cfg, "")
}

// ReadLocale is Read accepting only the month names of one locale ("de", "fr_FR", ...; see
// Locales) and English, Jira's default; "" accepts every language, as Read does.
func ReadLocale(path string, r io.Reader, cfg *lint.Config, locale string) (*jira.Result, error) {
	if cfg == nil {
		cfg = lint.DefaultConfig()
	}
	dates, err := newDateParser(locale, cfg.Timezone, cfg.Plan.DateOrder)
	if err != nil {
		return nil, &lint.InputError{Pos: lint.Position{Path: path}, Msg: err.Error()}
	}
	lr := &limitedReader{r: r}
	br := bufio.NewReaderSize(lr, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	} else if bytes.HasPrefix(bom, []byte("\xff\xfe")) || bytes.HasPrefix(bom, []byte("\xfe\xff")) {
		return nil, &lint.InputError{Pos: lint.Position{Path: path, Line: 1},
			Msg: "UTF-16 text: expected a UTF-8 CSV export (save it as \"CSV UTF-8\", or export it from Jira again)"}
	}
	cr := csv.NewReader(br)
	cr.Comma = separator(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	rd := &reader{path: path, cfg: cfg, dates: dates, csv: cr}
	if err := rd.readHeader(); err != nil {
		return nil, err
	}
	for {
		lr.n = 0
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, rd.inputError(err)
		}
		rd.lastLine, _ = cr.FieldPos(len(rec) - 1)
		rd.readIssue(rec)
	}
	return rd.result(), nil
}

// Sniff reports whether the start of an input is CSV rather than JSON: after an optional
// byte order mark and white space, JSON starts with '{' or '['; a Jira CSV export starts
// with its header row.
func Sniff(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	return len(head) > 0 && head[0] != '{' && head[0] != '['
}

// separator returns the field separator of the header line: a comma as Jira writes it, or a
// semicolon or tab when a spreadsheet re-saved the file in a locale that uses those.
func separator(br *bufio.Reader) rune {
	head, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	if bytes.IndexByte(head, ',') >= 0 {
		return ','
	}
	if bytes.IndexByte(head, ';') >= 0 {
		return ';'
	}
	if bytes.IndexByte(head, '\t') >= 0 {
		return '\t'
	}
	return ','
}

// limitedReader fails once a single record grows past maxRecord; n is reset per record.
type limitedReader struct {
	r io.Reader
	n int
}

var errRecordTooLarge = errors.New("record too large")

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n > maxRecord {
		return 0, errRecordTooLarge
	}
	n, err := l.r.Read(p)
	l.n += n
	return n, err
}

// reader holds the state of one export being read.
type reader struct {
	path  string
	cfg   *lint.Config
	dates *dateParser
	csv   *csv.Reader

	head     *header
	lastLine int // the last line of the last record read
	key      int // the Issue key column
	roles    map[lint.FieldKind]roleColumn
	// dateCols maps each dates.fields entry found to its column.
	dateCols []dateColumn

	issues      []*lint.Issue
	byKey       map[string]int // key -> index in issues
	ids         map[string]string
	parentRefs  map[*lint.Issue]string // parent or epic given by issue id, resolved at the end
	epicRefs    map[*lint.Issue]string
	sprintNames map[string][]string
	found       map[lint.FieldKind]bool
	problems    []lint.ValueProblem
}

type dateColumn struct {
	entry string // the dates.fields entry
	col   int
}

func (rd *reader) readHeader() error {
	rec, err := rd.csv.Read()
	if err == io.EOF {
		return &lint.InputError{Pos: lint.Position{Path: rd.path}, Msg: "empty file: expected a Jira CSV export starting with a header row"}
	}
	if err != nil {
		return rd.inputError(err)
	}
	names := append([]string(nil), rec...)
	rd.lastLine, _ = rd.csv.FieldPos(len(rec) - 1)
	rd.head = newHeader(names)
	keys := rd.head.system("key")
	if keys == nil {
		return &lint.InputError{Pos: lint.Position{Path: rd.path, Line: 1},
			Msg: `no "Issue key" column in the header row: expected a Jira CSV export (Export → CSV) or a JSON export`}
	}
	rd.key = keys[0]
	rd.roles = rd.head.roles(rd.cfg.Jira.Fields)
	for _, e := range rd.cfg.Dates.Fields {
		var cols []int
		switch normalizeHeader(e) {
		case "duedate", "due date":
			cols = rd.head.system("due")
		default:
			cols = rd.head.field(e)
		}
		if len(cols) > 0 {
			rd.dateCols = append(rd.dateCols, dateColumn{entry: e, col: cols[0]})
		}
	}
	rd.byKey = map[string]int{}
	rd.ids = map[string]string{}
	rd.parentRefs = map[*lint.Issue]string{}
	rd.epicRefs = map[*lint.Issue]string{}
	rd.sprintNames = map[string][]string{}
	rd.found = map[lint.FieldKind]bool{}
	return nil
}

// inputError turns a CSV error into an input error at its place.
func (rd *reader) inputError(err error) error {
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe):
		pos := lint.Position{Path: rd.path, Line: pe.Line, Column: pe.Column}
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine != pe.Line:
			pos.Column = 0
			pos.Line = pe.StartLine
			msg = fmt.Sprintf("quoted field starting on this line is not closed properly (error at line %d, column %d): expected a closing \" before the next separator", pe.Line, pe.Column)
		case errors.Is(pe.Err, csv.ErrQuote):
			msg = `extraneous or missing " in quoted field: expected "" for a quote inside a quoted field`
		case errors.Is(pe.Err, csv.ErrBareQuote):
			msg = `bare " in a field that is not quoted: expected the field in quotes, with "" for each quote inside`
		}
		return &lint.InputError{Pos: pos, Msg: msg, Err: err}
	case errors.Is(err, errRecordTooLarge):
		return &lint.InputError{Pos: lint.Position{Path: rd.path, Line: rd.lastLine + 1},
			Msg: fmt.Sprintf("the record starting on this line is larger than %d MiB: expected a Jira CSV export (is a quote left open?)", maxRecord>>20), Err: err}
	}
	return &lint.InputError{Pos: lint.Position{Path: rd.path}, Msg: "cannot read: " + err.Error(), Err: err}
}

// cell returns the trimmed value of a column of the current record, valid UTF-8.
func cell(rec []string, col int) string {
	if col < 0 || col >= len(rec) {
		return ""
	}
	v := strings.TrimSpace(rec[col])
	if !utf8.ValidString(v) {
		v = strings.ToValidUTF8(v, "\uFFFD")
	}
	return v
}

// first returns the value of the first of a system column's positions.
func (rd *reader) first(rec []string, name string) (string, int) {
	cols := rd.head.system(name)
	if cols == nil {
		return "", -1
	}
	return cell(rec, cols[0]), cols[0]
}

// all returns the non-empty values of a repeated column, in column order.
func all(rec []string, cols []int) []string {
	var out []string
	for _, c := range cols {
		if v := cell(rec, c); v != "" {
			out = append(out, v)
		}
	}
	return out
}

var issueKey = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*-[0-9]+$`)

func (rd *reader) readIssue(rec []string) {
	if blank(rec) {
		return
	}
	line, _ := rd.csv.FieldPos(0)
	key := cell(rec, rd.key)
	if !issueKey.MatchString(key) {
		rd.problem(rec, rd.key, "", key, "an issue key like PAY-12; the row is skipped")
		return
	}
	is := &lint.Issue{Key: key, ChangelogTotal: -1, Pos: lint.Position{Path: rd.path, Line: line}}
	is.ID, _ = rd.first(rec, "id")
	is.Type, _ = rd.first(rec, "type")
	is.Subtask = isSubtaskType(is.Type)
	is.Summary, _ = rd.first(rec, "summary")
	is.Description, _ = rd.first(rec, "description")
	is.Status, _ = rd.first(rec, "status")
	is.Resolution, _ = rd.first(rec, "resolution")
	if strings.EqualFold(is.Resolution, "Unresolved") {
		is.Resolution = ""
	}
	is.Priority, _ = rd.first(rec, "priority")
	is.Project, _ = rd.first(rec, "project key")
	if is.Project == "" {
		is.Project = strings.ToUpper(key[:strings.LastIndexByte(key, '-')])
	}
	cat, _ := rd.first(rec, "status category")
	is.StatusCategory = rd.statusCategory(cat, is.Status, is.Resolution)
	for _, l := range all(rec, rd.head.system("labels")) {
		// Labels cannot hold spaces, so a "current fields" export that joins them in one
		// cell is split safely.
		is.Labels = append(is.Labels, strings.Fields(l)...)
	}
	is.FixVersions = all(rec, rd.head.system("fix versions"))
	is.Assignee = rd.person(rec, "assignee")
	is.Reporter = rd.person(rec, "reporter")
	is.Creator = rd.person(rec, "creator")
	is.Created = rd.instant(rec, key, "created")
	is.Updated = rd.instant(rec, key, "updated")
	is.Resolved = rd.instant(rec, key, "resolved")
	if v, col := rd.first(rec, "due"); v != "" {
		if t, ok := rd.dates.parseDay(v); ok {
			is.Due = t
		} else {
			rd.problem(rec, col, key, v, expectedDate)
		}
	}
	rd.readParent(rec, is)
	rd.readRoles(rec, is)
	_, dueCol := rd.first(rec, "due")
	for _, dc := range rd.dateCols {
		if dc.col == dueCol {
			// Already read (and any problem reported) as the due date.
			if !is.Due.IsZero() {
				is.SetDate(dc.entry, is.Due)
			}
			continue
		}
		v := cell(rec, dc.col)
		if v == "" {
			continue
		}
		t, ok := rd.dates.parseDay(v)
		if !ok {
			rd.problem(rec, dc.col, key, v, expectedDate)
			continue
		}
		is.SetDate(dc.entry, t)
	}
	rd.add(is)
}

// add keeps an issue; a key seen twice in the file keeps the copy updated later, as inputs
// merge.
func (rd *reader) add(is *lint.Issue) {
	if is.ID != "" {
		rd.ids[is.ID] = is.Key
	}
	if n, ok := rd.byKey[is.Key]; ok {
		if !is.Updated.After(rd.issues[n].Updated) {
			return
		}
		old := rd.issues[n]
		delete(rd.parentRefs, old)
		delete(rd.epicRefs, old)
		rd.issues[n] = is
		return
	}
	rd.byKey[is.Key] = len(rd.issues)
	rd.issues = append(rd.issues, is)
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// isSubtaskType tells sub-task types by name, as the CSV export has no subtask flag:
// "Sub-task", "Subtask", "Sub-Task", "Sub-bug".
func isSubtaskType(t string) bool {
	n := strings.ToLower(strings.TrimSpace(t))
	return strings.HasPrefix(n, "sub-") || n == "subtask"
}

// Status names that say the category when the export has no "Status Category" column.
var (
	doneStatuses = []string{"done", "closed", "resolved"}
	newStatuses  = []string{"to do", "open", "backlog", "new", "selected for development", "reopened"}
	workStatuses = []string{"in progress", "in review", "in development", "code review", "review", "testing", "in testing", "qa", "in qa", "blocked"}
)

// statusCategory reads the "Status Category" column (its display names "To Do", "In
// Progress", "Done"), else infers the category: done when the issue has a resolution or a
// done status name (jira.done_statuses, Done, Closed, Resolved), new or in progress for
// common status names, and unknown ("") otherwise.
func (rd *reader) statusCategory(cat, status, resolution string) string {
	switch normalizeHeader(cat) {
	case "done", "complete":
		return lint.CategoryDone
	case "to do", "todo", "new", "open":
		return lint.CategoryNew
	case "in progress", "indeterminate":
		return lint.CategoryIndeterminate
	}
	s := normalizeHeader(status)
	switch {
	case resolution != "", contains(doneStatuses, s), containsFold(rd.cfg.Jira.DoneStatuses, status):
		return lint.CategoryDone
	case contains(newStatuses, s):
		return lint.CategoryNew
	case contains(workStatuses, s):
		return lint.CategoryIndeterminate
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(strings.TrimSpace(v), s) {
			return true
		}
	}
	return false
}

// person reads a user column and its "… Id" companion (the Cloud account id).
func (rd *reader) person(rec []string, col string) *lint.Person {
	name, _ := rd.first(rec, col)
	p := lint.PersonFromText(name)
	if id, _ := rd.first(rec, col+" id"); id != "" {
		p.AccountID = id
	}
	if p.IsZero() {
		return nil
	}
	return &p
}

// instant reads a date-time column; an unreadable value is a problem and the time stays zero.
func (rd *reader) instant(rec []string, key, col string) time.Time {
	v, c := rd.first(rec, col)
	if v == "" {
		return time.Time{}
	}
	t, ok := rd.dates.parse(v)
	if !ok {
		rd.problem(rec, c, key, v, expectedDate)
		return time.Time{}
	}
	return t
}

// readParent reads the parent: a key from "Parent key" or a key-like "Parent", else an
// issue id from "Parent id" or a numeric "Parent", resolved once the whole file is read.
func (rd *reader) readParent(rec []string, is *lint.Issue) {
	for _, name := range []string{"parent key", "parent", "parent id"} {
		v, _ := rd.first(rec, name)
		if v == "" {
			continue
		}
		if issueKey.MatchString(v) {
			is.Parent = v
			return
		}
		if isDigits(v) {
			rd.parentRefs[is] = v
			return
		}
	}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// readRoles reads the jira.fields roles from their custom field columns.
func (rd *reader) readRoles(rec []string, is *lint.Issue) {
	for _, k := range fieldRoles {
		rc, ok := rd.roles[k]
		if !ok {
			continue
		}
		v, col := cell(rec, rc.cols[0]), rc.cols[0]
		switch k {
		case lint.KindRank:
			is.Rank = v
		case lint.KindSprint:
			if names := all(rec, rc.cols); len(names) > 0 {
				rd.sprintNames[is.Key] = names
				rd.found[k] = true
			}
			continue
		case lint.KindEstimate, lint.KindValue:
			if v == "" {
				continue
			}
			f, ok := parseNumber(v)
			if !ok {
				rd.problem(rec, col, is.Key, v, "a number")
				continue
			}
			if k == lint.KindEstimate {
				is.Estimate = &f
			} else {
				is.Value = &f
			}
		case lint.KindAcceptance:
			is.Acceptance = v
		case lint.KindEpic:
			switch {
			case issueKey.MatchString(v):
				is.Epic = v
			case isDigits(v):
				rd.epicRefs[is] = v
			case v != "":
				rd.problem(rec, col, is.Key, v, "an issue key like PAY-12 or an issue id")
				continue
			}
		}
		if v != "" {
			rd.found[k] = true
		}
	}
}

// parseNumber reads an estimate or value: "5", "2.5", and "2,5" as some locales write it.
func parseNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		f, err = strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	}
	if err != nil || f != f || f > 1e15 || f < -1e15 {
		return 0, false
	}
	return f, true
}

// problem records an unreadable value at its cell.
func (rd *reader) problem(rec []string, col int, key, value, expected string) {
	line, column := rd.fieldPos(rec, col)
	field := ""
	if col >= 0 && col < len(rd.head.names) {
		field = rd.head.names[col]
	}
	rd.problems = append(rd.problems, lint.ValueProblem{
		Pos:      lint.Position{Path: rd.path, Line: line, Column: column},
		Subject:  key,
		Field:    field,
		Value:    shorten(value),
		Expected: expected,
	})
}

// fieldPos returns the line and column of a field of the current record; a field past the
// end of a short record is placed at the end of the record's last field.
func (rd *reader) fieldPos(rec []string, col int) (line, column int) {
	if len(rec) == 0 {
		return rd.lastLine, 0
	}
	if col < 0 || col >= len(rec) {
		line, _ = rd.csv.FieldPos(len(rec) - 1)
		return line, 0
	}
	return rd.csv.FieldPos(col)
}

// shorten keeps a value readable in a message.
func shorten(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

// result resolves parents and epics given by id and assembles what the file yields.
func (rd *reader) result() *jira.Result {
	for _, is := range rd.issues {
		if id, ok := rd.parentRefs[is]; ok {
			if k, ok := rd.ids[id]; ok {
				is.Parent = k
			}
		}
		if id, ok := rd.epicRefs[is]; ok {
			if k, ok := rd.ids[id]; ok {
				is.Epic = k
				rd.found[lint.KindEpic] = true
			}
		}
	}
	fields := map[lint.FieldKind]string{}
	for k, rc := range rd.roles {
		if rd.found[k] {
			fields[k] = rc.name
		}
	}
	return &jira.Result{
		Input:       lint.Input{Kind: "jira", Format: "csv", Path: rd.path, Issues: len(rd.issues), Fields: fields},
		Issues:      rd.issues,
		Sprints:     map[int]*lint.Sprint{},
		SprintNames: rd.sprintNames,
		Fields:      fields,
		Problems:    rd.problems,
	}
}
