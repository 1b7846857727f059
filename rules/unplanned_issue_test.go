package rules

import (
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestUnplannedIssue(t *testing.T) {
	tests := []struct {
		name  string
		build func(p *projectBuilder)
		cfg   func(c *lint.Config)
		want  []string
	}{
		{
			name: "open epic the plan does not name",
			build: func(p *projectBuilder) {
				p.Task("1", "Payments v2").Jira("PAY-1")
				p.Issue("PAY-1").Type("Epic")
				p.Issue("PAY-2").Type("Epic")
				p.Issue("PAY-3").Type("Epic").Done()
				p.Issue("PAY-4")
			},
			want: []string{`export.json:200: PAY-2: Open Epic PAY-2 is not named by any task of plan.xlsx; the project manager's plan does not schedule it`},
		},
		{
			name: "tracked types come from the config",
			cfg:  func(c *lint.Config) { c.Plan.TrackedTypes = []string{"feature"} },
			build: func(p *projectBuilder) {
				p.Task("1", "Payments v2").Jira("PAY-1")
				p.Issue("PAY-1").Type("Epic")
				p.Issue("PAY-2").Type("Epic")
				p.Issue("PAY-3").Type("Feature")
			},
			want: []string{`export.json:300: PAY-3: Open Feature PAY-3 is not named by any task of plan.xlsx; the project manager's plan does not schedule it`},
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
			expectFindings(t, run(t, UnplannedIssue, p, cfg), tt.want...)
		})
	}
}
