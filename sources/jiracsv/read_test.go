package jiracsv

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
	"github.com/hatcheck/hatcheck/sources/jira"
)

// readFile reads an export from testdata/csv, naming it as the repository does.
func readFile(t *testing.T, name, locale string, cfg *lint.Config) (*jira.Result, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "csv", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadLocale("testdata/csv/"+name, f, cfg, locale)
}

func mustRead(t *testing.T, name, locale string) *jira.Result {
	t.Helper()
	r, err := readFile(t, name, locale, nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

func issue(t *testing.T, r *jira.Result, key string) *lint.Issue {
	t.Helper()
	for _, i := range r.Issues {
		if i.Key == key {
			return i
		}
	}
	t.Fatalf("no issue %s", key)
	return nil
}

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func float(f float64) *float64 { return &f }

// TestReadAllFields reads a Cloud "CSV (all fields)" export: BOM, CRLF, descriptions over
// several lines, five Labels columns, two Sprint columns, custom fields, ids for parents.
func TestReadAllFields(t *testing.T) {
	r := mustRead(t, "all-fields.csv", "")
	wantFields := map[lint.FieldKind]string{
		lint.KindRank: "Rank", lint.KindSprint: "Sprint", lint.KindEstimate: "Story Points",
		lint.KindValue: "Business Value", lint.KindAcceptance: "Acceptance Criteria",
	}
	// The input carries its own roles past the merge of several inputs.
	wantInput := lint.Input{Kind: "jira", Format: "csv", Path: "testdata/csv/all-fields.csv", Issues: 4, Fields: wantFields}
	if !reflect.DeepEqual(r.Input, wantInput) {
		t.Errorf("Input = %+v, want %+v", r.Input, wantInput)
	}
	if !reflect.DeepEqual(r.Fields, wantFields) {
		t.Errorf("Fields = %v, want %v", r.Fields, wantFields)
	}
	wantSprints := map[string][]string{"PAY-2": {"Sprint 4", "Sprint 5"}, "PAY-3": {"Sprint 4"}}
	if !reflect.DeepEqual(r.SprintNames, wantSprints) {
		t.Errorf("SprintNames = %v, want %v", r.SprintNames, wantSprints)
	}
	if len(r.Sprints) != 0 || r.Sprints == nil {
		t.Errorf("Sprints = %v, want an empty map: the CSV export has no sprint ids", r.Sprints)
	}

	var keys []string
	for _, i := range r.Issues {
		keys = append(keys, i.Key)
		if i.ChangelogTotal != -1 || len(i.Histories) != 0 {
			t.Errorf("%s: ChangelogTotal %d, %d histories; want -1 and none", i.Key, i.ChangelogTotal, len(i.Histories))
		}
	}
	if got := strings.Join(keys, " "); got != "PAY-1 PAY-2 PAY-3 PAY-4" {
		t.Errorf("keys = %s", got)
	}

	epic := issue(t, r, "PAY-1")
	want := &lint.Issue{
		Key: "PAY-1", ID: "10001", Project: "PAY", Type: "Epic", Summary: "Checkout revamp",
		Description:    "Rework the checkout flow.\n\nSee the \"design\" first.",
		Status:         "In Progress",
		StatusCategory: lint.CategoryIndeterminate,
		Priority:       "High",
		Labels:         []string{"checkout", "frontend"},
		FixVersions:    []string{"2026.1"},
		Assignee:       &lint.Person{AccountID: "5b10ac8d82e05b22cc7d4ef5", DisplayName: "Dana Ortiz", Name: "Dana Ortiz"},
		Reporter:       &lint.Person{AccountID: "5b10a2844c20165700ede21g", DisplayName: "Sam Lee", Name: "Sam Lee"},
		Creator:        &lint.Person{DisplayName: "Sam Lee", Name: "Sam Lee"},
		Created:        utc(2026, 2, 12, 9, 41),
		Updated:        utc(2026, 2, 14, 10, 0),
		Due:            utc(2026, 3, 31, 0, 0),
		Rank:           "0|i0000f:",
		Dates:          []lint.DateValue{{Field: "duedate", At: utc(2026, 3, 31, 0, 0)}, {Field: "Target start", At: utc(2026, 3, 2, 0, 0)}},
		ChangelogTotal: -1,
		Pos:            lint.Position{Path: "testdata/csv/all-fields.csv", Line: 2},
	}
	if !reflect.DeepEqual(epic, want) {
		t.Errorf("PAY-1 =\n%+v\nwant\n%+v", *epic, *want)
	}

	story := issue(t, r, "PAY-2")
	// The record starts on line 5: PAY-1's description spans lines 2 to 4.
	if story.Pos.Line != 5 {
		t.Errorf("PAY-2 line = %d, want 5", story.Pos.Line)
	}
	if got := strings.Join(story.Labels, ","); got != "payments,backend,mobile,wallet,ios" {
		t.Errorf("PAY-2 labels = %s", got)
	}
	if got := strings.Join(story.FixVersions, ","); got != "2026.1,2026.2" {
		t.Errorf("PAY-2 fix versions = %s", got)
	}
	if story.Parent != "PAY-1" {
		t.Errorf("PAY-2 parent = %q, want PAY-1 (from Parent id 10001)", story.Parent)
	}
	// A four-digit year, and an ISO time with an offset.
	if !story.Created.Equal(utc(2026, 2, 13, 20, 0)) || !story.Updated.Equal(utc(2026, 2, 20, 10, 30)) {
		t.Errorf("PAY-2 created %v updated %v", story.Created, story.Updated)
	}
	if !reflect.DeepEqual(story.Estimate, float(5)) || !reflect.DeepEqual(story.Value, float(8)) {
		t.Errorf("PAY-2 estimate %v value %v", story.Estimate, story.Value)
	}
	if story.Acceptance != "Wallet shows on iOS" || story.StatusCategory != lint.CategoryNew {
		t.Errorf("PAY-2 acceptance %q category %q", story.Acceptance, story.StatusCategory)
	}
	if !strings.HasPrefix(story.Description, "As a shopper I want Apple Pay.\nGiven a cart\n") {
		t.Errorf("PAY-2 description = %q", story.Description)
	}

	bug := issue(t, r, "PAY-3")
	if bug.Pos.Line != 9 || bug.StatusCategory != lint.CategoryDone || bug.Resolution != "Fixed" ||
		!bug.Resolved.Equal(utc(2026, 2, 15, 16, 0)) || !reflect.DeepEqual(bug.Estimate, float(2.5)) {
		t.Errorf("PAY-3 = %+v", *bug)
	}

	// PAY-4 holds the unreadable values: it is kept without them.
	gift := issue(t, r, "PAY-4")
	if !gift.Created.IsZero() || gift.Estimate != nil || !gift.Date("Target start").IsZero() {
		t.Errorf("PAY-4 kept unreadable values: %+v", *gift)
	}
	if gift.StatusCategory != "" || gift.Assignee != nil || !gift.Due.Equal(utc(2026, 4, 15, 0, 0)) {
		t.Errorf("PAY-4 category %q assignee %+v due %v", gift.StatusCategory, gift.Assignee, gift.Due)
	}
	wantProblems := []lint.ValueProblem{
		{Pos: lint.Position{Path: "testdata/csv/all-fields.csv", Line: 10, Column: 73}, Subject: "PAY-4",
			Field: "Created", Value: "31/Feb/26 9:00 AM", Expected: expectedDate},
		{Pos: lint.Position{Path: "testdata/csv/all-fields.csv", Line: 10, Column: 131}, Subject: "PAY-4",
			Field: "Custom field (Story Points)", Value: "lots", Expected: "a number"},
		{Pos: lint.Position{Path: "testdata/csv/all-fields.csv", Line: 10, Column: 148}, Subject: "PAY-4",
			Field: "Custom field (Target start)", Value: "Mon 3rd", Expected: expectedDate},
	}
	if !reflect.DeepEqual(r.Problems, wantProblems) {
		t.Errorf("Problems =\n%+v\nwant\n%+v", r.Problems, wantProblems)
	}
}

// TestReadCurrentFields reads a Server-style "current fields" export: LF line ends, no BOM,
// the older header variants, ISO and four-digit-year dates, an epic link given by id.
func TestReadCurrentFields(t *testing.T) {
	r := mustRead(t, "current-fields.csv", "")
	wantFields := map[lint.FieldKind]string{lint.KindSprint: "Sprint", lint.KindEstimate: "Story point estimate", lint.KindEpic: "Epic Link"}
	if !reflect.DeepEqual(r.Fields, wantFields) {
		t.Errorf("Fields = %v, want %v", r.Fields, wantFields)
	}
	epic, story, sub := issue(t, r, "WEB-10"), issue(t, r, "WEB-11"), issue(t, r, "WEB-12")
	if epic.StatusCategory != lint.CategoryNew || !epic.Created.Equal(utc(2026, 1, 5, 9, 0)) {
		t.Errorf("WEB-10 category %q created %v", epic.StatusCategory, epic.Created)
	}
	// "Resolved" is a done status name even without a resolution.
	if story.StatusCategory != lint.CategoryDone || story.Epic != "WEB-10" || !story.Due.Equal(utc(2026, 1, 20, 0, 0)) ||
		!story.Updated.Equal(utc(2026, 1, 7, 17, 45)) {
		t.Errorf("WEB-11 = %+v", *story)
	}
	if got := strings.Join(story.FixVersions, "|"); got != "v1, hotfix" {
		t.Errorf("WEB-11 fix versions = %q", got)
	}
	// Labels joined in one cell are split: a label cannot hold a space.
	if got := strings.Join(story.Labels, "|"); got != "ux|search" {
		t.Errorf("WEB-11 labels = %q", got)
	}
	if story.Assignee.Value() != (lint.Person{DisplayName: "ana@example.com", Name: "ana@example.com", Email: "ana@example.com"}) {
		t.Errorf("WEB-11 assignee = %+v", story.Assignee)
	}
	if !sub.Subtask || sub.Parent != "WEB-11" || sub.Epic != "WEB-10" || sub.StatusCategory != lint.CategoryIndeterminate {
		t.Errorf("WEB-12 = %+v", *sub)
	}
	if !reflect.DeepEqual(r.SprintNames, map[string][]string{"WEB-12": {"Search sprint, part 1"}}) {
		t.Errorf("SprintNames = %v", r.SprintNames)
	}
	if len(r.Problems) != 0 {
		t.Errorf("Problems = %+v", r.Problems)
	}
}

func TestReadLocalisedMonths(t *testing.T) {
	// Without a locale, month names of every known language are read.
	all := mustRead(t, "localised.csv", "")
	if got := issue(t, all, "OPS-1"); !got.Created.Equal(utc(2026, 2, 27, 16, 35)) || !got.Due.Equal(utc(2026, 3, 3, 0, 0)) {
		t.Errorf("any: OPS-1 created %v due %v", got.Created, got.Due)
	}
	if got := issue(t, all, "OPS-2"); !got.Created.Equal(utc(2026, 3, 27, 16, 35)) || !got.Due.Equal(utc(2026, 12, 1, 0, 0)) {
		t.Errorf("any: OPS-2 created %v due %v", got.Created, got.Due)
	}
	if len(all.Problems) != 0 {
		t.Errorf("any: Problems = %+v", all.Problems)
	}
	// A named locale reads its own names and English only.
	fr := mustRead(t, "localised.csv", "fr_FR")
	if got := issue(t, fr, "OPS-1"); !got.Created.Equal(utc(2026, 2, 27, 16, 35)) || !got.Due.Equal(utc(2026, 3, 3, 0, 0)) {
		t.Errorf("fr: OPS-1 created %v due %v", got.Created, got.Due)
	}
	// German month names are not French: both OPS-2 dates are problems.
	if len(fr.Problems) != 2 || fr.Problems[0].Value != "27/Mär/26 16:35" || fr.Problems[1].Field != "Due date" ||
		fr.Problems[1].Pos != (lint.Position{Path: "testdata/csv/localised.csv", Line: 3, Column: 37}) {
		t.Errorf("fr: Problems = %+v", fr.Problems)
	}
	de := mustRead(t, "localised.csv", "de")
	if got := issue(t, de, "OPS-2"); !got.Created.Equal(utc(2026, 3, 27, 16, 35)) || !got.Due.Equal(utc(2026, 12, 1, 0, 0)) {
		t.Errorf("de: OPS-2 created %v due %v", got.Created, got.Due)
	}
	if len(de.Problems) != 2 || de.Problems[0].Subject != "OPS-1" {
		t.Errorf("de: Problems = %+v", de.Problems)
	}
	if _, err := readFile(t, "localised.csv", "xx", nil); err == nil ||
		err.Error() != `testdata/csv/localised.csv: unknown CSV locale "xx" (want one of de, en, es, fr, it, nl, pt)` {
		t.Errorf("unknown locale: %v", err)
	}
}

// TestReadTimezone reads times without an offset in the configured zone.
func TestReadTimezone(t *testing.T) {
	cfg := lint.DefaultConfig()
	cfg.Timezone = time.FixedZone("UTC+2", 2*3600)
	r, err := Read("tz.csv", strings.NewReader("Issue key,Created,Due date\nA-1,27/Feb/26 4:35 PM,27/Feb/26 12:00 AM\n"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	i := r.Issues[0]
	if !i.Created.Equal(utc(2026, 2, 27, 14, 35)) || !i.Due.Equal(utc(2026, 2, 27, 0, 0)) || i.Due.Location() != time.UTC {
		t.Errorf("created %v due %v", i.Created, i.Due)
	}
}

func TestReadInputErrors(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"open-quote.csv", `testdata/csv/open-quote.csv:3: quoted field starting on this line is not closed properly (error at line 4, column 15): expected a closing " before the next separator`},
		{"bare-quote.csv", `testdata/csv/bare-quote.csv:2:9: bare " in a field that is not quoted: expected the field in quotes, with "" for each quote inside`},
		{"no-key.csv", `testdata/csv/no-key.csv:1: no "Issue key" column in the header row: expected a Jira CSV export (Export → CSV) or a JSON export`},
	} {
		_, err := readFile(t, tc.file, "", nil)
		var ie *lint.InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: error %v is not an input error", tc.file, err)
			continue
		}
		if err.Error() != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.file, err, tc.want)
		}
	}
	_, err := Read("empty.csv", strings.NewReader("\xef\xbb\xbf"), nil)
	if err == nil || err.Error() != "empty.csv: empty file: expected a Jira CSV export starting with a header row" {
		t.Errorf("empty: %v", err)
	}
}

// TestReadRows covers rows a real export can hold: blank lines, short rows, a missing key,
// a key seen twice.
func TestReadRows(t *testing.T) {
	in := "Issue key,Summary,Updated,Status\r\n" +
		"A-1,old copy,01/Mar/26 9:00 AM,To Do\r\n" +
		",,,\r\n" +
		"\r\n" +
		"A-2\r\n" +
		"not a key,x,,\r\n" +
		"A-1,new copy,02/Mar/26 9:00 AM,Done\r\n"
	r, err := Read("rows.csv", strings.NewReader(in), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Issues) != 2 || r.Issues[0].Summary != "new copy" || r.Issues[0].Pos.Line != 7 || r.Issues[1].Key != "A-2" {
		for _, i := range r.Issues {
			t.Logf("%+v", *i)
		}
		t.Errorf("issues wrong")
	}
	want := []lint.ValueProblem{{Pos: lint.Position{Path: "rows.csv", Line: 6, Column: 1}, Field: "Issue key",
		Value: "not a key", Expected: "an issue key like PAY-12; the row is skipped"}}
	if !reflect.DeepEqual(r.Problems, want) {
		t.Errorf("Problems = %+v", r.Problems)
	}
	if r.Input.Issues != 2 {
		t.Errorf("Input.Issues = %d", r.Input.Issues)
	}
}

func TestReadHugeRecord(t *testing.T) {
	in := "Issue key,Description\nA-1,\"" + strings.Repeat("x", maxRecord+200<<10)
	_, err := Read("huge.csv", strings.NewReader(in), nil)
	if err == nil || err.Error() != "huge.csv:2: the record starting on this line is larger than 8 MiB: expected a Jira CSV export (is a quote left open?)" {
		t.Errorf("huge: %v", err)
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		head string
		csv  bool
	}{
		{"Summary,Issue key\r\n", true},
		{"\xef\xbb\xbfIssue key,Summary", true},
		{`{"issues": []}`, false},
		{"\xef\xbb\xbf \n [{}]", false},
		{" \r\n", false},
		{"", false},
	} {
		if got := Sniff([]byte(tc.head)); got != tc.csv {
			t.Errorf("Sniff(%q) = %v, want %v", tc.head, got, tc.csv)
		}
	}
}

// TestReadResaved reads exports a spreadsheet re-saved: semicolons or tabs between fields,
// or UTF-16 text, which is refused with a hint.
func TestReadResaved(t *testing.T) {
	for _, in := range []string{
		"Issue key;Summary;Due date\r\nA-1;Fix it, soon;27.02.2026\r\n",
		"Issue key\tSummary\tDue date\nA-1\tFix it, soon\t27.02.2026\n",
	} {
		r, err := Read("resaved.csv", strings.NewReader(in), nil)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if len(r.Issues) != 1 || r.Issues[0].Summary != "Fix it, soon" || !r.Issues[0].Due.Equal(utc(2026, 2, 27, 0, 0)) {
			t.Errorf("%q: %+v", in, r.Issues)
		}
	}
	_, err := Read("utf16.csv", strings.NewReader("\xff\xfeI\x00s\x00"), nil)
	if err == nil || err.Error() != `utf16.csv:1: UTF-16 text: expected a UTF-8 CSV export (save it as "CSV UTF-8", or export it from Jira again)` {
		t.Errorf("utf16: %v", err)
	}
}
