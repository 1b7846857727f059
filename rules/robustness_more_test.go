package rules

import (
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// TestMoreRulesSurviveSparseInput runs the rules over a project where almost everything is
// missing or odd — no cells, no columns, no dates, nil maps, authorless histories, sprints
// without dates, links to nowhere — as readers can produce from damaged or minimal inputs.
// No rule may panic or fail.
func TestMoreRulesSurviveSparseInput(t *testing.T) {
	v := 5.0
	sparse := &lint.Issue{Key: "PAY-1", Type: "Story", Rank: "0|a:", Value: &v, Sprints: []int{1, 2, 99}, ChangelogTotal: -1}
	sparse.AddHistory(lint.History{}, lint.Change{ChangedField: &lint.ChangedField{Kind: lint.KindEstimate}, ChangeValues: &lint.ChangeValues{ToString: "x"}}, lint.Change{ChangedField: &lint.ChangedField{Kind: lint.KindSprint}, ChangeValues: &lint.ChangeValues{To: "1, nonsense"}})
	sparse.AddHistory(lint.History{}, lint.Change{ChangedField: &lint.ChangedField{Kind: lint.KindPriority}, ChangeValues: &lint.ChangeValues{}}, lint.Change{ChangedField: &lint.ChangedField{Kind: lint.KindStatus}, ChangeValues: &lint.ChangeValues{}}, lint.Change{ChangedField: &lint.ChangedField{Kind: lint.KindParent}, ChangeValues: &lint.ChangeValues{ToString: "PAY-2"}})
	project := &lint.Project{
		Issues: []*lint.Issue{
			sparse,
			{Key: "PAY-2", Type: "Epic", Parent: "PAY-2", Epic: "PAY-2", StatusCategory: lint.CategoryDone},
			{Key: "", Type: ""},
		},
		Sprints: map[int]*lint.Sprint{1: {ID: 1, State: "active"}, 2: {ID: 2, State: "closed", Start: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}},
		Plan: &lint.Plan{
			Tasks: []*lint.Task{
				{ID: "1", Predecessors: []lint.Link{{Ref: "1"}, {Ref: ""}, {Ref: "2", Type: "XX"}}, Jira: []string{"PAY-1", "PAY-1", "", "X"}},
				{ID: "2", Summary: true, Finish: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Predecessors: []lint.Link{{Ref: "1", Lag: -100000}}},
				{ID: "2", Milestone: true, Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Finish: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)},
			},
			Changes: []*lint.ChangeRequest{{Status: "Approved", Tasks: []string{"9"}}, {}},
		},
	}
	cfg := newConfig()
	cfg.Plan.BaselineDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cfg.Timezone = nil
	for _, r := range moreRules {
		t.Run(r.Name, func(t *testing.T) {
			defer func() {
				if v := recover(); v != nil {
					t.Fatalf("panic: %v", v)
				}
			}()
			pass := lint.NewPass(r, project, cfg, testNow, nil, func(lint.Finding) {}, func(string, string, float64) {})
			pass.Enabled = All
			if err := r.Check(pass); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// moreRules are the rules of this part of the catalogue that run without the engine.
var moreRules = []*lint.Rule{
	PriorityChangedByNonPO, AcceptanceCriteriaMissing, DoneWithoutPOAcceptance, ValueMissing, SprintSkipsHigherValue, UnrankedItem,
	EstimateChangedInSprint, ScopeAddedAfterBaseline, PlanTaskUnbaselined, UnplannedIssue, PlanKeyNotFound, ChangeRequestInvalid,
	DueDateMismatch, PlanDatesInvalid, PlanDependencyViolated, PlanPredecessorUnknown, PlanDependencyCycle, PlanTaskUnowned,
	PlanTaskOverdue, BaselineSlip, StatusMismatch, PlanMissingLogic, PlanTaskTooLong,
}
