package rules

import (
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestDoneWithoutPOAcceptance(t *testing.T) {
	if !DoneWithoutPOAcceptance.DefaultOff {
		t.Error("done-without-po-acceptance must be off by default")
	}
	tests := []struct {
		name  string
		build func(p *projectBuilder)
		cfg   func(c *lint.Config)
		want  []string
	}{
		{
			name: "developer closes the item",
			build: func(p *projectBuilder) {
				p.Issue("PAY-1").Created(ana, at(2, 9, 0)).
					MovedBy(dev, at(10, 9, 0), "To Do", "In Review", lint.CategoryIndeterminate).
					MovedBy(dev, at(12, 16, 40), "In Review", "Done", lint.CategoryDone)
			},
			want: []string{"export.json:102: PAY-1: Moved from In Review to Done by Dev Patel on 2026-03-12 16:40 UTC; only the product owner (Ana Lima) accepts finished work"},
		},
		{
			name: "only the latest move into the current status counts",
			build: func(p *projectBuilder) {
				p.Issue("PAY-1").
					MovedBy(dev, at(10, 9, 0), "In Review", "Done", lint.CategoryDone).
					MovedBy(ana, at(11, 9, 0), "Done", "In Review", lint.CategoryIndeterminate).
					MovedBy(dana, at(12, 9, 0), "In Review", "Done", lint.CategoryDone)
			},
		},
		{
			name: "bots, open issues and issues without a move are not judged",
			build: func(p *projectBuilder) {
				p.Issue("PAY-1").MovedBy(bot, at(10, 9, 0), "In Review", "Done", lint.CategoryDone)
				p.Issue("PAY-2").MovedBy(dev, at(10, 9, 0), "To Do", "In Progress", lint.CategoryIndeterminate)
				p.Issue("PAY-3").Done()
			},
		},
		{
			name: "a status in jira.done_statuses is done; moves before since are ignored",
			cfg: func(c *lint.Config) {
				c.Jira.DoneStatuses = []string{"Shipped"}
				c.Since = at(11, 0, 0)
			},
			build: func(p *projectBuilder) {
				p.Issue("PAY-1").MovedBy(dev, at(12, 9, 0), "In Review", "Shipped", lint.CategoryIndeterminate)
				p.Issue("PAY-2").MovedBy(dev, at(10, 9, 0), "In Review", "Done", lint.CategoryDone)
			},
			want: []string{"export.json:101: PAY-1: Moved from In Review to Shipped by Dev Patel on 2026-03-12 09:00 UTC; only the product owner (ana@x.io) accepts finished work"},
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
			expectFindings(t, run(t, DoneWithoutPOAcceptance, p, cfg), tt.want...)
		})
	}
}
