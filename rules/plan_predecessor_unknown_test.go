package rules

import (
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestPlanPredecessorUnknown(t *testing.T) {
	p := newProject()
	p.Task("1", "Design")
	p.Task("2", "Build").After("1", lint.FinishToStart, 0).After("42", lint.FinishToStart, 2).After("42", lint.StartToStart, 0)
	p.Task("3", "Test").After("2", lint.FinishToStart, 0)
	expectFindings(t, run(t, PlanPredecessorUnknown, p, newConfig()),
		`plan.xlsx:Plan!J3: 2: Task 2 "Build" names predecessor 42 (in "42FS+2 days"), but the plan has no task 42; the dependency is lost`,
	)
}

func TestPlanPredecessorUnknownByWBSCode(t *testing.T) {
	// A plan with an ID column and a WBS column: a predecessor may name a task by either.
	p := newProject()
	p.Task("1", "Design").WBS("1.1")
	p.Task("2", "Build").WBS("1.2").After("1.1", lint.FinishToStart, 0).After("1", lint.FinishToStart, 0).After("1.3", lint.FinishToStart, 0)
	expectFindings(t, run(t, PlanPredecessorUnknown, p, newConfig()),
		`plan.xlsx:Plan!J3: 2: Task 2 "Build" names predecessor 1.3 (in "1.3"), but the plan has no task 1.3; the dependency is lost`,
	)
}
