package plan

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hatcheck/hatcheck/lint"
)

// zeros is an endless stream of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// zipBomb is a zip whose one entry claims to unpack to a terabyte.
func zipBomb(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CompressedSize64: 2, UncompressedSize64: 1 << 40})
	must(t, err)
	_, err = w.Write([]byte{3, 0})
	must(t, err)
	must(t, zw.Close())
	return buf.Bytes()
}

// lyingZip is a zip whose one entry claims 10 bytes but unpacks to a mebibyte, the other
// way a zip bomb hides its size.
func lyingZip(t *testing.T) []byte {
	var packed bytes.Buffer
	fw, err := flate.NewWriter(&packed, flate.BestCompression)
	must(t, err)
	_, err = fw.Write(make([]byte, 1<<20))
	must(t, err)
	must(t, fw.Close())
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/workbook.xml", Method: zip.Deflate, CompressedSize64: uint64(packed.Len()), UncompressedSize64: 10})
	must(t, err)
	_, err = w.Write(packed.Bytes())
	must(t, err)
	must(t, zw.Close())
	return buf.Bytes()
}

// strayCells is a plan whose rows each hold a stray cell in the last column, XFD.
func strayCells(t *testing.T, rows int) []byte {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	must(t, err)
	must(t, sw.SetRow("A1", []any{"Name", "Start"}))
	for r := 2; r <= rows; r++ {
		must(t, sw.SetRow("XFD"+strconv.Itoa(r), []any{"x"}))
	}
	must(t, sw.Flush())
	buf, err := f.WriteToBuffer()
	must(t, err)
	return buf.Bytes()
}

// zipOf is a zip archive holding the given files.
func zipOf(t *testing.T, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		must(t, err)
		_, err = io.WriteString(w, body)
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

func TestReadErrors(t *testing.T) {
	wbs, err := os.ReadFile(filepath.Join(fixtureDir, "wbs.xlsx"))
	must(t, err)
	withCfg := func(edit func(*lint.Config)) *lint.Config {
		cfg := lint.DefaultConfig()
		edit(cfg)
		return cfg
	}
	tests := []struct {
		name string
		path string
		data io.Reader
		cfg  *lint.Config
		want string
	}{
		{
			name: "csv renamed",
			path: "not-a-workbook.xlsx",
			data: strings.NewReader("ID,Name,Start\n1,Design,2026-03-02\n"),
			want: "not-a-workbook.xlsx: not an Excel workbook: expected an .xlsx or .xlsm file",
		},
		{
			name: "empty file",
			path: "plan.xlsx",
			data: strings.NewReader(""),
			want: "plan.xlsx: not an Excel workbook: expected an .xlsx or .xlsm file",
		},
		{
			name: "truncated",
			path: "plan.xlsx",
			data: bytes.NewReader(wbs[:len(wbs)/2]),
			want: "plan.xlsx: not an Excel workbook: expected an .xlsx or .xlsm file",
		},
		{
			name: "old xls or encrypted",
			path: "plan.xls",
			data: bytes.NewReader(append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...)),
			want: "plan.xls: not a readable Excel workbook: an encrypted workbook or an old .xls file; expected an unencrypted .xlsx or .xlsm file",
		},
		{
			name: "zip of something else",
			path: "plan.xlsx",
			data: bytes.NewReader(zipOf(t, map[string]string{"readme.txt": "hello"})),
			want: "plan.xlsx: not an Excel workbook: expected an .xlsx or .xlsm file",
		},
		{
			name: "zip bomb",
			path: "plan.xlsx",
			data: bytes.NewReader(zipBomb(t)),
			want: "plan.xlsx: workbook too large: it unpacks to more than 64 MiB",
		},
		{
			name: "zip bomb understating its size",
			path: "plan.xlsx",
			data: bytes.NewReader(lyingZip(t)),
			want: "plan.xlsx: not an Excel workbook: expected an .xlsx or .xlsm file",
		},
		{
			name: "stray cells far to the right",
			path: "plan.xlsx",
			data: bytes.NewReader(strayCells(t, 100)),
			want: "plan.xlsx:Sheet1: sheet too large: its rows span more than 1000000 cells counted out to each row's last filled cell; expected a plan without stray cells far to the right",
		},
		{
			name: "no header",
			path: "noheader.xlsx",
			want: "noheader.xlsx: no header row found in the first 30 rows of any sheet: expected a row naming a task name column (Name, Task, Task Name, ...) and a date column (Start, Finish, ...)",
		},
		{
			name: "missing plan sheet",
			path: "wbs.xlsx",
			cfg:  withCfg(func(c *lint.Config) { c.Plan.Sheet = "Gantt" }),
			want: `wbs.xlsx: no sheet named "Gantt" (plan.sheet): the workbook has sheets "Read me", "Schedule", "Change Log"`,
		},
		{
			name: "plan sheet without header",
			path: "wbs.xlsx",
			cfg:  withCfg(func(c *lint.Config) { c.Plan.Sheet = "read me" }),
			want: "wbs.xlsx:Read me: no header row found in the first 30 rows: expected a row naming a task name column (Name, Task, Task Name, ...) and a date column (Start, Finish, ...)",
		},
		{
			name: "missing change-log sheet",
			path: "wbs.xlsx",
			cfg:  withCfg(func(c *lint.Config) { c.Plan.ChangesSheet = "CRs" }),
			want: `wbs.xlsx: no sheet named "CRs" (plan.changes_sheet): the workbook has sheets "Read me", "Schedule", "Change Log"`,
		},
		{
			name: "change-log sheet without header",
			path: "wbs.xlsx",
			cfg:  withCfg(func(c *lint.Config) { c.Plan.ChangesSheet = "Read me" }),
			want: "wbs.xlsx:Read me: no change-log header row found in the first 30 rows: expected a row naming an id, Jira or task column (ID, Jira, Task, ...) and another change-log column (Status, Approved By, Approved On, ...)",
		},
		{
			name: "unknown column role",
			path: "wbs.xlsx",
			cfg: withCfg(func(c *lint.Config) {
				c.Path = ".hatcheck.yaml"
				c.Plan.Columns = map[string]string{"deadline": "Due", "name": "Task"}
			}),
			want: `.hatcheck.yaml: plan.columns: unknown column role "deadline": expected one of id, name, jira, owner, start, finish, baseline_start, baseline_finish, duration, predecessors, percent, milestone, summary, level, status, task, approver, approved_on, description`,
		},
		{
			name: "configured column missing",
			path: "indent.xlsx",
			cfg:  withCfg(func(c *lint.Config) { c.Plan.Columns = map[string]string{"finish": "Deadline"} }),
			want: `indent.xlsx:Plan: column "Deadline" (plan.columns.finish) not found in header row 1: the headers are "Activity", "Begin", "End", "Resources", "Predecessor(s)", "Predecessors"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.data
			if r == nil {
				f, err := os.Open(filepath.Join(fixtureDir, tt.path))
				must(t, err)
				defer f.Close()
				r = f
			}
			p, problems, err := ReadFrom(tt.path, r, tt.cfg)
			if err == nil {
				t.Fatalf("read %d tasks and %d problems, want error %q", len(p.Tasks), len(problems), tt.want)
			}
			var ie *lint.InputError
			if !errors.As(err, &ie) {
				t.Errorf("error %T, want *lint.InputError", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestReadTooLarge(t *testing.T) {
	defer func(n int64) { maxFileSize = n }(maxFileSize)
	maxFileSize = 1 << 20
	want := "plan.xlsx: file too large: expected a workbook of at most 1 MiB"
	if _, _, err := ReadFrom("plan.xlsx", io.LimitReader(zeros{}, maxFileSize+1), nil); err == nil || err.Error() != want {
		t.Errorf("reading a stream: error %v, want %s", err, want)
	}
	path := filepath.Join(t.TempDir(), "plan.xlsx")
	must(t, os.WriteFile(path, make([]byte, maxFileSize+1), 0o644))
	want = path + ": file too large: expected a workbook of at most 1 MiB"
	if _, _, err := Read(path, nil); err == nil || err.Error() != want {
		t.Errorf("reading a file: error %v, want %s", err, want)
	}
}

func TestReadTooManyMerges(t *testing.T) {
	defer func(n int) { maxMergeWork = n }(maxMergeWork)
	maxMergeWork = 20
	// indent.xlsx has one merged range over eight rows; wbs.xlsx has one over seven plan
	// rows and none on its change log.
	if _, _, err := readWith(t, filepath.Join(fixtureDir, "indent.xlsx"), "indent.xlsx", nil); err != nil {
		t.Errorf("indent.xlsx: %v", err)
	}
	maxMergeWork = 6
	want := "wbs.xlsx:Schedule: too many merged cells: 1 merged ranges over 7 rows; expected at most 6 ranges times rows (unmerge the cells)"
	if _, _, err := readWith(t, filepath.Join(fixtureDir, "wbs.xlsx"), "wbs.xlsx", nil); err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestReadMissingFile(t *testing.T) {
	_, _, err := Read(filepath.Join(fixtureDir, "missing.xlsx"), nil)
	want := "../../testdata/plan/missing.xlsx: cannot read: no such file or directory"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	_, _, err = Read(fixtureDir, nil)
	want = "../../testdata/plan: is a folder: expected an .xlsx or .xlsm file"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	_, _, err = Read(filepath.Join(fixtureDir, "not-a-workbook.xlsx"), nil)
	want = "../../testdata/plan/not-a-workbook.xlsx: not an Excel workbook: expected an .xlsx or .xlsm file"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestColumnOverrides(t *testing.T) {
	cfg := lint.DefaultConfig()
	// Headers given in the configuration are compared like aliases, and a configured
	// header is not also taken by the role its alias names.
	cfg.Plan.Columns = map[string]string{"finish": "baseline  FINISH", "description": "Approver"}
	p, problems := readFixture(t, "libreoffice.xlsx", cfg)
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	if got := describeColumns(p.Columns); got != "baseline_start=Baseline Start duration=Days finish=Baseline Finish id=Outline Number jira=Issue Key name=Title owner=Lead percent=Progress predecessors=Dependencies start=Start Date status=Status" {
		t.Errorf("columns: %s", got)
	}
	if got := describeTask(p.Task("1")); got != `1 | row 3 | L1 | "Relaunch" | summary | jira WEB-1 | owner "Ana" | status "In Progress" | dates 2026-04-06..2026-04-17 | baseline 2026-04-06..? | duration 15 | percent 40` {
		t.Errorf("task 1: %s", got)
	}
	if got := describeChange(p.Changes[0]); got != `CR 1 | row 2 | jira WEB-5 | tasks 1.3 | status "Approved" | on 2026-04-01 | "Ana"` {
		t.Errorf("change 1: %s", got)
	}
}

// TestReadOddWorkbook reads a workbook with an empty first sheet, a merged title, huge
// cells and values of every wrong kind: nothing panics, every bad value is reported with
// its cell and shortened, and the tasks are kept.
func TestReadOddWorkbook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd.xlsx")
	huge := strings.Repeat("x", 32767)
	writeWorkbook(t, path, func(t *testing.T, f *excelize.File) {
		newSheet(t, f, "Empty")
		s := newSheet(t, f, "Plan")
		s.row(1, "Big plan")
		must(t, f.MergeCell("Plan", "A1", "H2"))
		s.row(3, "Name", "Start", "Finish", "Duration", "% Complete", "Predecessors", "Summary", "Jira", "Milestone")
		s.row(4, huge, huge, "2026-02-30", "forever", "150%", "1;;  ;2XX;3", "sometimes", huge, false)
		s.row(5, "Second", 0, -3, -1, -5, "4FS+3q", 2, "PAY-1 and pay-2 and PAY-3", true)
	})
	p, problems, err := readWith(t, path, "odd.xlsx", nil)
	if err != nil {
		t.Fatal(err)
	}
	shortName := strings.Repeat("x", 79) + "…"
	assertPlan(t, p, problems, `
sheet "Plan" header 3 columns duration=Duration finish=Finish jira=Jira milestone=Milestone name=Name percent=% Complete predecessors=Predecessors start=Start summary=Summary
1 | row 4 | L1 | "`+huge+`" | after 1 FS+0 | after 3 FS+0
2 | row 5 | L1 | "Second" | milestone | jira PAY-1,PAY-3
problem odd.xlsx:Plan!B4 row 4: 1 start: "`+shortName+`": expected a date like 2026-03-10 or 3/10/2026
problem odd.xlsx:Plan!C4 row 4: 1 finish: "2026-02-30": expected a date like 2026-03-10 or 3/10/2026
problem odd.xlsx:Plan!D4 row 4: 1 duration: "forever": expected a duration like 5d, 5 days or 2w
problem odd.xlsx:Plan!E4 row 4: 1 percent: "150%": expected a percentage from 0 to 100 like 50% or 50
problem odd.xlsx:Plan!F4 row 4: 1 predecessors: "2XX": expected predecessors like 2, 3SS+2d or 1.2.3FF-1w, separated by commas
problem odd.xlsx:Plan!G4 row 4: 1 summary: "sometimes": expected Yes/No, True/False or 1/0
problem odd.xlsx:Plan!B5 row 5: 2 start: "0": expected a date like 2026-03-10 or 3/10/2026
problem odd.xlsx:Plan!C5 row 5: 2 finish: "-3": expected a date like 2026-03-10 or 3/10/2026
problem odd.xlsx:Plan!D5 row 5: 2 duration: "-1": expected a duration like 5d, 5 days or 2w
problem odd.xlsx:Plan!E5 row 5: 2 percent: "-5": expected a percentage from 0 to 100 like 50% or 50
problem odd.xlsx:Plan!F5 row 5: 2 predecessors: "4FS+3q": expected predecessors like 2, 3SS+2d or 1.2.3FF-1w, separated by commas
problem odd.xlsx:Plan!G5 row 5: 2 summary: "2": expected Yes/No, True/False or 1/0
`)
}
