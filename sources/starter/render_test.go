package starter

import (
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/internal/golden"
	"github.com/hatcheck/hatcheck/lint"
	"github.com/hatcheck/hatcheck/sources"
)

const initDir = "../../testdata/init"

// TestRenderGolden renders the starter file for the small exports in testdata/init and
// compares it with the golden files; `go test ./sources/starter -update` rewrites them.
// cmd/hatcheck's init test checks that the command writes the same bytes.
func TestRenderGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		in     sources.Inputs
	}{
		{"export.golden.yaml", sources.Inputs{Jira: []string{initDir + "/export.json"}, Plan: initDir + "/plan.xlsx"}},
		{"csv.golden.yaml", sources.Inputs{Jira: []string{initDir + "/../csv/all-fields.csv"}}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			cfg := lint.DefaultConfig()
			p, err := sources.Load(cfg, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			got := Render(p, cfg, Options{Jira: tc.in.Jira, Plan: tc.in.Plan, Dir: initDir})
			goldenFile := filepath.Join(initDir, tc.golden)
			golden.Check(t, goldenFile, got, "output differs from "+goldenFile+" (run with -update to accept)")
			// The file must be a valid configuration that reads back what init found.
			parsed, err := lint.ParseConfig(filepath.Join(initDir, ".hatcheck.yaml"), got)
			if err != nil {
				t.Fatalf("the starter file does not parse: %v", err)
			}
			if len(parsed.Jira.Exports) != 1 || filepath.Clean(parsed.Jira.Exports[0]) != filepath.Clean(tc.in.Jira[0]) {
				t.Errorf("jira.exports = %v, want %v", parsed.Jira.Exports, tc.in.Jira)
			}
			if filepath.Clean(parsed.Plan.File) != filepath.Clean(tc.in.Plan) && tc.in.Plan != "" {
				t.Errorf("plan.file = %q, want %q", parsed.Plan.File, tc.in.Plan)
			}
		})
	}
}

// TestRenderReadsBack checks that the fields and plan columns init writes are what the
// configuration then holds.
func TestRenderReadsBack(t *testing.T) {
	cfg := lint.DefaultConfig()
	in := sources.Inputs{Jira: []string{initDir + "/export.json"}, Plan: initDir + "/plan.xlsx"}
	p, err := sources.Load(cfg, in)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := lint.ParseConfig(filepath.Join(initDir, ".hatcheck.yaml"), Render(p, cfg, Options{Jira: in.Jira, Plan: in.Plan, Dir: initDir}))
	if err != nil {
		t.Fatal(err)
	}
	if got := parsed.Jira.Fields.Rank; !reflect.DeepEqual(got, []string{"customfield_10019", "Rank"}) {
		t.Errorf("rank = %q", got)
	}
	if got := parsed.Jira.Fields.Value; !reflect.DeepEqual(got, []string{"Business Value"}) {
		t.Errorf("value = %q", got)
	}
	wantCols := map[string]string{"id": "ID", "name": "Task Name", "jira": "Jira", "owner": "Owner", "start": "Start",
		"finish": "Finish", "predecessors": "Predecessors", "percent": "% Complete"}
	if !reflect.DeepEqual(parsed.Plan.Columns, wantCols) {
		t.Errorf("plan.columns = %v", parsed.Plan.Columns)
	}
	if parsed.Plan.Sheet != "Plan" || parsed.Plan.ChangesSheet != "Change Log" {
		t.Errorf("sheet %q changes sheet %q", parsed.Plan.Sheet, parsed.Plan.ChangesSheet)
	}
	// Candidates stay comments: init never decides who holds a role.
	if len(parsed.Roles.ProductOwner) != 0 || len(parsed.Roles.ProjectManager) != 0 || len(parsed.Roles.Bots) != 0 {
		t.Errorf("roles were filled in: %+v", parsed.Roles)
	}
}

func at(day int) time.Time { return time.Date(2026, 1, day, 10, 0, 0, 0, time.UTC) }

// TestCandidates counts rank and date changes per person, merging a person's appearances
// and ordering by count, then name.
func TestCandidates(t *testing.T) {
	ana := lint.Person{AccountID: "a1", DisplayName: "Ana Lima"}
	anaWithEmail := lint.Person{AccountID: "a1", Email: "ana@x.io"}
	bob := lint.Person{Key: "bob", Name: "bob"}
	cy := lint.Person{DisplayName: "Cy Park"}
	rank := lint.Change{ChangedField: &lint.ChangedField{Field: "Rank", Kind: lint.KindRank}, ChangeValues: &lint.ChangeValues{}}
	due := lint.Change{ChangedField: &lint.ChangedField{Field: "duedate", Kind: lint.KindDate, DateField: "duedate"}, ChangeValues: &lint.ChangeValues{}}
	end := lint.Change{ChangedField: &lint.ChangedField{Field: "Target end", Kind: lint.KindDate, DateField: "Target end"}, ChangeValues: &lint.ChangeValues{}}
	pay1 := &lint.Issue{Key: "PAY-1", Project: "PAY"}
	pay1.AddHistory(lint.History{ID: 1, Author: &bob, Created: lint.InstantOf(at(1))}, rank)
	pay1.AddHistory(lint.History{ID: 2, Author: &ana, Created: lint.InstantOf(at(2))}, rank, due)
	pay1.AddHistory(lint.History{ID: 3, Created: lint.InstantOf(at(3))}, rank) // no author: not counted
	web1 := &lint.Issue{Key: "WEB-1", Project: "WEB"}
	web1.AddHistory(lint.History{ID: 4, Author: &anaWithEmail, Created: lint.InstantOf(at(4))}, rank)
	web1.AddHistory(lint.History{ID: 5, Author: &cy, Created: lint.InstantOf(at(5))}, due, end, end)
	web1.AddHistory(lint.History{ID: 6, Author: &cy, Created: lint.InstantOf(at(6))}, rank)
	p := &lint.Project{Issues: []*lint.Issue{pay1, web1}}
	var got []string
	for _, c := range RankCandidates(p) {
		got = append(got, c.Entry()+"="+itoa(c.Count)+" "+countsText(c.Projects))
	}
	if want := "Ana Lima=2 PAY 1, WEB 1|bob=1 PAY 1|Cy Park=1 WEB 1"; strings.Join(got, "|") != want {
		t.Errorf("rank candidates = %s, want %s", strings.Join(got, "|"), want)
	}
	if c := RankCandidates(p)[0].Person; c != (lint.Person{AccountID: "a1", DisplayName: "Ana Lima", Email: "ana@x.io"}) {
		t.Errorf("merged person = %+v", c)
	}
	got = nil
	for _, c := range DateCandidates(p) {
		got = append(got, c.Entry()+"="+itoa(c.Count)+" "+countsText(c.ByField))
	}
	if want := "Cy Park=3 Target end 2, duedate 1|Ana Lima=1 duedate 1"; strings.Join(got, "|") != want {
		t.Errorf("date candidates = %s, want %s", strings.Join(got, "|"), want)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestQuoteIfNeeded(t *testing.T) {
	for in, want := range map[string]string{
		"Story Points":      "Story Points",
		"customfield_10019": "customfield_10019",
		"% Complete":        `"% Complete"`,
		"Jira Key(s)":       "Jira Key(s)",
		"yes":               `"yes"`,
		"":                  `""`,
		"a: b":              `"a: b"`,
		"Ana \"AL\" Lima":   `"Ana \"AL\" Lima"`,
		"10":                `"10"`,
		"tab\there":         `"tab\there"`,
	} {
		if got := quoteIfNeeded(in); got != want {
			t.Errorf("quoteIfNeeded(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestRenderRealWorld renders the starter file for the real exports and plan kept beside
// the repository (../shared/realworld), when they are there.
func TestRenderRealWorld(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "realworld")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skip("no real-world inputs in ../shared/realworld")
	}
	cfg := lint.DefaultConfig()
	in := sources.Inputs{Jira: files, Plan: filepath.Join(dir, "packt-project-plan.xlsx")}
	p, err := sources.Load(cfg, in)
	if err != nil {
		t.Fatal(err)
	}
	out := string(Render(p, cfg, Options{Jira: in.Jira, Plan: in.Plan, Dir: "../.."}))
	for _, want := range []string{
		`  #   - "Mike Bowler"  # 4 rank changes (SP 4; id:557058:13cc9354-0be8-432f-959a-13d34c55315f, email:mbowler@gargoylesoftware.com)`,
		"  # Nobody changed a date field in the changelogs read.",
		"    rank: [customfield_11200, Rank]",
		`    - "../shared/realworld/jirametrics-SP-8.json"`,
		"  sheet: Project Plan          # header recognised on row 1",
		"    owner: Resourcing\n    start: Start Date\n    finish: End Date\n",
		`  changes_sheet: ""            # no change-log sheet found`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, err := lint.ParseConfig("../../.hatcheck.yaml", []byte(out)); err != nil {
		t.Errorf("the starter file does not parse: %v", err)
	}
}
