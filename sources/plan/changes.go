package plan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/hatcheck/hatcheck/lint"
)

// changeOverrides keeps the plan.columns entries for the change log's own roles.
func changeOverrides(columns map[string]string) map[string]string {
	out := map[string]string{}
	for _, role := range []string{RoleTask, RoleApprover, RoleApprovedOn, RoleDescription} {
		if h, ok := columns[role]; ok {
			out[role] = h
		}
	}
	return out
}

// isChangeHeader accepts a row naming at least two change-log columns, one of them saying
// what changed (the id, the Jira issues or the plan tasks). A title row never does.
func isChangeHeader(cols map[string][]int) bool {
	if len(cols) < 2 {
		return false
	}
	for _, r := range []string{RoleID, RoleJira, RoleTask} {
		if _, ok := cols[r]; ok {
			return true
		}
	}
	return false
}

// readChangeLog finds the change-log sheet (plan.changes_sheet, else the first other sheet
// whose name contains "change") and reads its rows.
func (w *workbook) readChangeLog(p *lint.Plan, sheets []string) error {
	var sheet string
	if name := w.cfg.Plan.ChangesSheet; name != "" {
		if sheet = w.sheetNamed(name); sheet == "" {
			return inputError(w.path, fmt.Sprintf("no sheet named %q (plan.changes_sheet): the workbook has sheets %s", name, quoteList(sheets)), nil)
		}
	} else {
		for _, s := range sheets {
			if s != p.Sheet && strings.Contains(strings.ToLower(s), "change") {
				sheet = s
				break
			}
		}
	}
	if sheet == "" {
		return nil
	}
	h, err := w.findHeader(sheet, newHeaderMatcher(changeAliases, changeOverrides(w.cfg.Plan.Columns)), isChangeHeader)
	if err != nil {
		return err
	}
	if h == nil {
		// A change log nobody has written in yet is no error.
		rows, err := w.readRows(sheet, 0, excelize.MaxColumns)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(rows, func(r []string) bool { return len(nonEmpty(r)) > 0 }) {
			p.ChangesSheet = sheet
			return nil
		}
		return &lint.InputError{
			Pos: lint.Position{Path: w.path, Sheet: sheet},
			Msg: fmt.Sprintf("no change-log header row found in the first %d rows: expected a row naming an id, Jira or task column (ID, Jira, Task, ...) and another change-log column (Status, Approved By, Approved On, ...)", headerRows),
		}
	}
	if err := checkOverridesFound(w.path, sheet, h, changeOverrides(w.cfg.Plan.Columns), ChangeRoles()); err != nil {
		return err
	}
	p.ChangesSheet = sheet
	data, err := w.readRows(sheet, h.row, h.width())
	if err != nil {
		return err
	}
	if err := w.checkMerges(sheet, len(data)); err != nil {
		return err
	}
	cols := chooseColumns(h, data)
	links, _ := w.f.GetHyperLinkCells(sheet, "")
	defer w.sortProblems(len(w.problems))
	for i, cells := range data {
		if len(nonEmpty(cells)) == 0 {
			continue
		}
		row := h.row + 1 + i
		at := func(role string) cellAt {
			col, ok := cols[role]
			if !ok {
				return cellAt{}
			}
			ref, _ := excelize.CoordinatesToCellName(col+1, row)
			c := cellAt{sheet: sheet, ref: ref, row: row}
			if col < len(cells) {
				c.raw = cells[col]
			}
			return c
		}
		cr := &lint.ChangeRequest{Row: row, Cells: map[string]string{}}
		for role := range cols {
			cr.Cells[role] = at(role).ref
		}
		// Like a task, a change request without an id is numbered by its position.
		cr.ID = strconv.Itoa(len(p.Changes) + 1)
		if c := at(RoleID); c.value() != "" {
			cr.ID = w.text(c)
		}
		if c := at(RoleJira); c.ref != "" {
			cr.Jira = w.jiraKeys(c, len(links) > 0)
		}
		if c := at(RoleTask); c.ref != "" {
			for _, id := range strings.FieldsFunc(w.text(c), func(r rune) bool { return r == ',' || r == ';' }) {
				if id = strings.TrimSpace(id); id != "" {
					cr.Tasks = append(cr.Tasks, id)
				}
			}
		}
		if c := at(RoleStatus); c.ref != "" {
			cr.Status = w.text(c)
		}
		if c := at(RoleApprover); c.ref != "" {
			cr.Approver = w.text(c)
		}
		if c := at(RoleApprovedOn); c.ref != "" {
			cr.ApprovedOn, _ = w.date(c, cr.ID, RoleApprovedOn)
		}
		if c := at(RoleDescription); c.ref != "" {
			cr.Description = w.text(c)
		}
		p.Changes = append(p.Changes, cr)
	}
	return nil
}
