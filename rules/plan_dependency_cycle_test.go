package rules

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestPlanDependencyCycle(t *testing.T) {
	tests := []struct {
		name  string
		build func(p *projectBuilder)
		want  []string
	}{
		{
			name: "a cycle of three tasks",
			build: func(p *projectBuilder) {
				p.Task("1", "Kick-off")
				p.Task("3", "Design").After("1", lint.FinishToStart, 0).After("7", lint.FinishToStart, 0)
				p.Task("5", "Build").After("3", lint.FinishToStart, 0)
				p.Task("7", "Test").After("5", lint.StartToStart, 2)
			},
			want: []string{`plan.xlsx:Plan!J3: 3: Tasks 3 "Design", 5 "Build" and 7 "Test" depend on each other in a cycle (3 waits for 7, 7 waits for 5, 5 waits for 3); none of them can be scheduled first`},
		},
		{
			name: "a self-loop and a separate two-task cycle, in sheet order",
			build: func(p *projectBuilder) {
				p.Task("1", "Design").After("2", lint.FinishToStart, 0)
				p.Task("2", "Build").After("1", lint.FinishToStart, 0)
				p.Task("3", "Test").After("3", lint.FinishToStart, 0)
				p.Task("4", "Ship").After("9", lint.FinishToStart, 0)
			},
			want: []string{
				`plan.xlsx:Plan!J2: 1: Tasks 1 "Design" and 2 "Build" depend on each other in a cycle (1 waits for 2, 2 waits for 1); none of them can be scheduled first`,
				`plan.xlsx:Plan!J4: 3: Task 3 "Test" names itself as its own predecessor; it can never be scheduled`,
			},
		},
		{
			name: "two loops sharing a task are two cycles",
			build: func(p *projectBuilder) {
				p.Task("1", "A").After("2", lint.FinishToStart, 0).After("3", lint.FinishToStart, 0)
				p.Task("2", "B").After("1", lint.FinishToStart, 0)
				p.Task("3", "C").After("1", lint.FinishToStart, 0)
			},
			want: []string{
				`plan.xlsx:Plan!J2: 1: Tasks 1 "A" and 2 "B" depend on each other in a cycle (1 waits for 2, 2 waits for 1); none of them can be scheduled first`,
				`plan.xlsx:Plan!J2: 1: Tasks 1 "A" and 3 "C" depend on each other in a cycle (1 waits for 3, 3 waits for 1); none of them can be scheduled first`,
			},
		},
		{
			name: "a self-loop on a task of a longer cycle is a cycle of its own",
			build: func(p *projectBuilder) {
				p.Task("1", "A").After("3", lint.FinishToStart, 0)
				p.Task("2", "B").After("1", lint.FinishToStart, 0).After("2", lint.FinishToStart, 0)
				p.Task("3", "C").After("2", lint.FinishToStart, 0)
			},
			want: []string{
				`plan.xlsx:Plan!J2: 1: Tasks 1 "A", 2 "B" and 3 "C" depend on each other in a cycle (1 waits for 3, 3 waits for 2, 2 waits for 1); none of them can be scheduled first`,
				`plan.xlsx:Plan!J3: 2: Task 2 "B" names itself as its own predecessor; it can never be scheduled`,
			},
		},
		{
			name: "three tasks all waiting for each other: five cycles, in the order the links are written",
			build: func(p *projectBuilder) {
				p.Task("1", "A").After("2", lint.FinishToStart, 0).After("3", lint.FinishToStart, 0)
				p.Task("2", "B").After("3", lint.FinishToStart, 0).After("1", lint.FinishToStart, 0)
				p.Task("3", "C").After("1", lint.FinishToStart, 0).After("2", lint.FinishToStart, 0)
			},
			want: []string{
				`plan.xlsx:Plan!J2: 1: Tasks 1 "A", 2 "B" and 3 "C" depend on each other in a cycle (1 waits for 2, 2 waits for 3, 3 waits for 1); none of them can be scheduled first`,
				`plan.xlsx:Plan!J2: 1: Tasks 1 "A" and 2 "B" depend on each other in a cycle (1 waits for 2, 2 waits for 1); none of them can be scheduled first`,
				`plan.xlsx:Plan!J2: 1: Tasks 1 "A" and 3 "C" depend on each other in a cycle (1 waits for 3, 3 waits for 1); none of them can be scheduled first`,
				`plan.xlsx:Plan!J2: 1: Tasks 1 "A", 2 "B" and 3 "C" depend on each other in a cycle (1 waits for 3, 3 waits for 2, 2 waits for 1); none of them can be scheduled first`,
				`plan.xlsx:Plan!J3: 2: Tasks 2 "B" and 3 "C" depend on each other in a cycle (2 waits for 3, 3 waits for 2); none of them can be scheduled first`,
			},
		},
		{
			name: "tasks tied by more than 20 loops are one finding",
			build: func(p *projectBuilder) {
				// Five tasks each waiting for all the others: 84 loops.
				for k := 1; k <= 5; k++ {
					tb := p.Task(strconv.Itoa(k), "T"+strconv.Itoa(k))
					for j := 1; j <= 5; j++ {
						if j != k {
							tb.After(strconv.Itoa(j), lint.FinishToStart, 0)
						}
					}
				}
			},
			want: []string{`plan.xlsx:Plan!J2: 1: Tasks 1 "T1", 2 "T2", 3 "T3", 4 "T4" and 5 "T5" are tied together by more than 20 dependency cycles (one of them: 1 waits for 2, 2 waits for 1); none of them can be scheduled first`},
		},
		{
			name: "a diamond is no cycle",
			build: func(p *projectBuilder) {
				p.Task("1", "A")
				p.Task("2", "B").After("1", lint.FinishToStart, 0)
				p.Task("3", "C").After("1", lint.FinishToStart, 0)
				p.Task("4", "D").After("2", lint.FinishToStart, 0).After("3", lint.FinishToStart, 0)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			tt.build(p)
			expectFindings(t, run(t, PlanDependencyCycle, p, newConfig()), tt.want...)
		})
	}
}

func TestPlanDependencyCycleIdentity(t *testing.T) {
	// The identity is the loop from its smallest id, whichever task the cycle is entered
	// from and wherever its rows sit.
	p := newProject()
	p.Task("10", "A").After("30", lint.FinishToStart, 0)
	p.Task("20", "B").After("10", lint.FinishToStart, 0)
	p.Task("30", "C").After("20", lint.FinishToStart, 0)
	res := run(t, PlanDependencyCycle, p, newConfig())
	if len(res.findings) != 1 {
		t.Fatalf("got %d findings, want 1", len(res.findings))
	}
	if got := res.findings[0].Identity; !slices.Equal(got, []string{"10", "30", "20"}) {
		t.Errorf("identity = %q, want the loop from the smallest id, [10 30 20]", got)
	}
	if got := res.findings[0].Evidence.(map[string]any)["loop"]; !slices.Equal(got.([]string), []string{"10", "30", "20", "10"}) {
		t.Errorf("loop = %q", got)
	}
}

func TestPlanDependencyCycleSearchBounded(t *testing.T) {
	// A loop through 1,000 tasks with one shortcut holds two cycles, but listing them means
	// a search from every task: past the search's budget, the tasks are one finding.
	p := newProject()
	const n = 1000
	for k := 1; k <= n; k++ {
		next := k%n + 1
		tb := p.Task(strconv.Itoa(k), "Task").After(strconv.Itoa(next), lint.FinishToStart, 0)
		if k == 1 {
			tb.After("500", lint.FinishToStart, 0)
		}
	}
	res := run(t, PlanDependencyCycle, p, newConfig())
	if len(res.findings) != 1 {
		t.Fatalf("got %d findings, want 1", len(res.findings))
	}
	if msg := res.findings[0].Message; !strings.Contains(msg, "are tied together by too many links to list each dependency cycle (one of them: 1 waits for 500, 500 waits for 501,") {
		t.Errorf("message = %.300s", msg)
	}
}

func BenchmarkPlanDependencyCycle(b *testing.B) {
	// A chain of 5,000 tasks closed into one loop: the worst case for the search's depth.
	p := newProject()
	const n = 5000
	for k := 1; k <= n; k++ {
		prev := k - 1
		if prev == 0 {
			prev = n
		}
		p.Task(strconv.Itoa(k), "Task").After(strconv.Itoa(prev), lint.FinishToStart, 0)
	}
	project := p.Build()
	cfg := newConfig()
	for b.Loop() {
		count := 0
		pass := lint.NewPass(PlanDependencyCycle, project, cfg, testNow, nil, func(lint.Finding) { count++ }, nil)
		if err := PlanDependencyCycle.Check(pass); err != nil || count != 1 {
			b.Fatalf("err %v, %d findings", err, count)
		}
	}
}
