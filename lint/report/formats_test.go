package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/hatcheck/hatcheck/lint"
)

// sharedDir returns ../shared/NAME relative to the module root, skipping the test when it
// is absent (the shared folder sits beside the repository, not in it).
func sharedDir(t *testing.T, name string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test's folder")
		}
		dir = parent
	}
	p := filepath.Join(filepath.Dir(dir), "shared", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not present", p)
	}
	return p
}

func TestSummaryLine(t *testing.T) {
	for _, tc := range []struct {
		s    lint.Summary
		want string
	}{
		{lint.Summary{}, "0 findings (0 errors, 0 warnings, 0 info), 0 waived, 0 in baseline"},
		{lint.Summary{Total: 1, Error: 1}, "1 finding (1 error, 0 warnings, 0 info), 0 waived, 0 in baseline"},
		{lint.Summary{Total: 1, Warning: 1, Waived: 1, Baseline: 1}, "1 finding (0 errors, 1 warning, 0 info), 1 waived, 1 in baseline"},
		{lint.Summary{Total: 7, Error: 2, Warning: 3, Info: 2, Waived: 4, Baseline: 12}, "7 findings (2 errors, 3 warnings, 2 info), 4 waived, 12 in baseline"},
	} {
		if got := SummaryLine(tc.s); got != tc.want {
			t.Errorf("SummaryLine(%+v) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

func TestTextKeepsTerminalSafe(t *testing.T) {
	r := &lint.Report{Findings: []*lint.Finding{{Rule: "r", Severity: lint.Warning, Subject: "PAY-1",
		Message: "summary \x1b]0;pwned\x07 with\ttab", Location: lint.Position{Path: "a.json", Line: 3}}},
		Summary: lint.Summary{Total: 1, Warning: 1}}
	got := string(render(t, "text", Options{}, r))
	want := "a.json:3: warning r: PAY-1: summary \\x1b]0;pwned\\x07 with\ttab\n" +
		"1 finding (0 errors, 1 warning, 0 info), 0 waived, 0 in baseline\n"
	if got != want {
		t.Errorf("text output:\n%q\nwant\n%q", got, want)
	}
	// Quiet drops the summary line, so a clean run prints nothing at all.
	if got := render(t, "text", Options{Quiet: true}, &lint.Report{}); len(got) != 0 {
		t.Errorf("quiet text output of a clean run = %q, want nothing", got)
	}
}

func TestSARIFValidAgainstSchema(t *testing.T) {
	schemaPath := filepath.Join(sharedDir(t, "schemas"), "sarif-schema-2.1.0.json")
	f, err := os.Open(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	const url = "file:///schemas/sarif-schema-2.1.0.json"
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	// This copy of the schema keeps the log's own schema under definitions/Root and leaves
	// the top level empty, which would accept anything.
	root := url
	if m, ok := doc.(map[string]any); ok && m["properties"] == nil {
		if defs, ok := m["definitions"].(map[string]any); ok && defs["Root"] != nil {
			root += "#/definitions/Root"
		}
	}
	schema, err := c.Compile(root)
	if err != nil {
		t.Fatal(err)
	}
	out := render(t, "sarif", Options{}, fixture())
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("sarif output is not valid SARIF 2.1.0:\n%v", err)
	}
	// The validator must catch a broken log, or the check above proves nothing.
	broken := bytes.Replace(out, []byte(`"level": "error"`), []byte(`"level": "fatal"`), 1)
	inst, err = jsonschema.UnmarshalJSON(bytes.NewReader(broken))
	if err != nil {
		t.Fatal(err)
	}
	if schema.Validate(inst) == nil {
		t.Error("a SARIF log with level \"fatal\" passed the schema")
	}
}

// TestSARIFGitHubRules checks what GitHub code scanning requires beyond the schema: every
// result has a physical location with a repository-relative URI and a line, and a
// fingerprint; waived results are suppressed with their reason.
func TestSARIFGitHubRules(t *testing.T) {
	var log sarifLog
	out := render(t, "sarif", Options{RepoRoot: "/repo", WorkDir: "/repo/team"}, fixture())
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Results) != len(fixture().Findings) {
		t.Fatalf("%d results, want one per finding (%d)", len(run.Results), len(fixture().Findings))
	}
	for _, res := range run.Results {
		p := res.Locations[0].PhysicalLocation
		if p == nil || p.ArtifactLocation.URI == "" || p.Region == nil || p.Region.StartLine < 1 {
			t.Errorf("result %s %s has no usable physical location: %+v", res.RuleID, res.Message.Text, p)
			continue
		}
		if !strings.HasPrefix(p.ArtifactLocation.URI, "team/") || p.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %s: uri %q base %q, want team/... relative to %%SRCROOT%%", res.RuleID, p.ArtifactLocation.URI, p.ArtifactLocation.URIBaseID)
		}
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex %d names %s", res.RuleID, res.RuleIndex, run.Tool.Driver.Rules[res.RuleIndex].ID)
		}
		if res.PartialFingerprints["primaryLocationLineHash"] == "" {
			t.Errorf("result %s has no fingerprint", res.RuleID)
		}
	}
	byRule := map[string]sarifResult{}
	for _, res := range run.Results {
		byRule[res.RuleID+" "+res.Message.Text[:strings.Index(res.Message.Text, ":")]] = res
	}
	waived := byRule["plan-task-unowned 4"]
	if len(waived.Suppressions) != 1 || waived.Suppressions[0].Kind != "external" || waived.Suppressions[0].Justification != "owner hired next month" {
		t.Errorf("waived result suppressions = %+v", waived.Suppressions)
	}
	if got := byRule["rank-changed-by-non-po PAY-13"].BaselineState; got != "unchanged" {
		t.Errorf("baseline result baselineState = %q, want unchanged", got)
	}
	if got := byRule["rank-changed-by-non-po PAY-12"].BaselineState; got != "new" {
		t.Errorf("new result baselineState = %q, want new", got)
	}
	cell := byRule["due-date-mismatch PAY-20"].Locations[0]
	if cell.PhysicalLocation.Region.StartLine != 7 || len(cell.LogicalLocations) != 1 || cell.LogicalLocations[0].Name != "Plan!F7" {
		t.Errorf("plan result location = %+v, want row 7 and Plan!F7", cell)
	}
	// A finding without a place points at the configuration file, where roles are set.
	noPlace := byRule["role-unassigned OPS"].Locations[0]
	if noPlace.PhysicalLocation.ArtifactLocation.URI != "team/exports/export.json" || noPlace.LogicalLocations[0].Name != "OPS" {
		t.Errorf("placeless result location = %+v", noPlace)
	}
	out = render(t, "sarif", Options{ConfigPath: ".hatcheck.yaml"}, fixture())
	if !bytes.Contains(out, []byte(`"uri": ".hatcheck.yaml"`)) {
		t.Error("with a configuration file, a placeless result does not point at it")
	}
	// Issues fetched live carry the site's address, not a file: the result points at the
	// configuration, and the annotation names no file.
	live := &lint.Report{Inputs: []lint.Input{{Kind: "jira", Path: "https://acme.atlassian.net"}},
		Findings: []*lint.Finding{{Rule: "r", Severity: lint.Error, Subject: "PAY-1", Message: "m",
			Location: lint.Position{Path: "https://acme.atlassian.net", Line: 12}}}}
	out = render(t, "sarif", Options{ConfigPath: ".hatcheck.yaml"}, live)
	if !bytes.Contains(out, []byte(`"uri": ".hatcheck.yaml"`)) || bytes.Contains(out, []byte(`"uri": "https`)) {
		t.Errorf("a live finding's SARIF location does not point at the configuration:\n%s", out)
	}
	if got := string(render(t, "github", Options{Quiet: true}, live)); got != "::error title=r::PAY-1: m\n" {
		t.Errorf("live finding annotation = %q", got)
	}
}

func TestGitHubEscaping(t *testing.T) {
	for _, tc := range []struct {
		path, title, message, want string
	}{
		{"plan,v2:final%.xlsx", "rule", "50% done", "::warning file=plan%2Cv2%3Afinal%25.xlsx,line=7,title=rule::50%25 done\n"},
		{"a.json", "r:1,2", "line one\r\nline two\nthree: a, b", "::warning file=a.json,line=7,title=r%3A1%2C2::line one%0D%0Aline two%0Athree: a, b\n"},
		{"", "r", "%0A stays literal", "::warning title=r::%250A stays literal\n"},
	} {
		got := annotation(lint.Warning, tc.path, lint.Position{Line: 7}, tc.title, tc.message)
		if got != tc.want {
			t.Errorf("annotation(%q, %q, %q) =\n%q\nwant\n%q", tc.path, tc.title, tc.message, got, tc.want)
		}
	}
}

func TestGitHubCapsAnnotationsPerLevel(t *testing.T) {
	r := &lint.Report{Summary: lint.Summary{Total: 36, Error: 13, Warning: 12, Info: 11, Waived: 1}}
	add := func(n int, sev lint.Severity, status lint.Status) {
		for i := range n {
			r.Findings = append(r.Findings, &lint.Finding{Rule: "r-" + sev.String(), Severity: sev, Status: status,
				Subject: fmt.Sprintf("PAY-%d", i), Message: "m", Location: lint.Position{Path: "e.json", Line: i + 1}})
		}
	}
	// Info first in the input, to show errors still come first in the output.
	add(11, lint.Info, "")
	add(12, lint.Warning, lint.StatusNew)
	add(13, lint.Error, lint.StatusNew)
	add(1, lint.Error, lint.StatusWaived)
	lines := strings.Split(strings.TrimSuffix(string(render(t, "github", Options{}, r)), "\n"), "\n")
	var kinds []string
	for _, l := range lines {
		kind, _, _ := strings.Cut(l, " ")
		if len(kinds) == 0 || !strings.HasPrefix(kinds[len(kinds)-1], kind+" ") {
			kinds = append(kinds, kind+" 1")
		} else {
			var n int
			fmt.Sscanf(strings.TrimPrefix(kinds[len(kinds)-1], kind+" "), "%d", &n)
			kinds[len(kinds)-1] = fmt.Sprintf("%s %d", kind, n+1)
		}
	}
	want := []string{"::error 10", "::warning 10", "::notice 10", "36 1"}
	if strings.Join(kinds, ", ") != strings.Join(want, ", ") {
		t.Errorf("annotation runs = %v, want %v", kinds, want)
	}
	wantNotice := "::notice title=hatcheck::7 more findings not shown as annotations (3 errors, 2 warnings, 2 info); see the job summary or run hatcheck locally"
	if got := lines[len(lines)-2]; got != wantNotice {
		t.Errorf("last notice =\n%s\nwant\n%s", got, wantNotice)
	}
}

func TestGitHubAppendsStepSummary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(path, []byte("# earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	render(t, "github", Options{StepSummary: path}, fixture())
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "# earlier step\n" + string(render(t, "markdown", Options{}, fixture()))
	if string(got) != want {
		t.Errorf("job summary:\n%s\nwant\n%s", got, want)
	}

	// A summary file already near GitHub's limit gets a cut report that keeps it under.
	if err := os.WriteFile(path, bytes.Repeat([]byte("x"), stepSummaryLimit-2500), 0o644); err != nil {
		t.Fatal(err)
	}
	render(t, "github", Options{StepSummary: path}, fixture())
	got, _ = os.ReadFile(path)
	if len(got) > stepSummaryLimit {
		t.Errorf("job summary is %d bytes, over the %d limit", len(got), stepSummaryLimit)
	}
	if !bytes.Contains(got, []byte("not shown: the job summary is limited to 1 MiB")) {
		t.Errorf("cut job summary has no note; it ends:\n%s", got[len(got)-300:])
	}

	// A summary that cannot be written is an error naming the file.
	bad := filepath.Join(t.TempDir(), "missing", "summary.md")
	f, _ := Lookup("github", Options{StepSummary: bad})
	err = f.Write(io.Discard, fixture())
	if err == nil || !strings.Contains(err.Error(), "job summary "+bad+": ") {
		t.Errorf("error = %v, want one naming %s", err, bad)
	}
}

func TestMarkdownCutsAtFindingBoundary(t *testing.T) {
	full := render(t, "markdown", Options{}, fixture())
	for limit := 1200; limit < len(full); limit += 97 {
		var buf bytes.Buffer
		if err := (&Markdown{limit: limit}).Write(&buf, fixture()); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if len(out) > limit {
			t.Fatalf("limit %d: wrote %d bytes", limit, len(out))
		}
		// Every line but the note is a whole line of the full report.
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if !bytes.Contains(full, []byte(line+"\n")) && !strings.HasSuffix(line, "has them all._") {
				t.Fatalf("limit %d: partial line %q", limit, line)
			}
		}
		if !strings.Contains(out, "not shown") {
			t.Fatalf("limit %d: cut report without a note", limit)
		}
	}
}

func TestJUnitParses(t *testing.T) {
	type testcase struct {
		Name     string `xml:"name,attr"`
		Failures []struct {
			Message string `xml:"message,attr"`
			Type    string `xml:"type,attr"`
		} `xml:"failure"`
		Skipped *struct {
			Message string `xml:"message,attr"`
		} `xml:"skipped"`
		Error *struct{} `xml:"error"`
	}
	var doc struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Suites   []struct {
			Name     string     `xml:"name,attr"`
			Tests    int        `xml:"tests,attr"`
			Failures int        `xml:"failures,attr"`
			Cases    []testcase `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(render(t, "junit", Options{}, fixture()), &doc); err != nil {
		t.Fatalf("junit output is not well-formed XML: %v", err)
	}
	if len(doc.Suites) != len(fixtureRules()) {
		t.Fatalf("%d suites, want one per rule (%d)", len(doc.Suites), len(fixtureRules()))
	}
	got := map[string]string{}
	for _, s := range doc.Suites {
		var cases []string
		for _, c := range s.Cases {
			desc := c.Name
			switch {
			case len(c.Failures) > 0:
				desc += fmt.Sprintf(" failed(%s)", c.Failures[0].Type)
			case c.Skipped != nil:
				desc += " skipped(" + c.Skipped.Message + ")"
			case c.Error != nil:
				desc += " error"
			default:
				desc += " passed"
			}
			cases = append(cases, desc)
		}
		got[s.Name] = strings.Join(cases, "; ")
	}
	want := map[string]string{
		"rank-changed-by-non-po":     "PAY-12 failed(error); PAY-13 skipped(baseline)",
		"sprint-scope-unapproved":    "PAY-7 failed(error)",
		"due-date-mismatch":          "PAY-20 failed(warning)",
		"plan-task-unowned":          "4 skipped(waived: owner hired next month)",
		"plan-missing-logic":         "5 failed(info)",
		"role-unassigned":            "OPS failed(error)",
		"value-missing":              "rule could not run error",
		"unranked-item":              "no findings passed",
		"done-without-po-acceptance": "rule skipped skipped(no product owner is configured for <any> project)",
	}
	for rule, w := range want {
		if got[rule] != w {
			t.Errorf("suite %s: %s, want %s", rule, got[rule], w)
		}
	}
	if doc.Tests != 10 || doc.Failures != 5 {
		t.Errorf("testsuites tests=%d failures=%d, want 10 and 5", doc.Tests, doc.Failures)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	var doc JSONReport
	out := render(t, "json", Options{}, fixture())
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "hatcheck/report@1" || len(doc.Findings) != 7 {
		t.Fatalf("schema %q with %d findings", doc.Schema, len(doc.Findings))
	}
	w := doc.Findings[4]
	if w.Status != lint.StatusWaived || w.Waiver == nil || w.Waiver.Reason != "owner hired next month" || w.Waiver.Expires != "2026-05-01" {
		t.Errorf("waived finding = %+v", w)
	}
	if loc := doc.Findings[3].Location; loc != (JSONLocation{Path: "plan.xlsx", Line: 7, Sheet: "Plan", Cell: "F7", URL: "https://acme.atlassian.net/browse/PAY-20"}) {
		t.Errorf("plan finding location = %+v", loc)
	}
	if doc.Summary.Metrics["value_rank_tau"]["OPS"] != nil || *doc.Summary.Metrics["value_rank_tau"]["PAY"] != 0.42 {
		t.Errorf("metrics = %v", doc.Summary.Metrics)
	}
	if doc.Findings[0].Message != special {
		t.Errorf("message = %q, want it unchanged", doc.Findings[0].Message)
	}
}

// The JSON format encodes the findings in runs, in parallel, and splices them into the rest
// of the document: the bytes must be those of the document encoded whole.
func TestJSONInRunsIsTheWholeDocument(t *testing.T) {
	type evidence struct {
		Rank  string       `json:"rank"`
		Value float64      `json:"value"`
		At    lint.Instant `json:"time"`
		Via   string       `json:"via,omitempty"`
	}
	for _, n := range []int{0, 1, 63, 64, 65, 255, 256, 257, 1500} {
		r := bigReport(n)
		if n > 0 {
			r.Findings[0].Evidence = map[string]any{"tau": math.NaN(), "n": 3, "list": []any{"a", 1.5}}
			r.Findings[n-1].Related = []lint.Related{{Location: lint.Position{Path: "plan.xlsx", Sheet: "Plan", Cell: "F7"}, Message: "the task"}}
		}
		// Struct evidence, some with a value left out, and a finding with related places
		// before one without: a worker converts every finding into the same place.
		for k := 1; k < n; k += 3 {
			r.Findings[k].Evidence = evidence{Rank: "0|i0001:", Value: float64(k), At: lint.Instant(k * 1000), Via: strings.Repeat("x", k%2)}
			r.Findings[k].Related = []lint.Related{{Location: lint.Position{Path: "e.json", Line: k}, Message: "above"}}
		}
		got := render(t, "json", Options{}, r)
		want, err := jsonv2.Marshal(NewJSONReport(r), jsonOptions...)
		if err != nil {
			t.Fatal(err)
		}
		if want = append(want, '\n'); !bytes.Equal(got, want) {
			t.Errorf("%d findings: the report differs from the document encoded whole", n)
		}
	}
}

func TestJSONKeepsOddNumbers(t *testing.T) {
	r := &lint.Report{Findings: []*lint.Finding{{Rule: "r", Severity: lint.Info, Subject: "PAY-1", Message: "m",
		Evidence: map[string]any{"tau": math.NaN(), "inf": math.Inf(1), "list": []any{1.5, math.NaN()}, "nested": map[string]any{"x": math.Inf(-1)}}}}}
	out := render(t, "json", Options{}, r)
	want := `"evidence": {
        "inf": null,
        "list": [
          1.5,
          null
        ],
        "nested": {
          "x": null
        },
        "tau": null
      },`
	if !bytes.Contains(out, []byte(want)) {
		t.Errorf("json output:\n%s\nwant it to hold\n%s", out, want)
	}
}

func TestRDJSONLLines(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(string(render(t, "rdjsonl", Options{}, fixture())), "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d diagnostics, want the 5 findings that count", len(lines))
	}
	var d rdDiagnostic
	if err := json.Unmarshal([]byte(lines[2]), &d); err != nil {
		t.Fatal(err)
	}
	if d.Location.Path != "plan.xlsx" || d.Location.Range.Start.Line != 7 || d.Severity != "WARNING" ||
		d.Code.Value != "due-date-mismatch" || d.Code.URL != DefaultRulesURL+"#due-date-mismatch" {
		t.Errorf("diagnostic = %+v", d)
	}
}

func TestRepoPath(t *testing.T) {
	opts := Options{RepoRoot: "/repo", WorkDir: "/repo/team"}
	for in, want := range map[string]string{
		"export.json":                "team/export.json",
		"../plan.xlsx":               "plan.xlsx",
		"/repo/data/a.json":          "data/a.json",
		"/elsewhere/b.json":          "/elsewhere/b.json",
		"../../outside/c.json":       "../../outside/c.json",
		"-":                          "-",
		"https://acme.atlassian.net": "https://acme.atlassian.net",
	} {
		if got := repoPath(opts, in); got != want {
			t.Errorf("repoPath(%q) = %q, want %q", in, got, want)
		}
	}
	if got := uriPath("team/plan v2#.xlsx"); got != "team/plan%20v2%23.xlsx" {
		t.Errorf("uriPath = %q", got)
	}
}

func TestParseOutput(t *testing.T) {
	for in, want := range map[string]Output{
		"text":                   {Name: "text"},
		"json=out/findings.json": {Name: "json", Path: "out/findings.json"},
		"html=-":                 {Name: "html", Path: "-"},
	} {
		got, err := ParseOutput(in)
		if err != nil || got != want {
			t.Errorf("ParseOutput(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	if got, err := ParseOutputs(nil); err != nil || len(got) != 1 || got[0] != (Output{Name: "text"}) {
		t.Errorf("ParseOutputs(nil) = %+v, %v; want text on stdout", got, err)
	}
	if got, err := ParseOutputs([]string{"github", "sarif=out/h.sarif"}); err != nil || len(got) != 2 || got[1] != (Output{Name: "sarif", Path: "out/h.sarif"}) {
		t.Errorf("ParseOutputs = %+v, %v", got, err)
	}
	for in, want := range map[string]string{
		"xml":   `unknown format "xml" in --format "xml" (want one of text, json, sarif, github, markdown, html, junit, rdjsonl)`,
		"json=": `--format "json=": empty path after '=' (want NAME or NAME=PATH)`,
	} {
		if _, err := ParseOutput(in); err == nil || err.Error() != want {
			t.Errorf("ParseOutput(%q) error = %v, want %s", in, err, want)
		}
	}
}

func TestWriteAll(t *testing.T) {
	dir := t.TempDir()
	var stdout bytes.Buffer
	outputs := []Output{
		{Name: "text"},
		{Name: "json", Path: filepath.Join(dir, "out", "nested", "findings.json")},
		{Name: "html", Path: filepath.Join(dir, "report.html")},
	}
	if err := WriteAll(outputs, fixture(), Options{}, &stdout); err != nil {
		t.Fatal(err)
	}
	if want := render(t, "text", Options{}, fixture()); !bytes.Equal(stdout.Bytes(), want) {
		t.Errorf("stdout:\n%s\nwant\n%s", stdout.Bytes(), want)
	}
	for _, o := range outputs[1:] {
		got, err := os.ReadFile(o.Path)
		if err != nil {
			t.Fatal(err)
		}
		if want := render(t, o.Name, Options{}, fixture()); !bytes.Equal(got, want) {
			t.Errorf("%s differs from the %s rendering", o.Path, o.Name)
		}
		if fi, _ := os.Stat(o.Path); fi.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v, want 0644", o.Path, fi.Mode().Perm())
		}
	}
	assertNoTempFiles(t, dir)

	// Colour goes to the terminal only, never into a file.
	stdout.Reset()
	colored := filepath.Join(dir, "findings.txt")
	if err := WriteAll([]Output{{Name: "text"}, {Name: "text", Path: colored}}, fixture(), Options{Color: true}, &stdout); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(colored); bytes.Contains(got, []byte("\x1b[")) || !bytes.Contains(stdout.Bytes(), []byte("\x1b[")) {
		t.Errorf("colour: stdout has escapes %v, the file has escapes %v; want only stdout", bytes.Contains(stdout.Bytes(), []byte("\x1b[")), bytes.Contains(got, []byte("\x1b[")))
	}

	// An unknown format is reported before anything is written.
	stdout.Reset()
	err := WriteAll([]Output{{Name: "text"}, {Name: "yaml", Path: filepath.Join(dir, "x.yaml")}}, fixture(), Options{}, &stdout)
	if err == nil || !strings.Contains(err.Error(), `unknown format "yaml"`) || stdout.Len() > 0 {
		t.Errorf("unknown format: err = %v, stdout %d bytes", err, stdout.Len())
	}
	err = WriteAll([]Output{{Name: "json", Path: "a/x.json"}, {Name: "sarif", Path: "a/../a/x.json"}}, fixture(), Options{}, &stdout)
	if err == nil || err.Error() != "two outputs write to a/../a/x.json" {
		t.Errorf("same file twice: err = %v", err)
	}

	// A file whose folder cannot be created fails with an error naming the file.
	blocker := filepath.Join(dir, "blocker")
	os.WriteFile(blocker, []byte("a file, not a folder"), 0o644)
	target := filepath.Join(blocker, "findings.json")
	err = WriteAll([]Output{{Name: "json", Path: target}}, fixture(), Options{}, &stdout)
	if err == nil || !strings.HasPrefix(err.Error(), "writing json report to "+target+": ") {
		t.Errorf("err = %v, want one naming %s", err, target)
	}
	// A directory in the way of the file is an error too, and leaves nothing behind.
	err = WriteAll([]Output{{Name: "json", Path: filepath.Join(dir, "out")}}, fixture(), Options{}, &stdout)
	if err == nil || !strings.HasSuffix(err.Error(), ": is a directory") {
		t.Errorf("err = %v, want is a directory", err)
	}
	assertNoTempFiles(t, dir)
}

func TestWriteFileAtomicLeavesNoHalfFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	if err := os.WriteFile(path, []byte("last night's report\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("half of a report ", 10000))
		return errors.New("disk full")
	})
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("err = %v", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "last night's report\n" {
		t.Errorf("failed write changed the file to %d bytes", len(got))
	}
	assertNoTempFiles(t, dir)
}

func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", p)
		}
		return nil
	})
}

// externalRefs lists every reference in an HTML page that would make the browser fetch
// something: src attributes, link and script hrefs, CSS url() and @import, and any href
// that is not an in-page anchor or one of the allowed Jira links.
func externalRefs(page string, allowedLinks map[string]bool) []string {
	var bad []string
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`(?i)\bsrc\s*=\s*["']?[^"'\s>]*`),
		regexp.MustCompile(`(?i)<link\b[^>]*\bhref\s*=\s*["']?(?:[^d"'\s>]|d[^a]|da[^t]|dat[^a]|data[^:])[^>]*>`),
		regexp.MustCompile(`(?i)<script\b[^>]*\bsrc\b[^>]*>`),
		regexp.MustCompile(`(?i)url\(\s*['"]?[^)'"]*`),
		regexp.MustCompile(`(?i)@import\b[^;]*`),
		regexp.MustCompile(`(?i)<(?:iframe|object|embed|img|video|audio|source)\b[^>]*>`),
	} {
		bad = append(bad, re.FindAllString(page, -1)...)
	}
	for _, m := range regexp.MustCompile(`(?i)\bhref\s*=\s*"([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(m[1], "#") && !strings.HasPrefix(m[1], "data:") && !allowedLinks[m[1]] {
			bad = append(bad, m[0])
		}
	}
	return bad
}

func TestHTMLIsSelfContained(t *testing.T) {
	page := string(render(t, "html", Options{}, fixture()))
	jira := map[string]bool{}
	for _, f := range fixture().Findings {
		if f.URL != "" {
			jira[f.URL] = true
		}
	}
	if bad := externalRefs(page, jira); len(bad) > 0 {
		t.Errorf("the html report refers outside itself: %q", bad)
	}
	// The Jira links are there, as plain anchors.
	if !strings.Contains(page, `<a href="https://acme.atlassian.net/browse/PAY-12" rel="noreferrer noopener" target="_blank">PAY-12</a>`) {
		t.Error("no Jira anchor for PAY-12")
	}
	// The checker itself finds each kind of outside reference, and lets the page's own
	// anchors and the Jira links through.
	for _, bad := range []string{
		`<link rel="stylesheet" href="https://cdn.example/x.css">`,
		`<link rel="icon" href="/favicon.ico">`,
		`<script src="https://cdn.example/x.js"></script>`,
		`<img src=https://x/y.png>`,
		`<style>@import "https://f/x.css";</style>`,
		`<style>body{background:url(https://x/b.png)}</style>`,
		`<a href="https://evil.example/">x</a>`,
		`<svg><image href="https://x/y.svg"/></svg>`,
	} {
		if len(externalRefs(bad, jira)) == 0 {
			t.Errorf("the checker misses the outside reference in %s", bad)
		}
	}
	if got := externalRefs(`<link rel="icon" href="data:,"><a href="#findings">x</a><a href="https://acme.atlassian.net/browse/PAY-7">PAY-7</a>`, jira); len(got) > 0 {
		t.Errorf("the checker flags allowed links: %q", got)
	}
	// Text from Jira is escaped, never markup.
	if strings.Contains(page, "<script>alert(1)") || !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the html report does not escape a message holding <script>")
	}
	if strings.Contains(page, "Build <core>") || !strings.Contains(page, "Build &lt;core&gt;") {
		t.Error("the html report does not escape a task name in a chart")
	}
}
