package rules

import (
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestBaselineSlip(t *testing.T) {
	tests := []struct {
		name      string
		tolerance int
		cfg       func(c *lint.Config)
		build     func(p *projectBuilder)
		want      []string
	}{
		{
			name: "a slip of one day",
			build: func(p *projectBuilder) {
				p.Task("1", "Design").Dates("2026-03-02", "2026-03-14").Baseline("2026-03-02", "2026-03-13")
				p.Task("2", "Build").Dates("2026-03-02", "2026-03-12").Baseline("2026-03-02", "2026-03-13")
				p.Task("3", "Test").Dates("2026-03-02", "2026-03-13").Baseline("2026-03-02", "2026-03-13")
				p.Task("4", "Docs").Dates("2026-03-02", "2026-03-20")
			},
			want: []string{`plan.xlsx:Plan!F2: 1: Task 1 "Design" now finishes 2026-03-14, 1 day after its baseline finish of 2026-03-13, and no approved change request names it; a move past the agreed baseline needs an approval`},
		},
		{
			name:      "tolerance: 2 days allowed, 3 reported",
			tolerance: 2,
			build: func(p *projectBuilder) {
				p.Task("1", "Design").Dates("2026-03-02", "2026-03-15").Baseline("2026-03-02", "2026-03-13")
				p.Task("2", "Build").Dates("2026-03-02", "2026-03-16").Baseline("2026-03-02", "2026-03-13")
			},
			want: []string{`plan.xlsx:Plan!F3: 2: Task 2 "Build" now finishes 2026-03-16, 3 days after its baseline finish of 2026-03-13, and no approved change request names it; a move past the agreed baseline needs an approval`},
		},
		{
			name: "approved by a row naming the task or one of its keys",
			build: func(p *projectBuilder) {
				p.Task("1", "Design").Dates("2026-03-02", "2026-03-20").Baseline("2026-03-02", "2026-03-13")
				p.Task("2", "Build").Dates("2026-03-02", "2026-03-20").Baseline("2026-03-02", "2026-03-13").Jira("PAY-2")
				p.TaskChange("CR-1", "Approved", "ana@x.io", at(3, 0, 0), "1")
				p.ChangeRequest("CR-2", "Approved", "Dana Ortiz", at(3, 0, 0), "PAY-2")
			},
		},
		{
			name: "a row by someone who is not an approver does not approve",
			build: func(p *projectBuilder) {
				p.Task("1", "Design").Dates("2026-03-02", "2026-03-20").Baseline("2026-03-02", "2026-03-13")
				p.TaskChange("CR-1", "Approved", "Dev Patel", at(3, 0, 0), "1")
			},
			want: []string{`plan.xlsx:Plan!F2: 1: Task 1 "Design" now finishes 2026-03-20, 7 days after its baseline finish of 2026-03-13, and no approved change request names it; a move past the agreed baseline needs an approval`},
		},
		{
			name: "a project's own product owner replaces the global one for its tasks",
			cfg: func(c *lint.Config) {
				c.Roles.ByProject = map[string]lint.ProjectRoles{"PAY": {ProductOwner: []string{"sam"}}}
			},
			build: func(p *projectBuilder) {
				p.Task("1", "Design").Dates("2026-03-02", "2026-03-20").Baseline("2026-03-02", "2026-03-13").Jira("PAY-1")
				p.Task("2", "Build").Dates("2026-03-02", "2026-03-20").Baseline("2026-03-02", "2026-03-13").Jira("PAY-2")
				p.Task("3", "Train").Dates("2026-03-02", "2026-03-20").Baseline("2026-03-02", "2026-03-13")
				p.TaskChange("CR-1", "Approved", "ana@x.io", at(3, 0, 0), "1")
				p.TaskChange("CR-2", "Approved", "sam", at(3, 0, 0), "2")
				p.TaskChange("CR-3", "Approved", "ana@x.io", at(3, 0, 0), "3")
			},
			want: []string{`plan.xlsx:Plan!F2: 1: Task 1 "Design" now finishes 2026-03-20, 7 days after its baseline finish of 2026-03-13, and no approved change request names it; a move past the agreed baseline needs an approval`},
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
			cfg.Dates.ToleranceDays = tt.tolerance
			expectFindings(t, run(t, BaselineSlip, p, cfg), tt.want...)
		})
	}
}
