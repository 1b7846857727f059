package main

import (
	"io"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
	"github.com/hatcheck/hatcheck/lint/report"
	"github.com/hatcheck/hatcheck/rules"
	"github.com/hatcheck/hatcheck/sources"
)

// BenchmarkLint reads a generated export of 300 issues with 20 histories each, runs every
// rule with the generator's cast in their roles (as bench.yaml sets them, for bench.sh) and
// writes the JSON report: the whole of a lint but the command line.
func BenchmarkLint(b *testing.B) {
	data := generate(b, 300, 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cfg, err := lint.LoadConfig("bench.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p, err := sources.Load(cfg, sources.Inputs{Fetched: []sources.Fetched{{Name: "export.json", Data: data}}})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := lint.Run(p, cfg, rules.All, lint.RunOptions{Now: time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)})
		if err != nil || len(rep.Findings) == 0 {
			b.Fatalf("%v, %d findings", err, len(rep.Findings))
		}
		if err := (report.JSON{}).Write(io.Discard, rep); err != nil {
			b.Fatal(err)
		}
	}
}
