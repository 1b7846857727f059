package jira

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// The splitter reads the input in chunks; strings, escapes, issues and lines run across
// chunk ends. Cut into tiny chunks, every input must read exactly as it does whole.
func TestSplitterAcrossChunks(t *testing.T) {
	inputs := map[string][]byte{
		"escapes": []byte(`{"issues": [{"key": "A-1", "fields": {"summary": "a \"quoted\" \\ back\\slash }] {[ \\\"",` + "\n" +
			`  "labels": ["x\\\"y", "\u00e9\\\\"]}, "changelog": {"histories": [{"id": "1", "created": "2026-03-02T09:30:00.000+0000",` + "\n" +
			`  "items": [{"field": "Sprint", "toString": "\\\\"}]}]}}, {"key": "A-2"}],` + "\n" +
			`  "names": {"customfield_1": "Sp\"rint"}, "issu\u0065s": [{"key": "A-3"}], "x": [[{"issues": [{"key": "B-1"}]}]]}` + "\n" +
			`[{"issues": [{"key": "A-4"}]}, {"key": "A-5"}]`),
		"truncated in a string": []byte("{\"issues\": [{\"key\": \"A-1\\\\\"}, {\"key\": \"A-\\\""),
		"error after issues":    []byte("{\"issues\": [\n {\"key\": \"A-1\"},\n {\"key\": \"A-2\"}\n] x}"),
	}
	files, _ := filepath.Glob(testdata + "*.json")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(name)] = b
	}
	defer func(n int) { splitChunk = n }(splitChunk)
	for name, data := range inputs {
		splitChunk = 256 << 10
		want, wantErr := readJSON("in.json", bytes.NewReader(data), nil, true)
		if name == "escapes" {
			var keys []string
			if want != nil {
				for _, i := range want.Issues {
					keys = append(keys, i.Key+" "+i.Summary)
				}
			}
			equal(t, "escapes", []any{keys, wantErr}, []any{[]string{`A-1 a "quoted" \ back\slash }] {[ \"`, "A-2 ", "A-3 ", "A-4 ", "A-5 "}, nil})
		}
		if _, plainErr := readJSON("in.json", bytes.NewReader(data), nil, false); fmt.Sprint(plainErr) != fmt.Sprint(wantErr) {
			t.Errorf("%s: error %v, without the splitter %v", name, wantErr, plainErr)
		}
		for _, n := range []int{1, 2, 3, 7, 64} {
			splitChunk = n
			got, err := readJSON("in.json", bytes.NewReader(data), nil, true)
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Errorf("%s in chunks of %d: error %v, want %v", name, n, err, wantErr)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s in chunks of %d: the result differs from reading it whole", name, n)
			}
		}
	}
	if len(inputs) < 5 {
		t.Fatalf("only %d inputs: the test exports are missing", len(inputs))
	}
}
