package rules

import (
	"slices"

	"github.com/hatcheck/hatcheck/lint"
)

// RoleUnassigned reports projects without a product owner or a project manager.
var RoleUnassigned = &lint.Rule{
	Name:     "role-unassigned",
	Category: lint.Roles,
	Severity: lint.Error,
	Title:    "project without a product owner or a project manager",
	Doc: `## What it checks

Every Jira project in the input must have a product owner and a project manager in the
configuration: in ` + "`roles.by_project.KEY`" + ` when that list is set, else in the global
` + "`roles`" + `. One finding per project and missing role, naming the rules that are skipped
for the project's issues because of it. Delegates alone do not make a role assigned.

## Why

Roles are assigned and kept apart: each project has a product owner, who owns the backlog,
and a project manager, who owns the dates. Without them, nobody is accountable for those
decisions, and hatcheck cannot tell whose changes are in order.

## How to fix

Name the person in the configuration, by email, account id, user name or display name:

` + "```yaml" + `
roles:
  product_owner: [ana@x.io]
  project_manager: [paul@x.io]
  by_project:
    OPS: {product_owner: [dana@x.io]}
` + "```" + `

` + "`hatcheck init`" + ` lists the people who ranked issues and changed dates, as candidates.

## Options

- ` + "`roles.product_owner`" + `, ` + "`roles.project_manager`" + `, ` + "`roles.by_project`" + `.

## Example

` + "```text" + `
-: error role-unassigned: OPS: Project OPS has no product owner configured, so rank-changed-by-non-po is skipped for its issues; set roles.product_owner or roles.by_project.OPS.product_owner
` + "```" + `
`,
	Check: checkRoleUnassigned,
}

func checkRoleUnassigned(pass *lint.Pass) error {
	for _, project := range projectKeys(pass.Project.Issues) {
		for _, role := range []lint.Role{lint.ProductOwner, lint.ProjectManager} {
			if pass.RolesAssigned(project, role) {
				continue
			}
			var skipped []*lint.Rule
			for _, r := range pass.Enabled {
				if slices.Contains(r.Needs, role) {
					skipped = append(skipped, r)
				}
			}
			msg := "Project " + project + " has no " + roleTitle(role) + " configured"
			switch len(skipped) {
			case 0:
			case 1:
				msg += ", so " + skipped[0].Name + " is skipped for its issues"
			default:
				msg += ", so " + ruleNames(skipped) + " are skipped for its issues"
			}
			msg += "; set roles." + string(role) + " or roles.by_project." + project + "." + string(role)
			names := make([]string, len(skipped))
			for n, r := range skipped {
				names[n] = r.Name
			}
			pass.Report(lint.Finding{
				Subject:  project,
				Message:  msg,
				Evidence: map[string]any{"project": project, "role": string(role), "skipped_rules": names},
				Identity: []string{string(role)},
			})
		}
	}
	return nil
}
