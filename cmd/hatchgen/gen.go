package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"time"
)

// obj is a JSON object that keeps its members in the order written, as Jira does.
type obj []kv

type kv struct {
	k string
	v any
}

func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.k)
		b.Write(k)
		b.WriteByte(':')
		v, err := marshal(m.v)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal writes compact JSON without escaping '&', '<' and '>', as Jira does.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

const site = "https://acme.atlassian.net"

// Field ids of the generated site, as its "names" map lists them.
const (
	fieldRank        = "customfield_10019"
	fieldSprint      = "customfield_10020"
	fieldEstimate    = "customfield_10016"
	fieldValue       = "customfield_10050"
	fieldAcceptance  = "customfield_10060"
	fieldEpicLink    = "customfield_10014"
	fieldTargetStart = "customfield_10022"
	fieldTargetEnd   = "customfield_10023"
)

type person struct {
	id, name, email string
}

var people = []person{
	{"5b10a2844c20165700ede21g", "Ana Lima", "ana@acme.io"}, // product owner
	{"5b10ac8d82e05b22cc7d4ef5", "Pia Kern", "pia@acme.io"}, // project manager
	{"557058:0f1d2c3b-1111-4a4a-9c9c-000000000001", "Bob Stone", ""},
	{"557058:0f1d2c3b-1111-4a4a-9c9c-000000000002", "Chen Wu", "chen@acme.io"},
	{"557058:0f1d2c3b-1111-4a4a-9c9c-000000000003", "Dara Okafor", "dara@acme.io"},
	{"557058:0f1d2c3b-1111-4a4a-9c9c-000000000004", "Eli Novak", ""},
	{"557058:0f1d2c3b-1111-4a4a-9c9c-000000000005", "Automation for Jira", ""},
}

var projects = []struct{ key, name, id string }{
	{"PAY", "Payments", "10000"}, {"WEB", "Web shop", "10001"}, {"OPS", "Operations", "10002"},
}

var statuses = []struct{ id, name, cat, catName string }{
	{"10000", "To Do", "new", "To Do"}, {"3", "In Progress", "indeterminate", "In Progress"},
	{"10001", "In Review", "indeterminate", "In Progress"}, {"10002", "Done", "done", "Done"},
}

// epicEvery makes every so many issues of a project an epic.
const epicEvery = 25

type generator struct {
	issues, histories int
	rnd               *rand.Rand
	base              time.Time
	epics             map[string][]string // project -> epic keys
}

func newGenerator(issues, histories int, seed uint64) *generator {
	return &generator{
		issues: issues, histories: histories,
		rnd:   rand.New(rand.NewPCG(seed, 0x6861746368656b)),
		base:  time.Date(2025, 9, 1, 9, 0, 0, 0, time.UTC),
		epics: map[string][]string{},
	}
}

func jiraTime(t time.Time) string { return t.Format("2006-01-02T15:04:05.000-0700") }
func jiraDate(t time.Time) string { return t.Format("2006-01-02") }

func avatars(seed string) obj {
	const base = "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/"
	return obj{
		{"48x48", base + seed + "/48"},
		{"24x24", base + seed + "/24"},
		{"16x16", base + seed + "/16"},
		{"32x32", base + seed + "/32"},
	}
}

func user(p person) obj {
	o := obj{
		{"self", site + "/rest/api/3/user?accountId=" + p.id},
		{"accountId", p.id},
	}
	if p.email != "" {
		o = append(o, kv{"emailAddress", p.email})
	}
	return append(o,
		kv{"avatarUrls", avatars(p.id)},
		kv{"displayName", p.name},
		kv{"active", true},
		kv{"timeZone", "Europe/Paris"},
		kv{"accountType", "atlassian"},
	)
}

func adf(paragraphs ...string) obj {
	var content []any
	for _, p := range paragraphs {
		content = append(content, obj{{"type", "paragraph"}, {"content", []any{obj{{"type", "text"}, {"text", p}}}}})
	}
	return obj{{"type", "doc"}, {"version", 1}, {"content", content}}
}

// sprint returns the n-th sprint of a project: two weeks each from the base date, the last
// two active and future, the ones before closed.
func (g *generator) sprint(project, n int) obj {
	const perProject = 12
	id := 100 + project*perProject + n
	start := g.base.AddDate(0, 0, 14*n)
	end := start.AddDate(0, 0, 14).Add(-time.Hour)
	o := obj{{"id", id}, {"name", fmt.Sprintf("%s Sprint %d", projects[project].key, n+1)}}
	switch {
	case n == perProject-1:
		return append(o, kv{"state", "future"}, kv{"boardId", 10 + project}, kv{"goal", ""})
	case n == perProject-2:
		o = append(o, kv{"state", "active"}, kv{"boardId", 10 + project}, kv{"goal", "Ship it"})
	default:
		o = append(o, kv{"state", "closed"}, kv{"boardId", 10 + project}, kv{"goal", ""})
	}
	o = append(o, kv{"startDate", start.Format("2006-01-02T15:04:05.000Z")}, kv{"endDate", end.Format("2006-01-02T15:04:05.000Z")})
	if n < perProject-2 {
		o = append(o, kv{"completeDate", end.Add(2 * time.Hour).Format("2006-01-02T15:04:05.000Z")})
	}
	return o
}

func sprintID(project, n int) int { return 100 + project*12 + n }

// lexoRank renders a rank in the form Jira writes, ordered by n.
func lexoRank(n int) string {
	s := strconv.FormatInt(int64(n)*37+1000000, 36)
	return "0|i" + s + ":"
}

func (g *generator) writeExport(w io.Writer) error {
	fmt.Fprintf(w, "{\n  \"expand\": \"names,schema\",\n  \"startAt\": 0,\n  \"maxResults\": %d,\n  \"total\": %d,\n  \"isLast\": true,\n  \"issues\": [\n", g.issues, g.issues)
	for n := 0; n < g.issues; n++ {
		b, err := marshal(g.issue(n))
		if err != nil {
			return err
		}
		io.WriteString(w, "    ")
		w.Write(b)
		if n < g.issues-1 {
			io.WriteString(w, ",")
		}
		io.WriteString(w, "\n")
	}
	io.WriteString(w, "  ],\n  \"names\": ")
	names := obj{
		{"summary", "Summary"}, {"description", "Description"}, {"issuetype", "Issue Type"}, {"project", "Project"},
		{"status", "Status"}, {"priority", "Priority"}, {"duedate", "Due date"}, {"labels", "Labels"},
		{fieldRank, "Rank"}, {fieldSprint, "Sprint"}, {fieldEstimate, "Story point estimate"},
		{fieldValue, "Business Value"}, {fieldAcceptance, "Acceptance Criteria"}, {fieldEpicLink, "Epic Link"},
		{fieldTargetStart, "Target start"}, {fieldTargetEnd, "Target end"},
	}
	for i := 0; i < 24; i++ {
		names = append(names, kv{fmt.Sprintf("customfield_%d", 10100+i), fmt.Sprintf("Custom field %d", i)})
	}
	b, err := marshal(names)
	if err != nil {
		return err
	}
	w.Write(b)
	_, err = io.WriteString(w, "\n}\n")
	return err
}

// issue builds the n-th issue.
func (g *generator) issue(n int) obj {
	r := g.rnd
	pi := n % len(projects)
	proj := projects[pi]
	num := n/len(projects) + 1
	key := fmt.Sprintf("%s-%d", proj.key, num)
	id := strconv.Itoa(20000 + n)
	isEpic := num%epicEvery == 1
	typ := []string{"Story", "Story", "Story", "Task", "Bug"}[r.IntN(5)]
	if isEpic {
		typ = "Epic"
		g.epics[proj.key] = append(g.epics[proj.key], key)
	}
	created := g.base.Add(time.Duration(n) * 17 * time.Minute)
	st := statuses[r.IntN(len(statuses))]
	reporter := people[r.IntN(2)]
	assignee := people[2+r.IntN(4)]
	sprintN := r.IntN(12)
	due := created.AddDate(0, 0, 20+r.IntN(60))
	estimate := []float64{1, 2, 3, 5, 8, 13}[r.IntN(6)]
	value := 1 + r.IntN(100)

	fields := obj{
		{"statuscategorychangedate", jiraTime(created.Add(time.Hour))},
		{"issuetype", obj{{"self", site + "/rest/api/3/issuetype/10001"}, {"id", "10001"}, {"description", "Functionality or a feature expressed as a user goal."}, {"iconUrl", site + "/rest/api/2/universal_avatar/view/type/issuetype/avatar/10315?size=medium"}, {"name", typ}, {"subtask", false}, {"avatarId", 10315}, {"hierarchyLevel", 0}}},
		{"timespent", nil},
		{"project", obj{{"self", site + "/rest/api/3/project/" + proj.id}, {"id", proj.id}, {"key", proj.key}, {"name", proj.name}, {"projectTypeKey", "software"}, {"simplified", false}, {"avatarUrls", avatars("project" + proj.id)}}},
		{"fixVersions", []any{}},
		{"aggregatetimespent", nil},
		{"resolution", nil},
		{"resolutiondate", nil},
		{"workratio", -1},
		{"watches", obj{{"self", site + "/rest/api/3/issue/" + key + "/watchers"}, {"watchCount", 1 + r.IntN(4)}, {"isWatching", false}}},
		{"lastViewed", nil},
		{"created", jiraTime(created)},
		{"priority", obj{{"self", site + "/rest/api/3/priority/3"}, {"iconUrl", site + "/images/icons/priorities/medium.svg"}, {"name", []string{"Low", "Medium", "High"}[r.IntN(3)]}, {"id", "3"}}},
		{"labels", []string{"checkout", "mobile"}[:r.IntN(3)]},
		{"assignee", user(assignee)},
		{"updated", jiraTime(created.Add(time.Duration(g.histories+1) * 3 * time.Hour))},
		{"status", obj{{"self", site + "/rest/api/3/status/" + st.id}, {"description", ""}, {"iconUrl", site + "/"}, {"name", st.name}, {"id", st.id}, {"statusCategory", obj{{"self", site + "/rest/api/3/statuscategory/2"}, {"id", 2}, {"key", st.cat}, {"colorName", "blue-gray"}, {"name", st.catName}}}}},
		{"components", []any{}},
		{"description", adf(fmt.Sprintf("As a customer of %s I want item %d so that I can finish my order faster.", proj.name, num), "Notes from the refinement session are attached.")},
		{"summary", fmt.Sprintf("%s item %d: improve the checkout flow", proj.name, num)},
		{"creator", user(reporter)},
		{"subtasks", []any{}},
		{"reporter", user(reporter)},
		{"aggregateprogress", obj{{"progress", 0}, {"total", 0}}},
		{"duedate", jiraDate(due)},
		{"progress", obj{{"progress", 0}, {"total", 0}}},
		{"votes", obj{{"self", site + "/rest/api/3/issue/" + key + "/votes"}, {"votes", 0}, {"hasVoted", false}}},
		{fieldRank, lexoRank(r.IntN(1000000))},
		{fieldEstimate, estimate},
		{fieldValue, value},
		{fieldTargetStart, jiraDate(created.AddDate(0, 0, 7))},
		{fieldTargetEnd, jiraDate(due)},
	}
	if st.cat == "done" {
		fields = append(fields, kv{"resolution", obj{{"self", site + "/rest/api/3/resolution/10000"}, {"id", "10000"}, {"description", "Work has been completed on this issue."}, {"name", "Done"}}})
	}
	if !isEpic {
		sprints := []any{}
		if sprintN > 0 {
			sprints = append(sprints, g.sprint(pi, sprintN-1))
		}
		sprints = append(sprints, g.sprint(pi, sprintN))
		fields = append(fields, kv{fieldSprint, sprints})
		if epics := g.epics[proj.key]; len(epics) > 0 {
			fields = append(fields, kv{fieldEpicLink, epics[r.IntN(len(epics))]})
		}
	}
	if r.IntN(3) > 0 {
		fields = append(fields, kv{fieldAcceptance, adf("Given a signed-in customer", "When they pay, then the order is confirmed.")})
	}
	for i := 0; i < 24; i++ {
		fields = append(fields, kv{fmt.Sprintf("customfield_%d", 10100+i), nil})
	}

	var hist []any
	for h := 0; h < g.histories; h++ {
		hist = append(hist, g.history(n, h, created, pi, sprintN))
	}
	changelog := obj{{"startAt", 0}, {"maxResults", g.histories}, {"total", g.histories}, {"histories", hist}}
	return obj{
		{"expand", "operations,versionedRepresentations,editmeta,changelog,renderedFields"},
		{"id", id},
		{"self", site + "/rest/api/3/issue/" + id},
		{"key", key},
		{"changelog", changelog},
		{"fields", fields},
	}
}

// history builds the h-th changelog entry of issue n: a rank, sprint, date, status,
// estimate or value change, by one of several people, three hours after the one before.
func (g *generator) history(n, h int, created time.Time, pi, sprintN int) obj {
	r := g.rnd
	author := people[r.IntN(len(people))]
	at := created.Add(time.Duration(h+1) * 3 * time.Hour)
	var items []any
	item := func(field, typ, fieldID, from, fromString, to, toString any) {
		items = append(items, obj{{"field", field}, {"fieldtype", typ}, {"fieldId", fieldID}, {"from", from}, {"fromString", fromString}, {"to", to}, {"toString", toString}})
	}
	switch h % 6 {
	case 0:
		item("Rank", "custom", fieldRank, "", "", "", []string{"Ranked higher", "Ranked lower"}[r.IntN(2)])
	case 1:
		from := strconv.Itoa(sprintID(pi, max(sprintN-1, 0)))
		to := from + ", " + strconv.Itoa(sprintID(pi, sprintN))
		item("Sprint", "custom", fieldSprint, from, fmt.Sprintf("%s Sprint %d", projects[pi].key, max(sprintN, 1)), to, "two sprints")
	case 2:
		d1 := created.AddDate(0, 0, 10+r.IntN(30))
		d2 := d1.AddDate(0, 0, 1+r.IntN(14))
		item("duedate", "jira", "duedate", jiraDate(d1), jiraDate(d1)+" 00:00:00.0", jiraDate(d2), jiraDate(d2)+" 00:00:00.0")
	case 3:
		a, b := statuses[r.IntN(3)], statuses[1+r.IntN(3)]
		item("status", "jira", "status", a.id, a.name, b.id, b.name)
		if r.IntN(2) == 0 {
			item("resolution", "jira", "resolution", nil, nil, "10000", "Done")
		}
	case 4:
		item("Story point estimate", "custom", fieldEstimate, nil, strconv.Itoa(1+r.IntN(8)), nil, strconv.Itoa(1+r.IntN(8)))
	case 5:
		if r.IntN(2) == 0 {
			d := created.AddDate(0, 0, 5+r.IntN(10))
			item("Target start", "custom", fieldTargetStart, nil, nil, jiraDate(d), d.Format("2/Jan/06"))
		} else {
			item("Business Value", "custom", fieldValue, nil, strconv.Itoa(r.IntN(100)), nil, strconv.Itoa(r.IntN(100)))
		}
	}
	return obj{
		{"id", strconv.Itoa(100000 + n*64 + h)},
		{"author", user(author)},
		{"created", jiraTime(at)},
		{"items", items},
	}
}
