package fetch_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// recorded is where the recorded Jira answers live, relative to this package.
var recorded = filepath.Join("..", "..", "testdata", "fetch")

// answer is one recorded reply: a status, headers and a body file under testdata/fetch
// (or an absolute path, for the real-world inputs).
type answer struct {
	status int
	header map[string]string
	file   string
	drop   bool   // close the connection without answering
	body   []byte // a JSON body built by the test, instead of a file
}

// ok is a 200 with a recorded JSON body.
func ok(file string) answer { return answer{status: 200, file: file} }

// fakeJira replays recorded answers. Routes are keyed "METHOD /path" plus, for paged
// endpoints, "?startAt=N" or "?nextPageToken=T"; each route answers its list in order and
// then repeats the last one. It records every request, and checks that every search asks
// for all fields, the changelog and the names.
type fakeJira struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	routes map[string][]answer
	hits   map[string]int
	log    []string // the route keys requested, in order
	auth   []string // the Authorization header of every request
	jql    string
}

func newFakeJira(t *testing.T, jql string, routes map[string][]answer) *fakeJira {
	t.Helper()
	f := &fakeJira{t: t, routes: routes, hits: map[string]int{}, jql: jql}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeJira) url() string { return f.srv.URL }

func routeKey(r *http.Request) string {
	key := r.Method + " " + r.URL.Path
	q := r.URL.Query()
	switch {
	case q.Has("nextPageToken"):
		key += "?nextPageToken=" + q.Get("nextPageToken")
	case q.Has("startAt"):
		key += "?startAt=" + q.Get("startAt")
	}
	return key
}

func (f *fakeJira) serve(w http.ResponseWriter, r *http.Request) {
	key := routeKey(r)
	f.mu.Lock()
	f.log = append(f.log, key)
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	list, found := f.routes[key]
	n := f.hits[key]
	f.hits[key]++
	f.mu.Unlock()
	if strings.Contains(r.URL.Path, "/search") && r.Method == http.MethodGet {
		q := r.URL.Query()
		if q.Get("fields") != "*all" || q.Get("expand") != "changelog,names" || q.Get("jql") != f.jql {
			http.Error(w, fmt.Sprintf(`{"errorMessages":["unexpected search query %s"]}`, r.URL.RawQuery), http.StatusBadRequest)
			return
		}
	}
	if !found {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, `{"errorMessages":["no recorded answer for %s"],"errors":{}}`, key)
		return
	}
	a := list[min(n, len(list)-1)]
	if a.drop {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			f.t.Errorf("hijack: %v", err)
			return
		}
		conn.Close()
		return
	}
	for k, v := range a.header {
		w.Header().Set(k, v)
	}
	body := a.body
	if body != nil {
		w.Header().Set("Content-Type", "application/json")
	}
	if a.file != "" {
		var err error
		path := a.file
		if !filepath.IsAbs(path) {
			path = filepath.Join(recorded, path)
		}
		body, err = os.ReadFile(path)
		if err != nil {
			f.t.Errorf("recorded answer: %v", err)
		}
		switch {
		case strings.HasSuffix(a.file, ".json"):
			w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		case strings.HasSuffix(a.file, ".html"):
			w.Header().Set("Content-Type", "text/html;charset=UTF-8")
		default:
			w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
		}
	}
	w.WriteHeader(a.status)
	w.Write(body)
}

// requests is the route keys requested so far.
func (f *fakeJira) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.log...)
}

func (f *fakeJira) authHeaders() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.auth...)
}
