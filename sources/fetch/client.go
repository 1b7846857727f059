package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	jira "github.com/andygrunwald/go-jira"
)

// The environment variables credentials come from. They are never read from flags, so they
// stay out of shell history and process listings.
const (
	EnvUser     = "JIRA_USER"
	EnvAPIToken = "JIRA_API_TOKEN"
	EnvPAT      = "JIRA_PAT"
)

// maxBody bounds what one answer may hold, so a misbehaving server cannot exhaust memory.
const maxBody = 1 << 30

// credentials are what the environment gave: the variables used (names only, for
// messages) and the secrets, which only the transport and redact ever see.
type credentials struct {
	scheme  string   // "basic" or "bearer"
	vars    []string // the variables used, for messages
	user    string
	secret  string
	secrets []string // every value to scrub from messages
}

func credentialsFrom(env func(string) string) (credentials, error) {
	user, token, pat := env(EnvUser), env(EnvAPIToken), env(EnvPAT)
	switch {
	case user != "" && token != "":
		return credentials{scheme: "basic", vars: []string{EnvUser, EnvAPIToken}, user: user, secret: token, secrets: nonEmpty(token, pat)}, nil
	case pat != "":
		return credentials{scheme: "bearer", vars: []string{EnvPAT}, secret: pat, secrets: nonEmpty(pat, token)}, nil
	case user != "":
		return credentials{}, fmt.Errorf("%s is set but %s is empty: set both (Jira Cloud: your account email and an API token), or set %s (a personal access token, Server or Data Center)", EnvUser, EnvAPIToken, EnvPAT)
	case token != "":
		return credentials{}, fmt.Errorf("%s is set but %s is empty: set both (Jira Cloud: your account email and an API token), or set %s (a personal access token, Server or Data Center)", EnvAPIToken, EnvUser, EnvPAT)
	}
	return credentials{}, fmt.Errorf("no Jira credentials in the environment: set %s and %s (Jira Cloud: your account email and an API token), or %s (a personal access token, Server or Data Center)", EnvUser, EnvAPIToken, EnvPAT)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// client is one fetch's connection to Jira: go-jira's client with the credentials in its
// transport, the options and the statistics.
type client struct {
	jc    *jira.Client
	base  *url.URL
	opts  Options
	creds credentials
	stats *Stats
}

func newClient(opts Options, stats *Stats) (*client, error) {
	opts, base, err := opts.normalize()
	if err != nil {
		return nil, err
	}
	creds, err := credentialsFrom(opts.Env)
	if err != nil {
		return nil, err
	}
	var rt http.RoundTripper
	switch creds.scheme {
	case "basic":
		rt = &jira.BasicAuthTransport{Username: creds.user, Password: creds.secret, Transport: opts.HTTPClient.Transport}
	default:
		rt = &jira.PATAuthTransport{Token: creds.secret, Transport: opts.HTTPClient.Transport}
	}
	hc := &http.Client{Transport: rt, Timeout: opts.HTTPClient.Timeout, Jar: opts.HTTPClient.Jar, CheckRedirect: sameSite(base, opts.HTTPClient.CheckRedirect)}
	jc, err := jira.NewClient(hc, base.String())
	if err != nil {
		return nil, fmt.Errorf("--url %s: %w", base.Redacted(), err)
	}
	return &client{jc: jc, base: base, opts: opts, creds: creds, stats: stats}, nil
}

// sameSite refuses redirects away from the site: go-jira's transports add the credentials
// to every request they carry, redirected ones included, so following a redirect to another
// host (a login page, a proxy's portal) would hand it the token.
func sameSite(base *url.URL, next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if !strings.EqualFold(req.URL.Host, base.Host) || (base.Scheme == "https" && req.URL.Scheme != "https") {
			return fmt.Errorf("the site redirected to %s://%s; not following, so the credentials go nowhere else: give that address as --url if it is the Jira site", req.URL.Scheme, req.URL.Host)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
}

// redact scrubs every secret from an error's message, as a last line of defence: no path
// is known to put one there, but an error message must never carry a token.
func (c *client) redact(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	scrubbed := msg
	for _, s := range c.creds.secrets {
		scrubbed = strings.ReplaceAll(scrubbed, s, "[redacted]")
	}
	if scrubbed == msg {
		return err
	}
	return &redactedError{msg: scrubbed, err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }

// Unwrap keeps errors.Is(err, context.Canceled) working.
func (e *redactedError) Unwrap() error { return e.err }

// AuthError is a 401 or 403 answer: the credentials were refused or lack permission.
type AuthError struct {
	Status   int
	Endpoint string   // method and URL, without the query
	Vars     []string // the environment variables the credentials came from
	Messages []string // Jira's errorMessages, if any
	Captcha  bool     // Server asks for a CAPTCHA after failed logins
}

func (e *AuthError) Error() string {
	var b strings.Builder
	used := strings.Join(e.Vars, " and ")
	if e.Status == http.StatusUnauthorized {
		fmt.Fprintf(&b, "Jira refused the credentials (401 Unauthorized) for %s, using %s", e.Endpoint, used)
	} else {
		fmt.Fprintf(&b, "Jira denied access (%d %s) to %s, using %s", e.Status, http.StatusText(e.Status), e.Endpoint, used)
	}
	if len(e.Messages) > 0 {
		fmt.Fprintf(&b, ": %s", strings.Join(e.Messages, "; "))
	}
	switch {
	case e.Captcha:
		b.WriteString("; the site asks for a CAPTCHA after failed logins: log in once in a browser, then check the credentials")
	case len(e.Vars) == 2:
		fmt.Fprintf(&b, "; check that %s is the account's email address (Cloud) or user name (Server) and that %s is a current API token for this site", e.Vars[0], e.Vars[1])
	default:
		fmt.Fprintf(&b, "; check that %s is a current personal access token for this site", e.Vars[0])
	}
	if e.Status == http.StatusForbidden && !e.Captcha {
		b.WriteString(", and that the account may browse the projects the JQL names")
	}
	return b.String()
}

// APIError is any other answer that ends the fetch: a 4xx, or a 429 or 5xx that outlasted
// the retries.
type APIError struct {
	Status   int
	Endpoint string   // method and URL, without the query
	Messages []string // Jira's errorMessages, then its errors as "field: message", sorted
	Attempts int      // more than 1 when retries were spent
	Reason   string   // why retrying stopped, if it did
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Jira answered %d %s to %s", e.Status, http.StatusText(e.Status), e.Endpoint)
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (%d attempts)", e.Attempts)
	}
	if len(e.Messages) > 0 {
		fmt.Fprintf(&b, ": %s", strings.Join(e.Messages, "; "))
	}
	if e.Reason != "" {
		fmt.Fprintf(&b, "; %s", e.Reason)
	}
	return b.String()
}

// jiraMessages reads Jira's error body: {"errorMessages": [...], "errors": {field: msg}}.
// A body that is not such JSON yields nothing rather than echoing an HTML page.
func jiraMessages(body []byte) []string {
	var e struct {
		ErrorMessages []string          `json:"errorMessages"`
		Errors        map[string]string `json:"errors"`
		Message       string            `json:"message"`
	}
	if json.Unmarshal(body, &e) != nil {
		return nil
	}
	msgs := nonEmpty(e.ErrorMessages...)
	fields := make([]string, 0, len(e.Errors))
	for f := range e.Errors {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		msgs = append(msgs, f+": "+e.Errors[f])
	}
	if len(msgs) == 0 && e.Message != "" {
		msgs = append(msgs, e.Message)
	}
	return msgs
}

// get sends a GET and returns the body of a 2xx answer, retrying as retryable says.
func (c *client) get(ctx context.Context, path string, query url.Values) ([]byte, error) {
	return c.do(ctx, http.MethodGet, path, query, nil)
}

// do sends one request, retrying 429 and 5xx answers and transient network errors with
// exponential backoff and jitter, honouring Retry-After, within MaxAttempts and MaxWait.
func (c *client) do(ctx context.Context, method, path string, query url.Values, body []byte) ([]byte, error) {
	target := path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	endpoint := method + " " + c.endpoint(path)
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var rd io.Reader
		if body != nil {
			rd = bytes.NewReader(body)
		}
		req, err := c.jc.NewRawRequestWithContext(ctx, method, target, rd)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", endpoint, err)
		}
		req.Header.Set("Accept", "application/json")
		c.stats.Requests++
		resp, err := c.jc.Do(req, nil)
		var status int
		var data []byte
		var header http.Header
		if resp != nil && resp.Response != nil {
			status, header = resp.StatusCode, resp.Header
			var rerr error
			if data, rerr = readBody(resp.Body); rerr != nil {
				// A body cut off in transit is a network error, whatever the status said.
				status, err = 0, rerr
			}
		}
		if err == nil {
			return data, nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		if status == 0 && !transient(err) {
			return nil, fmt.Errorf("%s: %w", endpoint, unwrapURLError(err))
		}
		switch {
		case status == http.StatusUnauthorized || status == http.StatusForbidden:
			return nil, &AuthError{
				Status: status, Endpoint: endpoint, Vars: c.creds.vars, Messages: jiraMessages(data),
				Captcha: strings.Contains(header.Get("X-Authentication-Denied-Reason"), "CAPTCHA"),
			}
		case status != 0 && status != http.StatusTooManyRequests && status < 500:
			return nil, &APIError{Status: status, Endpoint: endpoint, Messages: jiraMessages(data), Attempts: attempt}
		}
		// A 429, a 5xx or a transient network error: wait and try again, if allowed.
		wait, fromServer := c.backoff(attempt, header)
		reason := ""
		switch {
		case attempt >= c.opts.MaxAttempts:
			reason = fmt.Sprintf("gave up after %d attempts", attempt)
		case waited+wait > c.opts.MaxWait && fromServer:
			reason = fmt.Sprintf("Jira asked to wait %s, beyond the %s allowed", wait.Round(time.Second), c.opts.MaxWait)
		case waited+wait > c.opts.MaxWait:
			reason = fmt.Sprintf("gave up after waiting %s", waited.Round(time.Second))
		}
		if reason != "" {
			if status == 0 {
				return nil, fmt.Errorf("%s: %w (%d attempts; %s)", endpoint, unwrapURLError(err), attempt, reason)
			}
			return nil, &APIError{Status: status, Endpoint: endpoint, Messages: jiraMessages(data), Attempts: attempt, Reason: reason}
		}
		if err := c.opts.Sleep(ctx, wait); err != nil {
			return nil, err
		}
		waited += wait
		c.stats.Waited += wait
		c.stats.Retries++
	}
}

// endpoint is the URL of path on the site, for messages: no query, no credentials.
func (c *client) endpoint(path string) string {
	u := *c.base
	u.Path = strings.TrimSuffix(u.Path, "/") + "/" + strings.TrimPrefix(path, "/")
	return u.Redacted()
}

// readBody reads an answer's body whatever its status, so error answers can be quoted.
func readBody(body io.ReadCloser) ([]byte, error) {
	defer body.Close()
	data, err := io.ReadAll(io.LimitReader(body, maxBody+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxBody {
		return nil, errors.New("answer larger than 1 GiB")
	}
	return data, nil
}

// backoff is how long to wait before attempt+1: Retry-After when the server gives it (in
// seconds or as an HTTP date), else 1s, 2s, 4s... up to 30s, each with up to half of it
// taken off at random so that many clients do not retry in step.
func (c *client) backoff(attempt int, header http.Header) (time.Duration, bool) {
	if ra := header.Get("Retry-After"); ra != "" {
		if secs, err := strconv.Atoi(strings.TrimSpace(ra)); err == nil && secs >= 0 {
			return time.Duration(secs) * time.Second, true
		}
		if t, err := http.ParseTime(ra); err == nil {
			return max(t.Sub(c.opts.Now()), 0), true
		}
	}
	ceiling := min(time.Second<<min(attempt-1, 5), 30*time.Second)
	return ceiling/2 + time.Duration(c.opts.Jitter()*float64(ceiling/2)), false
}

// transient reports network errors worth retrying: timeouts and dropped connections. A
// refused connection or an unknown host is a wrong URL, which retrying will not fix.
func transient(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// unwrapURLError drops net/http's "Get \"URL\":" prefix, since messages already name the
// endpoint.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
