package jira

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

// FuzzReadJSON feeds ReadJSON arbitrary bytes, seeded from the test exports: it must return
// a result or an input error with a place, and never panic or hang.
func FuzzReadJSON(f *testing.F) {
	files, _ := filepath.Glob(testdata + "*")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"key":"A-1","fields":{"customfield_1":["com.atlassian.greenhopper.service.sprint.Sprint@1[id=1,name=a,b=c,state=ACTIVE]"]}}`))
	f.Add([]byte(`{"issues":[{"key":"A-1","fields":{"description":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]}}}]}`))
	cfg := lint.DefaultConfig()
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadJSON("fuzz.json", bytes.NewReader(data), cfg)
		// The splitter sends issues to the workers unchecked: the reader must still
		// refuse malformed JSON, with the error the decoder gives reading it all.
		_, plain := readJSON("fuzz.json", bytes.NewReader(data), cfg, false)
		if fmt.Sprint(err) != fmt.Sprint(plain) {
			t.Fatalf("error %v, want %v as without the splitter", err, plain)
		}
		// And the same outcome with the input read three bytes at a time. (An error's words
		// and column may differ: what the decoder says about a character depends on the
		// bytes it holds, which TestSplitterAcrossChunks checks on chosen inputs.)
		defer func(n int) { splitChunk = n }(splitChunk)
		splitChunk = 3
		small, smallErr := readJSON("fuzz.json", bytes.NewReader(data), cfg, true)
		splitChunk = 256 << 10
		if (smallErr == nil) != (err == nil) || (err == nil && !reflect.DeepEqual(small, r)) {
			t.Fatalf("in chunks of 3: error %v, want %v, or another result", smallErr, err)
		}
		// And the same outcome without the items cache.
		defer func(n int) { maxItems = n }(maxItems)
		maxItems = 0
		uncached, uncachedErr := ReadJSON("fuzz.json", bytes.NewReader(data), cfg)
		if fmt.Sprint(uncachedErr) != fmt.Sprint(err) || (err == nil && !reflect.DeepEqual(uncached, r)) {
			t.Fatalf("without the items cache: error %v, want %v, or another result", uncachedErr, err)
		}
		if err != nil {
			var ie *lint.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is %T, want *lint.InputError", err, err)
			}
			if ie.Pos.Path != "fuzz.json" {
				t.Fatalf("error %v does not name the file", err)
			}
			return
		}
		for _, i := range r.Issues {
			if i.Pos.Line < 1 {
				t.Fatalf("issue %q without a line", i.Key)
			}
		}
		Merge([]*Result{r, r})
	})
}
