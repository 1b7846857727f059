// Package fetch downloads issues from a live Jira site into one search-response document
// that sources/jira reads like any export: every issue as Jira sent it, with its changelog
// completed and the field names of every page merged.
//
// It speaks to Jira Cloud (/rest/api/3/search/jql, paged by nextPageToken) and to Jira
// Server and Data Center (/rest/api/2/search, paged by startAt) through go-jira's client,
// takes credentials only from the environment, and retries rate limits and server errors
// with backoff. It only ever reads from Jira.
package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Options says what to fetch and how.
type Options struct {
	// URL is the Jira site, e.g. https://acme.atlassian.net or https://jira.example.com/jira.
	URL string
	// JQL selects the issues.
	JQL string
	// Server forces the Server/Data Center API instead of detecting the deployment.
	Server bool
	// HTTPClient is the client whose transport and timeout are used; credentials are added
	// on top of its transport. Nil means a client with a one-minute timeout per request.
	HTTPClient *http.Client
	// Env looks up environment variables (JIRA_USER, JIRA_API_TOKEN, JIRA_PAT); nil means
	// os.Getenv.
	Env func(string) string
	// Progress, when set, is called after each issue with the issues done so far and the
	// total, or -1 when Jira does not say.
	Progress func(done, total int)
	// PageSize is the maxResults asked of every search page; 0 means 100.
	PageSize int
	// MaxAttempts bounds the attempts of one request answered 429 or 5xx; 0 means 6.
	MaxAttempts int
	// MaxWait bounds the total time one request spends waiting between attempts; 0 means
	// two minutes. A Retry-After longer than what is left ends the fetch at once.
	MaxWait time.Duration
	// Sleep waits for d or until ctx is done; nil means a real timer. Tests inject it so
	// they never sleep.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock Retry-After dates are measured against; nil means time.Now.
	Now func() time.Time
	// Jitter returns a number in [0, 1) that spreads backoff waits; nil means math/rand.
	Jitter func() float64
}

// Stats tells what a fetch did.
type Stats struct {
	// Deployment is "Cloud", "Server" or "DataCenter" (as serverInfo says), or "Server"
	// when forced.
	Deployment string
	// API is the search endpoint used, e.g. "rest/api/3/search/jql".
	API string
	// Issues is the number of issues written.
	Issues int
	// Duplicates counts issues a later page repeated (offset paging while issues change);
	// only the first copy is written.
	Duplicates int
	// ChangelogsCompleted counts issues whose truncated changelog was completed.
	ChangelogsCompleted int
	// ChangelogsIncomplete counts issues whose changelog stayed short of its total because
	// the site offers no way to page it.
	ChangelogsIncomplete int
	// Requests counts HTTP requests sent, retries included.
	Requests int
	// Retries counts requests repeated after a 429, a 5xx or a transient network error.
	Retries int
	// Waited is the total time spent waiting before retries.
	Waited time.Duration
}

// Fetch runs the JQL search against the site and writes one search-response document to
// w. On error, w may hold part of a document: callers write to a temporary file and keep it
// only when Fetch succeeds (see WriteFile).
func Fetch(ctx context.Context, opts Options, w io.Writer) (Stats, error) {
	var stats Stats
	c, err := newClient(opts, &stats)
	if err != nil {
		return stats, err
	}
	if err := c.run(ctx, w); err != nil {
		return stats, c.redact(err)
	}
	return stats, nil
}

// FetchToBytes fetches into memory, for linting straight from Jira.
func FetchToBytes(ctx context.Context, opts Options) ([]byte, Stats, error) {
	var buf bytes.Buffer
	stats, err := Fetch(ctx, opts, &buf)
	if err != nil {
		return nil, stats, err
	}
	return buf.Bytes(), stats, nil
}

// WriteFile fetches into the file at path atomically: the document goes to a temporary file
// in the same folder, renamed over path only when the whole fetch succeeded, so an error or
// an interrupt leaves no partial file and an existing file untouched.
func WriteFile(ctx context.Context, opts Options, path string) (Stats, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return Stats{}, fmt.Errorf("cannot write %s: it is a folder; name the export file, e.g. %s", path, filepath.Join(path, "export.json"))
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return Stats{}, fmt.Errorf("cannot write %s: %w", path, unwrapPathError(err))
	}
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	stats, err := Fetch(ctx, opts, tmp)
	if err != nil {
		return stats, err
	}
	if err := tmp.Sync(); err != nil {
		return stats, fmt.Errorf("cannot write %s: %w", path, unwrapPathError(err))
	}
	if err := tmp.Chmod(0o644); err != nil {
		return stats, fmt.Errorf("cannot write %s: %w", path, unwrapPathError(err))
	}
	if err := tmp.Close(); err != nil {
		return stats, fmt.Errorf("cannot write %s: %w", path, unwrapPathError(err))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return stats, fmt.Errorf("cannot write %s: %w", path, unwrapPathError(err))
	}
	keep = true
	return stats, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// normalize fills in the defaults and checks the URL and JQL.
func (o Options) normalize() (Options, *url.URL, error) {
	if o.URL == "" {
		return o, nil, errors.New("no Jira site: give --url (e.g. https://acme.atlassian.net)")
	}
	u, err := url.Parse(o.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return o, nil, fmt.Errorf("--url %q: expected the site's address, like https://acme.atlassian.net", o.URL)
	}
	if u.User != nil {
		return o, nil, errors.New("--url must not hold credentials: set JIRA_USER and JIRA_API_TOKEN, or JIRA_PAT, in the environment instead")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return o, nil, fmt.Errorf("--url %s: expected the site's address without a query or fragment", u.Redacted())
	}
	if strings.TrimSpace(o.JQL) == "" {
		return o, nil, errors.New("no JQL: give --jql (e.g. \"project = PAY\")")
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: time.Minute}
	}
	if o.Env == nil {
		o.Env = os.Getenv
	}
	if o.PageSize <= 0 {
		o.PageSize = 100
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 6
	}
	if o.MaxWait <= 0 {
		o.MaxWait = 2 * time.Minute
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Jitter == nil {
		o.Jitter = rand.Float64
	}
	return o, u, nil
}

// sleep waits for d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
