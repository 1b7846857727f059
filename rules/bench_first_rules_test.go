package rules

import (
	"fmt"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// benchProject is a project the size SPEC §8 measures: 10,000 issues with 20 histories
// each, ranked, valued and moved in and out of sprints by a few hundred people.
func benchProject() *projectBuilder {
	p := newProject()
	for s := 1; s <= 20; s++ {
		start := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(s-1) * 14 * 24 * time.Hour)
		p.Sprint(s, fmt.Sprint("Sprint ", s), "closed", start, start.Add(14*24*time.Hour))
	}
	people := make([]lint.Person, 300)
	for n := range people {
		people[n] = lint.Person{AccountID: fmt.Sprint("acc-", n), DisplayName: fmt.Sprint("Person ", n)}
	}
	for n := range 10000 {
		ib := p.Issue(fmt.Sprint("PAY-", n+1)).Rank(fmt.Sprintf("0|i%05d:", (n*7919)%10000)).Value(float64(n%21)).
			Created(people[n%300], time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
		for h := range 20 {
			t := time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC).Add(time.Duration(n%200*24+h*7) * time.Hour)
			by := people[(n+h)%300]
			switch h % 4 {
			case 0:
				ib.RankedBy(by, t)
			case 1:
				ib.SprintChangedBy(by, t, fmt.Sprint(h%20+1), fmt.Sprint(h%20+2))
			case 2:
				ib.DateChangedBy(by, t, "duedate", "2025-07-01", "2025-07-08")
			default:
				ib.LabelAddedBy(by, t, fmt.Sprint("l", h))
			}
		}
	}
	return p
}

func BenchmarkFirstRules(b *testing.B) {
	p := benchProject()
	project := p.Build()
	cfg := newConfig()
	for _, r := range []*lint.Rule{RankChangedByNonPO, DateChangedByNonPM, RankValueInversion, SprintScopeUnapproved, RoleConflation} {
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
