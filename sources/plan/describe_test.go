package plan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// describePlan renders what the reader found as lines a test can compare whole: the
// header, one line per task and change request, one per problem.
func describePlan(p *lint.Plan, problems []lint.ValueProblem) string {
	var b strings.Builder
	fmt.Fprintf(&b, "sheet %q header %d columns %s\n", p.Sheet, p.HeaderRow, describeColumns(p.Columns))
	for _, t := range p.Tasks {
		b.WriteString(describeTask(t) + "\n")
	}
	if p.ChangesSheet != "" {
		fmt.Fprintf(&b, "changes %q\n", p.ChangesSheet)
	}
	for _, c := range p.Changes {
		b.WriteString(describeChange(c) + "\n")
	}
	for _, pr := range problems {
		b.WriteString(describeProblem(pr) + "\n")
	}
	return b.String()
}

func describeColumns(cols map[string]string) string {
	var parts []string
	for role, h := range cols {
		parts = append(parts, role+"="+h)
	}
	slices.Sort(parts)
	return strings.Join(parts, " ")
}

func describeTask(t *lint.Task) string {
	parts := []string{t.ID, fmt.Sprintf("row %d", t.Row), fmt.Sprintf("L%d", t.Level), strconv.Quote(t.Name)}
	if t.WBS != "" {
		parts = append(parts, "wbs "+t.WBS)
	}
	if t.Parent != nil {
		parts = append(parts, "parent "+t.Parent.ID)
	}
	if t.Summary {
		parts = append(parts, "summary")
	}
	if t.Milestone {
		parts = append(parts, "milestone")
	}
	if len(t.Jira) > 0 {
		parts = append(parts, "jira "+strings.Join(t.Jira, ","))
	}
	if t.Owner != "" {
		parts = append(parts, "owner "+strconv.Quote(t.Owner))
	}
	if t.Status != "" {
		parts = append(parts, "status "+strconv.Quote(t.Status))
	}
	parts = append(parts, dateRange("dates", t.Start, t.Finish)...)
	parts = append(parts, dateRange("baseline", t.BaselineStart, t.BaselineFinish)...)
	if t.Duration != nil {
		parts = append(parts, "duration "+strconv.FormatFloat(*t.Duration, 'f', -1, 64))
	}
	if t.Percent != nil {
		parts = append(parts, "percent "+strconv.FormatFloat(*t.Percent, 'f', -1, 64))
	}
	for _, l := range t.Predecessors {
		parts = append(parts, describeLink(l))
	}
	return strings.Join(parts, " | ")
}

func describeLink(l lint.Link) string {
	s := fmt.Sprintf("after %s %s%+d", l.Ref, l.Type, l.Lag)
	if l.Elapsed {
		s += "e"
	}
	return s
}

func dateRange(label string, from, to time.Time) []string {
	if from.IsZero() && to.IsZero() {
		return nil
	}
	return []string{fmt.Sprintf("%s %s..%s", label, ymd(from), ymd(to))}
}

func ymd(t time.Time) string {
	if t.IsZero() {
		return "?"
	}
	if t.Hour() != 0 || t.Minute() != 0 || t.Location() != time.UTC {
		return "NOT-MIDNIGHT-UTC " + t.String()
	}
	return t.Format("2006-01-02")
}

func describeChange(c *lint.ChangeRequest) string {
	parts := []string{"CR " + c.ID, fmt.Sprintf("row %d", c.Row)}
	if len(c.Jira) > 0 {
		parts = append(parts, "jira "+strings.Join(c.Jira, ","))
	}
	if len(c.Tasks) > 0 {
		parts = append(parts, "tasks "+strings.Join(c.Tasks, ","))
	}
	if c.Status != "" {
		parts = append(parts, "status "+strconv.Quote(c.Status))
	}
	if c.Approver != "" {
		parts = append(parts, "approver "+strconv.Quote(c.Approver))
	}
	if !c.ApprovedOn.IsZero() {
		parts = append(parts, "on "+ymd(c.ApprovedOn))
	}
	if c.Description != "" {
		parts = append(parts, strconv.Quote(c.Description))
	}
	return strings.Join(parts, " | ")
}

func describeProblem(p lint.ValueProblem) string {
	return fmt.Sprintf("problem %s row %d: %s %s: %q: expected %s", p.Pos, p.Pos.Line, p.Subject, p.Field, p.Value, p.Expected)
}
