package jiracsv

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

// BenchmarkReadCSV reads a generated "all fields" export of 10,000 issues with multi-line
// descriptions, repeated columns and custom fields.
func BenchmarkReadCSV(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("\xef\xbb\xbfSummary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Assignee Id,Reporter,Created,Updated,Resolved,Due date," +
		"Labels,Labels,Labels,Description,Custom field (Story Points),Custom field (Rank),Custom field (Business Value),Sprint,Sprint,Parent id,Status Category\r\n")
	for i := 1; i <= 10000; i++ {
		fmt.Fprintf(&buf, "\"Story number %d, with a comma\",PAY-%d,%d,Story,In Progress,Medium,Ana Lima,5b10ac8d82e05b22cc7d4ef5,Sam Lee,"+
			"12/Feb/26 9:41 AM,14/Feb/26 10:%02d AM,,31/Mar/26,backend,frontend,,\"First paragraph of the description.\r\n\r\n"+
			"Given a cart\r\nWhen I pay\r\nThen it \"\"works\"\"\",%d,0|i%05d:,%d,Sprint 4,Sprint 5,%d,In Progress\r\n",
			i, i, 10000+i, i%60, i%13, i, i%21, 10000+i/10+1)
	}
	data := buf.Bytes()
	cfg := lint.DefaultConfig()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := Read("bench.csv", bytes.NewReader(data), cfg)
		if err != nil || len(r.Issues) != 10000 || len(r.Problems) != 0 {
			b.Fatalf("err %v, %d issues, problems %v", err, len(r.Issues), r.Problems)
		}
	}
}
