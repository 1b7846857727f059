package rules

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// sprints adds the sprints of the scope tests: 6 closed (completed half an hour before
// its end date), 7 running since 2026-03-02 09:00, 8 not started.
func sprints(p *projectBuilder) {
	s6 := p.Sprint(6, "PAY Sprint 6", "closed", time.Date(2026, 2, 16, 9, 0, 0, 0, time.UTC), at(2, 9, 0))
	s6.Complete = at(2, 8, 30)
	p.Sprint(7, "PAY Sprint 7", "active", at(2, 9, 0), at(16, 9, 0))
	p.Sprint(8, "PAY Sprint 8", "future", at(16, 9, 0), at(30, 9, 0))
}

const (
	// need is the end of every message with the default scope settings.
	need = "; scope changes to a running sprint need the scope-change-approved label or an approved change-log row from an approver (product owner or project manager) within 24h of the change"
	// running and ran describe sprints 7 and 6.
	running = `"PAY Sprint 7" (running since 2026-03-02 09:00 UTC)`
	ran     = `"PAY Sprint 6" (ran 2026-02-16 09:00 UTC to 2026-03-02 08:30 UTC)`
)

func TestSprintScopeUnapproved(t *testing.T) {
	tests := []struct {
		name   string
		build  func(p *projectBuilder)
		config func(c *lint.Config)
		want   []string
	}{{
		name: "added before the sprint started, and at its very start",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").SprintChangedBy(dev, at(1, 17, 0), "", "7")
			p.Issue("PAY-2").SprintChangedBy(dev, at(2, 9, 0), "", "7")
		},
	}, {
		name: "added a minute after the start",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").SprintChangedBy(dev, at(2, 9, 1), "", "7")
		},
		want: []string{
			"export.json:101: PAY-1: Added to sprint " + running + " by Dev Patel on 2026-03-02 09:01 UTC with no recorded approval" + need,
		},
	}, {
		name:   "inside the grace period, and just after it",
		config: func(c *lint.Config) { c.Scope.Grace = 2 * time.Hour },
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").SprintChangedBy(dev, at(2, 10, 59), "", "7")
			p.Issue("PAY-2").SprintChangedBy(dev, at(2, 11, 1), "", "7")
		},
		want: []string{
			"export.json:201: PAY-2: Added to sprint " + running + " by Dev Patel on 2026-03-02 11:01 UTC with no recorded approval" + need,
		},
	}, {
		name: "removed from a running sprint, by someone Jira cannot name",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Sprints().SprintChangedBy(nobody, at(4, 14, 20), "7", "")
		},
		want: []string{
			"export.json:101: PAY-1: Removed from sprint " + running + " by an anonymous user on 2026-03-04 14:20 UTC with no recorded approval" + need,
		},
	}, {
		name: "moved from the running sprint to the next",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Sprints(8).SprintChangedBy(sam, at(4, 14, 20), "7", "8")
		},
		want: []string{
			"export.json:101: PAY-1: Removed from sprint " + running + " by Sam Server on 2026-03-04 14:20 UTC with no recorded approval" + need,
		},
	}, {
		name: "carried over when the last sprint was completed, before the next started",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Sprints(6, 7).SprintChangedBy(dev, at(2, 8, 30), "6", "6, 7")
		},
	}, {
		name: "a closed sprint: inside its window, and after it was completed",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").SprintChangedBy(dev, at(1, 12, 0), "6", "")
			p.Issue("PAY-2").SprintChangedBy(dev, at(2, 8, 31), "6", "")
		},
		want: []string{
			"export.json:101: PAY-1: Removed from sprint " + ran + " by Dev Patel on 2026-03-01 12:00 UTC with no recorded approval" + need,
		},
	}, {
		name: "a sprint the export gives no name",
		build: func(p *projectBuilder) {
			p.Sprint(9, "", "active", at(2, 9, 0), at(16, 9, 0))
			p.Issue("PAY-1").SprintChangedBy(dev, at(4, 14, 20), "", "9")
		},
		want: []string{
			"export.json:101: PAY-1: Added to sprint 9 (running since 2026-03-02 09:00 UTC) by Dev Patel on 2026-03-04 14:20 UTC with no recorded approval" + need,
		},
	}, {
		name: "future and unknown sprints have no window",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").SprintChangedBy(dev, at(4, 14, 20), "", "8, 99")
		},
	}, {
		name: "one finding per issue, sprint and direction",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").
				SprintChangedBy(dev, at(3, 10, 0), "", "7").
				SprintChangedBy(dev, at(3, 11, 0), "7", "").
				SprintChangedBy(dev, at(3, 12, 0), "", "7").
				SprintChangedBy(dev, at(3, 13, 0), "7", "")
		},
		want: []string{
			"export.json:101: PAY-1: Added to sprint " + running + " by Dev Patel on 2026-03-03 10:00 UTC with no recorded approval" + need,
			"export.json:102: PAY-1: Removed from sprint " + running + " by Dev Patel on 2026-03-03 11:00 UTC with no recorded approval" + need,
		},
	}, {
		name:   "bots' changes are ignored, and changes before --since",
		config: func(c *lint.Config) { c.Since = at(4, 0, 0) },
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").SprintChangedBy(bot, at(4, 14, 20), "", "7")
			p.Issue("PAY-2").SprintChangedBy(dev, at(3, 23, 0), "", "7")
		},
	}, {
		name: "created into the running sprint",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Created(dev, at(4, 10, 0)).Sprints(7)
		},
		want: []string{
			"export.json:100: PAY-1: Created in sprint " + running + " by Dev Patel on 2026-03-04 10:00 UTC with no recorded approval" + need,
		},
	}, {
		name: "created into the running sprint, then moved out of it",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Created(sam, at(4, 10, 0)).SprintChangedBy(dev, at(5, 10, 0), "7", "")
		},
		want: []string{
			"export.json:100: PAY-1: Created in sprint " + running + " by Sam Server on 2026-03-04 10:00 UTC with no recorded approval" + need,
			"export.json:101: PAY-1: Removed from sprint " + running + " by Dev Patel on 2026-03-05 10:00 UTC with no recorded approval" + need,
		},
	}, {
		name: "a sub-task is an issue like any other",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Type("Sub-task").Subtask().Parent("PAY-9").Created(dev, at(4, 10, 0)).Sprints(7)
		},
		want: []string{
			"export.json:100: PAY-1: Created in sprint " + running + " by Dev Patel on 2026-03-04 10:00 UTC with no recorded approval" + need,
		},
	}, {
		name: "created before the sprint started, by a bot, or outside any sprint",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Created(dev, at(1, 10, 0)).Sprints(7)
			p.Issue("PAY-2").Created(bot, at(4, 10, 0)).Sprints(7)
			p.Issue("PAY-3").Created(dev, at(4, 10, 0))
		},
	}, {
		name: "approved by the label, added by an approver just inside the window",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").SprintChangedBy(dev, at(4, 14, 20), "", "7").
				LabelAddedBy(ana, at(5, 14, 20), "scope-change-approved")
			p.Issue("PAY-2").LabelAddedBy(paul, at(3, 9, 0), "scope-change-approved").
				SprintChangedBy(dev, at(4, 14, 20), "", "7")
		},
	}, {
		name: "the label added just outside the window, or by someone who is not an approver",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").SprintChangedBy(dev, at(4, 14, 20), "", "7").
				LabelAddedBy(ana, at(5, 14, 21), "scope-change-approved")
			p.Issue("PAY-2").SprintChangedBy(dev, at(4, 14, 20), "", "7").
				LabelAddedBy(dev, at(4, 15, 0), "scope-change-approved")
		},
		want: []string{
			"export.json:101: PAY-1: Added to sprint " + running + " by Dev Patel on 2026-03-04 14:20 UTC with no recorded approval" + need,
			"export.json:201: PAY-2: Added to sprint " + running + " by Dev Patel on 2026-03-04 14:20 UTC with no recorded approval" + need,
		},
	}, {
		name: "the label present from creation by an approver",
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").Created(ana, at(4, 10, 0)).Labels("scope-change-approved").Sprints(7)
			p.Issue("PAY-2").Created(dev, at(4, 10, 0)).Labels("scope-change-approved").Sprints(7)
		},
		want: []string{
			"export.json:200: PAY-2: Created in sprint " + running + " by Dev Patel on 2026-03-04 10:00 UTC with no recorded approval" + need,
		},
	}, {
		name: "approved by a change-log row dated no later than the day the window ends",
		build: func(p *projectBuilder) {
			// The window of a change on 2026-03-04 14:20 ends on 2026-03-05.
			p.ChangeRequest("CR-1", "Approved", "ana@x.io", time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC), "PAY-1")
			p.ChangeRequest("CR-2", "approved", "ana@x.io", time.Time{}, "PAY-EPIC")
			p.Issue("PAY-1").SprintChangedBy(dev, at(4, 14, 20), "", "7")
			p.Issue("PAY-2").Epic("PAY-EPIC").SprintChangedBy(dev, at(4, 14, 20), "", "7")
		},
	}, {
		name: "a change-log approver written as the name Jira shows",
		build: func(p *projectBuilder) {
			p.ChangeRequest("CR-1", "Approved", "Ana Lima", time.Time{}, "PAY-1")
			p.Issue("PAY-1").SprintChangedBy(dev, at(4, 14, 20), "", "7")
			p.Issue("PAY-2").Assignee(ana)
		},
	}, {
		name: "a change-log approver's name that no one in the input has",
		build: func(p *projectBuilder) {
			// The role names Ana by email, and nothing in the input ties "Ana Lima" to it.
			p.ChangeRequest("CR-1", "Approved", "Ana Lima", time.Time{}, "PAY-1")
			p.Issue("PAY-1").SprintChangedBy(dev, at(4, 14, 20), "", "7")
		},
		want: []string{
			"export.json:101: PAY-1: Added to sprint " + running + " by Dev Patel on 2026-03-04 14:20 UTC with no recorded approval" + need,
		},
	}, {
		name: "change-log rows too late, rejected, or by someone who is not an approver",
		build: func(p *projectBuilder) {
			p.ChangeRequest("CR-1", "Approved", "ana@x.io", time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC), "PAY-1")
			p.ChangeRequest("CR-2", "Rejected", "ana@x.io", time.Time{}, "PAY-2")
			p.ChangeRequest("CR-3", "Approved", "Dev Patel", time.Time{}, "PAY-3")
			p.Issue("PAY-1").SprintChangedBy(dev, at(4, 14, 20), "", "7")
			p.Issue("PAY-2").SprintChangedBy(dev, at(4, 14, 20), "", "7")
			p.Issue("PAY-3").SprintChangedBy(dev, at(4, 14, 20), "", "7")
		},
		want: []string{
			"export.json:101: PAY-1: Added to sprint " + running + " by Dev Patel on 2026-03-04 14:20 UTC with no recorded approval" + need,
			"export.json:201: PAY-2: Added to sprint " + running + " by Dev Patel on 2026-03-04 14:20 UTC with no recorded approval" + need,
			"export.json:301: PAY-3: Added to sprint " + running + " by Dev Patel on 2026-03-04 14:20 UTC with no recorded approval" + need,
		},
	}, {
		name:   "the change-log date is compared in the configured timezone",
		config: func(c *lint.Config) { c.Timezone = time.FixedZone("EET", 2*3600) },
		build: func(p *projectBuilder) {
			// 2026-03-04 23:30 UTC is 2026-03-05 01:30 in EET: the window ends on 2026-03-06
			// there, but on 2026-03-05 in UTC.
			p.ChangeRequest("CR-1", "Approved", "ana@x.io", time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC), "PAY-1")
			p.ChangeRequest("CR-2", "Approved", "ana@x.io", time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC), "PAY-2")
			p.Issue("PAY-1").SprintChangedBy(dev, at(4, 23, 30), "", "7")
			p.Issue("PAY-2").SprintChangedBy(dev, at(4, 23, 30), "", "7")
		},
		want: []string{
			`export.json:201: PAY-2: Added to sprint "PAY Sprint 7" (running since 2026-03-02 11:00 EET) by Dev Patel on 2026-03-05 01:30 EET with no recorded approval` + need,
		},
	}, {
		name: "approvers named in person, a custom label and window",
		config: func(c *lint.Config) {
			c.Scope.Approvers = []string{"sam@x.io"}
			c.Scope.ApprovalLabel = "ok-to-add"
			c.Scope.ApprovalWindow = 90 * time.Minute
		},
		build: func(p *projectBuilder) {
			p.Issue("PAY-1").SprintChangedBy(dev, at(4, 14, 20), "", "7").LabelAddedBy(sam, at(4, 15, 50), "ok-to-add")
			p.Issue("PAY-2").SprintChangedBy(dev, at(4, 14, 20), "", "7").LabelAddedBy(ana, at(4, 14, 30), "ok-to-add")
		},
		want: []string{
			"export.json:201: PAY-2: Added to sprint " + running + " by Dev Patel on 2026-03-04 14:20 UTC with no recorded approval; scope changes to a running sprint need the ok-to-add label or an approved change-log row from an approver (sam@x.io) within 1h30m of the change",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			sprints(p)
			tt.build(p)
			cfg := newConfig()
			if tt.config != nil {
				tt.config(cfg)
			}
			expectFindings(t, run(t, SprintScopeUnapproved, p, cfg), tt.want...)
		})
	}
}

func TestSprintScopeUnapprovedEvidence(t *testing.T) {
	p := newProject()
	sprints(p)
	p.Issue("PAY-1").SprintChangedBy(dev, at(4, 14, 20), "6", "7")
	p.Issue("PAY-2").Created(sam, at(4, 10, 0)).Sprints(7)
	res := run(t, SprintScopeUnapproved, p, newConfig())
	if len(res.findings) != 2 {
		t.Fatalf("got %d findings, want 2:\n%q", len(res.findings), res.lines())
	}
	want := []map[string]any{{
		"author": "Dev Patel", "time": "2026-03-04T14:20:00Z", "sprint_id": 7, "sprint_name": "PAY Sprint 7",
		"sprint_state": "active", "window_start": "2026-03-02T09:00:00Z", "direction": "added",
		"via": "sprint change", "history": "101",
	}, {
		"author": "Sam Server", "time": "2026-03-04T10:00:00Z", "sprint_id": 7, "sprint_name": "PAY Sprint 7",
		"sprint_state": "active", "window_start": "2026-03-02T09:00:00Z", "direction": "added",
		"via": "creation",
	}}
	for n, f := range res.findings {
		if evidenceJSON(t, f.Evidence) != evidenceJSON(t, want[n]) {
			t.Errorf("finding %d: evidence = %v, want %v", n+1, f.Evidence, want[n])
		}
		if !reflect.DeepEqual(f.Identity, []string{"7", "added"}) {
			t.Errorf("finding %d: identity = %q, want sprint and direction", n+1, f.Identity)
		}
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		24 * time.Hour: "24h", 90 * time.Minute: "1h30m", 30 * time.Minute: "30m", 45 * time.Second: "45s",
		2*time.Hour + 30*time.Second: "2h0m30s",
	} {
		if got := duration(d); got != want {
			t.Errorf("duration(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestSprintScopeUnapprovedNearMisses checks that approvals recorded but not counting are
// pointed at, with the reason, so the reader knows which record to correct.
func TestSprintScopeUnapprovedNearMisses(t *testing.T) {
	p := newProject()
	sprints(p)
	p.ChangeRequest("CR-1", "Approved", "ana@x.io", time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC), "PAY-1")
	p.ChangeRequest("CR-2", "Rejected", "ana@x.io", time.Time{}, "PAY-EPIC")
	p.ChangeRequest("CR-3", "Approved", "Dev Patel", time.Time{}, "PAY-1", "PAY-2")
	p.ChangeRequest("CR-4", "Approved", "", time.Time{}, "PAY-1")
	p.ChangeRequest("CR-5", "Approved", "ana@x.io", time.Time{}, "PAY-3") // another issue
	p.Issue("PAY-1").Epic("PAY-EPIC").SprintChangedBy(dev, at(4, 14, 20), "", "7").
		LabelAddedBy(dev, at(4, 15, 0), "scope-change-approved")
	p.Issue("PAY-2").SprintChangedBy(dev, at(4, 14, 20), "", "7").
		LabelAddedBy(ana, at(5, 14, 21), "scope-change-approved")
	res := run(t, SprintScopeUnapproved, p, newConfig())
	if len(res.findings) != 2 {
		t.Fatalf("got %d findings, want 2:\n%q", len(res.findings), res.lines())
	}
	changes := func(row int) lint.Position {
		return lint.Position{Path: "plan.xlsx", Line: row, Sheet: "Changes", Cell: fmt.Sprintf("D%d", row)}
	}
	want := [][]lint.Related{{
		{Location: changes(2), Message: "change request CR-1 names PAY-1 but was approved on 2026-03-06, after the approval window (2026-03-05)"},
		{Location: changes(3), Message: `change request CR-2 names PAY-EPIC but its status is "Rejected"`},
		{Location: changes(4), Message: "change request CR-3 names PAY-1 but its approver Dev Patel is not an approver"},
		{Location: changes(5), Message: "change request CR-4 names PAY-1 but names no approver"},
		{Location: lint.Position{Path: "export.json", Line: 102}, Message: "the scope-change-approved label was added by Dev Patel on 2026-03-04 15:00 UTC, who is not an approver"},
	}, {
		{Location: changes(4), Message: "change request CR-3 names PAY-2 but its approver Dev Patel is not an approver"},
		{Location: lint.Position{Path: "export.json", Line: 202}, Message: "the scope-change-approved label was added by Ana Lima on 2026-03-05 14:21 UTC, after the approval window"},
	}}
	for n, f := range res.findings {
		if !reflect.DeepEqual(f.Related, want[n]) {
			t.Errorf("%s: related =\n%+v\nwant\n%+v", f.Subject, f.Related, want[n])
		}
	}
}
