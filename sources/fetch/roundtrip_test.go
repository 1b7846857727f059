package fetch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
	"github.com/hatcheck/hatcheck/sources/fetch"
	"github.com/hatcheck/hatcheck/sources/jira"
)

// readExport reads JSON with the project's Jira reader, as lint does with a fetched export.
func readExport(t *testing.T, name string, r io.Reader) *jira.Result {
	t.Helper()
	res, err := jira.ReadJSON(name, r, lint.DefaultConfig())
	if err != nil {
		t.Fatalf("reading %s: %v", name, err)
	}
	return res
}

// readRecorded reads recorded files one after the other, as one input of concatenated pages.
func readRecorded(t *testing.T, files ...string) *jira.Result {
	t.Helper()
	var all bytes.Buffer
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(recorded, f))
		if err != nil {
			t.Fatal(err)
		}
		all.Write(data)
	}
	return readExport(t, "recorded", &all)
}

// byKey indexes issues by key with their positions cleared: a fetched export and the
// recorded pages hold the same issues at different lines. Their histories' items are laid
// out again in the histories' order, which does not depend on the order the input gave.
func byKey(issues []*lint.Issue) map[string]lint.Issue {
	m := map[string]lint.Issue{}
	for _, is := range issues {
		c := *is
		c.Pos = lint.Position{}
		c.Histories, c.Changes = nil, nil
		for i := range is.Histories {
			h := is.Histories[i]
			h.Line, h.Column = 0, 0
			c.AddHistory(h, is.Items(&is.Histories[i])...)
		}
		m[c.Key] = c
	}
	return m
}

// sameHistory reports whether a history of one issue and a history of another say the same.
func sameHistory(a *lint.Issue, ha *lint.History, b *lint.Issue, hb *lint.History) bool {
	x, y := *ha, *hb
	x.ItemsFrom, x.ItemsTo, y.ItemsFrom, y.ItemsTo = 0, 0, 0, 0
	return reflect.DeepEqual(x, y) && reflect.DeepEqual(a.Items(ha), b.Items(hb))
}

func sortedKeys(m map[string]lint.Issue) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func historyIDs(hs []lint.History) []string {
	var ids []string
	for _, h := range hs {
		ids = append(ids, h.ID.String())
	}
	return ids
}

// TestExportReadsBackServer checks that the fetched export reads into the same issues as
// the recorded answers read directly: the search pages for every issue, and the issue
// answer for the changelog the search truncated.
func TestExportReadsBackServer(t *testing.T) {
	const jql = "project = OPS"
	f := newFakeJira(t, jql, map[string][]answer{
		"GET /rest/api/2/search?startAt=0": {ok("server/search-start0.json")},
		"GET /rest/api/2/search?startAt=2": {ok("server/search-start2.json")},
		"GET /rest/api/2/issue/OPS-2":      {ok("server/issue-OPS-2.json")},
	})
	opts := options(f, jql, patEnv, &sleeper{})
	opts.Server = true
	data, _, err := fetch.FetchToBytes(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	got := readExport(t, "fetched.json", bytes.NewReader(data))
	want := readRecorded(t, "server/search-start0.json", "server/search-start2.json")
	full := readRecorded(t, "server/issue-OPS-2.json")

	gotIssues, wantIssues := byKey(got.Issues), byKey(want.Issues)
	if keys := sortedKeys(gotIssues); !slices.Equal(keys, []string{"OPS-1", "OPS-2", "OPS-3"}) {
		t.Fatalf("issues %q", keys)
	}
	ops2 := wantIssues["OPS-2"]
	fullOps2 := byKey(full.Issues)["OPS-2"]
	ops2.Histories, ops2.Changes = fullOps2.Histories, fullOps2.Changes
	ops2.ChangelogTotal = 5
	wantIssues["OPS-2"] = ops2
	for _, k := range sortedKeys(wantIssues) {
		if !reflect.DeepEqual(gotIssues[k], wantIssues[k]) {
			t.Errorf("%s differs:\n got %+v\nwant %+v", k, gotIssues[k], wantIssues[k])
		}
	}
	if ids := historyIDs(gotIssues["OPS-2"].Histories); !slices.Equal(ids, []string{"200", "201", "302", "303", "304"}) {
		t.Errorf("OPS-2 histories %q", ids)
	}
	if !reflect.DeepEqual(got.Fields, want.Fields) || !reflect.DeepEqual(got.Sprints, want.Sprints) {
		t.Errorf("fields %v / %v, sprints %v / %v", got.Fields, want.Fields, got.Sprints, want.Sprints)
	}
}

func TestExportReadsBackCloud(t *testing.T) {
	const jql = "project = PAY ORDER BY Rank"
	f := newFakeJira(t, jql, cloudRoutes())
	data, _, err := fetch.FetchToBytes(context.Background(), options(f, jql, basicEnv, &sleeper{}))
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(readExport(t, "fetched.json", bytes.NewReader(data)).Issues)
	want := byKey(readRecorded(t, "cloud/search-page1.json", "cloud/search-page2.json").Issues)
	if keys := sortedKeys(got); !slices.Equal(keys, []string{"PAY-1", "PAY-2", "PAY-3"}) {
		t.Fatalf("issues %q", keys)
	}
	for _, k := range []string{"PAY-2", "PAY-3"} {
		if !reflect.DeepEqual(got[k], want[k]) {
			t.Errorf("%s differs:\n got %+v\nwant %+v", k, got[k], want[k])
		}
	}
	pay1, rec := got["PAY-1"], want["PAY-1"]
	if ids := historyIDs(pay1.Histories); !slices.Equal(ids, []string{"100", "101", "102", "103"}) || pay1.ChangelogTotal != 4 {
		t.Errorf("PAY-1 histories %q of %d, want 100..103 of 4", ids, pay1.ChangelogTotal)
	}
	// The histories the search sent read the same after completion.
	if !sameHistory(&pay1, &pay1.Histories[1], &rec, &rec.Histories[0]) || !sameHistory(&pay1, &pay1.Histories[3], &rec, &rec.Histories[1]) {
		t.Errorf("PAY-1's recorded histories changed:\n got %+v\nwant %+v", pay1.Histories, rec.Histories)
	}
	pay1.Histories, rec.Histories, pay1.Changes, rec.Changes = nil, nil, nil, nil
	pay1.ChangelogTotal, rec.ChangelogTotal = 0, 0
	if !reflect.DeepEqual(pay1, rec) {
		t.Errorf("PAY-1 differs beyond its changelog:\n got %+v\nwant %+v", pay1, rec)
	}
}

// TestRealWorldExportReadsBack serves a real search answer (go-jira's recorded sprint
// search, with changelogs) as a one-page Server search and checks the export reads into the
// same issues as the file itself.
func TestRealWorldExportReadsBack(t *testing.T) {
	path := filepath.Join(realWorld(t), "go-jira-issues-with-changelog.json")
	const jql = "sprint = 1"
	f := newFakeJira(t, jql, map[string][]answer{
		"GET /rest/api/2/search?startAt=0": {ok(path)},
	})
	opts := options(f, jql, patEnv, &sleeper{})
	opts.Server = true
	data, stats, err := fetch.FetchToBytes(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	want := readExport(t, path, src)
	got := readExport(t, "fetched.json", bytes.NewReader(data))
	if stats.Issues != len(want.Issues) || len(want.Issues) == 0 {
		t.Errorf("fetched %d issues, the file holds %d", stats.Issues, len(want.Issues))
	}
	if g, w := byKey(got.Issues), byKey(want.Issues); !reflect.DeepEqual(g, w) {
		t.Errorf("issues differ:\n got %+v\nwant %+v", g, w)
	}
}

// realWorld finds ../shared/realworld next to the module root, or skips the test.
func realWorld(t *testing.T) string {
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
			t.Skip("no go.mod above the test")
		}
		dir = parent
	}
	rw := filepath.Join(filepath.Dir(dir), "shared", "realworld")
	if _, err := os.Stat(rw); err != nil {
		t.Skip("no real-world inputs at ../shared/realworld")
	}
	return rw
}

// TestEmptySearch checks that a query matching nothing gives a valid, empty export.
func TestEmptySearch(t *testing.T) {
	const jql = "project = NONE"
	f := newFakeJira(t, jql, map[string][]answer{
		"GET /rest/api/2/search?startAt=0": {ok("server/search-empty.json")},
	})
	opts := options(f, jql, patEnv, &sleeper{})
	opts.Server = true
	data, stats, err := fetch.FetchToBytes(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"expand":"changelog,names","startAt":0,"issues":[],"maxResults":0,"total":0,"names":{}}` + "\n"
	if string(data) != want || stats.Issues != 0 {
		t.Errorf("export %q, stats %+v; want %q", data, stats, want)
	}
	if res := readExport(t, "fetched.json", bytes.NewReader(data)); len(res.Issues) != 0 {
		t.Errorf("read %d issues", len(res.Issues))
	}
}

// TestRealWorldCloudChangelogCompleted serves the real Cloud issues from jirametrics as one
// search/jql page in which SP-5's changelog is cut to its first 3 of 8 histories, the rest
// coming from the changelog endpoint in two pages. The export must read exactly as the
// original files do.
func TestRealWorldCloudChangelogCompleted(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(realWorld(t), "jirametrics-SP-*.json"))
	if err != nil || len(files) == 0 {
		t.Skip("no jirametrics issues")
	}
	slices.Sort(files)
	var issues []json.RawMessage
	var originals bytes.Buffer
	var sp5 []json.RawMessage
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		originals.Write(data)
		var issue map[string]json.RawMessage
		if err := json.Unmarshal(data, &issue); err != nil {
			t.Fatal(err)
		}
		var key string
		json.Unmarshal(issue["key"], &key)
		if key == "SP-5" {
			var cl struct{ Histories []json.RawMessage }
			json.Unmarshal(issue["changelog"], &cl)
			sp5 = cl.Histories
			issue["changelog"] = mustJSON(t, map[string]any{"startAt": 0, "maxResults": 3, "total": len(sp5), "histories": sp5[:3]})
		}
		issues = append(issues, mustJSON(t, issue))
	}
	if len(sp5) != 8 {
		t.Fatalf("SP-5 has %d histories, the test expects 8", len(sp5))
	}
	const jql = "project = SP"
	f := newFakeJira(t, jql, map[string][]answer{
		"GET /rest/api/2/serverInfo": {ok("cloud/serverInfo.json")},
		"GET /rest/api/3/search/jql": {{status: 200, body: mustJSON(t, map[string]any{"issues": issues, "isLast": true})}},
		"GET /rest/api/3/issue/SP-5/changelog?startAt=0": {{status: 200, body: mustJSON(t,
			map[string]any{"startAt": 0, "maxResults": 5, "total": 8, "isLast": false, "values": sp5[:5]})}},
		"GET /rest/api/3/issue/SP-5/changelog?startAt=5": {{status: 200, body: mustJSON(t,
			map[string]any{"startAt": 5, "maxResults": 5, "total": 8, "isLast": true, "values": sp5[5:]})}},
	})
	data, stats, err := fetch.FetchToBytes(context.Background(), options(f, jql, basicEnv, &sleeper{}))
	if err != nil {
		t.Fatal(err)
	}
	if stats.Issues != len(files) || stats.ChangelogsCompleted != 1 {
		t.Errorf("stats %+v, want %d issues and SP-5's changelog completed", stats, len(files))
	}
	got := byKey(readExport(t, "fetched.json", bytes.NewReader(data)).Issues)
	want := byKey(readExport(t, "originals", &originals).Issues)
	if !reflect.DeepEqual(got, want) {
		for _, k := range sortedKeys(want) {
			if !reflect.DeepEqual(got[k], want[k]) {
				t.Errorf("%s differs:\n got %+v\nwant %+v", k, got[k], want[k])
			}
		}
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
