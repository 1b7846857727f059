package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"time"

	"github.com/go-json-experiment/json/jsontext"
)

// changelogPage is a changelog as embedded in an issue ("histories") or as served by the
// issue changelog endpoint ("values", with isLast).
type changelogPage struct {
	StartAt    int               `json:"startAt"`
	MaxResults int               `json:"maxResults"`
	Total      int               `json:"total"`
	IsLast     *bool             `json:"isLast"`
	Histories  []json.RawMessage `json:"histories"`
	Values     []json.RawMessage `json:"values"`
}

// issueHead is what the fetch needs of every issue: its identity, and whether its
// changelog came truncated. Histories are only counted here; they are read when the
// changelog has to be completed.
type issueHead struct {
	ID        string `json:"id"`
	Key       string `json:"key"`
	Changelog *struct {
		Total     int        `json:"total"`
		Histories []struct{} `json:"histories"`
	} `json:"changelog"`
}

// truncated reports whether the changelog's total exceeds the histories present.
func (h *issueHead) truncated() bool {
	return h.Changelog != nil && h.Changelog.Total > len(h.Changelog.Histories)
}

// completeChangelog returns the issue with its truncated changelog completed: the missing
// histories come from the issue changelog endpoint and are spliced in, in order, without
// duplicates. Everything else in the issue stays byte for byte as Jira sent it.
func (c *client) completeChangelog(ctx context.Context, cloud bool, raw json.RawMessage, head *issueHead) (json.RawMessage, error) {
	var issue struct {
		Changelog changelogPage `json:"changelog"`
	}
	if err := json.Unmarshal(raw, &issue); err != nil {
		return nil, fmt.Errorf("Jira sent an issue that is not a JSON object: %v", err)
	}
	cl := &issue.Changelog
	ref := head.Key
	if ref == "" {
		ref = head.ID
	}
	var more []json.RawMessage
	var err error
	if cloud {
		more, err = c.pageChangelog(ctx, "rest/api/"+c.apiVersion()+"/issue/"+url.PathEscape(ref)+"/changelog", 0, false)
	} else {
		more, err = c.serverChangelog(ctx, ref)
	}
	var api *APIError
	if errors.As(err, &api) && api.Status == http.StatusNotFound {
		// The issue was deleted or moved out of reach since the search: keep what the
		// search sent, which history-incomplete will point out.
		c.stats.ChangelogsIncomplete++
		return raw, nil
	}
	if err != nil {
		return nil, fmt.Errorf("completing the changelog of %s: %w", ref, err)
	}
	histories := mergeHistories(cl.Histories, more)
	if len(histories) < cl.Total {
		c.stats.ChangelogsIncomplete++
	} else {
		c.stats.ChangelogsCompleted++
	}
	return spliceChangelog(raw, histories, max(cl.Total, len(histories)))
}

// apiVersion is the REST version the search used, so the changelog comes in the same
// shape (v3 descriptions are documents, v2 ones strings).
func (c *client) apiVersion() string {
	if c.stats.API == cloudSearchV3 {
		return "3"
	}
	return "2"
}

// serverChangelog reads an issue with expand=changelog, which Server and Data Center send
// whole; should one still come short, the changelog endpoint newer versions have is paged
// from where it stopped, and a site without it leaves the changelog as it is.
func (c *client) serverChangelog(ctx context.Context, ref string) ([]json.RawMessage, error) {
	q := url.Values{}
	q.Set("fields", "summary")
	q.Set("expand", "changelog")
	data, err := c.get(ctx, "rest/api/2/issue/"+url.PathEscape(ref), q)
	if err != nil {
		return nil, err
	}
	var issue struct {
		Changelog *changelogPage `json:"changelog"`
	}
	if err := json.Unmarshal(data, &issue); err != nil || issue.Changelog == nil {
		return nil, fmt.Errorf("GET %s: the answer holds no changelog", c.endpoint("rest/api/2/issue/"+ref))
	}
	got := issue.Changelog.Histories
	if issue.Changelog.Total <= len(got) {
		return got, nil
	}
	more, err := c.pageChangelog(ctx, "rest/api/2/issue/"+url.PathEscape(ref)+"/changelog", len(got), true)
	if err != nil {
		return nil, err
	}
	return append(got, more...), nil
}

// pageChangelog reads the issue changelog endpoint from startAt to the end, paged by
// startAt and maxResults until isLast, an empty page or total. optional makes a 404 (an
// endpoint the site lacks) an empty result rather than an error.
func (c *client) pageChangelog(ctx context.Context, path string, startAt int, optional bool) ([]json.RawMessage, error) {
	var out []json.RawMessage
	for {
		q := url.Values{}
		q.Set("startAt", strconv.Itoa(startAt))
		q.Set("maxResults", "100")
		data, err := c.get(ctx, path, q)
		var api *APIError
		if optional && errors.As(err, &api) && api.Status == http.StatusNotFound {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		var page changelogPage
		if err := json.Unmarshal(data, &page); err != nil {
			return nil, fmt.Errorf("GET %s: the answer is not a changelog page: %v", c.endpoint(path), err)
		}
		values := page.Values
		if values == nil {
			values = page.Histories
		}
		out = append(out, values...)
		startAt = page.StartAt + len(values)
		if len(values) == 0 || (page.IsLast != nil && *page.IsLast) || (page.IsLast == nil && startAt >= page.Total) {
			return out, nil
		}
	}
}

// historyKey is what ordering and deduplication need of a history.
type historyKey struct {
	ID      string `json:"id"`
	Created string `json:"created"`
}

// jiraTime is the layout of Jira's timestamps, e.g. 2026-03-02T10:15:00.000+0100.
const jiraTime = "2006-01-02T15:04:05.000-0700"

// mergeHistories joins the histories the search sent with those fetched, keeping the
// first copy of each id, ordered by creation time and then numeric id as SPEC §4.1 orders
// histories.
func mergeHistories(present, fetched []json.RawMessage) []json.RawMessage {
	type entry struct {
		raw  json.RawMessage
		at   time.Time
		okAt bool
		id   string
	}
	seen := map[string]bool{}
	var all []entry
	for _, raw := range append(append([]json.RawMessage(nil), present...), fetched...) {
		var k historyKey
		_ = json.Unmarshal(raw, &k) // a history that is not an object is kept, unordered
		if k.ID != "" {
			if seen[k.ID] {
				continue
			}
			seen[k.ID] = true
		}
		e := entry{raw: raw, id: k.ID}
		if t, err := parseJiraTime(k.Created); err == nil {
			e.at, e.okAt = t, true
		}
		all = append(all, e)
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.okAt && b.okAt && !a.at.Equal(b.at) {
			return a.at.Before(b.at)
		}
		return lessID(a.id, b.id)
	})
	out := make([]json.RawMessage, len(all))
	for i, e := range all {
		out[i] = e.raw
	}
	return out
}

func parseJiraTime(s string) (time.Time, error) {
	for _, layout := range []string{jiraTime, time.RFC3339Nano, "2006-01-02T15:04:05-0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a Jira time: %q", s)
}

// lessID orders history ids numerically, longer digit strings being larger.
func lessID(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// spliceChangelog replaces the issue's "changelog" member with the complete one and keeps
// every other byte of the issue as it was.
func spliceChangelog(raw json.RawMessage, histories []json.RawMessage, total int) (json.RawMessage, error) {
	start, end, err := memberSpan(raw, "changelog")
	if err != nil {
		return nil, err
	}
	var cl bytes.Buffer
	n := strconv.Itoa(len(histories))
	cl.WriteString(`{"startAt":0,"maxResults":` + n + `,"total":` + strconv.Itoa(total) + `,"histories":[`)
	for i, h := range histories {
		if i > 0 {
			cl.WriteByte(',')
		}
		cl.Write(bytes.TrimSpace(h))
	}
	cl.WriteString("]}")
	out := make([]byte, 0, len(raw)-(end-start)+cl.Len())
	out = append(out, raw[:start]...)
	out = append(out, cl.Bytes()...)
	out = append(out, raw[end:]...)
	return out, nil
}

// memberSpan finds the byte range of the value of a top-level member of a JSON object.
func memberSpan(obj []byte, name string) (start, end int, err error) {
	dec := jsontext.NewDecoder(bytes.NewReader(obj))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return 0, 0, fmt.Errorf("Jira sent an issue that is not a JSON object")
	}
	for dec.PeekKind() == '"' {
		tok, err := dec.ReadToken()
		if err != nil {
			return 0, 0, err
		}
		member := tok.String() // read now: the token is void after the next call
		val, err := dec.ReadValue()
		if err != nil {
			return 0, 0, err
		}
		if member == name {
			end := int(dec.InputOffset())
			return end - len(val), end, nil
		}
	}
	return 0, 0, fmt.Errorf("the issue has no %q member", name)
}
