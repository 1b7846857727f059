package rules

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// TestCatalogue checks what every rule of the catalogue must have for `hatcheck rules`,
// `hatcheck explain`, SARIF and the engine: a unique kebab-case name, a category, a
// severity, a one-line lower-case title, a Check, and documentation with its sections in
// order.
func TestCatalogue(t *testing.T) {
	name := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	sections := []string{"## What it checks", "## Why", "## How to fix", "## Options", "## Example"}
	seen := map[string]bool{}
	for _, r := range All {
		if !name.MatchString(r.Name) {
			t.Errorf("rule name %q is not kebab-case", r.Name)
		}
		if seen[r.Name] {
			t.Errorf("rule %s is listed twice", r.Name)
		}
		seen[r.Name] = true
		if r.Category == "" || r.Severity == lint.Off || r.Check == nil {
			t.Errorf("%s: category %q, severity %v, check set %v", r.Name, r.Category, r.Severity, r.Check != nil)
		}
		if r.Title == "" || strings.ContainsAny(r.Title, "\n") || strings.HasSuffix(r.Title, ".") || strings.ToLower(r.Title[:1]) != r.Title[:1] {
			t.Errorf("%s: title %q is not one lower-case line without a final period", r.Name, r.Title)
		}
		at := 0
		for _, s := range sections {
			n := strings.Index(r.Doc[at:], s+"\n")
			if n < 0 {
				t.Errorf("%s: doc lacks %q (or has it out of order)", r.Name, s)
				break
			}
			at += n + len(s)
		}
	}
}

// TestDocExamples checks that the example each rule's documentation shows is what the
// rule says in that situation, so the docs cannot drift from the messages.
func TestDocExamples(t *testing.T) {
	tests := []struct {
		rule    *lint.Rule
		build   func(p *projectBuilder)
		config  func(c *lint.Config)
		enabled []*lint.Rule
	}{{
		rule: RankChangedByNonPO,
		build: func(p *projectBuilder) {
			p.Issue("PAY-12").Assignee(ana).RankedLowerBy(dev, at(4, 14, 20))
		},
	}, {
		rule: DateChangedByNonPM,
		build: func(p *projectBuilder) {
			p.Issue("PAY-7").Assignee(paul).DateChangedBy(dev, at(4, 14, 20), "duedate", "2026-03-10", "2026-03-17")
		},
	}, {
		rule: RankValueInversion,
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Rank("0|i0001:").Value(3)
			p.Issue("PAY-2").Rank("0|i0002:").Value(13)
			p.Issue("PAY-3").Rank("0|i0003:").Value(2)
			p.Issue("PAY-4").Rank("0|i0004:").Value(8)
		},
	}, {
		rule: SprintScopeUnapproved,
		build: func(p *projectBuilder) {
			p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
			p.Issue("PAY-31").SprintChangedBy(dev, at(4, 14, 20), "", "7")
		},
	}, {
		rule:    RoleUnassigned,
		build:   func(p *projectBuilder) { p.Issue("OPS-1") },
		config:  func(c *lint.Config) { c.Roles.ProductOwner = nil },
		enabled: []*lint.Rule{RankChangedByNonPO},
	}, {
		rule:   RoleConflation,
		build:  func(p *projectBuilder) { p.Issue("PAY-1").Assignee(ana) },
		config: func(c *lint.Config) { c.Roles.ProjectManager = []string{"Ana Lima"} },
	}, {
		rule: HistoryIncomplete,
		build: func(p *projectBuilder) {
			i := p.Issue("PAY-88").ChangelogTotal(143)
			for n := range 100 {
				i.RankedBy(ana, at(1, 0, 0).Add(time.Duration(n)*time.Minute))
			}
			p.Inputs(lint.Input{Kind: "jira", Format: "csv", Path: "issues.csv", Issues: 212})
		},
	}, {
		rule:    FieldNotFound,
		build:   func(p *projectBuilder) { p.Issue("PAY-1"); p.WithoutField(lint.KindValue) },
		enabled: []*lint.Rule{RankValueInversion},
	}, {
		rule: FieldNotFound,
		build: func(p *projectBuilder) {
			p.Issue("PAY-1")
			for n := range 6 {
				p.Issue("SUP-" + strconv.Itoa(n+1)).issue.Pos.Path = "ops-board.json"
			}
			p.Inputs(
				lint.Input{Kind: "jira", Path: "export.json", Issues: 1, Fields: p.project.Fields},
				lint.Input{Kind: "jira", Path: "ops-board.json", Issues: 6, Fields: map[lint.FieldKind]string{
					lint.KindRank: "customfield_10400", lint.KindEstimate: "customfield_10402", lint.KindValue: "customfield_10410",
				}},
			)
		},
	}, {
		rule: InputValueInvalid,
		build: func(p *projectBuilder) {
			p.project.Plan = &lint.Plan{Path: "plan.xlsx", Sheet: "Plan", Columns: map[string]string{"finish": "Finish"}}
			p.Problem(lint.ValueProblem{
				Pos:     lint.Position{Path: "plan.xlsx", Line: 7, Sheet: "Plan", Cell: "F7"},
				Subject: "4", Field: "finish", Value: "31/02/2026", Expected: "a date like 2026-03-10",
			})
		},
	}}
	for _, tt := range tests {
		t.Run(tt.rule.Name, func(t *testing.T) {
			p := newProject()
			tt.build(p)
			cfg := newConfig()
			if tt.config != nil {
				tt.config(cfg)
			}
			enabled := All
			if tt.enabled != nil {
				enabled = tt.enabled
			}
			res := runEnabled(t, tt.rule, p, cfg, enabled)
			if len(res.findings) == 0 {
				t.Fatal("no finding")
			}
			for _, f := range res.findings {
				if !strings.Contains(tt.rule.Doc, " "+tt.rule.Name+": "+f.Subject+": "+f.Message+"\n") {
					t.Errorf("the doc's example does not show\n%s: %s", f.Subject, f.Message)
				}
			}
		})
	}
}
