package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/hatcheck/hatcheck/sources/fetch"
)

// fetchTimeout bounds each request to Jira; a slow page is retried, not waited on forever.
const fetchTimeout = time.Minute

// credentialFlags are flags people try for credentials; they get pointed at the environment
// instead of a bare "unknown flag".
var credentialFlags = []string{"--user", "--token", "--api-token", "--password", "--pat"}

func runFetch(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("hatcheck fetch", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var (
		url, jql, output, config string
		server, quiet, noConfig  bool
		timeout                  time.Duration
	)
	fs.StringVar(&url, "url", "", "Jira site `URL`, e.g. https://acme.atlassian.net (default: jira.url in the config)")
	fs.StringVar(&jql, "jql", "", "`JQL` query selecting the issues (default: jira.jql in the config)")
	fs.StringVarP(&output, "output", "o", "", "write the export to `FILE`, atomically (default: standard output)")
	fs.BoolVar(&server, "server", false, "the site is Jira Server or Data Center (default: detected)")
	fs.DurationVar(&timeout, "timeout", fetchTimeout, "give up on one request after `D`; it is then retried")
	fs.BoolVarP(&quiet, "quiet", "q", false, "no progress bar and no summary line")
	fs.StringVarP(&config, "config", "c", "", "config `FILE` to read jira.url and jira.jql from")
	fs.BoolVar(&noConfig, "no-config", false, "ignore config files")
	usage := func(w io.Writer) {
		fmt.Fprintf(w, "Usage: hatcheck fetch --url URL --jql JQL [-o FILE] [flags]\n\n"+
			"Downloads the issues the JQL selects, with complete changelogs and field names, into one\n"+
			"Jira search-response export that hatcheck lint --jira reads.\n\n"+
			"Credentials come from the environment only: %s and %s (basic auth; Jira Cloud: your\n"+
			"email and an API token), or %s (a personal access token, Server or Data Center).\n\nFlags:\n%s",
			fetch.EnvUser, fetch.EnvAPIToken, fetch.EnvPAT, fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			usage(stdout)
			return exitOK
		}
		for _, a := range args {
			name, _, _ := strings.Cut(a, "=")
			for _, cf := range credentialFlags {
				if name == cf {
					fmt.Fprintf(stderr, "hatcheck: fetch takes no %s flag: credentials come from the environment only, %s and %s, or %s\n",
						cf, fetch.EnvUser, fetch.EnvAPIToken, fetch.EnvPAT)
					return exitError
				}
			}
		}
		fmt.Fprintf(stderr, "hatcheck: fetch: %v (see hatcheck fetch --help)\n", err)
		return exitError
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "hatcheck: fetch: unexpected argument %q: the query goes in --jql\n", fs.Arg(0))
		return exitError
	}
	if timeout <= 0 {
		fmt.Fprintf(stderr, "hatcheck: fetch: --timeout %s: expected a positive duration, like 30s or 2m\n", timeout)
		return exitError
	}
	if url == "" || jql == "" {
		cfg, err := loadConfig(&lintFlags{config: config, noConfig: noConfig})
		if err != nil {
			return fail(stderr, err)
		}
		if url == "" {
			url = cfg.Jira.URL
		}
		if jql == "" {
			jql = cfg.Jira.JQL
		}
	}
	if url == "" || jql == "" {
		fmt.Fprintln(stderr, "hatcheck: fetch needs a site and a query: give --url and --jql (or jira.url and jira.jql in .hatcheck.yaml)")
		return exitError
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgressBar(stderr, quiet)
	opts := fetch.Options{URL: url, JQL: jql, Server: server, HTTPClient: &http.Client{Timeout: timeout}, Progress: bar.update}
	var stats fetch.Stats
	var err error
	dest := output
	if output == "" || output == "-" {
		dest = "standard output"
		stats, err = fetchToWriter(ctx, opts, stdout)
	} else {
		stats, err = fetch.WriteFile(ctx, opts, output)
	}
	bar.finish()
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "hatcheck: fetch interrupted: nothing written")
			return exitError
		}
		return fail(stderr, err)
	}
	if !quiet {
		fmt.Fprintf(stderr, "hatcheck: %s; written to %s\n", describeFetch(url, stats), dest)
	}
	return exitOK
}

// fetchToWriter fetches into a temporary file and copies it to w only once the fetch
// succeeded, so a failure midway leaves no half document on standard output.
func fetchToWriter(ctx context.Context, opts fetch.Options, w io.Writer) (fetch.Stats, error) {
	tmp, err := os.CreateTemp("", "hatcheck-fetch-*.json")
	if err != nil {
		return fetch.Stats{}, fmt.Errorf("cannot make a temporary file: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	stats, err := fetch.Fetch(ctx, opts, tmp)
	if err != nil {
		return stats, err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return stats, err
	}
	if _, err := io.Copy(w, tmp); err != nil {
		return stats, fmt.Errorf("writing the export: %w", err)
	}
	return stats, nil
}

// fetchForLint fetches into memory for "lint --url URL --jql JQL", with the progress bar
// and, unless quiet, a line saying what was fetched.
func fetchForLint(ctx context.Context, url, jql string, server, quiet bool, stderr io.Writer) ([]byte, error) {
	if url == "" || jql == "" {
		return nil, errors.New("fetching from Jira needs both a site and a query: give --url and --jql (or jira.url and jira.jql in .hatcheck.yaml)")
	}
	bar := newProgressBar(stderr, quiet)
	data, stats, err := fetch.FetchToBytes(ctx, fetch.Options{
		URL: url, JQL: jql, Server: server,
		HTTPClient: &http.Client{Timeout: fetchTimeout},
		Progress:   bar.update,
	})
	bar.finish()
	if err != nil {
		if ctx.Err() != nil {
			return nil, errors.New("fetch interrupted")
		}
		return nil, err
	}
	if !quiet {
		fmt.Fprintf(stderr, "hatcheck: %s\n", describeFetch(url, stats))
	}
	return data, nil
}

// describeFetch says what a fetch got, for the summary line.
func describeFetch(url string, s fetch.Stats) string {
	var b strings.Builder
	fmt.Fprintf(&b, "fetched %s from %s (%s)", countNoun(s.Issues, "issue"), strings.TrimSuffix(url, "/"), s.Deployment)
	if s.ChangelogsCompleted > 0 {
		fmt.Fprintf(&b, ", %s completed", countNoun(s.ChangelogsCompleted, "changelog"))
	}
	if s.ChangelogsIncomplete > 0 {
		fmt.Fprintf(&b, ", %s left as the search sent them", countNoun(s.ChangelogsIncomplete, "changelog"))
	}
	if s.Duplicates > 0 {
		fmt.Fprintf(&b, ", %s repeated by later pages skipped", countNoun(s.Duplicates, "issue"))
	}
	if s.Retries > 0 {
		fmt.Fprintf(&b, ", %s after waiting %s", countNoun(s.Retries, "retry"), s.Waited.Round(time.Second))
	}
	return b.String()
}

// countNoun writes a count with its noun, in the plural unless the count is one.
func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// progressBar draws the fetch's progress on stderr when it is a terminal, and nothing
// otherwise, so logs and pipes stay clean.
type progressBar struct {
	w     io.Writer
	drawn bool
}

func newProgressBar(stderr io.Writer, quiet bool) *progressBar {
	f, ok := stderr.(*os.File)
	if quiet || !ok || !isTerminal(f) {
		return &progressBar{}
	}
	return &progressBar{w: stderr}
}

// update redraws the line: a bar with done/total when Jira gave a total, else a counter.
func (p *progressBar) update(done, total int) {
	if p.w == nil {
		return
	}
	p.drawn = true
	fmt.Fprint(p.w, "\r"+progressLine(done, total))
}

// finish clears the bar, so that what is printed next starts on a clean line.
func (p *progressBar) finish() {
	if p.w != nil && p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

const progressWidth = 30

func progressLine(done, total int) string {
	if total <= 0 {
		return fmt.Sprintf("fetching: %d issues", done)
	}
	filled := min(progressWidth, done*progressWidth/total)
	return fmt.Sprintf("fetching [%s%s] %d/%d issues", strings.Repeat("=", filled), strings.Repeat(" ", progressWidth-filled), done, total)
}
