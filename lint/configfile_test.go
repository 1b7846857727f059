package lint

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoadConfigEveryKey(t *testing.T) {
	file := filepath.Join("..", "testdata", "config", "full.yaml")
	c, err := LoadConfig(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "testdata", "config")
	paris, _ := time.LoadLocation("Europe/Paris")
	check := func(name string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", name, got, want)
		}
	}
	check("Path", c.Path, file)
	check("Version", c.Version, 1)
	check("FailOn", c.FailOn, Warning)
	check("Since", c.Since, time.Date(2026, 1, 15, 0, 0, 0, 0, paris))
	check("Since (UTC)", c.Since.UTC(), time.Date(2026, 1, 14, 23, 0, 0, 0, time.UTC))
	check("Timezone", c.Timezone.String(), "Europe/Paris")

	check("Roles.ProductOwner", c.Roles.ProductOwner, []string{"ana@x.io", "id:5b10ac8d82e05b22cc7d4ef5"})
	check("Roles.ProjectManager", c.Roles.ProjectManager, []string{"Bo Diaz"})
	check("Roles.Delegates.ProductOwner", c.Roles.Delegates.ProductOwner, []string{"cy@x.io"})
	check("Roles.Delegates.ProjectManager", c.Roles.Delegates.ProjectManager, []string{"dee@x.io"})
	check("Roles.Bots", c.Roles.Bots, []string{"automation", "display:Jira Automation"})
	pay := ProjectRoles{ProductOwner: []string{"eve@x.io"}}
	pay.Delegates.ProjectManager = []string{"fay@x.io"}
	check("Roles.ByProject", c.Roles.ByProject, map[string]ProjectRoles{
		"PAY": pay,
		"OPS": {ProjectManager: []string{"gus@x.io"}},
	})

	check("Jira.Exports", c.Jira.Exports, []string{
		filepath.Join(dir, "export.json"), filepath.Join(dir, "csv"), "/abs/export.json", "-",
	})
	check("Jira.URL", c.Jira.URL, "https://acme.atlassian.net")
	check("Jira.JQL", c.Jira.JQL, "project = PAY")
	check("Jira.Server", c.Jira.Server, true)
	check("Jira.BaseURL", c.Jira.BaseURL, "https://jira.acme.io")
	check("Jira.Fields", c.Jira.Fields, FieldNames{
		Rank:       []string{"customfield_10019"},
		Sprint:     []string{"customfield_10020"},
		Estimate:   []string{"Story Points"},
		Value:      []string{"Business Value", "customfield_10400"},
		Acceptance: []string{"AC"},
		Epic:       []string{"customfield_10014"},
	})
	check("Jira.DoneStatuses", c.Jira.DoneStatuses, []string{"Released", "Won't Do"})

	check("Backlog", c.Backlog, BacklogConfig{
		Types: []string{"Story", "Bug"}, AcceptanceTypes: []string{"Story"}, ReadyDepth: 10, ValueTolerance: 2.5,
	})
	check("Dates", c.Dates, DatesConfig{Fields: []string{"duedate"}, ToleranceDays: 3})
	check("Scope", c.Scope, ScopeConfig{
		Approvers:        []string{"product_owner", "hal@x.io"},
		ApprovalLabel:    "approved-scope",
		ApprovedStatuses: []string{"Approved", "Accepted"},
		Grace:            2 * time.Hour,
		ApprovalWindow:   48 * time.Hour,
	})
	check("Plan", c.Plan, PlanConfig{
		File:         filepath.Join(dir, "plans", "plan.xlsx"),
		Sheet:        "Schedule",
		Columns:      map[string]string{"jira": "Ticket Ref", "finish": "Deadline"},
		ChangesSheet: "CR Log",
		BaselineDate: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
		DateOrder:    "DMY",
		TrackedTypes: []string{"Epic", "Initiative"},
	})
	check("Rules", c.Rules, map[string]Severity{
		"done-without-po-acceptance": Error, "plan-missing-logic": Off, "value-missing": Info,
	})
	if len(c.Waivers) != 2 {
		t.Fatalf("Waivers = %+v, want 2", c.Waivers)
	}
	check("Waivers[0]", c.Waivers[0], Waiver{
		Rule: "due-date-mismatch", Subject: "PAY-12", Reason: "date agreed with the customer",
		Expires: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC),
		Pos:     Position{Path: file, Line: 70, Column: 5},
	})
	check("Waivers[1]", c.Waivers[1], Waiver{
		Rule: "plan-task-too-long", Subject: "1.*", Reason: "long phases are summary work",
		Pos: Position{Path: file, Line: 74, Column: 5},
	})
	check("Formats", c.Formats, []string{"text", "json=" + filepath.Join(dir, "out", "report.json")})
	check("Baseline", c.Baseline, filepath.Join(dir, "baseline.json"))
	check("Enable", c.Enable, []string{"done-without-po-acceptance"})
	check("Disable", c.Disable, []string{"plan-task-unowned"})
	check("Only", c.Only, []string{})
	check("ShowWaived", c.ShowWaived, true)
	check("Color", c.Color, "never")
	check("Quiet", c.Quiet, true)
}

func TestParseConfigEmptyGivesDefaults(t *testing.T) {
	for _, text := range []string{"", "# nothing but a comment\n", "---\n"} {
		c, err := ParseConfig(".hatcheck.yaml", []byte(text))
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		want := DefaultConfig()
		want.Path = ".hatcheck.yaml"
		if !reflect.DeepEqual(c, want) {
			t.Errorf("%q: got %+v, want the defaults", text, c)
		}
	}
}

func TestParseConfigListsAndNulls(t *testing.T) {
	c, err := ParseConfig("cfg/.hatcheck.yaml", []byte(`
roles:
  product_owner: ana@x.io
  bots:
jira:
  exports: export.json
  done_statuses: ""
backlog:
  types: []
scope:
  grace: 0
plan:
  baseline_date: ""
`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"ana@x.io"}; !reflect.DeepEqual(c.Roles.ProductOwner, want) {
		t.Errorf("product_owner = %q, want %q", c.Roles.ProductOwner, want)
	}
	if want := []string{filepath.Join("cfg", "export.json")}; !reflect.DeepEqual(c.Jira.Exports, want) {
		t.Errorf("exports = %q, want %q", c.Jira.Exports, want)
	}
	if len(c.Roles.Bots) != 0 || len(c.Jira.DoneStatuses) != 0 || len(c.Backlog.Types) != 0 {
		t.Errorf("bots %q, done_statuses %q, types %q: want all empty", c.Roles.Bots, c.Jira.DoneStatuses, c.Backlog.Types)
	}
	if c.Scope.Grace != 0 || !c.Plan.BaselineDate.IsZero() {
		t.Errorf("grace %v, baseline_date %v: want zero", c.Scope.Grace, c.Plan.BaselineDate)
	}
	// Keys not given keep their defaults.
	if c.Scope.ApprovalWindow != 24*time.Hour || c.Backlog.ReadyDepth != 20 {
		t.Errorf("approval_window %v, ready_depth %d: want the defaults 24h, 20", c.Scope.ApprovalWindow, c.Backlog.ReadyDepth)
	}
}

func TestApproversRoleNames(t *testing.T) {
	c, err := ParseConfig(".hatcheck.yaml", []byte("scope:\n  approvers: [Product_Owner, \" project_manager \", ana@x.io]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"product_owner", "project_manager", "ana@x.io"}; !reflect.DeepEqual(c.Scope.Approvers, want) {
		t.Errorf("approvers = %q, want %q", c.Scope.Approvers, want)
	}
}

func TestParseConfigAnchorsAndAliases(t *testing.T) {
	c, err := ParseConfig(".hatcheck.yaml", []byte(`
roles:
  product_owner: &po [ana@x.io]
  by_project:
    PAY: {product_owner: *po}
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Roles.ByProject["PAY"].ProductOwner; !reflect.DeepEqual(got, []string{"ana@x.io"}) {
		t.Errorf("PAY product_owner = %q, want [ana@x.io]", got)
	}
}

func TestParseConfigErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"unknown nested key", `version: 1
fail_on: error

roles:
  product_owner: [ana@x.io]
  project_manager: [bo@x.io]
  product_owners: [cy@x.io]
`, `.hatcheck.yaml:7: unknown key "product_owners" in roles (allowed: product_owner, project_manager, delegates, bots, by_project)`},
		{"unknown top-level key", "verison: 1\n",
			`.hatcheck.yaml:1: unknown key "verison" (allowed: version, fail_on, since, timezone, roles, jira, backlog, dates, scope, plan, rules, waivers, format, baseline, enable, disable, only, show_waived, color, quiet)`},
		{"unknown key deep", "roles:\n  by_project:\n    PAY:\n      bots: [x]\n",
			`.hatcheck.yaml:4: unknown key "bots" in roles.by_project.PAY (allowed: product_owner, project_manager, delegates)`},
		{"unknown field role", "jira:\n  fields:\n    points: [SP]\n",
			`.hatcheck.yaml:3: unknown key "points" in jira.fields (allowed: rank, sprint, estimate, value, acceptance, epic)`},
		{"bad fail_on", "version: 1\n\nfail_on: fatal\n",
			`.hatcheck.yaml:3: fail_on: "fatal" is not one of error, warning, info, never`},
		{"bad severity", "rules:\n  rank-changed-by-non-po: fatal\n",
			`.hatcheck.yaml:2: rules.rank-changed-by-non-po: "fatal" is not one of error, warning, info, off`},
		{"bad duration", "scope:\n  grace: 2 hours\n",
			`.hatcheck.yaml:2: scope.grace: "2 hours" is not a duration like 0h, 90m, 24h or 2d`},
		{"negative duration", "scope:\n  approval_window: -1h\n",
			`.hatcheck.yaml:2: scope.approval_window: "-1h" is not a duration like 0h, 90m, 24h or 2d`},
		{"bad date", "plan:\n  baseline_date: 2026-02-30\n",
			`.hatcheck.yaml:2: plan.baseline_date: "2026-02-30" is not a date like 2026-03-10`},
		{"bad since", "since: 15/01/2026\n",
			`.hatcheck.yaml:1: since: "15/01/2026" is not a date like 2026-03-10`},
		{"bad timezone", "timezone: Mars/Olympus\n",
			`.hatcheck.yaml:1: timezone: unknown time zone "Mars/Olympus" (expected an IANA name like UTC or Europe/Paris)`},
		{"bad version", "version: 2\n",
			`.hatcheck.yaml:1: version: "2" is not supported (this hatcheck reads version 1)`},
		{"bad ready_depth", "backlog:\n  ready_depth: -3\n",
			`.hatcheck.yaml:2: backlog.ready_depth: "-3" is not a whole number of 0 or more`},
		{"bad value_tolerance", "backlog:\n  value_tolerance: lots\n",
			`.hatcheck.yaml:2: backlog.value_tolerance: "lots" is not a number of 0 or more`},
		{"bad bool", "quiet: maybe\n",
			`.hatcheck.yaml:1: quiet: "maybe" is not true or false`},
		{"bad color", "color: sometimes\n",
			`.hatcheck.yaml:1: color: "sometimes" is not one of auto, always, never`},
		{"bad date_order", "plan:\n  date_order: YMD\n",
			`.hatcheck.yaml:2: plan.date_order: "YMD" is not one of MDY, DMY`},
		{"bad format", "format:\n  - text\n  - pdf=out.pdf\n",
			`.hatcheck.yaml:3: format: "pdf" is not one of text, json, sarif, github, markdown, html, junit, rdjsonl`},
		{"format without file", "format: json=\n",
			`.hatcheck.yaml:1: format: "json=" names no file after "="`},
		{"bad column role", "plan:\n  columns:\n    deadline: Due\n",
			`.hatcheck.yaml:3: plan.columns: "deadline" is not a column role (allowed: id, name, jira, owner, start, finish, baseline_start, baseline_finish, duration, predecessors, percent, milestone, summary, level, status, task, approver, approved_on, description)`},
		{"bad project key", "roles:\n  by_project:\n    pay: {product_owner: [a]}\n",
			`.hatcheck.yaml:3: roles.by_project: "pay" is not a Jira project key (upper-case letters, digits and _, like PAY)`},
		{"mapping where a list is expected", "roles:\n  bots:\n    name: x\n",
			`.hatcheck.yaml:3: roles.bots: expected a list, found a mapping`},
		{"nested list entry", "backlog:\n  types: [Story, [Bug]]\n",
			`.hatcheck.yaml:2: backlog.types: list entries must be single values, found a list`},
		{"empty list entry", "backlog:\n  types: [Story, \"\"]\n",
			`.hatcheck.yaml:2: backlog.types: empty list entry`},
		{"list where a section is expected", "roles: [ana]\n",
			`.hatcheck.yaml:1: roles: expected a mapping of keys, found a list`},
		{"list where a value is expected", "fail_on: [error]\n",
			`.hatcheck.yaml:1: fail_on: expected a single value, found a list`},
		{"not a mapping", "- a\n- b\n",
			`.hatcheck.yaml:1: the file: expected a mapping of keys, found a list`},
		{"key twice", "fail_on: error\nquiet: true\nfail_on: info\n",
			`.hatcheck.yaml:3: fail_on: given twice (first on line 1)`},
		{"missing waiver reason", "waivers:\n  - rule: due-date-mismatch\n    subject: PAY-12\n",
			`.hatcheck.yaml:2: waivers: the waiver for due-date-mismatch PAY-12 needs a reason: why these findings are accepted`},
		{"missing waiver subject", "waivers:\n  - rule: due-date-mismatch\n    reason: agreed\n",
			`.hatcheck.yaml:2: waivers: the waiver for due-date-mismatch needs a subject: an issue key, task id, change request id or project key (* and ? match any text)`},
		{"missing waiver rule", "waivers:\n  - subject: PAY-1\n    reason: agreed\n",
			`.hatcheck.yaml:2: waivers: a waiver needs a rule: the rule whose findings it accepts`},
		{"unknown waiver key", "waivers:\n  - rule: x\n    subjects: PAY-1\n",
			`.hatcheck.yaml:3: unknown key "subjects" in waivers (allowed: rule, subject, reason, expires)`},
		{"bad waiver expiry", "waivers:\n  - rule: x\n    subject: PAY-1\n    reason: r\n    expires: soon\n",
			`.hatcheck.yaml:5: waivers.expires: "soon" is not a date like 2026-03-10`},
		{"bad waiver glob", "waivers:\n  - rule: x\n    subject: PAY-[\n    reason: r\n",
			`.hatcheck.yaml:3: waivers.subject: "PAY-[" is not a valid pattern (* and ? match any text, [...] a set of characters)`},
		{"waivers not a list", "waivers:\n  rule: x\n",
			`.hatcheck.yaml:2: waivers: expected a list of waivers, found a mapping`},
		{"unclosed list", "version: 1\nroles:\n  product_owner: [ana\n  bots: x\n",
			`.hatcheck.yaml:3: not valid YAML: did not find expected ',' or ']'`},
		{"bad indentation", "version: 1\nroles:\n  bots: [x]\n product_owner: [y]\n",
			`.hatcheck.yaml:4: not valid YAML: did not find expected key`},
		{"mapping value in a value", "version: 1\nfail_on: error: now\n",
			`.hatcheck.yaml:2: not valid YAML: mapping values are not allowed in this context`},
		{"unknown anchor", "roles:\n  bots: *nope\n",
			`.hatcheck.yaml: not valid YAML: unknown anchor 'nope' referenced`},
		{"windows line ends and a byte order mark", "\xef\xbb\xbfversion: 1\r\nroles:\r\n  bots: [a]\r\n  bogus: 1\r\n",
			`.hatcheck.yaml:4: unknown key "bogus" in roles (allowed: product_owner, project_manager, delegates, bots, by_project)`},
		{"site without scheme", "jira:\n  url: acme.atlassian.net\n",
			`.hatcheck.yaml:2: jira.url: "acme.atlassian.net" is not the address of a Jira site, like https://acme.atlassian.net`},
		{"base_url not http", "jira:\n  base_url: ftp://jira.acme.io\n",
			`.hatcheck.yaml:2: jira.base_url: "ftp://jira.acme.io" is not the address of a Jira site, like https://acme.atlassian.net`},
		{"approver nearly a role", "scope:\n  approvers:\n    - project_manager\n    - product owner\n",
			`.hatcheck.yaml:4: scope.approvers: "product owner" is not a role name: did you mean product_owner?`},
		{"two documents", "version: 1\n---\nfail_on: info\n",
			`.hatcheck.yaml:2: a second YAML document starts here: a config file holds one`},
		{"tab indentation", "roles:\n\tbots: x\n",
			`.hatcheck.yaml:2: not valid YAML: found character that cannot start any token`},
		{"unterminated quote", "version: 1\nfail_on: \"error\n",
			`.hatcheck.yaml:2: not valid YAML: found unexpected end of stream`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig(".hatcheck.yaml", []byte(tt.text))
			if err == nil {
				t.Fatalf("no error, want %s", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", err, tt.want)
			}
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Pos.Path != ".hatcheck.yaml" {
				t.Errorf("error %#v is not a *ConfigError with a place", err)
			}
			var ie *InputError
			if !errors.As(err, &ie) || ie.Error() != tt.want {
				t.Errorf("error does not unwrap to an *InputError printing the same")
			}
		})
	}
}

func TestConfigErrorKeepsColumn(t *testing.T) {
	_, err := ParseConfig("c.yaml", []byte("roles:\n  product_owners: []\n"))
	var ce *ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("got %v, want a *ConfigError", err)
	}
	if want := (Position{Path: "c.yaml", Line: 2, Column: 3}); ce.Pos != want {
		t.Errorf("Pos = %+v, want %+v", ce.Pos, want)
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	_, err := LoadConfig(filepath.Join("testdata-none", ".hatcheck.yaml"))
	want := filepath.Join("testdata-none", ".hatcheck.yaml") + ": cannot read the config file: no such file or directory"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Errorf("error is not an *InputError")
	}
}

var testRules = []*Rule{
	{Name: "rank-changed-by-non-po"}, {Name: "due-date-mismatch"}, {Name: "plan-task-too-long"},
	{Name: "done-without-po-acceptance"}, {Name: "plan-missing-logic"}, {Name: "value-missing"},
	{Name: "plan-task-unowned"},
}

func TestCheckRuleNames(t *testing.T) {
	c, err := LoadConfig(filepath.Join("..", "testdata", "config", "full.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckRuleNames(testRules); err != nil {
		t.Errorf("full.yaml: %v", err)
	}

	tests := []struct {
		name, text, want string
	}{
		{"rules", "rules:\n  rank-changed-by-non-po: off\n  rank-changed-by-non-pm: off\n",
			`.hatcheck.yaml:3: rules: unknown rule "rank-changed-by-non-pm" (did you mean "rank-changed-by-non-po"?)`},
		{"enable", "enable:\n  - value-missing\n  - no-such-rule\n",
			`.hatcheck.yaml:3: enable: unknown rule "no-such-rule" (hatcheck rules lists them)`},
		{"disable", "disable: plan-task-unowend\n",
			`.hatcheck.yaml:1: disable: unknown rule "plan-task-unowend" (did you mean "plan-task-unowned"?)`},
		{"only", "only: [value-mising]\n",
			`.hatcheck.yaml:1: only: unknown rule "value-mising" (did you mean "value-missing"?)`},
		{"waiver", "waivers:\n  - rule: due-date\n    subject: PAY-1\n    reason: r\n",
			`.hatcheck.yaml:2: waivers: unknown rule "due-date" (hatcheck rules lists them)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseConfig(".hatcheck.yaml", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			err = c.CheckRuleNames(testRules)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error\n got: %v\nwant: %s", err, tt.want)
			}
		})
	}

	// Names set from flags have no line: the error names the flag.
	c = DefaultConfig()
	c.Only = []string{"value-missing", "valu-missing"}
	want := `--only: unknown rule "valu-missing" (did you mean "value-missing"?)`
	if err := c.CheckRuleNames(testRules); err == nil || err.Error() != want {
		t.Errorf("flag error = %v, want %s", err, want)
	}
}

func TestFindConfig(t *testing.T) {
	root := t.TempDir()
	mkdir := func(parts ...string) string {
		p := filepath.Join(append([]string{root}, parts...)...)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write := func(p string) {
		if err := os.WriteFile(p, []byte("version: 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outside := mkdir() // holds a config above the repository: never reached
	write(filepath.Join(outside, ".hatcheck.yaml"))
	repo := mkdir("repo")
	mkdir("repo", ".git")
	deep := mkdir("repo", "a", "b", "c")

	got, err := FindConfig(deep)
	if err != nil || got != "" {
		t.Errorf("no config in the repository: got %q, %v; want \"\" (the search stops at the folder holding .git)", got, err)
	}

	write(filepath.Join(repo, ".hatcheck.yml"))
	if got, _ := FindConfig(deep); got != filepath.Join(deep, "..", "..", "..", ".hatcheck.yml") {
		t.Errorf("config at the root: got %q", got)
	}
	if got, _ := FindConfig(repo); got != filepath.Join(repo, ".hatcheck.yml") {
		t.Errorf("config in the folder itself: got %q", got)
	}

	write(filepath.Join(repo, "a", ".hatcheck.yml"))
	write(filepath.Join(repo, "a", ".hatcheck.yaml"))
	if got, _ := FindConfig(deep); got != filepath.Join(deep, "..", "..", ".hatcheck.yaml") {
		t.Errorf("nearest folder, .yaml before .yml: got %q", got)
	}

	// A relative folder gives a relative path that still opens from the working directory.
	if got, _ := FindConfig(filepath.Join("..", "testdata", "config", "nested", "deeper")); got != filepath.Join("..", "testdata", "config", "nested", ".hatcheck.yml") {
		t.Errorf("relative: got %q", got)
	}

	// A .git file (a worktree or submodule) marks a repository root too.
	sub := mkdir("sub", "x")
	if err := os.WriteFile(filepath.Join(root, "sub", ".git"), []byte("gitdir: ../repo/.git\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := FindConfig(sub); got != "" {
		t.Errorf("stopped by a .git file: got %q, want \"\"", got)
	}
}

func TestLoadConfigRelativeToItsFolder(t *testing.T) {
	nested := filepath.Join("..", "testdata", "config", "nested", "deeper")
	found, err := FindConfig(nested)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseConfig(found, []byte("jira: {exports: [../e.json]}\nplan: {file: p.xlsx}\nbaseline: /tmp/b.json\nformat: sarif=out/x.sarif\n"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "testdata", "config", "nested")
	if want := []string{filepath.Join(dir, "..", "e.json")}; !reflect.DeepEqual(c.Jira.Exports, want) {
		t.Errorf("exports = %q, want %q", c.Jira.Exports, want)
	}
	if want := filepath.Join(dir, "p.xlsx"); c.Plan.File != want {
		t.Errorf("plan.file = %q, want %q", c.Plan.File, want)
	}
	if c.Baseline != "/tmp/b.json" {
		t.Errorf("baseline = %q, want the absolute path kept", c.Baseline)
	}
	if want := []string{"sarif=" + filepath.Join(dir, "out", "x.sarif")}; !reflect.DeepEqual(c.Formats, want) {
		t.Errorf("format = %q, want %q", c.Formats, want)
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"0": 0, "0h": 0, "24h": 24 * time.Hour, "90m": 90 * time.Minute, "2d": 48 * time.Hour,
		"1d12h": 36 * time.Hour, "0.5d": 12 * time.Hour, " 1h30m ": 90 * time.Minute,
	} {
		got, err := ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "2", "d", "2days", "-1h", "1d-1h", "1w", "+1h"} {
		if got, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", in, got)
		}
	}
}

func TestParseTime(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	tests := []struct {
		in   string
		tz   *time.Location
		want time.Time
	}{
		{"2026-03-10", time.UTC, time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)},
		{"2026-03-10", paris, time.Date(2026, 3, 10, 0, 0, 0, 0, paris)},
		{"2026-03-10", nil, time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)},
		{"2026-03-10T09:30", paris, time.Date(2026, 3, 10, 9, 30, 0, 0, paris)},
		{"2026-03-10T09:30:15Z", paris, time.Date(2026, 3, 10, 9, 30, 15, 0, time.UTC)},
		{"2026-03-10T09:30:00+05:00", time.UTC, time.Date(2026, 3, 10, 4, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, err := ParseTime(tt.in, tt.tz)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseTime(%q, %v) = %v, %v; want %v", tt.in, tt.tz, got, err, tt.want)
		}
	}
	_, err := ParseTime("10/03/2026", time.UTC)
	want := `"10/03/2026" is not a date like 2026-03-10 or a time like 2026-03-10T09:00:00Z`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestParseFailOn(t *testing.T) {
	for in, want := range map[string]Severity{"error": Error, "warning": Warning, "info": Info, "never": Off, "NEVER": Off} {
		if got, err := ParseFailOn(in); err != nil || got != want {
			t.Errorf("ParseFailOn(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseFailOn("off"); err == nil || !strings.Contains(err.Error(), "never") {
		t.Errorf(`ParseFailOn("off") = %v, want an error naming never`, err)
	}
}
