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
approver (` + "`scope.approvers`" + `) in the projects of the Jira issues the row names, or of
the issues its plan tasks name (the global roles for a task naming none); or the row names
neither Jira issues nor plan tasks. One finding per row, naming every problem it has, at
the approver cell (or, when only its subject is missing, the Jira cell).

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
		// One finding per row, naming every problem it has, at the first problem's cell.
		label := "Change request " + cr.ID + " is " + cr.Status
		approver := strings.TrimSpace(cr.Approver)
		var problems []string
		var msg, tail, role string
		switch {
		case approver == "":
			problems, role = append(problems, "no-approver"), "approver"
			msg, tail = label+" but names no approver", "it approves nothing until an approver signs it"
		case !slices.ContainsFunc(changeProjects(pass, cr), func(p string) bool { return pass.IsApproverNamed(cr.Approver, p) }):
			problems, role = append(problems, "not-an-approver"), "approver"
			msg, tail = label+" by "+approver+", who is not an approver ("+approvers+")", "it approves nothing until an approver signs it"
		}
		if len(cr.Jira) == 0 && len(cr.Tasks) == 0 {
			problems = append(problems, "no-subject")
			switch role {
			case "":
				role, msg, tail = "jira", label+" but names no Jira issue and no plan task", "an approval must say what it approves"
			case "approver":
				if problems[0] == "no-approver" {
					msg = label + " but names no approver, and no Jira issue and no plan task"
				} else {
					msg += ", and names no Jira issue and no plan task"
				}
				tail += ", and an approval must say what it approves"
			}
		}
		if len(problems) == 0 {
			continue
		}
		pass.Report(lint.Finding{
			Subject:  cr.ID,
			Message:  msg + "; " + tail,
			Location: plan.ChangePos(cr, role),
			Evidence: map[string]any{"change_request": cr.ID, "status": cr.Status, "approver": cr.Approver, "jira": cr.Jira, "tasks": cr.Tasks, "problems": problems},
		})
	}
	return nil
}

// changeProjects returns the Jira projects in which the row's approver must hold an
// approving role (SPEC §5 "in role R for project P"): those of the keys it names and of the
// keys of the tasks it names. A task naming no Jira key, or a row naming nothing the plan
// can place, falls under the global roles (""). A row approving only PAY work is not
// valid by a person whose role roles.by_project.PAY has replaced.
func changeProjects(pass *lint.Pass, cr *lint.ChangeRequest) []string {
	var out []string
	add := func(p string) {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	addKey := func(key string) {
		if p, _, ok := strings.Cut(key, "-"); ok {
			add(p)
		}
	}
	for _, k := range cr.Jira {
		addKey(k)
	}
	for _, id := range cr.Tasks {
		t := pass.Project.Plan.Task(id)
		if t == nil || len(t.Jira) == 0 {
			add("")
			continue
		}
		for _, k := range t.Jira {
			addKey(k)
		}
	}
	if len(out) == 0 {
		add("")
	}
	return out
}
