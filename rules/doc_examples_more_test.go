package rules

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// TestDocExamplesMore checks, like TestDocExamples, that the example in each of these
// rules' documentation is exactly what the rule reports in that situation.
func TestDocExamplesMore(t *testing.T) {
	sprint7 := func(p *projectBuilder) { p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0)) }
	tests := []struct {
		rule   *lint.Rule
		build  func(p *projectBuilder)
		config func(c *lint.Config)
	}{{
		rule: PriorityChangedByNonPO,
		build: func(p *projectBuilder) {
			p.Issue("PAY-31").Assignee(ana).PriorityChangedBy(dev, at(4, 14, 20), "Medium", "Highest")
		},
	}, {
		rule: AcceptanceCriteriaMissing,
		build: func(p *projectBuilder) {
			sprint7(p)
			p.Issue("PAY-14").Summary("Refund by card").Sprints(7)
		},
	}, {
		rule: DoneWithoutPOAcceptance,
		build: func(p *projectBuilder) {
			p.Issue("PAY-9").Assignee(ana).MovedBy(dev, at(12, 16, 40), "In Review", "Done", lint.CategoryDone)
		},
	}, {
		rule: ValueMissing,
		build: func(p *projectBuilder) {
			p.Issue("PAY-20").Rank("0|i0001:").Value(8)
			p.Issue("PAY-21").Summary("Saved cards").Rank("0|i0002:")
		},
	}, {
		rule: SprintSkipsHigherValue,
		build: func(p *projectBuilder) {
			sprint7(p)
			p.Issue("PAY-12").Rank("0|i0001:").Value(13)
			p.Issue("PAY-40").Rank("0|i0002:").Value(3).Sprints(7)
		},
	}, {
		rule: UnrankedItem,
		build: func(p *projectBuilder) {
			for n := range 41 {
				p.Issue(fmt.Sprintf("PAY-%d", n+1)).Rank(fmt.Sprintf("0|i%04d:", n))
			}
			p.Issue("PAY-77").Type("Bug").Summary("Receipt total rounds down")
		},
	}, {
		rule: EstimateChangedInSprint,
		build: func(p *projectBuilder) {
			sprint7(p)
			p.Issue("PAY-18").Sprints(7).EstimateChangedBy(dev, at(4, 11, 0), "3", "8")
		},
	}, {
		rule: ScopeAddedAfterBaseline,
		build: func(p *projectBuilder) {
			p.Task("2", "Payments v2").Jira("PAY-3")
			p.Issue("PAY-52").ParentChangedBy(dev, at(9, 10, 0), "", "PAY-3")
		},
		config: func(c *lint.Config) { c.Plan.BaselineDate = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) },
	}, {
		rule: PlanTaskUnbaselined,
		build: func(p *projectBuilder) {
			for n := range 12 {
				p.Task(fmt.Sprint(n+1), "Work").Baseline("2026-03-02", "2026-03-06")
			}
			p.Task("13", "Apple Pay")
		},
	}, {
		rule: UnplannedIssue,
		build: func(p *projectBuilder) {
			p.Task("1", "Payments v2").Jira("PAY-3")
			p.Issue("PAY-60").Type("Epic").Summary("Wallet top-up")
		},
	}, {
		rule: PlanKeyNotFound,
		build: func(p *projectBuilder) {
			for n := range 57 {
				p.Issue(fmt.Sprintf("PAY-%d", n+1))
			}
			p.Task("8", "Refunds").Jira("PAY-404")
		},
	}, {
		rule: ChangeRequestInvalid,
		build: func(p *projectBuilder) {
			p.ChangeRequest("CR-3", "Approved", "Dev Patel", at(3, 0, 0), "PAY-1")
		},
	}, {
		rule: DueDateMismatch,
		build: func(p *projectBuilder) {
			p.Issue("PAY-12").Due(planDate("2026-03-20"))
			p.Task("7", "Build the API").Dates("2026-03-02", "2026-03-27").Jira("PAY-12")
		},
	}, {
		rule: PlanDatesInvalid,
		build: func(p *projectBuilder) {
			p.Task("8", "Refunds").Dates("2026-03-09", "2026-03-06")
		},
	}, {
		rule: PlanDependencyViolated,
		build: func(p *projectBuilder) {
			p.Task("3", "Design").Dates("2026-03-02", "2026-03-06")
			p.Task("5", "Build").Dates("2026-03-09", "2026-03-13").After("3", lint.FinishToStart, 2).task.Predecessors[0].Raw = "3FS+2d"
		},
	}, {
		rule: PlanPredecessorUnknown,
		build: func(p *projectBuilder) {
			p.Task("5", "Build").After("42", lint.FinishToStart, 2).task.Predecessors[0].Raw = "42FS+2d"
		},
	}, {
		rule: PlanDependencyCycle,
		build: func(p *projectBuilder) {
			p.Task("3", "Design").After("7", lint.FinishToStart, 0)
			p.Task("5", "Build").After("3", lint.FinishToStart, 0)
			p.Task("7", "Test").After("5", lint.FinishToStart, 0)
		},
	}, {
		rule:  PlanTaskUnowned,
		build: func(p *projectBuilder) { p.Task("11", "Load test").Owner("") },
	}, {
		rule: PlanTaskOverdue,
		build: func(p *projectBuilder) {
			p.Task("7", "Build the API").Dates("2026-03-02", "2026-03-13").Percent(60)
		},
	}, {
		rule: BaselineSlip,
		build: func(p *projectBuilder) {
			p.Task("7", "Build the API").Dates("2026-03-02", "2026-03-27").Baseline("2026-03-02", "2026-03-13")
		},
	}, {
		rule: StatusMismatch,
		build: func(p *projectBuilder) {
			p.Issue("PAY-12").Status("In Progress", lint.CategoryIndeterminate)
			p.Task("7", "Build the API").Percent(100).Jira("PAY-12")
		},
	}, {
		rule:  PlanMissingLogic,
		build: func(p *projectBuilder) { p.Task("10", "Security review") },
	}, {
		rule:  PlanTaskTooLong,
		build: func(p *projectBuilder) { p.Task("8", "Migration").Dates("2026-03-02", "2026-05-29") },
	}}
	for _, tt := range tests {
		t.Run(tt.rule.Name, func(t *testing.T) {
			p := newProject()
			tt.build(p)
			cfg := newConfig()
			if tt.config != nil {
				tt.config(cfg)
			}
			res := run(t, tt.rule, p, cfg)
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

// TestDocExamplesWaivers does the same for the housekeeping rules, through the engine.
func TestDocExamplesWaivers(t *testing.T) {
	p := newProject()
	p.Issue("PAY-12").Due(planDate("2026-03-20"))
	p.Task("7", "Build the API").Dates("2026-03-02", "2026-03-27").Jira("PAY-12")
	cfg := newConfig()
	cfg.Waivers = []lint.Waiver{
		{Rule: "due-date-mismatch", Subject: "PAY-12", Reason: "date agreed with the customer", Expires: planDate("2026-03-15")},
		{Rule: "rank-changed-by-non-po", Subject: "WEB-*", Reason: "web team ranks its own bugs"},
	}
	rep, err := lint.Run(p.Build(), cfg, []*lint.Rule{DueDateMismatch, RankChangedByNonPO, WaiverExpired, WaiverUnused}, lint.RunOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		for _, r := range []*lint.Rule{WaiverExpired, WaiverUnused} {
			if f.Rule != r.Name {
				continue
			}
			seen[r.Name] = true
			if !strings.Contains(r.Doc, " "+r.Name+": "+f.Subject+": "+f.Message+"\n") {
				t.Errorf("%s: the doc's example does not show\n%s: %s", r.Name, f.Subject, f.Message)
			}
		}
	}
	if !seen["waiver-expired"] || !seen["waiver-unused"] {
		t.Errorf("findings of the waiver rules: %v", seen)
	}
}
