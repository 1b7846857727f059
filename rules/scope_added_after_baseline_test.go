package rules

import (
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

func TestScopeAddedAfterBaseline(t *testing.T) {
	baseline := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		build    func(p *projectBuilder)
		baseline time.Time
		config   func(c *lint.Config)
		want     []string
	}{
		{
			name: "moved under a planned epic after the baseline; on the baseline day is before",
			build: func(p *projectBuilder) {
				p.Task("1", "Payments v2").Jira("PAY-3")
				p.Issue("PAY-3").Type("Epic")
				p.Issue("PAY-4").ParentChangedBy(dev, at(6, 0, 30), "", "PAY-3")
				p.Issue("PAY-5").ParentChangedBy(dev, at(5, 23, 59), "", "PAY-3")
			},
			baseline: baseline,
			want:     []string{"export.json:201: PAY-4: Moved under PAY-3 by Dev Patel on 2026-03-06 00:30 UTC, after the scope baseline of 2026-03-05, with no recorded approval; work added to the baselined plan needs an approved change request"},
		},
		{
			name: "created under the epic after the baseline; the epic link counts as well",
			build: func(p *projectBuilder) {
				p.Task("1", "Payments v2").Jira("PAY-3")
				p.Issue("PAY-4").Parent("PAY-3").Created(dev, at(9, 10, 0))
				p.Issue("PAY-5").Epic("PAY-3").Created(sam, at(10, 10, 0))
				p.Issue("PAY-6").Parent("PAY-3").Created(dev, at(1, 10, 0))
			},
			baseline: baseline,
			want: []string{
				"export.json:100: PAY-4: Created under PAY-3 by Dev Patel on 2026-03-09 10:00 UTC, after the scope baseline of 2026-03-05, with no recorded approval; work added to the baselined plan needs an approved change request",
				"export.json:200: PAY-5: Created under PAY-3 by Sam Server on 2026-03-10 10:00 UTC, after the scope baseline of 2026-03-05, with no recorded approval; work added to the baselined plan needs an approved change request",
			},
		},
		{
			name: "approved, named by the plan itself, or outside the plan",
			build: func(p *projectBuilder) {
				p.Task("1", "Payments v2").Jira("PAY-3", "PAY-7")
				p.Issue("PAY-4").ParentChangedBy(dev, at(9, 10, 0), "", "PAY-3")
				p.ChangeRequest("CR-1", "Approved", "ana@x.io", at(9, 0, 0), "PAY-4")
				p.Issue("PAY-7").ParentChangedBy(dev, at(9, 10, 0), "", "PAY-3")
				p.Issue("PAY-8").ParentChangedBy(dev, at(9, 10, 0), "", "PAY-99")
				p.Issue("PAY-9").ParentChangedBy(bot, at(9, 10, 0), "", "PAY-3")
				// Created under PAY-3 before the baseline; a later move between PAY-31 and PAY-30
				// is not a move under PAY-3.
				p.Issue("PAY-10").Parent("PAY-3").Created(dev, at(1, 9, 0)).
					Changed(dev, at(9, 10, 0), lint.Change{ChangedField: &lint.ChangedField{Field: "Epic Link", Kind: lint.KindEpic}, ChangeValues: &lint.ChangeValues{FromString: "PAY-30", ToString: "PAY-31"}})
			},
			baseline: baseline,
		},
		{
			name: "a creation by a bot, or before --since, is not judged",
			build: func(p *projectBuilder) {
				p.Task("1", "Payments v2").Jira("PAY-3")
				p.Issue("PAY-4").Parent("PAY-3").Created(bot, at(9, 10, 0))
				p.Issue("PAY-5").Parent("PAY-3").Created(dev, at(7, 10, 0))
				p.Issue("PAY-6").Parent("PAY-3").Created(dev, at(8, 10, 0))
			},
			baseline: baseline,
			config:   func(c *lint.Config) { c.Since = at(8, 0, 0) },
			want: []string{
				"export.json:300: PAY-6: Created under PAY-3 by Dev Patel on 2026-03-08 10:00 UTC, after the scope baseline of 2026-03-05, with no recorded approval; work added to the baselined plan needs an approved change request",
			},
		},
		{
			name: "a move between two planned epics is not joining the plan's scope; the move into it is",
			build: func(p *projectBuilder) {
				p.Task("1", "Payments v2").Jira("PAY-3")
				p.Task("2", "Payments v3").Jira("PAY-7")
				// In the plan's scope since before the baseline, through PAY-3, then PAY-7.
				p.Issue("PAY-4").Parent("PAY-3").Created(dev, at(1, 10, 0)).
					ParentChangedBy(dev, at(9, 10, 0), "PAY-3", "PAY-7")
				// Joined through PAY-7 after the baseline, then moved to PAY-3.
				p.Issue("PAY-5").Created(dev, at(1, 10, 0)).
					ParentChangedBy(sam, at(6, 10, 0), "", "PAY-7").
					ParentChangedBy(dev, at(9, 10, 0), "PAY-7", "PAY-3")
				// Created under PAY-7 after the baseline, then moved to PAY-3.
				p.Issue("PAY-6").Parent("PAY-7").Created(dev, at(6, 9, 0)).
					ParentChangedBy(dev, at(9, 10, 0), "PAY-7", "PAY-3")
			},
			baseline: baseline,
			want: []string{
				"export.json:201: PAY-5: Moved under PAY-7 by Sam Server on 2026-03-06 10:00 UTC, after the scope baseline of 2026-03-05, with no recorded approval; work added to the baselined plan needs an approved change request",
				"export.json:300: PAY-6: Created under PAY-7 by Dev Patel on 2026-03-06 09:00 UTC, after the scope baseline of 2026-03-05, with no recorded approval; work added to the baselined plan needs an approved change request",
			},
		},
		{
			name: "without a baseline date the rule does nothing",
			build: func(p *projectBuilder) {
				p.Task("1", "Payments v2").Jira("PAY-3")
				p.Issue("PAY-4").ParentChangedBy(dev, at(9, 10, 0), "", "PAY-3")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			tt.build(p)
			cfg := newConfig()
			cfg.Plan.BaselineDate = tt.baseline
			if tt.config != nil {
				tt.config(cfg)
			}
			expectFindings(t, run(t, ScopeAddedAfterBaseline, p, cfg), tt.want...)
		})
	}
}

func TestScopeAddedAfterBaselineSkipsCSV(t *testing.T) {
	// A CSV export has no changelog: when and by whom an issue joined the plan's scope is
	// unknown, so its issues are not judged (history-incomplete says the CSV has no history).
	p := newProject()
	p.Issue("PAY-3").Type("Epic")
	p.Issue("PAY-4").Parent("PAY-3").Created(dev, at(9, 10, 0))
	p.Task("1", "Payments").Jira("PAY-3")
	p.Inputs(lint.Input{Kind: "jira", Format: "csv", Path: "export.json", Issues: 2})
	cfg := newConfig()
	cfg.Plan.BaselineDate = at(5, 0, 0)
	expectFindings(t, run(t, ScopeAddedAfterBaseline, p, cfg))
}
