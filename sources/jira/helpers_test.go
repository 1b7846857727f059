package jira

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// realworld returns the folder of real exports beside the module root, skipping the test
// when it is absent.
func realworld(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("module root not found")
		}
		dir = parent
	}
	rw := filepath.Join(filepath.Dir(dir), "shared", "realworld")
	if _, err := os.Stat(rw); err != nil {
		t.Skip("no real-world exports at ../shared/realworld")
	}
	return rw
}

// readFile reads a file with ReadJSON under the default configuration, naming it by its
// base name as the CLI would name a file given relative to its folder.
func readFile(t testing.TB, path string, cfg *lint.Config) *Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if cfg == nil {
		cfg = lint.DefaultConfig()
	}
	r, err := ReadJSON(filepath.Base(path), f, cfg)
	if err != nil {
		t.Fatalf("ReadJSON(%s): %v", path, err)
	}
	return r
}

func readString(t testing.TB, name, data string) (*Result, error) {
	t.Helper()
	return ReadJSON(name, strings.NewReader(data), lint.DefaultConfig())
}

func readAll(path string) ([]byte, error) { return os.ReadFile(path) }

// hist is a history with its items, as the tests write them.
type hist struct {
	ID           string
	Author       *lint.Person
	Created      time.Time
	Line, Column int32
	Items        []lint.Change
}

// histories returns the issue's histories with their items.
func histories(i *lint.Issue) []hist {
	var out []hist
	for n := range i.Histories {
		h := &i.Histories[n]
		out = append(out, hist{h.ID.String(), h.Author, h.Created.Time(), h.Line, h.Column, i.Items(h)})
	}
	return out
}

// withoutHistories returns a copy of the issue without its histories and their items.
func withoutHistories(i *lint.Issue) *lint.Issue {
	c := *i
	c.Histories, c.Changes = nil, nil
	return &c
}
