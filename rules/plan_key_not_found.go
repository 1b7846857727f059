package rules

import (
	"fmt"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// PlanKeyNotFound reports Jira keys in the plan that the Jira input does not hold.
var PlanKeyNotFound = &lint.Rule{
	Name:     "plan-key-not-found",
	Category: lint.Scope,
	Severity: lint.Warning,
	Title:    "plan names a Jira issue that the Jira input does not hold",
	Doc: `## What it checks

Every Jira key a plan task names (in its Jira column, as text or as a hyperlink) whose
project is present in the Jira input but which is not itself there: one finding per task and
key. Keys of projects the input does not cover at all are not reported, since the export may
simply not include that project.

## Why

Scope changes are formally approved, and the plan and Jira must describe the same scope. A
plan task pointing at an issue that does not exist (a typo, a deleted or moved issue) links
the schedule to nothing: its dates are checked against no due date and its progress against
no status.

## How to fix

Correct the key in the plan, or, if the issue was moved to another project, use its new key.
If the export was filtered (a JQL that leaves the issue out), widen the filter.

## Options

- ` + "`plan.columns.jira`" + `: the plan column holding Jira keys.
- ` + "`jira.jql`" + `: the query that selects the issues to export.

## Example

` + "```text" + `
plan.xlsx:Plan!C9: warning plan-key-not-found: 8: Task 8 "Refunds" names PAY-404, but the Jira input has no such issue although it holds 57 PAY issues; a typo, or a deleted or moved issue
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkPlanKeyNotFound,
}

func checkPlanKeyNotFound(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	perProject := map[string]int{}
	for _, i := range pass.Project.Issues {
		perProject[i.Project]++
	}
	issues := issuesByKey(pass.Project)
	for _, t := range plan.Tasks {
		seen := map[string]bool{}
		for _, key := range t.Jira {
			project, _, _ := strings.Cut(key, "-")
			if seen[key] || perProject[project] == 0 || issues[key] != nil {
				continue
			}
			seen[key] = true
			pass.Report(lint.Finding{
				Subject: t.ID,
				Message: fmt.Sprintf("%s names %s, but the Jira input has no such issue although it holds %s; a typo, or a deleted or moved issue",
					upperFirst(taskLabel(t)), key, plural(perProject[project], project+" issue", project+" issues")),
				Location: plan.Pos(t, "jira"),
				Evidence: map[string]any{"task": t.ID, "key": key, "project": project},
				Identity: []string{key},
			})
		}
	}
	return nil
}
