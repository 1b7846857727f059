package rules

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The -update flag rewrites generated files. It is registered only if no other test file
// of the package has registered it already, so that files can share it.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite generated files (docs/rules.md) instead of comparing with them")
	}
}

// updating reports whether the test run was asked to rewrite generated files.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// rulesDocPath is docs/rules.md, relative to this package's folder.
var rulesDocPath = filepath.Join("..", "docs", "rules.md")

// TestDocs checks that docs/rules.md is what the rule catalogue generates; run
// `go test ./rules -run TestDocs -update` to rewrite it after changing a rule.
func TestDocs(t *testing.T) {
	want := rulesMarkdown()
	if updating() {
		if err := os.MkdirAll(filepath.Dir(rulesDocPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(rulesDocPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(rulesDocPath)
	if err != nil {
		t.Fatalf("%v; run `go test ./rules -run TestDocs -update` to write it", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		n := 0
		for n < len(gl) && n < len(wl) && gl[n] == wl[n] {
			n++
		}
		line := func(l []string) string {
			if n < len(l) {
				return l[n]
			}
			return "(end of file)"
		}
		t.Errorf("docs/rules.md is stale from line %d:\n  file:      %s\n  generated: %s\nrun `go test ./rules -run TestDocs -update` to rewrite it",
			n+1, line(gl), line(wl))
	}
}

// rulesMarkdown renders the catalogue: an index table, then each rule's documentation with
// its headings one level down, so the rules are the sections of the page.
func rulesMarkdown() []byte {
	var b bytes.Buffer
	b.WriteString("# Rules\n\n")
	b.WriteString("<!-- Generated from the rules' own documentation by `go test ./rules -run TestDocs -update`; do not edit by hand. -->\n\n")
	fmt.Fprintf(&b, "hatcheck has %d rules. `hatcheck rules` lists them and `hatcheck explain RULE` prints one rule's\n", len(All))
	b.WriteString("documentation; the severity of each can be changed, or the rule turned off, under `rules:` in\n")
	b.WriteString("`.hatcheck.yaml`.\n\n")
	b.WriteString("| rule | category | default severity | title |\n|---|---|---|---|\n")
	for _, r := range All {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s |\n", r.Name, r.Name, r.Category, severityText(r.Severity.String(), r.DefaultOff), r.Title)
	}
	for _, r := range All {
		fmt.Fprintf(&b, "\n## %s\n\n", r.Name)
		fmt.Fprintf(&b, "%s. Category: %s. Default severity: %s.\n\n", upperFirst(r.Title), r.Category, severityText(r.Severity.String(), r.DefaultOff))
		b.WriteString(demoteHeadings(strings.TrimSpace(r.Doc)))
		b.WriteString("\n")
	}
	return b.Bytes()
}

// severityText is a rule's default severity as the docs show it.
func severityText(sev string, off bool) string {
	if off {
		return sev + " (off by default)"
	}
	return sev
}

// demoteHeadings moves Markdown headings outside code blocks one level down.
func demoteHeadings(doc string) string {
	lines := strings.Split(doc, "\n")
	fenced := false
	for n, l := range lines {
		if strings.HasPrefix(l, "```") {
			fenced = !fenced
		}
		if !fenced && strings.HasPrefix(l, "#") {
			lines[n] = "#" + l
		}
	}
	return strings.Join(lines, "\n")
}
