package jira

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

// TestManyBatches reads a search response of several batches of issues, parsed by the
// workers, and checks that issues keep their input order and places, that escaped quotes
// and brackets inside strings do not end an issue early, and that what the workers learn
// about fields is merged as one reader going through the input would: a changelog field
// name first seen with one id keeps that id.
func TestManyBatches(t *testing.T) {
	const n = 3*batchIssues + 7
	var b strings.Builder
	b.WriteString("{\"issues\": [\n")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		// Issue 0 records the estimate field as customfield_1, every later one as
		// customfield_2: the first in the input wins.
		id := "customfield_2"
		if i == 0 {
			id = "customfield_1"
		}
		fmt.Fprintf(&b, `  {"key": "PAY-%d", "fields": {"summary": "say \"}]\\\" {[ %d", "duedate": "2026-03-%02d"},`+"\n", i+1, i, 1+i%28)
		fmt.Fprintf(&b, `   "changelog": {"total": 1, "histories": [{"id": "%d", "created": "2026-03-01T10:00:00.000+0000", "author": {"displayName": "Ana \"AL\" Lima"}, `+
			`"items": [{"field": "Story Points", "fieldtype": "custom", "fieldId": %q, "from": null, "to": "3"}]}]}}`, 1000+i, id)
	}
	b.WriteString("\n]}\n")
	r, err := readString(t, "big.json", b.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Issues) != n {
		t.Fatalf("read %d issues, want %d", len(r.Issues), n)
	}
	for i, is := range r.Issues {
		key := fmt.Sprintf("PAY-%d", i+1)
		line := 2 + 2*i
		if is.Key != key || is.Pos.Line != line || is.Pos.Column != 3 {
			t.Fatalf("issue %d: %s at %d:%d, want %s at %d:3", i, is.Key, is.Pos.Line, is.Pos.Column, key, line)
		}
		if want := fmt.Sprintf(`say "}]\" {[ %d`, i); is.Summary != want {
			t.Fatalf("issue %d: summary %q, want %q", i, is.Summary, want)
		}
		if len(is.Histories) != 1 || is.Histories[0].By().DisplayName != `Ana "AL" Lima` || is.Histories[0].Line != int32(line+1) {
			t.Fatalf("issue %d: histories %+v", i, is.Histories)
		}
	}
	if got := r.Input.Histories; got != n {
		t.Errorf("histories counted: %d, want %d", got, n)
	}
	if got := r.Fields[lint.KindEstimate]; got != "customfield_1" {
		t.Errorf("estimate field: %q, want customfield_1, the id the input names first", got)
	}
}
