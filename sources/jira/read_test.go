package jira

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

const testdata = "../../testdata/jira/"

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func num(f float64) *float64 { return &f }

func pos(path string, line, col int) lint.Position {
	return lint.Position{Path: path, Line: line, Column: col}
}

// equal fails the test with both values printed when they differ.
func equal[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

func keys(issues []*lint.Issue) []string {
	var out []string
	for _, i := range issues {
		out = append(out, i.Key)
	}
	return out
}

func TestCloudSearchResponse(t *testing.T) {
	const path = "cloud-search.json"
	r := readFile(t, testdata+path, nil)
	// The "names" map comes after the issues, and still names every role; the input
	// carries its roles too.
	fields := map[lint.FieldKind]string{
		lint.KindRank: "customfield_10019", lint.KindSprint: "customfield_10020", lint.KindEstimate: "customfield_10016",
		lint.KindValue: "customfield_10050", lint.KindAcceptance: "customfield_10060", lint.KindEpic: "customfield_10014",
	}
	equal(t, "input", r.Input, lint.Input{Kind: "jira", Format: "json", Path: path, Issues: 3, Histories: 4, Fields: fields})
	equal(t, "keys", keys(r.Issues), []string{"PAY-7", "PAY-8", "PAY-1"})
	equal(t, "fields", r.Fields, fields)

	ana := lint.Person{AccountID: "5b10a2844c20165700ede21g", Email: "ana@acme.io", DisplayName: "Ana Lima"}
	bob := lint.Person{AccountID: "5b10ac8d82e05b22cc7d4ef5", DisplayName: "Bob Stone"}
	pia := lint.Person{AccountID: "712020:0f1d2c3b-aaaa-bbbb-cccc-1234567890ab", Email: "pia@acme.io", DisplayName: "Pia Kern"}
	want := &lint.Issue{
		Key: "PAY-7", ID: "10007", Self: "https://acme.atlassian.net/rest/api/3/issue/10007", Project: "PAY",
		Type: "Story", Summary: "Pay by card",
		Description:    "As a shopper I pay by card.\nAcceptance criteria: the card is charged once.",
		Status:         "In Progress",
		StatusCategory: lint.CategoryIndeterminate,
		Priority:       "Highest",
		Labels:         []string{"checkout", "scope-change-approved"},
		FixVersions:    []string{"2026.1"},
		Assignee:       &bob, Reporter: &ana, Creator: &ana,
		Created:        at("2026-02-10T08:00:00Z"),
		Updated:        at("2026-03-05T15:20:00Z"),
		Due:            at("2026-03-13T00:00:00Z"),
		Epic:           "PAY-1",
		Rank:           "0|i0001r:",
		Sprints:        []int{37, 38},
		Estimate:       num(5),
		Value:          num(8),
		Acceptance:     "Given a card when I pay then it is charged once",
		Dates:          []lint.DateValue{{Field: "duedate", At: at("2026-03-13T00:00:00Z")}, {Field: "Target start", At: at("2026-03-02T00:00:00Z")}},
		ChangelogTotal: 4,
		Pos:            pos(path, 8, 5),
	}
	equal(t, "PAY-7", withoutHistories(r.Issues[0]), want)
	wantHistories := []hist{
		{ID: "10400", Author: &ana, Created: at("2026-03-02T09:30:00Z"), Line: 44, Column: 11, Items: []lint.Change{
			{ChangedField: &lint.ChangedField{Field: "Sprint", FieldType: "custom", FieldID: "customfield_10020", Kind: lint.KindSprint}, ChangeValues: &lint.ChangeValues{From: "37", FromString: "PAY Sprint 7", To: "37, 38", ToString: "PAY Sprint 7, PAY Sprint 8"}},
			{ChangedField: &lint.ChangedField{Field: "Story point estimate", FieldType: "custom", FieldID: "customfield_10016", Kind: lint.KindEstimate}, ChangeValues: &lint.ChangeValues{FromString: "3", ToString: "5"}},
		}},
		{ID: "10500", Author: &bob, Created: at("2026-03-03T10:00:00Z"), Line: 18, Column: 11, Items: []lint.Change{
			{ChangedField: &lint.ChangedField{Field: "Rank", FieldType: "custom", FieldID: "customfield_10019", Kind: lint.KindRank}, ChangeValues: &lint.ChangeValues{ToString: "Ranked higher"}},
		}},
		{ID: "10600", Author: &pia, Created: at("2026-03-04T09:00:00Z"), Line: 80, Column: 11, Items: []lint.Change{
			{ChangedField: &lint.ChangedField{Field: "duedate", FieldType: "jira", FieldID: "duedate", Kind: lint.KindDate, DateField: "duedate"}, ChangeValues: &lint.ChangeValues{From: "2026-03-10", FromString: "2026-03-10 00:00:00.0", To: "2026-03-13", ToString: "2026-03-13 00:00:00.0"}},
			{ChangedField: &lint.ChangedField{Field: "Target start", FieldType: "custom", FieldID: "customfield_10022", Kind: lint.KindDate, DateField: "Target start"}, ChangeValues: &lint.ChangeValues{To: "2026-03-02", ToString: "2 Mar 2026"}},
			{ChangedField: &lint.ChangedField{Field: "status", FieldType: "jira", FieldID: "status", Kind: lint.KindStatus}, ChangeValues: &lint.ChangeValues{From: "10000", FromString: "To Do", To: "3", ToString: "In Progress"}},
			{ChangedField: &lint.ChangedField{Field: "Business Value", FieldType: "custom", FieldID: "customfield_10050", Kind: lint.KindValue}, ChangeValues: &lint.ChangeValues{FromString: "5", ToString: "8"}},
			{ChangedField: &lint.ChangedField{Field: "Acceptance Criteria", FieldType: "custom", FieldID: "customfield_10060", Kind: lint.KindAcceptance}, ChangeValues: &lint.ChangeValues{ToString: "Given a card..."}},
			{ChangedField: &lint.ChangedField{Field: "Epic Link", FieldType: "custom", FieldID: "customfield_10014", Kind: lint.KindEpic}, ChangeValues: &lint.ChangeValues{To: "10001", ToString: "PAY-1"}},
			{ChangedField: &lint.ChangedField{Field: "IssueParentAssociation", FieldType: "jira", FieldID: "parent", Kind: lint.KindParent}, ChangeValues: &lint.ChangeValues{To: "10001", ToString: "PAY-1"}},
			{ChangedField: &lint.ChangedField{Field: "priority", FieldType: "jira", FieldID: "priority", Kind: lint.KindPriority}, ChangeValues: &lint.ChangeValues{From: "2", FromString: "High", To: "1", ToString: "Highest"}},
			{ChangedField: &lint.ChangedField{Field: "labels", FieldType: "jira", FieldID: "labels", Kind: lint.KindLabels}, ChangeValues: &lint.ChangeValues{FromString: "checkout", ToString: "checkout scope-change-approved"}},
			{ChangedField: &lint.ChangedField{Field: "summary", FieldType: "jira", FieldID: "summary"}, ChangeValues: &lint.ChangeValues{FromString: "Card", ToString: "Pay by card"}},
		}},
	}
	equal(t, "PAY-7 histories", histories(r.Issues[0]), wantHistories)

	pay8 := r.Issues[1]
	equal(t, "PAY-8 parent", pay8.Parent, "PAY-1")
	equal(t, "PAY-8 description", pay8.Description, "Refunds go back to the card.\nAcceptance criteria: none yet.")
	equal(t, "PAY-8 sprints", pay8.Sprints, []int{38})
	equal(t, "PAY-8 value", pay8.Value, num(3))
	equal(t, "PAY-8 estimate", pay8.Estimate, (*float64)(nil))
	equal(t, "PAY-8 due", pay8.Due, time.Time{})
	equal(t, "PAY-8 changelog total", pay8.ChangelogTotal, 0)
	equal(t, "PAY-8 position", pay8.Pos, pos(path, 345, 5))

	// The epic's changelog holds one history of three, written by nobody.
	pay1 := r.Issues[2]
	equal(t, "PAY-1 changelog total", pay1.ChangelogTotal, 3)
	equal(t, "PAY-1 histories", len(pay1.Histories), 1)
	equal(t, "PAY-1 history author", pay1.Histories[0].By(), lint.Person{})
	equal(t, "PAY-1 status category", pay1.StatusCategory, lint.CategoryDone)
	equal(t, "PAY-1 resolved", pay1.Resolved, at("2026-03-01T08:00:00Z"))

	equal(t, "sprints", r.Sprints, map[int]*lint.Sprint{
		37: {ID: 37, Name: "PAY Sprint 7", State: "closed", BoardID: 12, Start: at("2026-02-16T09:00:00Z"), End: at("2026-03-01T17:00:00Z"), Complete: at("2026-03-02T09:15:00Z")},
		38: {ID: 38, Name: "PAY Sprint 8", State: "active", BoardID: 12, Start: at("2026-03-02T09:00:00Z"), End: at("2026-03-16T17:00:00Z")},
	})
	equal(t, "problems", r.Problems, []lint.ValueProblem{
		{Pos: pos(path, 416, 20), Subject: "PAY-8", Field: "duedate", Value: "2026-02-31", Expected: "a date like 2026-03-10"},
		{Pos: pos(path, 429, 30), Subject: "PAY-8", Field: "Story point estimate", Value: "three", Expected: "a number"},
		{Pos: pos(path, 541, 30), Subject: "PAY-1", Field: "Target start", Value: "03/02/2026", Expected: "a date like 2026-03-10"},
	})
}

func TestServerSearchResponse(t *testing.T) {
	const path = "server-search.json"
	r := readFile(t, testdata+path, nil)
	equal(t, "keys", keys(r.Issues), []string{"OPS-1", "OPS-2"})
	// Without "names" and without fieldIds in the changelog, rank and sprint are recognised
	// by their values; story points cannot be, and stay unresolved.
	equal(t, "fields", r.Fields, map[lint.FieldKind]string{lint.KindRank: "customfield_10100", lint.KindSprint: "customfield_10104"})
	jan := lint.Person{Key: "JIRAUSER3", Name: "jan", Email: "jan@acme.local", DisplayName: "Jan Novak"}
	eva := lint.Person{Key: "JIRAUSER3", Name: "eva", Email: "eva@acme.local", DisplayName: "Eva Berg"}
	ops1 := r.Issues[0]
	equal(t, "OPS-1 reporter", ops1.Reporter.Value(), jan)
	equal(t, "OPS-1 assignee", ops1.Assignee.Value(), eva)
	equal(t, "OPS-1 rank", ops1.Rank, "0|hzzzzz:")
	equal(t, "OPS-1 sprints", ops1.Sprints, []int{1, 2})
	equal(t, "OPS-1 created", ops1.Created, at("2016-06-01T00:00:00Z"))
	equal(t, "OPS-1 due", ops1.Due, at("2016-07-01T00:00:00Z"))
	equal(t, "OPS-1 estimate", ops1.Estimate, (*float64)(nil))
	equal(t, "OPS-1 description", ops1.Description, "Rotate before expiry.\r\nGiven the old certs, when rotated, then nothing breaks.")
	// Equal times order by numeric id: 30001 before 30002, whatever the input order.
	equal(t, "OPS-1 histories", histories(ops1), []hist{
		{ID: "30001", Author: &jan, Created: at("2016-06-22T05:30:00Z"), Line: 133, Column: 21, Items: []lint.Change{
			{ChangedField: &lint.ChangedField{Field: "duedate", FieldType: "jira", Kind: lint.KindDate, DateField: "duedate"}, ChangeValues: &lint.ChangeValues{From: "2016-06-30", FromString: "2016-06-30 00:00:00.0", To: "2016-07-01", ToString: "2016-07-01 00:00:00.0"}},
		}},
		{ID: "30002", Author: &eva, Created: at("2016-06-22T05:30:00Z"), Line: 99, Column: 21, Items: []lint.Change{
			{ChangedField: &lint.ChangedField{Field: "Rank", FieldType: "custom", Kind: lint.KindRank}, ChangeValues: &lint.ChangeValues{ToString: "Ranked lower"}},
			{ChangedField: &lint.ChangedField{Field: "Sprint", FieldType: "custom", Kind: lint.KindSprint}, ChangeValues: &lint.ChangeValues{From: "1", FromString: "Sprint 1", To: "1,2", ToString: "Sprint 1,Sprint 2, team=blue"}},
		}},
	})
	// Sprint strings: attributes in any order, <null>, a name holding ", team=".
	equal(t, "sprints", r.Sprints, map[int]*lint.Sprint{
		1: {ID: 1, Name: "Sprint 1", State: "closed", BoardID: 3, Start: at("2016-06-06T11:30:53.537Z"), End: at("2016-06-20T11:30:00Z"), Complete: at("2016-06-20T23:00:00Z")},
		2: {ID: 2, Name: "Sprint 2, team=blue", State: "active", BoardID: 3, Start: at("2016-06-21T00:00:00Z"), End: at("2016-07-05T00:00:00Z")},
	})
	equal(t, "OPS-2 sprints", r.Issues[1].Sprints, []int(nil))
	equal(t, "problems", r.Problems, []lint.ValueProblem{{
		Pos: pos(path, 198, 21), Subject: "OPS-2", Field: "customfield_10104",
		Value:    "com.atlassian.greenhopper.service.sprint.Sprint@77aa[rapidViewId=3,state=FUTU...",
		Expected: "a sprint like com.atlassian.greenhopper.service.sprint.Sprint@1bf75fd[id=1,state=CLOSED,name=Sprint 1,...]",
	}})
}

func TestConfiguredFieldIDs(t *testing.T) {
	cfg := lint.DefaultConfig()
	cfg.Jira.Fields.Estimate = []string{"customfield_10999", "customfield_10106"}
	r := readFile(t, testdata+"server-search.json", cfg)
	equal(t, "estimate field", r.Fields[lint.KindEstimate], "customfield_10106")
	equal(t, "OPS-1 estimate", r.Issues[0].Estimate, num(5))
	equal(t, "OPS-2 estimate", r.Issues[1].Estimate, (*float64)(nil))
	equal(t, "problems", len(r.Problems), 2)
	equal(t, "estimate problem", r.Problems[1], lint.ValueProblem{
		Pos: pos("server-search.json", 200, 38), Subject: "OPS-2", Field: "customfield_10106", Value: "not sure", Expected: "a number",
	})
}

func TestShapes(t *testing.T) {
	for _, tc := range []struct {
		file  string
		keys  []string
		lines []int
	}{
		{"pages-concatenated.json", []string{"WEB-1", "WEB-2", "WEB-3"}, []int{2, 3, 6}},
		{"pages-array.json", []string{"WEB-1", "WEB-2"}, []int{3, 6}},
		{"issues.jsonl", []string{"APP-11", "APP-12", "APP-13", "APP-14"}, []int{1, 2, 4, 5}},
		{"issues-array.json", []string{"DOC-1", "DOC-2"}, []int{2, 7}},
		{"single-issue.json", []string{"OPS-9"}, []int{1}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r := readFile(t, testdata+tc.file, nil)
			equal(t, "keys", keys(r.Issues), tc.keys)
			var lines []int
			for _, i := range r.Issues {
				lines = append(lines, i.Pos.Line)
			}
			equal(t, "lines", lines, tc.lines)
			equal(t, "input issues", r.Input.Issues, len(tc.keys))
		})
	}
}

func TestShapeDetails(t *testing.T) {
	// A names map in a later page names the rank field for the issues of every page.
	r := readFile(t, testdata+"pages-concatenated.json", nil)
	equal(t, "rank field", r.Fields[lint.KindRank], "customfield_10019")
	equal(t, "ranks", []string{r.Issues[0].Rank, r.Issues[1].Rank, r.Issues[2].Rank}, []string{"0|i00010:", "0|i00020:", ""})

	// In JSON Lines without names, the estimate field is found through the changelog's
	// fieldId; numeric strings are numbers.
	r = readFile(t, testdata+"issues.jsonl", nil)
	equal(t, "estimate field", r.Fields[lint.KindEstimate], "customfield_10016")
	equal(t, "estimates", []*float64{r.Issues[0].Estimate, r.Issues[1].Estimate}, []*float64{num(3), num(1.5)})
	equal(t, "history", r.Issues[0].Histories[0].Created.Time(), at("2026-03-01T08:00:00Z"))
	equal(t, "history kind", r.Issues[0].Items(&r.Issues[0].Histories[0])[0].Kind, lint.KindEstimate)
	equal(t, "history position", r.Issues[0].PosOf(&r.Issues[0].Histories[0]), pos("issues.jsonl", 1, 200))
	equal(t, "histories counted", r.Input.Histories, 1)

	r = readFile(t, testdata+"issues-array.json", nil)
	equal(t, "DOC-2", []any{r.Issues[1].Type, r.Issues[1].Subtask, r.Issues[1].Parent}, []any{"Sub-task", true, "DOC-1"})

	r = readFile(t, testdata+"single-issue.json", nil)
	i := r.Issues[0]
	equal(t, "single issue", []any{i.Status, i.StatusCategory, i.Resolution, i.ChangelogTotal, len(i.Histories), i.Histories[0].Line},
		[]any{"Done", "done", "Fixed", 1, 1, int32(21)})
}

func TestMalformed(t *testing.T) {
	for _, tc := range []struct {
		name, data, want string
	}{
		{"trailing comma", "{\"issues\": [\n  {\"key\": \"BAD-1\", \"fields\": {\"summary\": \"x\",}}\n]}\n",
			"in.json:2:46: invalid character '}' looking for beginning of object key string"},
		{"truncated", "{\"issues\": [\n  {\"key\": \"BAD-1\"", "in.json:2:18: unexpected end of JSON input"},
		{"empty", "", "in.json: no Jira issues found: expected a search response, an array of issues or an issue object"},
		{"blank", " \n\t\n", "in.json: no Jira issues found: expected a search response, an array of issues or an issue object"},
		{"empty object", "{}", "in.json: no Jira issues found: expected a search response, an array of issues or an issue object"},
		{"empty array", "[]", "in.json: no Jira issues found: expected a search response, an array of issues or an issue object"},
		{"a number", "\n 42", "in.json:2:2: found a number: expected a search response, an array of issues or an issue object"},
		{"strings in issues", "{\"issues\": [\"PAY-1\"]}", "in.json:1:13: found a string in \"issues\": expected an issue object"},
		{"numbers in array", "[{\"key\": \"A-1\"},\n 7]", "in.json:2:2: found a number in the top-level array: expected search responses or issue objects"},
		{"trailing comma in array", "[{\"key\": \"A-1\"},\n]", "in.json:2:1: invalid character ']' looking for beginning of value"},
		{"error answer", "{\"errorMessages\":[\"The value 'XYZ' does not exist for the field 'project'.\"],\"warningMessages\":[]}",
			"in.json:1:1: Jira answered with an error, not issues: The value 'XYZ' does not exist for the field 'project'."},
		{"ids only", "[{\"id\": \"1\", \"self\": \"x\"}]", "in.json: no Jira issues found: expected a search response, an array of issues or an issue object"},
		{"garbage", "{\"issues\": [] } xyz", "in.json:1:17: invalid character 'x' looking for beginning of value"},
		// What stands between and after issues is checked by the decoder, which sees a
		// placeholder for each issue, and placed in the input as it is.
		{"issues without a comma", "{\"issues\":[{}{", "in.json:1:14: invalid character '{' after array element (expecting ',' or ']')"},
		{"garbage after multi-line issues", "{\"issues\": [\n  {\"key\": \"A-1\",\n   \"fields\": {}},\n  {\"key\": \"A-2\"}\n] x}",
			"in.json:5:3: invalid character 'x' after object value (expecting ',' or '}')"},
		// The first error is reported, wherever it is found.
		{"error in a later page's issue", "{\"issues\": [{\"key\": \"A-1\"}]}\n{\"issues\": [{\"key\": \"A-2\" \"x\"}]} ]",
			"in.json:2:27: invalid character '\"' after object value (expecting ',' or '}')"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readString(t, "in.json", tc.data)
			var ie *lint.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T), want a *lint.InputError", err, err)
			}
			equal(t, "error", err.Error(), tc.want)
		})
	}
}

func TestMalformedFile(t *testing.T) {
	f := testdata + "malformed.json"
	_, err := ReadJSON("testdata/jira/malformed.json", strings.NewReader(mustRead(t, f)), lint.DefaultConfig())
	equal(t, "error", fmt.Sprint(err), "testdata/jira/malformed.json:2:46: invalid character '}' looking for beginning of object key string")
}

func TestEmptySearchIsNotAnError(t *testing.T) {
	r, err := readString(t, "empty.json", `{"startAt":0,"maxResults":50,"total":0,"issues":[]}`)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "issues", len(r.Issues), 0)
}

func TestByteOrderMark(t *testing.T) {
	r, err := ReadJSON("bom.json", oneByteReader{strings.NewReader("\xef\xbb\xbf{\"key\": \"A-1\", \"fields\": {}}")}, lint.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "keys", keys(r.Issues), []string{"A-1"})
}

func TestValues(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026-03-02T10:15:00.000+0100", at("2026-03-02T09:15:00Z"), true},
		{"2026-03-02T10:15:00Z", at("2026-03-02T10:15:00Z"), true},
		{"2026-03-02T10:15:00.5+01:00", at("2026-03-02T09:15:00.5Z"), true},
		{"2026-03-02T10:15:00.123456-0530", at("2026-03-02T15:45:00.123456Z"), true},
		{"2026-03-10", at("2026-03-10T00:00:00Z"), true},
		{"2026-02-29", time.Time{}, false},
		{"2026-13-01T00:00:00Z", time.Time{}, false},
		{"10/03/2026", time.Time{}, false},
		{"2026-03-02T10:15:00", at("2026-03-02T10:15:00Z"), true},
	} {
		got, ok := parseTime([]byte(tc.in))
		if ok != tc.ok || !got.Equal(tc.want) {
			t.Errorf("parseTime(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	for s, want := range map[string]bool{"0|i0001r:": true, "0|0zzzzd:vi": true, "1|hzzzzz:": true, "{}": false, "0|I00:": false, "PAY-1": false, "0|abc": false} {
		if got := isLexoRank(s); got != want {
			t.Errorf("isLexoRank(%q) = %v", s, got)
		}
	}
	s, ok := parseSprintString("com.atlassian.greenhopper.service.sprint.Sprint@1[completeDate=<null>,name=A=B, C,id=9,state=FUTURE,startDate=<null>]")
	equal(t, "sprint string", []any{s, ok}, []any{lint.Sprint{ID: 9, Name: "A=B, C", State: "future"}, true})
	_, ok = parseSprintString("com.atlassian.greenhopper.service.sprint.Sprint@1[id=x,name=A]")
	equal(t, "sprint without a numeric id", ok, false)
	_, ok = parseSprintString("com.atlassian.greenhopper.service.sprint.Sprint@1")
	equal(t, "sprint without attributes", ok, false)
}

func TestADFDescription(t *testing.T) {
	doc := `{"key":"A-1","fields":{"description":{"version":1,"type":"doc","content":[
		{"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Acceptance criteria"}]},
		{"type":"bulletList","content":[
			{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"Given "},{"type":"text","text":"a card","marks":[{"type":"strong"}]}]}]},
			{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"then it is charged"},{"type":"hardBreak"},{"type":"text","text":"once"}]}]}]},
		{"type":"paragraph","content":[]}]}}}`
	r, err := readString(t, "adf.json", doc)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "description", r.Issues[0].Description, "Acceptance criteria\nGiven a card\nthen it is charged\nonce")
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := readAll(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Items that recur byte for byte come from the items cache; each must read as if read anew,
// also where the same text names another field (by name here, by id in the "names" map)
// and after the item that first filled the cache.
func TestRecurringItems(t *testing.T) {
	item := `{"field": "Sprint", "fieldtype": "custom", "fieldId": "customfield_10020", "from": "1", "fromString": "S1", "to": "2", "toString": "S2"}`
	other := `{"field": "Story Points", "fieldtype": "custom", "fieldId": "customfield_10016", "from": null, "fromString": "3", "to": null, "toString": "5"}`
	var b strings.Builder
	b.WriteString(`{"issues": [`)
	for n := 1; n <= 3; n++ {
		if n > 1 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"key": "A-%d", "changelog": {"histories": [{"id": "%d", "created": "2026-03-0%dT09:00:00.000+0000", "items": [%s, %s, %s]}]}}`, n, n, n, item, other, item)
	}
	b.WriteString(`], "names": {"customfield_10016": "Story Points"}}`)
	r, err := ReadJSON("in.json", strings.NewReader(b.String()), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, i := range r.Issues {
		for _, h := range histories(i) {
			for _, c := range h.Items {
				got = append(got, fmt.Sprintf("%s %s %s:%s>%s", i.Key, c.Field, c.Kind, c.FromString, c.ToString))
			}
		}
	}
	var want []string
	for _, key := range []string{"A-1", "A-2", "A-3"} {
		want = append(want, key+" Sprint sprint:S1>S2", key+" Story Points estimate:3>5", key+" Sprint sprint:S1>S2")
	}
	equal(t, "items", got, want)
}
