package lint

import (
	"reflect"
	"testing"
	"time"
)

// at returns a time on 2026-03-DAY at HH:MM UTC.
func at(day, hh, mm int) time.Time { return time.Date(2026, 3, day, hh, mm, 0, 0, time.UTC) }

func testPass(t *testing.T, p *Project, yamlText string) *Pass {
	t.Helper()
	c, err := ParseConfig(".hatcheck.yaml", []byte(yamlText))
	if err != nil {
		t.Fatal(err)
	}
	return NewPass(&Rule{Name: "test"}, p, c, at(31, 12, 0), nil, func(Finding) {}, func(string, string, float64) {})
}

// entry is a history with its items, for withHistories.
type entry struct {
	h     History
	items []Change
}

// withHistories adds the entries to the issue as its histories.
func withHistories(i *Issue, entries ...entry) *Issue {
	for _, e := range entries {
		i.AddHistory(e.h, e.items...)
	}
	return i
}

func sprintChange(id string, when time.Time, from, to string) entry {
	return entry{History{ID: ParseHistoryID(id), Author: &serverBo, Created: InstantOf(when)}, []Change{{ChangedField: &ChangedField{Field: "Sprint", Kind: KindSprint}, ChangeValues: &ChangeValues{From: from, To: to}}}}
}

func TestSprintMembershipAt(t *testing.T) {
	moved := withHistories(&Issue{Key: "PAY-1", Created: at(1, 9, 0), Sprints: []int{12}},
		sprintChange("100", at(3, 10, 0), "10", "10, 11"),
		entry{History{ID: 101, Created: InstantOf(at(4, 10, 0))}, []Change{{ChangedField: &ChangedField{Field: "summary"}, ChangeValues: &ChangeValues{}}}},
		sprintChange("102", at(5, 10, 0), "10, 11", "12"),
	)
	still := &Issue{Key: "PAY-2", Created: at(2, 9, 0), Sprints: []int{12}}
	pass := testPass(t, &Project{Issues: []*Issue{moved, still}}, "")
	tests := []struct {
		issue *Issue
		t     time.Time
		want  []int
	}{
		{moved, at(1, 8, 0), nil},            // before it existed
		{moved, at(1, 9, 0), []int{10}},      // created into the first change's "from"
		{moved, at(3, 9, 59), []int{10}},     // just before the first change
		{moved, at(3, 10, 0), []int{10, 11}}, // a change at t itself is applied
		{moved, at(4, 23, 0), []int{10, 11}},
		{moved, at(5, 10, 1), []int{12}},
		{still, at(1, 0, 0), nil},
		{still, at(2, 9, 0), []int{12}}, // no sprint changes: its sprints since creation
		{still, at(30, 0, 0), []int{12}},
	}
	for _, tt := range tests {
		if got := pass.SprintMembershipAt(tt.issue, tt.t); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SprintMembershipAt(%s, %s) = %v, want %v", tt.issue.Key, tt.t.Format(time.DateTime), got, tt.want)
		}
	}
}

func TestActiveWindow(t *testing.T) {
	pass := testPass(t, &Project{}, "scope: {grace: 2h}\n")
	closed := &Sprint{ID: 1, State: "closed", Start: at(2, 9, 0), End: at(13, 17, 0), Complete: at(13, 16, 0)}
	closedNoComplete := &Sprint{ID: 2, State: "closed", Start: at(2, 9, 0), End: at(13, 17, 0)}
	active := &Sprint{ID: 3, State: "active", Start: at(16, 9, 0), End: at(27, 17, 0)}
	future := &Sprint{ID: 4, State: "future", Start: at(30, 9, 0)}
	noState := &Sprint{ID: 5, Start: at(2, 9, 0), End: at(13, 17, 0), Complete: at(13, 12, 0)}
	unstarted := &Sprint{ID: 6, State: "active"}

	check := func(s *Sprint, wantStart, wantEnd time.Time, wantOK bool) {
		t.Helper()
		start, end, ok := pass.ActiveWindow(s)
		if !start.Equal(wantStart) || !end.Equal(wantEnd) || ok != wantOK {
			t.Errorf("ActiveWindow(sprint %d) = %v, %v, %v; want %v, %v, %v", s.ID, start, end, ok, wantStart, wantEnd, wantOK)
		}
	}
	check(closed, at(2, 11, 0), at(13, 16, 0), true)
	check(closedNoComplete, at(2, 11, 0), at(13, 17, 0), true)
	check(active, at(16, 11, 0), time.Time{}, true)
	check(future, time.Time{}, time.Time{}, false)
	check(noState, at(2, 11, 0), at(13, 12, 0), true)
	check(unstarted, time.Time{}, time.Time{}, false)

	for _, tt := range []struct {
		s    *Sprint
		t    time.Time
		want bool
	}{
		{closed, at(2, 10, 0), false}, // within the grace period
		{closed, at(2, 11, 0), false}, // the window opens after start + grace
		{closed, at(2, 11, 1), true},
		{closed, at(13, 15, 59), true},
		{closed, at(13, 16, 0), false},
		{closedNoComplete, at(13, 16, 30), true},
		{active, at(31, 23, 0), true}, // a running sprint's window stays open
		{future, at(31, 0, 0), false},
		{nil, at(31, 0, 0), false},
	} {
		if got := pass.InActiveWindow(tt.s, tt.t); got != tt.want {
			id := 0
			if tt.s != nil {
				id = tt.s.ID
			}
			t.Errorf("InActiveWindow(sprint %d, %s) = %v, want %v", id, tt.t.Format(time.DateTime), got, tt.want)
		}
	}
}

const approvalRoles = `
roles:
  product_owner: [ana@x.io]
  project_manager: [bo@x.io]
  bots: [Automation for Jira]
scope:
  approval_window: 24h
`

func labelChange(id string, who Person, when time.Time, from, to string) entry {
	return entry{History{ID: ParseHistoryID(id), Author: &who, Created: InstantOf(when)}, []Change{{ChangedField: &ChangedField{Field: "labels", Kind: KindLabels}, ChangeValues: &ChangeValues{FromString: from, ToString: to}}}}
}

func TestApprovedByChangeLog(t *testing.T) {
	issue := &Issue{Key: "PAY-7", Project: "PAY", Epic: "PAY-1", Created: at(1, 9, 0)}
	plan := &Plan{Path: "plan.xlsx", Sheet: "Plan", ChangesSheet: "Changes", Changes: []*ChangeRequest{
		{ID: "CR-1", Row: 2, Jira: []string{"PAY-99"}, Status: "Approved", Approver: "ana@x.io", ApprovedOn: at(5, 0, 0), Cells: map[string]string{"id": "A2", "status": "D2"}},
		{ID: "CR-2", Row: 3, Jira: []string{"PAY-1"}, Status: "Rejected", Approver: "ana@x.io", ApprovedOn: at(5, 0, 0), Cells: map[string]string{"id": "A3", "status": "D3"}},
		{ID: "CR-3", Row: 4, Jira: []string{"PAY-1"}, Status: "approved", Approver: "Cy Park", ApprovedOn: at(5, 0, 0), Cells: map[string]string{"id": "A4", "status": "D4"}},
		{ID: "CR-4", Row: 5, Jira: []string{"PAY-1"}, Status: "Approved", Approver: "bo@x.io", ApprovedOn: at(6, 0, 0), Cells: map[string]string{"id": "A5", "status": "D5"}},
	}}
	pass := testPass(t, &Project{Issues: []*Issue{issue}, Plan: plan}, approvalRoles)

	// CR-1 names another issue, CR-2 is rejected, CR-3's approver is nobody configured:
	// only CR-4 (the epic, approved by the PM on the 6th) can approve.
	for _, tt := range []struct {
		change time.Time
		want   bool
	}{
		{at(4, 12, 0), false}, // the 6th is later than the date of the 4th 12:00 + 24h
		{at(5, 0, 0), true},   // 5th 00:00 + 24h = the 6th: not later
		{at(5, 23, 59), true},
		{at(10, 0, 0), true}, // an approval recorded before the change counts
	} {
		a, ok := pass.Approved(issue, tt.change)
		if ok != tt.want {
			t.Errorf("Approved(change at %s) = %v, want %v", tt.change.Format(time.DateTime), ok, tt.want)
			continue
		}
		if ok {
			want := Approval{Route: "change-log", By: "bo@x.io", At: at(6, 0, 0), Ref: "CR-4",
				Pos: Position{Path: "plan.xlsx", Line: 5, Sheet: "Changes", Cell: "D5"}}
			if a != want {
				t.Errorf("approval = %+v, want %+v", a, want)
			}
		}
	}

	// A row without a date approves whenever the change was.
	plan.Changes[3].ApprovedOn = time.Time{}
	if _, ok := pass.Approved(issue, at(1, 0, 0)); !ok {
		t.Errorf("an undated approved row should approve")
	}
}

func TestApprovedByLabel(t *testing.T) {
	added := withHistories(&Issue{Key: "PAY-8", Project: "PAY", Created: at(1, 9, 0), Labels: []string{"ux", "scope-change-approved"}},
		labelChange("200", serverBo, at(3, 9, 0), "", "ux scope-change-approved"),
		labelChange("201", cloudAna, at(4, 9, 0), "ux scope-change-approved", "ux"),
		labelChange("202", cloudAna, at(6, 9, 0), "ux", "ux scope-change-approved"),
	)
	byDev := withHistories(&Issue{Key: "PAY-9", Project: "PAY", Created: at(1, 9, 0), Labels: []string{"scope-change-approved"}},
		labelChange("300", hiddenCy, at(2, 9, 0), "", "scope-change-approved"))
	fromCreation := &Issue{Key: "PAY-10", Project: "PAY", Created: at(8, 9, 0), Creator: &hiddenCy, Reporter: &cloudAna,
		Labels: []string{"Scope-Change-Approved"}, Pos: Position{Path: "e.json", Line: 40}}
	removed := withHistories(&Issue{Key: "PAY-11", Project: "PAY", Created: at(1, 9, 0)},
		labelChange("400", cloudAna, at(2, 9, 0), "", "scope-change-approved"), labelChange("401", cloudAna, at(3, 9, 0), "scope-change-approved", ""))
	pass := testPass(t, &Project{Issues: []*Issue{added, byDev, fromCreation, removed}}, approvalRoles)

	for _, tt := range []struct {
		issue  *Issue
		change time.Time
		want   bool
		ref    string
	}{
		// The label now there was put back by the PO on the 6th at 09:00.
		{added, at(5, 9, 0), true, "202"},
		{added, at(5, 8, 59), false, ""}, // more than 24h before the approval
		{added, at(20, 0, 0), true, "202"},
		{byDev, at(2, 9, 0), false, ""},         // added by someone who is no approver
		{fromCreation, at(7, 9, 0), true, ""},   // there from creation; the reporter is the PO
		{fromCreation, at(7, 8, 59), false, ""}, // created more than 24h after the change
		{removed, at(2, 12, 0), false, ""},      // the label is gone
	} {
		a, ok := pass.Approved(tt.issue, tt.change)
		if ok != tt.want || a.Ref != tt.ref {
			t.Errorf("Approved(%s, change at %s) = %+v, %v; want %v with ref %q", tt.issue.Key, tt.change.Format(time.DateTime), a, ok, tt.want, tt.ref)
		}
	}
	a, _ := pass.Approved(fromCreation, at(8, 0, 0))
	if want := (Approval{Route: "label", By: "Ana Lima", At: at(8, 9, 0), Pos: Position{Path: "e.json", Line: 40}}); a != want {
		t.Errorf("approval from creation = %+v, want %+v", a, want)
	}
}

func TestTaskApproved(t *testing.T) {
	task := &Task{ID: "1.2", Jira: []string{"PAY-3"}}
	other := &Task{ID: "1.3"}
	plan := &Plan{Tasks: []*Task{task, other}, Changes: []*ChangeRequest{
		{ID: "CR-1", Tasks: []string{"1.3"}, Status: "Pending", Approver: "ana@x.io"},
		{ID: "CR-2", Jira: []string{"PAY-3"}, Status: "Approved", Approver: "bo@x.io"},
	}}
	pass := testPass(t, &Project{Plan: plan}, approvalRoles)
	if cr, ok := pass.TaskApproved(task); !ok || cr.ID != "CR-2" {
		t.Errorf("TaskApproved(1.2) = %v, %v; want CR-2", cr, ok)
	}
	if cr, ok := pass.TaskApproved(other); ok {
		t.Errorf("TaskApproved(1.3) = %v; want none (CR-1 is pending)", cr.ID)
	}
}

func TestPassTerms(t *testing.T) {
	story := &Issue{Key: "PAY-1", Project: "PAY", Type: "Story", Status: "In Progress", StatusCategory: CategoryIndeterminate, Rank: "0|i0000b:"}
	released := &Issue{Key: "PAY-2", Project: "PAY", Type: "Bug", Status: "Released", StatusCategory: CategoryIndeterminate, Rank: "0|i0000a:"}
	closed := &Issue{Key: "PAY-3", Project: "PAY", Type: "Story", Status: "Closed", StatusCategory: CategoryDone}
	epic := &Issue{Key: "PAY-4", Project: "PAY", Type: "Epic", Rank: "0|i00001:"}
	sub := &Issue{Key: "PAY-5", Project: "PAY", Type: "Story", Subtask: true, Rank: "0|i00002:"}
	third := &Issue{Key: "PAY-6", Project: "PAY", Type: "Task", Rank: "0|i0000c:"}
	inSprint := &Issue{Key: "PAY-7", Project: "PAY", Type: "Task", Sprints: []int{9}}
	ops := &Issue{Key: "OPS-1", Project: "OPS", Type: "Task", Rank: "0|i0000d:"}
	p := &Project{Issues: []*Issue{story, released, closed, epic, sub, third, inSprint, ops},
		Sprints: map[int]*Sprint{9: {ID: 9, State: "future"}}}
	pass := testPass(t, p, "jira: {done_statuses: [released]}\nbacklog: {ready_depth: 1}\n")

	if !pass.Done(released) || !pass.Done(closed) || pass.Done(story) {
		t.Errorf("Done: want released (a done status) and closed (category done) only")
	}
	if pass.BacklogItem(epic) || pass.BacklogItem(sub) || !pass.BacklogItem(story) {
		t.Errorf("BacklogItem: epics and sub-tasks are not backlog items")
	}
	var keys []string
	for _, i := range pass.RankedBacklog("PAY") {
		keys = append(keys, i.Key)
	}
	if want := []string{"PAY-1", "PAY-6"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("RankedBacklog(PAY) = %v, want %v (open ranked backlog items, top first)", keys, want)
	}
	if pass.RankPosition(third) != 1 || pass.RankPosition(epic) != -1 || pass.RankPosition(ops) != 0 {
		t.Errorf("RankPosition: got %d, %d, %d; want 1, -1, 0", pass.RankPosition(third), pass.RankPosition(epic), pass.RankPosition(ops))
	}
	for _, tt := range []struct {
		i    *Issue
		want bool
	}{{story, true}, {third, false}, {inSprint, true}, {ops, true}, {closed, false}, {epic, false}} {
		if got := pass.Ready(tt.i); got != tt.want {
			t.Errorf("Ready(%s) = %v, want %v", tt.i.Key, got, tt.want)
		}
	}
}

func TestHistoriesSkipBotsAndSince(t *testing.T) {
	i := &Issue{Key: "PAY-1", Histories: []History{
		{ID: 1, Author: &cloudAna, Created: InstantOf(at(1, 12, 0))},
		{ID: 2, Author: &automaton, Created: InstantOf(at(3, 12, 0))},
		{ID: 3, Author: &nobody, Created: InstantOf(at(2, 22, 59))},
		{ID: 4, Author: &serverBo, Created: InstantOf(at(2, 23, 0))},
	}}
	pass := testPass(t, &Project{Issues: []*Issue{i}}, "roles: {bots: [Automation for Jira]}\nsince: 2026-03-03\ntimezone: Europe/Paris\n")
	var ids []string
	for h := range pass.Histories(i) {
		ids = append(ids, h.ID.String())
	}
	// Midnight on the 3rd in Paris is 23:00 UTC on the 2nd.
	if want := []string{"4"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("Histories = %v, want %v", ids, want)
	}
}

func TestIssuesOfProjectsWithTheRolesNeeded(t *testing.T) {
	pay := &Issue{Key: "PAY-1", Project: "PAY"}
	ops := &Issue{Key: "OPS-1", Project: "OPS"}
	web := &Issue{Key: "WEB-1", Project: "WEB"}
	c := config(t, "roles:\n  project_manager: [bo@x.io]\n  by_project:\n    PAY: {product_owner: [ana@x.io]}\n    OPS: {delegates: {product_owner: [cy@x.io]}}\n")
	p := &Project{Issues: []*Issue{pay, ops, web}}
	keys := func(r *Rule) []string {
		var out []string
		for _, i := range NewPass(r, p, c, now, nil, nil, nil).Issues() {
			out = append(out, i.Key)
		}
		return out
	}
	if got := keys(&Rule{}); !reflect.DeepEqual(got, []string{"PAY-1", "OPS-1", "WEB-1"}) {
		t.Errorf("a rule needing no role sees %v", got)
	}
	// A delegate alone does not make a project's role assigned.
	if got := keys(&Rule{Needs: []Role{ProductOwner}}); !reflect.DeepEqual(got, []string{"PAY-1"}) {
		t.Errorf("a rule needing the product owner sees %v, want [PAY-1]", got)
	}
	if got := keys(&Rule{Needs: []Role{ProductOwner, ProjectManager}}); !reflect.DeepEqual(got, []string{"PAY-1"}) {
		t.Errorf("a rule needing both roles sees %v, want [PAY-1]", got)
	}
	if got := keys(&Rule{Needs: []Role{ProjectManager}}); len(got) != 3 {
		t.Errorf("a rule needing the project manager sees %v, want all three", got)
	}
}

func TestPlanScope(t *testing.T) {
	epic := &Issue{Key: "PAY-1", Type: "Epic"}
	story := &Issue{Key: "PAY-2", Epic: "PAY-1"}
	child := &Issue{Key: "PAY-3", Parent: "PAY-9"}
	loose := &Issue{Key: "PAY-4"}
	p := &Project{Issues: []*Issue{epic, story, child, loose}, Plan: &Plan{Tasks: []*Task{
		{ID: "1", Jira: []string{"PAY-1"}}, {ID: "2", Jira: []string{"PAY-9", "OPS-2"}},
	}}}
	pass := testPass(t, p, "")
	if want := map[string]bool{"PAY-1": true, "PAY-9": true, "OPS-2": true}; !reflect.DeepEqual(pass.PlanKeys(), want) {
		t.Errorf("PlanKeys = %v", pass.PlanKeys())
	}
	for _, tt := range []struct {
		i    *Issue
		want bool
	}{{epic, true}, {story, true}, {child, true}, {loose, false}} {
		if got := pass.InPlanScope(tt.i); got != tt.want {
			t.Errorf("InPlanScope(%s) = %v, want %v", tt.i.Key, got, tt.want)
		}
	}
	if len(testPass(t, &Project{}, "").PlanKeys()) != 0 {
		t.Errorf("no plan, no plan keys")
	}
}

func TestBrowseURL(t *testing.T) {
	cloud := &Issue{Key: "PAY-1", Self: "https://acme.atlassian.net/rest/api/3/issue/10001"}
	server := &Issue{Key: "PAY-2", Self: "https://jira.acme.io/jira/rest/api/2/issue/10002"}
	bare := &Issue{Key: "PAY-3"}
	for _, tt := range []struct {
		config string
		i      *Issue
		want   string
	}{
		{"", cloud, "https://acme.atlassian.net/browse/PAY-1"},
		{"", server, "https://jira.acme.io/jira/browse/PAY-2"},
		{"", bare, ""},
		{"jira: {url: https://acme.atlassian.net/}", bare, "https://acme.atlassian.net/browse/PAY-3"},
		{"jira: {url: https://acme.atlassian.net, base_url: https://jira.example.org}", cloud, "https://jira.example.org/browse/PAY-1"},
	} {
		if got := testPass(t, &Project{}, tt.config).BrowseURL(tt.i); got != tt.want {
			t.Errorf("%q: BrowseURL(%s) = %q, want %q", tt.config, tt.i.Key, got, tt.want)
		}
	}
}

func TestSprintIDs(t *testing.T) {
	for in, want := range map[string][]int{
		"":               nil,
		"101":            {101},
		"101, 102":       {101, 102},
		" 7 ;8,,9  ":     {7, 8, 9},
		"x, 4, Sprint 5": {4, 5},
		"12abc":          nil,
	} {
		if got := SprintIDs(in); !reflect.DeepEqual(got, want) {
			t.Errorf("SprintIDs(%q) = %v, want %v", in, got, want)
		}
	}
}
