package rules

import (
	"fmt"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// StatusMismatch reports plan progress that disagrees with the state of the Jira issues.
var StatusMismatch = &lint.Rule{
	Name:     "status-mismatch",
	Category: lint.Schedule,
	Severity: lint.Warning,
	Title:    "plan progress disagrees with the Jira issues it names",
	Doc: `## What it checks

Plan tasks that name Jira issues, in two cases:

- the task is 100 % complete (a status of Done, Complete, Completed or Closed counts as 100 %)
  while an issue it names is still open in Jira;
- every issue it names that the Jira input holds (at least one) is done, while the task is
  below 100 %. A plan with neither a percent complete column nor a status column records no
  progress, and this case is not checked.

Keys the Jira input does not hold are ignored (` + "`plan-key-not-found`" + ` reports them).

## Why

The project manager owns the schedule, and the plan must be current. When the plan calls
work finished that Jira shows open (or the other way round), one of them is wrong, and the
forecast built on the plan is too.

## How to fix

Bring the two together: update the task's percent complete, or finish (or re-open) the Jira
issues. If the task names issues that are not really part of it, remove them from its Jira
cell.

## Options

- ` + "`jira.done_statuses`" + `: extra Jira status names that count as done.

## Example

` + "```text" + `
plan.xlsx:Plan!K8: warning status-mismatch: 7: Task 7 "Build the API" is complete in the plan, but PAY-12 (In Progress) is still open in Jira; the plan and Jira disagree on what is finished
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkStatusMismatch,
}

func checkStatusMismatch(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	issues := issuesByKey(pass.Project)
	for _, t := range plan.Tasks {
		var open, done []*lint.Issue
		seen := map[string]bool{}
		for _, key := range t.Jira {
			i := issues[key]
			if i == nil || seen[key] {
				continue
			}
			seen[key] = true
			if pass.Done(i) {
				done = append(done, i)
			} else {
				open = append(open, i)
			}
		}
		role := "percent"
		if t.Percent == nil && strings.TrimSpace(t.Status) != "" {
			role = "status"
		}
		switch {
		case taskComplete(t) && len(open) > 0:
			names := make([]string, len(open))
			for n, i := range open {
				names[n] = fmt.Sprintf("%s (%s)", i.Key, i.Status)
			}
			verb := "is"
			if len(open) > 1 {
				verb = "are"
			}
			pass.Report(lint.Finding{
				Subject: t.ID,
				Message: fmt.Sprintf("%s is complete in the plan, but %s %s still open in Jira; the plan and Jira disagree on what is finished",
					upperFirst(taskLabel(t)), joinAnd(names), verb),
				Location: plan.Pos(t, role),
				Related:  issueRelated(open, "open in Jira"),
				Evidence: map[string]any{"task": t.ID, "open": issueKeys(open), "case": "complete-but-open"},
				Identity: []string{"complete-but-open"},
			})
		case !taskComplete(t) && len(done) > 0 && len(open) == 0 && planTracksProgress(plan):
			keys := issueKeys(done)
			every := "every issue it names ("
			if len(done) == 1 {
				every = "the issue it names ("
			}
			pass.Report(lint.Finding{
				Subject: t.ID,
				Message: fmt.Sprintf("%s %s in the plan, but %s%s) is done in Jira; the plan and Jira disagree on what is finished",
					upperFirst(taskLabel(t)), progressText(t), every, joinAnd(keys)),
				Location: plan.Pos(t, role),
				Related:  issueRelated(done, "done in Jira"),
				Evidence: map[string]any{"task": t.ID, "done": keys, "case": "done-but-incomplete"},
				Identity: []string{"done-but-incomplete"},
			})
		}
	}
	return nil
}

// issueKeys returns the keys of the issues.
func issueKeys(issues []*lint.Issue) []string {
	out := make([]string, len(issues))
	for n, i := range issues {
		out[n] = i.Key
	}
	return out
}

// issueRelated points at each issue, with a note.
func issueRelated(issues []*lint.Issue, note string) []lint.Related {
	out := make([]lint.Related, len(issues))
	for n, i := range issues {
		out[n] = lint.Related{Location: i.Pos, Message: i.Key + " is " + note}
	}
	return out
}
