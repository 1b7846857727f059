package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
	"github.com/hatcheck/hatcheck/sources/jira"
)

// realworld returns the folder of real exports (../shared/realworld beside the module
// root), skipping the test when it is absent.
func realworld(t *testing.T) string {
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
			t.Skip("no go.mod above the test")
		}
		dir = parent
	}
	rw := filepath.Join(filepath.Dir(dir), "shared", "realworld")
	if _, err := os.Stat(rw); err != nil {
		t.Skip("no real-world inputs at ../shared/realworld")
	}
	return rw
}

// readReal reads real exports into one project the way the command does, naming each
// input by its file name.
func readReal(t *testing.T, cfg *lint.Config, names ...string) *lint.Project {
	t.Helper()
	dir := realworld(t)
	var results []*jira.Result
	for _, name := range names {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		r, err := jira.ReadJSON(name, f, cfg)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		results = append(results, r)
	}
	return jira.Merge(results)
}

// runReal runs a rule over a project read from real exports.
func runReal(t *testing.T, r *lint.Rule, p *lint.Project, cfg *lint.Config) result {
	t.Helper()
	res := result{metrics: map[string]map[string]float64{}}
	pass := lint.NewPass(r, p, cfg, testNow, nil, func(f lint.Finding) { res.findings = append(res.findings, f) },
		func(name, project string, v float64) {
			if res.metrics[name] == nil {
				res.metrics[name] = map[string]float64{}
			}
			res.metrics[name][project] = v
		})
	pass.Enabled = All
	if err := r.Check(pass); err != nil {
		t.Fatalf("%s failed: %v", r.Name, err)
	}
	return res
}

// jirametrics are the single-issue exports of a Cloud site where one person, Mike Bowler,
// does everything, ranking included.
var jirametrics = []string{
	"jirametrics-SP-1.json", "jirametrics-SP-11.json", "jirametrics-SP-2.json",
	"jirametrics-SP-5.json", "jirametrics-SP-7.json", "jirametrics-SP-8.json",
}

func TestRealWorldRankChanges(t *testing.T) {
	cfg := newConfig()
	p := readReal(t, cfg, jirametrics...)
	expectFindings(t, runReal(t, RankChangedByNonPO, p, cfg),
		"jirametrics-SP-11.json:71:7: SP-11: Rank changed by Mike Bowler on 2021-12-14 00:30 UTC (moved higher); only the product owner (ana@x.io) ranks the backlog",
		"jirametrics-SP-11.json:11:7: SP-11: Rank changed by Mike Bowler on 2021-12-14 00:30 UTC (moved higher); only the product owner (ana@x.io) ranks the backlog",
		"jirametrics-SP-7.json:11:7: SP-7: Rank changed by Mike Bowler on 2021-12-14 00:30 UTC (moved higher); only the product owner (ana@x.io) ranks the backlog",
		"jirametrics-SP-8.json:41:7: SP-8: Rank changed by Mike Bowler on 2021-08-29 18:06 UTC (moved higher); only the product owner (ana@x.io) ranks the backlog",
	)

	// With him as the product owner, named the way a user would copy it from Jira.
	cfg.Roles.ProductOwner = []string{"mike bowler"}
	expectFindings(t, runReal(t, RankChangedByNonPO, p, cfg))
}

func TestRealWorldHistoryIncomplete(t *testing.T) {
	cfg := newConfig()
	p := readReal(t, cfg, "go-jira-issues-with-changelog.json", "go-jira-issues-in-sprint.json")
	expectFindings(t, runReal(t, HistoryIncomplete, p, cfg),
		"go-jira-issues-in-sprint.json: go-jira-issues-in-sprint.json: No change history in this input (exported without expand=changelog); who ranked, re-dated or re-scoped its 1 issue cannot be checked",
	)
}

func TestRealWorldFieldNotFound(t *testing.T) {
	cfg := newConfig()
	p := readReal(t, cfg, jirametrics...)
	enabled := []*lint.Rule{RankChangedByNonPO, RankValueInversion, SprintScopeUnapproved}
	res := result{}
	pass := lint.NewPass(FieldNotFound, p, cfg, testNow, nil, func(f lint.Finding) { res.findings = append(res.findings, f) }, nil)
	pass.Enabled = enabled
	if err := FieldNotFound.Check(pass); err != nil {
		t.Fatal(err)
	}
	// The rank is there (customfield_10019); this site has no sprints and no value field.
	expectFindings(t, res,
		`-: sprint: No issue has a sprint field (looked for "Sprint"), so sprint-scope-unapproved is skipped; set jira.fields.sprint to the field's id or name`,
		`-: value: No issue has a value field (looked for "Business Value"), so rank-value-inversion is skipped; set jira.fields.value to the field's id or name`,
	)
}
