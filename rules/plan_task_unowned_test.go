package rules

import "testing"

func TestPlanTaskUnowned(t *testing.T) {
	p := newProject()
	p.Task("1", "Payments v2").Owner("")
	p.Task("2", "Design").Under("1").Owner("")
	p.Task("3", "Build").Under("1").Owner("  ")
	p.Task("4", "Launch").Milestone().Owner("")
	p.Task("5", "Test").Under("1")
	expectFindings(t, run(t, PlanTaskUnowned, p, newConfig()),
		`plan.xlsx:Plan!D3: 2: Task 2 "Design" has no owner; its dates are a commitment nobody has made`,
		`plan.xlsx:Plan!D4: 3: Task 3 "Build" has no owner; its dates are a commitment nobody has made`,
	)
}

func TestPlanTaskUnownedNoColumn(t *testing.T) {
	p := newProject()
	p.Task("1", "Design").Owner("")
	p.WithoutColumn("owner")
	expectFindings(t, run(t, PlanTaskUnowned, p, newConfig()),
		`plan.xlsx:Plan!B2: 1: Task 1 "Design" has no owner (the plan has no owner column); its dates are a commitment nobody has made`,
	)
}
