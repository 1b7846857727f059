package rules

import (
	"slices"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// RoleConflation reports a person who holds both roles in a project.
var RoleConflation = &lint.Rule{
	Name:     "role-conflation",
	Category: lint.Roles,
	Severity: lint.Info,
	Title:    "one person is both product owner and project manager",
	Doc: `## What it checks

For every Jira project in the input, whether one person is configured in both roles: as
product owner (or the product owner's delegate) and as project manager (or the project
manager's delegate). A person is recognised across spellings: "ana@x.io" in one role and
"Ana Lima" in the other are the same person when the Jira input shows one person with both.
One finding per project and person.

## Why

Roles are assigned and kept apart. The product owner decides what is worth building and in
what order; the project manager commits to when. One person wearing both hats is allowed
(small teams do it), but then nobody questions the trade-off between value and dates, and
the checks that keep the two apart cannot flag anything. The finding makes that visible.

## How to fix

Nothing, if it is deliberate: keep the finding as information, or waive it with a reason.
Otherwise give one of the roles to someone else in ` + "`roles`" + ` or ` + "`roles.by_project`" + `.

## Options

- ` + "`roles.product_owner`" + `, ` + "`roles.project_manager`" + `, their ` + "`delegates`" + `, ` + "`roles.by_project`" + `.

## Example

` + "```text" + `
-: info role-conflation: PAY: Ana Lima is both product owner and project manager in PAY; allowed, but nobody else weighs value against dates
` + "```" + `
`,
	Check: checkRoleConflation,
}

func checkRoleConflation(pass *lint.Pass) error {
	cfg := pass.Config
	people := newRoster(pass.Project)
	for _, project := range projectKeys(pass.Project.Issues) {
		po := roleEntries(cfg, project, lint.ProductOwner)
		pm := roleEntries(cfg, project, lint.ProjectManager)
		// A conflation is a person both roles name: a person of the input matched by an
		// entry of each role, or, for entries naming nobody in the input, the same entry
		// written in both roles. Each person is reported once, by the first pair of entries
		// naming them, however many entries name them and however many times the input
		// shows them (with or without an email, say).
		type pair struct{ po, pm string }
		var found []pair
		names := map[pair]string{}
		seen := map[string]bool{} // people and entries already reported
		add := func(who string, p pair, name string) {
			if seen[who] {
				return
			}
			seen[who] = true
			if _, ok := names[p]; !ok {
				found = append(found, p)
				names[p] = name
			}
		}
		for _, person := range people.all() {
			a, b := firstMatch(po, person), firstMatch(pm, person)
			if a != "" && b != "" {
				add(personIdentity(person), pair{a, b}, person.String())
			}
		}
		for _, a := range po {
			if slices.ContainsFunc(people.all(), func(p lint.Person) bool { return lint.MatchPerson(a, p) }) {
				continue // names a person of the input, judged above
			}
			for _, b := range pm {
				if strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) {
					add("entry:"+strings.ToLower(strings.TrimSpace(a)), pair{a, b}, people.name(a))
				}
			}
		}
		for _, p := range found {
			name := names[p]
			pass.Report(lint.Finding{
				Subject: project,
				Message: name + " is both " + roleWord(cfg, project, lint.ProductOwner, p.po) + " and " +
					roleWord(cfg, project, lint.ProjectManager, p.pm) + " in " + project +
					"; allowed, but nobody else weighs value against dates",
				Evidence: map[string]any{
					"person":          name,
					"product_owner":   p.po,
					"project_manager": p.pm,
				},
				Identity: []string{strings.ToLower(strings.TrimSpace(p.po)), strings.ToLower(strings.TrimSpace(p.pm))},
			})
		}
	}
	return nil
}

// roleEntries returns the entries naming a role's holders and delegates in a project.
func roleEntries(c *lint.Config, project string, r lint.Role) []string {
	return append(append([]string{}, c.RoleMembers(project, r)...), c.RoleDelegates(project, r)...)
}

// personIdentity is what makes two people of the input one person: the Cloud account id,
// else the Server key, else the user name, email or display name.
func personIdentity(p lint.Person) string {
	for _, a := range []struct{ kind, value string }{
		{"id", p.AccountID}, {"key", p.Key}, {"name", p.Name}, {"email", p.Email}, {"display", p.DisplayName},
	} {
		if v := strings.ToLower(strings.TrimSpace(a.value)); v != "" {
			return a.kind + ":" + v
		}
	}
	return ""
}

func firstMatch(entries []string, p lint.Person) string {
	for _, e := range entries {
		if lint.MatchPerson(e, p) {
			return e
		}
	}
	return ""
}

// roleWord names the role an entry gives: "product owner", or "delegate of the product
// owner" when the entry is only a delegate.
func roleWord(c *lint.Config, project string, r lint.Role, entry string) string {
	for _, e := range c.RoleMembers(project, r) {
		if e == entry {
			return roleTitle(r)
		}
	}
	return "delegate of the " + roleTitle(r)
}
