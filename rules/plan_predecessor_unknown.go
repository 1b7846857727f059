package rules

import (
	"fmt"

	"github.com/hatcheck/hatcheck/lint"
)

// PlanPredecessorUnknown reports predecessor references that match no task.
var PlanPredecessorUnknown = &lint.Rule{
	Name:     "plan-predecessor-unknown",
	Category: lint.Schedule,
	Severity: lint.Error,
	Title:    "predecessor names a task the plan does not have",
	Doc: `## What it checks

Every predecessor entry of a plan task whose reference matches no task of the plan sheet,
neither by id nor by WBS code (the id column's, or a WBS column beside an ID column): one
finding per task and reference. An entry that cannot be read at all (` + "`3XX`" + `) is ` + "`input-value-invalid`" + `'s.

## Why

The project manager owns the schedule, and the plan must be internally consistent. A link to
a task that does not exist (deleted, renumbered, or a typo) is no link at all: the dates it
was meant to protect are no longer checked, and the plan's logic has a hole nobody sees.

## How to fix

Point the entry at the right task, or delete it. After deleting or moving rows in a plan
that numbers tasks by position, check the predecessor column: ids shift with the rows.

## Options

None.

## Example

` + "```text" + `
plan.xlsx:Plan!J6: error plan-predecessor-unknown: 5: Task 5 "Build" names predecessor 42 (in "42FS+2d"), but the plan has no task 42; the dependency is lost
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkPlanPredecessorUnknown,
}

func checkPlanPredecessorUnknown(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	byID := tasksByID(plan)
	for _, t := range plan.Tasks {
		seen := map[string]bool{}
		for _, link := range t.Predecessors {
			if seen[link.Ref] || byID[link.Ref] != nil {
				continue
			}
			seen[link.Ref] = true
			pass.Report(lint.Finding{
				Subject: t.ID,
				Message: fmt.Sprintf("%s names predecessor %s (in %q), but the plan has no task %s; the dependency is lost",
					upperFirst(taskLabel(t)), link.Ref, link.Raw, link.Ref),
				Location: plan.Pos(t, "predecessors"),
				Evidence: map[string]any{"task": t.ID, "ref": link.Ref, "link": link.Raw},
				Identity: []string{link.Ref},
			})
		}
	}
	return nil
}
