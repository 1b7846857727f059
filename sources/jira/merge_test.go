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

// TestMergeKeepsRolesPerInput merges the demo's two exports, from two Jira sites: custom
// fields are found in each on its own (SPEC §4.1), so the project knows every role while
// each input keeps the roles it resolved, under its own field ids, and the Kanban board's
// export, which has no Sprint field, says so.
func TestMergeKeepsRolesPerInput(t *testing.T) {
	cloud := readFile(t, "../../testdata/demo/jira-export.json", nil)
	board := readFile(t, "../../testdata/demo/ops-board.json", nil)
	cloudRoles := map[lint.FieldKind]string{
		lint.KindRank: "customfield_10019", lint.KindSprint: "customfield_10020", lint.KindEstimate: "customfield_10016",
		lint.KindValue: "customfield_10050", lint.KindAcceptance: "customfield_10051",
	}
	boardRoles := map[lint.FieldKind]string{
		lint.KindRank: "customfield_10400", lint.KindEstimate: "customfield_10402", lint.KindValue: "customfield_10410",
	}
	equal(t, "Cloud result roles", cloud.Fields, cloudRoles)
	equal(t, "board result roles", board.Fields, boardRoles)

	p := Merge([]*Result{cloud, board})
	equal(t, "project roles", p.Fields, cloudRoles)
	equal(t, "Cloud input roles", p.Inputs[0].Fields, cloudRoles)
	equal(t, "board input roles", p.Inputs[1].Fields, boardRoles)

	pay, sup := p.Issue("PAY-13"), p.Issue("SUP-1")
	for _, c := range []struct {
		issue *lint.Issue
		kind  lint.FieldKind
		want  bool
	}{
		{pay, lint.KindSprint, true}, {sup, lint.KindSprint, false},
		{pay, lint.KindRank, true}, {sup, lint.KindRank, true},
		{sup, lint.KindValue, true}, {sup, lint.KindEpic, false},
	} {
		if got := p.HasField(c.issue, c.kind); got != c.want {
			t.Errorf("HasField(%s, %s) = %v, want %v", c.issue.Key, c.kind, got, c.want)
		}
	}
	// The board's issues have their values under the board's own field ids.
	equal(t, "SUP-1 rank", sup.Rank, "0|i00010:")
	equal(t, "SUP-1 value", *sup.Value, 13.0)
	equal(t, "SUP-1 sprints", len(sup.Sprints), 0)

	// Read the other way round, the first input to resolve a role still names its field.
	p = Merge([]*Result{board, cloud})
	equal(t, "project roles, board first", p.Fields, map[lint.FieldKind]string{
		lint.KindRank: "customfield_10400", lint.KindSprint: "customfield_10020", lint.KindEstimate: "customfield_10402",
		lint.KindValue: "customfield_10410", lint.KindAcceptance: "customfield_10051",
	})
	equal(t, "board input roles, board first", p.Inputs[0].Fields, boardRoles)
}
