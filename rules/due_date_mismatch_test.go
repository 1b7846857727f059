package rules

import (
	"testing"
	"time"
)

func TestDueDateMismatch(t *testing.T) {
	due := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name      string
		tolerance int
		want      []string
	}{
		{
			name: "no tolerance",
			want: []string{
				`plan.xlsx:Plan!F2: PAY-1: PAY-1 is due 2026-03-20 in Jira, but task 1 "Build", which names it, finishes 2026-03-27 in the plan (7 days later); the team and the plan work to different deadlines`,
				`plan.xlsx:Plan!F2: PAY-2: PAY-2 is due 2026-03-28 in Jira, but task 1 "Build", which names it, finishes 2026-03-27 in the plan (1 day earlier); the team and the plan work to different deadlines`,
			},
		},
		{
			name:      "a tolerance of 1 day",
			tolerance: 1,
			want: []string{
				`plan.xlsx:Plan!F2: PAY-1: PAY-1 is due 2026-03-20 in Jira, but task 1 "Build", which names it, finishes 2026-03-27 in the plan (7 days later); the team and the plan work to different deadlines`,
			},
		},
		{name: "a tolerance of 7 days", tolerance: 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			p.Issue("PAY-1").Due(due(20))
			p.Issue("PAY-2").Due(due(28))
			p.Issue("PAY-3").Due(due(27))
			p.Issue("PAY-4")
			p.Task("1", "Build").Dates("2026-03-02", "2026-03-27").Jira("PAY-1", "PAY-2", "PAY-3", "PAY-4", "PAY-404")
			p.Task("2", "Test").Jira("PAY-1")
			cfg := newConfig()
			cfg.Dates.ToleranceDays = tt.tolerance
			expectFindings(t, run(t, DueDateMismatch, p, cfg), tt.want...)
		})
	}
}
