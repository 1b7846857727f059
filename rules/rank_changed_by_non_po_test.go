package rules

import (
	"reflect"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

func TestRankChangedByNonPO(t *testing.T) {
	tests := []struct {
		name   string
		build  func(p *projectBuilder)
		config func(c *lint.Config)
		want   []string
	}{{
		name: "the product owner ranks",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").RankedBy(ana, at(4, 14, 20)).RankedLowerBy(ana, at(5, 9, 0))
		},
	}, {
		name: "a developer ranks higher and lower",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Assignee(ana).RankedBy(dev, at(4, 14, 20)).RankedLowerBy(dev, at(5, 9, 0))
		},
		want: []string{
			"export.json:101: PAY-1: Rank changed by Dev Patel on 2026-03-04 14:20 UTC (moved higher); only the product owner (Ana Lima) ranks the backlog",
			"export.json:102: PAY-1: Rank changed by Dev Patel on 2026-03-05 09:00 UTC (moved lower); only the product owner (Ana Lima) ranks the backlog",
		},
	}, {
		name: "the product owner's name is taken from the config when the input never shows them",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").RankedBy(paul, at(4, 14, 20))
		},
		want: []string{
			"export.json:101: PAY-1: Rank changed by Paul Moreno on 2026-03-04 14:20 UTC (moved higher); only the product owner (ana@x.io) ranks the backlog",
		},
	}, {
		name: "a delegate of the product owner ranks",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").RankedBy(dana, at(4, 14, 20))
		},
	}, {
		name: "a bot ranks",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").RankedBy(bot, at(4, 14, 20))
		},
	}, {
		name: "a change with no author is not the product owner's",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Assignee(ana).RankedBy(nobody, at(4, 14, 20))
		},
		want: []string{
			"export.json:101: PAY-1: Rank changed by an anonymous user on 2026-03-04 14:20 UTC (moved higher); only the product owner (Ana Lima) ranks the backlog",
		},
	}, {
		name: "a change of the rank field itself, with no direction",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Assignee(ana).Changed(dev, at(4, 14, 20), lint.Change{
				ChangedField: &lint.ChangedField{Field: "Rank", FieldType: "custom", Kind: lint.KindRank},
				ChangeValues: &lint.ChangeValues{From: "0|i0001:", To: "0|i0000:"},
			})
		},
		want: []string{
			"export.json:101: PAY-1: Rank changed by Dev Patel on 2026-03-04 14:20 UTC; only the product owner (Ana Lima) ranks the backlog",
		},
	}, {
		name: "a drag the reader did not resolve to the rank field",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Assignee(ana).Changed(dev, at(4, 14, 20), lint.Change{
				ChangedField: &lint.ChangedField{Field: "Rang", FieldType: "custom"},
				ChangeValues: &lint.ChangeValues{ToString: "Ranked lower"},
			})
		},
		want: []string{
			"export.json:101: PAY-1: Rank changed by Dev Patel on 2026-03-04 14:20 UTC (moved lower); only the product owner (Ana Lima) ranks the backlog",
		},
	}, {
		name: "other changes are not rank changes",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Changed(dev, at(4, 14, 20), lint.Change{
				ChangedField: &lint.ChangedField{Field: "summary", FieldType: "jira"},
				ChangeValues: &lint.ChangeValues{FromString: "a", ToString: "Ranked higher"},
			})
		},
	}, {
		name: "per-project product owners, a Server user among them",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Assignee(ana).RankedBy(sam, at(4, 14, 20))
			p.Issue("OPS-1").RankedBy(sam, at(4, 15, 0)).RankedBy(ana, at(4, 16, 0))
		},
		config: func(c *lint.Config) {
			c.Roles.ByProject = map[string]lint.ProjectRoles{"OPS": {ProductOwner: []string{"JIRAUSER10100"}}}
		},
		want: []string{
			"export.json:101: PAY-1: Rank changed by Sam Server on 2026-03-04 14:20 UTC (moved higher); only the product owner (Ana Lima) ranks the backlog",
			"export.json:202: OPS-1: Rank changed by Ana Lima on 2026-03-04 16:00 UTC (moved higher); only the product owner (Sam Server) ranks the backlog",
		},
	}, {
		name: "the global delegate does not act for a project with its own delegates",
		build: func(p *projectBuilder) {
			p.Issue("OPS-1").RankedBy(dana, at(4, 15, 0))
		},
		config: func(c *lint.Config) {
			roles := lint.ProjectRoles{ProductOwner: []string{"name:sam"}}
			roles.Delegates.ProductOwner = []string{"paul@x.io"}
			c.Roles.ByProject = map[string]lint.ProjectRoles{"OPS": roles}
		},
		want: []string{
			"export.json:101: OPS-1: Rank changed by Dana Ortiz on 2026-03-04 15:00 UTC (moved higher); only the product owner (sam) ranks the backlog",
		},
	}, {
		name: "a project with no product owner is left to role-unassigned",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").RankedBy(dev, at(4, 14, 20))
		},
		config: func(c *lint.Config) { c.Roles.ProductOwner = nil },
	}, {
		name: "changes before --since are ignored",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Assignee(ana).RankedBy(dev, at(1, 23, 59)).RankedBy(dev, at(2, 0, 0))
		},
		config: func(c *lint.Config) { c.Since = at(2, 0, 0) },
		want: []string{
			"export.json:102: PAY-1: Rank changed by Dev Patel on 2026-03-02 00:00 UTC (moved higher); only the product owner (Ana Lima) ranks the backlog",
		},
	}, {
		name: "times are shown in the configured timezone",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Assignee(ana).RankedBy(dev, at(4, 14, 20))
		},
		config: func(c *lint.Config) { c.Timezone = time.FixedZone("CET", 3600) },
		want: []string{
			"export.json:101: PAY-1: Rank changed by Dev Patel on 2026-03-04 15:20 CET (moved higher); only the product owner (Ana Lima) ranks the backlog",
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
			expectFindings(t, run(t, RankChangedByNonPO, p, cfg), tt.want...)
		})
	}
}

func TestRankChangedByNonPOEvidence(t *testing.T) {
	p := newProject()
	p.Issue("PAY-1").Self("https://acme.atlassian.net/rest/api/2/issue/10001").RankedLowerBy(dev, at(4, 14, 20))
	res := run(t, RankChangedByNonPO, p, newConfig())
	if len(res.findings) != 1 {
		t.Fatalf("got %d findings, want 1", len(res.findings))
	}
	f := res.findings[0]
	if f.URL != "https://acme.atlassian.net/browse/PAY-1" {
		t.Errorf("URL = %q", f.URL)
	}
	wantEvidence := map[string]any{
		"author": "Dev Patel", "time": "2026-03-04T14:20:00Z", "field": "Rank",
		"from": "", "to": "Ranked lower", "history": "101",
	}
	if evidenceJSON(t, f.Evidence) != evidenceJSON(t, wantEvidence) {
		t.Errorf("evidence = %v, want %v", f.Evidence, wantEvidence)
	}
	if !reflect.DeepEqual(f.Identity, []string{"101"}) {
		t.Errorf("identity = %q, want the history id", f.Identity)
	}
}

// TestRankChangedByNonPOWithoutRankField checks that rank changes are judged even when no
// issue holds a rank value: Jira records a drag as "Ranked higher" or "Ranked lower", which
// names the change without the rank field (SPEC §4.1), so the rule is not skipped.
func TestRankChangedByNonPOWithoutRankField(t *testing.T) {
	p := newProject()
	p.WithoutField(lint.KindRank)
	p.Issue("PAY-1").Assignee(ana).RankedBy(dev, at(4, 14, 20))
	rep, err := lint.Run(p.Build(), newConfig(), []*lint.Rule{RankChangedByNonPO}, lint.RunOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) > 0 || len(rep.Findings) != 1 {
		t.Fatalf("skipped %v, findings %v; want one finding", rep.Skipped, rep.Findings)
	}
	want := "Rank changed by Dev Patel on 2026-03-04 14:20 UTC (moved higher); only the product owner (Ana Lima) ranks the backlog"
	if f := rep.Findings[0]; f.Subject != "PAY-1" || f.Message != want {
		t.Errorf("finding = %s: %s", f.Subject, f.Message)
	}
}
