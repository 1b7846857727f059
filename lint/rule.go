package lint

import (
	"fmt"
	"strings"
	"time"
)

// Severity orders findings; Off disables a rule.
type Severity int

// Severities, lowest first.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity reads "error", "warning", "info" or "off".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info", "note":
		return Info, nil
	case "off":
		return Off, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want error, warning, info or off)", s)
}

// MarshalText makes severities print as their names in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Category groups rules by the principle they check.
type Category string

// Rule categories, one per principle of the specification, plus data and housekeeping.
const (
	Ownership    Category = "ownership"
	Value        Category = "value"
	Scope        Category = "scope"
	Schedule     Category = "schedule"
	Roles        Category = "roles"
	Data         Category = "data"
	Housekeeping Category = "housekeeping"
)

// Role is a hat a person wears in a project.
type Role string

// The two roles hatcheck keeps apart.
const (
	ProductOwner   Role = "product_owner"
	ProjectManager Role = "project_manager"
)

// Rule is one check, declared as a value (like go/analysis.Analyzer). Its documentation
// feeds `hatcheck explain`, `hatcheck rules`, SARIF rule help and docs/rules.md.
type Rule struct {
	Name     string
	Category Category
	Severity Severity // default severity
	// DefaultOff rules run only when enabled by the config or --enable.
	DefaultOff bool
	Title      string // one line, lower case, no final period
	// Doc is Markdown with the sections the user reads in `hatcheck explain`: what it
	// checks, why (the principle), how to fix it, its options, and an example.
	Doc string
	// Roles the rule needs: for a project missing one of them, Pass.Issues skips the
	// project's issues (role-unassigned reports the gap).
	Needs []Role
	// Fields the rule needs: when one was found in no issue the rule is skipped
	// (field-not-found reports it, naming the rule).
	Fields []FieldKind
	// Plan rules need a plan; they are skipped without one.
	NeedsPlan bool
	// AfterWaivers rules run after every other rule, and their pass holds every finding
	// the others reported, with status and waiver (Pass.Findings, Pass.WaiverUsed): the
	// housekeeping rules that report on waivers need that.
	AfterWaivers bool
	// Check inspects pass.Project and reports through pass.Report. An error stops only
	// this rule; the engine reports it and goes on.
	Check func(pass *Pass) error
}

// Finding is one problem a rule reported. Rules fill Subject, Message, Location, Related,
// Evidence and Identity; the engine fills in the rest.
type Finding struct {
	Rule     string   `json:"rule"`
	Category Category `json:"category"`
	Severity Severity `json:"severity"`
	Subject  string   `json:"subject"`
	Message  string   `json:"message"`
	Location Position `json:"location"`
	// URL is a browse link for issue subjects, when a base URL is known.
	URL     string    `json:"url,omitempty"`
	Related []Related `json:"related,omitempty"`
	// Evidence is the facts behind the finding, which the JSON report writes as an object:
	// a map[string]any, or a struct, whose fields are written under their json tag names,
	// sorted like a map's keys (",omitempty" leaves out a zero value). Rules that report
	// thousands of findings give a struct: eight values take a hundred bytes, where a map
	// takes four hundred.
	Evidence any `json:"evidence,omitempty"`
	// Identity is what makes the finding this finding beyond rule and subject: a history
	// id, a sprint id, a task id. Never a line number or message text, so fingerprints
	// survive a re-export.
	Identity    []string `json:"-"`
	Fingerprint string   `json:"fingerprint"`
	Status      Status   `json:"status"`
	Waiver      *Waiver  `json:"waiver,omitempty"`
}

// Related is another place a finding involves.
type Related struct {
	Location Position `json:"location"`
	Message  string   `json:"message"`
}

// Status says whether a finding is new, known from the baseline, or waived.
type Status string

// Finding statuses.
const (
	StatusNew      Status = "new"
	StatusBaseline Status = "baseline"
	StatusWaived   Status = "waived"
)

// Counts reports whether the finding can fail the run.
func (f *Finding) Counts() bool { return f.Status == "" || f.Status == StatusNew }

// Report is what a run produced; every output format prints one.
type Report struct {
	Tool    Tool
	Now     time.Time
	Inputs  []Input
	Summary Summary
	// Findings are sorted (see SortFindings). They are pointers into the runs the rules
	// reported them in, so that a report of many findings never holds two copies of them.
	Findings []*Finding
	// Rules lists every rule that was enabled for the run, in catalogue order, for the
	// formats that describe rules (SARIF, JUnit).
	Rules []*Rule
	// Errors are rules that could not run.
	Errors []RuleError
	// Skipped are enabled rules the engine did not run, with why (no plan, a field not
	// found), in catalogue order.
	Skipped []RuleSkip
	// Backlog and Schedule are the data behind the HTML report's charts, filled by the
	// engine from the project so that formats never recompute anything.
	Backlog  []BacklogPoint
	Schedule []SchedulePoint
}

// BacklogPoint is one open ranked backlog item: its rank position and value.
type BacklogPoint struct {
	Project  string
	Key      string
	Rank     int      // 1 = top of the project's backlog
	Value    *float64 // nil without a value
	Inverted bool     // a rank-value-inversion finding names it
}

// SchedulePoint pairs a plan task's finish with the due date of an issue it names.
type SchedulePoint struct {
	Task   string // task id
	Name   string
	Key    string
	Finish time.Time
	Due    time.Time
}

// Tool names the program that wrote a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Summary counts findings.
type Summary struct {
	Total    int            `json:"total"`
	Error    int            `json:"error"`
	Warning  int            `json:"warning"`
	Info     int            `json:"info"`
	Waived   int            `json:"waived"`
	Baseline int            `json:"baseline"`
	New      int            `json:"new"`
	Fixed    int            `json:"fixed"`
	ByRule   map[string]int `json:"by_rule"`
	// Metrics: metric name -> project key -> value, e.g. value_rank_tau -> PAY -> 0.42.
	Metrics map[string]map[string]float64 `json:"metrics"`
}

// RuleError is a rule that failed to run.
type RuleError struct {
	Rule string `json:"rule"`
	Err  string `json:"error"`
}

// RuleSkip is an enabled rule that did not run, and why.
type RuleSkip struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// InputError is a problem with an input that stops the run (exit 2): it carries the place.
type InputError struct {
	Pos Position
	Msg string // what was found and what was expected
	Err error  // the underlying error, if any
}

func (e *InputError) Error() string {
	if e.Pos.IsZero() {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

func (e *InputError) Unwrap() error { return e.Err }
