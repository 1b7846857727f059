package plan

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/hatcheck/hatcheck/lint"
)

// readTasks reads every row below the header whose name cell is not empty.
func (w *workbook) readTasks(p *lint.Plan, h *headerRow) error {
	data, err := w.readRows(p.Sheet, h.row, h.width())
	if err != nil {
		return err
	}
	if err := w.checkMerges(p.Sheet, len(data)); err != nil {
		return err
	}
	cols := chooseColumns(h, data)
	wbsCol := -1
	if _, ok := cols[RoleID]; ok {
		cols[RoleID], wbsCol = chooseIDColumns(h, data, cols[RoleID])
	}
	for role, col := range cols {
		p.Columns[role] = strings.TrimSpace(h.cells[col])
	}
	links, _ := w.f.GetHyperLinkCells(p.Sheet, "")
	hasLinks := len(links) > 0

	var indents, levels []int
	defer w.sortProblems(len(w.problems))
	for i, cells := range data {
		row := h.row + 1 + i
		at := func(role string) cellAt {
			col, ok := cols[role]
			if !ok {
				return cellAt{}
			}
			ref, _ := excelize.CoordinatesToCellName(col+1, row)
			c := cellAt{sheet: p.Sheet, ref: ref, row: row}
			if col < len(cells) {
				c.raw = cells[col]
			}
			return c
		}
		nameCell := at(RoleName)
		if nameCell.value() == "" {
			continue
		}
		t := &lint.Task{Row: row, Name: nameCell.value(), Cells: map[string]string{}}
		for role := range cols {
			t.Cells[role] = at(role).ref
		}
		t.ID = strconv.Itoa(len(p.Tasks) + 1)
		if c := at(RoleID); c.value() != "" {
			t.ID = w.text(c)
		}
		if wbsCol >= 0 && wbsCol < len(cells) {
			ref, _ := excelize.CoordinatesToCellName(wbsCol+1, row)
			t.WBS = w.text(cellAt{sheet: p.Sheet, ref: ref, row: row, raw: cells[wbsCol]})
		}
		levels = append(levels, w.readTaskValues(t, at, hasLinks))
		indents = append(indents, leadingSpace(nameCell.raw)+4*w.indent(nameCell))
		p.Tasks = append(p.Tasks, t)
	}
	w.buildHierarchy(p, cols, levels, indents)
	return nil
}

// readTaskValues reads the cells of one task row beyond its name and id. It returns the
// level cell's value, or -1 when the row gives none.
func (w *workbook) readTaskValues(t *lint.Task, at func(string) cellAt, hasLinks bool) (level int) {
	level = -1
	if c := at(RoleJira); c.ref != "" {
		t.Jira = w.jiraKeys(c, hasLinks)
	}
	if c := at(RoleOwner); c.ref != "" {
		t.Owner = w.text(c)
	}
	if c := at(RoleStatus); c.ref != "" {
		t.Status = w.text(c)
	}
	if c := at(RoleStart); c.ref != "" {
		t.Start, _ = w.date(c, t.ID, RoleStart)
	}
	if c := at(RoleFinish); c.ref != "" {
		t.Finish, _ = w.date(c, t.ID, RoleFinish)
	}
	if c := at(RoleBaselineStart); c.ref != "" {
		t.BaselineStart, _ = w.date(c, t.ID, RoleBaselineStart)
	}
	if c := at(RoleBaselineFinish); c.ref != "" {
		t.BaselineFinish, _ = w.date(c, t.ID, RoleBaselineFinish)
	}
	if c := at(RoleDuration); c.ref != "" {
		t.Duration, _ = w.duration(c, t.ID, RoleDuration)
	}
	if c := at(RolePercent); c.ref != "" {
		t.Percent, _ = w.percent(c, t.ID, RolePercent)
	}
	if c := at(RoleMilestone); c.ref != "" {
		t.Milestone = w.flag(c, t.ID, RoleMilestone)
	}
	if c := at(RoleSummary); c.ref != "" {
		t.Summary = w.flag(c, t.ID, RoleSummary)
	}
	if c := at(RoleLevel); c.ref != "" {
		if l, ok := w.level(c, t.ID, RoleLevel); ok {
			level = l
		}
	}
	if c := at(RolePredecessors); c.ref != "" && !w.empty(c, t.ID, RolePredecessors) {
		links, bad := ParsePredecessors(w.text(c))
		t.Predecessors = links
		for _, b := range bad {
			w.problem(c, t.ID, RolePredecessors, b, expectPredecessors)
		}
	}
	return level
}

// chooseColumns picks one column per role. When several columns claim a role (the
// "Predecessor" and "Predecessors" columns of a hand-made plan), the first holding any
// value below the header wins, else the first.
func chooseColumns(h *headerRow, data [][]string) map[string]int {
	chosen := map[string]int{}
	for role, candidates := range h.cols {
		chosen[role] = candidates[0]
		for _, col := range candidates {
			if columnHasValue(data, col) {
				chosen[role] = col
				break
			}
		}
	}
	return chosen
}

// wbsHeaders are the id headers that hold WBS codes rather than task numbers.
var wbsHeaders = []string{"wbs", "wbsid", "outlinenumber"}

// chooseIDColumns picks the id column and, when the sheet also has a column of WBS codes
// beside a column of task numbers (ID and WBS, as Microsoft Project exports both), that
// WBS column: the task id is the number, which is what predecessors name in Microsoft
// Project, and the WBS codes give the hierarchy and may name tasks as well. wbs is -1
// when there is no such pair; id is then the column chooseColumns chose.
func chooseIDColumns(h *headerRow, data [][]string, chosen int) (id, wbs int) {
	id, wbs = chosen, -1
	var numbers, codes []int
	for _, col := range h.cols[RoleID] {
		if slices.Contains(wbsHeaders, NormalizeHeader(h.cells[col])) {
			codes = append(codes, col)
		} else {
			numbers = append(numbers, col)
		}
	}
	if len(numbers) == 0 || len(codes) == 0 {
		return id, wbs
	}
	return firstWithValue(data, numbers), firstWithValue(data, codes)
}

// firstWithValue returns the first of the columns holding any value below the header,
// else the first.
func firstWithValue(data [][]string, cols []int) int {
	for _, col := range cols {
		if columnHasValue(data, col) {
			return col
		}
	}
	return cols[0]
}

func columnHasValue(data [][]string, col int) bool {
	for _, cells := range data {
		if col < len(cells) && strings.TrimSpace(cells[col]) != "" {
			return true
		}
	}
	return false
}

// leadingSpace measures a name's indentation: spaces (also no-break spaces) count one,
// tabs four.
func leadingSpace(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case ' ', '\u00a0':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}

var wbsCode = regexp.MustCompile(`^[0-9]+(\.[0-9]+)*$`)

// buildHierarchy sets each task's level, parent, children and summary flag. Levels come
// from the level column; else from the WBS depth of the ids, when every id is a WBS code
// and some have several parts; else from the names' indentation.
func (w *workbook) buildHierarchy(p *lint.Plan, cols map[string]int, levels, indents []int) {
	_, hasLevel := cols[RoleLevel]
	switch {
	case hasLevel && slices.ContainsFunc(levels, func(l int) bool { return l >= 0 }):
		// Microsoft Project numbers its project summary task level 0, so levels shift up
		// by one when a 0 is present. A task whose level is missing sits beside the task
		// above it.
		shift := 0
		if slices.Contains(levels, 0) {
			shift = 1
		}
		prev := 1
		for i, t := range p.Tasks {
			t.Level = prev
			if levels[i] >= 0 {
				t.Level = levels[i] + shift
			}
			prev = t.Level
		}
	case wbsLevels(p.Tasks):
		for _, t := range p.Tasks {
			t.Level = strings.Count(wbsOf(t), ".") + 1
		}
	default:
		indentLevels(p.Tasks, indents)
	}
	var stack []*lint.Task
	for _, t := range p.Tasks {
		for len(stack) > 0 && stack[len(stack)-1].Level >= t.Level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			parent := stack[len(stack)-1]
			t.Parent = parent
			parent.Children = append(parent.Children, t)
			parent.Summary = true
		}
		stack = append(stack, t)
	}
}

// wbsLevels reports whether the tasks' WBS codes (their ids, when the sheet has no WBS
// column of its own) show a hierarchy.
func wbsLevels(tasks []*lint.Task) bool {
	dotted := false
	for _, t := range tasks {
		code := wbsOf(t)
		if !wbsCode.MatchString(code) {
			return false
		}
		dotted = dotted || strings.Contains(code, ".")
	}
	return dotted
}

// wbsOf is a task's WBS code: its WBS cell, else its id.
func wbsOf(t *lint.Task) string {
	if t.WBS != "" {
		return t.WBS
	}
	return t.ID
}

// indentLevels turns indentation widths into levels: a task indented more than the task
// above is its child; one indented as much as an earlier task is that task's sibling. The
// width of one step does not matter, so plans indented by two, three or four spaces read
// the same.
func indentLevels(tasks []*lint.Task, indents []int) {
	type open struct{ indent, level int }
	var stack []open
	for i, t := range tasks {
		in := indents[i]
		for len(stack) > 0 && stack[len(stack)-1].indent > in {
			stack = stack[:len(stack)-1]
		}
		switch {
		case len(stack) == 0:
			t.Level = 1
		case stack[len(stack)-1].indent == in:
			t.Level = stack[len(stack)-1].level
			stack = stack[:len(stack)-1]
		default:
			t.Level = stack[len(stack)-1].level + 1
		}
		stack = append(stack, open{in, t.Level})
	}
}
