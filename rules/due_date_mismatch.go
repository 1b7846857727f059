package rules

import (
	"fmt"

	"github.com/hatcheck/hatcheck/lint"
)

// DueDateMismatch reports Jira due dates that disagree with the plan.
var DueDateMismatch = &lint.Rule{
	Name:     "due-date-mismatch",
	Category: lint.Schedule,
	Severity: lint.Warning,
	Title:    "due date in Jira differs from the plan's finish date",
	Doc: `## What it checks

Every pair of a plan task and a Jira issue it names where both have a date — the task its
finish, the issue its due date — and the two differ by more than ` + "`dates.tolerance_days`" + `
calendar days. One finding per pair, on the issue, pointing at the task's finish cell.

## Why

The project manager owns the dates, and the plan is their source of truth. When Jira says
one date and the plan another, the team and the stakeholders work to different deadlines,
and at least one of them is wrong.

## How to fix

Decide which date is right (the plan, unless it is out of date) and make the other agree:
update the issue's due date, or re-plan the task through the change log.

## Options

- ` + "`dates.tolerance_days`" + `: differences up to this many days are not reported.

## Example

` + "```text" + `
plan.xlsx:Plan!F8: warning due-date-mismatch: PAY-12: PAY-12 is due 2026-03-20 in Jira, but task 7 "Build the API", which names it, finishes 2026-03-27 in the plan (7 days later); the team and the plan work to different deadlines
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkDueDateMismatch,
}

func checkDueDateMismatch(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	tolerance := pass.Config.Dates.ToleranceDays
	issues := issuesByKey(pass.Project)
	for _, t := range plan.Tasks {
		if t.Finish.IsZero() {
			continue
		}
		seen := map[string]bool{}
		for _, key := range t.Jira {
			i := issues[key]
			if seen[key] || i == nil || i.Due.IsZero() {
				continue
			}
			seen[key] = true
			diff := daysBetween(i.Due, t.Finish)
			if diff <= tolerance && -diff <= tolerance {
				continue
			}
			direction := "later"
			if diff < 0 {
				direction = "earlier"
			}
			pass.Report(lint.Finding{
				Subject: i.Key,
				Message: fmt.Sprintf("%s is due %s in Jira, but %s, which names it, finishes %s in the plan (%s %s); the team and the plan work to different deadlines",
					i.Key, day(i.Due), taskLabel(t), day(t.Finish), plural(abs(diff), "day", "days"), direction),
				Location: plan.Pos(t, "finish"),
				URL:      pass.BrowseURL(i),
				Related:  []lint.Related{{Location: i.Pos, Message: i.Key + " is due " + day(i.Due)}},
				Evidence: map[string]any{"task": t.ID, "finish": day(t.Finish), "due": day(i.Due), "days": diff},
				Identity: []string{t.ID},
			})
		}
	}
	return nil
}

// abs returns the magnitude of n.
func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
