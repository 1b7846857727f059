package rules

import (
	"fmt"

	"github.com/hatcheck/hatcheck/lint"
)

// PlanTaskUnbaselined reports plan tasks added after the plan was baselined without approval.
var PlanTaskUnbaselined = &lint.Rule{
	Name:     "plan-task-unbaselined",
	Category: lint.Scope,
	Severity: lint.Warning,
	Title:    "plan task without baseline dates in a baselined plan",
	Doc: `## What it checks

Plan tasks with neither a baseline start nor a baseline finish, in a plan where other tasks
have baseline dates, unless an approved change-log row (status in
` + "`scope.approved_statuses`" + `, signed by an approver) names the task by its id or names
one of its Jira keys. A plan where no task has baseline dates is not checked: it was never
baselined.

## Why

Scope changes are formally approved. A task without baseline dates in a baselined plan was
added after the baseline was set: it is new scope, and the change log should show who
approved it.

## How to fix

Add a row to the plan's change log naming the task (or its Jira issue), with an approved
status and the approver; or, if the task was in scope all along, set its baseline dates.

## Options

- ` + "`scope.approvers`" + `, ` + "`scope.approved_statuses`" + `: what counts as an approved change-log row.
- ` + "`plan.changes_sheet`" + `: where the change log is.

## Example

` + "```text" + `
plan.xlsx:Plan!H14: warning plan-task-unbaselined: 13: Task 13 "Apple Pay" has no baseline dates while 12 other tasks have them, and no approved change request names it; work added after the baseline needs an approval
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkPlanTaskUnbaselined,
}

func checkPlanTaskUnbaselined(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	baselined := 0
	for _, t := range plan.Tasks {
		if !t.BaselineStart.IsZero() || !t.BaselineFinish.IsZero() {
			baselined++
		}
	}
	if baselined == 0 {
		return nil
	}
	for _, t := range plan.Tasks {
		if !t.BaselineStart.IsZero() || !t.BaselineFinish.IsZero() {
			continue
		}
		if _, ok := pass.TaskApproved(t); ok {
			continue
		}
		pass.Report(lint.Finding{
			Subject: t.ID,
			Message: fmt.Sprintf("%s has no baseline dates while %s, and no approved change request names it; work added after the baseline needs an approval",
				upperFirst(taskLabel(t)), plural(baselined, "other task has them", "other tasks have them")),
			Location: plan.Pos(t, baselineRole(plan)),
			Evidence: map[string]any{"task": t.ID, "name": t.Name, "jira": t.Jira, "baselined_tasks": baselined},
			Identity: []string{t.ID},
		})
	}
	return nil
}

// baselineRole is the baseline column a finding about missing baseline dates points at:
// the baseline start, or the baseline finish when the plan has only that.
func baselineRole(plan *lint.Plan) string {
	if !plan.HasColumn("baseline_start") && plan.HasColumn("baseline_finish") {
		return "baseline_finish"
	}
	return "baseline_start"
}
