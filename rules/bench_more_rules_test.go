package rules

import (
	"fmt"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// benchPlan adds to a project a plan of 2,000 tasks in chains of ten under summary tasks,
// each naming five of the project's issues, with baselines, owners and progress.
func benchPlan(p *projectBuilder) {
	start := time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)
	for n := range 2000 {
		id := fmt.Sprint(n + 1)
		if n%10 == 0 {
			p.Task(id, "Phase").Dates(day(start), day(start.AddDate(0, 0, 60)))
			continue
		}
		s := start.AddDate(0, 0, n%10*5)
		tb := p.Task(id, "Work").Under(fmt.Sprint(n/10*10+1)).Dates(day(s), day(s.AddDate(0, 0, 4+n%3))).
			Baseline(day(s), day(s.AddDate(0, 0, 4))).Percent(float64(n % 101))
		for k := range 5 {
			tb.Jira(append(tb.task.Jira, fmt.Sprint("PAY-", (n*5+k)%10500+1))...)
		}
		if n%10 > 1 {
			tb.After(fmt.Sprint(n), lint.FinishToStart, n%3)
		}
	}
}

func BenchmarkMoreRules(b *testing.B) {
	p := benchProject()
	benchPlan(p)
	for n, ib := range p.issues {
		if n%10 == 0 {
			ib.EstimateChangedBy(dev, time.Date(2025, 6, 20, 10, 0, 0, 0, time.UTC), "3", "5").PriorityChangedBy(dev, time.Date(2025, 6, 21, 10, 0, 0, 0, time.UTC), "Low", "High")
		}
	}
	project := p.Build()
	project.Issues[0].Type = "Epic"
	cfg := newConfig()
	cfg.Plan.BaselineDate = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, r := range moreRules {
		b.Run(r.Name, func(b *testing.B) {
			findings := 0
			for b.Loop() {
				findings = 0
				pass := lint.NewPass(r, project, cfg, testNow, nil, func(lint.Finding) { findings++ }, func(string, string, float64) {})
				pass.Enabled = All
				if err := r.Check(pass); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(findings), "findings")
		})
	}
}
