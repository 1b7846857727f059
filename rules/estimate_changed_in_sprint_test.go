package rules

import (
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

func TestEstimateChangedInSprint(t *testing.T) {
	tests := []struct {
		name  string
		build func(p *projectBuilder)
		cfg   func(c *lint.Config)
		want  []string
	}{
		{
			name: "re-estimate in a running sprint",
			build: func(p *projectBuilder) {
				p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
				p.Issue("PAY-1").Sprints(7).EstimateChangedBy(dev, at(4, 11, 0), "3", "8")
			},
			want: []string{`export.json:101: PAY-1: Estimate changed from 3 to 8 by Dev Patel on 2026-03-04 11:00 UTC, 2 days into sprint "PAY Sprint 7", with no recorded approval; re-estimating committed work changes the sprint's scope`},
		},
		{
			name: "the same value written differently is no change",
			build: func(p *projectBuilder) {
				p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
				p.Issue("PAY-1").Sprints(7).EstimateChangedBy(dev, at(4, 11, 0), "3", "3.0")
			},
		},
		{
			name: "membership is replayed: the issue was in the sprint then, though not now",
			build: func(p *projectBuilder) {
				p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
				p.Issue("PAY-1").
					SprintChangedBy(ana, at(1, 9, 0), "", "7").
					EstimateChangedBy(dev, at(3, 10, 0), "", "5").
					SprintChangedBy(ana, at(5, 9, 0), "7", "").
					EstimateChangedBy(dev, at(6, 10, 0), "5", "8")
			},
			want: []string{`export.json:102: PAY-1: Estimate changed from none to 5 by Dev Patel on 2026-03-03 10:00 UTC, 1 day into sprint "PAY Sprint 7", with no recorded approval; re-estimating committed work changes the sprint's scope`},
		},
		{
			name: "before the sprint starts, within the grace, and after it completed",
			cfg:  func(c *lint.Config) { c.Scope.Grace = 2 * time.Hour },
			build: func(p *projectBuilder) {
				p.Sprint(6, "PAY Sprint 6", "closed", at(2, 9, 0), at(9, 9, 0))
				p.Issue("PAY-1").Sprints(6).
					EstimateChangedBy(dev, at(2, 8, 59), "1", "2").
					EstimateChangedBy(dev, at(2, 11, 0), "2", "3").
					EstimateChangedBy(dev, at(2, 11, 1), "3", "5").
					EstimateChangedBy(dev, at(9, 9, 0), "5", "8")
			},
			want: []string{`export.json:103: PAY-1: Estimate changed from 3 to 5 by Dev Patel on 2026-03-02 11:01 UTC, on the first day of sprint "PAY Sprint 6", with no recorded approval; re-estimating committed work changes the sprint's scope`},
		},
		{
			name: "approved by the label within the window, or by a change-log row; the window's edge",
			build: func(p *projectBuilder) {
				p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
				p.Issue("PAY-1").Sprints(7).
					EstimateChangedBy(dev, at(4, 11, 0), "3", "8").
					LabelAddedBy(ana, at(5, 11, 0), "scope-change-approved")
				p.Issue("PAY-2").Sprints(7).
					EstimateChangedBy(dev, at(4, 11, 0), "3", "8").
					LabelAddedBy(ana, at(5, 11, 1), "scope-change-approved")
				p.Issue("PAY-3").Sprints(7).EstimateChangedBy(dev, at(4, 11, 0), "3", "8")
				p.ChangeRequest("CR-1", "Approved", "ana@x.io", at(5, 0, 0), "PAY-3")
			},
			want: []string{`export.json:201: PAY-2: Estimate changed from 3 to 8 by Dev Patel on 2026-03-04 11:00 UTC, 2 days into sprint "PAY Sprint 7", with no recorded approval; re-estimating committed work changes the sprint's scope`},
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
			expectFindings(t, run(t, EstimateChangedInSprint, p, cfg), tt.want...)
		})
	}
}
