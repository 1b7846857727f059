package rules

import (
	"fmt"

	"github.com/hatcheck/hatcheck/lint"
)

// BaselineSlip reports plan tasks finishing later than their baseline without approval.
var BaselineSlip = &lint.Rule{
	Name:     "baseline-slip",
	Category: lint.Schedule,
	Severity: lint.Warning,
	Title:    "plan task finishes later than its baseline without approval",
	Doc: `## What it checks

Plan tasks whose finish date is later than their baseline finish by more than
` + "`dates.tolerance_days`" + ` calendar days, unless an approved change-log row (status in
` + "`scope.approved_statuses`" + `, signed by an approver) names the task by its id or names
one of its Jira keys.

## Why

The project manager owns the dates, and the baseline is what was agreed. A finish that moved
past it is a schedule change: the people who agreed to the baseline should have approved
it, and the change log is where that approval is recorded.

## How to fix

Record the re-plan in the change log (a row naming the task, with an approved status and the
approver), or bring the task back to its baseline. If the baseline itself is out of date and
everyone agrees, re-baseline the plan.

## Options

- ` + "`dates.tolerance_days`" + `: slips up to this many days are not reported.
- ` + "`scope.approvers`" + `, ` + "`scope.approved_statuses`" + `: what counts as an approved change-log row.

## Example

` + "```text" + `
plan.xlsx:Plan!F8: warning baseline-slip: 7: Task 7 "Build the API" now finishes 2026-03-27, 14 days after its baseline finish of 2026-03-13, and no approved change request names it; a move past the agreed baseline needs an approval
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkBaselineSlip,
}

func checkBaselineSlip(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	for _, t := range plan.Tasks {
		if t.Finish.IsZero() || t.BaselineFinish.IsZero() {
			continue
		}
		slip := daysBetween(t.BaselineFinish, t.Finish)
		if slip <= pass.Config.Dates.ToleranceDays {
			continue
		}
		if _, ok := pass.TaskApproved(t); ok {
			continue
		}
		pass.Report(lint.Finding{
			Subject: t.ID,
			Message: fmt.Sprintf("%s now finishes %s, %s after its baseline finish of %s, and no approved change request names it; a move past the agreed baseline needs an approval",
				upperFirst(taskLabel(t)), day(t.Finish), plural(slip, "day", "days"), day(t.BaselineFinish)),
			Location: plan.Pos(t, "finish"),
			Related:  []lint.Related{{Location: plan.Pos(t, "baseline_finish"), Message: "baseline finish " + day(t.BaselineFinish)}},
			Evidence: map[string]any{"task": t.ID, "finish": day(t.Finish), "baseline_finish": day(t.BaselineFinish), "days": slip},
		})
	}
	return nil
}
