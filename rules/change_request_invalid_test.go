package rules

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

// changeCells gives a change request the cells of a full change-log sheet.
func changeCells(cr *lint.ChangeRequest) *lint.ChangeRequest {
	cr.Cells["jira"] = fmt.Sprintf("B%d", cr.Row)
	cr.Cells["approver"] = fmt.Sprintf("E%d", cr.Row)
	return cr
}

func TestChangeRequestInvalid(t *testing.T) {
	p := newProject()
	p.Issue("PAY-1")
	p.Task("1", "Payments v2").Jira("PAY-1")
	changeCells(p.ChangeRequest("CR-1", "Approved", "ana@x.io", at(3, 0, 0), "PAY-1"))
	changeCells(p.ChangeRequest("CR-2", "Approved", "", at(3, 0, 0), "PAY-1"))
	changeCells(p.ChangeRequest("CR-3", "approved", "Dev Patel", at(3, 0, 0), "PAY-1"))
	changeCells(p.ChangeRequest("CR-4", "Approved", "Dana Ortiz", at(3, 0, 0)))
	changeCells(p.TaskChange("CR-5", "Approved", "paul@x.io", at(3, 0, 0), "1"))
	changeCells(p.ChangeRequest("CR-6", "Rejected", "", at(3, 0, 0)))
	changeCells(p.ChangeRequest("CR-7", "Approved", "", at(3, 0, 0)))
	cfg := newConfig()
	cfg.Roles.ProjectManager = []string{"paul@x.io"}
	expectFindings(t, run(t, ChangeRequestInvalid, p, cfg),
		`plan.xlsx:Changes!E3: CR-2: Change request CR-2 is Approved but names no approver; it approves nothing until an approver signs it`,
		`plan.xlsx:Changes!E4: CR-3: Change request CR-3 is approved by Dev Patel, who is not an approver (product_owner, project_manager); it approves nothing until an approver signs it`,
		`plan.xlsx:Changes!B5: CR-4: Change request CR-4 is Approved but names no Jira issue and no plan task; an approval must say what it approves`,
		`plan.xlsx:Changes!E8: CR-7: Change request CR-7 is Approved but names no approver, and no Jira issue and no plan task; it approves nothing until an approver signs it, and an approval must say what it approves`,
	)
}

func TestChangeRequestInvalidOncePerRow(t *testing.T) {
	// SPEC §6: one finding per approved row, whatever number of problems it has.
	p := newProject()
	changeCells(p.ChangeRequest("CR-1", "Approved", "Dev Patel", at(3, 0, 0)))
	res := run(t, ChangeRequestInvalid, p, newConfig())
	expectFindings(t, res,
		`plan.xlsx:Changes!E2: CR-1: Change request CR-1 is Approved by Dev Patel, who is not an approver (product_owner, project_manager), and names no Jira issue and no plan task; it approves nothing until an approver signs it, and an approval must say what it approves`,
	)
	if got := res.findings[0].Evidence.(map[string]any)["problems"]; !slices.Equal(got.([]string), []string{"not-an-approver", "no-subject"}) {
		t.Errorf("problems = %v", got)
	}
}

func TestChangeRequestInvalidProjectRolesReplaceGlobal(t *testing.T) {
	// roles.by_project.PAY names the product owner of PAY, replacing the global one: Ana
	// approves nothing of PAY's, not even through a task naming a PAY issue. A task naming
	// no issue falls under the global roles.
	p := newProject()
	p.Issue("PAY-1")
	p.Task("1", "Payments v2").Jira("PAY-1")
	p.Task("2", "Training")
	changeCells(p.ChangeRequest("CR-1", "Approved", "ana@x.io", at(3, 0, 0), "PAY-1"))
	changeCells(p.TaskChange("CR-2", "Approved", "ana@x.io", at(3, 0, 0), "1"))
	changeCells(p.TaskChange("CR-3", "Approved", "ana@x.io", at(3, 0, 0), "2"))
	changeCells(p.ChangeRequest("CR-4", "Approved", "sam", at(3, 0, 0), "PAY-1"))
	cfg := newConfig()
	cfg.Roles.ByProject = map[string]lint.ProjectRoles{"PAY": {ProductOwner: []string{"sam"}}}
	expectFindings(t, run(t, ChangeRequestInvalid, p, cfg),
		`plan.xlsx:Changes!E2: CR-1: Change request CR-1 is Approved by ana@x.io, who is not an approver (product_owner, project_manager); it approves nothing until an approver signs it`,
		`plan.xlsx:Changes!E3: CR-2: Change request CR-2 is Approved by ana@x.io, who is not an approver (product_owner, project_manager); it approves nothing until an approver signs it`,
	)
}

func TestChangeRequestInvalidByProject(t *testing.T) {
	// An approver of the project the row's issues belong to is an approver, though not globally.
	p := newProject()
	p.Issue("OPS-1")
	changeCells(p.ChangeRequest("CR-1", "Approved", "sam", at(3, 0, 0), "OPS-1"))
	changeCells(p.ChangeRequest("CR-2", "Approved", "sam", at(3, 0, 0), "PAY-1"))
	cfg := newConfig()
	cfg.Roles.ByProject = map[string]lint.ProjectRoles{"OPS": {ProductOwner: []string{"sam"}}}
	expectFindings(t, run(t, ChangeRequestInvalid, p, cfg),
		`plan.xlsx:Changes!E3: CR-2: Change request CR-2 is Approved by sam, who is not an approver (product_owner, project_manager); it approves nothing until an approver signs it`,
	)
}

func TestChangeRequestInvalidApproverByDisplayName(t *testing.T) {
	// Roles name people the way Jira knows them (here an email), while the change log names
	// them the way the plan's author writes them: the display name of a Jira person with that
	// email is the same approver.
	p := newProject()
	p.Issue("PAY-1").Assignee(lint.Person{DisplayName: "Ana Lima", Email: "ana@x.io"})
	changeCells(p.ChangeRequest("CR-1", "Approved", "Ana Lima", at(3, 0, 0), "PAY-1"))
	changeCells(p.ChangeRequest("CR-2", "Approved", "ana lima ", at(3, 0, 0), "PAY-1"))
	changeCells(p.ChangeRequest("CR-3", "Approved", "Ana Silva", at(3, 0, 0), "PAY-1"))
	expectFindings(t, run(t, ChangeRequestInvalid, p, newConfig()),
		`plan.xlsx:Changes!E4: CR-3: Change request CR-3 is Approved by Ana Silva, who is not an approver (product_owner, project_manager); it approves nothing until an approver signs it`,
	)
}
