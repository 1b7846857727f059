package rules

import (
	"strconv"

	"github.com/hatcheck/hatcheck/lint"
)

// HistoryIncomplete reports issues and inputs whose change history is missing or cut short.
var HistoryIncomplete = &lint.Rule{
	Name:     "history-incomplete",
	Category: lint.Data,
	Severity: lint.Warning,
	Title:    "change history missing or truncated",
	Doc: `## What it checks

- An issue whose changelog, as exported, holds fewer entries than its ` + "`total`" + ` says
  exist: Jira's search returns at most 100 histories per issue, and the rest must be
  fetched separately. One finding per issue.
- An input with no change history at all: a CSV export (which never carries any), or a JSON
  export made without ` + "`expand=changelog`" + `. One finding per input.

## Why

The ownership and scope rules judge who changed what and when, from the changelog. Where
the history is missing or cut short, those rules stay silent, and silence would read as
"all is well". This rule says what they could not see.

## How to fix

Export with the changelog expanded and complete: ` + "`hatcheck fetch`" + ` pages through the
search with ` + "`expand=changelog`" + ` and completes every truncated changelog from the
issue's changelog endpoint. A CSV export cannot carry history; use JSON.

## Options

None.

## Example

` + "```text" + `
export.json:5100: warning history-incomplete: PAY-88: The export holds 100 of the issue's 143 changelog entries; changes in the other 43 are not checked
issues.csv: warning history-incomplete: issues.csv: No change history in this input (a CSV export carries none); who ranked, re-dated or re-scoped its 212 issues cannot be checked
` + "```" + `
`,
	Check: checkHistoryIncomplete,
}

func checkHistoryIncomplete(pass *lint.Pass) error {
	for _, in := range pass.Project.Inputs {
		if in.Kind != "jira" || in.Histories > 0 || in.Issues == 0 {
			continue
		}
		why := "exported without expand=changelog"
		if in.Format == "csv" {
			why = "a CSV export carries none"
		}
		pass.Report(lint.Finding{
			Subject: in.Path,
			Message: "No change history in this input (" + why + "); who ranked, re-dated or re-scoped its " +
				plural(in.Issues, "issue", "issues") + " cannot be checked",
			Location: lint.Position{Path: in.Path},
			Evidence: map[string]any{"input": in.Path, "format": in.Format, "issues": in.Issues},
		})
	}
	for _, i := range pass.Project.Issues {
		present := len(i.Histories)
		if i.ChangelogTotal <= present {
			continue
		}
		missing := i.ChangelogTotal - present
		pass.Report(lint.Finding{
			Subject: i.Key,
			Message: "The export holds " + strconv.Itoa(present) + " of the issue's " + strconv.Itoa(i.ChangelogTotal) +
				" changelog entries; changes in the other " + strconv.Itoa(missing) + " are not checked",
			Location: i.Pos,
			URL:      pass.BrowseURL(i),
			Evidence: map[string]any{"total": i.ChangelogTotal, "present": present},
		})
	}
	return nil
}
