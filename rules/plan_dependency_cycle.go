package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// PlanDependencyCycle reports plan tasks that depend on each other in a loop.
var PlanDependencyCycle = &lint.Rule{
	Name:     "plan-dependency-cycle",
	Category: lint.Schedule,
	Severity: lint.Error,
	Title:    "plan tasks depend on each other in a cycle",
	Doc: `## What it checks

Predecessor links that form a cycle: task A waits for B, which (directly or through other
tasks) waits for A — including a task that names itself as its own predecessor. One finding
per cycle, on the cycle's first task in sheet order, naming every task in it and one loop
through them. Tasks tied together by several loops (A waits for B and C, both of which wait
for A) are one tangle and one finding.

## Why

The project manager owns the schedule, and the plan must be internally consistent. Tasks in
a cycle can never be scheduled: none of them can start until another in the loop has, so the
plan's dates there were typed in by hand and follow from no logic.

## How to fix

Find the link in the loop that is not a real dependency (often one written in the wrong
direction, or an SS link that should be FS) and remove or reverse it.

## Options

None.

## Example

` + "```text" + `
plan.xlsx:Plan!J4: error plan-dependency-cycle: 3: Tasks 3 "Design", 5 "Build" and 7 "Test" depend on each other in a cycle (3 waits for 7, 7 waits for 5, 5 waits for 3); none of them can be scheduled first
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkPlanDependencyCycle,
}

func checkPlanDependencyCycle(pass *lint.Pass) error {
	plan := pass.Project.Plan
	if plan == nil {
		return nil
	}
	byID := tasksByID(plan)
	for _, scc := range dependencyCycles(plan, byID) {
		first := scc[0]
		ids := make([]string, len(scc))
		labels := make([]string, len(scc))
		related := make([]lint.Related, 0, len(scc)-1)
		for n, t := range scc {
			ids[n], labels[n] = t.ID, fmt.Sprintf("%s %q", t.ID, t.Name)
			if n > 0 {
				related = append(related, lint.Related{Location: plan.Pos(t, "predecessors"), Message: fmt.Sprintf("task %s is in the cycle", t.ID)})
			}
		}
		loop := cycleThrough(byID, first, scc)
		var waits []string
		for n := 0; n+1 < len(loop); n++ {
			waits = append(waits, loop[n].ID+" waits for "+loop[n+1].ID)
		}
		var msg string
		if len(scc) == 1 {
			msg = fmt.Sprintf("%s names itself as its own predecessor; it can never be scheduled", upperFirst(taskLabel(first)))
		} else {
			msg = fmt.Sprintf("Tasks %s depend on each other in a cycle (%s); none of them can be scheduled first",
				joinAnd(labels), strings.Join(waits, ", "))
		}
		sorted := slices.Clone(ids)
		slices.Sort(sorted)
		pass.Report(lint.Finding{
			Subject:  first.ID,
			Message:  msg,
			Location: plan.Pos(first, "predecessors"),
			Related:  related,
			Evidence: map[string]any{"tasks": ids, "loop": taskIDs(loop)},
			Identity: sorted,
		})
	}
	return nil
}

// dependencyCycles returns the plan's strongly connected components of the "waits for"
// graph that hold a cycle (two tasks or more, or one task linked to itself), each in sheet
// order, the components ordered by their first task. Tarjan's algorithm visits tasks in
// sheet order and links in the order written, so the result is deterministic.
func dependencyCycles(plan *lint.Plan, byID map[string]*lint.Task) [][]*lint.Task {
	index := map[*lint.Task]int{}
	low := map[*lint.Task]int{}
	onStack := map[*lint.Task]bool{}
	order := map[*lint.Task]int{}
	for n, t := range plan.Tasks {
		order[t] = n
	}
	var stack []*lint.Task
	var out [][]*lint.Task
	next := 0
	var visit func(t *lint.Task)
	visit = func(t *lint.Task) {
		index[t], low[t] = next, next
		next++
		stack = append(stack, t)
		onStack[t] = true
		for _, p := range waitsFor(byID, t) {
			if _, seen := index[p]; !seen {
				visit(p)
				low[t] = min(low[t], low[p])
			} else if onStack[p] {
				low[t] = min(low[t], index[p])
			}
		}
		if low[t] != index[t] {
			return
		}
		var scc []*lint.Task
		for {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[top] = false
			scc = append(scc, top)
			if top == t {
				break
			}
		}
		if len(scc) > 1 || slices.Contains(waitsFor(byID, t), t) {
			slices.SortFunc(scc, func(a, b *lint.Task) int { return order[a] - order[b] })
			out = append(out, scc)
		}
	}
	for _, t := range plan.Tasks {
		if _, seen := index[t]; !seen {
			visit(t)
		}
	}
	slices.SortFunc(out, func(a, b []*lint.Task) int { return order[a[0]] - order[b[0]] })
	return out
}

// waitsFor returns the tasks a task's predecessor links name, in the order written,
// skipping references to no task.
func waitsFor(byID map[string]*lint.Task, t *lint.Task) []*lint.Task {
	var out []*lint.Task
	for _, l := range t.Predecessors {
		if p := byID[l.Ref]; p != nil && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// cycleThrough returns one loop from the task back to itself inside the component, found
// breadth-first so that it is a shortest one: [3 7 5 3].
func cycleThrough(byID map[string]*lint.Task, start *lint.Task, scc []*lint.Task) []*lint.Task {
	inSCC := map[*lint.Task]bool{}
	for _, t := range scc {
		inSCC[t] = true
	}
	from := map[*lint.Task]*lint.Task{}
	queue := []*lint.Task{start}
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		for _, p := range waitsFor(byID, t) {
			if !inSCC[p] {
				continue
			}
			if p == start {
				loop := []*lint.Task{start}
				for at := t; at != start; at = from[at] {
					loop = append(loop, at)
				}
				loop = append(loop, start)
				slices.Reverse(loop[1 : len(loop)-1])
				return loop
			}
			if _, seen := from[p]; !seen {
				from[p] = t
				queue = append(queue, p)
			}
		}
	}
	return []*lint.Task{start, start}
}

// taskIDs returns the ids of the tasks.
func taskIDs(ts []*lint.Task) []string {
	out := make([]string, len(ts))
	for n, t := range ts {
		out[n] = t.ID
	}
	return out
}

// joinAnd joins words as prose: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
