package rules

import (
	"slices"
	"strconv"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestFieldNotFound(t *testing.T) {
	estimateRule := &lint.Rule{Name: "estimate-changed-in-sprint", Fields: []lint.FieldKind{lint.KindSprint, lint.KindEstimate}}
	valueRule := &lint.Rule{Name: "value-missing", Fields: []lint.FieldKind{lint.KindValue}}
	all := []*lint.Rule{RankChangedByNonPO, RankValueInversion, SprintScopeUnapproved, estimateRule, valueRule, FieldNotFound}
	tests := []struct {
		name    string
		missing []lint.FieldKind
		config  func(c *lint.Config)
		enabled []*lint.Rule
		issues  bool
		want    []string
	}{{
		name:   "every field found",
		issues: true,
	}, {
		name:    "no value field: the rules needing it are named",
		missing: []lint.FieldKind{lint.KindValue},
		issues:  true,
		want: []string{
			`-: value: No issue has a value field (looked for "Business Value"), so rank-value-inversion, value-missing are skipped; set jira.fields.value to the field's id or name`,
		},
	}, {
		name:    "every role missing, in a fixed order, with the names configured",
		missing: []lint.FieldKind{lint.KindValue, lint.KindEstimate, lint.KindSprint, lint.KindRank, lint.KindAcceptance},
		config:  func(c *lint.Config) { c.Jira.Fields.Rank = []string{"customfield_10019", "Rang"} },
		issues:  true,
		want: []string{
			`-: rank: No issue has a rank field (looked for "customfield_10019", "Rang"), so rank-value-inversion is skipped; set jira.fields.rank to the field's id or name`,
			`-: sprint: No issue has a sprint field (looked for "Sprint"), so sprint-scope-unapproved, estimate-changed-in-sprint are skipped; set jira.fields.sprint to the field's id or name`,
			`-: estimate: No issue has an estimate field (looked for "Story Points", "Story point estimate"), so estimate-changed-in-sprint is skipped; set jira.fields.estimate to the field's id or name`,
			`-: value: No issue has a value field (looked for "Business Value"), so rank-value-inversion, value-missing are skipped; set jira.fields.value to the field's id or name`,
		},
	}, {
		name:    "a missing field no enabled rule needs is not reported",
		missing: []lint.FieldKind{lint.KindEstimate, lint.KindValue},
		enabled: []*lint.Rule{RankChangedByNonPO, valueRule, FieldNotFound},
		issues:  true,
		want: []string{
			`-: value: No issue has a value field (looked for "Business Value"), so value-missing is skipped; set jira.fields.value to the field's id or name`,
		},
	}, {
		name:    "no Jira input at all",
		missing: []lint.FieldKind{lint.KindRank, lint.KindSprint, lint.KindEstimate, lint.KindValue},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			if tt.issues {
				p.Issue("PAY-1")
			}
			for _, k := range tt.missing {
				p.WithoutField(k)
			}
			cfg := newConfig()
			if tt.config != nil {
				tt.config(cfg)
			}
			e := all
			if tt.enabled != nil {
				e = tt.enabled
			}
			expectFindings(t, runEnabled(t, FieldNotFound, p, cfg, e), tt.want...)
		})
	}
}

func TestFieldNotFoundEvidence(t *testing.T) {
	p := newProject()
	p.Issue("PAY-1")
	p.WithoutField(lint.KindSprint)
	res := runEnabled(t, FieldNotFound, p, newConfig(), []*lint.Rule{SprintScopeUnapproved})
	if len(res.findings) != 1 {
		t.Fatalf("got %d findings, want 1", len(res.findings))
	}
	want := map[string]any{"role": "sprint", "looked_for": []string{"Sprint"}, "skipped_rules": []string{"sprint-scope-unapproved"}}
	if evidenceJSON(t, res.findings[0].Evidence) != evidenceJSON(t, want) {
		t.Errorf("evidence = %v, want %v", res.findings[0].Evidence, want)
	}
}

// TestFieldNotFoundFoundInSomeIssue checks that a role found in some issue is not reported,
// even for a project none of whose issues has it: SPEC §6 reports a role found in no issue
// at all, and value-missing already reports the project's ready items without a value.
func TestFieldNotFoundFoundInSomeIssue(t *testing.T) {
	valueRule := &lint.Rule{Name: "value-missing", Fields: []lint.FieldKind{lint.KindValue}}
	p := newProject()
	p.Issue("PAY-1").Value(8)
	p.Issue("WEB-1")
	p.Issue("WEB-2")
	res := runEnabled(t, FieldNotFound, p, newConfig(), []*lint.Rule{valueRule})
	expectFindings(t, res)
}

// TestFieldNotFoundPerInput covers several exports linted together: fields are found per
// export (SPEC §4.1), so a role that one export resolves may be found in no issue of
// another, whose issues the rules needing the role then cannot check.
func TestFieldNotFoundPerInput(t *testing.T) {
	estimateRule := &lint.Rule{Name: "estimate-changed-in-sprint", Fields: []lint.FieldKind{lint.KindSprint, lint.KindEstimate}}
	valueRule := &lint.Rule{Name: "value-missing", Fields: []lint.FieldKind{lint.KindValue}}
	all := []*lint.Rule{RankChangedByNonPO, RankValueInversion, SprintScopeUnapproved, estimateRule, valueRule, FieldNotFound}
	every := []lint.FieldKind{lint.KindRank, lint.KindSprint, lint.KindEstimate, lint.KindValue, lint.KindAcceptance}
	tests := []struct {
		name string
		// main and board are the roles each export resolved; missing are the roles no
		// export resolved.
		main, board []lint.FieldKind
		missing     []lint.FieldKind
		boardIssues int
		csv         bool
		enabled     []*lint.Rule
		want        []string
	}{{
		name:        "every role found in every export",
		main:        every,
		board:       every,
		boardIssues: 2,
	}, {
		name:        "an export without sprints: the rules needing the sprint check none of its issues",
		main:        every,
		board:       []lint.FieldKind{lint.KindRank, lint.KindEstimate, lint.KindValue},
		boardIssues: 2,
		want: []string{
			`ops-board.json: sprint: No issue of ops-board.json has a sprint field (looked for "Sprint"), so sprint-scope-unapproved, estimate-changed-in-sprint find nothing to check among its 2 issues; set jira.fields.sprint to the field that export uses`,
		},
	}, {
		name:        "a role found in no export is reported once, for the whole project, as before",
		main:        []lint.FieldKind{lint.KindRank, lint.KindEstimate, lint.KindValue},
		board:       []lint.FieldKind{lint.KindRank, lint.KindEstimate, lint.KindValue},
		missing:     []lint.FieldKind{lint.KindSprint},
		boardIssues: 2,
		want: []string{
			`-: sprint: No issue has a sprint field (looked for "Sprint"), so sprint-scope-unapproved, estimate-changed-in-sprint are skipped; set jira.fields.sprint to the field's id or name`,
		},
	}, {
		name:        "a rule skipped for the whole project is not named for an export",
		main:        []lint.FieldKind{lint.KindRank, lint.KindSprint, lint.KindValue},
		board:       []lint.FieldKind{lint.KindRank},
		missing:     []lint.FieldKind{lint.KindEstimate},
		boardIssues: 1,
		want: []string{
			`-: estimate: No issue has an estimate field (looked for "Story Points", "Story point estimate"), so estimate-changed-in-sprint is skipped; set jira.fields.estimate to the field's id or name`,
			`ops-board.json: sprint: No issue of ops-board.json has a sprint field (looked for "Sprint"), so sprint-scope-unapproved finds nothing to check among its 1 issue; set jira.fields.sprint to the field that export uses`,
			`ops-board.json: value: No issue of ops-board.json has a value field (looked for "Business Value"), so rank-value-inversion, value-missing find nothing to check among its 1 issue; set jira.fields.value to the field that export uses`,
		},
	}, {
		name:        "a role no enabled rule needs is not reported for an export",
		main:        every,
		board:       []lint.FieldKind{lint.KindRank},
		boardIssues: 2,
		enabled:     []*lint.Rule{RankChangedByNonPO, valueRule, FieldNotFound},
		want: []string{
			`ops-board.json: value: No issue of ops-board.json has a value field (looked for "Business Value"), so value-missing finds nothing to check among its 2 issues; set jira.fields.value to the field that export uses`,
		},
	}, {
		name:        "a CSV export is judged by the columns it resolved",
		main:        every,
		board:       []lint.FieldKind{lint.KindRank, lint.KindSprint, lint.KindEstimate},
		boardIssues: 3,
		csv:         true,
		want: []string{
			`ops-board.csv: value: No issue of ops-board.csv has a value field (looked for "Business Value"), so rank-value-inversion, value-missing find nothing to check among its 3 issues; set jira.fields.value to the field that export uses`,
		},
	}, {
		name:  "an export with no issues has nothing to check",
		main:  every,
		board: []lint.FieldKind{lint.KindRank},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			for _, k := range tt.missing {
				p.WithoutField(k)
			}
			p.Issue("PAY-1")
			board := "ops-board.json"
			format := "json"
			if tt.csv {
				board, format = "ops-board.csv", "csv"
			}
			for n := range tt.boardIssues {
				p.Issue("SUP-" + strconv.Itoa(n+1)).issue.Pos.Path = board
			}
			p.Inputs(
				lint.Input{Kind: "jira", Format: "json", Path: "export.json", Issues: 1, Histories: 1, Fields: roles(tt.main...)},
				lint.Input{Kind: "jira", Format: format, Path: board, Issues: tt.boardIssues, Histories: 1, Fields: roles(tt.board...)},
				lint.Input{Kind: "plan", Format: "xlsx", Path: "plan.xlsx", Tasks: 3},
			)
			e := all
			if tt.enabled != nil {
				e = tt.enabled
			}
			expectFindings(t, runEnabled(t, FieldNotFound, p, newConfig(), e), tt.want...)
		})
	}
}

// TestFieldNotFoundPerInputEvidence checks what the JSON report carries for an export
// without a role, and that two such exports get findings of their own.
func TestFieldNotFoundPerInputEvidence(t *testing.T) {
	p := newProject()
	p.Issue("PAY-1")
	p.Issue("SUP-1").issue.Pos.Path = "support.json"
	p.Issue("HR-1").issue.Pos.Path = "hr.json"
	p.Inputs(
		lint.Input{Kind: "jira", Path: "export.json", Issues: 1, Fields: roles(lint.KindSprint)},
		lint.Input{Kind: "jira", Path: "support.json", Issues: 1, Fields: roles()},
		lint.Input{Kind: "jira", Path: "hr.json", Issues: 1, Fields: roles()},
	)
	res := runEnabled(t, FieldNotFound, p, newConfig(), []*lint.Rule{SprintScopeUnapproved})
	if len(res.findings) != 2 {
		t.Fatalf("got %d findings, want 2: %v", len(res.findings), res.lines())
	}
	want := map[string]any{"role": "sprint", "input": "support.json", "looked_for": []string{"Sprint"}, "issues": 1, "unchecked_rules": []string{"sprint-scope-unapproved"}}
	if evidenceJSON(t, res.findings[0].Evidence) != evidenceJSON(t, want) {
		t.Errorf("evidence = %v, want %v", res.findings[0].Evidence, want)
	}
	for n, path := range []string{"support.json", "hr.json"} {
		if f := res.findings[n]; !slices.Equal(f.Identity, []string{path}) || f.Location.Path != path {
			t.Errorf("finding %d: identity %v at %s, want %s", n+1, f.Identity, f.Location, path)
		}
	}
}

// TestRulesNeedingARoleCheckNothingInAnExportWithoutIt checks that an issue of an export
// whose role field was found in no issue is not taken for an issue without the value: the
// rules needing the role report nothing about it, while the same issue from an export that
// has the field is reported.
func TestRulesNeedingARoleCheckNothingInAnExportWithoutIt(t *testing.T) {
	every := roles(lint.KindRank, lint.KindSprint, lint.KindEstimate, lint.KindValue)
	tests := []struct {
		name  string
		rule  *lint.Rule
		role  lint.FieldKind
		build func(p *projectBuilder) *issueBuilder // returns the issue of the second export
		want  string                                // the finding when the second export has the role
	}{{
		name: "value-missing",
		rule: ValueMissing,
		role: lint.KindValue,
		build: func(p *projectBuilder) *issueBuilder {
			p.Issue("PAY-1").Rank("0|i0001:").Value(5)
			return p.Issue("PAY-2").Rank("0|i0002:")
		},
		want: `board.json:200: PAY-2: Story PAY-2 has no business value, and it is ranked 2nd in the open backlog of PAY (the top 20 are ready); without one the backlog cannot be ordered by value`,
	}, {
		name: "unranked-item",
		rule: UnrankedItem,
		role: lint.KindRank,
		build: func(p *projectBuilder) *issueBuilder {
			p.Issue("PAY-1").Rank("0|i0001:").Value(5)
			return p.Issue("PAY-2").Value(3)
		},
		want: `board.json:200: PAY-2: Story PAY-2 has no rank while 1 other issue of PAY is ranked; it sits outside the product owner's order`,
	}, {
		name: "sprint-skips-higher-value",
		rule: SprintSkipsHigherValue,
		role: lint.KindSprint,
		build: func(p *projectBuilder) *issueBuilder {
			p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
			p.Issue("PAY-1").Rank("0|i0005:").Value(3).Sprints(7)
			return p.Issue("PAY-2").Rank("0|i0001:").Value(8)
		},
		want: `export.json:100: PAY-1: PAY-1 (value 3) is in active sprint "PAY Sprint 7", while PAY-2 (value 8), ranked above it, waits in no sprint (1 such item); the team works on the most valuable items first`,
	}}
	for _, tt := range tests {
		for _, withRole := range []bool{true, false} {
			name := tt.name + ", the second export without the role"
			if withRole {
				name = tt.name + ", the second export with the role"
			}
			t.Run(name, func(t *testing.T) {
				p := newProject()
				tt.build(p).issue.Pos.Path = "board.json"
				board := roles(lint.KindRank, lint.KindSprint, lint.KindEstimate, lint.KindValue)
				if !withRole {
					delete(board, tt.role)
				}
				p.Inputs(
					lint.Input{Kind: "jira", Path: "export.json", Issues: 1, Histories: 1, Fields: every},
					lint.Input{Kind: "jira", Path: "board.json", Issues: 1, Histories: 1, Fields: board},
				)
				res := run(t, tt.rule, p, newConfig())
				if withRole {
					expectFindings(t, res, tt.want)
				} else {
					expectFindings(t, res)
				}
			})
		}
	}
}

// roles returns the field roles an input resolved, as the readers give them.
func roles(kinds ...lint.FieldKind) map[lint.FieldKind]string {
	out := map[lint.FieldKind]string{}
	for _, k := range kinds {
		out[k] = "customfield_" + string(k)
	}
	return out
}
