package rules

import (
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// PlanTaskUnowned reports plan tasks nobody owns.
var PlanTaskUnowned = &lint.Rule{
	Name:     "plan-task-unowned",
	Category: lint.Schedule,
	Severity: lint.Warning,
	Title:    "plan task without an owner",
	Doc: `## What it checks

Plan tasks that are neither summary tasks nor milestones and whose owner cell (Owner,
Resource Names, Assigned To, ...) is empty. When the plan has no owner column at all, every
such task is reported and the message says the column is missing.

## Why

The project manager owns the schedule, and the plan must be complete: dates mean something
only when someone has committed to them. A task without an owner has dates nobody answers for.

## How to fix

Name the person (or team) responsible in the owner column. If the plan has no such column,
add one; ` + "`plan.columns.owner`" + ` maps a column with an unusual header.

## Options

- ` + "`plan.columns.owner`" + `: the header of the owner column, when it is not recognised.

## Example

` + "```text" + `
plan.xlsx:Plan!D12: warning plan-task-unowned: 11: Task 11 "Load test" has no owner; its dates are a commitment nobody has made
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkPlanTaskUnowned,
}

func checkPlanTaskUnowned(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	note := ""
	if !plan.HasColumn("owner") {
		note = " (the plan has no owner column)"
	}
	for _, t := range plan.Tasks {
		if t.Summary || t.Milestone || strings.TrimSpace(t.Owner) != "" {
			continue
		}
		pass.Report(lint.Finding{
			Subject:  t.ID,
			Message:  upperFirst(taskLabel(t)) + " has no owner" + note + "; its dates are a commitment nobody has made",
			Location: plan.Pos(t, "owner"),
			Evidence: map[string]any{"task": t.ID, "name": t.Name},
		})
	}
	return nil
}
