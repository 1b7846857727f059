package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The search endpoints, newest first. Jira Cloud retired /rest/api/{2,3}/search in favour
// of search/jql, paged by token; Server and Data Center only have /rest/api/2/search.
const (
	cloudSearchV3 = "rest/api/3/search/jql"
	cloudSearchV2 = "rest/api/2/search/jql"
	serverSearch  = "rest/api/2/search"
)

// searchPage is the part of a search answer that drives paging. Issues stay raw so that
// they are written exactly as Jira sent them.
type searchPage struct {
	Issues        []json.RawMessage          `json:"issues"`
	Names         map[string]json.RawMessage `json:"names"`
	StartAt       int                        `json:"startAt"`
	MaxResults    int                        `json:"maxResults"`
	Total         *int                       `json:"total"`
	IsLast        *bool                      `json:"isLast"`
	NextPageToken string                     `json:"nextPageToken"`
}

// run detects the deployment, pages through the search and writes the export.
func (c *client) run(ctx context.Context, w io.Writer) error {
	cloud, err := c.detect(ctx)
	if err != nil {
		return err
	}
	out := newExportWriter(w)
	if err := out.begin(); err != nil {
		return err
	}
	total := -1
	emit := func(issues []json.RawMessage) error {
		for _, raw := range issues {
			if err := ctx.Err(); err != nil {
				return err
			}
			var head issueHead
			if len(raw) == 0 || raw[0] != '{' {
				return fmt.Errorf("Jira sent an issue that is not a JSON object: %.40s", raw)
			}
			if err := json.Unmarshal(raw, &head); err != nil {
				return fmt.Errorf("Jira sent an issue that is not a JSON object: %v", err)
			}
			if !out.claim(&head) {
				c.stats.Duplicates++
				continue
			}
			if head.truncated() {
				var err error
				if raw, err = c.completeChangelog(ctx, cloud, raw, &head); err != nil {
					return err
				}
			}
			if err := out.issue(raw); err != nil {
				return err
			}
			c.stats.Issues++
			if c.opts.Progress != nil {
				shown := total
				if shown >= 0 && shown < c.stats.Issues {
					shown = c.stats.Issues // issues created since Jira counted
				}
				c.opts.Progress(c.stats.Issues, shown)
			}
		}
		return nil
	}
	if cloud {
		total = c.approximateCount(ctx)
		err = c.searchCloud(ctx, out, emit)
	} else {
		err = c.searchServer(ctx, out, &total, emit)
	}
	if err != nil {
		return err
	}
	return out.end()
}

// detect tells Cloud from Server/Data Center by serverInfo's deploymentType. When
// serverInfo cannot be read (some proxies hide it), a site under atlassian.net is Cloud and
// any other is taken for Server.
func (c *client) detect(ctx context.Context) (cloud bool, err error) {
	if c.opts.Server {
		c.stats.Deployment = "Server"
		return false, nil
	}
	data, err := c.get(ctx, "rest/api/2/serverInfo", nil)
	var info struct {
		DeploymentType string `json:"deploymentType"`
	}
	switch {
	case err == nil && json.Unmarshal(data, &info) == nil && info.DeploymentType != "":
		c.stats.Deployment = info.DeploymentType
		return strings.EqualFold(info.DeploymentType, "Cloud"), nil
	case err == nil:
		return false, fmt.Errorf("%s does not look like a Jira site: GET %s did not answer Jira's server information (pass --server if it is Jira Server or Data Center behind a proxy)",
			c.base.Redacted(), c.endpoint("rest/api/2/serverInfo"))
	}
	var auth *AuthError
	if errors.As(err, &auth) || ctx.Err() != nil {
		return false, err
	}
	var api *APIError
	if !errors.As(err, &api) {
		return false, err // the site cannot be reached at all
	}
	host := strings.ToLower(c.base.Hostname())
	if strings.HasSuffix(host, ".atlassian.net") || strings.HasSuffix(host, ".jira.com") {
		c.stats.Deployment = "Cloud"
		return true, nil
	}
	c.stats.Deployment = "Server"
	return false, nil
}

// searchQuery is what every search page asks: all fields, the changelog and field names.
func (c *client) searchQuery() url.Values {
	q := url.Values{}
	q.Set("jql", c.opts.JQL)
	q.Set("fields", "*all")
	q.Set("expand", "changelog,names")
	q.Set("maxResults", strconv.Itoa(c.opts.PageSize))
	return q
}

// searchCloud pages search/jql by nextPageToken until isLast or no token. A site without
// the v3 endpoint is asked its v2 twin.
func (c *client) searchCloud(ctx context.Context, out *exportWriter, emit func([]json.RawMessage) error) error {
	endpoint := cloudSearchV3
	token := ""
	seen := map[string]bool{}
	for {
		q := c.searchQuery()
		if token != "" {
			q.Set("nextPageToken", token)
		}
		data, err := c.get(ctx, endpoint, q)
		var api *APIError
		if token == "" && endpoint == cloudSearchV3 && errors.As(err, &api) && api.Status == http.StatusNotFound {
			endpoint = cloudSearchV2
			data, err = c.get(ctx, endpoint, q)
		}
		if token == "" && errors.As(err, &api) && api.Status == http.StatusNotFound {
			return fmt.Errorf("%s has no Jira Cloud search (GET %s answered 404): if it is Jira Server or Data Center, pass --server", c.base.Redacted(), c.endpoint(endpoint))
		}
		if err != nil {
			return err
		}
		c.stats.API = endpoint
		page, err := c.decodePage(endpoint, data)
		if err != nil {
			return err
		}
		out.names(page.Names)
		if err := emit(page.Issues); err != nil {
			return err
		}
		if (page.IsLast != nil && *page.IsLast) || page.NextPageToken == "" {
			return nil
		}
		if seen[page.NextPageToken] {
			return fmt.Errorf("GET %s: Jira sent the page token %q twice; stopping rather than looping", c.endpoint(endpoint), page.NextPageToken)
		}
		seen[page.NextPageToken] = true
		token = page.NextPageToken
	}
}

// searchServer pages /rest/api/2/search by startAt, going by the maxResults the server
// actually used (it caps what is asked), until startAt reaches total or a page comes back
// short.
func (c *client) searchServer(ctx context.Context, out *exportWriter, total *int, emit func([]json.RawMessage) error) error {
	c.stats.API = serverSearch
	startAt := 0
	for {
		q := c.searchQuery()
		q.Set("startAt", strconv.Itoa(startAt))
		data, err := c.get(ctx, serverSearch, q)
		if err != nil {
			return err
		}
		page, err := c.decodePage(serverSearch, data)
		if err != nil {
			return err
		}
		if page.Total != nil {
			*total = *page.Total
		}
		out.names(page.Names)
		if err := emit(page.Issues); err != nil {
			return err
		}
		n := len(page.Issues)
		startAt = page.StartAt + n
		switch {
		case n == 0:
			return nil
		case page.Total != nil && startAt >= *page.Total:
			return nil
		case page.MaxResults > 0 && n < page.MaxResults:
			return nil
		}
	}
}

// approximateCount asks Jira Cloud how many issues the JQL matches, for the progress bar
// only: search/jql no longer says. Any failure just leaves the total unknown.
func (c *client) approximateCount(ctx context.Context) int {
	if c.opts.Progress == nil {
		return -1
	}
	body, _ := json.Marshal(map[string]string{"jql": c.opts.JQL})
	data, err := c.do(ctx, http.MethodPost, "rest/api/3/search/approximate-count", nil, body)
	if err != nil {
		return -1
	}
	var n struct {
		Count *int `json:"count"`
	}
	if json.Unmarshal(data, &n) != nil || n.Count == nil {
		return -1
	}
	return *n.Count
}

func (c *client) decodePage(endpoint string, data []byte) (*searchPage, error) {
	var page searchPage
	if err := json.Unmarshal(data, &page); err != nil {
		return nil, fmt.Errorf("GET %s: the answer is not a search result: %v", c.endpoint(endpoint), err)
	}
	if page.Issues == nil {
		return nil, fmt.Errorf("GET %s: the answer is not a search result: it has no \"issues\"", c.endpoint(endpoint))
	}
	return &page, nil
}
