package rules

import (
	"path/filepath"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
	"github.com/hatcheck/hatcheck/sources/plan"
)

// readRealPlan reads the real plan workbook into a project of its own, named by file name.
func readRealPlan(t *testing.T, cfg *lint.Config) *lint.Project {
	t.Helper()
	pl, _, err := plan.Read(filepath.Join(realworld(t), "packt-project-plan.xlsx"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	pl.Path = "packt-project-plan.xlsx"
	return &lint.Project{Plan: pl, Sprints: map[int]*lint.Sprint{}, Fields: map[lint.FieldKind]string{}}
}

// TestRealWorldPlan runs the schedule rules over a plan made by hand in Excel: hierarchy by
// indentation, predecessors like "2fs", several owners per task, formula dates, no progress
// columns and no Jira keys. What they report is what a project manager would agree with.
func TestRealWorldPlan(t *testing.T) {
	cfg := newConfig()
	p := readRealPlan(t, cfg)
	const missing = " has neither predecessors nor successors; when it slips, the plan cannot show what the slip delays"
	tests := []struct {
		rule *lint.Rule
		want []string
	}{
		{PlanDependencyViolated, []string{
			`packt-project-plan.xlsx:Project Plan!G34: 33: Task 33 "Allow Deletion of Sent/Received message from list" starts 2023-03-27, before 2023-04-17, the earliest its link 32fs allows (the day task 32 "Maintain message list for both sent and received" finishes on 2023-04-17); the dates contradict the plan's own dependencies`,
		}},
		{PlanMissingLogic, []string{
			`packt-project-plan.xlsx:Project Plan!G23: 22: Task 22 "CRUD"` + missing,
			`packt-project-plan.xlsx:Project Plan!G24: 23: Task 23 "Alias CRUD"` + missing,
			`packt-project-plan.xlsx:Project Plan!G25: 24: Task 24 "Bio Text CRUD"` + missing,
			`packt-project-plan.xlsx:Project Plan!G27: 26: Task 26 "Status Key Value Pair"` + missing,
			`packt-project-plan.xlsx:Project Plan!G28: 27: Task 27 "Location Key Value Pair"` + missing,
			`packt-project-plan.xlsx:Project Plan!G29: 28: Task 28 "Support Full Unicode including emojis in Values"` + missing,
			`packt-project-plan.xlsx:Project Plan!G31: 30: Task 30 "Accept or Deny Contact request"` + missing,
			`packt-project-plan.xlsx:Project Plan!G35: 34: Task 34 "Danielle On-call"` + missing,
			`packt-project-plan.xlsx:Project Plan!G36: 35: Task 35 "Charley On-call"` + missing,
			`packt-project-plan.xlsx:Project Plan!G37: 36: Task 36 "Arun On-Call"` + missing,
			`packt-project-plan.xlsx:Project Plan!G38: 37: Task 37 "Bex On-Call"` + missing,
			`packt-project-plan.xlsx:Project Plan!G39: 38: Task 38 "Eliza On-call"` + missing,
			`packt-project-plan.xlsx:Project Plan!G40: 39: Task 39 "Danielle On-call"` + missing,
		}},
		// Every task has dates, owners and known predecessors, and none loops or runs long;
		// the plan records no progress, so nothing can be called overdue or out of step.
		{PlanDatesInvalid, nil},
		{PlanPredecessorUnknown, nil},
		{PlanDependencyCycle, nil},
		{PlanTaskUnowned, nil},
		{PlanTaskTooLong, nil},
		{PlanTaskOverdue, nil},
		{StatusMismatch, nil},
		{BaselineSlip, nil},
		{PlanTaskUnbaselined, nil},
	}
	for _, tt := range tests {
		t.Run(tt.rule.Name, func(t *testing.T) {
			expectFindings(t, runReal(t, tt.rule, p, cfg), tt.want...)
		})
	}
}

// TestRealWorldDoneWithoutPOAcceptance: on the Cloud site where Mike Bowler does everything,
// his moves to Done are a non-PO's until he is the product owner.
func TestRealWorldDoneWithoutPOAcceptance(t *testing.T) {
	cfg := newConfig()
	p := readReal(t, cfg, jirametrics...)
	expectFindings(t, runReal(t, DoneWithoutPOAcceptance, p, cfg),
		"jirametrics-SP-5.json:11:7: SP-5: Moved from In Progress to Done by Mike Bowler on 2021-10-11 12:49 UTC; only the product owner (ana@x.io) accepts finished work",
	)
	cfg.Roles.ProductOwner = []string{"Mike Bowler"}
	expectFindings(t, runReal(t, DoneWithoutPOAcceptance, p, cfg))
}

// TestRealWorldAcceptanceCriteriaMissing: the site's open stories are ranked at the top of
// the backlog and none of their descriptions states acceptance criteria.
func TestRealWorldAcceptanceCriteriaMissing(t *testing.T) {
	cfg := newConfig()
	p := readReal(t, cfg, jirametrics...)
	const tail = " (the top 20 are ready); the product owner states what will be accepted before work starts"
	expectFindings(t, runReal(t, AcceptanceCriteriaMissing, p, cfg),
		`jirametrics-SP-1.json:1:1: SP-1: Story SP-1 "Create new draft event" has no acceptance criteria, and it is ranked 1st in the open backlog of SP`+tail,
		`jirametrics-SP-11.json:1:1: SP-11: Story SP-11 "Report of all orders for an event" has no acceptance criteria, and it is ranked 3rd in the open backlog of SP`+tail,
		`jirametrics-SP-2.json:1:1: SP-2: Story SP-2 "Update existing event" has no acceptance criteria, and it is ranked 2nd in the open backlog of SP`+tail,
		`jirametrics-SP-7.json:1:1: SP-7: Story SP-7 "Purchase ticket with Apple Pay" has no acceptance criteria, and it is ranked 4th in the open backlog of SP`+tail,
		`jirametrics-SP-8.json:1:1: SP-8: Story SP-8 "Refund ticket for individual order" has no acceptance criteria, and it is ranked 5th in the open backlog of SP`+tail,
	)
}
