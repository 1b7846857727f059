package rules

import "github.com/hatcheck/hatcheck/lint"

// UnrankedItem reports open backlog items left out of a ranked backlog.
var UnrankedItem = &lint.Rule{
	Name:     "unranked-item",
	Category: lint.Value,
	Severity: lint.Warning,
	Title:    "open backlog item without a rank",
	Doc: `## What it checks

Open backlog items (issue types in ` + "`backlog.types`" + `, not sub-tasks or epics) with
no rank, in a project where other issues have one. A project where no issue is ranked is
not checked: it does not use ranking at all.

## Why

Items are ranked by value, and the backlog's order is the product owner's statement of what
comes next. An unranked item sits outside that order (Jira shows it at the bottom, or not on
the board at all), so nobody has decided where it stands.

## How to fix

Let the product owner place the item in the backlog (drag it on the board), or close it if
it is no longer wanted. Items usually lose their rank when moved in from another project or
created through the API.

## Options

- ` + "`jira.fields.rank`" + `: the rank field (skipped when no issue has it; ` + "`field-not-found`" + ` says so).
- ` + "`backlog.types`" + `: the issue types that are backlog items.

## Example

` + "```text" + `
export.json:1500: warning unranked-item: PAY-77: Bug PAY-77 "Receipt total rounds down" has no rank while 41 other issues of PAY are ranked; it sits outside the product owner's order
` + "```" + `
`,
	Fields: []lint.FieldKind{lint.KindRank},
	Check:  checkUnrankedItem,
}

func checkUnrankedItem(pass *lint.Pass) error {
	issues := pass.Issues()
	ranked := map[string]int{}
	for _, i := range issues {
		if i.Rank != "" {
			ranked[i.Project]++
		}
	}
	for _, i := range issues {
		// An issue of an export without a rank field cannot show a rank: field-not-found
		// reports that export.
		if i.Rank != "" || ranked[i.Project] == 0 || !pass.BacklogItem(i) || pass.Done(i) ||
			!pass.Project.HasField(i, lint.KindRank) {
			continue
		}
		pass.Report(lint.Finding{
			Subject: i.Key,
			Message: issueLabel(i) + " has no rank while " + plural(ranked[i.Project], "other issue", "other issues") +
				" of " + i.Project + " " + isAre(ranked[i.Project]) + " ranked; it sits outside the product owner's order",
			Location: i.Pos,
			URL:      pass.BrowseURL(i),
			Evidence: map[string]any{"type": i.Type, "status": i.Status, "ranked": ranked[i.Project]},
		})
	}
	return nil
}

// isAre agrees a verb with a count.
func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
