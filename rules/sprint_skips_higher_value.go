package rules

import (
	"fmt"
	"slices"

	"github.com/hatcheck/hatcheck/lint"
)

// SprintSkipsHigherValue reports sprint work chosen over more valuable items ranked above it.
var SprintSkipsHigherValue = &lint.Rule{
	Name:     "sprint-skips-higher-value",
	Category: lint.Value,
	Severity: lint.Warning,
	Title:    "sprint holds an item while a more valuable one ranked above it waits",
	Doc: `## What it checks

Each open issue X in an active sprint, with a rank and a value, against the open backlog
items Y of the same project that are still to do (status category new), in no active or
future sprint, ranked above X and worth more than X by more than
` + "`backlog.value_tolerance`" + `. One finding on X names the most valuable such Y (the
higher-ranked one on a tie) and how many there are.

## Why

Items are ranked by value, and the team works on the most valuable things first. When the
sprint holds X while a more valuable item that the product owner ranked higher waits
outside any sprint, either the sprint was filled past the product owner's order or the
values and the order disagree.

## How to fix

Swap the items at the next planning (with the product owner's approval, since it changes
the sprint's scope), or, if X really must come first, have the product owner revise the
values or the ranks so they say so.

## Options

- ` + "`backlog.value_tolerance`" + `: value differences up to this are not reported.
- ` + "`jira.fields.rank`" + `, ` + "`jira.fields.value`" + `, ` + "`jira.fields.sprint`" + `: the fields compared.

## Example

` + "```text" + `
export.json:900: warning sprint-skips-higher-value: PAY-40: PAY-40 (value 3) is in active sprint "PAY Sprint 7", while PAY-12 (value 13), ranked above it, waits in no sprint (1 such item); the team works on the most valuable items first
` + "```" + `
`,
	Fields: []lint.FieldKind{lint.KindRank, lint.KindValue, lint.KindSprint},
	Check:  checkSprintSkipsHigherValue,
}

func checkSprintSkipsHigherValue(pass *lint.Pass) error {
	tolerance := pass.Config.Backlog.ValueTolerance
	issues := pass.Issues()
	// waiting are the open, to-do backlog items in no active or future sprint, per project.
	// An issue of an export without a sprint field shows no sprint whether or not it is in
	// one, so it is not known to wait.
	waiting := map[string][]*lint.Issue{}
	for _, y := range issues {
		if y.Rank != "" && y.Value != nil && pass.BacklogItem(y) && !pass.Done(y) &&
			pass.Project.HasField(y, lint.KindSprint) &&
			y.StatusCategory == lint.CategoryNew && activeSprint(pass, y, "active", "future") == nil {
			waiting[y.Project] = append(waiting[y.Project], y)
		}
	}
	for _, x := range issues {
		if x.Rank == "" || x.Value == nil || pass.Done(x) {
			continue
		}
		sprint := activeSprint(pass, x, "active")
		if sprint == nil {
			continue
		}
		var best *lint.Issue
		count := 0
		for _, y := range waiting[x.Project] {
			if y.Rank >= x.Rank || *y.Value-*x.Value <= tolerance {
				continue
			}
			count++
			if best == nil || *y.Value > *best.Value || (*y.Value == *best.Value && y.Rank < best.Rank) {
				best = y
			}
		}
		if best == nil {
			continue
		}
		pass.Report(lint.Finding{
			Subject: x.Key,
			Message: fmt.Sprintf("%s (value %s) is in active %s, while %s (value %s), ranked above it, waits in no sprint (%s); the team works on the most valuable items first",
				x.Key, number(*x.Value), sprintLabel(sprint), best.Key, number(*best.Value), plural(count, "such item", "such items")),
			Location: x.Pos,
			URL:      pass.BrowseURL(x),
			Related:  []lint.Related{{Location: best.Pos, Message: fmt.Sprintf("%s (value %s) waits outside any sprint", best.Key, number(*best.Value))}},
			Evidence: skipEvidence{
				Sprint: sprint.ID, Value: *x.Value, Rank: x.Rank,
				Skipped: best.Key, SkippedValue: *best.Value, SkippedRank: best.Rank, Count: count,
			},
			Identity: []string{fmt.Sprint(sprint.ID)},
		})
	}
	return nil
}

// skipEvidence is what a finding of the rule shows: the item in the sprint, the first
// higher-value item waiting above it, and how many wait.
type skipEvidence struct {
	Sprint       int     `json:"sprint"`
	Value        float64 `json:"value"`
	Rank         string  `json:"rank"`
	Skipped      string  `json:"skipped"`
	SkippedValue float64 `json:"skipped_value"`
	SkippedRank  string  `json:"skipped_rank"`
	Count        int     `json:"count"`
}

// activeSprint returns the issue's current sprint with the lowest id among those in one of
// the states, or nil.
func activeSprint(pass *lint.Pass, i *lint.Issue, states ...string) *lint.Sprint {
	var found *lint.Sprint
	for _, id := range i.Sprints {
		s := pass.Project.Sprints[id]
		if s == nil || !slices.Contains(states, s.State) {
			continue
		}
		if found == nil || s.ID < found.ID {
			found = s
		}
	}
	return found
}
