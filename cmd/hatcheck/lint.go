package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"time"

	"github.com/spf13/pflag"

	"github.com/hatcheck/hatcheck/lint"
	"github.com/hatcheck/hatcheck/lint/report"
	"github.com/hatcheck/hatcheck/rules"
	"github.com/hatcheck/hatcheck/sources"
)

// lintFlags are the lint command's flags; each mirrors a configuration key.
type lintFlags struct {
	config, plan, failOn, baseline, now, since, color, url, jql string
	noConfig, showWaived, quiet, server                         bool
	jira, formats, enable, disable, only                        []string
}

func (f *lintFlags) register(fs *pflag.FlagSet) {
	fs.StringVarP(&f.config, "config", "c", "", "config `FILE` (default: .hatcheck.yaml in this folder or a parent up to the repository root)")
	fs.BoolVar(&f.noConfig, "no-config", false, "ignore config files and use the defaults")
	fs.StringArrayVarP(&f.jira, "jira", "j", nil, "Jira input: a JSON or CSV export, a folder of them, or - for stdin (repeatable)")
	fs.StringVarP(&f.plan, "plan", "p", "", "the Excel plan `FILE` (.xlsx/.xlsm)")
	fs.StringArrayVarP(&f.formats, "format", "f", nil, "output `NAME[=PATH]`: text, json, sarif, github, markdown, html, junit, rdjsonl (repeatable)")
	fs.StringVar(&f.failOn, "fail-on", "", "exit 1 on findings at or above `LEVEL`: error, warning, info, never (default error)")
	fs.StringVar(&f.baseline, "baseline", "", "JSON report `FILE` of an earlier run: findings already in it never fail the run")
	fs.StringVar(&f.now, "now", "", "reference `TIME` (YYYY-MM-DD or RFC 3339; default: now)")
	fs.StringVar(&f.since, "since", "", "history rules ignore changes before `DATE` (YYYY-MM-DD)")
	fs.StringArrayVar(&f.enable, "enable", nil, "enable `RULE` (repeatable)")
	fs.StringArrayVar(&f.disable, "disable", nil, "disable `RULE` (repeatable)")
	fs.StringArrayVar(&f.only, "only", nil, "run only `RULE` (repeatable)")
	fs.BoolVar(&f.showWaived, "show-waived", false, "also print waived and baseline findings in text output")
	fs.StringVar(&f.color, "color", "", "colour text output: auto, always, never (default auto)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "print findings only: no summary line")
	fs.StringVar(&f.url, "url", "", "Jira site `URL` to fetch from (with --jql; credentials from JIRA_USER+JIRA_API_TOKEN or JIRA_PAT)")
	fs.StringVar(&f.jql, "jql", "", "`JQL` query selecting the issues to fetch")
	fs.BoolVar(&f.server, "server", false, "the Jira site is Server or Data Center (default: detected)")
}

func runLint(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("hatcheck lint", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	var f lintFlags
	f.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: hatcheck [lint] [flags]\n\nFlags:\n%s", fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		fmt.Fprintf(stderr, "hatcheck: %v\n", err)
		return exitError
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "hatcheck: unexpected argument %q: inputs are given with -j/--jira and -p/--plan\n", fs.Arg(0))
		return exitError
	}
	cfg, err := loadConfig(&f)
	if err != nil {
		return fail(stderr, err)
	}
	if err := applyFlags(cfg, fs, &f); err != nil {
		return fail(stderr, err)
	}
	if err := cfg.CheckRuleNames(rules.All); err != nil {
		return fail(stderr, err)
	}
	now := time.Now()
	if f.now != "" {
		if now, err = lint.ParseTime(f.now, cfg.Timezone); err != nil {
			return fail(stderr, fmt.Errorf("--now: %w", err))
		}
	}
	in := sources.Inputs{Jira: cfg.Jira.Exports, Plan: cfg.Plan.File, Stdin: stdin}
	if cfg.Jira.URL != "" || cfg.Jira.JQL != "" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		data, err := fetchForLint(ctx, cfg.Jira.URL, cfg.Jira.JQL, cfg.Jira.Server || f.server, cfg.Quiet, stderr)
		stop()
		if err != nil {
			return fail(stderr, err)
		}
		in.Fetched = append(in.Fetched, sources.Fetched{Name: cfg.Jira.URL, Data: data})
	}
	if len(in.Jira) == 0 && in.Plan == "" && len(in.Fetched) == 0 {
		fmt.Fprintln(stderr, "hatcheck: nothing to lint: give a Jira export with -j/--jira and/or a plan with -p/--plan (or set jira.exports and plan.file in .hatcheck.yaml)")
		return exitError
	}
	project, err := sources.Load(cfg, in)
	if err != nil {
		return fail(stderr, err)
	}
	// Reading leaves garbage behind: buffers, field values kept until the roles were known,
	// the workers' tables (24 of the heap's 63 MB on the export cmd/hatchgen/bench.sh
	// reads). Collected now, that memory takes the rules' findings; left to the collector's
	// own pace, the heap grows instead (there, without this collection and the one below:
	// 111 MB peak memory instead of 86, and no less time).
	runtime.GC()
	opts := lint.RunOptions{Now: now, Tool: lint.Tool{Name: "hatcheck", Version: toolVersion()}}
	if cfg.Baseline != "" {
		if opts.Baseline, err = lint.ReadBaseline(cfg.Baseline); err != nil {
			return fail(stderr, err)
		}
	}
	rep, err := lint.Run(project, cfg, rules.All, opts)
	if err != nil {
		return fail(stderr, err)
	}
	// Likewise the project model, once the rules have run: the report needs the findings
	// only.
	runtime.GC()
	outputs, err := report.ParseOutputs(cfg.Formats)
	if err != nil {
		return fail(stderr, err)
	}
	ropts := report.Options{
		Color:       useColor(cfg.Color, stdout),
		ShowWaived:  cfg.ShowWaived,
		Quiet:       cfg.Quiet,
		RepoRoot:    repoRoot(),
		StepSummary: os.Getenv("GITHUB_STEP_SUMMARY"),
		ConfigPath:  cfg.Path,
	}
	if err := report.WriteAll(outputs, rep, ropts, stdout); err != nil {
		return fail(stderr, err)
	}
	for _, e := range rep.Errors {
		fmt.Fprintf(stderr, "hatcheck: rule %s could not run: %s\n", e.Rule, e.Err)
	}
	return lint.ExitCode(rep, cfg.FailOn)
}

// loadConfig reads the config file the flags name, or finds one, or takes the defaults.
func loadConfig(f *lintFlags) (*lint.Config, error) {
	if f.noConfig {
		if f.config != "" {
			return nil, errors.New("--config and --no-config exclude each other")
		}
		return lint.DefaultConfig(), nil
	}
	path := f.config
	if path == "" {
		var err error
		if path, err = lint.FindConfig("."); err != nil {
			return nil, err
		}
		if path == "" {
			return lint.DefaultConfig(), nil
		}
	}
	return lint.LoadConfig(path)
}

// applyFlags lets every flag given on the command line replace the key it mirrors.
func applyFlags(cfg *lint.Config, fs *pflag.FlagSet, f *lintFlags) error {
	set := fs.Changed
	if set("jira") {
		cfg.Jira.Exports = f.jira
	}
	if set("plan") {
		cfg.Plan.File = f.plan
	}
	if set("format") {
		cfg.Formats = f.formats
	} else if len(cfg.Formats) == 0 && os.Getenv("GITHUB_ACTIONS") == "true" {
		cfg.Formats = []string{"github"}
	}
	if set("fail-on") {
		if f.failOn == "never" {
			cfg.FailOn = lint.Off
		} else {
			sev, err := lint.ParseSeverity(f.failOn)
			if err != nil || sev == lint.Off {
				return fmt.Errorf("--fail-on: %q is not one of error, warning, info, never", f.failOn)
			}
			cfg.FailOn = sev
		}
	}
	if set("since") {
		t, err := lint.ParseTime(f.since, cfg.Timezone)
		if err != nil {
			return fmt.Errorf("--since: %w", err)
		}
		cfg.Since = t
	}
	if set("baseline") {
		cfg.Baseline = f.baseline
	}
	if set("enable") {
		cfg.Enable = f.enable
	}
	if set("disable") {
		cfg.Disable = f.disable
	}
	if set("only") {
		cfg.Only = f.only
	}
	if set("show-waived") {
		cfg.ShowWaived = f.showWaived
	}
	if set("color") {
		switch f.color {
		case "auto", "always", "never":
			cfg.Color = f.color
		default:
			return fmt.Errorf("--color: %q is not one of auto, always, never", f.color)
		}
	}
	if set("quiet") {
		cfg.Quiet = f.quiet
	}
	if set("url") {
		cfg.Jira.URL = f.url
	}
	if set("jql") {
		cfg.Jira.JQL = f.jql
	}
	return nil
}

// useColor decides whether text output is coloured: always, never, or when stdout is a
// terminal and NO_COLOR is not set.
func useColor(mode string, stdout io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	file, ok := stdout.(*os.File)
	return ok && isTerminal(file)
}

// repoRoot is the folder holding .git above the working directory, for repository-relative
// paths in SARIF and annotations; "" when there is none.
func repoRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(dir + string(os.PathSeparator) + ".git"); err == nil {
			return dir
		}
		parent := parentDir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
