package rules

import "testing"

func TestPlanKeyNotFound(t *testing.T) {
	p := newProject()
	p.Issue("PAY-1")
	p.Issue("PAY-2")
	p.Task("1", "Payments v2").Jira("PAY-1", "PAY-404", "PAY-404", "OPS-7")
	p.Task("2", "Refunds").Jira("PAY-2")
	p.Task("3", "Wallet").Jira("PAY-405")
	expectFindings(t, run(t, PlanKeyNotFound, p, newConfig()),
		`plan.xlsx:Plan!C2: 1: Task 1 "Payments v2" names PAY-404, but the Jira input has no such issue although it holds 2 PAY issues; a typo, or a deleted or moved issue`,
		`plan.xlsx:Plan!C4: 3: Task 3 "Wallet" names PAY-405, but the Jira input has no such issue although it holds 2 PAY issues; a typo, or a deleted or moved issue`,
	)
}
