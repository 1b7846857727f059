package rules

import "github.com/hatcheck/hatcheck/lint"

// ValueMissing reports ready backlog items without a business value.
var ValueMissing = &lint.Rule{
	Name:     "value-missing",
	Category: lint.Value,
	Severity: lint.Warning,
	Title:    "ready backlog item without a business value",
	Doc: `## What it checks

Open backlog items (issue types in ` + "`backlog.types`" + `, not sub-tasks or epics) that
are ready — in an active or future sprint, or among the top ` + "`backlog.ready_depth`" + `
open backlog items by rank in their project — and have no value in the business value
field. Items further down the backlog may wait for a value; the ones the team is about to
work on may not.

## Why

Items are ranked by value: the backlog is ordered by business value, and the team works on
the most valuable things first. An item without a value cannot be compared with the others,
so its place in the backlog (and in the sprint) is nobody's measured decision.

## How to fix

Have the product owner give the item a business value, or move it down the backlog until
it has one.

## Options

- ` + "`jira.fields.value`" + `: the business value field (skipped when no issue has it; ` + "`field-not-found`" + ` says so).
- ` + "`backlog.ready_depth`" + `: how many top-ranked open items count as ready.
- ` + "`backlog.types`" + `: the issue types that are backlog items.

## Example

` + "```text" + `
export.json:410: warning value-missing: PAY-21: Story PAY-21 "Saved cards" has no business value, and it is ranked 2nd in the open backlog of PAY (the top 20 are ready); without one the backlog cannot be ordered by value
` + "```" + `
`,
	Fields: []lint.FieldKind{lint.KindValue},
	Check:  checkValueMissing,
}

func checkValueMissing(pass *lint.Pass) error {
	for _, i := range pass.Issues() {
		// An issue of an export without a value field has no value to miss:
		// field-not-found reports that export.
		if i.Value != nil || !pass.Project.HasField(i, lint.KindValue) {
			continue
		}
		reason := readyReason(pass, i)
		if reason == "" {
			continue
		}
		pass.Report(lint.Finding{
			Subject:  i.Key,
			Message:  issueLabel(i) + " has no business value, and " + reason + "; without one the backlog cannot be ordered by value",
			Location: i.Pos,
			URL:      pass.BrowseURL(i),
			Evidence: map[string]any{"type": i.Type, "status": i.Status, "ready": reason},
		})
	}
	return nil
}
