package rules

import "github.com/hatcheck/hatcheck/lint"

// PriorityChangedByNonPO reports priority changes by anyone but the product owner.
var PriorityChangedByNonPO = &lint.Rule{
	Name:     "priority-changed-by-non-po",
	Category: lint.Ownership,
	Severity: lint.Warning,
	Title:    "priority changed by someone other than the product owner",
	Doc: `## What it checks

Every change of an issue's priority in the changelog made by anyone who is not the product
owner of the issue's project, nor one of the product owner's delegates: one finding per
change. A change that Jira records with no author counts as made by someone other than the
product owner. Changes by bots (` + "`roles.bots`" + `) and changes before ` + "`since`" + ` are ignored.

## Why

The product owner owns the backlog: priority, like rank, is the product owner's decision
about what matters most. A priority raised by a developer or a stakeholder jumps the queue
without the product owner having weighed it against everything else.

## How to fix

Ask the product owner to confirm the new priority or to set it back. Route priority
requests through the product owner (a comment, a triage meeting) instead of editing the
field. If someone sets priorities on the product owner's behalf, list them under
` + "`roles.delegates.product_owner`" + `.

## Options

- ` + "`roles.product_owner`" + `, ` + "`roles.by_project.KEY.product_owner`" + `: who the product owner is.
- ` + "`roles.delegates.product_owner`" + `: people who may change priorities with the product owner's authority.
- ` + "`roles.bots`" + `, ` + "`since`" + `: changes to ignore.

The rule is skipped for a project with no product owner (` + "`role-unassigned`" + ` reports it).

## Example

` + "```text" + `
export.json:1207: warning priority-changed-by-non-po: PAY-31: Priority changed by Dev Patel on 2026-03-04 14:20 UTC from Medium to Highest; only the product owner (Ana Lima) sets priorities
` + "```" + `
`,
	Needs: []lint.Role{lint.ProductOwner},
	Check: checkPriorityChangedByNonPO,
}

func checkPriorityChangedByNonPO(pass *lint.Pass) error {
	people := newRoster(pass.Project)
	for _, i := range pass.Issues() {
		for h := range pass.Histories(i) {
			if pass.InRole(h.By(), i.Project, lint.ProductOwner) {
				continue
			}
			for _, c := range i.Items(h) {
				if c.Kind != lint.KindPriority {
					continue
				}
				owner := "product owner"
				if names := people.holders(pass, i.Project, lint.ProductOwner); names != "" {
					owner += " (" + names + ")"
				}
				pass.Report(lint.Finding{
					Subject: i.Key,
					Message: "Priority changed by " + who(h.By()) + " on " + when(pass, h.Created.Time()) +
						" from " + orNone(c.FromString) + " to " + orNone(c.ToString) +
						"; only the " + owner + " sets priorities",
					Location: i.PosOf(h),
					URL:      pass.BrowseURL(i),
					Evidence: historyEvidence(h, c),
					Identity: []string{historyID(h)},
				})
			}
		}
	}
	return nil
}

// orNone shows an empty changelog value as "none".
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
