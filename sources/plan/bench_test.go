package plan

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeLargePlan writes a plan of n tasks in WBS phases of 20, every task with dates,
// a predecessor, a percent and a hyperlinked Jira key when linked is set.
func writeLargePlan(b *testing.B, n int, linked bool) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "large.xlsx")
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	header := []any{"WBS", "Task Name", "Jira", "Owner", "Start", "Finish", "Predecessors", "% Complete"}
	if err := sw.SetRow("A1", header); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i++ {
		wbs := fmt.Sprintf("%d.%d", i/20+1, i%20+1)
		pred := ""
		if i%20 > 0 {
			pred = fmt.Sprintf("%d.%dFS+1d", i/20+1, i%20)
		}
		row := []any{wbs, fmt.Sprintf("Task %d", i+1), fmt.Sprintf("PAY-%d", i+1), "Ana",
			fmt.Sprintf("2026-%02d-%02d", i%12+1, i%28+1), fmt.Sprintf("%d/%d/2027", i%12+1, i%28+1), pred, "50%"}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if linked {
		for i := 0; i < n; i++ {
			cell := fmt.Sprintf("C%d", i+2)
			if err := f.SetCellHyperLink("Sheet1", cell, fmt.Sprintf("https://acme.atlassian.net/browse/PAY-%d", i+1), "External"); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	return path
}

func benchmarkRead(b *testing.B, n int, linked bool) {
	path := writeLargePlan(b, n, linked)
	for b.Loop() {
		p, _, err := Read(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Tasks) != n {
			b.Fatalf("read %d tasks, want %d", len(p.Tasks), n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n), "µs/task")
}

func BenchmarkRead1000(b *testing.B)       { benchmarkRead(b, 1000, false) }
func BenchmarkRead5000(b *testing.B)       { benchmarkRead(b, 5000, false) }
func BenchmarkRead5000Linked(b *testing.B) { benchmarkRead(b, 5000, true) }

func BenchmarkParseTextDate(b *testing.B) {
	for b.Loop() {
		ParseTextDate("Tue 3/10/26 8:00 AM", MDY)
	}
}

func BenchmarkParsePredecessors(b *testing.B) {
	for b.Loop() {
		ParsePredecessors("2fs, 3SS+2d; 1.2.3FF-4h")
	}
}
