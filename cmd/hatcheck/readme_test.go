package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestReadmeShowsDemoOutput keeps the demo output quoted in README.md true: it runs the
// README's first command in-process and compares with the text block under "What the demo
// prints".
func TestReadmeShowsDemoOutput(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "## What the demo prints")
	if !ok {
		t.Fatal(`README.md has no "## What the demo prints" section`)
	}
	_, block, ok := strings.Cut(after, "```text\n")
	if !ok {
		t.Fatal("README.md: no ```text block under the demo section")
	}
	block, _, _ = strings.Cut(block, "```")

	t.Chdir("../..")
	var stdout, stderr bytes.Buffer
	code := run([]string{"-c", "testdata/demo/hatcheck.yaml", "--now", "2026-03-06"}, nil, &stdout, &stderr)
	if code != exitFindings {
		t.Errorf("demo run exited %d, want %d; stderr:\n%s", code, exitFindings, stderr.String())
	}
	if stdout.String() != block {
		t.Errorf("README.md's demo output is stale; it should read:\n%s", stdout.String())
	}
}
