package jira

import (
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestMergeDuplicates(t *testing.T) {
	old := readFile(t, testdata+"dup-old.json", nil)
	nu := readFile(t, testdata+"dup-new.json", nil)
	p := Merge([]*Result{old, nu})
	// DUP-1 is newer in the second input, DUP-3 in the first; each copy keeps its place.
	equal(t, "keys", keys(p.Issues), []string{"DUP-2", "DUP-3", "DUP-1", "DUP-4"})
	var summaries []string
	for _, i := range p.Issues {
		summaries = append(summaries, i.Summary)
	}
	equal(t, "summaries", summaries, []string{"only in the old export", "newer in the old export", "new copy", "only in the new export"})
	equal(t, "DUP-1 position", p.Issues[2].Pos, lint.Position{Path: "dup-new.json", Line: 3, Column: 3})
	// The sprint seen active in one export and closed in the other is closed.
	equal(t, "sprints", p.Sprints, map[int]*lint.Sprint{
		5: {ID: 5, Name: "DUP Sprint 5", State: "closed", Start: at("2026-03-01T09:00:00Z"), End: at("2026-03-14T17:00:00Z"), Complete: at("2026-03-14T16:00:00Z")},
	})
	equal(t, "inputs", []string{p.Inputs[0].Path, p.Inputs[1].Path}, []string{"dup-old.json", "dup-new.json"})
	equal(t, "sprint field", p.Fields, map[lint.FieldKind]string{lint.KindSprint: "customfield_10020"})

	// The order of inputs decides positions, not which copy wins.
	p = Merge([]*Result{readFile(t, testdata+"dup-new.json", nil), readFile(t, testdata+"dup-old.json", nil)})
	equal(t, "keys, inputs swapped", keys(p.Issues), []string{"DUP-1", "DUP-4", "DUP-2", "DUP-3"})
	equal(t, "DUP-3 copy", p.Issues[3].Summary, "newer in the old export")
}

func TestMergeSprintNames(t *testing.T) {
	json := readFile(t, testdata+"cloud-search.json", nil)
	csv := &Result{
		Input:       lint.Input{Kind: "jira", Format: "csv", Path: "export.csv", Issues: 2},
		Issues:      []*lint.Issue{{Key: "PAY-20", ChangelogTotal: -1}, {Key: "PAY-21", ChangelogTotal: -1}},
		SprintNames: map[string][]string{"PAY-20": {"PAY Sprint 7", "PAY Sprint 8"}, "PAY-21": {"Hardening", "PAY Sprint 8"}},
		Problems:    []lint.ValueProblem{{Pos: lint.Position{Path: "export.csv", Line: 3}, Subject: "PAY-21", Field: "Due date", Value: "31/Feb/26", Expected: "a date"}},
	}
	p := Merge([]*Result{json, csv})
	equal(t, "PAY-20 sprints", p.Issue("PAY-20").Sprints, []int{37, 38})
	// A sprint no input gives an id for gets one of its own, below zero.
	equal(t, "PAY-21 sprints", p.Issue("PAY-21").Sprints, []int{-1, 38})
	equal(t, "unknown sprint", p.Sprints[-1], &lint.Sprint{ID: -1, Name: "Hardening"})
	equal(t, "problems", len(p.Problems), 4)
	equal(t, "last problem", p.Problems[3].Subject, "PAY-21")
}

func TestMergeNothing(t *testing.T) {
	p := Merge(nil)
	equal(t, "issues", len(p.Issues), 0)
	if p.Sprints == nil || p.Fields == nil {
		t.Error("Merge(nil) left a nil map")
	}
}
