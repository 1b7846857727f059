package fetch

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FuzzSpliceChangelog feeds arbitrary issue bytes to the changelog splice: it must never
// panic, and a valid issue with a changelog must stay valid JSON holding the new
// histories, with every other member unchanged.
func FuzzSpliceChangelog(f *testing.F) {
	for _, file := range []string{"cloud/search-page1.json", "server/search-start0.json"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "fetch", file))
		if err != nil {
			f.Fatal(err)
		}
		var page struct{ Issues []json.RawMessage }
		if err := json.Unmarshal(data, &page); err != nil {
			f.Fatal(err)
		}
		for _, is := range page.Issues {
			f.Add([]byte(is))
		}
	}
	f.Add([]byte(`{"changelog":{"total":3,"histories":[{"id":"2"},{"id":"1"}]}}`))
	f.Add([]byte(`{"key":"A-1","changelog":null}`))
	f.Add([]byte(`[1,2]`))
	histories := []json.RawMessage{json.RawMessage(`{"id":"9","created":"2026-01-01T00:00:00.000+0000"}`)}
	f.Fuzz(func(t *testing.T, raw []byte) {
		out, err := spliceChangelog(raw, mergeHistories(histories, nil), 1)
		if err != nil {
			return
		}
		var before, after map[string]json.RawMessage
		if json.Unmarshal(raw, &before) != nil {
			return // splicing invalid input need not give valid output
		}
		if err := json.Unmarshal(out, &after); err != nil {
			t.Fatalf("spliced issue is not JSON: %v\n%s", err, out)
		}
		var cl struct {
			Total     int
			Histories []struct{ ID string }
		}
		if err := json.Unmarshal(after["changelog"], &cl); err != nil || cl.Total != 1 || len(cl.Histories) != 1 || cl.Histories[0].ID != "9" {
			t.Fatalf("changelog not spliced: %s", after["changelog"])
		}
		for k, v := range before {
			if k != "changelog" && string(after[k]) != string(v) {
				t.Fatalf("member %q changed: %s -> %s", k, v, after[k])
			}
		}
	})
}
