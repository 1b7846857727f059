package rules

import (
	"github.com/hatcheck/hatcheck/lint"
)

// PlanDatesInvalid reports plan tasks whose dates cannot be right.
var PlanDatesInvalid = &lint.Rule{
	Name:     "plan-dates-invalid",
	Category: lint.Schedule,
	Severity: lint.Error,
	Title:    "plan task with impossible or missing dates",
	Doc: `## What it checks

Each plan task, one finding per problem:

- it finishes before it starts;
- its baseline finish is before its baseline start;
- it is not a summary task and has no start or no finish date.

A date cell that could not be read counts as missing here; ` + "`input-value-invalid`" + `
reports what was in it.

## Why

The project manager owns the dates, and the plan must be internally consistent. A task that
ends before it begins, or has no dates at all, cannot be scheduled, and every check that
compares dates (dependencies, due dates, baseline slips, overdue work) skips it.

## How to fix

Correct the dates in the plan. In Microsoft Project, a task without dates is usually a row
typed as a note; give it dates or turn it into a summary task.

## Options

None.

## Example

` + "```text" + `
plan.xlsx:Plan!F9: error plan-dates-invalid: 8: Task 8 "Refunds" finishes 2026-03-06, 3 days before it starts (2026-03-09); a task cannot end before it begins
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkPlanDatesInvalid,
}

func checkPlanDatesInvalid(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	for _, t := range plan.Tasks {
		report := func(problem, role, msg string, ev map[string]any) {
			ev["task"], ev["problem"] = t.ID, problem
			pass.Report(lint.Finding{
				Subject:  t.ID,
				Message:  upperFirst(taskLabel(t)) + " " + msg,
				Location: plan.Pos(t, role),
				Evidence: ev,
				Identity: []string{problem},
			})
		}
		if !t.Start.IsZero() && !t.Finish.IsZero() && t.Finish.Before(t.Start) {
			report("finish-before-start", "finish",
				"finishes "+day(t.Finish)+", "+plural(daysBetween(t.Finish, t.Start), "day", "days")+" before it starts ("+day(t.Start)+"); a task cannot end before it begins",
				map[string]any{"start": day(t.Start), "finish": day(t.Finish)})
		}
		if !t.BaselineStart.IsZero() && !t.BaselineFinish.IsZero() && t.BaselineFinish.Before(t.BaselineStart) {
			report("baseline-finish-before-start", "baseline_finish",
				"has a baseline finish of "+day(t.BaselineFinish)+", "+plural(daysBetween(t.BaselineFinish, t.BaselineStart), "day", "days")+
					" before its baseline start ("+day(t.BaselineStart)+"); the baseline cannot end before it begins",
				map[string]any{"baseline_start": day(t.BaselineStart), "baseline_finish": day(t.BaselineFinish)})
		}
		if t.Summary {
			continue
		}
		switch {
		case t.Start.IsZero() && t.Finish.IsZero():
			report("no-dates", "start", "has neither a start nor a finish date; a task that is not a summary needs both to be scheduled", map[string]any{})
		case t.Start.IsZero():
			report("no-start", "start", "has no start date; a task that is not a summary needs both dates to be scheduled", map[string]any{"finish": day(t.Finish)})
		case t.Finish.IsZero():
			report("no-finish", "finish", "has no finish date; a task that is not a summary needs both dates to be scheduled", map[string]any{"start": day(t.Start)})
		}
	}
	return nil
}
