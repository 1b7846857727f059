package rules

import (
	"fmt"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// This file holds the wording and the small judgements several of these rules share, so
// that a task, a sprint or a moment reads the same in every message.

// taskLabel names a plan task in messages: task 7 "Build the API".
func taskLabel(t *lint.Task) string {
	return fmt.Sprintf("task %s %q", t.ID, t.Name)
}

// sprintLabel names a sprint in messages: sprint "PAY Sprint 5", or sprint 76 without a name.
func sprintLabel(s *lint.Sprint) string {
	if s.Name == "" {
		return fmt.Sprintf("sprint %d", s.ID)
	}
	return fmt.Sprintf("sprint %q", s.Name)
}

// taskDoneStatuses are the plan statuses that count as 100 % complete.
var taskDoneStatuses = []string{"Done", "Complete", "Completed", "Closed"}

// taskComplete reports whether a plan task is 100 % complete: its percent complete is at
// least 100, or its status is Done, Complete, Completed or Closed.
func taskComplete(t *lint.Task) bool {
	if t.Percent != nil && *t.Percent >= 100 {
		return true
	}
	for _, s := range taskDoneStatuses {
		if strings.EqualFold(strings.TrimSpace(t.Status), s) {
			return true
		}
	}
	return false
}

// planTracksProgress reports whether the plan records progress at all (a percent or a
// status column). Without either, "less than 100 % complete" cannot be known, and the
// rules that depend on it stay silent rather than flag every task.
func planTracksProgress(p *lint.Plan) bool {
	return p.HasColumn("percent") || p.HasColumn("status")
}

// progressText describes how far a task is, for messages: "is 60 % complete", "is in
// status "Doing"", "has no progress recorded".
func progressText(t *lint.Task) string {
	switch {
	case t.Percent != nil:
		return fmt.Sprintf("is %s %% complete", number(*t.Percent))
	case strings.TrimSpace(t.Status) != "":
		return fmt.Sprintf("is in status %q", strings.TrimSpace(t.Status))
	}
	return "has no progress recorded"
}

// readyReason says why an open backlog item counts as ready (SPEC §5), for messages:
// in sprint "Sprint 5", or ranked 3rd of the open backlog of PAY. It is "" for an item
// that is not ready.
func readyReason(pass *lint.Pass, i *lint.Issue) string {
	if !pass.Ready(i) {
		return ""
	}
	for _, id := range i.Sprints {
		if s := pass.Project.Sprints[id]; s != nil && (s.State == "active" || s.State == "future") {
			return fmt.Sprintf("it is in %s %s", s.State, sprintLabel(s))
		}
	}
	n := pass.RankPosition(i) + 1
	return fmt.Sprintf("it is ranked %s in the open backlog of %s (the top %d are ready)",
		ordinal(n), i.Project, pass.Config.Backlog.ReadyDepth)
}

// ordinal writes 1st, 2nd, 3rd, 4th, 11th, 22nd.
func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// issueLabel names an issue in messages with its type and summary: Story PAY-7 "Checkout".
func issueLabel(i *lint.Issue) string {
	typ := i.Type
	if typ == "" {
		typ = "issue"
	}
	if i.Summary == "" {
		return typ + " " + i.Key
	}
	return fmt.Sprintf("%s %s %q", typ, i.Key, i.Summary)
}

// changeEvidence is the evidence every changelog-based finding keeps.
type changeEvidence struct {
	History string       `json:"history"`
	Author  string       `json:"author"`
	Time    lint.Instant `json:"time"`
	Field   string       `json:"field"`
	From    string       `json:"from"`
	To      string       `json:"to"`
}

// historyEvidence returns the evidence of a change.
func historyEvidence(h *lint.History, c lint.Change) changeEvidence {
	return changeEvidence{
		History: historyID(h),
		Author:  h.By().String(),
		Time:    h.Created,
		Field:   c.Field,
		From:    c.FromString,
		To:      c.ToString,
	}
}

// tasksByID indexes the plan's tasks by id, as Plan.Task finds them (the first task with an
// id wins; a WBS code names a task when no id is the same), so that rules following
// predecessor links stay linear in the plan's size.
func tasksByID(plan *lint.Plan) map[string]*lint.Task {
	out := make(map[string]*lint.Task, len(plan.Tasks))
	for _, t := range plan.Tasks {
		if _, dup := out[t.ID]; !dup {
			out[t.ID] = t
		}
	}
	for _, t := range plan.Tasks {
		if _, dup := out[t.WBS]; !dup && t.WBS != "" {
			out[t.WBS] = t
		}
	}
	return out
}

// issuesByKey indexes the project's issues by key, for the rules that look up every key a
// plan names (Project.Issue is a linear search).
func issuesByKey(p *lint.Project) map[string]*lint.Issue {
	out := make(map[string]*lint.Issue, len(p.Issues))
	for _, i := range p.Issues {
		out[i.Key] = i
	}
	return out
}
