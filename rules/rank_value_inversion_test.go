package rules

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestRankValueInversion(t *testing.T) {
	tests := []struct {
		name      string
		build     func(p *projectBuilder)
		tolerance float64
		want      []string
	}{{
		name: "ordered by value",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Rank("0|i0001:").Value(13)
			p.Issue("PAY-2").Rank("0|i0002:").Value(5)
			p.Issue("PAY-3").Rank("0|i0003:").Value(5)
		},
	}, {
		name: "items under lower-value items",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Rank("0|i0001:").Value(3)
			p.Issue("PAY-2").Rank("0|i0002:").Value(5)
			p.Issue("PAY-3").Rank("0|i0003:").Value(13)
		},
		want: []string{
			"export.json:200: PAY-2: Value 5, yet ranked below 1 open item of lower value, the highest of them PAY-1 (value 3); the backlog should put the most valuable work first",
			"export.json:300: PAY-3: Value 13, yet ranked below 2 open items of lower value, the highest of them PAY-1 (value 3); the backlog should put the most valuable work first",
		},
	}, {
		name: "backlog order is rank order, not input order",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Rank("0|i0009:").Value(8)
			p.Issue("PAY-2").Rank("0|i0001:").Value(2.5)
		},
		want: []string{
			"export.json:100: PAY-1: Value 8, yet ranked below 1 open item of lower value, the highest of them PAY-2 (value 2.5); the backlog should put the most valuable work first",
		},
	}, {
		name:      "differences within the tolerance are not inversions",
		tolerance: 2,
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Rank("0|i0001:").Value(3)
			p.Issue("PAY-2").Rank("0|i0002:").Value(5)
			p.Issue("PAY-3").Rank("0|i0003:").Value(5.5)
		},
		want: []string{
			"export.json:300: PAY-3: Value 5.5, yet ranked below 1 open item of lower value, the highest of them PAY-1 (value 3); the backlog should put the most valuable work first",
		},
	}, {
		name: "done items, epics, sub-tasks, other types, unranked and unvalued items do not count",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Rank("0|i0001:").Value(1).Done()
			p.Issue("PAY-2").Rank("0|i0002:").Value(1).Type("Epic")
			p.Issue("PAY-3").Rank("0|i0003:").Value(1).Type("Sub-task").Subtask()
			p.Issue("PAY-4").Rank("0|i0004:").Value(1).Type("Incident")
			p.Issue("PAY-5").Value(1)
			p.Issue("PAY-6").Rank("0|i0006:")
			p.Issue("PAY-7").Rank("0|i0007:").Value(8)
		},
	}, {
		name: "an item with the same rank is not above",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Rank("0|i0001:").Value(1)
			p.Issue("PAY-2").Rank("0|i0001:").Value(8)
		},
	}, {
		name: "each project is its own backlog",
		build: func(p *projectBuilder) {
			p.Issue("OPS-1").Rank("0|i0001:").Value(1)
			p.Issue("PAY-1").Rank("0|i0002:").Value(8)
			p.Issue("OPS-2").Rank("0|i0003:").Value(2)
		},
		want: []string{
			"export.json:300: OPS-2: Value 2, yet ranked below 1 open item of lower value, the highest of them OPS-1 (value 1); the backlog should put the most valuable work first",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			tt.build(p)
			cfg := newConfig()
			cfg.Backlog.ValueTolerance = tt.tolerance
			expectFindings(t, run(t, RankValueInversion, p, cfg), tt.want...)
		})
	}
}

func TestRankValueInversionEvidence(t *testing.T) {
	p := newProject()
	p.Issue("PAY-1").Rank("0|i0001:").Value(3)
	p.Issue("PAY-2").Rank("0|i0002:").Value(5).Self("https://jira.acme.com/jira/rest/api/2/issue/10002")
	res := run(t, RankValueInversion, p, newConfig())
	if len(res.findings) != 1 {
		t.Fatalf("got %d findings, want 1", len(res.findings))
	}
	f := res.findings[0]
	if f.URL != "https://jira.acme.com/jira/browse/PAY-2" {
		t.Errorf("URL = %q", f.URL)
	}
	wantRelated := []lint.Related{{
		Location: lint.Position{Path: "export.json", Line: 100},
		Message:  "PAY-1 (value 3) is ranked above PAY-2",
	}}
	if !reflect.DeepEqual(f.Related, wantRelated) {
		t.Errorf("related = %+v, want %+v", f.Related, wantRelated)
	}
	wantEvidence := map[string]any{
		"value": 5.0, "rank": "0|i0002:", "position": 2, "lower_above": 1,
		"highest": "PAY-1", "highest_value": 3.0, "highest_rank": "0|i0001:", "tolerance": 0.0,
	}
	if evidenceJSON(t, f.Evidence) != evidenceJSON(t, wantEvidence) {
		t.Errorf("evidence = %v, want %v", f.Evidence, wantEvidence)
	}
}

func TestRankValueMetrics(t *testing.T) {
	p := newProject()
	// PAY: ranked a, b, c, d with values 3, 3, 1, 2: four concordant pairs, one
	// discordant (c above d), one tied on value: tau-b = 3 / sqrt(6 * 5).
	p.Issue("PAY-1").Rank("0|i000a:").Value(3)
	p.Issue("PAY-2").Rank("0|i000b:").Value(3)
	p.Issue("PAY-3").Rank("0|i000c:").Value(1)
	p.Issue("PAY-4").Rank("0|i000d:").Value(2)
	p.Issue("PAY-5").Rank("0|i000e:")                 // open, no value: lowers coverage
	p.Issue("PAY-6").Value(9)                         // unranked: counts for coverage only
	p.Issue("PAY-7").Rank("0|i0000:").Value(1).Done() // done: counts for neither
	// OPS: a single valued item has no tau; half its open backlog has a value.
	p.Issue("OPS-1").Rank("0|i0001:").Value(5)
	p.Issue("OPS-2").Rank("0|i0002:")
	// WEB: every value equal, so tau-b is undefined.
	p.Issue("WEB-1").Rank("0|i0001:").Value(2)
	p.Issue("WEB-2").Rank("0|i0002:").Value(2)
	res := run(t, RankValueInversion, p, newConfig())
	want := map[string]map[string]float64{
		"value_rank_tau": {"PAY": 3 / math.Sqrt(30)},
		"value_coverage": {"PAY": 5.0 / 6, "OPS": 0.5, "WEB": 1},
	}
	if !reflect.DeepEqual(res.metrics, want) {
		t.Errorf("metrics = %v, want %v", res.metrics, want)
	}
}

func TestKendallTauB(t *testing.T) {
	ranked := func(pairs ...any) []*lint.Issue {
		var out []*lint.Issue
		for n := 0; n < len(pairs); n += 2 {
			v := pairs[n+1].(float64)
			out = append(out, &lint.Issue{Rank: pairs[n].(string), Value: &v})
		}
		return out
	}
	tests := []struct {
		name  string
		items []*lint.Issue
		want  float64
		ok    bool
	}{
		{"highest value first", ranked("a", 3.0, "b", 2.0, "c", 1.0), 1, true},
		{"lowest value first", ranked("a", 1.0, "b", 2.0, "c", 3.0), -1, true},
		{"ties in value", ranked("a", 3.0, "b", 3.0, "c", 1.0, "d", 2.0), 3 / math.Sqrt(30), true},
		{"ties in rank", ranked("a", 1.0, "a", 2.0, "b", 3.0), -2 / math.Sqrt(6), true},
		{"unrelated", ranked("a", 2.0, "b", 1.0, "c", 1.0, "d", 2.0), 0, true},
		{"one item", ranked("a", 1.0), 0, false},
		{"all values equal", ranked("a", 1.0, "b", 1.0), 0, false},
		{"no items", nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := kendallTauB(tt.items)
			if ok != tt.ok || math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("kendallTauB = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestKendallTauBAgainstPairs checks the O(n log n) count against counting every pair, on
// backlogs full of ties.
func TestKendallTauBAgainstPairs(t *testing.T) {
	for size := 2; size < 60; size += 3 {
		items := make([]*lint.Issue, size)
		for n := range items {
			v := float64((n * 7) % 5)
			items[n] = &lint.Issue{Rank: fmt.Sprintf("0|i%03d:", (n*11)%(size/2+1)), Value: &v}
		}
		got, gotOK := kendallTauB(items)
		want, wantOK := tauByPairs(items)
		if gotOK != wantOK || math.Abs(got-want) > 1e-12 {
			t.Errorf("%d items: kendallTauB = %v, %v; counting pairs gives %v, %v", size, got, gotOK, want, wantOK)
		}
	}
}

func tauByPairs(items []*lint.Issue) (float64, bool) {
	var c, d, tr, tv, pairs int
	for a := range items {
		for b := a + 1; b < len(items); b++ {
			pairs++
			ra, rb, va, vb := items[a].Rank, items[b].Rank, *items[a].Value, *items[b].Value
			switch {
			case ra == rb && va == vb:
				tr++
				tv++
			case ra == rb:
				tr++
			case va == vb:
				tv++
			case (ra < rb) == (va > vb):
				c++
			default:
				d++
			}
		}
	}
	den := math.Sqrt(float64(pairs-tr) * float64(pairs-tv))
	if den == 0 {
		return 0, false
	}
	return float64(c-d) / den, true
}

func BenchmarkKendallTauB(b *testing.B) {
	items := make([]*lint.Issue, 10000)
	for n := range items {
		v := float64(n % 13)
		items[n] = &lint.Issue{Rank: fmt.Sprintf("0|i%05d:", (n*7919)%10000), Value: &v}
	}
	for b.Loop() {
		kendallTauB(items)
	}
}

// TestInversionsAgainstPairs checks the O(n log n) search against comparing every pair,
// on backlogs with equal ranks, equal values and a tolerance.
func TestInversionsAgainstPairs(t *testing.T) {
	for _, tolerance := range []float64{0, 1, 2.5} {
		for size := 1; size < 50; size += 4 {
			items := make([]*lint.Issue, size)
			for n := range items {
				v := float64((n*37)%11) / 2
				items[n] = &lint.Issue{Key: fmt.Sprint("PAY-", n), Rank: fmt.Sprintf("0|i%03d:", n-n%3), Value: &v}
			}
			var want []string
			for n, x := range items {
				count, highest := 0, ""
				for _, y := range items[:n] {
					if y.Rank < x.Rank && *y.Value < *x.Value-tolerance {
						if count == 0 {
							highest = y.Key
						}
						count++
					}
				}
				if count > 0 {
					want = append(want, fmt.Sprint(x.Key, " ", count, " ", highest))
				}
			}
			var got []string
			for _, inv := range inversions(items, tolerance) {
				got = append(got, fmt.Sprint(inv.item.Key, " ", inv.count, " ", inv.highest.Key))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("tolerance %v, %d items:\n got %q\nwant %q", tolerance, size, got, want)
			}
		}
	}
}
