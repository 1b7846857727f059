package plan

import (
	"sort"
	"strings"
	"unicode"
)

// Column roles of the plan sheet (SPEC §4.3). Plan.Columns and Task.Cells are keyed by them.
const (
	RoleID             = "id"
	RoleName           = "name"
	RoleJira           = "jira"
	RoleOwner          = "owner"
	RoleStart          = "start"
	RoleFinish         = "finish"
	RoleBaselineStart  = "baseline_start"
	RoleBaselineFinish = "baseline_finish"
	RoleDuration       = "duration"
	RolePredecessors   = "predecessors"
	RolePercent        = "percent"
	RoleMilestone      = "milestone"
	RoleSummary        = "summary"
	RoleLevel          = "level"
	RoleStatus         = "status"
)

// Column roles of the change-log sheet that the plan sheet does not have.
const (
	RoleTask        = "task"
	RoleApprover    = "approver"
	RoleApprovedOn  = "approved_on"
	RoleDescription = "description"
)

// column is a role and the headers recognised for it.
type column struct {
	role    string
	headers []string
}

// planColumns lists the plan sheet's roles in the order of SPEC §4.3, with their headers.
var planColumns = []column{
	{RoleID, []string{"ID", "Task ID", "Unique ID", "#", "WBS", "WBS ID", "WBS_ID", "Outline Number"}},
	{RoleName, []string{"Name", "Task", "Task Name", "Activity", "Deliverable", "Title"}},
	{RoleJira, []string{"Jira", "Jira Key(s)", "Jira Issue", "Issue", "Issue Key", "Key", "Epic", "Ticket"}},
	{RoleOwner, []string{"Owner", "Resource Names", "Resources", "Resourcing", "Assignee", "Assigned To", "Lead", "Responsible"}},
	{RoleStart, []string{"Start", "Start Date", "Planned Start", "Begin"}},
	{RoleFinish, []string{"Finish", "End", "End Date", "Finish Date", "Planned Finish", "Due", "Due Date"}},
	{RoleBaselineStart, []string{"Baseline Start", "BL Start"}},
	{RoleBaselineFinish, []string{"Baseline Finish", "BL Finish"}},
	{RoleDuration, []string{"Duration", "Days", "Work Days"}},
	{RolePredecessors, []string{"Predecessors", "Predecessor", "Predecessor(s)", "Depends On", "Dependencies"}},
	{RolePercent, []string{"% Complete", "Percent Complete", "% Progress", "Progress", "Complete"}},
	{RoleMilestone, []string{"Milestone"}},
	{RoleSummary, []string{"Summary"}},
	{RoleLevel, []string{"Outline Level", "Level"}},
	{RoleStatus, []string{"Status"}},
}

// changeColumns lists the change-log sheet's roles and headers.
var changeColumns = []column{
	{RoleID, []string{"ID", "CR", "CR ID", "Change ID", "#"}},
	{RoleJira, []string{"Jira", "Jira Key(s)", "Jira Issue", "Issue", "Issue Key", "Key", "Epic", "Ticket", "Issues", "Keys", "Affected Issues"}},
	{RoleTask, []string{"Task", "Task ID", "Plan Task"}},
	{RoleStatus, []string{"Status", "Decision"}},
	{RoleApprover, []string{"Approved By", "Approver", "Decision By"}},
	{RoleApprovedOn, []string{"Approved On", "Approval Date", "Decision Date", "Date"}},
	{RoleDescription, []string{"Description", "Title", "Change", "Summary"}},
}

// dateRoles are the plan roles holding dates; a header row needs one of them.
var dateRoles = []string{RoleStart, RoleFinish, RoleBaselineStart, RoleBaselineFinish}

// NormalizeHeader is how headers are compared: lower case, with spaces, underscores and
// punctuation dropped, except "%" and "#", which carry meaning in "% Complete" and "#".
// "Jira Key(s)", "jira_keys" and "JIRA KEYS" all become "jirakeys".
func NormalizeHeader(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '%' || r == '#':
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// aliasIndex maps normalised headers to roles.
func aliasIndex(cols []column) map[string]string {
	index := map[string]string{}
	for _, c := range cols {
		for _, h := range c.headers {
			index[NormalizeHeader(h)] = c.role
			// "Jira Key(s)" stands for "Jira Key" and "Jira Keys" as well.
			index[NormalizeHeader(strings.ReplaceAll(h, "(s)", ""))] = c.role
		}
	}
	return index
}

var (
	planAliases   = aliasIndex(planColumns)
	changeAliases = aliasIndex(changeColumns)
)

// PlanRoles returns the plan sheet's column roles in the order of SPEC §4.3.
func PlanRoles() []string {
	roles := make([]string, len(planColumns))
	for i, c := range planColumns {
		roles[i] = c.role
	}
	return roles
}

// ChangeRoles returns the change-log sheet's column roles.
func ChangeRoles() []string {
	roles := make([]string, len(changeColumns))
	for i, c := range changeColumns {
		roles[i] = c.role
	}
	return roles
}

// headerMatcher recognises the columns of a header row: configured headers first
// (plan.columns), then the aliases. A configured role takes no alias column.
type headerMatcher struct {
	overrides map[string]string // normalised header -> role
	taken     map[string]bool   // roles given by overrides
	aliases   map[string]string
}

func newHeaderMatcher(aliases map[string]string, overrides map[string]string) *headerMatcher {
	m := &headerMatcher{overrides: map[string]string{}, taken: map[string]bool{}, aliases: aliases}
	roles := make([]string, 0, len(overrides))
	for role := range overrides {
		roles = append(roles, role)
	}
	sort.Strings(roles)
	for _, role := range roles {
		m.overrides[NormalizeHeader(overrides[role])] = role
		m.taken[role] = true
	}
	return m
}

// role returns the role of a header cell, or "".
func (m *headerMatcher) role(header string) string {
	n := NormalizeHeader(header)
	if n == "" {
		return ""
	}
	if role, ok := m.overrides[n]; ok {
		return role
	}
	if role, ok := m.aliases[n]; ok && !m.taken[role] {
		return role
	}
	return ""
}

// headerColumns maps each role found in a row to the columns (0-based) holding it, in
// sheet order. A role may be claimed by several columns ("Predecessor" and "Predecessors");
// the reader keeps the first that holds any value.
func (m *headerMatcher) headerColumns(row []string) map[string][]int {
	cols := map[string][]int{}
	for i, h := range row {
		if role := m.role(h); role != "" {
			cols[role] = append(cols[role], i)
		}
	}
	return cols
}
