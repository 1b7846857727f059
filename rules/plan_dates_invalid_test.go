package rules

import "testing"

func TestPlanDatesInvalid(t *testing.T) {
	p := newProject()
	p.Task("1", "Phase")
	p.Task("2", "Design").Under("1").Dates("2026-03-09", "2026-03-06")
	p.Task("3", "Build").Under("1").Dates("2026-03-09", "2026-03-09").Baseline("2026-03-09", "2026-03-02")
	p.Task("4", "Test").Under("1")
	p.Task("5", "Docs").Under("1").Dates("", "2026-03-13")
	p.Task("6", "Review").Under("1").Dates("2026-03-13", "")
	p.Task("7", "Launch").Milestone().Dates("2026-03-20", "2026-03-20")
	expectFindings(t, run(t, PlanDatesInvalid, p, newConfig()),
		`plan.xlsx:Plan!F3: 2: Task 2 "Design" finishes 2026-03-06, 3 days before it starts (2026-03-09); a task cannot end before it begins`,
		`plan.xlsx:Plan!H4: 3: Task 3 "Build" has a baseline finish of 2026-03-02, 7 days before its baseline start (2026-03-09); the baseline cannot end before it begins`,
		`plan.xlsx:Plan!E5: 4: Task 4 "Test" has neither a start nor a finish date; a task that is not a summary needs both to be scheduled`,
		`plan.xlsx:Plan!E6: 5: Task 5 "Docs" has no start date; a task that is not a summary needs both dates to be scheduled`,
		`plan.xlsx:Plan!F7: 6: Task 6 "Review" has no finish date; a task that is not a summary needs both dates to be scheduled`,
	)
}
