package rules

import (
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestValueMissing(t *testing.T) {
	tests := []struct {
		name  string
		build func(p *projectBuilder)
		cfg   func(c *lint.Config)
		want  []string
	}{
		{
			name: "ready by sprint and by rank",
			cfg:  func(c *lint.Config) { c.Backlog.ReadyDepth = 1 },
			build: func(p *projectBuilder) {
				p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
				p.Issue("PAY-1").Sprints(7)
				p.Issue("PAY-2").Rank("0|i0001:")
				p.Issue("PAY-3").Rank("0|i0002:")
				p.Issue("PAY-4").Rank("0|i0000:").Value(5)
			},
			want: []string{
				`export.json:100: PAY-1: Story PAY-1 has no business value, and it is in active sprint "PAY Sprint 7"; without one the backlog cannot be ordered by value`,
			},
		},
		{
			name: "ready depth counts open backlog items only",
			cfg:  func(c *lint.Config) { c.Backlog.ReadyDepth = 2 },
			build: func(p *projectBuilder) {
				p.Issue("PAY-1").Rank("0|i0001:").Done()
				p.Issue("PAY-2").Rank("0|i0002:").Type("Epic")
				p.Issue("PAY-3").Rank("0|i0003:").Value(1)
				p.Issue("PAY-4").Rank("0|i0004:")
				p.Issue("PAY-5").Rank("0|i0005:")
			},
			want: []string{
				`export.json:400: PAY-4: Story PAY-4 has no business value, and it is ranked 2nd in the open backlog of PAY (the top 2 are ready); without one the backlog cannot be ordered by value`,
			},
		},
		{
			name: "a value of zero is a value",
			build: func(p *projectBuilder) {
				p.Issue("PAY-1").Rank("0|i0001:").Value(0)
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
			expectFindings(t, run(t, ValueMissing, p, cfg), tt.want...)
		})
	}
}
