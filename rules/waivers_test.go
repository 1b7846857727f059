package rules

import (
	"slices"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

// TestWaiverRules runs the two housekeeping rules through the engine, which alone knows
// which waivers matched.
func TestWaiverRules(t *testing.T) {
	p := newProject()
	p.Task("1", "Design").Owner("")
	p.Task("2", "Build").Owner("")
	cfg := newConfig()
	cfg.Rules["due-date-mismatch"] = lint.Off
	waiver := func(line int, rule, subject, reason, expires string) lint.Waiver {
		return lint.Waiver{Rule: rule, Subject: subject, Reason: reason, Expires: planDate(expires),
			Pos: lint.Position{Path: ".hatcheck.yaml", Line: line}}
	}
	cfg.Waivers = []lint.Waiver{
		waiver(10, "plan-task-unowned", "1", "owner being hired", "2026-03-19"),  // expired yesterday, still matches
		waiver(14, "plan-task-unowned", "2", "owner being hired", "2026-03-20"),  // expires today: still applies
		waiver(18, "plan-task-unowned", "9*", "typo in the subject", ""),         // matches nothing
		waiver(22, "unplanned-issue", "PAY-*", "epics planned elsewhere", ""),    // its rule ran and found nothing
		waiver(26, "due-date-mismatch", "PAY-1", "rule turned off", ""),          // its rule did not run
		waiver(30, "plan-task-unowned", "3", "task removed since", "2026-01-31"), // expired and unused: both
	}
	catalogue := []*lint.Rule{PlanTaskUnowned, UnplannedIssue, DueDateMismatch, WaiverExpired, WaiverUnused}
	rep, err := lint.Run(p.Build(), cfg, catalogue, lint.RunOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) > 0 {
		t.Fatalf("rule errors: %v", rep.Errors)
	}
	var got []string
	for _, f := range rep.Findings {
		line := f.Location.String() + ": " + f.Rule + ": " + f.Subject + ": " + f.Message + " [" + string(f.Status) + "]"
		got = append(got, line)
	}
	want := []string{
		`.hatcheck.yaml:10: waiver-expired: plan-task-unowned/1: The waiver of plan-task-unowned for 1 ("owner being hired") expired on 2026-03-19; the 1 finding it matches counts again [new]`,
		`.hatcheck.yaml:18: waiver-unused: plan-task-unowned/9*: The waiver of plan-task-unowned for 9* ("typo in the subject") matched no finding; delete it, or correct its rule or subject [new]`,
		`.hatcheck.yaml:22: waiver-unused: unplanned-issue/PAY-*: The waiver of unplanned-issue for PAY-* ("epics planned elsewhere") matched no finding; delete it, or correct its rule or subject [new]`,
		`.hatcheck.yaml:30: waiver-expired: plan-task-unowned/3: The waiver of plan-task-unowned for 3 ("task removed since") expired on 2026-01-31; it matches no finding any more; delete it [new]`,
		`.hatcheck.yaml:30: waiver-unused: plan-task-unowned/3: The waiver of plan-task-unowned for 3 ("task removed since") matched no finding; delete it, or correct its rule or subject [new]`,
		`plan.xlsx:Plan!D2: plan-task-unowned: 1: Task 1 "Design" has no owner; its dates are a commitment nobody has made [new]`,
		`plan.xlsx:Plan!D3: plan-task-unowned: 2: Task 2 "Build" has no owner; its dates are a commitment nobody has made [waived]`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", joinLines(got), joinLines(want))
	}
}

func TestWaiverUnusedSkippedRules(t *testing.T) {
	// Without a plan the plan rules are skipped, so their waivers cannot be judged unused.
	p := newProject()
	p.Issue("PAY-1")
	cfg := newConfig()
	cfg.Waivers = []lint.Waiver{{Rule: "plan-task-unowned", Subject: "*", Reason: "r", Pos: lint.Position{Path: ".hatcheck.yaml", Line: 3}}}
	rep, err := lint.Run(p.Build(), cfg, []*lint.Rule{PlanTaskUnowned, WaiverUnused}, lint.RunOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("got %d findings, want none: %v", len(rep.Findings), rep.Findings)
	}
}

func TestWaiverUnusedOfItself(t *testing.T) {
	// A waiver silencing waiver-unused findings is used by the finding it silences.
	p := newProject()
	p.Task("1", "Design")
	cfg := newConfig()
	cfg.Waivers = []lint.Waiver{
		{Rule: "plan-task-unowned", Subject: "legacy-*", Reason: "kept for the next plan", Pos: lint.Position{Path: ".hatcheck.yaml", Line: 3}},
		{Rule: "waiver-unused", Subject: "plan-task-unowned/legacy-*", Reason: "known", Pos: lint.Position{Path: ".hatcheck.yaml", Line: 7}},
		{Rule: "waiver-unused", Subject: "nothing/*", Reason: "stale", Pos: lint.Position{Path: ".hatcheck.yaml", Line: 11}},
	}
	rep, err := lint.Run(p.Build(), cfg, []*lint.Rule{PlanTaskUnowned, WaiverUnused}, lint.RunOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Location.String()+": "+f.Subject+" ["+string(f.Status)+"]")
	}
	want := []string{
		".hatcheck.yaml:3: plan-task-unowned/legacy-* [waived]",
		".hatcheck.yaml:11: waiver-unused/nothing/* [new]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", joinLines(got), joinLines(want))
	}
}

func joinLines(lines []string) string {
	out := ""
	for _, l := range lines {
		out += "  " + l + "\n"
	}
	return out
}
