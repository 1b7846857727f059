package rules

import (
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestStatusMismatch(t *testing.T) {
	p := newProject()
	p.Issue("PAY-1").Status("In Progress", lint.CategoryIndeterminate)
	p.Issue("PAY-2").Done()
	p.Issue("PAY-3").Done()
	p.Issue("PAY-4")
	// Complete by percent while an issue is open.
	p.Task("1", "Design").Percent(100).Jira("PAY-1", "PAY-2")
	// Complete by status (percent 60 and status Done count as 100 %).
	p.Task("2", "Build").Percent(60).Status("Done").Jira("PAY-4")
	// Every issue done, the task below 100 %; unknown keys are ignored.
	p.Task("3", "Test").Percent(80).Jira("PAY-2", "PAY-3", "PAY-404")
	p.Task("4", "Docs").Status("In progress").Jira("PAY-3")
	// In agreement.
	p.Task("5", "Review").Percent(100).Jira("PAY-2")
	p.Task("6", "Release").Percent(50).Jira("PAY-1", "PAY-2")
	p.Task("7", "Launch").Percent(50).Jira("PAY-404")
	expectFindings(t, run(t, StatusMismatch, p, newConfig()),
		`plan.xlsx:Plan!K2: 1: Task 1 "Design" is complete in the plan, but PAY-1 (In Progress) is still open in Jira; the plan and Jira disagree on what is finished`,
		`plan.xlsx:Plan!K3: 2: Task 2 "Build" is complete in the plan, but PAY-4 (To Do) is still open in Jira; the plan and Jira disagree on what is finished`,
		`plan.xlsx:Plan!K4: 3: Task 3 "Test" is 80 % complete in the plan, but every issue it names (PAY-2 and PAY-3) is done in Jira; the plan and Jira disagree on what is finished`,
		`plan.xlsx:Plan!L5: 4: Task 4 "Docs" is in status "In progress" in the plan, but the issue it names (PAY-3) is done in Jira; the plan and Jira disagree on what is finished`,
	)
}

func TestStatusMismatchWithoutProgressColumns(t *testing.T) {
	// A plan that records no progress cannot be behind Jira, but a task cannot be complete either.
	p := newProject()
	p.Issue("PAY-1").Done()
	p.Task("1", "Design").Jira("PAY-1")
	p.WithoutColumn("percent")
	p.WithoutColumn("status")
	expectFindings(t, run(t, StatusMismatch, p, newConfig()))
}
