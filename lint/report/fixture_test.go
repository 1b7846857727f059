package report

import (
	"math"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// special is a message that every format must escape in its own way.
const special = "100% done: scope, \"sprint\"\r\nnext line <script>alert(1)</script> | pipe | *bold* _x_ [link](http://x) `tick` & more"

func float(v float64) *float64 { return &v }

// fixtureRules are the rules of the fixture report, in catalogue order.
func fixtureRules() []*lint.Rule {
	return []*lint.Rule{
		{Name: "rank-changed-by-non-po", Category: lint.Ownership, Severity: lint.Error,
			Title: "backlog ranked by someone other than the product owner",
			Doc:   "## rank-changed-by-non-po\n\nReports a rank change made by anyone but the product owner.\n\n**Why:** the PO owns the backlog."},
		{Name: "sprint-scope-unapproved", Category: lint.Scope, Severity: lint.Error,
			Title: "sprint scope changed without approval",
			Doc:   "Reports an issue added to or removed from a running sprint without a recorded approval."},
		{Name: "due-date-mismatch", Category: lint.Schedule, Severity: lint.Warning,
			Title: "Jira due date differs from the plan",
			Doc:   "Reports an issue whose due date differs from its plan task's finish."},
		{Name: "plan-task-unowned", Category: lint.Schedule, Severity: lint.Warning,
			Title: "plan task without an owner",
			Doc:   "Reports a plan task without an owner."},
		{Name: "plan-missing-logic", Category: lint.Schedule, Severity: lint.Info,
			Title: "plan task without dependencies",
			Doc:   "Reports a task with neither predecessors nor successors."},
		{Name: "role-unassigned", Category: lint.Roles, Severity: lint.Error,
			Title: "project without a product owner or project manager",
			Doc:   "Reports a project that lacks a role."},
		{Name: "value-missing", Category: lint.Value, Severity: lint.Warning,
			Title: "ready item without a business value",
			Doc:   "Reports a ready backlog item without a value."},
		{Name: "unranked-item", Category: lint.Value, Severity: lint.Warning,
			Title: "open backlog item without a rank",
			Doc:   "Reports an open backlog item without a rank while others of its project have one."},
		{Name: "done-without-po-acceptance", Category: lint.Ownership, Severity: lint.Error, DefaultOff: true,
			Title: "issue done without the product owner's acceptance",
			Doc:   "Reports a done issue moved to done by someone other than the PO."},
	}
}

// fixture is one report that exercises every path of every format: findings of several
// rules, a waived one, a baseline one, a plan finding with sheet!cell, a finding without
// a place, and a message full of characters each format must escape.
func fixture() *lint.Report {
	now := time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	return &lint.Report{
		Tool: lint.Tool{Name: "hatcheck", Version: "1.2.3"},
		Now:  now,
		Inputs: []lint.Input{
			{Kind: "jira", Format: "json", Path: "exports/export.json", Issues: 120, Histories: 900},
			{Kind: "plan", Format: "xlsx", Path: "plan.xlsx", Tasks: 24, ChangeRequests: 3},
		},
		Rules: fixtureRules(),
		Summary: lint.Summary{
			Total: 5, Error: 3, Warning: 1, Info: 1, Waived: 1, Baseline: 1, New: 5,
			ByRule: map[string]int{
				"due-date-mismatch": 1, "plan-missing-logic": 1, "rank-changed-by-non-po": 1,
				"role-unassigned": 1, "sprint-scope-unapproved": 1,
			},
			Metrics: map[string]map[string]float64{
				"value_rank_tau": {"PAY": 0.42, "OPS": math.NaN()},
				"value_coverage": {"PAY": 0.8},
			},
		},
		Findings: []*lint.Finding{
			{Rule: "sprint-scope-unapproved", Category: lint.Scope, Severity: lint.Error, Subject: "PAY-7",
				Message:  special,
				Location: lint.Position{Path: "exports/export.json", Line: 7, Column: 5},
				URL:      "https://acme.atlassian.net/browse/PAY-7",
				Evidence: map[string]any{"sprint": 76, "author": "Dev One"}, Fingerprint: "3f2a9c1d0b7e4a55"},
			{Rule: "rank-changed-by-non-po", Category: lint.Ownership, Severity: lint.Error, Subject: "PAY-12",
				Message:  "ranked higher by Dev One on 2026-03-02 10:15 UTC; Dev One is not a product owner of PAY",
				Location: lint.Position{Path: "exports/export.json", Line: 42},
				URL:      "https://acme.atlassian.net/browse/PAY-12",
				Evidence: map[string]any{"author": "Dev One", "history": "10231"}, Fingerprint: "9d1c7e2b44f0a811"},
			{Rule: "rank-changed-by-non-po", Category: lint.Ownership, Severity: lint.Error, Subject: "PAY-13",
				Message:     "ranked lower by Dev Two on 2026-02-20 16:00 UTC; Dev Two is not a product owner of PAY",
				Location:    lint.Position{Path: "exports/export.json", Line: 80},
				URL:         "https://acme.atlassian.net/browse/PAY-13",
				Fingerprint: "0c55e1f9a3b2d764", Status: lint.StatusBaseline},
			{Rule: "due-date-mismatch", Category: lint.Schedule, Severity: lint.Warning, Subject: "PAY-20",
				Message:     "Jira due date 2026-04-03 is 3 days after task 4 \"Payment API\" finish 2026-03-31",
				Location:    lint.Position{Path: "plan.xlsx", Line: 7, Sheet: "Plan", Cell: "F7"},
				URL:         "https://acme.atlassian.net/browse/PAY-20",
				Related:     []lint.Related{{Location: lint.Position{Path: "exports/export.json", Line: 120}, Message: "PAY-20 due date"}},
				Fingerprint: "77ab01c3d9e2f640", Status: lint.StatusNew},
			{Rule: "plan-task-unowned", Category: lint.Schedule, Severity: lint.Warning, Subject: "4",
				Message:     "task 4 \"Payment API\" has no owner",
				Location:    lint.Position{Path: "plan.xlsx", Line: 9, Sheet: "Plan", Cell: "E9"},
				Fingerprint: "5e6f7a8b9c0d1e2f", Status: lint.StatusWaived,
				Waiver: &lint.Waiver{Rule: "plan-task-unowned", Subject: "4", Reason: "owner hired next month", Expires: day(time.May, 1)}},
			{Rule: "plan-missing-logic", Category: lint.Schedule, Severity: lint.Info, Subject: "5",
				Message:     "task 5 \"Go-live\" has neither predecessors nor successors",
				Location:    lint.Position{Path: "plan.xlsx", Line: 10, Sheet: "Plan", Cell: "A10"},
				Fingerprint: "1a2b3c4d5e6f7081"},
			{Rule: "role-unassigned", Category: lint.Roles, Severity: lint.Error, Subject: "OPS",
				Message:     "project OPS has no project manager (roles.project_manager is empty)",
				Fingerprint: "aa00bb11cc22dd33"},
		},
		Errors:  []lint.RuleError{{Rule: "value-missing", Err: "value field resolved to two fields"}},
		Skipped: []lint.RuleSkip{{Rule: "done-without-po-acceptance", Reason: "no product owner is configured for <any> project"}},
		Backlog: []lint.BacklogPoint{
			{Project: "PAY", Key: "PAY-1", Rank: 1, Value: float(90)},
			{Project: "PAY", Key: "PAY-2", Rank: 2, Value: float(80)},
			{Project: "PAY", Key: "PAY-3", Rank: 3, Value: float(20)},
			{Project: "PAY", Key: "PAY-4", Rank: 4, Value: float(70), Inverted: true},
			{Project: "PAY", Key: "PAY-5", Rank: 5, Value: nil},
			{Project: "PAY", Key: "PAY-6", Rank: 6, Value: float(40)},
			{Project: "PAY", Key: "PAY-7", Rank: 7, Value: float(55), Inverted: true},
			{Project: "PAY", Key: "PAY-8", Rank: 8, Value: float(10)},
			{Project: "OPS", Key: "OPS-1", Rank: 1, Value: float(5)},
			{Project: "OPS", Key: "OPS-2", Rank: 2, Value: float(8), Inverted: true},
			{Project: "OPS", Key: "OPS-3", Rank: 3, Value: nil},
		},
		Schedule: []lint.SchedulePoint{
			{Task: "2", Name: "Design", Key: "PAY-10", Finish: day(time.February, 27), Due: day(time.February, 27)},
			{Task: "3", Name: "Build <core>", Key: "PAY-11", Finish: day(time.March, 13), Due: day(time.March, 20)},
			{Task: "4", Name: "Payment API", Key: "PAY-20", Finish: day(time.March, 31), Due: day(time.April, 3)},
			{Task: "6", Name: "Training", Key: "OPS-4", Finish: day(time.April, 17), Due: day(time.April, 10)},
			{Task: "7", Name: "Go-live", Key: "PAY-30", Finish: day(time.April, 30), Due: day(time.April, 30)},
		},
	}
}
