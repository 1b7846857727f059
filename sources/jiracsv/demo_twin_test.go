package jiracsv_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/internal/golden"
	"github.com/hatcheck/hatcheck/lint"
	"github.com/hatcheck/hatcheck/sources/jira"
	"github.com/hatcheck/hatcheck/sources/jiracsv"
)

const (
	demoJSON = "../../testdata/demo/jira-export.json"
	demoCSV  = "../../testdata/demo/jira-export.csv"
)

// TestDemoCSVTwin keeps testdata/demo/jira-export.csv the CSV twin of the demo's JSON
// export: the file Jira's Export > CSV (all fields) writes for the same issues (go test
// ./sources/jiracsv -update rewrites it). It then reads both with the project's readers and
// checks that the CSV yields the same issues but for what a CSV export cannot carry: the
// changelog, sprint ids and dates, and people's e-mail addresses.
func TestDemoCSVTwin(t *testing.T) {
	src, err := os.ReadFile(demoJSON)
	if err != nil {
		t.Fatal(err)
	}
	got, err := csvExport(src)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, demoCSV, got, "testdata/demo/jira-export.csv is not the CSV twin of jira-export.json (run go test ./sources/jiracsv -update)")
	if t.Failed() {
		t.FailNow()
	}
	want := got

	cfg := lint.DefaultConfig()
	fromJSON, err := jira.ReadJSON("jira-export.json", bytes.NewReader(src), cfg)
	if err != nil {
		t.Fatal(err)
	}
	fromCSV, err := jiracsv.Read("jira-export.csv", bytes.NewReader(want), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(fromCSV.Problems) != 0 {
		t.Errorf("the twin has unreadable values: %+v", fromCSV.Problems)
	}
	wantFields := map[lint.FieldKind]string{lint.KindRank: "Rank", lint.KindSprint: "Sprint", lint.KindEstimate: "Story Points",
		lint.KindValue: "Business Value", lint.KindAcceptance: "Acceptance Criteria"}
	if !reflect.DeepEqual(fromCSV.Fields, wantFields) {
		t.Errorf("fields found in the CSV: %v, want %v", fromCSV.Fields, wantFields)
	}
	if len(fromCSV.Issues) != len(fromJSON.Issues) {
		t.Fatalf("the CSV holds %d issues, the JSON %d", len(fromCSV.Issues), len(fromJSON.Issues))
	}
	sprintName := map[int]string{}
	for id, s := range fromJSON.Sprints {
		sprintName[id] = s.Name
	}
	for i, c := range fromCSV.Issues {
		j := *fromJSON.Issues[i]
		if c.Key != j.Key {
			t.Errorf("issue %d is %s in the CSV, %s in the JSON", i, c.Key, j.Key)
			continue
		}
		// What the CSV export does not carry, or carries otherwise.
		var names []string
		for _, id := range j.Sprints {
			names = append(names, sprintName[id])
		}
		if got := fromCSV.SprintNames[c.Key]; !slices.Equal(got, names) {
			t.Errorf("%s: sprints %q in the CSV, %q in the JSON", c.Key, got, names)
		}
		j.Sprints = nil
		j.Histories, j.Changes = nil, nil
		j.ChangelogTotal = -1
		j.Pos = c.Pos
		j.Self = ""
		j.Assignee, j.Reporter, j.Creator = asCSVPerson(j.Assignee), asCSVPerson(j.Reporter), asCSVPerson(j.Creator)
		if strings.Join(strings.Fields(c.Description), " ") == strings.Join(strings.Fields(j.Description), " ") {
			// The CSV writes paragraphs apart by a blank line; the JSON reader joins them
			// with one newline.
			j.Description = c.Description
		}
		if !reflect.DeepEqual(*c, j) {
			t.Errorf("%s differs:\n CSV  %+v\n JSON %+v", c.Key, *c, j)
		}
	}
}

// asCSVPerson is a person as the CSV export shows them: the display name, and the account
// id where the export has an "… Id" column (Assignee Id, Reporter Id, Creator Id).
func asCSVPerson(p *lint.Person) *lint.Person {
	if p == nil {
		return nil
	}
	out := lint.PersonFromText(p.DisplayName)
	out.AccountID = p.AccountID
	return &out
}

// demoExport is the part of a Jira search response the CSV export is made from.
type demoExport struct {
	Names  map[string]string
	Issues []struct {
		ID     string
		Key    string
		Fields map[string]json.RawMessage
	}
}

// csvExport writes a Jira search response as Jira Cloud's Export > CSV (all fields) writes
// the same issues: a byte order mark, CRLF line ends, system columns first, then custom
// fields as "Custom field (NAME)" sorted by name, a multi-valued field repeated in as many
// columns as the issue with the most values needs, dates as "27/Feb/26 4:35 PM" in the
// exporting user's zone (UTC here), numbers as "5.0", rich-text fields as wiki markup.
func csvExport(src []byte) ([]byte, error) {
	var doc demoExport
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	sprintField := ""
	var custom []string // custom field ids, by name
	seen := map[string]bool{}
	maxLabels, maxSprints, maxVersions := 1, 1, 1
	idOf := map[string]string{}
	summaryOf := map[string]string{}
	for _, is := range doc.Issues {
		idOf[is.Key] = is.ID
		summaryOf[is.Key] = text(is.Fields["summary"])
		for id := range is.Fields {
			if !strings.HasPrefix(id, "customfield_") || seen[id] {
				continue
			}
			seen[id] = true
			if doc.Names[id] == "Sprint" {
				sprintField = id
				continue
			}
			custom = append(custom, id)
		}
		maxLabels = max(maxLabels, len(list(is.Fields["labels"])))
		maxVersions = max(maxVersions, len(list(is.Fields["fixVersions"])))
		maxSprints = max(maxSprints, len(list(is.Fields[sprintField])))
	}
	slices.SortFunc(custom, func(a, b string) int { return strings.Compare(doc.Names[a], doc.Names[b]) })

	header := []string{"Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key", "Project name",
		"Priority", "Resolution", "Assignee", "Assignee Id", "Reporter", "Reporter Id", "Creator", "Creator Id",
		"Created", "Updated", "Resolved"}
	header = append(header, repeat("Fix versions", maxVersions)...)
	header = append(header, "Due date")
	header = append(header, repeat("Labels", maxLabels)...)
	header = append(header, "Description")
	for _, id := range custom {
		header = append(header, "Custom field ("+doc.Names[id]+")")
	}
	header = append(header, repeat("Sprint", maxSprints)...)
	header = append(header, "Parent", "Parent summary", "Status Category")

	var out bytes.Buffer
	out.WriteString("\ufeff")
	w := csv.NewWriter(&out)
	w.UseCRLF = true
	w.Write(header)
	for _, is := range doc.Issues {
		f := is.Fields
		var issueType, priority, resolution, project struct{ Name, Key string }
		object(f["issuetype"], &issueType)
		object(f["priority"], &priority)
		object(f["resolution"], &resolution)
		object(f["project"], &project)
		var status struct {
			Name           string
			StatusCategory struct{ Name string }
		}
		object(f["status"], &status)
		assignee, assigneeID := person(f["assignee"])
		reporter, reporterID := person(f["reporter"])
		creator, creatorID := person(f["creator"])
		row := []string{text(f["summary"]), is.Key, is.ID, issueType.Name, status.Name, project.Key, project.Name,
			priority.Name, resolution.Name, assignee, assigneeID, reporter, reporterID, creator, creatorID,
			instant(f["created"]), instant(f["updated"]), instant(f["resolutiondate"])}
		row = append(row, pad(names(f["fixVersions"]), maxVersions)...)
		row = append(row, day(f["duedate"]))
		row = append(row, pad(strs(f["labels"]), maxLabels)...)
		row = append(row, text(f["description"]))
		for _, id := range custom {
			row = append(row, text(f[id]))
		}
		row = append(row, pad(names(f[sprintField]), maxSprints)...)
		var parent struct{ Key string }
		object(f["parent"], &parent)
		parentID, parentSummary := "", ""
		if parent.Key != "" {
			parentID, parentSummary = idOf[parent.Key], summaryOf[parent.Key]
		}
		row = append(row, parentID, parentSummary, status.StatusCategory.Name)
		w.Write(row)
	}
	w.Flush()
	return out.Bytes(), w.Error()
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// pad fills a repeated column's cells: the values, then empty cells.
func pad(values []string, n int) []string {
	out := make([]string, n)
	copy(out, values)
	return out
}

func object(raw json.RawMessage, v any) {
	if len(raw) > 0 {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		dec.Decode(v)
	}
}

func list(raw json.RawMessage) []json.RawMessage {
	var l []json.RawMessage
	object(raw, &l)
	return l
}

func strs(raw json.RawMessage) []string {
	var l []string
	object(raw, &l)
	return l
}

// names returns the names of a list of objects (fix versions, sprints).
func names(raw json.RawMessage) []string {
	var out []string
	for _, v := range list(raw) {
		var o struct{ Name string }
		object(v, &o)
		out = append(out, o.Name)
	}
	return out
}

func person(raw json.RawMessage) (name, id string) {
	var p struct{ DisplayName, AccountID string }
	object(raw, &p)
	return p.DisplayName, p.AccountID
}

// csvTime is Jira's default "complete date/time format", dd/MMM/yy h:mm a.
const csvTime = "02/Jan/06 3:04 PM"

func instant(raw json.RawMessage) string {
	var s string
	object(raw, &s)
	if s == "" {
		return ""
	}
	t, err := time.Parse("2006-01-02T15:04:05.000-0700", s)
	if err != nil {
		panic(fmt.Sprintf("demo export: time %q: %v", s, err))
	}
	return t.UTC().Format(csvTime)
}

// day writes a date field as Jira's CSV export does: the date at midnight.
func day(raw json.RawMessage) string {
	var s string
	object(raw, &s)
	if s == "" {
		return ""
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(fmt.Sprintf("demo export: date %q: %v", s, err))
	}
	return t.Format(csvTime)
}

// text writes a field's value as a cell: strings as they are, numbers as Jira writes a
// number field ("5.0"), Atlassian Document Format as wiki markup, null as nothing.
func text(raw json.RawMessage) string {
	var v any
	object(raw, &v)
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		if s := v.String(); !strings.ContainsAny(s, ".eE") {
			return s + ".0"
		}
		return v.String()
	case map[string]any:
		var b strings.Builder
		wiki(&b, v)
		return strings.TrimRight(b.String(), "\n")
	case nil:
		return ""
	}
	panic(fmt.Sprintf("demo export: no cell for %s", raw))
}

// wiki renders the document nodes the demo uses: paragraphs apart by a blank line.
func wiki(b *strings.Builder, node map[string]any) {
	if s, ok := node["text"].(string); ok {
		b.WriteString(s)
	}
	content, _ := node["content"].([]any)
	for _, c := range content {
		if m, ok := c.(map[string]any); ok {
			wiki(b, m)
		}
	}
	switch node["type"] {
	case "paragraph":
		b.WriteString("\n\n")
	case "doc", "text":
	default:
		panic(fmt.Sprintf("demo export: no wiki markup for a %v node", node["type"]))
	}
}
