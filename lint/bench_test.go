package lint

import (
	"strconv"
	"testing"
)

// BenchmarkRun measures the engine's own work on a large report: 20,000 findings from
// four rules, a waiver glob over them, and a baseline holding half of them.
func BenchmarkRun(b *testing.B) {
	const n = 5000
	findings := make([]Finding, n)
	for i := range findings {
		key := "PAY-" + strconv.Itoa(n-i)
		findings[i] = Finding{Subject: key, Message: "ranked by Bo Diaz", Identity: []string{strconv.Itoa(i)},
			Location: Position{Path: "export.json", Line: (n - i) * 40}}
	}
	var rules []*Rule
	for _, name := range []string{"rank-changed-by-non-po", "priority-changed-by-non-po", "date-changed-by-non-pm", "value-missing"} {
		rules = append(rules, &Rule{Name: name, Severity: Warning, Check: reporting(findings...)})
	}
	cfg := DefaultConfig()
	cfg.Waivers = []Waiver{{Rule: "value-missing", Subject: "PAY-1*", Reason: "r"}}
	baseline := &Baseline{Findings: map[string]string{}}
	for i, f := range findings {
		if i%2 == 0 {
			baseline.Findings[Fingerprint("rank-changed-by-non-po", f.Subject, f.Identity)] = "rank-changed-by-non-po"
		}
	}
	p := &Project{}
	b.ReportAllocs()
	for b.Loop() {
		r, err := Run(p, cfg, rules, RunOptions{Now: now, Baseline: baseline})
		if err != nil || len(r.Findings) != 4*n || r.Summary.Baseline != n/2 {
			b.Fatalf("%v, %d findings, %d in baseline", err, len(r.Findings), r.Summary.Baseline)
		}
	}
}
