package rules

import (
	"testing"
	"time"
)

func TestPlanTaskOverdue(t *testing.T) {
	// testNow is 2026-03-20 12:00 UTC.
	p := newProject()
	p.Task("1", "Design").Dates("2026-03-02", "2026-03-13").Percent(60)
	p.Task("2", "Build").Dates("2026-03-02", "2026-03-19").Percent(100)
	p.Task("3", "Test").Dates("2026-03-02", "2026-03-19").Percent(60).Status("Done")
	p.Task("4", "Docs").Dates("2026-03-02", "2026-03-20").Percent(0)
	p.Task("5", "Review").Dates("2026-03-02", "2026-03-19").Status("In progress")
	p.Task("6", "Release").Dates("2026-03-02", "2026-03-19")
	p.Task("7", "Phase").Dates("2026-03-02", "2026-03-19").Percent(10)
	p.Task("8", "Child").Under("7").Dates("2026-03-02", "2026-03-19").Percent(99.5)
	expectFindings(t, run(t, PlanTaskOverdue, p, newConfig()),
		`plan.xlsx:Plan!F2: 1: Task 1 "Design" was due to finish on 2026-03-13, 7 days ago, and is 60 % complete; the plan no longer shows when it will finish`,
		`plan.xlsx:Plan!F6: 5: Task 5 "Review" was due to finish on 2026-03-19, 1 day ago, and is in status "In progress"; the plan no longer shows when it will finish`,
		`plan.xlsx:Plan!F7: 6: Task 6 "Release" was due to finish on 2026-03-19, 1 day ago, and has no progress recorded; the plan no longer shows when it will finish`,
		`plan.xlsx:Plan!F9: 8: Task 8 "Child" was due to finish on 2026-03-19, 1 day ago, and is 99.5 % complete; the plan no longer shows when it will finish`,
	)
}

func TestPlanTaskOverdueTimezone(t *testing.T) {
	// At 2026-03-20 12:00 UTC it is already the 21st in Auckland, so a task finishing on
	// the 20th is overdue there.
	p := newProject()
	p.Task("1", "Design").Dates("2026-03-02", "2026-03-20").Percent(50)
	cfg := newConfig()
	tz, err := time.LoadLocation("Pacific/Auckland")
	if err != nil {
		t.Skip("no timezone database")
	}
	cfg.Timezone = tz
	expectFindings(t, run(t, PlanTaskOverdue, p, cfg),
		`plan.xlsx:Plan!F2: 1: Task 1 "Design" was due to finish on 2026-03-20, 1 day ago, and is 50 % complete; the plan no longer shows when it will finish`,
	)
}

func TestPlanTaskOverdueWithoutProgressColumns(t *testing.T) {
	p := newProject()
	p.Task("1", "Design").Dates("2026-03-02", "2026-03-13")
	p.WithoutColumn("percent")
	p.WithoutColumn("status")
	expectFindings(t, run(t, PlanTaskOverdue, p, newConfig()))
}
