package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// demoJira is a Jira Cloud site serving the demo's issues (testdata/demo/jira-export.json)
// the way Jira answers a large search: pages of ten issues chained by nextPageToken, at
// most two histories per issue in the search with the rest behind the issue changelog
// endpoint (itself paged by two), one 429 with Retry-After before the second page and one
// 500 before the third.
type demoJira struct {
	t      *testing.T
	names  json.RawMessage
	issues []map[string]json.RawMessage
	// histories holds each issue's whole changelog and its total, by key.
	histories map[string][]json.RawMessage
	totals    map[string]int

	mu     sync.Mutex
	faults map[string]int // request -> status to answer once
	log    []string
}

const (
	demoPageSize      = 10
	demoSearchHistory = 2 // histories per issue in a search answer, and per changelog page
	demoJQL           = "project in (PAY, OPS, WEB) ORDER BY Rank"
)

func newDemoJira(t *testing.T, path string) *demoJira {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Names  json.RawMessage
		Issues []map[string]json.RawMessage
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	j := &demoJira{t: t, names: doc.Names, issues: doc.Issues, histories: map[string][]json.RawMessage{}, totals: map[string]int{},
		faults: map[string]int{"search token=p2": http.StatusTooManyRequests, "search token=p3": http.StatusInternalServerError}}
	for _, is := range doc.Issues {
		var key string
		var cl struct {
			Total     int
			Histories []json.RawMessage
		}
		json.Unmarshal(is["key"], &key)
		json.Unmarshal(is["changelog"], &cl)
		j.histories[key], j.totals[key] = cl.Histories, cl.Total
	}
	return j
}

func (j *demoJira) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	route := r.Method + " " + r.URL.Path
	switch {
	case strings.HasPrefix(r.URL.Path, "/rest/api/3/search/jql"):
		route = "search token=" + q.Get("nextPageToken")
	case strings.HasSuffix(r.URL.Path, "/changelog"):
		route = r.URL.Path + " startAt=" + q.Get("startAt")
	}
	j.mu.Lock()
	j.log = append(j.log, route)
	fault := j.faults[route]
	delete(j.faults, route)
	j.mu.Unlock()

	w.Header().Set("Content-Type", "application/json")
	switch {
	case fault == http.StatusTooManyRequests:
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(fault)
		fmt.Fprint(w, `{"errorMessages":["Rate limit exceeded."],"errors":{}}`)
	case fault != 0:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(fault)
		fmt.Fprint(w, "<html><body><h1>500 Internal Server Error</h1></body></html>")
	case route == "GET /rest/api/2/serverInfo":
		fmt.Fprint(w, `{"baseUrl":"https://acme.atlassian.net","deploymentType":"Cloud","serverTitle":"Jira"}`)
	case route == "POST /rest/api/3/search/approximate-count":
		fmt.Fprintf(w, `{"count":%d}`, len(j.issues))
	case strings.HasPrefix(route, "search "):
		j.search(w, q)
	case strings.HasSuffix(r.URL.Path, "/changelog"):
		j.changelog(w, strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/rest/api/3/issue/"), "/changelog"), q.Get("startAt"))
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"errorMessages":["Not found."],"errors":{}}`)
	}
}

func (j *demoJira) search(w http.ResponseWriter, q map[string][]string) {
	if got := first(q["jql"]); got != demoJQL {
		j.t.Errorf("search for %q, want %q", got, demoJQL)
	}
	if first(q["expand"]) != "changelog,names" || first(q["fields"]) != "*all" {
		j.t.Errorf("search asks expand=%q fields=%q", first(q["expand"]), first(q["fields"]))
	}
	page := 1
	if tok := first(q["nextPageToken"]); tok != "" {
		page, _ = strconv.Atoi(strings.TrimPrefix(tok, "p"))
	}
	start := (page - 1) * demoPageSize
	end := min(start+demoPageSize, len(j.issues))
	var issues []json.RawMessage
	for _, is := range j.issues[start:end] {
		var key string
		json.Unmarshal(is["key"], &key)
		cut := map[string]json.RawMessage{}
		for k, v := range is {
			cut[k] = v
		}
		hs := j.histories[key]
		hs = append([]json.RawMessage{}, hs[:min(len(hs), demoSearchHistory)]...)
		cut["changelog"] = mustMarshal(j.t, map[string]any{"startAt": 0, "maxResults": len(hs), "total": j.totals[key], "histories": hs})
		issues = append(issues, mustMarshal(j.t, cut))
	}
	answer := map[string]any{"issues": issues, "names": j.names, "isLast": end == len(j.issues)}
	if end < len(j.issues) {
		answer["nextPageToken"] = fmt.Sprintf("p%d", page+1)
	}
	w.Write(mustMarshal(j.t, answer))
}

// changelog serves an issue's changelog from startAt, two histories a page. An issue
// whose export says it has more histories than it holds (PAY-25) is served what it holds,
// under the same total, as a site that lost the rest would.
func (j *demoJira) changelog(w http.ResponseWriter, key, startAt string) {
	hs, ok := j.histories[key]
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}`)
		return
	}
	from, _ := strconv.Atoi(startAt)
	from = min(from, len(hs))
	end := min(from+demoSearchHistory, len(hs))
	w.Write(mustMarshal(j.t, map[string]any{"startAt": from, "maxResults": demoSearchHistory, "total": j.totals[key],
		"isLast": end == len(hs), "values": append([]json.RawMessage{}, hs[from:end]...)}))
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

func mustMarshal(t *testing.T, v any) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil {
		t.Error(err)
	}
	return data
}

// TestLintOfFetchEqualsLintOfFile is the fetch's end-to-end check: against a Jira-like
// site serving the demo through paging, a 429 with Retry-After, a 500 and truncated
// changelogs, hatcheck fetch writes an export that lints to exactly the findings of the
// demo's own export file, and so does lint --url --jql, which fetches and lints in one run.
func TestLintOfFetchEqualsLintOfFile(t *testing.T) {
	demoWorkspace(t)
	site := newDemoJira(t, "testdata/demo/jira-export.json")
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	setCredentials(t)
	// The Jira input is named on the command line in every run below, so the config keeps
	// only the roles, plan and waivers.
	editFile(t, "testdata/demo/hatcheck.yaml", [][2]string{{"  exports: [jira-export.json, ops-board.json]", ""}})

	code, stdout, stderr := runFetchTest(t, "-c", "testdata/demo/hatcheck.yaml", "--url", srv.URL, "--jql", demoJQL, "-o", "fetched.json")
	if code != exitOK || stdout != "" {
		t.Fatalf("fetch: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	wantLine := regexp.MustCompile(`^hatcheck: fetched 25 issues from ` + regexp.QuoteMeta(srv.URL) +
		` \(Cloud\), 2 changelogs completed, 1 changelog left as the search sent them, 2 retries after waiting \ds; written to fetched\.json\n$`)
	if !wantLine.MatchString(stderr) {
		t.Errorf("fetch said %q", stderr)
	}
	site.mu.Lock()
	requests := strings.Join(site.log, "\n")
	site.mu.Unlock()
	if n := strings.Count(requests, "search token="); n != 5 {
		t.Errorf("%d search requests, want 5 (three pages, two of them retried)", n)
	}
	for _, want := range []string{
		// The second page asked again after the 429, the third after the 500.
		"search token=\n", "search token=p2\nsearch token=p2\n", "search token=p3\nsearch token=p3\n",
		"/rest/api/3/issue/PAY-10/changelog startAt=0\n/rest/api/3/issue/PAY-10/changelog startAt=2\n",
		"/rest/api/3/issue/PAY-11/changelog startAt=0\n/rest/api/3/issue/PAY-11/changelog startAt=2\n",
		"/rest/api/3/issue/PAY-25/changelog startAt=0\n",
	} {
		if !strings.Contains(requests+"\n", want) {
			t.Errorf("the site was not asked\n%s\nit was asked\n%s", want, requests)
		}
	}
	export, err := os.ReadFile("fetched.json")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(export, []byte(fetchTestToken)) {
		t.Error("the export holds the token")
	}

	inputs := placeOf(map[string]string{"testdata/demo/jira-export.json": "JIRA", "fetched.json": "JIRA", srv.URL: "JIRA"})
	fileCode, fromFile := lintReport(t, "-c", "testdata/demo/hatcheck.yaml", "-j", "testdata/demo/jira-export.json")
	want := findingsOf(t, fromFile, inputs)
	if len(want) < 40 {
		t.Fatalf("the demo export lints to only %d findings", len(want))
	}
	fetchedCode, fromFetched := lintReport(t, "-c", "testdata/demo/hatcheck.yaml", "-j", "fetched.json")
	sameFindings(t, "the fetched export", findingsOf(t, fromFetched, inputs), "the export file", want)

	var out, errOut bytes.Buffer
	liveCode := run([]string{"-c", "testdata/demo/hatcheck.yaml", "--url", srv.URL, "--jql", demoJQL, "--now", "2026-03-06", "-f", "json"},
		nil, &out, &errOut)
	if strings.Contains(out.String()+errOut.String(), fetchTestToken) {
		t.Error("lint --url printed the token")
	}
	var fromLive map[string]any
	if err := json.Unmarshal(out.Bytes(), &fromLive); err != nil {
		t.Fatalf("lint --url: exit %d, stderr %s", liveCode, errOut.String())
	}
	sameFindings(t, "lint --url", findingsOf(t, fromLive, inputs), "the export file", want)
	if fetchedCode != fileCode || liveCode != fileCode {
		t.Errorf("exit %d with the file, %d with the fetched export, %d with lint --url", fileCode, fetchedCode, liveCode)
	}
}
