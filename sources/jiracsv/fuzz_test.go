package jiracsv

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

// FuzzReadCSV checks that no input panics, that every failure is an input error naming the
// file, and that every issue and problem kept points into the file.
func FuzzReadCSV(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "csv", "*.csv"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("Issue key,Parent id,Custom field (Epic Link),Sprint,Sprint\n1-1,2,3,,\nA-2,1,1,s,t\n"))
	f.Add([]byte("\xef\xbb\xbfIssue key\r\n\"A-1\r\n"))
	cfg := lint.DefaultConfig()
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Read("fuzz.csv", bytes.NewReader(data), cfg)
		if err != nil {
			var ie *lint.InputError
			if !errors.As(err, &ie) || ie.Pos.Path != "fuzz.csv" {
				t.Fatalf("error %v is not an input error naming the file", err)
			}
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, i := range r.Issues {
			if i.Pos.Line < 2 || i.Pos.Line > lines || i.Key == "" {
				t.Fatalf("issue %q at line %d of %d", i.Key, i.Pos.Line, lines)
			}
		}
		for _, p := range r.Problems {
			if p.Pos.Line < 1 || p.Pos.Line > lines || p.Field == "" && p.Subject != "" {
				t.Fatalf("problem %+v", p)
			}
		}
		if r.Input.Issues != len(r.Issues) {
			t.Fatalf("Input.Issues %d, %d issues", r.Input.Issues, len(r.Issues))
		}
	})
}
