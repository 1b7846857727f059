package rules

import (
	"reflect"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestDateChangedByNonPM(t *testing.T) {
	tests := []struct {
		name   string
		build  func(p *projectBuilder)
		config func(c *lint.Config)
		want   []string
	}{{
		name: "the project manager moves a due date",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").DateChangedBy(paul, at(4, 14, 20), "duedate", "2026-03-10", "2026-03-17")
		},
	}, {
		name: "a developer moves dates later, earlier, sets and clears them",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Assignee(paul).
				DateChangedBy(dev, at(4, 14, 20), "duedate", "2026-03-10", "2026-03-17").
				DateChangedBy(dev, at(4, 14, 21), "Target end", "2026-03-17", "2026-03-16").
				DateChangedBy(dev, at(4, 14, 22), "Target start", "", "2026-03-02").
				DateChangedBy(dev, at(4, 14, 23), "duedate", "2026-03-17", "")
		},
		want: []string{
			"export.json:101: PAY-1: Due date moved from 2026-03-10 to 2026-03-17 (7 days later) by Dev Patel on 2026-03-04 14:20 UTC; only the project manager (Paul Moreno) sets dates",
			"export.json:102: PAY-1: Target end moved from 2026-03-17 to 2026-03-16 (1 day earlier) by Dev Patel on 2026-03-04 14:21 UTC; only the project manager (Paul Moreno) sets dates",
			"export.json:103: PAY-1: Target start set to 2026-03-02 by Dev Patel on 2026-03-04 14:22 UTC; only the project manager (Paul Moreno) sets dates",
			"export.json:104: PAY-1: Due date cleared (was 2026-03-17) by Dev Patel on 2026-03-04 14:23 UTC; only the project manager (Paul Moreno) sets dates",
		},
	}, {
		name: "a custom date field as Jira displays it",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Assignee(paul).Changed(dev, at(4, 14, 20), lint.Change{
				ChangedField: &lint.ChangedField{Field: "Target end", FieldType: "custom", Kind: lint.KindDate, DateField: "Target end"},
				ChangeValues: &lint.ChangeValues{From: "2026-03-10", FromString: "10/Mar/26", To: "2026-04-01", ToString: "1/Apr/26"},
			})
		},
		want: []string{
			"export.json:101: PAY-1: Target end moved from 2026-03-10 to 2026-04-01 (22 days later) by Dev Patel on 2026-03-04 14:20 UTC; only the project manager (Paul Moreno) sets dates",
		},
	}, {
		name: "two date fields changed at once are two findings",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Assignee(paul).Changed(sam, at(4, 14, 20),
				lint.Change{ChangedField: &lint.ChangedField{Field: "duedate", Kind: lint.KindDate, DateField: "duedate"}, ChangeValues: &lint.ChangeValues{From: "2026-03-10", To: "2026-03-12"}},
				lint.Change{ChangedField: &lint.ChangedField{Field: "summary"}, ChangeValues: &lint.ChangeValues{FromString: "a", ToString: "b"}},
				lint.Change{ChangedField: &lint.ChangedField{Field: "Target end", Kind: lint.KindDate, DateField: "Target end"}, ChangeValues: &lint.ChangeValues{From: "2026-03-10", To: "2026-03-12"}},
			)
		},
		want: []string{
			"export.json:101: PAY-1: Due date moved from 2026-03-10 to 2026-03-12 (2 days later) by Sam Server on 2026-03-04 14:20 UTC; only the project manager (Paul Moreno) sets dates",
			"export.json:101: PAY-1: Target end moved from 2026-03-10 to 2026-03-12 (2 days later) by Sam Server on 2026-03-04 14:20 UTC; only the project manager (Paul Moreno) sets dates",
		},
	}, {
		name: "the product owner is not the project manager",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").DateChangedBy(ana, at(4, 14, 20), "duedate", "2026-03-10", "2026-03-11")
		},
		want: []string{
			"export.json:101: PAY-1: Due date moved from 2026-03-10 to 2026-03-11 (1 day later) by Ana Lima on 2026-03-04 14:20 UTC; only the project manager (5b10ac8d82e05b22cc7d4ef5) sets dates",
		},
	}, {
		name: "a delegate, a bot, and a change with no author",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Assignee(paul).
				DateChangedBy(dana, at(4, 14, 20), "duedate", "2026-03-10", "2026-03-11").
				DateChangedBy(bot, at(4, 14, 21), "duedate", "2026-03-11", "2026-03-12").
				DateChangedBy(nobody, at(4, 14, 22), "duedate", "2026-03-12", "2026-03-13")
		},
		config: func(c *lint.Config) { c.Roles.Delegates.ProjectManager = []string{"email:dana@x.io"} },
		want: []string{
			"export.json:103: PAY-1: Due date moved from 2026-03-12 to 2026-03-13 (1 day later) by an anonymous user on 2026-03-04 14:22 UTC; only the project manager (Paul Moreno) sets dates",
		},
	}, {
		name: "per-project project managers: a Server user for OPS",
		build: func(p *projectBuilder) {
			p.Issue("OPS-1").DateChangedBy(sam, at(4, 14, 20), "duedate", "2026-03-10", "2026-03-11").
				DateChangedBy(paul, at(4, 14, 21), "duedate", "2026-03-11", "2026-03-12")
		},
		config: func(c *lint.Config) {
			c.Roles.ByProject = map[string]lint.ProjectRoles{"OPS": {ProjectManager: []string{"sam"}}}
		},
		want: []string{
			"export.json:102: OPS-1: Due date moved from 2026-03-11 to 2026-03-12 (1 day later) by Paul Moreno on 2026-03-04 14:21 UTC; only the project manager (Sam Server) sets dates",
		},
	}, {
		name: "a project with no project manager is left to role-unassigned",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").DateChangedBy(dev, at(4, 14, 20), "duedate", "2026-03-10", "2026-03-11")
		},
		config: func(c *lint.Config) { c.Roles.ProjectManager = nil },
	}, {
		name: "other fields are not dates",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Changed(dev, at(4, 14, 20), lint.Change{ChangedField: &lint.ChangedField{Field: "Start date"}, ChangeValues: &lint.ChangeValues{From: "2026-03-10", To: "2026-03-11"}})
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			tt.build(p)
			cfg := newConfig()
			if tt.config != nil {
				tt.config(cfg)
			}
			expectFindings(t, run(t, DateChangedByNonPM, p, cfg), tt.want...)
		})
	}
}

func TestDateChangedByNonPMEvidence(t *testing.T) {
	p := newProject()
	p.Issue("PAY-1").DateChangedBy(dev, at(4, 14, 20), "Target end", "2026-03-10", "2026-03-17")
	res := run(t, DateChangedByNonPM, p, newConfig())
	if len(res.findings) != 1 {
		t.Fatalf("got %d findings, want 1", len(res.findings))
	}
	f := res.findings[0]
	want := map[string]any{
		"author": "Dev Patel", "time": "2026-03-04T14:20:00Z", "field": "Target end",
		"from": "2026-03-10", "to": "2026-03-17", "history": "101",
	}
	if evidenceJSON(t, f.Evidence) != evidenceJSON(t, want) {
		t.Errorf("evidence = %v, want %v", f.Evidence, want)
	}
	if !reflect.DeepEqual(f.Identity, []string{"101", "Target end"}) {
		t.Errorf("identity = %q", f.Identity)
	}
}
