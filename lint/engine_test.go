package lint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// reporting returns a Check that reports the given findings.
func reporting(fs ...Finding) func(*Pass) error {
	return func(p *Pass) error {
		for _, f := range fs {
			p.Report(f)
		}
		return nil
	}
}

func issueFinding(key, history string, line int, msg string) Finding {
	f := Finding{Subject: key, Message: msg, Location: Position{Path: "export.json", Line: line}}
	if history != "" {
		f.Identity = []string{history}
	}
	return f
}

// catalogue builds a small rule catalogue for engine tests.
func catalogue() []*Rule {
	return []*Rule{
		{Name: "rank-changed-by-non-po", Category: Ownership, Severity: Error, Check: reporting(
			issueFinding("PAY-2", "h20", 30, "ranked by Bo"),
			issueFinding("PAY-1", "h10", 12, "ranked by Bo"),
		)},
		{Name: "value-missing", Category: Value, Severity: Warning, Check: reporting(
			issueFinding("PAY-1", "", 10, "no value"),
			issueFinding("OPS-3", "", 5, "no value"),
		)},
		{Name: "done-without-po-acceptance", Category: Ownership, Severity: Error, DefaultOff: true, Check: reporting(
			issueFinding("PAY-9", "h90", 90, "closed by Bo"),
		)},
		{Name: "plan-task-unowned", Category: Schedule, Severity: Warning, NeedsPlan: true, Check: reporting(
			Finding{Subject: "3", Message: "no owner", Location: Position{Path: "plan.xlsx", Sheet: "Plan", Line: 4, Cell: "D4"}},
		)},
		{Name: "unranked-item", Category: Value, Severity: Warning, Fields: []FieldKind{KindRank}, Check: reporting(
			issueFinding("PAY-5", "", 50, "unranked"),
		)},
		{Name: "role-unassigned", Category: Roles, Severity: Error, Check: reporting(
			Finding{Subject: "OPS", Message: "OPS has no product owner"},
		)},
	}
}

func names(rules []*Rule) []string {
	var out []string
	for _, r := range rules {
		out = append(out, r.Name)
	}
	return out
}

type row struct {
	Rule, Subject string
	Severity      Severity
	Status        Status
}

func rows(r *Report) []row {
	var out []row
	for _, f := range r.Findings {
		out = append(out, row{f.Rule, f.Subject, f.Severity, f.Status})
	}
	return out
}

func config(t *testing.T, text string) *Config {
	t.Helper()
	c, err := ParseConfig(".hatcheck.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var now = time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC)

func run(t *testing.T, p *Project, c *Config, rules []*Rule, b *Baseline) *Report {
	t.Helper()
	r, err := Run(p, c, rules, RunOptions{Now: now, Tool: Tool{Name: "hatcheck", Version: "test"}, Baseline: b})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRunDefaults(t *testing.T) {
	p := &Project{Fields: map[FieldKind]string{}, Inputs: []Input{{Kind: "jira", Path: "export.json", Issues: 9}}}
	r := run(t, p, DefaultConfig(), catalogue(), nil)

	if want := []string{"rank-changed-by-non-po", "value-missing", "plan-task-unowned", "unranked-item", "role-unassigned"}; !reflect.DeepEqual(names(r.Rules), want) {
		t.Errorf("Rules = %v, want %v", names(r.Rules), want)
	}
	wantSkipped := []RuleSkip{
		{Rule: "plan-task-unowned", Reason: "no plan was given"},
		{Rule: "unranked-item", Reason: "the rank field was found in no issue"},
	}
	if !reflect.DeepEqual(r.Skipped, wantSkipped) {
		t.Errorf("Skipped = %+v, want %+v", r.Skipped, wantSkipped)
	}
	// Sorted by path (no place first), then line, then rule.
	want := []row{
		{"role-unassigned", "OPS", Error, StatusNew},
		{"value-missing", "OPS-3", Warning, StatusNew},
		{"value-missing", "PAY-1", Warning, StatusNew},
		{"rank-changed-by-non-po", "PAY-1", Error, StatusNew},
		{"rank-changed-by-non-po", "PAY-2", Error, StatusNew},
	}
	if got := rows(r); !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n got %v\nwant %v", got, want)
	}
	f := r.Findings[3]
	if f.Category != Ownership || f.Message != "ranked by Bo" || f.Location != (Position{Path: "export.json", Line: 12}) {
		t.Errorf("finding = %+v", f)
	}
	if len(f.Fingerprint) != 32 || f.Fingerprint != Fingerprint("rank-changed-by-non-po", "PAY-1", []string{"h10"}) {
		t.Errorf("fingerprint = %q", f.Fingerprint)
	}
	wantSummary := Summary{Total: 5, Error: 3, Warning: 2, New: 5,
		ByRule:  map[string]int{"rank-changed-by-non-po": 2, "value-missing": 2, "role-unassigned": 1},
		Metrics: map[string]map[string]float64{}}
	if !reflect.DeepEqual(r.Summary, wantSummary) {
		t.Errorf("summary = %+v, want %+v", r.Summary, wantSummary)
	}
	if r.Now != now || r.Tool.Version != "test" || len(r.Inputs) != 1 || len(r.Errors) != 0 {
		t.Errorf("report header: now %v, tool %v, inputs %v, errors %v", r.Now, r.Tool, r.Inputs, r.Errors)
	}
	if ExitCode(r, Error) != 1 || ExitCode(r, Off) != 0 {
		t.Errorf("exit codes: %d for error, %d for never", ExitCode(r, Error), ExitCode(r, Off))
	}
}

func TestRunSelection(t *testing.T) {
	p := &Project{Fields: map[FieldKind]string{KindRank: "customfield_10019"}, Plan: &Plan{Path: "plan.xlsx"}}
	tests := []struct {
		name   string
		config string
		edit   func(*Config)
		want   []string
		sev    map[string]Severity
	}{
		{name: "severity override and off",
			config: "rules:\n  rank-changed-by-non-po: warning\n  value-missing: off\n",
			want:   []string{"rank-changed-by-non-po", "plan-task-unowned", "unranked-item", "role-unassigned"},
			sev:    map[string]Severity{"rank-changed-by-non-po": Warning}},
		{name: "a severity enables a rule off by default",
			config: "rules:\n  done-without-po-acceptance: warning\n",
			want:   []string{"rank-changed-by-non-po", "value-missing", "done-without-po-acceptance", "plan-task-unowned", "unranked-item", "role-unassigned"},
			sev:    map[string]Severity{"done-without-po-acceptance": Warning}},
		{name: "enable and disable",
			config: "enable: [done-without-po-acceptance]\ndisable: [value-missing, role-unassigned]\n",
			want:   []string{"rank-changed-by-non-po", "done-without-po-acceptance", "plan-task-unowned", "unranked-item"},
			sev:    map[string]Severity{"done-without-po-acceptance": Error}},
		{name: "disable wins over enable",
			config: "enable: [value-missing]\ndisable: [value-missing]\n",
			want:   []string{"rank-changed-by-non-po", "plan-task-unowned", "unranked-item", "role-unassigned"}},
		{name: "only, in catalogue order, even for rules off",
			config: "rules: {role-unassigned: off}\nonly: [role-unassigned, done-without-po-acceptance]\n",
			want:   []string{"done-without-po-acceptance", "role-unassigned"},
			sev:    map[string]Severity{"role-unassigned": Error}},
		{name: "flags replace the file's lists",
			config: "only: [value-missing]\n",
			edit:   func(c *Config) { c.Only = []string{"unranked-item"} },
			want:   []string{"unranked-item"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := config(t, tt.config)
			if tt.edit != nil {
				tt.edit(c)
			}
			r := run(t, p, c, catalogue(), nil)
			if !reflect.DeepEqual(names(r.Rules), tt.want) {
				t.Errorf("Rules = %v, want %v", names(r.Rules), tt.want)
			}
			for _, f := range r.Findings {
				if want, ok := tt.sev[f.Rule]; ok && f.Severity != want {
					t.Errorf("%s finding at %v, want %v", f.Rule, f.Severity, want)
				}
			}
		})
	}
}

func TestRunWithoutProjectOrConfig(t *testing.T) {
	r, err := Run(nil, nil, []*Rule{{Name: "a", Severity: Info}}, RunOptions{Now: now})
	if err != nil || r.Findings == nil || len(r.Findings) != 0 || r.Summary.ByRule == nil || ExitCode(r, Info) != 0 {
		t.Errorf("Run(nil, nil) = %+v, %v; want an empty report", r, err)
	}
}

func TestRunUnknownRuleName(t *testing.T) {
	c := config(t, "rules:\n  value-missing: info\n  valeu-missing: off\n")
	_, err := Run(&Project{}, c, catalogue(), RunOptions{Now: now})
	want := `.hatcheck.yaml:3: rules: unknown rule "valeu-missing" (did you mean "value-missing"?)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	c = DefaultConfig()
	c.Enable = []string{"bogus"}
	if _, err := Run(&Project{}, c, catalogue(), RunOptions{Now: now}); err == nil || err.Error() != `--enable: unknown rule "bogus" (hatcheck rules lists them)` {
		t.Errorf("error = %v", err)
	}
}

func TestRunWaivers(t *testing.T) {
	c := config(t, `
timezone: Pacific/Auckland
waivers:
  - rule: value-missing
    subject: "PAY-?"
    reason: values come from the next workshop
  - rule: value-missing
    subject: "*"
    reason: shadowed by the first for PAY-1
  - rule: rank-changed-by-non-po
    subject: PAY-*
    reason: reorganisation week
    expires: 2026-03-31
  - rule: role-unassigned
    subject: OPS
    reason: ops has no PO yet
    expires: 2026-03-30
  - rule: rank-changed-by-non-po
    subject: WEB-*
    reason: matches nothing
`)
	var seen []*Finding
	var used, expired []bool
	housekeeping := &Rule{Name: "waiver-unused", Category: Housekeeping, Severity: Info, AfterWaivers: true, Check: func(p *Pass) error {
		seen = p.Findings
		for i := range p.Config.Waivers {
			used = append(used, p.WaiverUsed(i))
			if !p.WaiverUsed(i) {
				w := p.Config.Waivers[i]
				p.Report(Finding{Subject: w.Rule + " " + w.Subject, Message: "waiver matched no finding", Location: w.Pos})
			}
		}
		for _, w := range p.Config.Waivers {
			expired = append(expired, p.WaiverExpired(w))
		}
		return nil
	}}
	rules := append(catalogue(), housekeeping)
	p := &Project{Fields: map[FieldKind]string{}}
	// At 12:00 UTC on the 31st it is already April 1st in Auckland: the waiver that
	// expires on March 31st no longer applies.
	r := run(t, p, c, rules, nil)
	// The housekeeping finding points at the config file, so it sorts by that place.
	want := []row{
		{"role-unassigned", "OPS", Error, StatusNew}, // its waiver expired on the 30th
		{"waiver-unused", "rank-changed-by-non-po WEB-*", Info, StatusNew},
		{"value-missing", "OPS-3", Warning, StatusWaived},
		{"value-missing", "PAY-1", Warning, StatusWaived},
		{"rank-changed-by-non-po", "PAY-1", Error, StatusNew},
		{"rank-changed-by-non-po", "PAY-2", Error, StatusNew},
	}
	if got := rows(r); !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n got %v\nwant %v", got, want)
	}
	if len(r.Errors) != 0 {
		t.Fatalf("errors: %v", r.Errors)
	}
	if want := []bool{true, true, true, true, false}; !reflect.DeepEqual(used, want) {
		t.Errorf("WaiverUsed = %v, want %v", used, want)
	}
	if want := []bool{false, false, true, true, false}; !reflect.DeepEqual(expired, want) {
		t.Errorf("WaiverExpired = %v, want %v", expired, want)
	}
	if len(seen) != 5 {
		t.Errorf("the housekeeping rule saw %d findings, want the 5 of the other rules", len(seen))
	}
	for _, f := range r.Findings {
		switch {
		case f.Subject == "PAY-1" && f.Rule == "value-missing":
			if f.Waiver == nil || f.Waiver.Reason != "values come from the next workshop" {
				t.Errorf("PAY-1 waived by %+v, want the first matching waiver", f.Waiver)
			}
		case f.Status != StatusWaived && f.Waiver != nil:
			t.Errorf("%s %s: not waived but has waiver %+v", f.Rule, f.Subject, f.Waiver)
		}
	}
	if r.Summary.Waived != 2 || r.Summary.Total != 4 || r.Summary.Info != 1 {
		t.Errorf("summary = %+v", r.Summary)
	}

	// At 23:59 on the 30th in Auckland, the waiver expiring on the 30th still applies: a
	// waiver holds through the whole of its last day. Only the unused waiver is left.
	used, expired = nil, nil
	r, err := Run(p, c, rules, RunOptions{Now: time.Date(2026, 3, 30, 10, 59, 0, 0, time.UTC)})
	if err != nil || len(r.Errors) > 0 {
		t.Fatal(err, r.Errors)
	}
	if want := []bool{false, false, false, false, false}; !reflect.DeepEqual(expired, want) {
		t.Errorf("WaiverExpired on the 30th = %v, want %v", expired, want)
	}
	want = []row{
		{"role-unassigned", "OPS", Error, StatusWaived},
		{"waiver-unused", "rank-changed-by-non-po WEB-*", Info, StatusNew},
		{"value-missing", "OPS-3", Warning, StatusWaived},
		{"value-missing", "PAY-1", Warning, StatusWaived},
		{"rank-changed-by-non-po", "PAY-1", Error, StatusWaived},
		{"rank-changed-by-non-po", "PAY-2", Error, StatusWaived},
	}
	if got := rows(r); !reflect.DeepEqual(got, want) {
		t.Errorf("findings on the 30th:\n got %v\nwant %v", got, want)
	}
	if ExitCode(r, Warning) != 0 || ExitCode(r, Info) != 1 {
		t.Errorf("exit codes %d, %d; want 0 failing on warnings, 1 on info", ExitCode(r, Warning), ExitCode(r, Info))
	}
}

func TestWaiverMatches(t *testing.T) {
	for _, tt := range []struct {
		pattern, subject string
		want             bool
	}{
		{"PAY-12", "PAY-12", true},
		{"PAY-12", "PAY-123", false},
		{"PAY-1?", "PAY-12", true},
		{"PAY-1?", "PAY-1", false},
		{"PAY-*", "PAY-1", true},
		{"*", "exports/jira.json", true},
		{"exports/*", "exports/old/jira.json", true},
		{"rank-changed-by-non-po/WEB-*", "rank-changed-by-non-po/WEB-7", true},
		{"1.[23]", "1.3", true},
		{"1.[23]", "1.4", false},
		{"pay-12", "PAY-12", false},
	} {
		w := Waiver{Rule: "r", Subject: tt.pattern}
		if got := w.Matches(&Finding{Rule: "r", Subject: tt.subject}); got != tt.want {
			t.Errorf("waiver %q on %q: %v, want %v", tt.pattern, tt.subject, got, tt.want)
		}
	}
	w := Waiver{Rule: "r", Subject: "*"}
	if w.Matches(&Finding{Rule: "s", Subject: "PAY-1"}) {
		t.Errorf("a waiver must not match another rule's findings")
	}
}

func TestRunBaseline(t *testing.T) {
	p := &Project{Fields: map[FieldKind]string{}}
	c := config(t, "only: [rank-changed-by-non-po, value-missing]\n")
	b := &Baseline{Findings: map[string]string{
		Fingerprint("rank-changed-by-non-po", "PAY-1", []string{"h10"}): "rank-changed-by-non-po",
		Fingerprint("value-missing", "PAY-1", nil):                      "value-missing",
		Fingerprint("value-missing", "PAY-4", nil):                      "value-missing",          // fixed since
		Fingerprint("unranked-item", "PAY-5", nil):                      "unranked-item",          // did not run: not fixed
		Fingerprint("rank-changed-by-non-po", "PAY-1", []string{"h11"}): "rank-changed-by-non-po", // fixed since
	}}
	var seen []Status
	observer := &Rule{Name: "waiver-unused", AfterWaivers: true, Check: func(p *Pass) error {
		for _, f := range p.Findings {
			seen = append(seen, f.Status)
		}
		return nil
	}}
	c.Only = append(c.Only, "waiver-unused")
	r := run(t, p, c, append(catalogue(), observer), b)
	if want := []Status{StatusNew, StatusBaseline, StatusBaseline, StatusNew}; !reflect.DeepEqual(seen, want) {
		t.Errorf("the housekeeping rule saw statuses %v, want %v", seen, want)
	}
	want := []row{
		{"value-missing", "OPS-3", Warning, StatusNew},
		{"value-missing", "PAY-1", Warning, StatusBaseline},
		{"rank-changed-by-non-po", "PAY-1", Error, StatusBaseline},
		{"rank-changed-by-non-po", "PAY-2", Error, StatusNew},
	}
	if got := rows(r); !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n got %v\nwant %v", got, want)
	}
	s := r.Summary
	if s.Total != 2 || s.New != 2 || s.Baseline != 2 || s.Fixed != 2 || s.Error != 1 || s.Warning != 1 {
		t.Errorf("summary = %+v", s)
	}
	if !reflect.DeepEqual(s.ByRule, map[string]int{"value-missing": 1, "rank-changed-by-non-po": 1}) {
		t.Errorf("by_rule = %v", s.ByRule)
	}

	// With only the baselined rank finding left, the run no longer fails on errors.
	c = config(t, "only: [rank-changed-by-non-po]\n")
	c.Waivers = []Waiver{{Rule: "rank-changed-by-non-po", Subject: "PAY-2", Reason: "r"}}
	r = run(t, p, c, catalogue(), b)
	if ExitCode(r, Error) != 0 || ExitCode(r, Info) != 0 {
		t.Errorf("waived and baseline findings must never fail the run: %v", rows(r))
	}
}

func TestFingerprintsSurviveReexport(t *testing.T) {
	first := []*Rule{{Name: "rank-changed-by-non-po", Severity: Error, Check: reporting(
		issueFinding("PAY-1", "h10", 12, "ranked by Bo Diaz on 3 March"),
		issueFinding("PAY-1", "h11", 14, "ranked by Bo Diaz on 4 March"),
	)}}
	// The same changes after a re-export: other lines, reworded messages, other order.
	second := []*Rule{{Name: "rank-changed-by-non-po", Severity: Error, Check: reporting(
		issueFinding("PAY-1", "h11", 140, "Bo ranked it on 2026-03-04"),
		issueFinding("PAY-1", "h10", 120, "Bo ranked it on 2026-03-03"),
	)}}
	fps := func(rules []*Rule) map[string]string {
		r := run(t, &Project{}, DefaultConfig(), rules, nil)
		out := map[string]string{}
		for _, f := range r.Findings {
			out[f.Identity[0]] = f.Fingerprint
		}
		return out
	}
	a, b := fps(first), fps(second)
	if !reflect.DeepEqual(a, b) || a["h10"] == a["h11"] {
		t.Errorf("fingerprints changed or collide: %v then %v", a, b)
	}
	if got := Fingerprint("r", "s", []string{"1"}); got != "3b5193dee07483277dd6d98683848e47" {
		t.Errorf("Fingerprint changed: %s (a change breaks every baseline)", got)
	}
	if Fingerprint("a", "bc", nil) == Fingerprint("ab", "c", nil) {
		t.Errorf("parts must not run together")
	}
}

func TestDuplicateFingerprintsAreNumbered(t *testing.T) {
	rules := []*Rule{{Name: "plan-dates-invalid", Severity: Error, Check: reporting(
		Finding{Subject: "7", Message: "b", Location: Position{Path: "plan.xlsx", Sheet: "Plan", Line: 8}},
		Finding{Subject: "7", Message: "a", Location: Position{Path: "plan.xlsx", Sheet: "Plan", Line: 8}},
	)}}
	r := run(t, &Project{}, DefaultConfig(), rules, nil)
	base := Fingerprint("plan-dates-invalid", "7", nil)
	if r.Findings[0].Message != "a" || r.Findings[0].Fingerprint != base ||
		r.Findings[1].Fingerprint != Fingerprint("plan-dates-invalid", "7", []string{"#2"}) {
		t.Errorf("fingerprints: %s %s, %s %s", r.Findings[0].Message, r.Findings[0].Fingerprint, r.Findings[1].Message, r.Findings[1].Fingerprint)
	}
}

func TestSortFindings(t *testing.T) {
	fs := []*Finding{
		{Rule: "b", Subject: "X", Location: Position{Path: "plan.xlsx", Sheet: "Plan", Line: 10, Cell: "AA10"}},
		{Rule: "b", Subject: "X", Location: Position{Path: "plan.xlsx", Sheet: "Plan", Line: 10, Cell: "B10"}},
		{Rule: "a", Subject: "Z", Location: Position{Path: "plan.xlsx", Sheet: "Plan", Line: 9, Cell: "C9"}},
		{Rule: "a", Subject: "Y", Location: Position{Path: "plan.xlsx", Sheet: "Changes", Line: 30, Cell: "A30"}},
		{Rule: "z", Subject: "PAY-1", Location: Position{Path: "a.json", Line: 100}},
		{Rule: "z", Subject: "PAY-1", Message: "b", Location: Position{Path: "a.json", Line: 20}},
		{Rule: "z", Subject: "PAY-1", Message: "a", Location: Position{Path: "a.json", Line: 20}},
		{Rule: "y", Subject: "PAY-2", Location: Position{Path: "a.json", Line: 20}},
		{Rule: "c", Subject: "rank"},
		{Rule: "c", Subject: "estimate"},
	}
	SortFindings(fs)
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s %s %s %s", f.Location, f.Rule, f.Subject, f.Message))
	}
	want := []string{
		"- c estimate ", "- c rank ",
		"a.json:20 y PAY-2 ", "a.json:20 z PAY-1 a", "a.json:20 z PAY-1 b", "a.json:100 z PAY-1 ",
		"plan.xlsx:Changes!A30 a Y ", "plan.xlsx:Plan!C9 a Z ", "plan.xlsx:Plan!B10 b X ", "plan.xlsx:Plan!AA10 b X ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order:\n got %q\nwant %q", got, want)
	}
}

func TestExitCode(t *testing.T) {
	r := &Report{Findings: []*Finding{
		{Severity: Warning, Status: StatusNew},
		{Severity: Error, Status: StatusWaived},
		{Severity: Error, Status: StatusBaseline},
	}}
	for failOn, want := range map[Severity]int{Error: 0, Warning: 1, Info: 1, Off: 0} {
		if got := ExitCode(r, failOn); got != want {
			t.Errorf("ExitCode(fail on %v) = %d, want %d", failOn, got, want)
		}
	}
	if ExitCode(&Report{}, Info) != 0 || ExitCode(nil, Error) != 0 {
		t.Errorf("no findings must exit 0")
	}
}

func TestRunRecoversFailingRules(t *testing.T) {
	rules := []*Rule{
		{Name: "panicky", Severity: Error, Check: func(p *Pass) error {
			p.Report(Finding{Subject: "PAY-1", Message: "before the panic"})
			var tasks []*Task
			_ = tasks[3].Name // index out of range
			return nil
		}},
		{Name: "failing", Severity: Error, Check: func(*Pass) error { return errors.New("the plan has no finish column") }},
		{Name: "fine", Severity: Warning, Check: reporting(Finding{Subject: "PAY-2", Message: "still reported"})},
	}
	r, err := Run(&Project{}, DefaultConfig(), rules, RunOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Errors) != 2 {
		t.Fatalf("errors = %+v, want 2", r.Errors)
	}
	if e := r.Errors[0]; e.Rule != "panicky" || !strings.HasPrefix(e.Err, "the rule panicked (a bug in hatcheck): runtime error: index out of range [3] with length 0 at engine_test.go:") {
		t.Errorf("panic recorded as %+v", e)
	}
	if e := r.Errors[1]; e != (RuleError{Rule: "failing", Err: "the plan has no finish column"}) {
		t.Errorf("error recorded as %+v", e)
	}
	if got := rows(r); !reflect.DeepEqual(got, []row{{"fine", "PAY-2", Warning, StatusNew}, {"panicky", "PAY-1", Error, StatusNew}}) {
		t.Errorf("findings = %v", got)
	}
}

func TestRunMetricsAndChartData(t *testing.T) {
	v := func(f float64) *float64 { return &f }
	p := &Project{
		Fields: map[FieldKind]string{KindRank: "Rank"},
		Issues: []*Issue{
			{Key: "PAY-1", Project: "PAY", Type: "Story", Rank: "0|b", Value: v(5), Due: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Self: "https://acme.atlassian.net/rest/api/2/issue/1"},
			{Key: "PAY-2", Project: "PAY", Type: "Story", Rank: "0|a", Value: v(1)},
			{Key: "PAY-3", Project: "PAY", Type: "Story", Rank: "0|c", StatusCategory: CategoryDone},
			{Key: "OPS-1", Project: "OPS", Type: "Task", Rank: "0|a"},
		},
		Plan: &Plan{Tasks: []*Task{
			{ID: "1", Name: "Build", Jira: []string{"PAY-1", "PAY-404"}, Finish: time.Date(2026, 4, 3, 0, 0, 0, 0, time.UTC)},
			{ID: "2", Name: "Ship"},
		}},
	}
	rules := []*Rule{{Name: RankValueInversion, Severity: Warning, Check: func(pass *Pass) error {
		pass.Metric("value_rank_tau", "PAY", -1)
		pass.Metric("value_coverage", "OPS", 0)
		pass.Report(Finding{Subject: "PAY-1", Message: "ranked below PAY-2"})
		return nil
	}}}
	r := run(t, p, DefaultConfig(), rules, nil)
	wantMetrics := map[string]map[string]float64{"value_rank_tau": {"PAY": -1}, "value_coverage": {"OPS": 0}}
	if !reflect.DeepEqual(r.Summary.Metrics, wantMetrics) {
		t.Errorf("metrics = %v", r.Summary.Metrics)
	}
	if r.Findings[0].URL != "https://acme.atlassian.net/browse/PAY-1" {
		t.Errorf("URL = %q", r.Findings[0].URL)
	}
	wantBacklog := []BacklogPoint{
		{Project: "OPS", Key: "OPS-1", Rank: 1},
		{Project: "PAY", Key: "PAY-2", Rank: 1, Value: v(1)},
		{Project: "PAY", Key: "PAY-1", Rank: 2, Value: v(5), Inverted: true},
	}
	if !reflect.DeepEqual(r.Backlog, wantBacklog) {
		t.Errorf("backlog = %+v", r.Backlog)
	}
	wantSchedule := []SchedulePoint{
		{Task: "1", Name: "Build", Key: "PAY-1", Finish: time.Date(2026, 4, 3, 0, 0, 0, 0, time.UTC), Due: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)},
		{Task: "1", Name: "Build", Key: "PAY-404", Finish: time.Date(2026, 4, 3, 0, 0, 0, 0, time.UTC)},
	}
	if !reflect.DeepEqual(r.Schedule, wantSchedule) {
		t.Errorf("schedule = %+v", r.Schedule)
	}
}

func TestRunIsDeterministic(t *testing.T) {
	p := &Project{Fields: map[FieldKind]string{KindRank: "Rank"}, Plan: &Plan{}}
	c := config(t, "enable: [done-without-po-acceptance]\nwaivers: [{rule: value-missing, subject: OPS-*, reason: r}]\n")
	rules := catalogue()
	// The findings are pointers: they are compared by what they point at.
	show := func(r *Report) string {
		var fs []Finding
		for _, f := range r.Findings {
			fs = append(fs, *f)
		}
		rest := *r
		rest.Findings = nil
		return fmt.Sprintf("%+v %+v", rest, fs)
	}
	first := show(run(t, p, c, rules, nil))
	for range 5 {
		if again := show(run(t, p, c, rules, nil)); again != first {
			t.Fatalf("two runs differ:\n%s\n%s", first, again)
		}
	}
}

func TestReadBaseline(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.json", `{"schema": "hatcheck/report@1", "tool": {"name": "hatcheck"},
  "findings": [
    {"rule": "value-missing", "subject": "PAY-1", "fingerprint": "aa", "status": "new"},
    {"rule": "unranked-item", "subject": "PAY-2", "fingerprint": "bb", "status": "waived"}
  ]}`)
	b, err := ReadBaseline(good)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"aa": "value-missing", "bb": "unranked-item"}; !reflect.DeepEqual(b.Findings, want) || b.Path != good {
		t.Errorf("baseline = %+v", b)
	}

	for _, tt := range []struct{ name, text, want string }{
		{"syntax.json", "{\"schema\": \"hatcheck/report@1\",\n  \"findings\": [}\n", `syntax.json:2:16: invalid character '}' looking for beginning of value`},
		{"empty.json", "", `empty.json: the file is empty: expected a JSON report written by hatcheck --format json`},
		{"cut.json", "{\"schema\": \"hatcheck/report@1\",\n \"findings\": [", `cut.json:2:15: unexpected end of the file: the report is cut short`},
		{"sarif.json", `{"version": "2.1.0", "runs": []}`, `sarif.json: not a hatcheck report: no "schema" key (expected "hatcheck/report@1", as written by hatcheck --format json)`},
		{"v2.json", `{"schema": "hatcheck/report@2", "findings": []}`, `v2.json: schema "hatcheck/report@2" is not "hatcheck/report@1": a baseline is a report written by hatcheck --format json`},
		{"nofp.json", `{"schema": "hatcheck/report@1", "findings": [{"rule": "value-missing", "subject": "PAY-1"}]}`, `nofp.json: finding 1 (value-missing PAY-1) has no fingerprint`},
		{"type.json", `{"schema": "hatcheck/report@1", "findings": {"a": 1}}`, `type.json:1:46: findings: expected a list, found a JSON object`},
		{"two.json", "{\"schema\": \"hatcheck/report@1\"}\n{}", `two.json:2:1: unexpected data after the report: a baseline is one JSON report written by hatcheck --format json`},
	} {
		_, err := ReadBaseline(write(tt.name, tt.text))
		if want := filepath.Join(dir, tt.want); err == nil || err.Error() != want {
			t.Errorf("%s: error\n got: %v\nwant: %s", tt.name, err, want)
		}
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: not an *InputError", tt.name)
		}
	}
	if _, err := ReadBaseline(filepath.Join(dir, "none.json")); err == nil || err.Error() != filepath.Join(dir, "none.json")+": cannot read the baseline: no such file or directory" {
		t.Errorf("missing file: %v", err)
	}
}

// Three findings alike, among others, are numbered in the report's order: the first keeps
// the plain fingerprint, the next ones get #2 and #3.
func TestThreeDuplicateFingerprints(t *testing.T) {
	rules := []*Rule{{Name: "plan-dates-invalid", Severity: Error, Check: reporting(
		Finding{Subject: "7", Message: "c", Location: Position{Path: "plan.xlsx", Sheet: "Plan", Line: 9}},
		Finding{Subject: "8", Message: "x", Location: Position{Path: "plan.xlsx", Sheet: "Plan", Line: 8}},
		Finding{Subject: "7", Message: "a", Location: Position{Path: "plan.xlsx", Sheet: "Plan", Line: 7}},
		Finding{Subject: "7", Message: "b", Location: Position{Path: "plan.xlsx", Sheet: "Plan", Line: 8}},
	)}}
	r := run(t, &Project{}, DefaultConfig(), rules, nil)
	want := map[string]string{
		"a": Fingerprint("plan-dates-invalid", "7", nil),
		"b": Fingerprint("plan-dates-invalid", "7", []string{"#2"}),
		"x": Fingerprint("plan-dates-invalid", "8", nil),
		"c": Fingerprint("plan-dates-invalid", "7", []string{"#3"}),
	}
	var order []string
	for _, f := range r.Findings {
		order = append(order, f.Message)
		if f.Fingerprint != want[f.Message] {
			t.Errorf("finding %q: fingerprint %s, want %s", f.Message, f.Fingerprint, want[f.Message])
		}
	}
	if strings.Join(order, "") != "abxc" {
		t.Errorf("order %q, want abxc", order)
	}
}
