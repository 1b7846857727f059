package rules

import (
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestHistoryIncomplete(t *testing.T) {
	tests := []struct {
		name   string
		build  func(p *projectBuilder)
		inputs []lint.Input
		want   []string
	}{{
		name: "complete changelogs, and changelogs without a total",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").ChangelogTotal(2).RankedBy(ana, at(2, 9, 0)).RankedBy(ana, at(3, 9, 0))
			p.Issue("PAY-2").RankedBy(ana, at(2, 9, 0))
		},
	}, {
		name: "a changelog cut short by the search",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").ChangelogTotal(3).RankedBy(ana, at(2, 9, 0))
			p.Issue("PAY-2").ChangelogTotal(1)
		},
		want: []string{
			"export.json:100: PAY-1: The export holds 1 of the issue's 3 changelog entries; changes in the other 2 are not checked",
			"export.json:200: PAY-2: The export holds 0 of the issue's 1 changelog entries; changes in the other 1 are not checked",
		},
	}, {
		name: "inputs without any history",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1")
			p.Issue("PAY-2").RankedBy(ana, at(2, 9, 0))
		},
		inputs: []lint.Input{
			{Kind: "jira", Format: "csv", Path: "exports/issues.csv", Issues: 212},
			{Kind: "jira", Format: "json", Path: "exports/no-changelog.json", Issues: 1},
			{Kind: "jira", Format: "json", Path: "exports/empty.json"},
			{Kind: "jira", Format: "json", Path: "exports/full.json", Issues: 40, Histories: 1},
			{Kind: "plan", Format: "xlsx", Path: "plan.xlsx", Tasks: 12},
		},
		want: []string{
			"exports/issues.csv: exports/issues.csv: No change history in this input (a CSV export carries none); who ranked, re-dated or re-scoped its 212 issues cannot be checked",
			"exports/no-changelog.json: exports/no-changelog.json: No change history in this input (exported without expand=changelog); who ranked, re-dated or re-scoped its 1 issue cannot be checked",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			tt.build(p)
			if tt.inputs != nil {
				p.Inputs(tt.inputs...)
			}
			expectFindings(t, run(t, HistoryIncomplete, p, newConfig()), tt.want...)
		})
	}
}
