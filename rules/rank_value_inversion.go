package rules

import (
	"cmp"
	"math"
	"slices"
	"strings"

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

The backlog of PAY, top first: PAY-1 (value 3), PAY-2 (value 13), PAY-3 (value 2),
PAY-4 (value 8).

` + "```text" + `
export.json:200: warning rank-value-inversion: PAY-2: Value 13, yet ranked below 1 open item of lower value, the highest of them PAY-1 (value 3); the backlog should put the most valuable work first
export.json:400: warning rank-value-inversion: PAY-4: Value 8, yet ranked below 2 open items of lower value, the highest of them PAY-1 (value 3); the backlog should put the most valuable work first
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
		for _, inv := range inversions(valued, tolerance) {
			x, top := inv.item, inv.highest
			pass.Report(lint.Finding{
				Subject: x.Key,
				Message: "Value " + number(*x.Value) + ", yet ranked below " + plural(inv.count, "open item", "open items") +
					" of lower value, the highest of them " + top.Key + " (value " + number(*top.Value) +
					"); the backlog should put the most valuable work first",
				Location: x.Pos,
				URL:      pass.BrowseURL(x),
				Related: []lint.Related{{
					Location: top.Pos,
					Message:  top.Key + " (value " + number(*top.Value) + ") is ranked above " + x.Key,
				}},
				Evidence: inversionEvidence{
					Value:        *x.Value,
					Rank:         x.Rank,
					Position:     pass.RankPosition(x) + 1,
					LowerAbove:   inv.count,
					Highest:      top.Key,
					HighestValue: *top.Value,
					HighestRank:  top.Rank,
					Tolerance:    tolerance,
				},
			})
		}
		if tau, ok := kendallTauB(valued); ok {
			pass.Metric("value_rank_tau", project, tau)
		}
		open, withValue := 0, 0
		for _, i := range pass.Project.Issues {
			if i.Project == project && pass.BacklogItem(i) && !pass.Done(i) && pass.Project.HasField(i, lint.KindValue) {
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

// inversionEvidence is what a finding of the rule shows: the item, the lower-value items
// above it and the highest of them.
type inversionEvidence struct {
	Value        float64 `json:"value"`
	Rank         string  `json:"rank"`
	Position     int     `json:"position"`
	LowerAbove   int     `json:"lower_above"`
	Highest      string  `json:"highest"`
	HighestValue float64 `json:"highest_value"`
	HighestRank  string  `json:"highest_rank"`
	Tolerance    float64 `json:"tolerance"`
}

// inversion is an item ranked below items of lower value: how many, and the highest of them.
type inversion struct {
	item    *lint.Issue
	count   int
	highest *lint.Issue
}

// inversions finds, for each item of a backlog sorted by rank (top first, every item with
// a value), the items strictly above it whose value is lower than its own by more than the
// tolerance. It counts them with a Fenwick tree over the values seen so far and finds the
// highest of them by binary search over running minima, so a backlog of n items costs
// O(n log n) rather than comparing every pair.
func inversions(ranked []*lint.Issue, tolerance float64) []inversion {
	values := make([]float64, len(ranked))
	for n, i := range ranked {
		values[n] = *i.Value
	}
	slices.Sort(values)
	values = slices.Compact(values)
	tree := make([]int, len(values)+1) // Fenwick tree: counts of inserted values by index
	// below returns how many inserted values are strictly less than v.
	below := func(v float64) int {
		n, _ := slices.BinarySearch(values, v)
		total := 0
		for ; n > 0; n -= n & -n {
			total += tree[n]
		}
		return total
	}
	insert := func(v float64) {
		n, _ := slices.BinarySearch(values, v)
		for n++; n < len(tree); n += n & -n {
			tree[n]++
		}
	}
	// runningMin[k] is the lowest value among ranked[0..k]; it never increases, so the
	// first item under a threshold is found by binary search.
	runningMin := make([]float64, len(ranked))
	var out []inversion
	for start := 0; start < len(ranked); {
		// Items with the same rank are not above one another: query the whole group
		// before inserting it.
		end := start + 1
		for end < len(ranked) && ranked[end].Rank == ranked[start].Rank {
			end++
		}
		for _, x := range ranked[start:end] {
			threshold := *x.Value - tolerance
			count := below(threshold)
			if count == 0 {
				continue
			}
			first, _ := slices.BinarySearchFunc(runningMin[:start], threshold, func(m, t float64) int {
				if m < t {
					return 1 // at or past the first item under the threshold
				}
				return -1
			})
			out = append(out, inversion{item: x, count: count, highest: ranked[first]})
		}
		for k := start; k < end; k++ {
			insert(*ranked[k].Value)
			runningMin[k] = *ranked[k].Value
			if k > 0 && runningMin[k-1] < runningMin[k] {
				runningMin[k] = runningMin[k-1]
			}
		}
		start = end
	}
	return out
}

// kendallTauB returns Kendall's tau-b between rank order and value order of the items,
// signed so that 1 means "ordered by value, highest first". Items with equal ranks or
// equal values are ties, which tau-b corrects for. ok is false when it is undefined: fewer
// than two items, or every item tied on rank or on value.
//
// It uses Knight's algorithm (sort, then count the swaps a merge sort makes), O(n log n),
// so that a backlog of tens of thousands of items costs milliseconds, not seconds.
func kendallTauB(items []*lint.Issue) (tau float64, ok bool) {
	n := len(items)
	if n < 2 {
		return 0, false
	}
	byRank := slices.Clone(items)
	slices.SortStableFunc(byRank, func(a, b *lint.Issue) int { return strings.Compare(a.Rank, b.Rank) })
	// x is the rank position (equal ranks share one); y is the negated value, so that a
	// pair is concordant when the higher-ranked item has the higher value.
	type point struct {
		x int
		y float64
	}
	pts := make([]point, n)
	for k, i := range byRank {
		x := k
		if k > 0 && i.Rank == byRank[k-1].Rank {
			x = pts[k-1].x
		}
		pts[k] = point{x, -*i.Value}
	}
	slices.SortFunc(pts, func(a, b point) int {
		if a.x != b.x {
			return a.x - b.x
		}
		return cmp.Compare(a.y, b.y)
	})
	// tiedX counts pairs tied on rank, tiedXY pairs tied on both.
	var tiedX, tiedXY, tiedY int64
	runX, runXY := int64(1), int64(1)
	for k := 1; k < n; k++ {
		if pts[k].x == pts[k-1].x {
			runX++
			if pts[k].y == pts[k-1].y {
				runXY++
			} else {
				tiedXY += runXY * (runXY - 1) / 2
				runXY = 1
			}
		} else {
			tiedX += runX * (runX - 1) / 2
			tiedXY += runXY * (runXY - 1) / 2
			runX, runXY = 1, 1
		}
	}
	tiedX += runX * (runX - 1) / 2
	tiedXY += runXY * (runXY - 1) / 2

	ys := make([]float64, n)
	for k, p := range pts {
		ys[k] = p.y
	}
	swaps := mergeCountSwaps(ys, make([]float64, n))
	runY := int64(1)
	for k := 1; k < n; k++ {
		if ys[k] == ys[k-1] {
			runY++
		} else {
			tiedY += runY * (runY - 1) / 2
			runY = 1
		}
	}
	tiedY += runY * (runY - 1) / 2

	pairs := int64(n) * int64(n-1) / 2
	denom := math.Sqrt(float64(pairs-tiedX) * float64(pairs-tiedY))
	if denom == 0 {
		return 0, false
	}
	return float64(pairs-tiedX-tiedY+tiedXY-2*swaps) / denom, true
}

// mergeCountSwaps sorts ys ascending and returns how many pairs were out of order (equal
// values are in order), using buf as scratch space of the same length.
func mergeCountSwaps(ys, buf []float64) int64 {
	if len(ys) < 2 {
		return 0
	}
	mid := len(ys) / 2
	swaps := mergeCountSwaps(ys[:mid], buf[:mid]) + mergeCountSwaps(ys[mid:], buf[mid:])
	a, b, k := 0, mid, 0
	for a < mid && b < len(ys) {
		if ys[b] < ys[a] {
			swaps += int64(mid - a)
			buf[k] = ys[b]
			b++
		} else {
			buf[k] = ys[a]
			a++
		}
		k++
	}
	k += copy(buf[k:], ys[a:mid])
	copy(buf[k:], ys[b:])
	copy(ys, buf)
	return swaps
}
