package rules

import (
	"slices"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// UnplannedIssue reports open issues of tracked types that the plan does not name.
var UnplannedIssue = &lint.Rule{
	Name:     "unplanned-issue",
	Category: lint.Scope,
	Severity: lint.Warning,
	Title:    "open issue of a tracked type missing from the plan",
	Doc: `## What it checks

Open issues whose type is in ` + "`plan.tracked_types`" + ` (by default epics) whose key no
plan task names in its Jira column.

## Why

Scope changes are formally approved, and the project manager's plan is the source of truth
for the schedule. An open epic the plan does not know about is work nobody has scheduled or
approved into the plan: either it was added to Jira without going through the change log,
or the plan is out of date.

## How to fix

Add a task for the issue to the plan (through the change log, if the plan is baselined), or
close the issue, or move it to another project if it does not belong to this plan.

## Options

- ` + "`plan.tracked_types`" + `: the Jira issue types that must appear in the plan.
- ` + "`plan.columns.jira`" + `: the plan column holding Jira keys.

## Example

` + "```text" + `
export.json:88: warning unplanned-issue: PAY-60: Open Epic PAY-60 "Wallet top-up" is not named by any task of plan.xlsx; the project manager's plan does not schedule it
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkUnplannedIssue,
}

func checkUnplannedIssue(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	keys := pass.PlanKeys()
	for _, i := range pass.Issues() {
		if pass.Done(i) || keys[i.Key] ||
			!slices.ContainsFunc(pass.Config.Plan.TrackedTypes, func(t string) bool { return strings.EqualFold(strings.TrimSpace(t), i.Type) }) {
			continue
		}
		pass.Report(lint.Finding{
			Subject:  i.Key,
			Message:  "Open " + issueLabel(i) + " is not named by any task of " + plan.Path + "; the project manager's plan does not schedule it",
			Location: i.Pos,
			URL:      pass.BrowseURL(i),
			Evidence: map[string]any{"type": i.Type, "status": i.Status, "plan": plan.Path},
		})
	}
	return nil
}
