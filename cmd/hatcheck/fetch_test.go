package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/hatcheck/hatcheck/sources/fetch"
)

const fetchTestToken = "ATATT3xFfGF0-cmd-s3cr3t"

// recordedJira serves the recorded Server answers in testdata/fetch: a two-page search
// and the issue whose changelog the search truncated. A status of 401 makes every request
// answer it with the recorded body.
func recordedJira(t *testing.T, status int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(recordedHandler(status))
	t.Cleanup(srv.Close)
	return srv
}

func recordedHandler(status int) http.Handler {
	dir := filepath.Join("..", "..", "testdata", "fetch")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		file := ""
		switch {
		case status == http.StatusUnauthorized:
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(status)
			body, _ := os.ReadFile(filepath.Join(dir, "errors", "401.txt"))
			w.Write(body)
			return
		case r.URL.Path == "/rest/api/2/serverInfo":
			file = "server/serverInfo.json"
		case r.URL.Path == "/rest/api/2/search":
			file = fmt.Sprintf("server/search-start%s.json", r.URL.Query().Get("startAt"))
		case r.URL.Path == "/rest/api/2/issue/OPS-2":
			file = "server/issue-OPS-2.json"
		}
		body, err := os.ReadFile(filepath.Join(dir, file))
		if file == "" || err != nil {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, `{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
}

// TestFetchScripts runs the end-to-end scripts in testdata/fetch/script against a site
// replaying the recorded answers: $JIRA_URL answers them, $JIRA_DENIED answers 401, and
// site.yaml names $JIRA_URL and a query.
func TestFetchScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("..", "..", "testdata", "fetch", "script"),
		Setup: func(env *testscript.Env) error {
			site := httptest.NewServer(recordedHandler(http.StatusOK))
			denied := httptest.NewServer(recordedHandler(http.StatusUnauthorized))
			env.Defer(site.Close)
			env.Defer(denied.Close)
			// A config naming the site, which a txtar file cannot do: it knows no variables.
			config := "version: 1\njira:\n  url: " + site.URL + "\n  jql: project = OPS\n"
			if err := os.WriteFile(filepath.Join(env.WorkDir, "site.yaml"), []byte(config), 0o644); err != nil {
				return err
			}
			env.Setenv("JIRA_URL", site.URL)
			env.Setenv("JIRA_DENIED", denied.URL)
			env.Setenv("JIRA_USER", "")
			env.Setenv("JIRA_API_TOKEN", "")
			env.Setenv("JIRA_PAT", "")
			env.Setenv("GITHUB_ACTIONS", "")
			env.Setenv("NO_COLOR", "")
			return nil
		},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
	})
}

// setCredentials puts basic-auth credentials in the environment for the test.
func setCredentials(t *testing.T) {
	t.Setenv("JIRA_USER", "ana@acme.example")
	t.Setenv("JIRA_API_TOKEN", fetchTestToken)
	t.Setenv("JIRA_PAT", "")
}

func runFetchTest(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = runFetch(args, strings.NewReader(""), &out, &errOut)
	for _, s := range []string{out.String(), errOut.String()} {
		if strings.Contains(s, fetchTestToken) {
			t.Errorf("the token was printed:\n%s", s)
		}
	}
	return code, out.String(), errOut.String()
}

func exportKeys(t *testing.T, data []byte) []string {
	t.Helper()
	var doc struct {
		Issues []struct{ Key string } `json:"issues"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not a JSON export: %v", err)
	}
	var keys []string
	for _, is := range doc.Issues {
		keys = append(keys, is.Key)
	}
	return keys
}

func TestFetchCommandWritesFile(t *testing.T) {
	srv := recordedJira(t, http.StatusOK)
	setCredentials(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "ops.json")
	code, stdout, stderr := runFetchTest(t, "--no-config", "--url", srv.URL, "--jql", "project = OPS", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing", stdout)
	}
	want := "hatcheck: fetched 3 issues from " + srv.URL + " (Server), 1 changelog completed; written to " + out + "\n"
	if stderr != want {
		t.Errorf("stderr\n got %q\nwant %q", stderr, want)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if keys := exportKeys(t, data); !slices.Equal(keys, []string{"OPS-1", "OPS-2", "OPS-3"}) {
		t.Errorf("export holds %q", keys)
	}
	if bytes.Contains(data, []byte(fetchTestToken)) {
		t.Error("the export holds the token")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only the export", len(entries))
	}
}

func TestFetchCommandToStdout(t *testing.T) {
	srv := recordedJira(t, http.StatusOK)
	setCredentials(t)
	code, stdout, stderr := runFetchTest(t, "--no-config", "--url", srv.URL, "--jql", "project = OPS", "--server", "-q", "-o", "-")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q; want 0 and nothing with -q", code, stderr)
	}
	if keys := exportKeys(t, []byte(stdout)); !slices.Equal(keys, []string{"OPS-1", "OPS-2", "OPS-3"}) {
		t.Errorf("export holds %q", keys)
	}
}

func TestFetchCommandErrors(t *testing.T) {
	ok := recordedJira(t, http.StatusOK)
	unauthorized := recordedJira(t, http.StatusUnauthorized)
	tests := []struct {
		name    string
		args    []string
		noCreds bool
		want    string // the whole of stderr; SITE stands for the server's address
	}{
		{
			name: "no URL",
			args: []string{"--jql", "project = OPS"},
			want: "hatcheck: fetch needs a site and a query: give --url and --jql (or jira.url and jira.jql in .hatcheck.yaml)\n",
		},
		{
			name: "a token flag",
			args: []string{"--url", "SITE", "--jql", "x", "--token=abc"},
			want: "hatcheck: fetch takes no --token flag: credentials come from the environment only, JIRA_USER and JIRA_API_TOKEN, or JIRA_PAT\n",
		},
		{
			name: "an unknown flag",
			args: []string{"--url", "SITE", "--jql", "x", "--pages", "3"},
			want: "hatcheck: fetch: unknown flag: --pages (see hatcheck fetch --help)\n",
		},
		{
			name: "a stray argument",
			args: []string{"--url", "SITE", "project = OPS"},
			want: "hatcheck: fetch: unexpected argument \"project = OPS\": the query goes in --jql\n",
		},
		{
			name: "a bad timeout",
			args: []string{"--url", "SITE", "--jql", "x", "--timeout", "0s"},
			want: "hatcheck: fetch: --timeout 0s: expected a positive duration, like 30s or 2m\n",
		},
		{
			name:    "no credentials",
			args:    []string{"--url", "SITE", "--jql", "x"},
			noCreds: true,
			want:    "hatcheck: no Jira credentials in the environment: set JIRA_USER and JIRA_API_TOKEN (Jira Cloud: your account email and an API token), or JIRA_PAT (a personal access token, Server or Data Center)\n",
		},
		{
			name: "refused credentials",
			args: []string{"--url", "UNAUTHORIZED", "--jql", "x", "-o", "OUT"},
			want: "hatcheck: Jira refused the credentials (401 Unauthorized) for GET UNAUTHORIZED/rest/api/2/serverInfo, using JIRA_USER and JIRA_API_TOKEN; check that JIRA_USER is the account's email address (Cloud) or user name (Server) and that JIRA_API_TOKEN is a current API token for this site\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.noCreds {
				t.Setenv("JIRA_USER", "")
				t.Setenv("JIRA_API_TOKEN", "")
				t.Setenv("JIRA_PAT", "")
			} else {
				setCredentials(t)
			}
			out := filepath.Join(t.TempDir(), "export.json")
			replace := strings.NewReplacer("UNAUTHORIZED", unauthorized.URL, "SITE", ok.URL, "OUT", out)
			args := []string{"--no-config"}
			for _, a := range tt.args {
				args = append(args, replace.Replace(a))
			}
			code, stdout, stderr := runFetchTest(t, args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if want := replace.Replace(tt.want); stderr != want {
				t.Errorf("stderr\n got %q\nwant %q", stderr, want)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("an export was written")
			}
		})
	}
}

func TestProgressLine(t *testing.T) {
	tests := []struct {
		done, total int
		want        string
	}{
		{0, 40, "fetching [                              ] 0/40 issues"},
		{20, 40, "fetching [===============               ] 20/40 issues"},
		{40, 40, "fetching [==============================] 40/40 issues"},
		{7, -1, "fetching: 7 issues"},
	}
	for _, tt := range tests {
		if got := progressLine(tt.done, tt.total); got != tt.want {
			t.Errorf("progressLine(%d, %d) = %q, want %q", tt.done, tt.total, got, tt.want)
		}
	}
}

func TestFetchForLint(t *testing.T) {
	srv := recordedJira(t, http.StatusOK)
	setCredentials(t)
	var stderr bytes.Buffer
	data, err := fetchForLint(context.Background(), srv.URL, "project = OPS", false, false, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if keys := exportKeys(t, data); !slices.Equal(keys, []string{"OPS-1", "OPS-2", "OPS-3"}) {
		t.Errorf("export holds %q", keys)
	}
	if want := "hatcheck: fetched 3 issues from " + srv.URL + " (Server), 1 changelog completed\n"; stderr.String() != want {
		t.Errorf("stderr\n got %q\nwant %q", stderr.String(), want)
	}

	stderr.Reset()
	_, err = fetchForLint(context.Background(), srv.URL, "", false, true, &stderr)
	if want := "fetching from Jira needs both a site and a query: give --url and --jql (or jira.url and jira.jql in .hatcheck.yaml)"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr %q with quiet", stderr.String())
	}
}

func TestDescribeFetch(t *testing.T) {
	got := describeFetch("https://acme.atlassian.net/", fetch.Stats{Deployment: "Cloud", Issues: 120, ChangelogsCompleted: 1,
		ChangelogsIncomplete: 2, Duplicates: 1, Retries: 3, Waited: 7400 * time.Millisecond})
	want := "fetched 120 issues from https://acme.atlassian.net (Cloud), 1 changelog completed, 2 changelogs left as the search sent them, 1 issue repeated by later pages skipped, 3 retries after waiting 7s"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
