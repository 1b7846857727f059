package rules

import (
	"github.com/hatcheck/hatcheck/lint"
)

// PlanMissingLogic reports plan tasks connected to nothing.
var PlanMissingLogic = &lint.Rule{
	Name:     "plan-missing-logic",
	Category: lint.Schedule,
	Severity: lint.Info,
	Title:    "plan task with neither predecessors nor successors",
	Doc: `## What it checks

Plan tasks that are not summary tasks, are not complete (a status of Done, Complete,
Completed or Closed counts as complete), and have neither a predecessor nor a successor —
no entry in their predecessor cell, and no other task naming them. When the plan has no
predecessor column at all, there is one finding for the whole plan instead of one per task.

## Why

The project manager owns the schedule, and a schedule is dates that follow from logic. A
task linked to nothing floats: when it slips, nothing after it moves, and the plan cannot
show what the slip delays. Scheduling guides (the DCMA 14-point check among them) treat
missing logic as the first sign of a schedule kept by hand.

## How to fix

Link the task to the work it waits for and to the work that waits for it; a task that truly
depends on nothing can hang off the project's start milestone.

## Options

- ` + "`plan.columns.predecessors`" + `: the header of the predecessor column, when it is not recognised.

## Example

` + "```text" + `
plan.xlsx:Plan!J11: info plan-missing-logic: 10: Task 10 "Security review" has neither predecessors nor successors; when it slips, the plan cannot show what the slip delays
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkPlanMissingLogic,
}

func checkPlanMissingLogic(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	if !plan.HasColumn("predecessors") {
		pass.Report(lint.Finding{
			Subject:  plan.Path,
			Message:  "The plan sheet " + plan.Sheet + " has no predecessor column, so none of its tasks is linked to another; the schedule's dates follow from no logic",
			Location: lint.Position{Path: plan.Path, Line: plan.HeaderRow, Sheet: plan.Sheet},
			Evidence: map[string]any{"sheet": plan.Sheet, "tasks": len(plan.Tasks)},
			Identity: []string{"no-predecessor-column"},
		})
		return nil
	}
	byID := tasksByID(plan)
	hasSuccessor := map[*lint.Task]bool{}
	for _, t := range plan.Tasks {
		for _, p := range waitsFor(byID, t) {
			hasSuccessor[p] = true
		}
	}
	for _, t := range plan.Tasks {
		if t.Summary || taskComplete(t) || len(t.Predecessors) > 0 || hasSuccessor[t] {
			continue
		}
		pass.Report(lint.Finding{
			Subject:  t.ID,
			Message:  upperFirst(taskLabel(t)) + " has neither predecessors nor successors; when it slips, the plan cannot show what the slip delays",
			Location: plan.Pos(t, "predecessors"),
			Evidence: map[string]any{"task": t.ID, "name": t.Name},
		})
	}
	return nil
}
