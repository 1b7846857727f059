package rules

import (
	"slices"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// ChangeRequestInvalid reports approved change-log rows that cannot approve anything.
var ChangeRequestInvalid = &lint.Rule{
	Name:     "change-request-invalid",
	Category: lint.Scope,
	Severity: lint.Warning,
	Title:    "approved change request without a valid approver or without a subject",
	Doc: `## What it checks

Rows of the plan's change log whose status is in ` + "`scope.approved_statuses`" + ` and
that cannot count as an approval: the approver cell is empty; the approver is not an
approver (` + "`scope.approvers`" + `) for the projects of the issues the row names; or the
row names neither Jira issues nor plan tasks. One finding per row and problem.

## Why

Scope changes are formally approved, and an approval is only worth its record: who approved
which change. Other rules look for these rows to accept a scope change; a row that says
"Approved" but names nobody, or names someone without the authority, or approves nothing in
particular, silently approves nothing — and the scope changes it was meant to cover are
reported as unapproved.

## How to fix

Fill in the approver (an approver's name or email as Jira knows them), or have an approver
re-approve the change; name the affected Jira issues or plan tasks in the row.

## Options

- ` + "`scope.approvers`" + `: roles and people who may approve.
- ` + "`scope.approved_statuses`" + `: statuses that mean approved.
- ` + "`plan.changes_sheet`" + `: where the change log is.

## Example

` + "```text" + `
plan.xlsx:Changes!E4: warning change-request-invalid: CR-3: Change request CR-3 is Approved by Dev Patel, who is not an approver (product_owner, project_manager); it approves nothing until an approver signs it
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkChangeRequestInvalid,
}

func checkChangeRequestInvalid(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	approvers := strings.Join(pass.Config.Scope.Approvers, ", ")
	for _, cr := range plan.Changes {
		if !slices.ContainsFunc(pass.Config.Scope.ApprovedStatuses, func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(cr.Status)) }) {
			continue
		}
		label := "Change request " + cr.ID + " is " + cr.Status
		report := func(problem, role, msg string) {
			pass.Report(lint.Finding{
				Subject:  cr.ID,
				Message:  msg,
				Location: plan.ChangePos(cr, role),
				Evidence: map[string]any{"change_request": cr.ID, "status": cr.Status, "approver": cr.Approver, "jira": cr.Jira, "tasks": cr.Tasks, "problem": problem},
				Identity: []string{problem},
			})
		}
		switch {
		case strings.TrimSpace(cr.Approver) == "":
			report("no-approver", "approver", label+" but names no approver; it approves nothing until an approver signs it")
		case !slices.ContainsFunc(changeProjects(pass, cr), func(p string) bool { return pass.IsApproverNamed(cr.Approver, p) }):
			report("not-an-approver", "approver", label+" by "+strings.TrimSpace(cr.Approver)+", who is not an approver ("+approvers+"); it approves nothing until an approver signs it")
		}
		if len(cr.Jira) == 0 && len(cr.Tasks) == 0 {
			report("no-subject", "jira", label+" but names no Jira issue and no plan task; an approval must say what it approves")
		}
	}
	return nil
}

// changeProjects returns the Jira projects whose roles may approve a change request: those
// of the keys it names and of the keys of the tasks it names, plus "" (the global roles).
func changeProjects(pass *lint.Pass, cr *lint.ChangeRequest) []string {
	out := []string{""}
	add := func(key string) {
		if p, _, ok := strings.Cut(key, "-"); ok && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	for _, k := range cr.Jira {
		add(k)
	}
	for _, id := range cr.Tasks {
		if t := pass.Project.Plan.Task(id); t != nil {
			for _, k := range t.Jira {
				add(k)
			}
		}
	}
	return out
}
