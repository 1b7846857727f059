package report

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// bigReport is a nightly report of a large Jira site: n findings over the fixture's rules,
// with a backlog and schedule to chart.
func bigReport(n int) *lint.Report {
	r := fixture()
	rules := fixtureRules()
	r.Findings = r.Findings[:0]
	r.Summary = lint.Summary{ByRule: map[string]int{}}
	for i := range n {
		rule := rules[i%len(rules)]
		f := lint.Finding{Rule: rule.Name, Category: rule.Category, Severity: rule.Severity,
			Subject:  fmt.Sprintf("PAY-%d", i),
			Message:  fmt.Sprintf("ranked higher by Dev %d on 2026-03-02 10:15 UTC; Dev %d is not a product owner of PAY", i%40, i%40),
			Location: lint.Position{Path: "exports/export.json", Line: 10 + 37*i},
			URL:      fmt.Sprintf("https://acme.atlassian.net/browse/PAY-%d", i), Fingerprint: fmt.Sprintf("%016x", i*7919)}
		if i%50 == 0 {
			f.Status = lint.StatusWaived
			f.Waiver = &lint.Waiver{Reason: "agreed"}
			r.Summary.Waived++
		} else {
			r.Summary.Total++
			r.Summary.ByRule[f.Rule]++
		}
		r.Findings = append(r.Findings, &f)
	}
	r.Backlog = nil
	for i := range 2000 {
		v := float64((i * 37) % 100)
		r.Backlog = append(r.Backlog, lint.BacklogPoint{Project: fmt.Sprintf("P%d", i%4), Key: fmt.Sprintf("P-%d", i), Rank: i/4 + 1, Value: &v, Inverted: i%9 == 0})
	}
	r.Schedule = nil
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for i := range 500 {
		r.Schedule = append(r.Schedule, lint.SchedulePoint{Task: fmt.Sprint(i), Key: fmt.Sprintf("PAY-%d", i),
			Finish: day.AddDate(0, 0, i%120), Due: day.AddDate(0, 0, i%120+(i%7)-3)})
	}
	return r
}

func BenchmarkFormats(b *testing.B) {
	r := bigReport(10000)
	for _, name := range Names() {
		f, err := Lookup(name, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := f.Write(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
