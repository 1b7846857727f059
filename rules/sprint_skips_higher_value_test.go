package rules

import (
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestSprintSkipsHigherValue(t *testing.T) {
	tests := []struct {
		name  string
		build func(p *projectBuilder)
		cfg   func(c *lint.Config)
		want  []string
	}{
		{
			name: "names the most valuable skipped item and counts them",
			build: func(p *projectBuilder) {
				p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
				p.Issue("PAY-1").Rank("0|i0005:").Value(3).Sprints(7)
				p.Issue("PAY-2").Rank("0|i0001:").Value(8)
				p.Issue("PAY-3").Rank("0|i0002:").Value(13)
				p.Issue("PAY-4").Rank("0|i0003:").Value(13)
				p.Issue("PAY-5").Rank("0|i0009:").Value(40)
			},
			want: []string{`export.json:100: PAY-1: PAY-1 (value 3) is in active sprint "PAY Sprint 7", while PAY-3 (value 13), ranked above it, waits in no sprint (3 such items); the team works on the most valuable items first`},
		},
		{
			name: "value tolerance: a difference equal to it is not reported",
			cfg:  func(c *lint.Config) { c.Backlog.ValueTolerance = 2 },
			build: func(p *projectBuilder) {
				p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
				p.Issue("PAY-1").Rank("0|i0005:").Value(3).Sprints(7)
				p.Issue("PAY-2").Rank("0|i0001:").Value(5)
				p.Issue("PAY-3").Rank("0|i0002:").Value(5.5)
			},
			want: []string{`export.json:100: PAY-1: PAY-1 (value 3) is in active sprint "PAY Sprint 7", while PAY-3 (value 5.5), ranked above it, waits in no sprint (1 such item); the team works on the most valuable items first`},
		},
		{
			name: "items in progress, in a future sprint, done or of another project are not skipped",
			build: func(p *projectBuilder) {
				p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
				p.Sprint(8, "PAY Sprint 8", "future", at(16, 9, 0), at(30, 9, 0))
				p.Issue("PAY-1").Rank("0|i0005:").Value(3).Sprints(7)
				p.Issue("PAY-2").Rank("0|i0001:").Value(8).Status("In Progress", lint.CategoryIndeterminate)
				p.Issue("PAY-3").Rank("0|i0002:").Value(8).Sprints(8)
				p.Issue("PAY-4").Rank("0|i0003:").Value(8).Done()
				p.Issue("OPS-1").Rank("0|i0001:").Value(8)
			},
		},
		{
			name: "closed sprints are not active",
			build: func(p *projectBuilder) {
				p.Sprint(6, "PAY Sprint 6", "closed", at(2, 9, 0), at(16, 9, 0))
				p.Issue("PAY-1").Rank("0|i0005:").Value(3).Sprints(6)
				p.Issue("PAY-2").Rank("0|i0001:").Value(8)
			},
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
			expectFindings(t, run(t, SprintSkipsHigherValue, p, cfg), tt.want...)
		})
	}
}
