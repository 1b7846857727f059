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
per cycle (a loop that passes through each of its tasks once), on the cycle's first task in
sheet order, naming its tasks and the loop through them. Tasks in several loops are named
in each: when A waits for B and C, and both wait for A, that is two cycles, A–B and A–C, and
two findings. Tasks tied together by more than 20 loops (links pasted at random), or by so
many links that listing every loop would take too long, are one finding for them all,
naming one of the loops.

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
	order := make(map[*lint.Task]int, len(plan.Tasks))
	for n, t := range plan.Tasks {
		order[t] = n
	}
	for _, scc := range dependencyCycles(plan, byID) {
		loops, ok := elementaryCycles(byID, scc, order)
		if !ok {
			reportTangle(pass, plan, byID, scc, len(loops) > maxCyclesListed)
			continue
		}
		for _, loop := range loops {
			reportCycle(pass, plan, loop, order)
		}
	}
	return nil
}

// reportCycle reports one elementary cycle, given as a loop from its first task in sheet
// order back to that task: [3 7 5 3].
func reportCycle(pass *lint.Pass, plan *lint.Plan, loop []*lint.Task, order map[*lint.Task]int) {
	first := loop[0]
	tasks := slices.Clone(loop[:len(loop)-1])
	slices.SortFunc(tasks, func(a, b *lint.Task) int { return order[a] - order[b] })
	var msg string
	if len(tasks) == 1 {
		msg = fmt.Sprintf("%s names itself as its own predecessor; it can never be scheduled", upperFirst(taskLabel(first)))
	} else {
		msg = fmt.Sprintf("Tasks %s depend on each other in a cycle (%s); none of them can be scheduled first",
			joinAnd(taskNames(tasks)), waitsText(loop))
	}
	pass.Report(lint.Finding{
		Subject:  first.ID,
		Message:  msg,
		Location: plan.Pos(first, "predecessors"),
		Related:  cycleRelated(plan, tasks[1:]),
		Evidence: map[string]any{"tasks": taskIDs(tasks), "loop": taskIDs(loop)},
		Identity: loopIdentity(loop),
	})
}

// reportTangle reports tasks tied together by more loops than can be listed (many), or by
// too many links to search for every loop, once for them all, with one loop through them.
func reportTangle(pass *lint.Pass, plan *lint.Plan, byID map[string]*lint.Task, scc []*lint.Task, many bool) {
	first := scc[0]
	loop := cycleThrough(byID, first, scc)
	ids := taskIDs(scc)
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	tied := fmt.Sprintf("by more than %d dependency cycles", maxCyclesListed)
	if !many {
		tied = "by too many links to list each dependency cycle"
	}
	pass.Report(lint.Finding{
		Subject: first.ID,
		Message: fmt.Sprintf("Tasks %s are tied together %s (one of them: %s); none of them can be scheduled first",
			joinAnd(taskNames(scc)), tied, waitsText(loop)),
		Location: plan.Pos(first, "predecessors"),
		Related:  cycleRelated(plan, scc[1:]),
		Evidence: map[string]any{"tasks": ids, "loop": taskIDs(loop)},
		Identity: sorted,
	})
}

// taskNames names tasks for a list in a message: 3 "Design".
func taskNames(tasks []*lint.Task) []string {
	out := make([]string, len(tasks))
	for n, t := range tasks {
		out[n] = fmt.Sprintf("%s %q", t.ID, t.Name)
	}
	return out
}

// waitsText walks a loop: "3 waits for 7, 7 waits for 5, 5 waits for 3".
func waitsText(loop []*lint.Task) string {
	var waits []string
	for n := 0; n+1 < len(loop); n++ {
		waits = append(waits, loop[n].ID+" waits for "+loop[n+1].ID)
	}
	return strings.Join(waits, ", ")
}

// cycleRelated points at the predecessor cells of the other tasks of a cycle.
func cycleRelated(plan *lint.Plan, tasks []*lint.Task) []lint.Related {
	out := make([]lint.Related, 0, len(tasks))
	for _, t := range tasks {
		out = append(out, lint.Related{Location: plan.Pos(t, "predecessors"), Message: fmt.Sprintf("task %s is in the cycle", t.ID)})
	}
	return out
}

// loopIdentity identifies a cycle whatever task it is entered from and wherever its rows
// sit: its task ids in loop order, starting from the smallest id.
func loopIdentity(loop []*lint.Task) []string {
	ids := taskIDs(loop[:len(loop)-1])
	start := 0
	for n, id := range ids {
		if id < ids[start] {
			start = n
		}
	}
	return append(ids[start:], ids[:start]...)
}

// maxCyclesListed bounds the cycles reported one by one among the same tasks; tasks tied
// together by more loops than that (a plan whose links were pasted at random) are one
// finding, which is more useful to read than a hundred.
const maxCyclesListed = 20

// maxCycleSearch bounds the steps spent listing the cycles among the same tasks.
const maxCycleSearch = 200_000

// elementaryCycles lists the elementary cycles of a strongly connected component (SPEC §6:
// one finding per cycle): each as a loop from its first task in sheet order back to it,
// ordered by that first task, then by the order the links are written. It uses Johnson's
// algorithm. ok is false when the component holds more than maxCyclesListed cycles (then
// more than that many loops are returned) or the search takes longer than maxCycleSearch
// steps.
func elementaryCycles(byID map[string]*lint.Task, scc []*lint.Task, order map[*lint.Task]int) (loops [][]*lint.Task, ok bool) {
	// A component with as many links as tasks is a single loop: the common case, and a
	// long one would cost a search from every task.
	inSCC := make(map[*lint.Task]bool, len(scc))
	for _, t := range scc {
		inSCC[t] = true
	}
	adj := make(map[*lint.Task][]*lint.Task, len(scc))
	links := 0
	for _, t := range scc {
		for _, p := range waitsFor(byID, t) {
			if inSCC[p] {
				adj[t] = append(adj[t], p)
				links++
			}
		}
	}
	if links == len(scc) {
		// Every task of a strongly connected component waits for one at least, so here
		// each waits for exactly one: walk the loop.
		loop := []*lint.Task{scc[0]}
		for t := adj[scc[0]][0]; t != scc[0]; t = adj[t][0] {
			loop = append(loop, t)
		}
		return [][]*lint.Task{append(loop, scc[0])}, true
	}
	steps := 0
	for _, s := range scc { // scc is in sheet order
		blocked := map[*lint.Task]bool{}
		blockedBy := map[*lint.Task][]*lint.Task{}
		var path []*lint.Task
		var unblock func(t *lint.Task)
		unblock = func(t *lint.Task) {
			blocked[t] = false
			list := blockedBy[t]
			delete(blockedBy, t)
			for _, w := range list {
				if blocked[w] {
					unblock(w)
				}
			}
		}
		var circuit func(v *lint.Task) bool
		circuit = func(v *lint.Task) bool {
			steps++
			if steps > maxCycleSearch || len(loops) > maxCyclesListed {
				ok = false
				return false
			}
			found := false
			path = append(path, v)
			blocked[v] = true
			for _, w := range adj[v] {
				switch {
				case order[w] < order[s]:
				case w == s:
					loops = append(loops, append(slices.Clone(path), s))
					found = true
				case !blocked[w]:
					if circuit(w) {
						found = true
					}
				}
				if !ok {
					break
				}
			}
			if found {
				unblock(v)
			} else {
				for _, w := range adj[v] {
					if order[w] >= order[s] && !slices.Contains(blockedBy[w], v) {
						blockedBy[w] = append(blockedBy[w], v)
					}
				}
			}
			path = path[:len(path)-1]
			return found
		}
		ok = true
		circuit(s)
		if !ok || len(loops) > maxCyclesListed {
			return loops, false
		}
	}
	return loops, true
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
