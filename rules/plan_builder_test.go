package rules

import (
	"fmt"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// This file adds plans to the test world of testing_test.go, e.g.
//
//	proj := newProject()
//	proj.Task("3", "Design").Dates("2026-03-02", "2026-03-06").Owner("Paul")
//	proj.Task("4", "Build").Dates("2026-03-09", "2026-03-20").After("3", lint.FinishToStart, 2)
//
// The plan is plan.xlsx, sheet Plan, with its header in row 1 and one column per role at a
// fixed letter (planColumns), so the n-th task sits in row n+1 and a test can assert the
// exact cell a finding points at: the finish of the first task is Plan!F2.

// planColumns places every column role the builder knows at a fixed letter.
var planColumns = map[string]string{
	"id": "A", "name": "B", "jira": "C", "owner": "D", "start": "E", "finish": "F",
	"baseline_start": "G", "baseline_finish": "H", "duration": "I", "predecessors": "J",
	"percent": "K", "status": "L", "milestone": "M", "summary": "N",
}

// planHeaders are the header texts of planColumns, as a reader would record them.
var planHeaders = map[string]string{
	"id": "ID", "name": "Task Name", "jira": "Jira", "owner": "Owner", "start": "Start",
	"finish": "Finish", "baseline_start": "Baseline Start", "baseline_finish": "Baseline Finish",
	"duration": "Duration", "predecessors": "Predecessors", "percent": "% Complete",
	"status": "Status", "milestone": "Milestone", "summary": "Summary",
}

// plan returns the project's plan, creating an empty one with every column.
func (b *projectBuilder) plan() *lint.Plan {
	if b.project.Plan == nil {
		b.project.Plan = &lint.Plan{Path: "plan.xlsx", Sheet: "Plan", HeaderRow: 1, ChangesSheet: "Changes"}
	}
	if b.project.Plan.Columns == nil {
		b.project.Plan.Columns = map[string]string{}
		for role, header := range planHeaders {
			b.project.Plan.Columns[role] = header
		}
	}
	return b.project.Plan
}

// WithoutColumn removes a column role from the plan sheet, as for a plan that has no such
// column; tasks keep no cell for it.
func (b *projectBuilder) WithoutColumn(role string) {
	p := b.plan()
	delete(p.Columns, role)
	for _, t := range p.Tasks {
		delete(t.Cells, role)
	}
}

// Task adds a plan task: a non-summary task at level 1, owned by Paul, with no dates.
func (b *projectBuilder) Task(id, name string) *taskBuilder {
	p := b.plan()
	row := len(p.Tasks) + 2
	t := &lint.Task{ID: id, Row: row, Name: name, Level: 1, Owner: "Paul Moreno", Cells: map[string]string{}}
	for role, col := range planColumns {
		if _, ok := p.Columns[role]; ok {
			t.Cells[role] = fmt.Sprintf("%s%d", col, row)
		}
	}
	p.Tasks = append(p.Tasks, t)
	return &taskBuilder{b: b, task: t}
}

// taskBuilder sets one plan task's cells.
type taskBuilder struct {
	b    *projectBuilder
	task *lint.Task
}

// planDate reads a test date written 2026-03-10; "" is no date.
func planDate(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// Dates sets start and finish ("" for none).
func (tb *taskBuilder) Dates(start, finish string) *taskBuilder {
	tb.task.Start, tb.task.Finish = planDate(start), planDate(finish)
	return tb
}

// Baseline sets the baseline start and finish ("" for none).
func (tb *taskBuilder) Baseline(start, finish string) *taskBuilder {
	tb.task.BaselineStart, tb.task.BaselineFinish = planDate(start), planDate(finish)
	return tb
}

// WBS sets the task's WBS code, as read from a WBS column beside the id column.
func (tb *taskBuilder) WBS(code string) *taskBuilder { tb.task.WBS = code; return tb }

// Jira sets the keys the task names.
func (tb *taskBuilder) Jira(keys ...string) *taskBuilder { tb.task.Jira = keys; return tb }

// Owner sets the owner cell ("" for none).
func (tb *taskBuilder) Owner(o string) *taskBuilder { tb.task.Owner = o; return tb }

// Percent sets the percent complete.
func (tb *taskBuilder) Percent(p float64) *taskBuilder { tb.task.Percent = &p; return tb }

// Status sets the status cell.
func (tb *taskBuilder) Status(s string) *taskBuilder { tb.task.Status = s; return tb }

// Duration sets the duration in days.
func (tb *taskBuilder) Duration(d float64) *taskBuilder { tb.task.Duration = &d; return tb }

// Milestone marks the task as a milestone.
func (tb *taskBuilder) Milestone() *taskBuilder { tb.task.Milestone = true; return tb }

// Under makes the task a child of the task with the given id, which becomes a summary task.
func (tb *taskBuilder) Under(id string) *taskBuilder {
	parent := tb.b.plan().Task(id)
	parent.Summary = true
	parent.Children = append(parent.Children, tb.task)
	tb.task.Parent, tb.task.Level = parent, parent.Level+1
	return tb
}

// After adds a predecessor link with a lag in working days, written as MS Project does
// ("3", "3SS", "3FS+2 days").
func (tb *taskBuilder) After(ref string, typ lint.LinkType, lag int) *taskBuilder {
	return tb.link(ref, typ, lag, false)
}

// AfterElapsed adds a predecessor link with a lag in elapsed (calendar) days.
func (tb *taskBuilder) AfterElapsed(ref string, typ lint.LinkType, lag int) *taskBuilder {
	return tb.link(ref, typ, lag, true)
}

func (tb *taskBuilder) link(ref string, typ lint.LinkType, lag int, elapsed bool) *taskBuilder {
	raw := ref
	if typ != lint.FinishToStart || lag != 0 {
		raw += string(typ)
	}
	if lag != 0 {
		unit := " days"
		if elapsed {
			unit = " edays"
		}
		raw += fmt.Sprintf("%+d%s", lag, unit)
	}
	tb.task.Predecessors = append(tb.task.Predecessors, lint.Link{Ref: ref, Type: typ, Lag: lag, Elapsed: elapsed, Raw: raw})
	return tb
}

// TaskChange adds a change-log row naming plan tasks rather than Jira keys.
func (b *projectBuilder) TaskChange(id, status, approver string, approvedOn time.Time, tasks ...string) *lint.ChangeRequest {
	cr := b.ChangeRequest(id, status, approver, approvedOn)
	cr.Tasks = tasks
	return cr
}
