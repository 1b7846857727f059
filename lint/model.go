// Package lint is the vocabulary every part of hatcheck shares: the project model that
// readers build (Issue, History, Sprint, Plan, Task, ChangeRequest), the rules that check it,
// the findings they report, the configuration, and the engine that runs rules over a project.
// It imports nothing else of hatcheck's.
package lint

import (
	"strconv"
	"strings"
	"time"
)

// Position is where a value came from: a line (and column) in a text input, or a sheet and
// cell in a workbook. For workbook positions Line holds the spreadsheet row, so findings sort
// and point (SARIF region.startLine) the same way for both kinds of input.
type Position struct {
	Path   string `json:"path,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Sheet  string `json:"sheet,omitempty"`
	Cell   string `json:"cell,omitempty"`
}

// IsZero reports whether the position names no place at all.
func (p Position) IsZero() bool { return p == Position{} }

// String renders the position as the text format shows it: "export.json:12", "plan.xlsx:Plan!F7",
// or "-" when nothing is known.
func (p Position) String() string {
	if p.Path == "" {
		return "-"
	}
	var b strings.Builder
	b.WriteString(p.Path)
	switch {
	case p.Sheet != "" && p.Cell != "":
		b.WriteString(":" + p.Sheet + "!" + p.Cell)
	case p.Sheet != "":
		b.WriteString(":" + p.Sheet)
	case p.Line > 0:
		b.WriteString(":" + strconv.Itoa(p.Line))
		if p.Column > 0 {
			b.WriteString(":" + strconv.Itoa(p.Column))
		}
	}
	return b.String()
}

// Person is someone seen in Jira. Cloud gives an AccountID; Server and Data Center give a
// Key and a Name; the email may be hidden. A person with no attribute at all (a change made
// by nobody Jira can name) matches no configured person.
type Person struct {
	AccountID   string `json:"account_id,omitempty"`
	Key         string `json:"key,omitempty"`
	Name        string `json:"name,omitempty"`
	Email       string `json:"email,omitempty"`
	DisplayName string `json:"display_name,omitempty"`
}

// IsZero reports whether Jira named nobody.
func (p Person) IsZero() bool { return p == Person{} }

// Value returns the person p points at, or the zero Person (nobody) when p is nil.
func (p *Person) Value() Person {
	if p == nil {
		return Person{}
	}
	return *p
}

// String is the most readable name for messages: display name, else email, name, key, id;
// "nobody" for a change without an author.
func (p Person) String() string {
	for _, s := range []string{p.DisplayName, p.Email, p.Name, p.Key, p.AccountID} {
		if s != "" {
			return s
		}
	}
	return "nobody"
}

// Status categories as Jira names them.
const (
	CategoryNew           = "new"
	CategoryIndeterminate = "indeterminate"
	CategoryDone          = "done"
)

// Issue is one Jira issue with the fields hatcheck reads and its changelog.
// Dates without a time (due date, Target start) are midnight UTC; a zero time means absent.
type Issue struct {
	Key, ID, Self  string
	Project        string // project key
	Type           string // issue type name
	Subtask        bool
	Summary        string
	Description    string // plain text; Atlassian Document Format text nodes joined
	Status         string
	StatusCategory string // CategoryNew, CategoryIndeterminate, CategoryDone, or ""
	Resolution     string
	Priority       string
	Labels         []string
	FixVersions    []string
	Assignee       *Person // nil when the issue names nobody; shared with the issue's other mentions
	Reporter       *Person
	Creator        *Person
	Created        time.Time
	Updated        time.Time
	Resolved       time.Time
	Due            time.Time // the duedate field
	Parent         string    // parent issue key (also an epic given as parent)
	Epic           string    // epic link key, from the epic field role

	// Fields resolved from jira.fields roles.
	Rank       string   // LexoRank; "" when unranked
	Sprints    []int    // ids of the sprints the issue is in now, see Project.Sprints
	Estimate   *float64 // nil when absent
	Value      *float64 // nil when absent
	Acceptance string   // acceptance criteria field text

	// Dates holds the values of the dates.fields entries the issue has, one per entry, in
	// the order the reader found them; absent fields have none. Date reads one.
	Dates []DateValue

	Histories []History // ordered by Created, then numeric ID
	// Changes holds the items of all the issue's histories, those of each history together
	// (Issue.Items gives them).
	Changes []Change
	// ChangelogTotal is the changelog's "total" when the input gave one, else -1.
	ChangelogTotal int

	Pos Position // where the issue object starts in its input
}

// DateValue is the value of one dates.fields entry of an issue.
type DateValue struct {
	Field string // the entry as configured: "duedate", "Target start"
	At    time.Time
}

// Date returns the value of a dates.fields entry, or the zero time when the issue has none.
func (i *Issue) Date(field string) time.Time {
	for _, d := range i.Dates {
		if d.Field == field {
			return d.At
		}
	}
	return time.Time{}
}

// SetDate sets the value of a dates.fields entry.
func (i *Issue) SetDate(field string, t time.Time) {
	for n := range i.Dates {
		if i.Dates[n].Field == field {
			i.Dates[n].At = t
			return
		}
	}
	i.Dates = append(i.Dates, DateValue{Field: field, At: t})
}

// ParentKeys returns the keys of the issue's parent and epic, without duplicates.
func (i *Issue) ParentKeys() []string {
	var keys []string
	if i.Parent != "" {
		keys = append(keys, i.Parent)
	}
	if i.Epic != "" && i.Epic != i.Parent {
		keys = append(keys, i.Epic)
	}
	return keys
}

// History is one changelog entry: who changed what, when.
//
// An export holds tens of histories per issue, so a history is kept small: its author is
// shared with every other change that person made, its items are a run of its issue's
// Changes (Issue.Items), and its place is a line and column in the input its issue came
// from (Issue.PosOf turns it into a Position).
type History struct {
	ID      HistoryID
	Author  *Person // nil when Jira names no author
	Created Instant
	Line    int32
	Column  int32
	// ItemsFrom and ItemsTo bound the history's items in its issue's Changes.
	ItemsFrom, ItemsTo int32
}

// Items returns the items of one of the issue's histories.
func (i *Issue) Items(h *History) []Change {
	return i.Changes[h.ItemsFrom:h.ItemsTo:h.ItemsTo]
}

// AddHistory appends a history and its items to the issue, and returns it.
func (i *Issue) AddHistory(h History, items ...Change) *History {
	h.ItemsFrom = int32(len(i.Changes))
	i.Changes = append(i.Changes, items...)
	h.ItemsTo = int32(len(i.Changes))
	i.Histories = append(i.Histories, h)
	return &i.Histories[len(i.Histories)-1]
}

// By returns who made the change; the zero Person when Jira names nobody.
func (h *History) By() Person { return h.Author.Value() }

// PosOf returns where one of the issue's histories starts in the issue's input.
func (i *Issue) PosOf(h *History) Position {
	if h.Line == 0 {
		return Position{Path: i.Pos.Path}
	}
	return Position{Path: i.Pos.Path, Line: int(h.Line), Column: int(h.Column)}
}

// HistoryID is a changelog entry's Jira id. Jira's ids are decimal numbers, and one is
// held as its number: eight bytes, where the text took twenty-three, for each of the
// hundreds of thousands of entries of a large export. The zero HistoryID is no id.
type HistoryID uint64

// ParseHistoryID returns the id a changelog entry's "id" text gives: a decimal number
// written as Jira writes it (no sign, no leading zero, at most 19 digits). Any other text
// is no id, and findings name such an entry by its time, as they do an entry without one.
func ParseHistoryID[T string | []byte](s T) HistoryID {
	if len(s) == 0 || len(s) > 19 || s[0] == '0' {
		return 0
	}
	var n uint64
	for i := range len(s) {
		c := s[i]
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + uint64(c-'0')
	}
	return HistoryID(n)
}

// String returns the id as Jira writes it, or "" for no id.
func (id HistoryID) String() string {
	if id == 0 {
		return ""
	}
	return strconv.FormatUint(uint64(id), 10)
}

// AppendText appends the id as Jira writes it: JSON reports show it as text, as Jira does.
func (id HistoryID) AppendText(b []byte) ([]byte, error) {
	if id == 0 {
		return b, nil
	}
	return strconv.AppendUint(b, uint64(id), 10), nil
}

// MarshalText is AppendText to a new slice.
func (id HistoryID) MarshalText() ([]byte, error) { return id.AppendText(nil) }

// Instant is a time to the millisecond (Jira's precision), in a third of a time.Time's
// size: an export holds hundreds of thousands of histories. The zero Instant is the zero
// time.
type Instant int64

// zeroMillis is the zero time in Unix milliseconds.
var zeroMillis = time.Time{}.UnixMilli()

// InstantOf returns the instant of t, to the millisecond.
func InstantOf(t time.Time) Instant { return Instant(t.UnixMilli() - zeroMillis) }

// Time returns the instant as a time in UTC.
func (i Instant) Time() time.Time { return time.UnixMilli(int64(i) + zeroMillis).UTC() }

// AppendText appends the instant as findings' evidence shows times: RFC 3339 in UTC, to
// the second; the zero Instant as nothing.
func (i Instant) AppendText(b []byte) ([]byte, error) {
	if i == 0 {
		return b, nil
	}
	return i.Time().AppendFormat(b, time.RFC3339), nil
}

// MarshalText is AppendText to a new slice.
func (i Instant) MarshalText() ([]byte, error) { return i.AppendText(nil) }

// FieldKind is what a changelog item or a field is to hatcheck, resolved by the reader from
// field ids, names and the configured jira.fields roles.
type FieldKind string

// Field kinds. KindDate marks a field listed in dates.fields; its configured entry is in
// Change.DateField.
const (
	KindOther      FieldKind = ""
	KindRank       FieldKind = "rank"
	KindSprint     FieldKind = "sprint"
	KindEstimate   FieldKind = "estimate"
	KindValue      FieldKind = "value"
	KindAcceptance FieldKind = "acceptance"
	KindEpic       FieldKind = "epic"
	KindParent     FieldKind = "parent"
	KindPriority   FieldKind = "priority"
	KindStatus     FieldKind = "status"
	KindLabels     FieldKind = "labels"
	KindDate       FieldKind = "date"
)

// Change is one item of a history: a field, and its value before and after.
//
// An export holds hundreds of thousands of changes to a few dozen fields, from and to a few
// thousand values (statuses, sprints, dates, "Ranked higher"), so both are held once and
// shared: c.Field, c.Kind, c.From and the rest read through the pointers, which are never
// nil in a Change a reader made.
type Change struct {
	*ChangedField
	*ChangeValues
}

// ChangeValues are a changelog item's values: ids (From, To) and text as Jira shows it.
type ChangeValues struct {
	From       string
	FromString string
	To         string
	ToString   string
}

// ChangedField is the field a changelog item changed, as hatcheck resolved it.
type ChangedField struct {
	Field     string // as Jira names it: "Rank", "Sprint", "duedate"
	FieldType string // "jira" or "custom"
	FieldID   string // optional in exports
	Kind      FieldKind
	DateField string // for KindDate: the dates.fields entry it matched
}

// Sprint is a sprint known from the sprint field values of all issues, merged by id.
type Sprint struct {
	ID       int
	Name     string
	State    string // "active", "closed", "future" (lower case)
	BoardID  int
	Start    time.Time
	End      time.Time
	Complete time.Time
}

// Input describes one input file as the JSON report lists it.
type Input struct {
	Kind           string `json:"kind"` // "jira" or "plan"
	Format         string `json:"-"`    // "json", "csv", "xlsx", "fetch"
	Path           string `json:"path"`
	Issues         int    `json:"issues,omitempty"`
	Tasks          int    `json:"tasks,omitempty"`
	ChangeRequests int    `json:"change_requests,omitempty"`
	Histories      int    `json:"-"` // changelog histories read; 0 means the input has no history

	// Fields maps each field role this Jira input resolved on its own (custom fields are
	// found per export, SPEC §4.1) to the field id or name it was found as. Nil when the
	// input was not read role by role; then Project.Fields speaks for it.
	Fields map[FieldKind]string `json:"-"`
}

// ValueProblem is a single value a reader could not read as its type. The item is kept
// without the value; the input-value-invalid rule reports it.
type ValueProblem struct {
	Pos      Position
	Subject  string // issue key or task id, when known
	Field    string // field or column role
	Value    string // the text that could not be read, shortened
	Expected string // "a date like 2026-03-10", "a number", ...
}

// Project is everything a run checks: the Jira issues, the sprints, the plan, and what the
// readers could not read.
type Project struct {
	Issues  []*Issue        // sorted by input position; keys are unique
	Sprints map[int]*Sprint // merged by id
	Plan    *Plan           // nil without a plan
	Inputs  []Input

	// Fields maps each field role (rank, sprint, estimate, value, acceptance, epic) to the
	// Jira field id or name it was resolved to; a role missing here was found in no issue.
	Fields map[FieldKind]string

	Problems []ValueProblem
}

// HasField reports whether the issue can hold a value for the field role: the role was
// resolved in the project and in the input the issue came from. An issue of an export in
// which no issue has the role's field has no value for it, so the rules needing the role
// have nothing to check in it, and must not read the missing value as an empty one.
func (p *Project) HasField(i *Issue, k FieldKind) bool {
	if _, ok := p.Fields[k]; !ok {
		return false
	}
	for n := range p.Inputs {
		in := &p.Inputs[n]
		if in.Kind == "jira" && in.Path == i.Pos.Path && in.Fields != nil {
			_, ok := in.Fields[k]
			return ok
		}
	}
	return true
}

// Issue returns the issue with the given key, or nil.
func (p *Project) Issue(key string) *Issue {
	for _, i := range p.Issues {
		if i.Key == key {
			return i
		}
	}
	return nil
}

// LinkType is a predecessor link type.
type LinkType string

// Predecessor link types.
const (
	FinishToStart  LinkType = "FS"
	StartToStart   LinkType = "SS"
	FinishToFinish LinkType = "FF"
	StartToFinish  LinkType = "SF"
)

// Link is one predecessor entry of a task: REF[TYPE][LAG].
type Link struct {
	Ref  string   // task id or WBS code as written
	Type LinkType // FS when not written
	// Lag in days: working days (Monday to Friday) unless Elapsed, then calendar days.
	// Hours are converted at 8 a day, rounded up; weeks are 5 working or 7 elapsed days.
	Lag     int
	Elapsed bool
	Raw     string // the entry as written
}

// Task is one row of the plan sheet whose name cell is not empty.
type Task struct {
	ID        string // id cell, else the 1-based position among the sheet's tasks
	WBS       string // WBS code, when the sheet has a WBS column besides its id column
	Row       int
	Name      string
	Level     int // 1 for top level
	Summary   bool
	Milestone bool
	Jira      []string // keys named in the jira cell (text or hyperlink)
	Owner     string
	Status    string

	Start, Finish                 time.Time // midnight UTC; zero when absent
	BaselineStart, BaselineFinish time.Time
	Duration                      *float64 // days, when the plan gives it
	Percent                       *float64 // 0..100, when the plan gives it

	Predecessors []Link
	Parent       *Task   // the summary task above, nil at the top
	Children     []*Task // tasks directly below

	// Cells maps a column role ("name", "finish", "predecessors") to the cell reference of
	// this row ("F7"), so a finding can point at the exact cell.
	Cells map[string]string
}

// ChangeRequest is one row of the plan's change-log sheet.
type ChangeRequest struct {
	ID          string
	Row         int
	Jira        []string
	Tasks       []string
	Status      string
	Approver    string
	ApprovedOn  time.Time // zero when empty
	Description string
	Cells       map[string]string
}

// Plan is the PM's project plan read from a workbook.
type Plan struct {
	Path         string
	Sheet        string
	HeaderRow    int
	Columns      map[string]string // column role -> header text as found
	Tasks        []*Task           // in sheet order
	ChangesSheet string            // "" when the workbook has none
	Changes      []*ChangeRequest
}

// HasColumn reports whether the plan sheet has a column for the role.
func (p *Plan) HasColumn(role string) bool { _, ok := p.Columns[role]; return ok }

// Task returns the task with the given id, else the task with that WBS code, or nil.
func (p *Plan) Task(id string) *Task {
	for _, t := range p.Tasks {
		if t.ID == id {
			return t
		}
	}
	for _, t := range p.Tasks {
		if t.WBS == id && id != "" {
			return t
		}
	}
	return nil
}

// Pos returns the position of a task's cell for a column role, falling back to the name cell.
func (p *Plan) Pos(t *Task, role string) Position {
	cell := t.Cells[role]
	if cell == "" {
		cell = t.Cells["name"]
	}
	return Position{Path: p.Path, Line: t.Row, Sheet: p.Sheet, Cell: cell}
}

// ChangePos returns the position of a change request's cell for a column role.
func (p *Plan) ChangePos(c *ChangeRequest, role string) Position {
	cell := c.Cells[role]
	if cell == "" {
		cell = c.Cells["id"]
	}
	return Position{Path: p.Path, Line: c.Row, Sheet: p.ChangesSheet, Cell: cell}
}
