package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hatcheck/hatcheck/lint"
)

// readFixture reads a committed workbook from testdata/plan, named by its base name.
func readFixture(t *testing.T, name string, cfg *lint.Config) (*lint.Plan, []lint.ValueProblem) {
	t.Helper()
	p, problems, err := readWith(t, filepath.Join(fixtureDir, name), name, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p, problems
}

func readWith(t *testing.T, path, name string, cfg *lint.Config) (*lint.Plan, []lint.ValueProblem, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadFrom(name, f, cfg)
}

func assertPlan(t *testing.T, p *lint.Plan, problems []lint.ValueProblem, want string) {
	t.Helper()
	got := describePlan(p, problems)
	want = strings.TrimLeft(want, "\n")
	if got != want {
		t.Errorf("plan read as:\n%s\nwant:\n%s", got, want)
	}
}

func TestReadWBS(t *testing.T) {
	p, problems := readFixture(t, "wbs.xlsx", nil)
	assertPlan(t, p, problems, `
sheet "Schedule" header 4 columns baseline_finish=BL Finish baseline_start=BL Start duration=Work Days finish=Planned Finish id=WBS jira=Jira Key(s) milestone=Milestone name=Task Name owner=Assigned To percent=% Complete predecessors=Depends On start=Planned Start status=Status
1 | row 5 | L1 | "Discovery" | summary | jira PAY-1 | owner "Ana" | dates 2026-03-02..2026-03-13 | baseline 2026-03-02..2026-03-13
1.1 | row 6 | L2 | "Interviews" | parent 1 | jira PAY-2,PAY-3 | owner "Ben" | status "In Progress" | dates 2026-03-02..2026-03-06 | baseline 2026-03-02..2026-03-06 | duration 5 | percent 50
1.2 | row 7 | L2 | "Synthesis" | parent 1 | summary | jira PAY-4 | owner "Cy" | dates 2026-03-09..2026-03-13 | duration 5 | percent 50 | after 1.1 FS+2
1.2.1 | row 8 | L3 | "Draft report" | parent 1.2 | milestone | jira PAY-5 | owner "Dee" | status "Done" | dates 2026-03-09..2026-03-13 | duration 2 | percent 100 | after 1.1 SS+5 | after 1.1 FF-1
2 | row 9 | L1 | "Delivery" | summary | dates 2026-03-16..? | duration 7.5 | after 1.2.1 FS+0
2.1 | row 11 | L2 | "Launch" | parent 2 | jira PAY-6 | owner "Ana" | dates 2026-03-16..2026-03-20 | duration 0 | percent 0 | after 2 SS+3e | after 1.2 FF-7e
changes "Change Log"
CR CR-1 | row 3 | jira PAY-2 | tasks 1.1 | status "Approved" | approver "Ana" | on 2026-03-03 | "Add customer interviews"
CR CR-2 | row 5 | jira PAY-4,PAY-5 | tasks 1.2,1.2.1 | status "Rejected" | approver "Ben" | on 2026-03-10 | "Longer synthesis"
CR 3 | row 6 | "Idea without an id"
problem wbs.xlsx:Schedule!F9 row 9: 2 finish: "=E9+10": expected a calculated value: the formula has no cached result (recalculate and save the workbook in Excel)
problem wbs.xlsx:Schedule!J9 row 9: 2 predecessors: "3XX": expected predecessors like 2, 3SS+2d or 1.2.3FF-1w, separated by commas
problem wbs.xlsx:Schedule!K9 row 9: 2 percent: "lots": expected a percentage from 0 to 100 like 50% or 50
problem wbs.xlsx:Schedule!G11 row 11: 2.1 baseline_start: "31/02/2026": expected a date like 2026-03-10 or 3/10/2026
problem wbs.xlsx:Schedule!L11 row 11: 2.1 milestone: "maybe": expected Yes/No, True/False or 1/0
problem wbs.xlsx:Change Log!F6 row 6: 3 approved_on: "someday": expected a date like 2026-03-10 or 3/10/2026
`)
	// Every role's cell is known for every task, so findings can point at it.
	launch := p.Task("2.1")
	if got := launch.Cells; got["finish"] != "F11" || got["predecessors"] != "J11" || got["name"] != "B11" || len(got) != 13 {
		t.Errorf("task 2.1 cells = %v, want 13 roles with finish F11, predecessors J11, name B11", got)
	}
	if pos := p.Pos(launch, "baseline_start"); pos.String() != "wbs.xlsx:Schedule!G11" || pos.Line != 11 {
		t.Errorf("Pos(2.1, baseline_start) = %+v", pos)
	}
	cr := p.Changes[0]
	if pos := p.ChangePos(cr, "approver"); pos.String() != "wbs.xlsx:Change Log!E3" {
		t.Errorf("ChangePos(CR-1, approver) = %s, want wbs.xlsx:Change Log!E3", pos)
	}
	if got := p.Task("1.2").Predecessors[0].Raw; got != "1.1FS+2d" {
		t.Errorf("raw predecessor = %q, want 1.1FS+2d", got)
	}
}

func TestReadDayFirst(t *testing.T) {
	cfg := lint.DefaultConfig()
	cfg.Plan.DateOrder = DMY
	p, problems := readFixture(t, "wbs.xlsx", cfg)
	// 3/6/2026 is the 3rd of June read day first; 3/20/26 has no 20th month; dotted and
	// spelled dates and ISO dates read the same in both orders.
	if got := describeTask(p.Task("1.1")); !strings.Contains(got, "dates 2026-03-02..2026-06-03") {
		t.Errorf("task 1.1 read day first: %s", got)
	}
	if got := describeTask(p.Task("2.1")); !strings.Contains(got, "dates 2026-03-16..?") {
		t.Errorf("task 2.1 read day first: %s", got)
	}
	var found bool
	for _, pr := range problems {
		if pr.Pos.Cell == "F11" {
			found = true
			if got := describeProblem(pr); got != `problem wbs.xlsx:Schedule!F11 row 11: 2.1 finish: "3/20/26": expected a date like 2026-03-10 or 3/10/2026` {
				t.Errorf("got %s", got)
			}
		}
	}
	if !found {
		t.Errorf("no problem for 3/20/26 read day first")
	}
}

func TestReadLevels1904(t *testing.T) {
	p, problems := readFixture(t, "levels1904.xlsx", nil)
	assertPlan(t, p, problems, `
sheet "Tasks" header 1 columns baseline_finish=Baseline Finish baseline_start=Baseline Start duration=Duration finish=Finish id=ID level=Outline Level name=Name owner=Owner percent=Percent Complete predecessors=Predecessors start=Start summary=Summary
10 | row 2 | L1 | "Apollo" | summary | dates 2026-03-08..2026-03-29 | duration 15
11 | row 3 | L2 | "Build" | parent 10 | owner "Ana" | dates 2026-03-08..2026-03-12 | baseline 2026-03-08..2026-03-12 | duration 5 | percent 100
12 | row 4 | L2 | "Test" | parent 10 | summary | owner "Ben" | dates 2026-03-15..2026-03-19 | duration 5 | percent 25 | after 11 FS+0
13 | row 5 | L3 | "Fix" | parent 12 | owner "Cy" | dates 2026-03-15..2026-03-26 | duration 5 | percent 12.5 | after 12 SS+3e
14 | row 6 | L2 | "Ship" | parent 10 | summary | owner "Dee" | dates 2026-03-29..2026-03-29 | duration 0 | after 12 FF-7e | after 13 SF+0
15 | row 7 | L2 | "Retro" | parent 10 | owner "Ana" | dates 2026-03-29..2026-03-29 | duration 20 | after 14 FS+0
problem levels1904.xlsx:Tasks!C7 row 7: 15 level: "two": expected a whole number like 2
`)
	if n := len(p.Task("10").Children); n != 4 {
		t.Errorf("task 10 has %d children, want 4", n)
	}
}

func TestReadIndent(t *testing.T) {
	p, problems := readFixture(t, "indent.xlsx", nil)
	// The hidden Template sheet also has a header; the visible plan wins. Of the two
	// predecessor columns the one holding values is read.
	assertPlan(t, p, problems, `
sheet "Plan" header 1 columns finish=End name=Activity owner=Resources predecessors=Predecessors start=Begin
1 | row 2 | L1 | "Phase one" | summary | dates 2026-03-02..2026-03-20
2 | row 3 | L2 | "Design" | parent 1 | summary | owner "Arun, Bex" | dates 2026-03-02..2026-03-06
3 | row 4 | L3 | "Sketch" | parent 2 | owner "Arun" | dates 2026-03-02..2026-03-03
4 | row 5 | L3 | "Review" | parent 2 | owner "Bex" | dates 2026-03-04..2026-03-06 | after 3 FS+0
5 | row 6 | L2 | "Build" | parent 1 | owner "Charley,Bex" | dates 2026-03-09..2026-03-20 | after 2 FS+0
6 | row 7 | L1 | "Phase two" | summary | dates 2026-03-23..2026-04-03
7 | row 8 | L2 | "Indented by style" | parent 6 | owner "Dee" | dates 2026-03-23..2026-03-27 | after 6 FS+0
8 | row 9 | L1 | "Wrap-up" | dates 2026-04-06..2026-04-06
changes "Changes"
`)
}

// TestReadLibreOffice reads a plan written by LibreOffice Calc (from the flat ODS beside
// it): real date cells, dates computed by formulas with LibreOffice's cached results,
// percent cells, a hyperlink, and the aliases Outline Number, Title, Issue Key, Lead,
// Due Date, Days, Dependencies, Progress.
func TestReadLibreOffice(t *testing.T) {
	p, problems := readFixture(t, "libreoffice.xlsx", nil)
	assertPlan(t, p, problems, `
sheet "Project" header 2 columns baseline_finish=Baseline Finish baseline_start=Baseline Start duration=Days finish=Due Date id=Outline Number jira=Issue Key name=Title owner=Lead percent=Progress predecessors=Dependencies start=Start Date status=Status
1 | row 3 | L1 | "Relaunch" | summary | jira WEB-1 | owner "Ana" | status "In Progress" | dates 2026-04-06..2026-04-24 | baseline 2026-04-06..2026-04-17 | duration 15 | percent 40
1.1 | row 4 | L2 | "Content audit" | parent 1 | jira WEB-2 | owner "Ben" | status "Done" | dates 2026-04-06..2026-04-10 | baseline 2026-04-06..2026-04-10 | duration 5 | percent 100
1.2 | row 5 | L2 | "Design system" | parent 1 | jira WEB-3,WEB-4 | owner "Cy" | status "In Progress" | dates 2026-04-13..2026-04-17 | baseline 2026-04-13..2026-04-17 | duration 5 | percent 20 | after 1.1 FS+0
1.3 | row 6 | L2 | "Go live" | parent 1 | jira WEB-5 | owner "Ana" | status "To Do" | dates 2026-04-24..2026-04-24 | duration 0 | percent 0 | after 1.2 FS+5
changes "Changes"
CR 1 | row 2 | jira WEB-5 | tasks 1.3 | status "Approved" | approver "Ana" | on 2026-04-01 | "Go-live moved by a week"
`)
}

// realworld returns the path of a file in ../shared/realworld beside the module root, or
// skips the test when that folder is absent.
func realworld(t *testing.T, name string) string {
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
			t.Skip("module root not found")
		}
		dir = parent
	}
	path := filepath.Join(filepath.Dir(dir), "shared", "realworld", name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not present", name)
	}
	return path
}

// TestReadPacktPlan reads a hand-made plan from a published handbook: hierarchy only by
// leading spaces, an empty "Predecessor" column beside the filled "Predecessors" one,
// predecessors like 2fs, resources like "Arun, Bex", end dates computed by formulas.
func TestReadPacktPlan(t *testing.T) {
	p, problems, err := readWith(t, realworld(t, "packt-project-plan.xlsx"), "packt-project-plan.xlsx", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	if len(p.Tasks) != 39 {
		t.Errorf("read %d tasks, want 39", len(p.Tasks))
	}
	if got := describeColumns(p.Columns); got != "duration=Duration finish=End Date id=ID name=Task owner=Resourcing predecessors=Predecessors start=Start Date" {
		t.Errorf("columns: %s", got)
	}
	want := map[string]string{
		"1":  `1 | row 2 | L1 | "Create P2P Network" | summary | duration 16`,
		"2":  `2 | row 3 | L2 | "Design Network" | parent 1 | owner "Arun" | dates 2023-01-02..2023-02-13 | duration 6`,
		"3":  `3 | row 4 | L2 | "Implement" | parent 1 | owner "Arun, Bex" | dates 2023-02-14..2023-03-28 | duration 10 | after 2 FS+0`,
		"6":  `6 | row 7 | L2 | "Setup Relay Servers" | parent 5 | summary | duration 13`,
		"8":  `8 | row 9 | L3 | "Implement" | parent 6 | owner "Charley,Bex" | dates 2023-03-28..2023-04-25 | duration 8 | after 7 FS+0`,
		"9":  `9 | row 10 | L2 | "Make Relay Configurable" | parent 5 | owner "Charley" | dates 2023-04-26..2023-05-17 | duration 3 | after 7 FS+0`,
		"39": `39 | row 40 | L1 | "Danielle On-call" | owner "Danielle" | dates 2023-03-27..2023-03-31 | duration 1`,
	}
	for id, line := range want {
		if got := describeTask(p.Task(id)); got != line {
			t.Errorf("task %s:\n got %s\nwant %s", id, got, line)
		}
	}
	var summaries, top int
	for _, task := range p.Tasks {
		if task.Summary {
			summaries++
		}
		if task.Parent == nil {
			top++
		}
	}
	if summaries != 9 || top != 14 {
		t.Errorf("%d summary tasks and %d top-level tasks, want 9 and 14", summaries, top)
	}
	if p.ChangesSheet != "" || len(p.Changes) != 0 {
		t.Errorf("change log %q with %d rows, want none", p.ChangesSheet, len(p.Changes))
	}
	if got := p.Pos(p.Task("3"), "predecessors").String(); got != "packt-project-plan.xlsx:Project Plan!G4" {
		t.Errorf("Pos(3, predecessors) = %s", got)
	}
}

// TestReadIDAndWBS reads a plan with both an ID column and a WBS column, in either order:
// the task id is the ID (what Microsoft Project's predecessors name), the hierarchy comes
// from the WBS codes, and a predecessor may name a task by either.
func TestReadIDAndWBS(t *testing.T) {
	for _, wbsFirst := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "idwbs.xlsx")
		writeWorkbook(t, path, func(t *testing.T, f *excelize.File) {
			s := newSheet(t, f, "Plan")
			rows := [][]any{
				{"ID", "WBS", "Task Name", "Start", "Finish", "Predecessors"},
				{1, "1", "Phase", "2026-03-02", "2026-03-13", ""},
				{2, "1.1", "Design", "2026-03-02", "2026-03-06", ""},
				{3, "1.2", "Build", "2026-03-09", "2026-03-13", "2"},
				{4, "2", "Launch", "2026-03-16", "2026-03-16", "1.2FS+1d"},
			}
			for n, r := range rows {
				if wbsFirst {
					r[0], r[1] = r[1], r[0]
				}
				s.row(n+1, r...)
			}
		})
		p, problems, err := readWith(t, path, "idwbs.xlsx", nil)
		if err != nil {
			t.Fatal(err)
		}
		columns := "finish=Finish id=ID name=Task Name predecessors=Predecessors start=Start"
		assertPlan(t, p, problems, `
sheet "Plan" header 1 columns `+columns+`
1 | row 2 | L1 | "Phase" | wbs 1 | summary | dates 2026-03-02..2026-03-13
2 | row 3 | L2 | "Design" | wbs 1.1 | parent 1 | dates 2026-03-02..2026-03-06
3 | row 4 | L2 | "Build" | wbs 1.2 | parent 1 | dates 2026-03-09..2026-03-13 | after 2 FS+0
4 | row 5 | L1 | "Launch" | wbs 2 | dates 2026-03-16..2026-03-16 | after 1.2 FS+1
`)
		if got := p.Task("1.2"); got == nil || got.ID != "3" {
			t.Errorf("wbs first %v: Task(1.2) = %v, want task 3", wbsFirst, got)
		}
	}
}
