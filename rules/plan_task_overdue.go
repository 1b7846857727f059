package rules

import (
	"fmt"

	"github.com/hatcheck/hatcheck/lint"
)

// PlanTaskOverdue reports plan tasks past their finish date and not complete.
var PlanTaskOverdue = &lint.Rule{
	Name:     "plan-task-overdue",
	Category: lint.Schedule,
	Severity: lint.Warning,
	Title:    "plan task past its finish date and not complete",
	Doc: `## What it checks

Plan tasks that are not summary tasks, whose finish date is before today (the date of
` + "`--now`" + ` in ` + "`timezone`" + `), and that are less than 100 % complete. A status of
Done, Complete, Completed or Closed counts as 100 %, whatever the percent column says. A
task finishing today is not overdue. A plan with neither a percent complete column nor a
status column records no progress, so the rule cannot tell finished work from late work and
stays silent.

## Why

The project manager owns the dates, and the plan must be current. A task past its finish
that is not done is either late — and everything after it may slip — or finished without the
plan saying so; either way the plan no longer tells the truth about the schedule.

## How to fix

Update the task's progress if it is done; otherwise re-plan it: move its finish (through the
change log if the plan is baselined) and look at what its delay does to its successors.

## Options

- ` + "`timezone`" + `, ` + "`--now`" + `: what "today" is.

## Example

` + "```text" + `
plan.xlsx:Plan!F8: warning plan-task-overdue: 7: Task 7 "Build the API" was due to finish on 2026-03-13, 7 days ago, and is 60 % complete; the plan no longer shows when it will finish
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkPlanTaskOverdue,
}

func checkPlanTaskOverdue(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil || !planTracksProgress(plan) {
		return nil
	}
	today := pass.Today()
	for _, t := range plan.Tasks {
		if t.Summary || t.Finish.IsZero() || !t.Finish.Before(today) || taskComplete(t) {
			continue
		}
		late := daysBetween(t.Finish, today)
		ev := map[string]any{"task": t.ID, "finish": day(t.Finish), "today": day(today), "days_late": late, "status": t.Status}
		if t.Percent != nil {
			ev["percent"] = *t.Percent
		}
		pass.Report(lint.Finding{
			Subject: t.ID,
			Message: fmt.Sprintf("%s was due to finish on %s, %s ago, and %s; the plan no longer shows when it will finish",
				upperFirst(taskLabel(t)), day(t.Finish), plural(late, "day", "days"), progressText(t)),
			Location: plan.Pos(t, "finish"),
			Evidence: ev,
		})
	}
	return nil
}
