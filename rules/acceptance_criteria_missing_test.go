package rules

import (
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestAcceptanceCriteriaMissing(t *testing.T) {
	tests := []struct {
		name  string
		build func(p *projectBuilder)
		cfg   func(c *lint.Config)
		want  []string
	}{
		{
			name: "story in the active sprint without criteria",
			build: func(p *projectBuilder) {
				p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
				p.Issue("PAY-1").Sprints(7).Description("As a shopper I want refunds.")
			},
			want: []string{`export.json:100: PAY-1: Story PAY-1 has no acceptance criteria, and it is in active sprint "PAY Sprint 7"; the product owner states what will be accepted before work starts`},
		},
		{
			name: "future sprints count, closed ones do not",
			build: func(p *projectBuilder) {
				p.Sprint(8, "PAY Sprint 8", "future", at(16, 9, 0), at(30, 9, 0))
				p.Sprint(6, "PAY Sprint 6", "closed", at(2, 9, 0), at(16, 9, 0))
				p.Issue("PAY-1").Sprints(8)
				p.Issue("PAY-2").Sprints(6)
			},
			want: []string{`export.json:100: PAY-1: Story PAY-1 has no acceptance criteria, and it is in future sprint "PAY Sprint 8"; the product owner states what will be accepted before work starts`},
		},
		{
			name: "criteria in the field, a heading or a scenario",
			build: func(p *projectBuilder) {
				p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
				p.Issue("PAY-1").Sprints(7).Acceptance("Refund shows on the statement")
				p.Issue("PAY-2").Sprints(7).Description("Context\nACCEPTANCE CRITERIA\n- refunds")
				p.Issue("PAY-3").Sprints(7).Description("Given a paid order\nWhen I ask\nThen I get my money")
				p.Issue("PAY-4").Sprints(7).Acceptance("   ").Description("Then given")
			},
			want: []string{`export.json:400: PAY-4: Story PAY-4 has no acceptance criteria, and it is in active sprint "PAY Sprint 7"; the product owner states what will be accepted before work starts`},
		},
		{
			name: "ready depth: the 2nd of a depth of 2 is ready, the 3rd is not",
			cfg:  func(c *lint.Config) { c.Backlog.ReadyDepth = 2 },
			build: func(p *projectBuilder) {
				p.Issue("PAY-1").Rank("0|i0003:")
				p.Issue("PAY-2").Rank("0|i0001:")
				p.Issue("PAY-3").Rank("0|i0002:")
			},
			want: []string{
				`export.json:200: PAY-2: Story PAY-2 has no acceptance criteria, and it is ranked 1st in the open backlog of PAY (the top 2 are ready); the product owner states what will be accepted before work starts`,
				`export.json:300: PAY-3: Story PAY-3 has no acceptance criteria, and it is ranked 2nd in the open backlog of PAY (the top 2 are ready); the product owner states what will be accepted before work starts`,
			},
		},
		{
			name: "types, done items and sub-tasks are not checked",
			build: func(p *projectBuilder) {
				p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
				p.Issue("PAY-1").Sprints(7).Type("Bug")
				p.Issue("PAY-2").Sprints(7).Done()
				p.Issue("PAY-3").Sprints(7).Subtask()
				p.Issue("PAY-4").Sprints(7).Type("Feature")
			},
			want: []string{`export.json:400: PAY-4: Feature PAY-4 has no acceptance criteria, and it is in active sprint "PAY Sprint 7"; the product owner states what will be accepted before work starts`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			tt.build(p)
			cfg := newConfig()
			if tt.cfg != nil {
				tt.cfg(cfg)
			}
			expectFindings(t, run(t, AcceptanceCriteriaMissing, p, cfg), tt.want...)
		})
	}
}
