package rules

import "testing"

func TestPlanTaskUnbaselined(t *testing.T) {
	tests := []struct {
		name  string
		build func(p *projectBuilder)
		want  []string
	}{
		{
			name: "a task added after the baseline",
			build: func(p *projectBuilder) {
				p.Task("1", "Design").Dates("2026-03-02", "2026-03-06").Baseline("2026-03-02", "2026-03-06")
				p.Task("2", "Build").Dates("2026-03-09", "2026-03-13").Baseline("", "2026-03-13")
				p.Task("3", "Apple Pay").Dates("2026-03-16", "2026-03-20").Jira("PAY-9")
			},
			want: []string{`plan.xlsx:Plan!G4: 3: Task 3 "Apple Pay" has no baseline dates while 2 other tasks have them, and no approved change request names it; work added after the baseline needs an approval`},
		},
		{
			name: "approved by a row naming the task or its key; rows not approved do not count",
			build: func(p *projectBuilder) {
				p.Task("1", "Design").Baseline("2026-03-02", "2026-03-06")
				p.Task("2", "Build").Jira("PAY-9")
				p.Task("3", "Test")
				p.Task("4", "Launch")
				p.ChangeRequest("CR-1", "Approved", "ana@x.io", at(3, 0, 0), "PAY-9")
				p.TaskChange("CR-2", "approved", "Dana Ortiz", at(3, 0, 0), "3")
				p.TaskChange("CR-3", "Rejected", "ana@x.io", at(3, 0, 0), "4")
			},
			want: []string{`plan.xlsx:Plan!G5: 4: Task 4 "Launch" has no baseline dates while 1 other task has them, and no approved change request names it; work added after the baseline needs an approval`},
		},
		{
			name: "a plan with only a baseline finish column points at it",
			build: func(p *projectBuilder) {
				p.Task("1", "Design").Baseline("", "2026-03-06")
				p.Task("2", "Build")
				p.WithoutColumn("baseline_start")
			},
			want: []string{`plan.xlsx:Plan!H3: 2: Task 2 "Build" has no baseline dates while 1 other task has them, and no approved change request names it; work added after the baseline needs an approval`},
		},
		{
			name: "a plan never baselined is not checked",
			build: func(p *projectBuilder) {
				p.Task("1", "Design").Dates("2026-03-02", "2026-03-06")
				p.Task("2", "Build")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			tt.build(p)
			expectFindings(t, run(t, PlanTaskUnbaselined, p, newConfig()), tt.want...)
		})
	}
}
