package rules

import "testing"

func TestPlanTaskTooLong(t *testing.T) {
	p := newProject()
	p.Task("1", "Phase").Dates("2026-03-02", "2026-06-30")
	p.Task("2", "Build").Under("1").Dates("2026-03-02", "2026-04-30") // 44 working days
	p.Task("3", "Migrate").Under("1").Dates("2026-03-02", "2026-05-01")
	p.Task("4", "Wait").Under("1").Milestone().Dates("2026-03-02", "2026-06-30")
	p.Task("5", "Support").Under("1").Duration(44.5)
	p.Task("6", "Train").Under("1").Duration(44)
	expectFindings(t, run(t, PlanTaskTooLong, p, newConfig()),
		`plan.xlsx:Plan!E4: 3: Task 3 "Migrate" lasts 45 working days (2026-03-02 to 2026-05-01); tasks over 44 working days hide their progress until they end`,
		`plan.xlsx:Plan!I6: 5: Task 5 "Support" lasts 45 working days (its duration); tasks over 44 working days hide their progress until they end`,
	)
}
