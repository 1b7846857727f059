package rules

import (
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestPlanMissingLogic(t *testing.T) {
	p := newProject()
	p.Task("1", "Payments v2")
	p.Task("2", "Design").Under("1")
	p.Task("3", "Build").Under("1").After("2", lint.FinishToStart, 0)
	p.Task("4", "Security review").Under("1")
	p.Task("5", "Old spike").Under("1").Percent(100)
	p.Task("6", "Closed spike").Under("1").Status("Closed")
	p.Task("7", "Launch").Milestone()
	p.Task("8", "Orphan").After("99", lint.FinishToStart, 0)
	expectFindings(t, run(t, PlanMissingLogic, p, newConfig()),
		`plan.xlsx:Plan!J5: 4: Task 4 "Security review" has neither predecessors nor successors; when it slips, the plan cannot show what the slip delays`,
		`plan.xlsx:Plan!J8: 7: Task 7 "Launch" has neither predecessors nor successors; when it slips, the plan cannot show what the slip delays`,
	)
}

func TestPlanMissingLogicNoColumn(t *testing.T) {
	p := newProject()
	p.Task("1", "Design")
	p.Task("2", "Build")
	p.WithoutColumn("predecessors")
	expectFindings(t, run(t, PlanMissingLogic, p, newConfig()),
		`plan.xlsx:Plan: plan.xlsx: The plan sheet Plan has no predecessor column, so none of its tasks is linked to another; the schedule's dates follow from no logic`,
	)
}
