package rules

import (
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// DoneWithoutPOAcceptance reports done issues that someone other than the product owner
// moved into their done status.
var DoneWithoutPOAcceptance = &lint.Rule{
	Name:       "done-without-po-acceptance",
	Category:   lint.Ownership,
	Severity:   lint.Error,
	DefaultOff: true,
	Title:      "issue moved to done by someone other than the product owner",
	Doc: `## What it checks

Done issues (status category done, or a status in ` + "`jira.done_statuses`" + `) whose
latest move into their current status was made by someone who is not the product owner of
the issue's project, nor one of the product owner's delegates. An issue that never moved
into its status in the changelog (created done, or a CSV export without history) is not
checked; neither is a move made by a bot (` + "`roles.bots`" + `) or before ` + "`since`" + `.

The rule is off by default: many teams let developers close their own work and accept it in
the sprint review instead. Turn it on where the product owner's acceptance is the last step
of the workflow.

## Why

The product owner owns the backlog, including the decision that an item is done: they
accept work against its acceptance criteria, and may reject work that does not conform.

## How to fix

Let the product owner make the final transition (for example a "Done" transition that only
the product owner may run, after a "Ready for acceptance" status). If someone accepts work on
the product owner's behalf, list them under ` + "`roles.delegates.product_owner`" + `.

## Options

- ` + "`rules: {done-without-po-acceptance: error}`" + ` turns the rule on.
- ` + "`roles.product_owner`" + `, ` + "`roles.delegates.product_owner`" + `: who may accept work.
- ` + "`jira.done_statuses`" + `: extra status names that count as done.

## Example

` + "```text" + `
export.json:702: error done-without-po-acceptance: PAY-9: Moved from In Review to Done by Dev Patel on 2026-03-12 16:40 UTC; only the product owner (Ana Lima) accepts finished work
` + "```" + `
`,
	Needs: []lint.Role{lint.ProductOwner},
	Check: checkDoneWithoutPOAcceptance,
}

func checkDoneWithoutPOAcceptance(pass *lint.Pass) error {
	people := newRoster(pass.Project)
	for _, i := range pass.Issues() {
		if !pass.Done(i) {
			continue
		}
		// The latest move into the current status is read from the whole changelog, bots'
		// changes included: when a bot made it, the move was not a person's and is not judged.
		var last *lint.History
		var move lint.Change
		for n := range i.Histories {
			for _, c := range i.Items(&i.Histories[n]) {
				if c.Kind == lint.KindStatus && strings.EqualFold(strings.TrimSpace(c.ToString), strings.TrimSpace(i.Status)) {
					last, move = &i.Histories[n], c
				}
			}
		}
		if last == nil || pass.Config.IsBot(last.By()) ||
			(!pass.Config.Since.IsZero() && last.Created.Time().Before(pass.Config.Since)) ||
			pass.InRole(last.By(), i.Project, lint.ProductOwner) {
			continue
		}
		owner := "product owner"
		if names := people.holders(pass, i.Project, lint.ProductOwner); names != "" {
			owner += " (" + names + ")"
		}
		pass.Report(lint.Finding{
			Subject: i.Key,
			Message: "Moved from " + orNone(move.FromString) + " to " + move.ToString + " by " + who(last.By()) +
				" on " + when(pass, last.Created.Time()) + "; only the " + owner + " accepts finished work",
			Location: i.PosOf(last),
			URL:      pass.BrowseURL(i),
			Evidence: historyEvidence(last, move),
			Identity: []string{historyID(last)},
		})
	}
	return nil
}
