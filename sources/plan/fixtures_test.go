package plan

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hatcheck/hatcheck/lint"
)

// The workbooks in testdata/plan written by excelize are built here. Run
//
//	go test ./sources/plan -run TestFixtures -update
//
// to rewrite them; without -update, TestFixtures checks that the committed files still
// read exactly as freshly built ones, so a builder change cannot leave them stale.
var update = flag.Bool("update", false, "rewrite the excelize-built workbooks in testdata/plan")

const fixtureDir = "../../testdata/plan"

// fixtures maps each committed workbook to its builder.
var fixtures = map[string]func(*testing.T, *excelize.File){
	"wbs.xlsx":        buildWBS,
	"levels1904.xlsx": buildLevels1904,
	"indent.xlsx":     buildIndent,
	"noheader.xlsx":   buildNoHeader,
}

func TestFixtures(t *testing.T) {
	for name, build := range fixtures {
		t.Run(name, func(t *testing.T) {
			committed := filepath.Join(fixtureDir, name)
			fresh := filepath.Join(t.TempDir(), name)
			writeWorkbook(t, fresh, build)
			if *update {
				data, err := os.ReadFile(fresh)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(committed, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, wantProblems, wantErr := readAs(t, committed, name)
			got, gotProblems, gotErr := readAs(t, fresh, name)
			if errText(wantErr) != errText(gotErr) {
				t.Fatalf("%s is stale (run with -update): error %q, freshly built %q", committed, errText(wantErr), errText(gotErr))
			}
			if want == nil {
				return
			}
			if d, g := describePlan(want, wantProblems), describePlan(got, gotProblems); d != g {
				t.Errorf("%s is stale (run with -update):\ncommitted:\n%s\nfresh:\n%s", committed, d, g)
			}
		})
	}
}

// readAs reads a workbook naming it name in positions and messages.
func readAs(t *testing.T, path, name string) (*lint.Plan, []lint.ValueProblem, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadFrom(name, f, nil)
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// writeWorkbook builds a workbook and saves it.
func writeWorkbook(t *testing.T, path string, build func(*testing.T, *excelize.File)) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	build(t, f)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// sheetWriter writes rows of cells into one sheet, failing the test on any error.
type sheetWriter struct {
	t     *testing.T
	f     *excelize.File
	sheet string
}

func newSheet(t *testing.T, f *excelize.File, name string) *sheetWriter {
	t.Helper()
	if f.GetSheetName(0) == "Sheet1" && len(f.GetSheetList()) == 1 {
		must(t, f.SetSheetName("Sheet1", name))
	} else if _, err := f.NewSheet(name); err != nil {
		t.Fatal(err)
	}
	return &sheetWriter{t: t, f: f, sheet: name}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (s *sheetWriter) row(r int, values ...any) {
	s.t.Helper()
	cell, err := excelize.CoordinatesToCellName(1, r)
	must(s.t, err)
	must(s.t, s.f.SetSheetRow(s.sheet, cell, &values))
}

func (s *sheetWriter) set(cell string, v any) {
	s.t.Helper()
	must(s.t, s.f.SetCellValue(s.sheet, cell, v))
}

func (s *sheetWriter) style(cell string, st *excelize.Style) {
	s.t.Helper()
	id, err := s.f.NewStyle(st)
	must(s.t, err)
	must(s.t, s.f.SetCellStyle(s.sheet, cell, cell, id))
}

// formula writes a formula with a cached result, as a spreadsheet program saves it.
func (s *sheetWriter) formula(cell, formula string, cached any) {
	s.t.Helper()
	if cached != nil {
		s.set(cell, cached)
	}
	must(s.t, s.f.SetCellFormula(s.sheet, cell, formula))
}

func (s *sheetWriter) link(cell, target string) {
	s.t.Helper()
	must(s.t, s.f.SetCellHyperLink(s.sheet, cell, target, "External"))
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var dateStyle = &excelize.Style{NumFmt: 14}

// buildWBS writes a plan with title rows above the header, hierarchy by WBS codes, the
// less common header aliases, text dates in every form, formulas with cached results and
// without, hyperlinked Jira keys, predecessors with types and lags, bad values, and a
// change-log sheet.
func buildWBS(t *testing.T, f *excelize.File) {
	cover := newSheet(t, f, "Read me")
	cover.row(1, "Project Apollo")
	cover.row(2, "The schedule is on the next sheet.")

	s := newSheet(t, f, "Schedule")
	s.row(1, "Project Apollo — schedule")
	must(t, f.MergeCell("Schedule", "A1", "F1"))
	s.row(2, "Updated by the PM every Friday")
	s.row(4, "WBS", "Task Name", "Jira Key(s)", "Assigned To", "Planned Start", "Planned Finish",
		"BL Start", "BL Finish", "Work Days", "Depends On", "% Complete", "Milestone", "Status")
	// Row 5: a summary task with real date cells and a hyperlinked key.
	s.row(5, "1", "Discovery", "PAY-1", "Ana", day(2026, 3, 2), day(2026, 3, 13), day(2026, 3, 2), day(2026, 3, 13))
	s.link("C5", "https://acme.atlassian.net/browse/PAY-1")
	// Row 6: ISO and slash text dates, two keys in the text, a duration in days.
	s.row(6, "1.1", "  Interviews", "PAY-2, PAY-3", "Ben", "2026-03-02", "3/6/2026", day(2026, 3, 2), day(2026, 3, 6), "5d", nil, "50%", "No", "In Progress")
	// Row 7: the key only in the hyperlink, a weekday date, a spelled-out month, a
	// percent-formatted fraction, a typed predecessor with a lag.
	s.row(7, "1.2", "Synthesis", "see ticket", "Cy", "Mon 3/9/26", "March 13, 2026", nil, nil, "1w", "1.1FS+2d", 0.5, "no")
	s.link("C7", "https://acme.atlassian.net/browse/PAY-4")
	s.style("K7", &excelize.Style{NumFmt: 9})
	// Row 8: a HYPERLINK formula, year-first and day-month-year dates, several links.
	s.row(8, "1.2.1", "Draft report", nil, "Dee", "2026 March 9 8:00 AM", "13-Mar-2026", nil, nil, "2 days", "1.1SS+1w; 1.1FF-4h", 100, "Yes", "Done")
	s.formula("C8", `HYPERLINK("https://acme.atlassian.net/browse/PAY-5","PAY-5")`, "PAY-5")
	// Row 9: dates computed by formulas, one cached and one never calculated; bad values.
	s.row(9, "2", "Delivery", nil, nil, nil, nil, nil, nil, "1.5 wks", "1.2.1, 3XX", "lots")
	s.formula("E9", "F7+3", 46097.0)
	s.style("E9", dateStyle)
	s.formula("F9", "E9+10", nil)
	// Row 10: a name-less row is not a task.
	s.row(10, nil, nil, "PAY-9", "Nobody")
	// Row 11: a dotted day-first date, a two-digit year, an impossible date, a bad flag.
	s.row(11, "2.1", "Launch", "PAY-6", "Ana", "16.03.2026", "3/20/26", "31/02/2026", nil, 0, "2SS+3ed,1.2FF-1ew", "0%", "maybe")

	c := newSheet(t, f, "Change Log")
	c.row(1, "Change requests")
	c.row(2, "CR ID", "Affected Issues", "Plan Task", "Decision", "Decision By", "Decision Date", "Change")
	c.row(3, "CR-1", "PAY-2", "1.1", "Approved", "Ana", day(2026, 3, 3), "Add customer interviews")
	c.row(5, "CR-2", "PAY-4; PAY-5", "1.2, 1.2.1", "Rejected", "Ben", "2026-03-10", "Longer synthesis")
	c.row(6, nil, nil, nil, nil, nil, "someday", "Idea without an id")
	c.style("F3", dateStyle)
}

// buildLevels1904 writes a plan in the 1904 date system with an outline level column
// (level 0 for the project summary, as Microsoft Project exports it), a summary flag,
// percent-formatted cells, and predecessors of every type with elapsed lags.
func buildLevels1904(t *testing.T, f *excelize.File) {
	yes := true
	must(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	s := newSheet(t, f, "Tasks")
	s.row(1, "ID", "Name", "Outline Level", "Start", "Finish", "Owner", "Predecessors", "Summary", "Percent Complete", "Duration", "Baseline Start", "Baseline Finish")
	// 1904 serials: 44627 is Sunday 2026-03-08 (1462 days less than in the 1900 system).
	s.row(2, 10, "Apollo", 0, 44627, 44648, nil, nil, "Yes", nil, "15 days")
	s.row(3, 11, "Build", 1, 44627, 44631, "Ana", nil, "No", 1, 5, 44627, 44631)
	s.row(4, 12, "Test", 1, 44634, 44638, "Ben", "11FS", "No", 0.25, "1w")
	s.row(5, 13, "Fix", 2, 44634, 44645, "Cy", "12SS+3ed", nil, 0.125, "40h")
	s.row(6, 14, "Ship", 1, 44648, 44648, "Dee", "12FF-1ew;13sf+50%", "yes", nil, "0d")
	s.row(7, 15, "Retro", "two", 44648, 44648, "Ana", "14", "No", nil, "1 mo")
	for r := 2; r <= 7; r++ {
		for _, col := range []string{"D", "E", "K", "L"} {
			s.style(col+strconv.Itoa(r), dateStyle)
		}
		s.style("I"+strconv.Itoa(r), &excelize.Style{CustomNumFmt: strptr(`0.0%`)})
	}
}

// buildIndent writes a plan whose hierarchy is only in the names' indentation (leading
// spaces, and Excel's cell indent), behind a hidden sheet that also has a header, with an
// empty change-log sheet.
func buildIndent(t *testing.T, f *excelize.File) {
	hidden := newSheet(t, f, "Template")
	hidden.row(1, "Task", "Start")
	hidden.row(2, "Example", "2026-01-01")

	s := newSheet(t, f, "Plan")
	s.row(1, "Activity", "Begin", "End", "Resources", "Predecessor(s)", "Predecessors")
	s.row(2, "Phase one", "2026-03-02", "2026-03-20")
	s.row(3, "   Design", "2026-03-02", "2026-03-06", "Arun, Bex")
	s.row(4, "      Sketch", "2026-03-02", "2026-03-03", "Arun", nil, nil)
	s.row(5, "      Review", "2026-03-04", "2026-03-06", "Bex", nil, "3")
	s.row(6, "   Build", "2026-03-09", "2026-03-20", "Charley,Bex", nil, "2fs")
	s.row(7, "Phase two", "2026-03-23", "2026-04-03")
	s.row(8, "Indented by style", "2026-03-23", "2026-03-27", "Dee", nil, "6")
	s.style("A8", &excelize.Style{Alignment: &excelize.Alignment{Indent: 1}})
	s.row(9, "Wrap-up", "2026-04-06", "2026-04-06")
	must(t, f.MergeCell("Plan", "D9", "E9"))
	newSheet(t, f, "Changes")
	// Excel will not hide the selected sheet, so select the plan first.
	idx, err := f.GetSheetIndex("Plan")
	must(t, err)
	f.SetActiveSheet(idx)
	must(t, f.SetSheetVisible("Template", false))
	if v, _ := f.GetSheetVisible("Template"); v {
		t.Fatal("sheet Template is still visible")
	}
}

// buildNoHeader writes a workbook whose sheets hold data but no plan header.
func buildNoHeader(t *testing.T, f *excelize.File) {
	s := newSheet(t, f, "Budget")
	s.row(1, "Item", "Cost")
	s.row(2, "Laptops", 12000)
	n := newSheet(t, f, "Notes")
	n.row(1, "Name", "Phone")
}

func strptr(s string) *string { return &s }
