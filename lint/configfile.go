package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	// The timezone key names IANA zones; embedding the database keeps them working on
	// machines and containers that ship no zoneinfo files.
	_ "time/tzdata"

	"go.yaml.in/yaml/v3"
)

// ConfigFileNames are the names FindConfig looks for, in order of preference.
var ConfigFileNames = []string{".hatcheck.yaml", ".hatcheck.yml"}

// FormatNames are the output formats a format entry (or --format) may name.
var FormatNames = []string{"text", "json", "sarif", "github", "markdown", "html", "junit", "rdjsonl"}

// PlanColumnRoles are the column roles plan.columns may map to header texts: the plan
// sheet's roles (SPEC §4.3) followed by those only the change-log sheet has.
var PlanColumnRoles = []string{
	"id", "name", "jira", "owner", "start", "finish", "baseline_start", "baseline_finish",
	"duration", "predecessors", "percent", "milestone", "summary", "level", "status",
	"task", "approver", "approved_on", "description",
}

// ConfigError is a problem in a configuration file: it names the file, the line and column
// of the offending key or value, and the key. It prints as "FILE:LINE: MESSAGE", and it
// unwraps to an *InputError so callers that sort errors by kind see an input error (exit 2).
type ConfigError struct {
	Pos Position // Path, Line and Column of the key or value at fault
	Key string   // the dotted key, like "roles.by_project.PAY"; "" for the file as a whole
	Msg string   // what is wrong and what is allowed, starting with the key when there is one
}

func (e *ConfigError) Error() string { return e.input().Error() }

// Unwrap lets errors.As find an *InputError carrying the same place and message.
func (e *ConfigError) Unwrap() error { return e.input() }

func (e *ConfigError) input() *InputError {
	// The column is left out of the printed place: a line is what people look for in a
	// short YAML file, and "file:line: message" is how YAML tools report.
	return &InputError{Pos: Position{Path: e.Pos.Path, Line: e.Pos.Line}, Msg: e.Msg}
}

// FindConfig looks for .hatcheck.yaml (then .hatcheck.yml) in dir and then in its parents,
// stopping after the repository root: the first folder holding .git. Outside a repository
// it goes up to the file system root. It returns "" when there is no config file. The path
// it returns starts with dir, so a relative dir gives a relative path ("../.hatcheck.yaml").
func FindConfig(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding the config file: %w", err)
	}
	rel := dir
	for {
		for _, name := range ConfigFileNames {
			info, err := os.Stat(filepath.Join(abs, name))
			if err == nil && !info.IsDir() {
				return filepath.Join(rel, name), nil
			}
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				return "", fmt.Errorf("finding the config file: %w", err)
			}
		}
		if _, err := os.Lstat(filepath.Join(abs, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", nil
		}
		abs, rel = parent, filepath.Join(rel, "..")
	}
}

// LoadConfig reads a configuration file (SPEC §3) over the defaults. Relative paths in it
// are resolved against the file's folder. Every problem is a *ConfigError naming the file,
// the line and the key. Rule names are checked later, by CheckRuleNames, because this
// package does not know the rules.
func LoadConfig(file string) (*Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, &InputError{Pos: Position{Path: file}, Msg: "cannot read the config file: " + pathErrorText(err), Err: err}
	}
	return ParseConfig(file, data)
}

// pathErrorText is an *os.PathError's message without the path, which the caller already
// puts in front.
func pathErrorText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

var yamlLineError = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserProblems are the messages of the YAML parser's errors, whose line numbers
// need correcting; the scanner's errors give the right line.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"did not find expected '-' indicator", "did not find expected key",
	"did not find expected node content", "did not find expected <document start>",
	"found duplicate %TAG directive", "found duplicate %YAML directive",
	"found incompatible YAML document", "found undefined tag handle",
}

// ParseConfig reads configuration text as if from the file, which names it in errors and
// anchors its relative paths.
func ParseConfig(file string, data []byte) (*Config, error) {
	cfg := DefaultConfig()
	cfg.Path = file
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	err := dec.Decode(&doc)
	if errors.Is(err, io.EOF) {
		return cfg, nil // an empty file: the defaults
	}
	if err == nil {
		// A second document would be ignored without a word; say so instead.
		var next yaml.Node
		if err2 := dec.Decode(&next); err2 == nil {
			return nil, &ConfigError{Pos: Position{Path: file, Line: next.Line, Column: next.Column}, Msg: "a second YAML document starts here: a config file holds one"}
		} else if !errors.Is(err2, io.EOF) {
			err = err2
		}
	}
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if m := yamlLineError.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
			// The YAML parser (unlike its scanner) reports 0-based lines.
			if slices.Contains(yamlParserProblems, msg) {
				line++
			}
		}
		return nil, &ConfigError{Pos: Position{Path: file, Line: line}, Msg: "not valid YAML: " + msg}
	}
	d := &configDecoder{file: file, dir: filepath.Dir(file), cfg: cfg}
	if len(doc.Content) == 0 {
		return cfg, nil
	}
	if err := d.top(doc.Content[0]); err != nil {
		return nil, err
	}
	// Dates that name a day start at midnight in the configured timezone, which may be
	// given after them in the file, so they are read last.
	if d.since != nil {
		t, err := d.date("since", d.since, cfg.Timezone)
		if err != nil {
			return nil, err
		}
		cfg.Since = t
	}
	return cfg, nil
}

// configDecoder walks the YAML tree of one file into a Config.
type configDecoder struct {
	file string // as given, for messages
	dir  string // the file's folder, for relative paths
	cfg  *Config
	// since is kept until the timezone is known.
	since *yaml.Node
}

// ruleRef is a rule name written in the config file, kept with its place so that
// CheckRuleNames can point at it once the rules are known.
type ruleRef struct {
	key  string // "rules", "enable", "disable", "only", "waivers"
	name string
	pos  Position
}

func (d *configDecoder) pos(n *yaml.Node) Position {
	return Position{Path: d.file, Line: n.Line, Column: n.Column}
}

func (d *configDecoder) errf(n *yaml.Node, key, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if key != "" {
		msg = key + ": " + msg
	}
	return &ConfigError{Pos: d.pos(n), Key: key, Msg: msg}
}

// field is one key a mapping allows, with what to do with its value. The handler gets the
// full dotted key for messages.
type field struct {
	name string
	set  func(key string, v *yaml.Node) error
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if isNull(n) {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

func joinKey(where, name string) string {
	if where == "" {
		return name
	}
	return where + "." + name
}

// mapping walks a mapping node: each key must be one of fs and appear once. where is the
// dotted key of the mapping itself ("" at the top level).
func (d *configDecoder) mapping(n *yaml.Node, where string, fs []field) error {
	return d.eachKey(n, where, func(k, v *yaml.Node) error {
		i := slices.IndexFunc(fs, func(f field) bool { return f.name == k.Value })
		if i < 0 {
			names := make([]string, len(fs))
			for j, f := range fs {
				names[j] = f.name
			}
			in := ""
			if where != "" {
				in = " in " + where
			}
			return d.errf(k, "", "unknown key %q%s (allowed: %s)", k.Value, in, strings.Join(names, ", "))
		}
		return fs[i].set(joinKey(where, k.Value), v)
	})
}

// eachKey calls fn for every key of a mapping node (null counts as an empty mapping),
// rejecting keys that are not plain text and keys given twice.
func (d *configDecoder) eachKey(n *yaml.Node, where string, fn func(k, v *yaml.Node) error) error {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		what := where
		if what == "" {
			what = "the file"
		}
		return d.errf(n, "", "%s: expected a mapping of keys, found %s", what, kindName(n))
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			return d.errf(k, where, "a key must be plain text, found %s", kindName(k))
		}
		if first, ok := seen[k.Value]; ok {
			return d.errf(k, joinKey(where, k.Value), "given twice (first on line %d)", first)
		}
		seen[k.Value] = k.Line
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// scalar returns the text of a scalar value; null reads as "".
func (d *configDecoder) scalar(key string, n *yaml.Node) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", d.errf(n, key, "expected a single value, found %s", kindName(n))
	}
	if isNull(n) {
		return "", nil
	}
	return n.Value, nil
}

// list reads a list of texts; a single text is a one-element list, and null or "" is empty.
func (d *configDecoder) list(key string, n *yaml.Node) ([]string, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		s, err := d.scalar(key, n)
		if err != nil || strings.TrimSpace(s) == "" {
			return []string{}, err
		}
		return []string{s}, nil
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for _, e := range n.Content {
			e = resolve(e)
			if e.Kind != yaml.ScalarNode || isNull(e) {
				return nil, d.errf(e, key, "list entries must be single values, found %s", kindName(e))
			}
			if strings.TrimSpace(e.Value) == "" {
				return nil, d.errf(e, key, "empty list entry")
			}
			out = append(out, e.Value)
		}
		return out, nil
	}
	return nil, d.errf(n, key, "expected a list, found %s", kindName(n))
}

func (d *configDecoder) str(dst *string) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) (err error) {
		*dst, err = d.scalar(key, n)
		return err
	}
}

func (d *configDecoder) strs(dst *[]string) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) (err error) {
		*dst, err = d.list(key, n)
		return err
	}
}

// resolvePath makes a path written in the file relative to the file's folder. Absolute
// paths and "-" (standard input) are kept as written.
func (d *configDecoder) resolvePath(p string) string {
	if p == "" || p == "-" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(d.dir, p)
}

func (d *configDecoder) filePath(dst *string) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		s, err := d.scalar(key, n)
		*dst = d.resolvePath(s)
		return err
	}
}

func (d *configDecoder) filePaths(dst *[]string) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		l, err := d.list(key, n)
		for i := range l {
			l[i] = d.resolvePath(l[i])
		}
		*dst = l
		return err
	}
}

func (d *configDecoder) oneOf(dst *string, allowed ...string) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		s, err := d.scalar(key, n)
		if err != nil {
			return err
		}
		for _, a := range allowed {
			if strings.EqualFold(strings.TrimSpace(s), a) {
				*dst = a
				return nil
			}
		}
		return d.errf(n, key, "%q is not one of %s", s, strings.Join(allowed, ", "))
	}
}

func (d *configDecoder) boolean(dst *bool) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		s, err := d.scalar(key, n)
		if err != nil {
			return err
		}
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "yes", "on":
			*dst = true
		case "false", "no", "off":
			*dst = false
		default:
			return d.errf(n, key, "%q is not true or false", s)
		}
		return nil
	}
}

func (d *configDecoder) count(dst *int) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		s, err := d.scalar(key, n)
		if err != nil {
			return err
		}
		v, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || v < 0 {
			return d.errf(n, key, "%q is not a whole number of 0 or more", s)
		}
		*dst = v
		return nil
	}
}

func (d *configDecoder) amount(dst *float64) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		s, err := d.scalar(key, n)
		if err != nil {
			return err
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
			return d.errf(n, key, "%q is not a number of 0 or more", s)
		}
		*dst = v
		return nil
	}
}

func (d *configDecoder) duration(dst *time.Duration) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		s, err := d.scalar(key, n)
		if err != nil {
			return err
		}
		v, err := ParseDuration(s)
		if err != nil {
			return d.errf(n, key, "%v", err)
		}
		*dst = v
		return nil
	}
}

// date reads a calendar date (YYYY-MM-DD) as midnight in tz; "" or null is the zero time.
func (d *configDecoder) date(key string, n *yaml.Node, tz *time.Location) (time.Time, error) {
	s, err := d.scalar(key, n)
	if err != nil || strings.TrimSpace(s) == "" {
		return time.Time{}, err
	}
	t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), tz)
	if err != nil {
		return time.Time{}, d.errf(n, key, "%q is not a date like 2026-03-10", s)
	}
	return t, nil
}

// calendarDate reads a date that stands for a day, not an instant: midnight UTC, the way
// plan dates and Pass.CalendarDate represent days.
func (d *configDecoder) calendarDate(dst *time.Time) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) (err error) {
		*dst, err = d.date(key, n, time.UTC)
		return err
	}
}

func (d *configDecoder) top(n *yaml.Node) error {
	c := d.cfg
	return d.mapping(n, "", []field{
		{"version", func(key string, v *yaml.Node) error {
			s, err := d.scalar(key, v)
			if err != nil {
				return err
			}
			if strings.TrimSpace(s) != "1" {
				return d.errf(v, key, "%q is not supported (this hatcheck reads version 1)", s)
			}
			c.Version = 1
			return nil
		}},
		{"fail_on", func(key string, v *yaml.Node) error {
			s, err := d.scalar(key, v)
			if err != nil {
				return err
			}
			sev, err := ParseFailOn(s)
			if err != nil {
				return d.errf(v, key, "%q is not one of error, warning, info, never", s)
			}
			c.FailOn = sev
			return nil
		}},
		{"since", func(key string, v *yaml.Node) error {
			if v.Kind != yaml.ScalarNode {
				return d.errf(v, key, "expected a date like 2026-03-10, found %s", kindName(v))
			}
			d.since = v
			return nil
		}},
		{"timezone", func(key string, v *yaml.Node) error {
			s, err := d.scalar(key, v)
			if err != nil {
				return err
			}
			if strings.TrimSpace(s) == "" {
				return nil
			}
			tz, err := time.LoadLocation(strings.TrimSpace(s))
			if err != nil {
				return d.errf(v, key, "unknown time zone %q (expected an IANA name like UTC or Europe/Paris)", s)
			}
			c.Timezone = tz
			return nil
		}},
		{"roles", d.roles},
		{"jira", d.jira},
		{"backlog", func(key string, v *yaml.Node) error {
			b := &c.Backlog
			return d.mapping(v, key, []field{
				{"types", d.strs(&b.Types)},
				{"acceptance_types", d.strs(&b.AcceptanceTypes)},
				{"ready_depth", d.count(&b.ReadyDepth)},
				{"value_tolerance", d.amount(&b.ValueTolerance)},
			})
		}},
		{"dates", func(key string, v *yaml.Node) error {
			return d.mapping(v, key, []field{
				{"fields", d.strs(&c.Dates.Fields)},
				{"tolerance_days", d.count(&c.Dates.ToleranceDays)},
			})
		}},
		{"scope", func(key string, v *yaml.Node) error {
			s := &c.Scope
			return d.mapping(v, key, []field{
				{"approvers", d.approvers(&s.Approvers)},
				{"approval_label", d.str(&s.ApprovalLabel)},
				{"approved_statuses", d.strs(&s.ApprovedStatuses)},
				{"grace", d.duration(&s.Grace)},
				{"approval_window", d.duration(&s.ApprovalWindow)},
			})
		}},
		{"plan", d.plan},
		{"rules", d.rules},
		{"waivers", d.waivers},
		{"format", func(key string, v *yaml.Node) error {
			l, err := d.list(key, v)
			if err != nil {
				return err
			}
			for i, f := range l {
				name, file, hasFile := strings.Cut(f, "=")
				name = strings.ToLower(strings.TrimSpace(name))
				if !slices.Contains(FormatNames, name) {
					return d.errf(entryNode(v, i), key, "%q is not one of %s", name, strings.Join(FormatNames, ", "))
				}
				if hasFile {
					if strings.TrimSpace(file) == "" {
						return d.errf(entryNode(v, i), key, "%q names no file after \"=\"", f)
					}
					l[i] = name + "=" + d.resolvePath(strings.TrimSpace(file))
				} else {
					l[i] = name
				}
			}
			c.Formats = l
			return nil
		}},
		{"baseline", d.filePath(&c.Baseline)},
		{"enable", d.ruleList(&c.Enable)},
		{"disable", d.ruleList(&c.Disable)},
		{"only", d.ruleList(&c.Only)},
		{"show_waived", d.boolean(&c.ShowWaived)},
		{"color", d.oneOf(&c.Color, "auto", "always", "never")},
		{"quiet", d.boolean(&c.Quiet)},
	})
}

// entryNode returns the node of a list's i-th entry, or the node itself for a single value.
func entryNode(n *yaml.Node, i int) *yaml.Node {
	if n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return resolve(n.Content[i])
	}
	return n
}

func (d *configDecoder) ruleList(dst *[]string) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		l, err := d.list(key, n)
		if err != nil {
			return err
		}
		for i, name := range l {
			l[i] = strings.TrimSpace(name)
			d.cfg.ruleRefs = append(d.cfg.ruleRefs, ruleRef{key: key, name: l[i], pos: d.pos(entryNode(n, i))})
		}
		*dst = l
		return nil
	}
}

func (d *configDecoder) roles(key string, n *yaml.Node) error {
	r := &d.cfg.Roles
	return d.mapping(n, key, []field{
		{"product_owner", d.strs(&r.ProductOwner)},
		{"project_manager", d.strs(&r.ProjectManager)},
		{"delegates", d.delegates(&r.Delegates.ProductOwner, &r.Delegates.ProjectManager)},
		{"bots", d.strs(&r.Bots)},
		{"by_project", func(key string, v *yaml.Node) error {
			r.ByProject = map[string]ProjectRoles{}
			return d.eachKey(v, key, func(k, pv *yaml.Node) error {
				project := strings.TrimSpace(k.Value)
				if !projectKey.MatchString(project) {
					return d.errf(k, key, "%q is not a Jira project key (upper-case letters, digits and _, like PAY)", k.Value)
				}
				var pr ProjectRoles
				err := d.mapping(pv, key+"."+project, []field{
					{"product_owner", d.strs(&pr.ProductOwner)},
					{"project_manager", d.strs(&pr.ProjectManager)},
					{"delegates", d.delegates(&pr.Delegates.ProductOwner, &pr.Delegates.ProjectManager)},
				})
				r.ByProject[project] = pr
				return err
			})
		}},
	})
}

var projectKey = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

func (d *configDecoder) delegates(po, pm *[]string) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		return d.mapping(n, key, []field{
			{"product_owner", d.strs(po)},
			{"project_manager", d.strs(pm)},
		})
	}
}

func (d *configDecoder) jira(key string, n *yaml.Node) error {
	j := &d.cfg.Jira
	return d.mapping(n, key, []field{
		{"exports", d.filePaths(&j.Exports)},
		{"url", d.siteURL(&j.URL)},
		{"jql", d.str(&j.JQL)},
		{"server", d.boolean(&j.Server)},
		{"base_url", d.siteURL(&j.BaseURL)},
		{"fields", func(key string, v *yaml.Node) error {
			f := &j.Fields
			return d.mapping(v, key, []field{
				{"rank", d.strs(&f.Rank)},
				{"sprint", d.strs(&f.Sprint)},
				{"estimate", d.strs(&f.Estimate)},
				{"value", d.strs(&f.Value)},
				{"acceptance", d.strs(&f.Acceptance)},
				{"epic", d.strs(&f.Epic)},
			})
		}},
		{"done_statuses", d.strs(&j.DoneStatuses)},
	})
}

// approvers reads scope.approvers: role names and people. An entry that is nearly a role
// name ("product owner", "project_managers") is refused rather than taken for a person
// nobody is, which would silently leave the role out.
func (d *configDecoder) approvers(dst *[]string) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		l, err := d.list(key, n)
		if err != nil {
			return err
		}
		for i, e := range l {
			entry := strings.ToLower(strings.TrimSpace(e))
			for _, role := range []Role{ProductOwner, ProjectManager} {
				if entry == string(role) {
					l[i] = entry // IsApprover compares role names exactly
				} else if editDistance(entry, string(role)) <= 2 {
					return d.errf(entryNode(n, i), key, "%q is not a role name: did you mean %s?", e, role)
				}
			}
		}
		*dst = l
		return nil
	}
}

// siteURL reads the address of a Jira site: http or https, with a host.
func (d *configDecoder) siteURL(dst *string) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		s, err := d.scalar(key, n)
		if err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if s != "" {
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return d.errf(n, key, "%q is not the address of a Jira site, like https://acme.atlassian.net", s)
			}
		}
		*dst = s
		return nil
	}
}

func (d *configDecoder) plan(key string, n *yaml.Node) error {
	p := &d.cfg.Plan
	return d.mapping(n, key, []field{
		{"file", d.filePath(&p.File)},
		{"sheet", d.str(&p.Sheet)},
		{"columns", func(key string, v *yaml.Node) error {
			p.Columns = map[string]string{}
			return d.eachKey(v, key, func(k, cv *yaml.Node) error {
				role := strings.TrimSpace(k.Value)
				if !slices.Contains(PlanColumnRoles, role) {
					return d.errf(k, key, "%q is not a column role (allowed: %s)", k.Value, strings.Join(PlanColumnRoles, ", "))
				}
				header, err := d.scalar(key+"."+role, cv)
				if err != nil {
					return err
				}
				if strings.TrimSpace(header) == "" {
					return d.errf(cv, key+"."+role, "expected the header text of the column")
				}
				p.Columns[role] = header
				return nil
			})
		}},
		{"changes_sheet", d.str(&p.ChangesSheet)},
		{"baseline_date", d.calendarDate(&p.BaselineDate)},
		{"date_order", d.oneOf(&p.DateOrder, "MDY", "DMY")},
		{"tracked_types", d.strs(&p.TrackedTypes)},
	})
}

func (d *configDecoder) rules(key string, n *yaml.Node) error {
	return d.eachKey(n, key, func(k, v *yaml.Node) error {
		name := strings.TrimSpace(k.Value)
		s, err := d.scalar(key+"."+name, v)
		if err != nil {
			return err
		}
		sev, err := ParseSeverity(s)
		if err != nil || strings.TrimSpace(s) == "" {
			return d.errf(v, key+"."+name, "%q is not one of error, warning, info, off", s)
		}
		d.cfg.Rules[name] = sev
		d.cfg.ruleRefs = append(d.cfg.ruleRefs, ruleRef{key: key, name: name, pos: d.pos(k)})
		return nil
	})
}

func (d *configDecoder) waivers(key string, n *yaml.Node) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return d.errf(n, key, "expected a list of waivers, found %s", kindName(n))
	}
	d.cfg.Waivers = nil
	for _, item := range n.Content {
		item = resolve(item)
		if item.Kind != yaml.MappingNode {
			return d.errf(item, key, "expected a waiver (rule, subject, reason, expires), found %s", kindName(item))
		}
		w := Waiver{Pos: d.pos(item)}
		var ruleNode *yaml.Node
		err := d.mapping(item, key, []field{
			{"rule", func(key string, v *yaml.Node) (err error) {
				ruleNode = v
				w.Rule, err = d.scalar(key, v)
				w.Rule = strings.TrimSpace(w.Rule)
				return err
			}},
			{"subject", func(key string, v *yaml.Node) (err error) {
				w.Subject, err = d.scalar(key, v)
				w.Subject = strings.TrimSpace(w.Subject)
				if err == nil {
					if _, merr := path.Match(w.Subject, ""); merr != nil {
						return d.errf(v, key, "%q is not a valid pattern (* and ? match any text, [...] a set of characters)", w.Subject)
					}
				}
				return err
			}},
			{"reason", func(key string, v *yaml.Node) (err error) {
				w.Reason, err = d.scalar(key, v)
				w.Reason = strings.TrimSpace(w.Reason)
				return err
			}},
			{"expires", d.calendarDate(&w.Expires)},
		})
		if err != nil {
			return err
		}
		switch {
		case w.Rule == "":
			return d.errf(item, key, "a waiver needs a rule: the rule whose findings it accepts")
		case w.Subject == "":
			return d.errf(item, key, "the waiver for %s needs a subject: an issue key, task id, change request id or project key (* and ? match any text)", w.Rule)
		case w.Reason == "":
			return d.errf(item, key, "the waiver for %s %s needs a reason: why these findings are accepted", w.Rule, w.Subject)
		}
		d.cfg.ruleRefs = append(d.cfg.ruleRefs, ruleRef{key: key, name: w.Rule, pos: d.pos(ruleNode)})
		d.cfg.Waivers = append(d.cfg.Waivers, w)
	}
	return nil
}

// CheckRuleNames reports the first rule name the configuration uses (in rules, enable,
// disable, only and waivers) that names none of the known rules. Names written in the file
// are reported with their line; names that came from flags with the flag.
func (c *Config) CheckRuleNames(known []*Rule) error {
	names := make([]string, len(known))
	for i, r := range known {
		names[i] = r.Name
	}
	isKnown := func(n string) bool { return slices.Contains(names, n) }
	for _, ref := range c.ruleRefs {
		if isKnown(ref.name) {
			continue
		}
		return &ConfigError{Pos: ref.pos, Key: ref.key, Msg: ref.key + ": " + unknownRule(ref.name, names)}
	}
	// What is left came from flags (or was set in code): no line to point at.
	fromFile := func(key, name string) bool {
		return slices.ContainsFunc(c.ruleRefs, func(r ruleRef) bool { return r.key == key && r.name == name })
	}
	for _, l := range []struct {
		key, flag string
		names     []string
	}{{"enable", "--enable", c.Enable}, {"disable", "--disable", c.Disable}, {"only", "--only", c.Only}} {
		for _, n := range l.names {
			if !isKnown(n) && !fromFile(l.key, n) {
				return fmt.Errorf("%s: %s", l.flag, unknownRule(n, names))
			}
		}
	}
	for _, n := range sortedKeys(c.Rules) {
		if !isKnown(n) {
			return fmt.Errorf("rules: %s", unknownRule(n, names))
		}
	}
	for _, w := range c.Waivers {
		if !isKnown(w.Rule) {
			return &ConfigError{Pos: w.Pos, Key: "waivers", Msg: "waivers: " + unknownRule(w.Rule, names)}
		}
	}
	return nil
}

// unknownRule says a rule name is unknown, suggesting the closest known name when one is
// near enough to be a typo.
func unknownRule(name string, known []string) string {
	msg := fmt.Sprintf("unknown rule %q", name)
	best, bestDist := "", len(name)/3+1
	for _, k := range known {
		if dist := editDistance(name, k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best != "" {
		return msg + fmt.Sprintf(" (did you mean %q?)", best)
	}
	return msg + " (hatcheck rules lists them)"
}

// editDistance is the Levenshtein distance between two strings, counted in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// ParseFailOn reads a fail_on level: error, warning, info, or never (Off).
func ParseFailOn(s string) (Severity, error) {
	if strings.EqualFold(strings.TrimSpace(s), "never") {
		return Off, nil
	}
	sev, err := ParseSeverity(s)
	if err != nil || sev == Off {
		return Off, fmt.Errorf("%q is not one of error, warning, info, never", s)
	}
	return sev, nil
}

var durationDays = regexp.MustCompile(`^(\d+(?:\.\d+)?)d(.*)$`)

// ParseDuration reads a duration like 0h, 90m, 24h, 2d or 1d12h: Go's duration syntax with
// days (24 hours) allowed in front. A bare 0 is zero. Negative durations are refused.
func ParseDuration(s string) (time.Duration, error) {
	text := strings.TrimSpace(s)
	bad := fmt.Errorf("%q is not a duration like 0h, 90m, 24h or 2d", s)
	if text == "0" {
		return 0, nil
	}
	var total time.Duration
	if m := durationDays.FindStringSubmatch(text); m != nil {
		days, err := strconv.ParseFloat(m[1], 64)
		if err != nil || days > 100000 {
			return 0, bad
		}
		total = time.Duration(days * float64(24*time.Hour))
		text = m[2]
		if text == "" {
			return total, nil
		}
	}
	rest, err := time.ParseDuration(text)
	if err != nil || rest < 0 || strings.HasPrefix(text, "+") {
		return 0, bad
	}
	return total + rest, nil
}

// ParseTime reads --now and --since: a date (YYYY-MM-DD, midnight in tz), a local time
// (YYYY-MM-DDTHH:MM[:SS] in tz), or an RFC 3339 time with its own offset.
func ParseTime(s string, tz *time.Location) (time.Time, error) {
	if tz == nil {
		tz = time.UTC
	}
	text := strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, text); err == nil {
		return t, nil
	}
	for _, layout := range []string{time.DateOnly, "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, text, tz); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date like 2026-03-10 or a time like 2026-03-10T09:00:00Z", s)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
