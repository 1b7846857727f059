package rules

import (
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestPlanDependencyViolated(t *testing.T) {
	// March 2026: the 6th is a Friday, the 7th and 8th a weekend, the 9th a Monday.
	const tail = "; the dates contradict the plan's own dependencies"
	tests := []struct {
		name                  string
		predStart, predFinish string
		succStart, succFinish string
		typ                   lint.LinkType
		lag                   int
		elapsed               bool
		want                  string // "" for no finding
	}{
		{name: "FS, lag 0: the same day is allowed", predStart: "2026-03-02", predFinish: "2026-03-06", succStart: "2026-03-06", succFinish: "2026-03-10", typ: lint.FinishToStart},
		{name: "FS, lag 0: the day before is not", predStart: "2026-03-02", predFinish: "2026-03-06", succStart: "2026-03-05", succFinish: "2026-03-10", typ: lint.FinishToStart,
			want: `plan.xlsx:Plan!J3: 2: Task 2 "Build" starts 2026-03-05, before 2026-03-06, the earliest its link 1 allows (the day task 1 "Design" finishes on 2026-03-06)` + tail},
		{name: "FS +1 working day across the weekend: Monday is allowed", predStart: "2026-03-02", predFinish: "2026-03-06", succStart: "2026-03-09", succFinish: "2026-03-10", typ: lint.FinishToStart, lag: 1},
		{name: "FS +1 working day across the weekend: Saturday is not", predStart: "2026-03-02", predFinish: "2026-03-06", succStart: "2026-03-07", succFinish: "2026-03-10", typ: lint.FinishToStart, lag: 1,
			want: `plan.xlsx:Plan!J3: 2: Task 2 "Build" starts 2026-03-07, before 2026-03-09, the earliest its link 1FS+1 days allows (1 working day after task 1 "Design" finishes on 2026-03-06)` + tail},
		{name: "FS +2 elapsed days: Sunday is allowed", predStart: "2026-03-02", predFinish: "2026-03-06", succStart: "2026-03-08", succFinish: "2026-03-10", typ: lint.FinishToStart, lag: 2, elapsed: true},
		{name: "FS +2 elapsed days: Saturday is not", predStart: "2026-03-02", predFinish: "2026-03-06", succStart: "2026-03-07", succFinish: "2026-03-10", typ: lint.FinishToStart, lag: 2, elapsed: true,
			want: `plan.xlsx:Plan!J3: 2: Task 2 "Build" starts 2026-03-07, before 2026-03-08, the earliest its link 1FS+2 edays allows (2 elapsed days after task 1 "Design" finishes on 2026-03-06)` + tail},
		{name: "FS with a lead of 2 working days", predStart: "2026-03-02", predFinish: "2026-03-09", succStart: "2026-03-05", succFinish: "2026-03-10", typ: lint.FinishToStart, lag: -2},
		{name: "FS with a lead of 2 working days, one day too early", predStart: "2026-03-02", predFinish: "2026-03-09", succStart: "2026-03-04", succFinish: "2026-03-10", typ: lint.FinishToStart, lag: -2,
			want: `plan.xlsx:Plan!J3: 2: Task 2 "Build" starts 2026-03-04, before 2026-03-05, the earliest its link 1FS-2 days allows (2 working days before task 1 "Design" finishes on 2026-03-09)` + tail},
		{name: "SS +3 working days", predStart: "2026-03-05", predFinish: "2026-03-12", succStart: "2026-03-10", succFinish: "2026-03-12", typ: lint.StartToStart, lag: 3},
		{name: "SS +3 working days broken", predStart: "2026-03-05", predFinish: "2026-03-12", succStart: "2026-03-09", succFinish: "2026-03-12", typ: lint.StartToStart, lag: 3,
			want: `plan.xlsx:Plan!J3: 2: Task 2 "Build" starts 2026-03-09, before 2026-03-10, the earliest its link 1SS+3 days allows (3 working days after task 1 "Design" starts on 2026-03-05)` + tail},
		{name: "FF: finishing together is allowed", predStart: "2026-03-02", predFinish: "2026-03-06", succStart: "2026-03-02", succFinish: "2026-03-06", typ: lint.FinishToFinish},
		{name: "FF broken", predStart: "2026-03-02", predFinish: "2026-03-06", succStart: "2026-03-02", succFinish: "2026-03-05", typ: lint.FinishToFinish,
			want: `plan.xlsx:Plan!J3: 2: Task 2 "Build" finishes 2026-03-05, before 2026-03-06, the earliest its link 1FF allows (the day task 1 "Design" finishes on 2026-03-06)` + tail},
		{name: "SF: finishing the day the predecessor starts is allowed", predStart: "2026-03-09", predFinish: "2026-03-13", succStart: "2026-03-02", succFinish: "2026-03-09", typ: lint.StartToFinish},
		{name: "SF broken", predStart: "2026-03-09", predFinish: "2026-03-13", succStart: "2026-03-02", succFinish: "2026-03-06", typ: lint.StartToFinish,
			want: `plan.xlsx:Plan!J3: 2: Task 2 "Build" finishes 2026-03-06, before 2026-03-09, the earliest its link 1SF allows (the day task 1 "Design" starts on 2026-03-09)` + tail},
		{name: "missing dates are plan-dates-invalid's", predStart: "2026-03-02", predFinish: "", succStart: "2026-03-01", succFinish: "2026-03-06", typ: lint.FinishToStart},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			p.Task("1", "Design").Dates(tt.predStart, tt.predFinish)
			succ := p.Task("2", "Build").Dates(tt.succStart, tt.succFinish)
			if tt.elapsed {
				succ.AfterElapsed("1", tt.typ, tt.lag)
			} else {
				succ.After("1", tt.typ, tt.lag)
			}
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			expectFindings(t, run(t, PlanDependencyViolated, p, newConfig()), want...)
		})
	}
}

func TestPlanDependencyViolatedEvidence(t *testing.T) {
	p := newProject()
	p.Task("1", "Design").Dates("2026-03-02", "2026-03-06")
	p.Task("2", "Build").Dates("2026-03-05", "2026-03-10").After("1", lint.FinishToStart, 0).After("9", lint.FinishToStart, 0)
	res := run(t, PlanDependencyViolated, p, newConfig())
	if len(res.findings) != 1 {
		t.Fatalf("got %d findings, want 1 (the unknown task 9 is not this rule's)", len(res.findings))
	}
	f := res.findings[0]
	if got := f.Related[0].Location.String() + " " + f.Related[1].Location.String(); got != "plan.xlsx:Plan!E3 plan.xlsx:Plan!F2" {
		t.Errorf("related = %s, want the successor's start and the predecessor's finish", got)
	}
	if ev := f.Evidence.(map[string]any); ev["earliest"] != "2026-03-06" || ev["start"] != "2026-03-05" || ev["predecessor_finish"] != "2026-03-06" {
		t.Errorf("evidence = %v", f.Evidence)
	}
	if len(f.Identity) != 2 || f.Identity[0] != "1" || f.Identity[1] != "FS" {
		t.Errorf("identity = %q, want [1 FS]", f.Identity)
	}
}

func TestPlanDependencyViolatedByWBSCode(t *testing.T) {
	// The link names its predecessor by WBS code, in a plan whose ids are numbers.
	p := newProject()
	p.Task("1", "Design").WBS("1.1").Dates("2026-03-02", "2026-03-06")
	p.Task("2", "Build").WBS("1.2").Dates("2026-03-05", "2026-03-10").After("1.1", lint.FinishToStart, 0)
	expectFindings(t, run(t, PlanDependencyViolated, p, newConfig()),
		`plan.xlsx:Plan!J3: 2: Task 2 "Build" starts 2026-03-05, before 2026-03-06, the earliest its link 1.1 allows (the day task 1 "Design" finishes on 2026-03-06); the dates contradict the plan's own dependencies`,
	)
}
