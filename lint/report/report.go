// Package report prints a lint.Report in the formats of SPEC §7: text for a terminal, json
// for machines and baselines, sarif for GitHub code scanning, github workflow commands,
// markdown for job summaries and chat, a self-contained html page for the nightly report,
// junit for CI dashboards, and rdjsonl for reviewdog. Each format is a small type with one
// method over the same report value; none of them recomputes a finding.
package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// Format writes a report in one output format.
type Format interface {
	Write(w io.Writer, r *lint.Report) error
}

// Options carries what the command line knows and the formats need.
type Options struct {
	// Color turns on ANSI colours in the text format.
	Color bool
	// ShowWaived makes text, markdown and html list waived and baseline findings too,
	// marked as such. json, sarif and junit always carry them.
	ShowWaived bool
	// Quiet leaves out the closing summary line of the text and github formats, so that
	// a clean run prints nothing.
	Quiet bool
	// RepoRoot is the repository root. sarif, github and rdjsonl print paths relative to
	// it, because GitHub and reviewdog match annotations to files of the repository.
	RepoRoot string
	// WorkDir is the folder relative input paths are relative to; empty means the
	// process's working directory.
	WorkDir string
	// StepSummary is the GITHUB_STEP_SUMMARY file; the github format appends the markdown
	// report to it when set.
	StepSummary string
	// ConfigPath is the configuration file in use, if any. SARIF results need a file to
	// point at (GitHub code scanning rejects the whole upload otherwise), so a finding
	// without a place (a project without a product owner) points at the configuration,
	// where such gaps are fixed, else at the first input.
	ConfigPath string
	// RulesURL is the base of rule documentation links (a rule's anchor is appended);
	// empty means DefaultRulesURL.
	RulesURL string
}

// DefaultRulesURL is where each rule's documentation lives: docs/rules.md has one heading
// per rule whose text is the rule name, so "#" + name is a stable anchor.
const DefaultRulesURL = "https://github.com/hatcheck/hatcheck/blob/main/docs/rules.md"

// InformationURI is the project's home page, named by SARIF and rdjsonl as the tool's.
const InformationURI = "https://github.com/hatcheck/hatcheck"

// formats maps each format name to its constructor.
var formats = map[string]func(Options) Format{
	"text":     func(o Options) Format { return &Text{opts: o} },
	"json":     func(o Options) Format { return &JSON{} },
	"sarif":    func(o Options) Format { return &SARIF{opts: o} },
	"github":   func(o Options) Format { return &GitHub{opts: o} },
	"markdown": func(o Options) Format { return &Markdown{opts: o} },
	"html":     func(o Options) Format { return &HTML{opts: o} },
	"junit":    func(o Options) Format { return &JUnit{} },
	"rdjsonl":  func(o Options) Format { return &RDJSONL{opts: o} },
}

// Names lists the format names in the order the documentation gives them.
func Names() []string {
	return []string{"text", "json", "sarif", "github", "markdown", "html", "junit", "rdjsonl"}
}

// Lookup returns the format with the given name.
func Lookup(name string, opts Options) (Format, error) {
	mk, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", name, strings.Join(Names(), ", "))
	}
	return mk(opts), nil
}

// Output is one requested output: a format and the file it goes to ("" or "-" for stdout).
type Output struct {
	Name string
	Path string
}

// ParseOutput reads a --format value, NAME or NAME=PATH.
func ParseOutput(spec string) (Output, error) {
	name, path, hasPath := strings.Cut(spec, "=")
	name = strings.TrimSpace(name)
	if _, ok := formats[name]; !ok {
		return Output{}, fmt.Errorf("unknown format %q in --format %q (want one of %s)", name, spec, strings.Join(Names(), ", "))
	}
	if hasPath && path == "" {
		return Output{}, fmt.Errorf("--format %q: empty path after '=' (want NAME or NAME=PATH)", spec)
	}
	return Output{Name: name, Path: path}, nil
}

// ParseOutputs reads every --format value; none means the text format on stdout.
func ParseOutputs(specs []string) ([]Output, error) {
	if len(specs) == 0 {
		return []Output{{Name: "text"}}, nil
	}
	out := make([]Output, 0, len(specs))
	for _, s := range specs {
		o, err := ParseOutput(s)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// WriteAll writes every output of a run: those without a path to stdout, in order, and the
// others each to its file, atomically (a temporary file in the same folder, renamed into
// place), creating parent folders. A failed write returns an error naming the file and
// leaves no partial file behind. Every format name is checked before anything is written.
func WriteAll(outputs []Output, r *lint.Report, opts Options, stdout io.Writer) error {
	type job struct {
		out Output
		f   Format
	}
	jobs := make([]job, 0, len(outputs))
	seen := map[string]bool{}
	for _, o := range outputs {
		fileOpts := opts
		if o.Path != "" && o.Path != "-" {
			// Colour is for the terminal on stdout; a file never gets escape codes.
			fileOpts.Color = false
		}
		f, err := Lookup(o.Name, fileOpts)
		if err != nil {
			return err
		}
		if o.Path != "" && o.Path != "-" {
			clean := filepath.Clean(o.Path)
			if seen[clean] {
				return fmt.Errorf("two outputs write to %s", o.Path)
			}
			seen[clean] = true
		}
		jobs = append(jobs, job{o, f})
	}
	for _, j := range jobs {
		if j.out.Path == "" || j.out.Path == "-" {
			bw := bufio.NewWriter(stdout)
			if err := j.f.Write(bw, r); err != nil {
				return fmt.Errorf("writing %s report: %w", j.out.Name, err)
			}
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("writing %s report to standard output: %w", j.out.Name, err)
			}
			continue
		}
		if err := writeFileAtomic(j.out.Path, func(w io.Writer) error { return j.f.Write(w, r) }); err != nil {
			return fmt.Errorf("writing %s report to %s: %w", j.out.Name, j.out.Path, err)
		}
	}
	return nil
}

// writeFileAtomic writes a file through a temporary file in the same folder, so that a
// reader (a web server, the next night's run reading it as a baseline) never sees half of it.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if fi, statErr := os.Stat(path); statErr == nil && fi.IsDir() {
		return errors.New("is a directory")
	}
	return os.Rename(tmp.Name(), path)
}

// shown returns the findings a human-facing format lists: those that count, plus waived and
// baseline findings when asked.
func shown(r *lint.Report, showWaived bool) []*lint.Finding {
	var out []*lint.Finding
	for _, f := range r.Findings {
		if showWaived || f.Counts() {
			out = append(out, f)
		}
	}
	return out
}

// counted returns the findings that count towards the result (neither waived nor baseline).
func counted(r *lint.Report) []*lint.Finding { return shown(r, false) }

// status returns the finding's status, "new" when the engine left it empty.
func status(f *lint.Finding) lint.Status {
	if f.Status == "" {
		return lint.StatusNew
	}
	return f.Status
}

// plural writes "1 finding" or "2 findings".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// SummaryLine is the closing line of the text format:
// "N findings (E errors, W warnings, I info), K waived, B in baseline".
func SummaryLine(s lint.Summary) string {
	return fmt.Sprintf("%s (%s, %s, %d info), %d waived, %d in baseline",
		plural(s.Total, "finding", "findings"), plural(s.Error, "error", "errors"),
		plural(s.Warning, "warning", "warnings"), s.Info, s.Waived, s.Baseline)
}

// isFile reports whether a position's path names a file: not stdin ("-"), and not the
// Jira site a live fetch read (a URL), which no annotation can point into.
func isFile(path string) bool {
	return path != "" && path != "-" && !strings.Contains(path, "://")
}

// ruleURL links to a rule's documentation.
func ruleURL(opts Options, rule string) string {
	base := opts.RulesURL
	if base == "" {
		base = DefaultRulesURL
	}
	return base + "#" + rule
}

// repoPath turns an input path into a slash-separated path relative to the repository root
// when it lies inside it; other paths are returned as given, with slashes.
func repoPath(opts Options, p string) string {
	if !isFile(p) {
		return p
	}
	if opts.RepoRoot == "" {
		return filepath.ToSlash(p)
	}
	abs := p
	if !filepath.IsAbs(abs) {
		wd := opts.WorkDir
		if wd == "" {
			var err error
			if wd, err = os.Getwd(); err != nil {
				return filepath.ToSlash(p)
			}
		}
		abs = filepath.Join(wd, abs)
	}
	rel, err := filepath.Rel(opts.RepoRoot, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// ruleIndex maps rule names to the report's rule descriptions, adding a bare description
// for a rule that reported findings but is not listed (so no finding is ever dropped).
func rulesOf(r *lint.Report) []*lint.Rule {
	rules := slices.Clone(r.Rules)
	known := map[string]bool{}
	for _, rule := range rules {
		known[rule.Name] = true
	}
	for _, f := range r.Findings {
		if !known[f.Rule] {
			known[f.Rule] = true
			rules = append(rules, &lint.Rule{Name: f.Rule, Category: f.Category, Severity: f.Severity})
		}
	}
	return rules
}
