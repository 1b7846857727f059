package rules

import (
	"strconv"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// InputValueInvalid reports single values the readers could not read.
var InputValueInvalid = &lint.Rule{
	Name:     "input-value-invalid",
	Category: lint.Data,
	Severity: lint.Error,
	Title:    "value that cannot be read as its type",
	Doc: `## What it checks

Single values in the inputs that cannot be read as what they should be: a date cell holding
"31/02/2026", a predecessor "3XX", a percentage "half", an estimate "XL", a sprint value
or a time Jira would never write. One finding per value, at its place (the sheet and cell,
or the file and line) with what was expected.

## Why

One typo should not stop the whole report, so the item is kept without the value, and the
checks that need it skip the item. Left unreported, that gap would hide problems: a task
whose finish cannot be read is never found overdue.

## How to fix

Correct the value at the place given. In a workbook, prefer real date cells to text; if
text dates are read with the wrong day and month order, set ` + "`plan.date_order`" + `.

## Options

- ` + "`plan.date_order`" + `: MDY or DMY, for ambiguous text dates like 03/04/2026.

## Example

` + "```text" + `
plan.xlsx:Plan!F7: error input-value-invalid: 4: Cannot read Finish "31/02/2026": expected a date like 2026-03-10; task 4 is checked without it
` + "```" + `
`,
	Check: checkInputValueInvalid,
}

func checkInputValueInvalid(pass *lint.Pass) error {
	for _, p := range pass.Project.Problems {
		subject := p.Subject
		if subject == "" {
			subject = p.Pos.Path
		}
		msg := "Cannot read " + fieldName(pass, p) + " " + strconv.Quote(p.Value)
		if p.Expected != "" {
			msg += ": expected " + p.Expected
		}
		switch {
		case p.Subject == "":
			msg += "; the value is ignored"
		case p.Pos.Sheet != "" && pass.Project.Plan != nil && p.Pos.Sheet == pass.Project.Plan.ChangesSheet:
			msg += "; change request " + p.Subject + " is checked without it"
		case p.Pos.Sheet != "":
			msg += "; task " + p.Subject + " is checked without it"
		default:
			msg += "; " + p.Subject + " is checked without it"
		}
		pass.Report(lint.Finding{
			Subject:  subject,
			Message:  msg,
			Location: p.Pos,
			Evidence: map[string]any{"field": p.Field, "value": p.Value, "expected": p.Expected},
			Identity: []string{p.Field, p.Value},
		})
	}
	return nil
}

// fieldName names the field of a problem as the user knows it: for a plan column, the
// header written in the sheet ("Finish Date") rather than its role ("finish"); for other
// workbook columns, the role in words ("approved on").
func fieldName(pass *lint.Pass, p lint.ValueProblem) string {
	if p.Pos.Sheet == "" {
		return p.Field // a Jira field, named as Jira names it
	}
	if plan := pass.Project.Plan; plan != nil && p.Pos.Sheet == plan.Sheet {
		if header := plan.Columns[p.Field]; header != "" {
			return header
		}
	}
	return strings.ReplaceAll(p.Field, "_", " ")
}
