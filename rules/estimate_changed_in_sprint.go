package rules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// EstimateChangedInSprint reports re-estimates of committed sprint work without approval.
var EstimateChangedInSprint = &lint.Rule{
	Name:     "estimate-changed-in-sprint",
	Category: lint.Scope,
	Severity: lint.Warning,
	Title:    "estimate changed during a running sprint without approval",
	Doc: `## What it checks

Every change of the estimate field (to a different value: "3" and "3.0" are the same) made
while the issue was a member of a sprint, inside that sprint's active window (after its start
plus ` + "`scope.grace`" + `, and for a closed sprint before it completed), and not approved.
Sprint membership at the time of the change is replayed from the changelog, not read from the
issue's current sprint field, so an issue later moved out of the sprint is still checked.
One finding per change. Changes by bots and changes before ` + "`since`" + ` are ignored.

A change is approved by an approved change-log row naming the issue (or its parent or
epic), recorded no later than the change plus ` + "`scope.approval_window`" + `, or by the
` + "`scope.approval_label`" + ` label added by an approver within that window.

## Why

Scope changes are formally approved. A sprint's scope is its committed work, measured in
estimates: raising an estimate mid-sprint adds scope just as adding an issue does, and
lowering one hides that work was dropped.

## How to fix

Record the approval: a change-log row in the plan with an approved status, naming the issue
and signed by an approver, or the approval label added by an approver. Or estimate before the
sprint starts, and leave the original estimate alone (track remaining work with time tracking
or sub-tasks instead).

## Options

- ` + "`scope.grace`" + `: changes this soon after a sprint starts are not scope changes.
- ` + "`scope.approval_window`" + `, ` + "`scope.approvers`" + `, ` + "`scope.approval_label`" + `, ` + "`scope.approved_statuses`" + `: what counts as approval.
- ` + "`jira.fields.estimate`" + `, ` + "`jira.fields.sprint`" + `: the fields read.

## Example

` + "```text" + `
export.json:1312: warning estimate-changed-in-sprint: PAY-18: Estimate changed from 3 to 8 by Dev Patel on 2026-03-04 11:00 UTC, 2 days into sprint "PAY Sprint 7", with no recorded approval; re-estimating committed work changes the sprint's scope
` + "```" + `
`,
	Fields: []lint.FieldKind{lint.KindEstimate, lint.KindSprint},
	Check:  checkEstimateChangedInSprint,
}

func checkEstimateChangedInSprint(pass *lint.Pass) error {
	for _, i := range pass.Issues() {
		for h := range pass.Histories(i) {
			for _, c := range i.Items(h) {
				if c.Kind != lint.KindEstimate || sameEstimate(c) {
					continue
				}
				sprint := sprintRunningAt(pass, i, h)
				if sprint == nil {
					continue
				}
				if _, ok := pass.Approved(i, h.Created.Time()); ok {
					continue
				}
				into := daysBetween(pass.CalendarDate(sprint.Start), pass.CalendarDate(h.Created.Time()))
				ev := estimateEvidence{historyEvidence(h, c), sprint.ID, sprint.Name}
				pass.Report(lint.Finding{
					Subject: i.Key,
					Message: "Estimate changed from " + orNone(estimateText(c.FromString, c.From)) + " to " + orNone(estimateText(c.ToString, c.To)) +
						" by " + who(h.By()) + " on " + when(pass, h.Created.Time()) + ", " + sprintDay(into) + " " + sprintLabel(sprint) +
						", with no recorded approval; re-estimating committed work changes the sprint's scope",
					Location: i.PosOf(h),
					URL:      pass.BrowseURL(i),
					Evidence: ev,
					Identity: []string{historyID(h), strconv.Itoa(sprint.ID)},
				})
				break
			}
		}
	}
	return nil
}

// estimateEvidence is a re-estimate's change and the sprint it changed.
type estimateEvidence struct {
	changeEvidence
	SprintID   int    `json:"sprint_id"`
	SprintName string `json:"sprint_name"`
}

// sprintRunningAt returns the sprint (lowest id first) the issue was a member of when the
// history was made, and whose active window the history falls in; nil when there is none.
func sprintRunningAt(pass *lint.Pass, i *lint.Issue, h *lint.History) *lint.Sprint {
	ids := slices.Clone(pass.SprintMembershipAt(i, h.Created.Time()))
	slices.Sort(ids)
	for _, id := range ids {
		if s := pass.Project.Sprints[id]; s != nil && pass.InActiveWindow(s, h.Created.Time()) {
			return s
		}
	}
	return nil
}

// estimateText is how an estimate reads in a message: the display string, else the raw value.
func estimateText(display, raw string) string {
	if strings.TrimSpace(display) != "" {
		return strings.TrimSpace(display)
	}
	return strings.TrimSpace(raw)
}

// sameEstimate reports whether an estimate change leaves the value as it was: equal texts, or
// equal numbers written differently ("3" and "3.0").
func sameEstimate(c lint.Change) bool {
	from, to := estimateText(c.FromString, c.From), estimateText(c.ToString, c.To)
	if from == to {
		return true
	}
	f, err1 := strconv.ParseFloat(from, 64)
	t, err2 := strconv.ParseFloat(to, 64)
	return err1 == nil && err2 == nil && f == t
}

// sprintDay says how far into a sprint a change came: "2 days into", or "on the first day of".
func sprintDay(days int) string {
	if days <= 0 {
		return "on the first day of"
	}
	return plural(days, "day", "days") + " into"
}
