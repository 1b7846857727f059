package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/hatcheck/hatcheck/lint"
	"github.com/hatcheck/hatcheck/lint/report"
)

// This file is the small world every rule test is built in: a cast of people, a
// configuration giving them roles, and a builder for tiny projects, e.g.
//
//	proj := newProject()
//	proj.Sprint(7, "PAY Sprint 7", "active", day1, day15)
//	proj.Issue("PAY-1").Type("Story").Rank("0|i0001:").Value(8).RankedBy(dev, at(3, 14, 20))
//	got := run(t, RankChangedByNonPO, proj, newConfig())
//
// Positions are predictable so tests can assert them: the n-th issue built sits at line
// 100*n of export.json and its k-th history at line 100*n+k, whose id is that line number
// too. Histories must be added in time order, as Jira lists them.

// The cast. Ana is the product owner and Paul the project manager (Cloud people, found by
// email and by account id); Dana is Ana's delegate; Dev is a developer whose email Jira
// hides; Sam is a Server/Data Center user known by key and name; the automation is a bot.
var (
	ana  = lint.Person{AccountID: "5b10a2844c20165700ede21g", DisplayName: "Ana Lima", Email: "ana@x.io"}
	paul = lint.Person{AccountID: "5b10ac8d82e05b22cc7d4ef5", DisplayName: "Paul Moreno", Email: "paul@x.io"}
	dana = lint.Person{AccountID: "60d0fe4f5311236168a109ca", DisplayName: "Dana Ortiz", Email: "dana@x.io"}
	dev  = lint.Person{AccountID: "712020:0e8d3f2c-1b9b-4d9f-9f0e-3d1b2c3d4e5f", DisplayName: "Dev Patel"}
	sam  = lint.Person{Key: "JIRAUSER10100", Name: "sam", Email: "sam@x.io", DisplayName: "Sam Server"}
	bot  = lint.Person{AccountID: "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077", DisplayName: "Automation for Jira"}
	// nobody is the author of a change Jira cannot name.
	nobody = lint.Person{}
)

// testNow is the reference time of every test run (--now).
var testNow = time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)

// at returns a time in March 2026, UTC.
func at(day, hour, minute int) time.Time {
	return time.Date(2026, 3, day, hour, minute, 0, 0, time.UTC)
}

// newConfig returns the defaults with the cast in their roles.
func newConfig() *lint.Config {
	c := lint.DefaultConfig()
	c.Roles.ProductOwner = []string{"ana@x.io"}
	c.Roles.ProjectManager = []string{"id:5b10ac8d82e05b22cc7d4ef5"}
	c.Roles.Delegates.ProductOwner = []string{"Dana Ortiz"}
	c.Roles.Bots = []string{"display:Automation for Jira"}
	return c
}

// projectBuilder builds a lint.Project the way the readers would.
type projectBuilder struct {
	project *lint.Project
	issues  []*issueBuilder
	inputs  []lint.Input // nil: one JSON input holding every issue
}

func newProject() *projectBuilder {
	return &projectBuilder{project: &lint.Project{
		Sprints: map[int]*lint.Sprint{},
		Fields: map[lint.FieldKind]string{
			lint.KindRank:       "customfield_10019",
			lint.KindSprint:     "customfield_10020",
			lint.KindEstimate:   "customfield_10016",
			lint.KindValue:      "customfield_10030",
			lint.KindAcceptance: "customfield_10040",
			lint.KindEpic:       "customfield_10014",
		},
	}}
}

// Issue starts a new issue: an open Story of the key's project, created on 2026-01-05 by
// Dev, with no rank, value or sprint.
func (b *projectBuilder) Issue(key string) *issueBuilder {
	n := len(b.issues) + 1
	project, _, _ := strings.Cut(key, "-")
	i := &lint.Issue{
		Key:            key,
		ID:             strconv.Itoa(10000 + n),
		Project:        project,
		Type:           "Story",
		Status:         "To Do",
		StatusCategory: lint.CategoryNew,
		Creator:        &dev,
		Reporter:       &dev,
		Created:        time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC),
		ChangelogTotal: -1,
		Pos:            lint.Position{Path: "export.json", Line: 100 * n},
	}
	ib := &issueBuilder{b: b, issue: i, n: n}
	b.issues = append(b.issues, ib)
	b.project.Issues = append(b.project.Issues, i)
	return ib
}

// Sprint adds a sprint. For a closed sprint, end is also its completeDate unless
// Completed says otherwise.
func (b *projectBuilder) Sprint(id int, name, state string, start, end time.Time) *lint.Sprint {
	s := &lint.Sprint{ID: id, Name: name, State: state, BoardID: 1, Start: start, End: end}
	if state == "closed" {
		s.Complete = end
	}
	b.project.Sprints[id] = s
	return s
}

// ChangeRequest adds a row to the plan's change log (creating a plan when there is none).
func (b *projectBuilder) ChangeRequest(id, status, approver string, approvedOn time.Time, keys ...string) *lint.ChangeRequest {
	if b.project.Plan == nil {
		b.project.Plan = &lint.Plan{Path: "plan.xlsx", Sheet: "Plan", HeaderRow: 1, ChangesSheet: "Changes"}
	}
	row := len(b.project.Plan.Changes) + 2
	cr := &lint.ChangeRequest{
		ID: id, Row: row, Jira: keys, Status: status, Approver: approver, ApprovedOn: approvedOn,
		Cells: map[string]string{"id": fmt.Sprintf("A%d", row), "status": fmt.Sprintf("D%d", row)},
	}
	b.project.Plan.Changes = append(b.project.Plan.Changes, cr)
	return cr
}

// Problem records a value a reader could not read.
func (b *projectBuilder) Problem(p lint.ValueProblem) {
	b.project.Problems = append(b.project.Problems, p)
}

// WithoutField makes a field role one that no issue had.
func (b *projectBuilder) WithoutField(k lint.FieldKind) { delete(b.project.Fields, k) }

// Inputs replaces the default single JSON input.
func (b *projectBuilder) Inputs(in ...lint.Input) { b.inputs = in }

// Build returns the project, with its inputs counted.
func (b *projectBuilder) Build() *lint.Project {
	p := b.project
	if b.inputs != nil {
		p.Inputs = b.inputs
	} else {
		in := lint.Input{Kind: "jira", Format: "json", Path: "export.json", Issues: len(p.Issues)}
		for _, i := range p.Issues {
			in.Histories += len(i.Histories)
		}
		p.Inputs = []lint.Input{in}
	}
	return p
}

// issueBuilder sets one issue's fields and adds to its changelog.
type issueBuilder struct {
	b     *projectBuilder
	issue *lint.Issue
	n     int // 1-based position among the project's issues
}

func (ib *issueBuilder) Type(t string) *issueBuilder   { ib.issue.Type = t; return ib }
func (ib *issueBuilder) Subtask() *issueBuilder        { ib.issue.Subtask = true; return ib }
func (ib *issueBuilder) Rank(r string) *issueBuilder   { ib.issue.Rank = r; return ib }
func (ib *issueBuilder) Value(v float64) *issueBuilder { ib.issue.Value = &v; return ib }
func (ib *issueBuilder) Estimate(v float64) *issueBuilder {
	ib.issue.Estimate = &v
	return ib
}
func (ib *issueBuilder) Sprints(ids ...int) *issueBuilder { ib.issue.Sprints = ids; return ib }
func (ib *issueBuilder) Labels(l ...string) *issueBuilder { ib.issue.Labels = l; return ib }
func (ib *issueBuilder) Parent(key string) *issueBuilder  { ib.issue.Parent = key; return ib }
func (ib *issueBuilder) Epic(key string) *issueBuilder    { ib.issue.Epic = key; return ib }
func (ib *issueBuilder) Self(url string) *issueBuilder    { ib.issue.Self = url; return ib }
func (ib *issueBuilder) Description(s string) *issueBuilder {
	ib.issue.Description = s
	return ib
}
func (ib *issueBuilder) Acceptance(s string) *issueBuilder { ib.issue.Acceptance = s; return ib }
func (ib *issueBuilder) Due(t time.Time) *issueBuilder     { ib.issue.Due = t; return ib }

// Assignee sets who the issue is assigned to.
func (ib *issueBuilder) Assignee(p lint.Person) *issueBuilder { ib.issue.Assignee = &p; return ib }

// Reporter sets who reported the issue.
func (ib *issueBuilder) Reporter(p lint.Person) *issueBuilder { ib.issue.Reporter = &p; return ib }

// ChangelogTotal sets the changelog's total as the export gave it.
func (ib *issueBuilder) ChangelogTotal(n int) *issueBuilder { ib.issue.ChangelogTotal = n; return ib }

// Status sets the status name and category.
func (ib *issueBuilder) Status(name, category string) *issueBuilder {
	ib.issue.Status, ib.issue.StatusCategory = name, category
	return ib
}

// Done puts the issue in the Done status.
func (ib *issueBuilder) Done() *issueBuilder { return ib.Status("Done", lint.CategoryDone) }

// Created sets when and by whom the issue was created (creator and reporter).
func (ib *issueBuilder) Created(by lint.Person, t time.Time) *issueBuilder {
	ib.issue.Created, ib.issue.Creator, ib.issue.Reporter = t, &by, &by
	return ib
}

// Changed adds a changelog history with the given items.
func (ib *issueBuilder) Changed(by lint.Person, t time.Time, items ...lint.Change) *issueBuilder {
	line := 100*ib.n + len(ib.issue.Histories) + 1
	ib.issue.AddHistory(lint.History{
		ID:      lint.HistoryID(line),
		Author:  &by,
		Created: lint.InstantOf(t),
		Line:    int32(line),
	}, items...)
	return ib
}

// RankedBy adds a "Ranked higher" change, as Jira records a drag in the backlog.
func (ib *issueBuilder) RankedBy(by lint.Person, t time.Time) *issueBuilder {
	return ib.Changed(by, t, rankItem("Ranked higher"))
}

// RankedLowerBy adds a "Ranked lower" change.
func (ib *issueBuilder) RankedLowerBy(by lint.Person, t time.Time) *issueBuilder {
	return ib.Changed(by, t, rankItem("Ranked lower"))
}

func rankItem(dir string) lint.Change {
	return lint.Change{ChangedField: &lint.ChangedField{Field: "Rank", FieldType: "custom", FieldID: "customfield_10019", Kind: lint.KindRank}, ChangeValues: &lint.ChangeValues{ToString: dir}}
}

// SprintChangedBy adds a change of the sprint field from and to lists of sprint ids
// ("", "7", "7, 8"), with the sprint names as Jira shows them.
func (ib *issueBuilder) SprintChangedBy(by lint.Person, t time.Time, from, to string) *issueBuilder {
	names := func(ids string) string {
		var out []string
		for _, id := range lint.SprintIDs(ids) {
			if s := ib.b.project.Sprints[id]; s != nil {
				out = append(out, s.Name)
			}
		}
		return strings.Join(out, ", ")
	}
	return ib.Changed(by, t, lint.Change{
		ChangedField: &lint.ChangedField{Field: "Sprint", FieldType: "custom", FieldID: "customfield_10020", Kind: lint.KindSprint},
		ChangeValues: &lint.ChangeValues{From: from, FromString: names(from), To: to, ToString: names(to)},
	})
}

// DateChangedBy adds a change of a dates.fields entry ("duedate", "Target end") between
// two dates written 2026-03-10 ("" for none), as Jira records date fields.
func (ib *issueBuilder) DateChangedBy(by lint.Person, t time.Time, field, from, to string) *issueBuilder {
	long := func(d string) string {
		if d == "" {
			return ""
		}
		return d + " 00:00:00.0"
	}
	c := lint.Change{ChangedField: &lint.ChangedField{Field: field, FieldType: "jira", FieldID: field, Kind: lint.KindDate, DateField: field}, ChangeValues: &lint.ChangeValues{From: from, FromString: long(from), To: to, ToString: long(to)}}
	if field != "duedate" {
		c.FieldType, c.FieldID = "custom", "customfield_10022"
	}
	return ib.Changed(by, t, c)
}

// LabelAddedBy adds a label, recording the change as Jira does (space-separated lists).
func (ib *issueBuilder) LabelAddedBy(by lint.Person, t time.Time, label string) *issueBuilder {
	from := strings.Join(ib.issue.Labels, " ")
	ib.issue.Labels = append(slices.Clone(ib.issue.Labels), label)
	return ib.Changed(by, t, lint.Change{
		ChangedField: &lint.ChangedField{Field: "labels", FieldType: "jira", FieldID: "labels", Kind: lint.KindLabels},
		ChangeValues: &lint.ChangeValues{FromString: from, ToString: strings.Join(ib.issue.Labels, " ")},
	})
}

// result is what a rule reported in a test run.
type result struct {
	findings []lint.Finding
	metrics  map[string]map[string]float64
}

// run runs one rule over the project as the engine would, with every catalogue rule
// enabled, and returns what it reported. The rule must not fail.
func run(t *testing.T, r *lint.Rule, b *projectBuilder, cfg *lint.Config) result {
	t.Helper()
	return runEnabled(t, r, b, cfg, All)
}

// runEnabled is run with the given rules enabled, for rules that name the rules a gap
// skips (their messages then do not change as the catalogue grows).
func runEnabled(t *testing.T, r *lint.Rule, b *projectBuilder, cfg *lint.Config, enabled []*lint.Rule) result {
	t.Helper()
	res := result{metrics: map[string]map[string]float64{}}
	collect := func(f lint.Finding) {
		if f.Rule == "" {
			f.Rule = r.Name
		}
		res.findings = append(res.findings, f)
	}
	metric := func(name, project string, v float64) {
		if res.metrics[name] == nil {
			res.metrics[name] = map[string]float64{}
		}
		res.metrics[name][project] = v
	}
	pass := lint.NewPass(r, b.Build(), cfg, testNow, nil, collect, metric)
	pass.Enabled = enabled
	if err := r.Check(pass); err != nil {
		t.Fatalf("%s failed: %v", r.Name, err)
	}
	return res
}

// lines renders findings as the text format would, without rule and severity:
// "export.json:101: PAY-1: Rank changed by ...".
func (res result) lines() []string {
	out := make([]string, 0, len(res.findings))
	for _, f := range res.findings {
		out = append(out, f.Location.String()+": "+f.Subject+": "+f.Message)
	}
	return out
}

// expectFindings compares what the rule reported, in order, with the expected lines.
func expectFindings(t *testing.T, res result, want ...string) {
	t.Helper()
	got := res.lines()
	if slices.Equal(got, want) {
		return
	}
	var b strings.Builder
	for n := 0; n < max(len(got), len(want)); n++ {
		g, w := "(none)", "(none)"
		if n < len(got) {
			g = got[n]
		}
		if n < len(want) {
			w = want[n]
		}
		if g != w {
			fmt.Fprintf(&b, "\nfinding %d:\n  got:  %s\n  want: %s", n+1, g, w)
		}
	}
	t.Errorf("findings differ:%s", b.String())
}

// evidenceJSON is evidence as the JSON report writes it, a finding's (a map or a struct) or
// a test's want (a map), so that the two compare as the user sees them.
func evidenceJSON(t *testing.T, ev any) string {
	t.Helper()
	b, err := jsonv2.Marshal(report.JSONEvidence{Of: ev})
	if err != nil {
		t.Fatalf("evidence %v: %v", ev, err)
	}
	return string(b)
}
