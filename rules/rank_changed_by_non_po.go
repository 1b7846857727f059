package rules

import (
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// RankChangedByNonPO reports backlog re-ranking by anyone but the product owner.
var RankChangedByNonPO = &lint.Rule{
	Name:     "rank-changed-by-non-po",
	Category: lint.Ownership,
	Severity: lint.Error,
	Title:    "backlog ranked by someone other than the product owner",
	Doc: `## What it checks

Every change of an issue's rank in the changelog: dragging an issue up or down the backlog
("Ranked higher", "Ranked lower") or any change of the rank field. A change made by anyone
who is not the product owner of the issue's project, nor one of the product owner's
delegates, is reported, one finding per change. A change that Jira records with no author
counts as made by someone other than the product owner. Changes by bots
(` + "`roles.bots`" + `) and changes before ` + "`since`" + ` are ignored.

## Why

The product owner owns the backlog: its order is the product owner's statement of what the
team works on next. When others re-rank it, the order stops saying what the product owner
decided, and nobody can tell which decisions were theirs.

## How to fix

Ask the product owner to confirm the order (and to re-rank if they disagree), and restrict
the "Schedule issues" permission of the board to the product owner. If someone ranks on the
product owner's behalf, list them under ` + "`roles.delegates.product_owner`" + `; if an
automation ranks, list it under ` + "`roles.bots`" + `.

## Options

- ` + "`roles.product_owner`" + `, ` + "`roles.by_project.KEY.product_owner`" + `: who the product owner is.
- ` + "`roles.delegates.product_owner`" + `: people who may rank with the product owner's authority.
- ` + "`roles.bots`" + `, ` + "`since`" + `: changes to ignore.
- ` + "`jira.fields.rank`" + `: the rank field. The rule runs even when no issue holds a rank:
  Jira's "Ranked higher" and "Ranked lower" entries name a rank change by themselves.

The rule is skipped for a project with no product owner (` + "`role-unassigned`" + ` reports it).

## Example

` + "```yaml" + `
roles:
  product_owner: [ana@x.io]
` + "```" + `

` + "```text" + `
export.json:4821: error rank-changed-by-non-po: PAY-12: Rank changed by Dev Patel on 2026-03-04 14:20 UTC (moved lower); only the product owner (Ana Lima) ranks the backlog
` + "```" + `
`,
	Needs: []lint.Role{lint.ProductOwner},
	// No Fields: a drag is recorded as "Ranked higher" or "Ranked lower" whether or not any
	// issue still holds a rank value, so the rule runs without the rank field.
	Check: checkRankChangedByNonPO,
}

func checkRankChangedByNonPO(pass *lint.Pass) error {
	people := newRoster(pass.Project)
	for _, i := range pass.Issues() {
		for h := range pass.Histories(i) {
			c, ok := rankChange(i, h)
			if !ok || pass.InRole(h.By(), i.Project, lint.ProductOwner) {
				continue
			}
			move := ""
			switch {
			case strings.EqualFold(c.ToString, "Ranked higher"):
				move = " (moved higher)"
			case strings.EqualFold(c.ToString, "Ranked lower"):
				move = " (moved lower)"
			}
			owner := "product owner"
			if names := people.holders(pass, i.Project, lint.ProductOwner); names != "" {
				owner += " (" + names + ")"
			}
			pass.Report(lint.Finding{
				Subject: i.Key,
				Message: "Rank changed by " + who(h.By()) + " on " + when(pass, h.Created.Time()) + move +
					"; only the " + owner + " ranks the backlog",
				Location: i.PosOf(h),
				URL:      pass.BrowseURL(i),
				Evidence: map[string]any{
					"author":  h.By().String(),
					"time":    instant(h.Created.Time()),
					"field":   c.Field,
					"from":    c.FromString,
					"to":      c.ToString,
					"history": h.ID,
				},
				Identity: []string{historyID(h)},
			})
		}
	}
	return nil
}

// rankChange returns the history's rank change, if it has one: an item the reader
// resolved to the rank field, or a custom item saying "Ranked higher" or "Ranked lower"
// (how Jira records a drag even where the rank field's name is unknown). A history with
// several rank items is one change.
func rankChange(i *lint.Issue, h *lint.History) (lint.Change, bool) {
	for _, c := range i.Items(h) {
		if c.Kind == lint.KindRank {
			return c, true
		}
		if strings.EqualFold(c.FieldType, "custom") &&
			(strings.EqualFold(c.ToString, "Ranked higher") || strings.EqualFold(c.ToString, "Ranked lower")) {
			return c, true
		}
	}
	return lint.Change{}, false
}
