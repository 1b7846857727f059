package rules

import (
	"reflect"
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
	if !reflect.DeepEqual(res.findings[0].Evidence, want) {
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
