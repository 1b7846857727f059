package rules

import (
	"strings"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// DateChangedByNonPM reports changes of the dates the project manager owns by anyone else.
var DateChangedByNonPM = &lint.Rule{
	Name:     "date-changed-by-non-pm",
	Category: lint.Ownership,
	Severity: lint.Error,
	Title:    "due date or schedule date changed by someone other than the project manager",
	Doc: `## What it checks

Every change, in the changelog, of a field listed in ` + "`dates.fields`" + ` (by default the
due date, Target start and Target end) made by anyone who is not the project manager of the
issue's project, nor one of the project manager's delegates: one finding per change. A
change that Jira records with no author counts as made by someone other than the project
manager. Changes by bots (` + "`roles.bots`" + `) and changes before ` + "`since`" + ` are ignored.

## Why

The project manager owns the dates: the schedule is theirs, and the plan is its source of
truth. A date moved in Jira by someone else silently disagrees with the plan, and the
project manager learns of the slip last.

## How to fix

Tell the project manager, who decides whether the plan moves; then set the date back or
update the plan. If someone keeps dates on the project manager's behalf, list them under
` + "`roles.delegates.project_manager`" + `.

## Options

- ` + "`roles.project_manager`" + `, ` + "`roles.by_project.KEY.project_manager`" + `: who the project manager is.
- ` + "`roles.delegates.project_manager`" + `: people who may change dates with the project manager's authority.
- ` + "`dates.fields`" + `: the Jira date fields the project manager owns.
- ` + "`roles.bots`" + `, ` + "`since`" + `: changes to ignore.

The rule is skipped for a project with no project manager (` + "`role-unassigned`" + ` reports it).

## Example

` + "```text" + `
export.json:911: error date-changed-by-non-pm: PAY-7: Due date moved from 2026-03-10 to 2026-03-17 (7 days later) by Dev Patel on 2026-03-04 14:20 UTC; only the project manager (Paul Moreno) sets dates
` + "```" + `
`,
	Needs: []lint.Role{lint.ProjectManager},
	Check: checkDateChangedByNonPM,
}

func checkDateChangedByNonPM(pass *lint.Pass) error {
	people := newRoster(pass.Project)
	for _, i := range pass.Issues() {
		for h := range pass.Histories(i) {
			if pass.InRole(h.By(), i.Project, lint.ProjectManager) {
				continue
			}
			for _, c := range i.Items(h) {
				if c.Kind != lint.KindDate {
					continue
				}
				manager := "project manager"
				if names := people.holders(pass, i.Project, lint.ProjectManager); names != "" {
					manager += " (" + names + ")"
				}
				field := dateFieldName(c)
				pass.Report(lint.Finding{
					Subject: i.Key,
					Message: upperFirst(field) + " " + dateMove(c) + " by " + who(h.By()) + " on " + when(pass, h.Created.Time()) +
						"; only the " + manager + " sets dates",
					Location: i.PosOf(h),
					URL:      pass.BrowseURL(i),
					Evidence: map[string]any{
						"author":  h.By().String(),
						"time":    instant(h.Created.Time()),
						"field":   c.Field,
						"from":    changeDateText(c.From, c.FromString),
						"to":      changeDateText(c.To, c.ToString),
						"history": h.ID,
					},
					// A history may change several date fields at once; each is its own finding.
					Identity: []string{historyID(h), c.Field},
				})
			}
		}
	}
	return nil
}

// dateFieldName is how a message names a date field: Jira's id "duedate" reads as "due date".
func dateFieldName(c lint.Change) string {
	name := c.DateField
	if name == "" {
		name = c.Field
	}
	if strings.EqualFold(name, "duedate") {
		return "due date"
	}
	return name
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// dateMove says what a date change did: "moved from 2026-03-10 to 2026-03-17 (7 days
// later)", "set to 2026-03-17", "cleared (was 2026-03-10)".
func dateMove(c lint.Change) string {
	from, to := changeDateText(c.From, c.FromString), changeDateText(c.To, c.ToString)
	switch {
	case from == "" && to == "":
		return "changed"
	case from == "":
		return "set to " + to
	case to == "":
		return "cleared (was " + from + ")"
	}
	s := "from " + from + " to " + to
	f, errF := time.Parse(time.DateOnly, from)
	t, errT := time.Parse(time.DateOnly, to)
	if errF == nil && errT == nil {
		switch d := int(t.Sub(f).Hours() / 24); {
		case d > 0:
			return "moved " + s + " (" + plural(d, "day", "days") + " later)"
		case d < 0:
			return "moved " + s + " (" + plural(-d, "day", "days") + " earlier)"
		}
	}
	return "changed " + s
}

// changeDateText returns a changelog date value as 2026-03-10 when it can be read as one:
// Jira keeps the date in "from"/"to" and a display form ("2026-03-10 00:00:00.0", or
// "10/Mar/26" for custom fields) in the strings. Anything else is shown as written.
func changeDateText(raw, display string) string {
	for _, s := range []string{raw, display} {
		s = strings.TrimSpace(s)
		if len(s) >= 10 {
			if _, err := time.Parse(time.DateOnly, s[:10]); err == nil {
				return s[:10]
			}
		}
	}
	if s := strings.TrimSpace(display); s != "" {
		return s
	}
	return strings.TrimSpace(raw)
}
