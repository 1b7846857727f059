package jira

import (
	"path/filepath"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestRealWorldGoJiraWithChangelog(t *testing.T) {
	r := readFile(t, filepath.Join(realworld(t), "go-jira-issues-with-changelog.json"), nil)
	equal(t, "keys", keys(r.Issues), []string{"AR-86"})
	i := r.Issues[0]
	equal(t, "issue", []any{i.Type, i.Project, i.Status, i.StatusCategory, i.Resolution, i.Priority, i.Rank, i.Epic, i.Created, i.Pos.Line},
		[]any{"Task", "AR", "Ready", "new", "Done", "Major", "0|0zzzzd:vi", "AR-37", at("2015-12-02T15:39:15Z"), 7})
	equal(t, "assignee", i.Assignee.Value(), lint.Person{Key: "mister.morris", Name: "mister.morris", Email: "mister.morris@uservoice.com", DisplayName: "mister Morris"})
	// No "names", no fieldIds: the rank is recognised by its LexoRank value, the epic from
	// the Agile API's "epic" object.
	equal(t, "fields", r.Fields, map[lint.FieldKind]string{lint.KindRank: "customfield_11200", lint.KindEpic: "epic"})
	equal(t, "changelog total", i.ChangelogTotal, -1)
	equal(t, "histories", len(i.Histories), 2)
	equal(t, "first history", []any{i.Histories[0].ID.String(), i.Histories[0].Author.Name, i.Histories[0].Line, i.Items(&i.Histories[0])[0].Field},
		[]any{"11008613", "mister.morris@uservoice.com", int32(115), "summary"})
	// The second history has neither author nor id.
	h := &i.Histories[1]
	equal(t, "authorless history", []any{h.ID.String(), h.Author, h.Created.Time(), h.Line}, []any{"", (*lint.Person)(nil), at("2016-02-01T16:17:04Z"), int32(144)})
	equal(t, "priority change", i.Items(h)[0], lint.Change{ChangedField: &lint.ChangedField{Field: "priority", FieldType: "jira", Kind: lint.KindPriority}, ChangeValues: &lint.ChangeValues{From: "10300", FromString: "Major", To: "10802", ToString: "Minor"}})
	equal(t, "problems", len(r.Problems), 0)
}

func TestRealWorldGoJiraInSprint(t *testing.T) {
	r := readFile(t, filepath.Join(realworld(t), "go-jira-issues-in-sprint.json"), nil)
	equal(t, "keys", keys(r.Issues), []string{"AR-86"})
	equal(t, "histories", r.Input.Histories, 0)
	equal(t, "rank", r.Issues[0].Rank, "0|0zzzzd:vi")
}

func TestRealWorldJirametrics(t *testing.T) {
	rw := realworld(t)
	for _, tc := range []struct {
		file, key, status, rank string
		histories, total        int
	}{
		{"jirametrics-SP-1.json", "SP-1", "Review", "0|i0001r:", 4, 4},
		{"jirametrics-SP-2.json", "SP-2", "", "0|i0001z:", 1, 1},
		{"jirametrics-SP-5.json", "SP-5", "", "0|i0002n:", 8, 8},
		{"jirametrics-SP-7.json", "SP-7", "", "0|i00021:", 2, 2},
		{"jirametrics-SP-8.json", "SP-8", "", "0|i00025:", 3, 3},
		{"jirametrics-SP-11.json", "SP-11", "", "0|i00020:", 3, 3},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r := readFile(t, filepath.Join(rw, tc.file), nil)
			equal(t, "keys", keys(r.Issues), []string{tc.key})
			i := r.Issues[0]
			equal(t, "rank", i.Rank, tc.rank)
			equal(t, "rank field", r.Fields[lint.KindRank], "customfield_10019")
			equal(t, "histories", []int{len(i.Histories), i.ChangelogTotal}, []int{tc.histories, tc.total})
			if tc.status != "" {
				equal(t, "status", i.Status, tc.status)
			}
			for n := 1; n < len(i.Histories); n++ {
				if i.Histories[n].Created < i.Histories[n-1].Created {
					t.Errorf("history %d is before history %d", n, n-1)
				}
			}
			equal(t, "problems", len(r.Problems), 0)
		})
	}
}

func TestRealWorldJirametricsDetails(t *testing.T) {
	r := readFile(t, filepath.Join(realworld(t), "jirametrics-SP-1.json"), nil)
	i := r.Issues[0]
	mike := lint.Person{AccountID: "557058:13cc9354-0be8-432f-959a-13d34c55315f", Email: "mbowler@gargoylesoftware.com", DisplayName: "Mike Bowler"}
	equal(t, "reporter", i.Reporter.Value(), mike)
	equal(t, "first history", []any{i.Histories[0].ID.String(), i.Histories[0].Created.Time(), i.Histories[0].By(), i.Histories[0].Line},
		[]any{"10035", at("2021-06-18T18:43:34.818Z"), mike, int32(101)})
	equal(t, "first change", i.Items(&i.Histories[0])[0], lint.Change{ChangedField: &lint.ChangedField{Field: "status", FieldType: "jira", FieldID: "status", Kind: lint.KindStatus}, ChangeValues: &lint.ChangeValues{From: "10000", FromString: "Backlog", To: "10001", ToString: "Selected for Development"}})
	// Flagged is no field of hatcheck's.
	equal(t, "flagged", i.Items(&i.Histories[2])[0].Kind, lint.KindOther)

	r = readFile(t, filepath.Join(realworld(t), "jirametrics-SP-11.json"), nil)
	var ranks int
	for _, h := range histories(r.Issues[0]) {
		for _, c := range h.Items {
			if c.Kind == lint.KindRank {
				ranks++
			}
		}
	}
	equal(t, "rank changes", ranks, 2)
}

func TestRealWorldMerged(t *testing.T) {
	rw := realworld(t)
	var results []*Result
	for _, f := range []string{"go-jira-issues-with-changelog.json", "go-jira-issues-in-sprint.json", "jirametrics-SP-1.json", "jirametrics-SP-2.json", "jirametrics-SP-5.json", "jirametrics-SP-7.json", "jirametrics-SP-8.json", "jirametrics-SP-11.json"} {
		results = append(results, readFile(t, filepath.Join(rw, f), nil))
	}
	p := Merge(results)
	// AR-86 is in both go-jira files with the same "updated": the first copy, with its
	// changelog, is kept.
	equal(t, "keys", keys(p.Issues), []string{"AR-86", "SP-1", "SP-2", "SP-5", "SP-7", "SP-8", "SP-11"})
	equal(t, "AR-86 histories", len(p.Issues[0].Histories), 2)
	equal(t, "inputs", len(p.Inputs), 8)
	equal(t, "rank field", p.Fields[lint.KindRank], "customfield_11200")
}
