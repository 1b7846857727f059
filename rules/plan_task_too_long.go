package rules

import (
	"fmt"
	"math"

	"github.com/hatcheck/hatcheck/lint"
)

// maxTaskWorkdays is the longest a plan task may be, in working days: about two months, the
// limit scheduling guides (DCMA's "high duration" check) set for a task to be trackable.
const maxTaskWorkdays = 44

// PlanTaskTooLong reports plan tasks too long to track.
var PlanTaskTooLong = &lint.Rule{
	Name:     "plan-task-too-long",
	Category: lint.Schedule,
	Severity: lint.Info,
	Title:    "plan task longer than 44 working days",
	Doc: `## What it checks

Plan tasks that are neither summary tasks nor milestones and last more than 44 working days.
The length is counted from start to finish, both days included, Monday to Friday (a task from
Monday to the Friday of the same week lasts 5 days); a task without both dates is measured
by its duration column instead.

## Why

The project manager owns the schedule, and a schedule is only as good as its smallest pieces.
A task of more than two months hides its progress: it is "60 % done" for weeks, and its
delay shows only at its end. Scheduling guides (the DCMA 14-point check's high duration
test) set the limit at 44 working days.

## How to fix

Split the task into pieces of a few weeks each, each with its own finish and owner, linked
in sequence.

## Options

None.

## Example

` + "```text" + `
plan.xlsx:Plan!E9: info plan-task-too-long: 8: Task 8 "Migration" lasts 65 working days (2026-03-02 to 2026-05-29); tasks over 44 working days hide their progress until they end
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkPlanTaskTooLong,
}

func checkPlanTaskTooLong(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	for _, t := range plan.Tasks {
		if t.Summary || t.Milestone {
			continue
		}
		var days int
		var span, role string
		switch {
		case !t.Start.IsZero() && !t.Finish.IsZero():
			days, span, role = workdaysInclusive(t.Start, t.Finish), fmt.Sprintf(" (%s to %s)", day(t.Start), day(t.Finish)), "start"
		case t.Duration != nil:
			days, span, role = int(math.Ceil(*t.Duration)), " (its duration)", "duration"
		default:
			continue
		}
		if days <= maxTaskWorkdays {
			continue
		}
		pass.Report(lint.Finding{
			Subject: t.ID,
			Message: fmt.Sprintf("%s lasts %d working days%s; tasks over %d working days hide their progress until they end",
				upperFirst(taskLabel(t)), days, span, maxTaskWorkdays),
			Location: plan.Pos(t, role),
			Evidence: map[string]any{"task": t.ID, "working_days": days, "limit": maxTaskWorkdays},
		})
	}
	return nil
}
