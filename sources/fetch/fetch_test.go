package fetch_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/sources/fetch"
)

// The secrets the tests use; none may ever show up in an error, the export or a request
// other than its Authorization header.
const (
	testUser  = "ana@acme.example"
	testToken = "ATATT3xFfGF0-s3cr3t-T0K3N"
	testPAT   = "NjQ5MTk1-pat-s3cr3t"
)

func basicEnv(name string) string {
	return map[string]string{"JIRA_USER": testUser, "JIRA_API_TOKEN": testToken}[name]
}

func patEnv(name string) string {
	return map[string]string{"JIRA_PAT": testPAT}[name]
}

// sleeper records the waits asked for instead of sleeping.
type sleeper struct{ waits []time.Duration }

func (s *sleeper) sleep(ctx context.Context, d time.Duration) error {
	s.waits = append(s.waits, d)
	return ctx.Err()
}

// options builds test options: the fake site, a recording sleeper and a fixed jitter of
// one half, so a backoff of attempt n is 0.75 × 2^(n-1) seconds.
func options(f *fakeJira, jql string, env func(string) string, s *sleeper) fetch.Options {
	return fetch.Options{
		URL:    f.url(),
		JQL:    jql,
		Env:    env,
		Sleep:  s.sleep,
		Jitter: func() float64 { return 0.5 },
		Now:    func() time.Time { return time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC) },
	}
}

// export is the parts of the written document the tests look at.
type export struct {
	Expand     string                     `json:"expand"`
	StartAt    int                        `json:"startAt"`
	MaxResults int                        `json:"maxResults"`
	Total      int                        `json:"total"`
	Issues     []json.RawMessage          `json:"issues"`
	Names      map[string]json.RawMessage `json:"names"`
}

type issueChangelog struct {
	Key       string `json:"key"`
	Changelog struct {
		StartAt    int `json:"startAt"`
		MaxResults int `json:"maxResults"`
		Total      int `json:"total"`
		Histories  []struct {
			ID string `json:"id"`
		} `json:"histories"`
	} `json:"changelog"`
}

func decodeExport(t *testing.T, data []byte) export {
	t.Helper()
	var e export
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, data)
	}
	return e
}

func keysAndHistories(t *testing.T, e export) (keys []string, histories map[string][]string) {
	t.Helper()
	histories = map[string][]string{}
	for _, raw := range e.Issues {
		var ic issueChangelog
		if err := json.Unmarshal(raw, &ic); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, ic.Key)
		for _, h := range ic.Changelog.Histories {
			histories[ic.Key] = append(histories[ic.Key], h.ID)
		}
		if ic.Changelog.Total != len(ic.Changelog.Histories) {
			t.Errorf("%s: changelog total %d, %d histories", ic.Key, ic.Changelog.Total, len(ic.Changelog.Histories))
		}
	}
	return keys, histories
}

// recordedIssue is the raw bytes of one issue in a recorded page, as a decoder sees them.
func recordedIssue(t *testing.T, file string, i int) json.RawMessage {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(recorded, file))
	if err != nil {
		t.Fatal(err)
	}
	var page struct{ Issues []json.RawMessage }
	if err := json.Unmarshal(data, &page); err != nil {
		t.Fatal(err)
	}
	return page.Issues[i]
}

func cloudRoutes() map[string][]answer {
	return map[string][]answer{
		"GET /rest/api/2/serverInfo":                        {ok("cloud/serverInfo.json")},
		"POST /rest/api/3/search/approximate-count":         {ok("cloud/approximate-count.json")},
		"GET /rest/api/3/search/jql":                        {{status: 429, header: map[string]string{"Retry-After": "7"}, file: "errors/429.json"}, ok("cloud/search-page1.json")},
		"GET /rest/api/3/search/jql?nextPageToken=CAEaAggD": {ok("cloud/search-page2.json")},
		"GET /rest/api/3/issue/PAY-1/changelog?startAt=0":   {ok("cloud/changelog-PAY-1-start0.json")},
		"GET /rest/api/3/issue/PAY-1/changelog?startAt=2":   {{status: 500, file: "errors/500.html"}, ok("cloud/changelog-PAY-1-start2.json")},
	}
}

func TestFetchCloud(t *testing.T) {
	const jql = "project = PAY ORDER BY Rank"
	f := newFakeJira(t, jql, cloudRoutes())
	var s sleeper
	opts := options(f, jql, basicEnv, &s)
	var progress [][2]int
	opts.Progress = func(done, total int) { progress = append(progress, [2]int{done, total}) }
	var out bytes.Buffer
	stats, err := fetch.Fetch(context.Background(), opts, &out)
	if err != nil {
		t.Fatal(err)
	}

	wantRequests := []string{
		"GET /rest/api/2/serverInfo",
		"POST /rest/api/3/search/approximate-count",
		"GET /rest/api/3/search/jql", // 429, Retry-After: 7
		"GET /rest/api/3/search/jql",
		"GET /rest/api/3/issue/PAY-1/changelog?startAt=0",
		"GET /rest/api/3/issue/PAY-1/changelog?startAt=2", // 500
		"GET /rest/api/3/issue/PAY-1/changelog?startAt=2",
		"GET /rest/api/3/search/jql?nextPageToken=CAEaAggD",
	}
	if got := f.requests(); !slices.Equal(got, wantRequests) {
		t.Errorf("requests:\n got %q\nwant %q", got, wantRequests)
	}
	// The 429 waits what Retry-After says; the 500 waits the first backoff step, 1s with
	// the jitter of one half taking a quarter off.
	if want := []time.Duration{7 * time.Second, 750 * time.Millisecond}; !slices.Equal(s.waits, want) {
		t.Errorf("waits %v, want %v", s.waits, want)
	}
	wantAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte(testUser+":"+testToken))
	for i, a := range f.authHeaders() {
		if a != wantAuth {
			t.Errorf("request %d: Authorization %q, want basic auth from JIRA_USER and JIRA_API_TOKEN", i, a)
		}
	}
	want := fetch.Stats{Deployment: "Cloud", API: "rest/api/3/search/jql", Issues: 3, ChangelogsCompleted: 1,
		Requests: 8, Retries: 2, Waited: 7750 * time.Millisecond}
	if stats != want {
		t.Errorf("stats\n got %+v\nwant %+v", stats, want)
	}
	if want := [][2]int{{1, 3}, {2, 3}, {3, 3}}; !slices.Equal(progress, want) {
		t.Errorf("progress %v, want %v", progress, want)
	}

	e := decodeExport(t, out.Bytes())
	keys, histories := keysAndHistories(t, e)
	if want := []string{"PAY-1", "PAY-2", "PAY-3"}; !slices.Equal(keys, want) {
		t.Errorf("issues %q, want %q", keys, want)
	}
	// PAY-1's search copy held histories 101 and 103 of 4: the changelog endpoint gave
	// 100..103 in two pages, merged in order without duplicates.
	if want := []string{"100", "101", "102", "103"}; !slices.Equal(histories["PAY-1"], want) {
		t.Errorf("PAY-1 histories %q, want %q", histories["PAY-1"], want)
	}
	if want := []string{"110"}; !slices.Equal(histories["PAY-2"], want) {
		t.Errorf("PAY-2 histories %q, want %q", histories["PAY-2"], want)
	}
	if e.Expand != "changelog,names" || e.StartAt != 0 || e.MaxResults != 3 || e.Total != 3 {
		t.Errorf("header: expand %q startAt %d maxResults %d total %d", e.Expand, e.StartAt, e.MaxResults, e.Total)
	}
	var names []string
	for k := range e.Names {
		names = append(names, k)
	}
	slices.Sort(names)
	if want := []string{"customfield_10016", "customfield_10019", "customfield_10020", "customfield_10030", "description", "issuetype", "status", "summary"}; !slices.Equal(names, want) {
		t.Errorf("names %q, want %q (merged over both pages)", names, want)
	}
	// Issues untouched by completion are written byte for byte as Jira sent them; the
	// completed one differs only in its changelog.
	if got, want := e.Issues[1], recordedIssue(t, "cloud/search-page1.json", 1); !bytes.Equal(got, want) {
		t.Errorf("PAY-2 changed on the way:\n got %s\nwant %s", got, want)
	}
	if !bytes.Contains(out.Bytes(), []byte(`"summary": "Zahlung <EUR> für Müller & Co"`)) {
		t.Errorf("PAY-1's summary was re-encoded")
	}
	var got, wantFields struct{ Fields json.RawMessage }
	json.Unmarshal(e.Issues[0], &got)
	json.Unmarshal(recordedIssue(t, "cloud/search-page1.json", 0), &wantFields)
	if !bytes.Equal(got.Fields, wantFields.Fields) {
		t.Errorf("PAY-1's fields changed when its changelog was spliced in")
	}
	for _, secret := range []string{testToken, testUser} {
		if bytes.Contains(out.Bytes(), []byte(secret)) {
			t.Errorf("the export holds the credential %q", secret)
		}
	}
}

func TestFetchServer(t *testing.T) {
	const jql = "project = OPS"
	f := newFakeJira(t, jql, map[string][]answer{
		"GET /rest/api/2/serverInfo":       {ok("server/serverInfo.json")},
		"GET /rest/api/2/search?startAt=0": {ok("server/search-start0.json")},
		"GET /rest/api/2/search?startAt=2": {ok("server/search-start2.json")},
		"GET /rest/api/2/issue/OPS-2":      {ok("server/issue-OPS-2.json")},
	})
	var s sleeper
	opts := options(f, jql, patEnv, &s)
	var progress [][2]int
	opts.Progress = func(done, total int) { progress = append(progress, [2]int{done, total}) }
	data, stats, err := fetch.FetchToBytes(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	// The server capped maxResults at 2 though 100 were asked: the second page starts at 2.
	wantRequests := []string{
		"GET /rest/api/2/serverInfo",
		"GET /rest/api/2/search?startAt=0",
		"GET /rest/api/2/issue/OPS-2",
		"GET /rest/api/2/search?startAt=2",
	}
	if got := f.requests(); !slices.Equal(got, wantRequests) {
		t.Errorf("requests:\n got %q\nwant %q", got, wantRequests)
	}
	for i, a := range f.authHeaders() {
		if a != "Bearer "+testPAT {
			t.Errorf("request %d: Authorization %q, want the bearer token from JIRA_PAT", i, a)
		}
	}
	want := fetch.Stats{Deployment: "Server", API: "rest/api/2/search", Issues: 3, ChangelogsCompleted: 1, Requests: 4}
	if stats != want {
		t.Errorf("stats\n got %+v\nwant %+v", stats, want)
	}
	if want := [][2]int{{1, 3}, {2, 3}, {3, 3}}; !slices.Equal(progress, want) {
		t.Errorf("progress %v, want %v", progress, want)
	}
	e := decodeExport(t, data)
	keys, histories := keysAndHistories(t, e)
	if want := []string{"OPS-1", "OPS-2", "OPS-3"}; !slices.Equal(keys, want) {
		t.Errorf("issues %q, want %q", keys, want)
	}
	if want := []string{"200", "201", "302", "303", "304"}; !slices.Equal(histories["OPS-2"], want) {
		t.Errorf("OPS-2 histories %q, want %q", histories["OPS-2"], want)
	}
	if bytes.Contains(data, []byte(testPAT)) {
		t.Error("the export holds the token")
	}
}

func TestFetchForcedServerSkipsDetection(t *testing.T) {
	const jql = "project = OPS"
	f := newFakeJira(t, jql, map[string][]answer{
		"GET /rest/api/2/search?startAt=0": {ok("server/search-start0.json")},
		"GET /rest/api/2/search?startAt=2": {ok("server/search-start2.json")},
		"GET /rest/api/2/issue/OPS-2":      {ok("server/issue-OPS-2.json")},
	})
	var s sleeper
	opts := options(f, jql, patEnv, &s)
	opts.Server = true
	_, stats, err := fetch.FetchToBytes(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Deployment != "Server" || stats.Issues != 3 {
		t.Errorf("stats %+v", stats)
	}
	if got := f.requests(); got[0] != "GET /rest/api/2/search?startAt=0" {
		t.Errorf("first request %q, want the search (no serverInfo with --server)", got[0])
	}
}

func TestFetchCloudFallsBackToV2(t *testing.T) {
	const jql = "project = PAY"
	routes := cloudRoutes()
	delete(routes, "GET /rest/api/3/search/jql")
	delete(routes, "GET /rest/api/3/search/jql?nextPageToken=CAEaAggD")
	delete(routes, "GET /rest/api/3/issue/PAY-1/changelog?startAt=0")
	delete(routes, "GET /rest/api/3/issue/PAY-1/changelog?startAt=2")
	routes["GET /rest/api/2/search/jql"] = []answer{ok("cloud/search-page1.json")}
	routes["GET /rest/api/2/search/jql?nextPageToken=CAEaAggD"] = []answer{ok("cloud/search-page2.json")}
	routes["GET /rest/api/2/issue/PAY-1/changelog?startAt=0"] = []answer{ok("cloud/changelog-PAY-1-start0.json")}
	routes["GET /rest/api/2/issue/PAY-1/changelog?startAt=2"] = []answer{ok("cloud/changelog-PAY-1-start2.json")}
	// Nor does the site count issues: the progress has no total.
	delete(routes, "POST /rest/api/3/search/approximate-count")
	f := newFakeJira(t, jql, routes)
	var s sleeper
	opts := options(f, jql, basicEnv, &s)
	var progress [][2]int
	opts.Progress = func(done, total int) { progress = append(progress, [2]int{done, total}) }
	data, stats, err := fetch.FetchToBytes(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if want := [][2]int{{1, -1}, {2, -1}, {3, -1}}; !slices.Equal(progress, want) {
		t.Errorf("progress %v, want %v", progress, want)
	}
	if stats.API != "rest/api/2/search/jql" || stats.Issues != 3 || stats.ChangelogsCompleted != 1 {
		t.Errorf("stats %+v", stats)
	}
	_, histories := keysAndHistories(t, decodeExport(t, data))
	if want := []string{"100", "101", "102", "103"}; !slices.Equal(histories["PAY-1"], want) {
		t.Errorf("PAY-1 histories %q, want %q", histories["PAY-1"], want)
	}
}

func TestFetchSkipsRepeatedIssues(t *testing.T) {
	// Offset paging while issues move: an issue ranked in at the top between the two
	// requests pushes OPS-2 onto the second page as well. The first copy is kept, and its
	// changelog is completed once.
	const jql = "project = OPS"
	f := newFakeJira(t, jql, map[string][]answer{
		"GET /rest/api/2/search?startAt=0": {ok("server/search-start0.json")},
		"GET /rest/api/2/search?startAt=2": {ok("server/search-start2-shifted.json")},
		"GET /rest/api/2/issue/OPS-2":      {ok("server/issue-OPS-2.json")},
	})
	opts := options(f, jql, patEnv, &sleeper{})
	opts.Server = true
	data, stats, err := fetch.FetchToBytes(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Duplicates != 1 || stats.Issues != 3 || stats.ChangelogsCompleted != 1 {
		t.Errorf("stats %+v, want 3 issues, 1 duplicate, 1 changelog completed", stats)
	}
	wantRequests := []string{
		"GET /rest/api/2/search?startAt=0",
		"GET /rest/api/2/issue/OPS-2",
		"GET /rest/api/2/search?startAt=2",
	}
	if got := f.requests(); !slices.Equal(got, wantRequests) {
		t.Errorf("requests:\n got %q\nwant %q", got, wantRequests)
	}
	keys, _ := keysAndHistories(t, decodeExport(t, data))
	if want := []string{"OPS-1", "OPS-2", "OPS-3"}; !slices.Equal(keys, want) {
		t.Errorf("issues %q, want %q", keys, want)
	}
}

func TestFetchErrors(t *testing.T) {
	const jql = "project PAY"
	serverInfo := map[string][]answer{"GET /rest/api/2/serverInfo": {ok("cloud/serverInfo.json")}}
	with := func(extra map[string][]answer) map[string][]answer {
		m := map[string][]answer{}
		for k, v := range serverInfo {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name   string
		routes map[string][]answer
		env    func(string) string
		url    string // replaces the fake site's address when set
		want   string // the whole error message; FAKE stands for the fake site's address
		waits  []time.Duration
	}{
		{
			name:   "401 names the variables used",
			routes: with(map[string][]answer{"GET /rest/api/3/search/jql": {{status: 401, file: "errors/401.txt"}}}),
			env:    basicEnv,
			want:   "Jira refused the credentials (401 Unauthorized) for GET FAKE/rest/api/3/search/jql, using JIRA_USER and JIRA_API_TOKEN; check that JIRA_USER is the account's email address (Cloud) or user name (Server) and that JIRA_API_TOKEN is a current API token for this site",
		},
		{
			name:   "401 on serverInfo with a PAT",
			routes: map[string][]answer{"GET /rest/api/2/serverInfo": {{status: 401, file: "errors/401.txt"}}},
			env:    patEnv,
			want:   "Jira refused the credentials (401 Unauthorized) for GET FAKE/rest/api/2/serverInfo, using JIRA_PAT; check that JIRA_PAT is a current personal access token for this site",
		},
		{
			name: "403 with a CAPTCHA",
			routes: map[string][]answer{"GET /rest/api/2/serverInfo": {{status: 403, file: "errors/403-captcha.json",
				header: map[string]string{"X-Authentication-Denied-Reason": "CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp"}}}},
			env:  basicEnv,
			want: "Jira denied access (403 Forbidden) to GET FAKE/rest/api/2/serverInfo, using JIRA_USER and JIRA_API_TOKEN: CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp; the site asks for a CAPTCHA after failed logins: log in once in a browser, then check the credentials",
		},
		{
			name:   "400 quotes Jira's message",
			routes: with(map[string][]answer{"GET /rest/api/3/search/jql": {{status: 400, file: "errors/400-jql.json"}}}),
			env:    basicEnv,
			want:   "Jira answered 400 Bad Request to GET FAKE/rest/api/3/search/jql: Error in the JQL Query: Expecting operator but got 'PAY'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)",
		},
		{
			name:   "500 until the attempts run out",
			routes: with(map[string][]answer{"GET /rest/api/3/search/jql": {{status: 500, file: "errors/500.html"}}}),
			env:    basicEnv,
			want:   "Jira answered 500 Internal Server Error to GET FAKE/rest/api/3/search/jql (6 attempts); gave up after 6 attempts",
			waits:  []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second, 6 * time.Second, 12 * time.Second},
		},
		{
			name: "Retry-After beyond the budget",
			routes: with(map[string][]answer{"GET /rest/api/3/search/jql": {{status: 429, file: "errors/429.json",
				header: map[string]string{"Retry-After": "600"}}}}),
			env:  basicEnv,
			want: "Jira answered 429 Too Many Requests to GET FAKE/rest/api/3/search/jql: Rate limit exceeded.; Jira asked to wait 10m0s, beyond the 2m0s allowed",
		},
		{
			name: "Retry-After as an HTTP date",
			routes: with(map[string][]answer{"GET /rest/api/3/search/jql": {
				{status: 503, header: map[string]string{"Retry-After": "Thu, 05 Mar 2026 10:00:30 GMT"}},
				{status: 400, file: "errors/400-jql.json"}}}),
			env:   basicEnv,
			want:  "Jira answered 400 Bad Request to GET FAKE/rest/api/3/search/jql (2 attempts): Error in the JQL Query: Expecting operator but got 'PAY'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)",
			waits: []time.Duration{30 * time.Second},
		},
		{
			name:   "not a Jira site",
			routes: map[string][]answer{"GET /rest/api/2/serverInfo": {{status: 200, file: "errors/500.html"}}},
			env:    basicEnv,
			want:   "FAKE does not look like a Jira site: GET FAKE/rest/api/2/serverInfo did not answer Jira's server information (pass --server if it is Jira Server or Data Center behind a proxy)",
		},
		{
			name: "no credentials",
			env:  func(string) string { return "" },
			want: "no Jira credentials in the environment: set JIRA_USER and JIRA_API_TOKEN (Jira Cloud: your account email and an API token), or JIRA_PAT (a personal access token, Server or Data Center)",
		},
		{
			name: "a user without a token",
			env:  func(n string) string { return map[string]string{"JIRA_USER": testUser}[n] },
			want: "JIRA_USER is set but JIRA_API_TOKEN is empty: set both (Jira Cloud: your account email and an API token), or set JIRA_PAT (a personal access token, Server or Data Center)",
		},
		{
			name: "credentials in the URL",
			env:  basicEnv,
			url:  "https://ana:" + testToken + "@acme.atlassian.net",
			want: "--url must not hold credentials: set JIRA_USER and JIRA_API_TOKEN, or JIRA_PAT, in the environment instead",
		},
		{
			name: "not a URL",
			env:  basicEnv,
			url:  "acme.atlassian.net",
			want: `--url "acme.atlassian.net": expected the site's address, like https://acme.atlassian.net`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeJira(t, jql, tt.routes)
			var s sleeper
			opts := options(f, jql, tt.env, &s)
			if tt.url != "" {
				opts.URL = tt.url
			}
			var out bytes.Buffer
			_, err := fetch.Fetch(context.Background(), opts, &out)
			if err == nil {
				t.Fatal("no error")
			}
			want := strings.ReplaceAll(tt.want, "FAKE", f.url())
			if err.Error() != want {
				t.Errorf("error\n got %s\nwant %s", err, want)
			}
			if !slices.Equal(s.waits, tt.waits) {
				t.Errorf("waits %v, want %v", s.waits, tt.waits)
			}
			for _, secret := range []string{testToken, testPAT} {
				if strings.Contains(err.Error(), secret) || bytes.Contains(out.Bytes(), []byte(secret)) {
					t.Errorf("the token shows in the error or the output")
				}
			}
		})
	}
}

func TestFetchRetriesDroppedConnection(t *testing.T) {
	const jql = "project = PAY ORDER BY Rank"
	routes := cloudRoutes()
	routes["GET /rest/api/2/serverInfo"] = []answer{{drop: true}, ok("cloud/serverInfo.json")}
	f := newFakeJira(t, jql, routes)
	s := &sleeper{}
	_, stats, err := fetch.FetchToBytes(context.Background(), options(f, jql, basicEnv, s))
	if err != nil {
		t.Fatal(err)
	}
	// The dropped connection waits the first backoff step; the 429 and the 500 as before.
	if want := []time.Duration{750 * time.Millisecond, 7 * time.Second, 750 * time.Millisecond}; !slices.Equal(s.waits, want) {
		t.Errorf("waits %v, want %v", s.waits, want)
	}
	if stats.Retries != 3 || stats.Issues != 3 {
		t.Errorf("stats %+v", stats)
	}
}

func TestFetchUnreachableIsNotRetried(t *testing.T) {
	f := newFakeJira(t, "x", nil)
	addr := f.url()
	f.srv.Close()
	var s sleeper
	opts := options(f, "x", basicEnv, &s)
	opts.URL = addr
	_, err := fetch.Fetch(context.Background(), opts, &bytes.Buffer{})
	if err == nil || !strings.HasPrefix(err.Error(), "GET "+addr+"/rest/api/2/serverInfo: ") {
		t.Errorf("error %v, want one naming the serverInfo request", err)
	}
	if len(s.waits) != 0 {
		t.Errorf("a refused connection was retried: waits %v", s.waits)
	}
}

func TestWriteFile(t *testing.T) {
	const jql = "project = PAY ORDER BY Rank"
	dir := t.TempDir()
	path := filepath.Join(dir, "export.json")

	t.Run("written whole", func(t *testing.T) {
		f := newFakeJira(t, jql, cloudRoutes())
		var s sleeper
		stats, err := fetch.WriteFile(context.Background(), options(f, jql, basicEnv, &s), path)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		keys, _ := keysAndHistories(t, decodeExport(t, data))
		if len(keys) != 3 || stats.Issues != 3 {
			t.Errorf("file holds %q, stats %+v", keys, stats)
		}
		assertOnly(t, dir, "export.json")
	})

	t.Run("an error keeps the old file", func(t *testing.T) {
		before, _ := os.ReadFile(path)
		f := newFakeJira(t, jql, map[string][]answer{
			"GET /rest/api/2/serverInfo": {ok("cloud/serverInfo.json")},
			"GET /rest/api/3/search/jql": {ok("cloud/search-page1.json")},
			// The token is revoked midway through the fetch.
			"GET /rest/api/3/issue/PAY-1/changelog?startAt=0": {{status: 401, file: "errors/401.txt"}},
		})
		var s sleeper
		_, err := fetch.WriteFile(context.Background(), options(f, jql, basicEnv, &s), path)
		if err == nil || !strings.HasPrefix(err.Error(), "completing the changelog of PAY-1: Jira refused the credentials (401 Unauthorized)") {
			t.Fatalf("error %v", err)
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Error("the existing export changed")
		}
		assertOnly(t, dir, "export.json")
	})

	t.Run("interrupted leaves no file", func(t *testing.T) {
		fresh := filepath.Join(dir, "new.json")
		f := newFakeJira(t, jql, cloudRoutes())
		ctx, cancel := context.WithCancel(context.Background())
		opts := options(f, jql, basicEnv, &sleeper{})
		// Ctrl-C arrives while waiting out the 429.
		opts.Sleep = func(ctx context.Context, d time.Duration) error {
			cancel()
			return ctx.Err()
		}
		_, err := fetch.WriteFile(ctx, opts, fresh)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error %v, want context.Canceled", err)
		}
		if _, err := os.Stat(fresh); !os.IsNotExist(err) {
			t.Errorf("a file was left: %v", err)
		}
		assertOnly(t, dir, "export.json")
	})

	t.Run("a folder for a file", func(t *testing.T) {
		f := newFakeJira(t, jql, cloudRoutes())
		_, err := fetch.WriteFile(context.Background(), options(f, jql, basicEnv, &sleeper{}), dir)
		want := "cannot write " + dir + ": it is a folder; name the export file, e.g. " + filepath.Join(dir, "export.json")
		if err == nil || err.Error() != want {
			t.Errorf("error %v, want %s", err, want)
		}
		if len(f.requests()) != 0 {
			t.Errorf("Jira was asked: %q", f.requests())
		}
	})

	t.Run("an unwritable folder", func(t *testing.T) {
		f := newFakeJira(t, jql, cloudRoutes())
		_, err := fetch.WriteFile(context.Background(), options(f, jql, basicEnv, &sleeper{}), filepath.Join(dir, "missing", "x.json"))
		want := "cannot write " + filepath.Join(dir, "missing", "x.json") + ": no such file or directory"
		if err == nil || err.Error() != want {
			t.Errorf("error %v, want %s", err, want)
		}
		if len(f.requests()) != 0 {
			t.Errorf("Jira was asked before the file could be created: %q", f.requests())
		}
	})
}

// assertOnly checks that dir holds exactly the named files: no temporary file is left.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("folder holds %q, want %q", got, names)
	}
}

func TestFetchLeavesChangelogOfVanishedIssue(t *testing.T) {
	// PAY-1 was deleted between the search and the changelog request: the fetch goes on
	// with the changelog the search sent.
	const jql = "project = PAY ORDER BY Rank"
	routes := cloudRoutes()
	delete(routes, "GET /rest/api/3/issue/PAY-1/changelog?startAt=0")
	f := newFakeJira(t, jql, routes)
	data, stats, err := fetch.FetchToBytes(context.Background(), options(f, jql, basicEnv, &sleeper{}))
	if err != nil {
		t.Fatal(err)
	}
	if stats.Issues != 3 || stats.ChangelogsIncomplete != 1 || stats.ChangelogsCompleted != 0 {
		t.Errorf("stats %+v, want 3 issues and 1 changelog left incomplete", stats)
	}
	var e export
	json.Unmarshal(data, &e)
	if got, want := e.Issues[0], recordedIssue(t, "cloud/search-page1.json", 0); !bytes.Equal(got, want) {
		t.Errorf("PAY-1 changed:\n got %s\nwant %s", got, want)
	}
}

func TestFetchRefusesRedirectToAnotherHost(t *testing.T) {
	var leaked []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked = append(leaked, r.Header.Get("Authorization"))
	}))
	defer other.Close()
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/login", http.StatusFound)
	}))
	defer site.Close()
	_, err := fetch.Fetch(context.Background(), fetch.Options{URL: site.URL, JQL: "x", Env: basicEnv, Sleep: (&sleeper{}).sleep}, &bytes.Buffer{})
	want := "GET " + site.URL + "/rest/api/2/serverInfo: the site redirected to " + other.URL +
		"; not following, so the credentials go nowhere else: give that address as --url if it is the Jira site"
	if err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
	if len(leaked) != 0 {
		t.Errorf("the other host was asked, with Authorization %q", leaked)
	}
}
