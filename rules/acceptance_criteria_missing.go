package rules

import (
	"regexp"
	"slices"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// AcceptanceCriteriaMissing reports ready backlog items that say nothing about when they
// are done.
var AcceptanceCriteriaMissing = &lint.Rule{
	Name:     "acceptance-criteria-missing",
	Category: lint.Ownership,
	Severity: lint.Warning,
	Title:    "ready backlog item without acceptance criteria",
	Doc: `## What it checks

Open backlog items of a type in ` + "`backlog.acceptance_types`" + ` that are ready — in an
active or future sprint, or among the top ` + "`backlog.ready_depth`" + ` open backlog items
by rank in their project — and have no acceptance criteria: the acceptance criteria field is
empty, and the description neither contains the words "acceptance criteria" (a heading, in
any case) nor a Given … Then scenario. Descriptions in Atlassian Document Format are read
as their joined text, so headings, lists and tables count.

## Why

The product owner owns the backlog, and with it the acceptance criteria: they say what the
product owner will accept, and let the product owner reject work that does not conform.
Work that reaches a sprint without them is done when the developer says so.

## How to fix

Have the product owner write acceptance criteria before the item is pulled into a sprint:
in the acceptance criteria field, or in the description under an "Acceptance criteria"
heading, or as Given / When / Then scenarios.

## Options

- ` + "`backlog.acceptance_types`" + `: the issue types that need acceptance criteria.
- ` + "`backlog.ready_depth`" + `: how many top-ranked open items count as ready.
- ` + "`jira.fields.acceptance`" + `: the acceptance criteria field, if the team uses one.

## Example

` + "```text" + `
export.json:310: warning acceptance-criteria-missing: PAY-14: Story PAY-14 "Refund by card" has no acceptance criteria, and it is in active sprint "PAY Sprint 7"; the product owner states what will be accepted before work starts
` + "```" + `
`,
	Check: checkAcceptanceCriteriaMissing,
}

// givenThen finds a Given … Then scenario: the two words, in that order, anywhere in the text.
var givenThen = regexp.MustCompile(`(?is)\bgiven\b.*\bthen\b`)

// hasAcceptanceCriteria reports whether an issue states its acceptance criteria.
func hasAcceptanceCriteria(i *lint.Issue) bool {
	if strings.TrimSpace(i.Acceptance) != "" {
		return true
	}
	return strings.Contains(strings.ToLower(i.Description), "acceptance criteria") || givenThen.MatchString(i.Description)
}

func checkAcceptanceCriteriaMissing(pass *lint.Pass) error {
	for _, i := range pass.Issues() {
		if !slices.ContainsFunc(pass.Config.Backlog.AcceptanceTypes, func(t string) bool { return strings.EqualFold(strings.TrimSpace(t), i.Type) }) {
			continue
		}
		reason := readyReason(pass, i)
		if reason == "" || hasAcceptanceCriteria(i) {
			continue
		}
		pass.Report(lint.Finding{
			Subject: i.Key,
			Message: issueLabel(i) + " has no acceptance criteria, and " + reason +
				"; the product owner states what will be accepted before work starts",
			Location: i.Pos,
			URL:      pass.BrowseURL(i),
			Evidence: map[string]any{"type": i.Type, "status": i.Status, "ready": reason},
		})
	}
	return nil
}
