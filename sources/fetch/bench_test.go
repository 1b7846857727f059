package fetch_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/hatcheck/hatcheck/sources/fetch"
)

// syntheticSearch builds a Server search of n issues with h histories each, in pages of
// size; every tenth issue's changelog comes truncated and is completed from the issue
// endpoint, as on a busy site.
func syntheticSearch(n, h, size int) (pages map[int][]byte, issues map[string][]byte) {
	history := func(key string, i int) string {
		return fmt.Sprintf(`{"id":"%s%03d","author":{"name":"olga","displayName":"Olga Owner"},"created":"2026-02-%02dT10:00:00.000+0000","items":[{"field":"Rank","fieldtype":"custom","from":"","fromString":"","to":"","toString":"Ranked higher"}]}`,
			strings.TrimPrefix(key, "OPS-"), i, 1+i%28)
	}
	issue := func(i int, histories int, full bool) string {
		key := "OPS-" + strconv.Itoa(i)
		var hs []string
		for j := 0; j < histories; j++ {
			hs = append(hs, history(key, j))
		}
		return fmt.Sprintf(`{"id":"%d","key":"%s","fields":{"summary":"Issue %d with a summary of ordinary length","status":{"name":"To Do","statusCategory":{"key":"new"}},"issuetype":{"name":"Story","subtask":false},"project":{"key":"OPS"},"customfield_10100":"0|i%05d:","created":"2026-01-01T09:00:00.000+0000","updated":"2026-03-01T09:00:00.000+0000","description":"%s"},"changelog":{"startAt":0,"maxResults":%d,"total":%d,"histories":[%s]}}`,
			10000+i, key, i, i, strings.Repeat("words ", 40), len(hs), h, strings.Join(hs, ","))
	}
	pages, issues = map[int][]byte{}, map[string][]byte{}
	for start := 0; start < n; start += size {
		var is []string
		for i := start; i < min(n, start+size); i++ {
			present := h
			if i%10 == 0 {
				present = h / 2
				issues["OPS-"+strconv.Itoa(i)] = []byte(issue(i, h, true))
			}
			is = append(is, issue(i, present, false))
		}
		pages[start] = []byte(fmt.Sprintf(`{"startAt":%d,"maxResults":%d,"total":%d,"issues":[%s],"names":{"customfield_10100":"Rank"}}`, start, size, n, strings.Join(is, ",")))
	}
	return pages, issues
}

// BenchmarkFetchServer measures a fetch of 2,000 issues with 20 histories each over a
// local server: paging, changelog completion and writing the export.
func BenchmarkFetchServer(b *testing.B) {
	pages, issues := syntheticSearch(2000, 20, 100)
	var served int64
	for _, p := range pages {
		served += int64(len(p))
	}
	for _, is := range issues {
		served += int64(len(is))
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if key, ok := strings.CutPrefix(r.URL.Path, "/rest/api/2/issue/"); ok {
			w.Write(issues[key])
			return
		}
		start, _ := strconv.Atoi(r.URL.Query().Get("startAt"))
		w.Write(pages[start])
	}))
	defer srv.Close()
	opts := fetch.Options{URL: srv.URL, JQL: "project = OPS", Server: true, Env: patEnv}
	b.SetBytes(served)
	b.ReportAllocs()
	for b.Loop() {
		stats, err := fetch.Fetch(context.Background(), opts, io.Discard)
		if err != nil || stats.Issues != 2000 || stats.ChangelogsCompleted != 200 {
			b.Fatalf("stats %+v, err %v", stats, err)
		}
	}
}
