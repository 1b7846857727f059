package rules

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// SprintScopeUnapproved reports issues added to or removed from a running sprint without
// a recorded approval.
var SprintScopeUnapproved = &lint.Rule{
	Name:     "sprint-scope-unapproved",
	Category: lint.Scope,
	Severity: lint.Error,
	Title:    "sprint scope changed after the sprint started without approval",
	Doc: `## What it checks

Issues that entered or left a sprint while it was running: added to it or removed from it by
a change of the sprint field, or created straight into it. A sprint is running from its
start plus ` + "`scope.grace`" + ` until it was completed (a sprint not yet completed is still
running). Such a change is reported unless it was approved:

- by a row of the plan's change log whose status is in ` + "`scope.approved_statuses`" + `,
  whose approver is an approver, that names the issue or its parent or epic, and whose date
  is empty or no later than the day of the change plus ` + "`scope.approval_window`" + `; or
- by the label ` + "`scope.approval_label`" + ` on the issue, added by an approver no later than
  ` + "`scope.approval_window`" + ` after the change (or present from the issue's creation by an
  approver).

One finding per issue, sprint and direction (added, removed), at the first such change.
Every issue is checked, sub-tasks included: a sub-task created in a running sprint adds work
to it like any other issue.
Changes by bots (` + "`roles.bots`" + `) and changes before ` + "`since`" + ` are ignored.

## Why

Scope changes are formally approved. The team committed to a sprint's scope when it
started; work slipped in (or quietly dropped) afterwards breaks that commitment and the
forecast built on it, and without a record nobody can say who decided.

## How to fix

Record the decision: add the approval label as an approver, or a row to the plan's change
log naming the issue, with an approved status and the approver. If the change was not
agreed, move the issue back. Changes in the first hours of a sprint (planning that ran
late) can be allowed with ` + "`scope.grace`" + `.

## Options

- ` + "`scope.approvers`" + `: role names (product_owner, project_manager) and/or people who may approve.
- ` + "`scope.approval_label`" + `, ` + "`scope.approved_statuses`" + `, ` + "`scope.approval_window`" + `: what counts as an approval, and how late.
- ` + "`scope.grace`" + `: how long after a sprint starts changes are still planning.
- ` + "`jira.fields.sprint`" + `: the sprint field.

## Example

` + "```text" + `
export.json:1207: error sprint-scope-unapproved: PAY-31: Added to sprint "PAY Sprint 7" (running since 2026-03-02 09:00 UTC) by Dev Patel on 2026-03-04 14:20 UTC with no recorded approval; scope changes to a running sprint need the scope-change-approved label or an approved change-log row from an approver (product owner or project manager) within 24h of the change
` + "```" + `
`,
	Fields: []lint.FieldKind{lint.KindSprint},
	Check:  checkSprintScopeUnapproved,
}

// scopeChange is one issue entering or leaving a sprint. It is kept small and points at
// the history it comes from: an issue may hold hundreds of sprint changes.
type scopeChange struct {
	sprint    *lint.Sprint
	direction string        // "added" or "removed"
	h         *lint.History // the change; nil when the issue was created into the sprint
	at        time.Time
}

// author returns who made the change: for a creation, the creator (else the reporter).
func (c *scopeChange) author(i *lint.Issue) lint.Person {
	if c.h != nil {
		return c.h.By()
	}
	return creator(i)
}

// creator returns who created the issue: the creator, else the reporter.
func creator(i *lint.Issue) lint.Person {
	if c := i.Creator.Value(); !c.IsZero() {
		return c
	}
	return i.Reporter.Value()
}

func checkSprintScopeUnapproved(pass *lint.Pass) error {
	// Both are emptied for each issue and reused: most issues have a few sprint changes.
	var changes []scopeChange
	type reportKey struct {
		sprint    int
		direction string
	}
	reported := map[reportKey]bool{}
	for _, i := range pass.Issues() {
		changes = createdInto(pass, i, changes[:0])
		clear(reported)
		for h := range pass.Histories(i) {
			for _, c := range i.Items(h) {
				if c.Kind != lint.KindSprint {
					continue
				}
				from, to := lint.SprintIDs(c.From), lint.SprintIDs(c.To)
				for _, d := range []struct {
					dir      string
					ids, not []int
				}{{"added", to, from}, {"removed", from, to}} {
					for _, id := range d.ids {
						if slices.Contains(d.not, id) {
							continue
						}
						changes = append(changes, scopeChange{
							sprint: pass.Project.Sprints[id], direction: d.dir, h: h, at: h.Created.Time(),
						})
					}
				}
			}
		}
		for _, c := range changes {
			if c.sprint == nil || !pass.InActiveWindow(c.sprint, c.at) {
				continue
			}
			key := reportKey{c.sprint.ID, c.direction}
			if reported[key] {
				continue
			}
			if _, ok := pass.Approved(i, c.at); ok {
				continue
			}
			reported[key] = true
			pass.Report(scopeFinding(pass, i, c))
		}
	}
	return nil
}

// createdInto appends to out the sprints the issue was created into, as additions by its
// creator: the sprints it was in at its creation.
func createdInto(pass *lint.Pass, i *lint.Issue, out []scopeChange) []scopeChange {
	if i.Created.IsZero() {
		return out
	}
	by := creator(i)
	// Creation is a change like any other: a bot's is ignored, and so is one before --since.
	if pass.Config.IsBot(by) || (!pass.Config.Since.IsZero() && i.Created.Before(pass.Config.Since)) {
		return out
	}
	for _, id := range pass.SprintMembershipAt(i, i.Created) {
		out = append(out, scopeChange{sprint: pass.Project.Sprints[id], direction: "added", at: i.Created})
	}
	return out
}

func scopeFinding(pass *lint.Pass, i *lint.Issue, c scopeChange) lint.Finding {
	s := c.sprint
	var what string
	switch {
	case c.h == nil:
		what = "Created in"
	case c.direction == "added":
		what = "Added to"
	default:
		what = "Removed from"
	}
	start, end, _ := pass.ActiveWindow(s)
	running := "running since " + when(pass, s.Start)
	if !end.IsZero() {
		running = "ran " + when(pass, s.Start) + " to " + when(pass, end)
	}
	var approvers []string
	for _, a := range pass.Config.Scope.Approvers {
		switch r := lint.Role(strings.TrimSpace(a)); r {
		case lint.ProductOwner, lint.ProjectManager:
			approvers = append(approvers, roleTitle(r))
		default:
			approvers = append(approvers, strings.TrimSpace(a))
		}
	}
	var how []string
	if l := pass.Config.Scope.ApprovalLabel; l != "" {
		how = append(how, "the "+l+" label")
	}
	how = append(how, "an approved change-log row")
	msg := what + " " + sprintLabel(s) + " (" + running + ") by " + who(c.author(i)) + " on " + when(pass, c.at) +
		" with no recorded approval; scope changes to a running sprint need " + strings.Join(how, " or ") +
		" from an approver"
	if len(approvers) > 0 {
		msg += " (" + strings.Join(approvers, " or ") + ")"
	}
	if w := pass.Config.Scope.ApprovalWindow; w > 0 {
		msg += " within " + duration(w) + " of the change"
	}
	ev := scopeEvidence{
		Author:      c.author(i).String(),
		Time:        lint.InstantOf(c.at),
		SprintID:    s.ID,
		SprintName:  s.Name,
		SprintState: s.State,
		WindowStart: lint.InstantOf(start),
		WindowEnd:   lint.InstantOf(end),
		Direction:   c.direction,
	}
	pos := i.Pos
	if c.h == nil {
		ev.Via = "creation"
	} else {
		ev.Via = "sprint change"
		ev.History = historyID(c.h)
		pos = i.PosOf(c.h)
	}
	return lint.Finding{
		Subject:  i.Key,
		Message:  msg,
		Location: pos,
		URL:      pass.BrowseURL(i),
		Related:  nearMisses(pass, i, c.at),
		Evidence: ev,
		Identity: []string{strconv.Itoa(s.ID), c.direction},
	}
}

// scopeEvidence is what a finding of the rule shows: the change, its author and time, and
// the sprint with the window its scope was closed in.
type scopeEvidence struct {
	Author      string       `json:"author"`
	Time        lint.Instant `json:"time"`
	SprintID    int          `json:"sprint_id"`
	SprintName  string       `json:"sprint_name"`
	SprintState string       `json:"sprint_state"`
	WindowStart lint.Instant `json:"window_start"`
	WindowEnd   lint.Instant `json:"window_end,omitempty"` // none while the sprint runs
	Direction   string       `json:"direction"`
	Via         string       `json:"via"`               // "creation" or "sprint change"
	History     string       `json:"history,omitempty"` // for a sprint change
}

// duration renders a configured duration the way it is written in the config: "24h",
// "90m", "2h30m".
func duration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// nearMisses explains the approvals that were recorded for the issue but do not count for a
// change at t: a change-log row not approved, signed by someone who is not an approver, or
// dated too late; the approval label added by someone who is not an approver, or too late.
// They point the reader at the record to correct.
func nearMisses(pass *lint.Pass, i *lint.Issue, t time.Time) []lint.Related {
	var out []lint.Related
	deadline := t.Add(pass.Config.Scope.ApprovalWindow)
	if plan := pass.Project.Plan; plan != nil {
		names := append([]string{i.Key}, i.ParentKeys()...)
		for _, cr := range plan.Changes {
			named := ""
			for _, k := range cr.Jira {
				if slices.Contains(names, k) {
					named = k
					break
				}
			}
			if named == "" {
				continue
			}
			what := "change request " + cr.ID + " names " + named + " but "
			switch {
			case !slices.ContainsFunc(pass.Config.Scope.ApprovedStatuses, func(st string) bool {
				return strings.EqualFold(strings.TrimSpace(st), strings.TrimSpace(cr.Status))
			}):
				what += "its status is " + strconv.Quote(cr.Status)
			case !pass.IsApproverNamed(cr.Approver, i.Project):
				approver := strings.TrimSpace(cr.Approver)
				if approver == "" {
					what += "names no approver"
				} else {
					what += "its approver " + approver + " is not an approver"
				}
			case !cr.ApprovedOn.IsZero() && cr.ApprovedOn.After(pass.CalendarDate(deadline)):
				what += "was approved on " + day(cr.ApprovedOn) + ", after the approval window (" + day(pass.CalendarDate(deadline)) + ")"
			default:
				continue
			}
			out = append(out, lint.Related{Location: plan.ChangePos(cr, "status"), Message: what})
		}
	}
	label := pass.Config.Scope.ApprovalLabel
	if label == "" {
		return out
	}
	for n := range i.Histories {
		h := &i.Histories[n]
		for _, c := range i.Items(h) {
			if c.Kind != lint.KindLabels || !hasLabel(c.ToString, label) || hasLabel(c.FromString, label) {
				continue
			}
			what := "the " + label + " label was added by " + who(h.By()) + " on " + when(pass, h.Created.Time())
			switch {
			case !pass.IsApprover(h.By(), i.Project):
				what += ", who is not an approver"
			case h.Created.Time().After(deadline):
				what += ", after the approval window"
			default:
				continue
			}
			out = append(out, lint.Related{Location: i.PosOf(h), Message: what})
		}
	}
	return out
}

// hasLabel reports whether a changelog's space-separated label list holds the label.
func hasLabel(list, label string) bool {
	for _, w := range strings.Fields(list) {
		if strings.EqualFold(w, label) {
			return true
		}
	}
	return false
}
