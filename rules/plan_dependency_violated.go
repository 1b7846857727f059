package rules

import (
	"fmt"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// PlanDependencyViolated reports predecessor links whose constraint the plan's dates break.
var PlanDependencyViolated = &lint.Rule{
	Name:     "plan-dependency-violated",
	Category: lint.Schedule,
	Severity: lint.Error,
	Title:    "plan dates break a predecessor link",
	Doc: `## What it checks

Every predecessor link of a plan task whose constraint the dates break:

| link | constraint |
|---|---|
| FS (finish to start, the default) | successor start ≥ predecessor finish + lag |
| SS (start to start) | successor start ≥ predecessor start + lag |
| FF (finish to finish) | successor finish ≥ predecessor finish + lag |
| SF (start to finish) | successor finish ≥ predecessor start + lag |

Plan dates are whole days, so "≥" compares calendar dates and "+ lag" moves a date by days:

- A lag of 0 allows the same day: a task may start on the day its predecessor finishes. Plans
  written by hand, and exports that drop the time of day, show a one-day hand-over this way;
  reading it as a violation would flag nearly every link.
- A lag in working days (` + "`+2d`" + `, ` + "`+1w`" + ` = 5, ` + "`+16h`" + ` = 2) counts Monday to Friday only:
  the earliest allowed date is reached by stepping forward one day at a time and counting only
  weekdays, so Friday + 1 working day is Monday, and a predecessor finishing on a Saturday + 1
  is Monday too. Holidays are not known and count as working days.
- A lag in elapsed days (` + "`+3ed`" + `, ` + "`+1ew`" + ` = 7) counts every calendar day: Friday + 3 elapsed days is Monday.
- A negative lag (a lead) moves the earliest date back the same way.

Links to tasks that do not exist (` + "`plan-predecessor-unknown`" + `) and tasks missing the
dates a link compares (` + "`plan-dates-invalid`" + `) are left to those rules.

## Why

The project manager owns the schedule, and the plan must be internally consistent. A plan
whose dates contradict its own dependencies has been edited by hand around its logic: the
dates no longer follow from the work, and a slip in one task will not show in the tasks that
wait for it.

## How to fix

Move the successor's dates (or the predecessor's) so the link holds, or let the scheduling
tool recompute them; if the dependency is no longer real, remove it.

## Options

None: lags and link types are read from the plan's predecessor column.

## Example

` + "```text" + `
plan.xlsx:Plan!J6: error plan-dependency-violated: 5: Task 5 "Build" starts 2026-03-09, before 2026-03-10, the earliest its link 3FS+2d allows (2 working days after task 3 "Design" finishes on 2026-03-06); the dates contradict the plan's own dependencies
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkPlanDependencyViolated,
}

func checkPlanDependencyViolated(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	byID := tasksByID(plan)
	for _, succ := range plan.Tasks {
		for _, link := range succ.Predecessors {
			pred := byID[link.Ref]
			if pred == nil {
				continue
			}
			c := linkConstraint(pred, succ, link)
			if c.base.IsZero() || c.date.IsZero() || !c.date.Before(c.earliest) {
				continue
			}
			pass.Report(lint.Finding{
				Subject: succ.ID,
				Message: fmt.Sprintf("%s %s %s, before %s, the earliest its link %s allows (%s); the dates contradict the plan's own dependencies",
					upperFirst(taskLabel(succ)), c.succVerb, day(c.date), day(c.earliest), link.Raw, c.reason()),
				Location: plan.Pos(succ, "predecessors"),
				Related: []lint.Related{
					{Location: plan.Pos(succ, c.succRole), Message: fmt.Sprintf("task %s %s %s", succ.ID, c.succVerb, day(c.date))},
					{Location: plan.Pos(pred, c.predRole), Message: fmt.Sprintf("task %s %s %s", pred.ID, c.predVerb, day(c.base))},
				},
				Evidence: map[string]any{
					"predecessor": pred.ID, "type": string(link.Type), "lag": link.Lag, "elapsed": link.Elapsed, "link": link.Raw,
					c.succRole: day(c.date), "predecessor_" + c.predRole: day(c.base), "earliest": day(c.earliest),
				},
				Identity: []string{pred.ID, string(link.Type)},
			})
		}
	}
	return nil
}

// constraint is what one predecessor link asks of the successor's dates.
type constraint struct {
	pred               *lint.Task
	link               lint.Link
	date               time.Time // the successor's constrained date
	base               time.Time // the predecessor's date the lag is added to
	earliest           time.Time // base + lag: the earliest date allowed
	succRole, predRole string    // "start" or "finish"
	succVerb, predVerb string    // "starts" or "finishes"
}

// linkConstraint reads a link: which dates it compares and the earliest date it allows.
func linkConstraint(pred, succ *lint.Task, link lint.Link) constraint {
	c := constraint{pred: pred, link: link, succRole: "start", predRole: "finish"}
	switch link.Type {
	case lint.StartToStart:
		c.predRole = "start"
	case lint.FinishToFinish:
		c.succRole = "finish"
	case lint.StartToFinish:
		c.succRole, c.predRole = "finish", "start"
	}
	c.date, c.succVerb = taskDate(succ, c.succRole)
	c.base, c.predVerb = taskDate(pred, c.predRole)
	if !c.base.IsZero() {
		c.earliest = addLag(c.base, link)
	}
	return c
}

// taskDate returns a task's start or finish and the verb messages use for it.
func taskDate(t *lint.Task, role string) (time.Time, string) {
	if role == "start" {
		return t.Start, "starts"
	}
	return t.Finish, "finishes"
}

// addLag moves a date by a link's lag: working days, or calendar days for an elapsed lag.
func addLag(d time.Time, link lint.Link) time.Time {
	if link.Elapsed {
		return d.AddDate(0, 0, link.Lag)
	}
	return addWorkdays(d, link.Lag)
}

// reason explains where the earliest date comes from: "2 working days after task 3
// "Design" finishes on 2026-03-06".
func (c constraint) reason() string {
	at := fmt.Sprintf("%s %s on %s", taskLabel(c.pred), c.predVerb, day(c.base))
	if c.link.Lag == 0 {
		return "the day " + at
	}
	unit, units := "working day", "working days"
	if c.link.Elapsed {
		unit, units = "elapsed day", "elapsed days"
	}
	if c.link.Lag > 0 {
		return plural(c.link.Lag, unit, units) + " after " + at
	}
	return plural(-c.link.Lag, unit, units) + " before " + at
}
