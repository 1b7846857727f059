package rules

import (
	"math"

	"github.com/hatcheck/hatcheck/lint"
)

// RankValueInversion reports backlog items ranked below items of lower value.
var RankValueInversion = &lint.Rule{
	Name:     "rank-value-inversion",
	Category: lint.Value,
	Severity: lint.Warning,
	Title:    "backlog item ranked below items of lower value",
	Doc: `## What it checks

For each project, the open backlog items that have both a rank and a value. An item X is
reported when items ranked above it have a value lower than X's by more than
` + "`backlog.value_tolerance`" + `: one finding on X, with how many such items there are and
the highest-ranked of them.

The rule also measures, per project, how well rank follows value (in the JSON summary):

- ` + "`value_rank_tau`" + `: Kendall's tau-b between rank order and value order over the open
  ranked backlog items with a value: 1 when the backlog is ordered by value, highest first;
  0 when rank and value are unrelated; -1 when the backlog is ordered lowest value first.
  It is left out when fewer than two items can be compared.
- ` + "`value_coverage`" + `: the share of open backlog items that have a value, from 0 to 1.

## Why

Items are ranked by value: the team works top down, so the backlog order is a statement of
which work is worth most. An item of high value under items of low value is either ranked
wrong or valued wrong, and either way the team is about to build the less valuable thing first.

## How to fix

Re-rank the item above the lower-value items, or correct its value (or theirs). When small
value differences do not matter to you, raise ` + "`backlog.value_tolerance`" + `.

## Options

- ` + "`backlog.value_tolerance`" + `: value differences up to this are not inversions (default 0).
- ` + "`backlog.types`" + `: the issue types that are backlog items.
- ` + "`jira.fields.rank`" + `, ` + "`jira.fields.value`" + `: the rank and value fields.

## Example

` + "```text" + `
export.json:300: warning rank-value-inversion: PAY-3: Value 13, yet ranked below 2 open items of lower value, the highest of them PAY-1 (value 3); the backlog should put the most valuable work first
` + "```" + `
`,
	Fields: []lint.FieldKind{lint.KindRank, lint.KindValue},
	Check:  checkRankValueInversion,
}

func checkRankValueInversion(pass *lint.Pass) error {
	tolerance := pass.Config.Backlog.ValueTolerance
	for _, project := range projectKeys(pass.Project.Issues) {
		ranked := pass.RankedBacklog(project)
		var valued []*lint.Issue
		for _, i := range ranked {
			if i.Value != nil {
				valued = append(valued, i)
			}
		}
		for n, x := range valued {
			var lower []*lint.Issue
			for _, y := range valued[:n] {
				if y.Rank < x.Rank && *y.Value < *x.Value-tolerance {
					lower = append(lower, y)
				}
			}
			if len(lower) == 0 {
				continue
			}
			top := lower[0]
			pass.Report(lint.Finding{
				Subject: x.Key,
				Message: "Value " + number(*x.Value) + ", yet ranked below " + plural(len(lower), "open item", "open items") +
					" of lower value, the highest of them " + top.Key + " (value " + number(*top.Value) +
					"); the backlog should put the most valuable work first",
				Location: x.Pos,
				URL:      pass.BrowseURL(x),
				Related: []lint.Related{{
					Location: top.Pos,
					Message:  top.Key + " (value " + number(*top.Value) + ") is ranked above " + x.Key,
				}},
				Evidence: map[string]any{
					"value":         *x.Value,
					"rank":          x.Rank,
					"position":      pass.RankPosition(x) + 1,
					"lower_above":   len(lower),
					"highest":       top.Key,
					"highest_value": *top.Value,
					"highest_rank":  top.Rank,
					"tolerance":     tolerance,
				},
			})
		}
		if tau, ok := kendallTauB(valued); ok {
			pass.Metric("value_rank_tau", project, tau)
		}
		open, withValue := 0, 0
		for _, i := range pass.Project.Issues {
			if i.Project == project && pass.BacklogItem(i) && !pass.Done(i) {
				open++
				if i.Value != nil {
					withValue++
				}
			}
		}
		if open > 0 {
			pass.Metric("value_coverage", project, float64(withValue)/float64(open))
		}
	}
	return nil
}

// kendallTauB returns Kendall's tau-b between rank order and value order of the items,
// signed so that 1 means "ordered by value, highest first". Items with equal ranks or
// equal values are ties, which tau-b corrects for. ok is false when it is undefined: fewer
// than two items, or every item tied on rank or on value.
//
// It compares every pair, which stays well under a second for the largest backlogs
// (10,000 items are 50 million comparisons).
func kendallTauB(items []*lint.Issue) (tau float64, ok bool) {
	var concordant, discordant, tiedRank, tiedValue, pairs int
	for a := range items {
		for b := a + 1; b < len(items); b++ {
			pairs++
			ra, rb := items[a].Rank, items[b].Rank
			va, vb := *items[a].Value, *items[b].Value
			switch {
			case ra == rb && va == vb:
				tiedRank++
				tiedValue++
			case ra == rb:
				tiedRank++
			case va == vb:
				tiedValue++
			// Ranked higher means a smaller rank; the pair agrees with value order when the
			// higher-ranked item has the higher value.
			case (ra < rb) == (va > vb):
				concordant++
			default:
				discordant++
			}
		}
	}
	denom := math.Sqrt(float64(pairs-tiedRank)) * math.Sqrt(float64(pairs-tiedValue))
	if denom == 0 {
		return 0, false
	}
	return float64(concordant-discordant) / denom, true
}
