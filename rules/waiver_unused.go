package rules

import (
	"fmt"
	"slices"

	"github.com/hatcheck/hatcheck/lint"
)

// WaiverUnused reports waivers that matched no finding.
var WaiverUnused = &lint.Rule{
	Name:         "waiver-unused",
	Category:     lint.Housekeeping,
	Severity:     lint.Info,
	AfterWaivers: true,
	Title:        "waiver that matched no finding",
	Doc: `## What it checks

Waivers in the configuration that matched no finding in this run: no finding of the
waiver's rule has a subject matching the waiver's subject pattern. Waivers of rules that did
not run — turned off, not enabled, or skipped because the plan or a field they need is
missing — are not reported, since they could not match. An expired waiver that matched no
finding is reported here as well as by ` + "`waiver-expired`" + `: it is both past its date and
stale. The finding points at the waiver in the config file; its subject is the waiver's rule
and subject, as ` + "`RULE/SUBJECT`" + `.

## Why

A waiver that waives nothing is either stale — the problem was fixed, and the waiver would
silently hide it if it came back — or wrong: a misspelt subject that leaves the finding it
was meant for in place.

## How to fix

Delete the waiver if its problem is gone; otherwise correct its rule or subject (` + "`*`" + `
and ` + "`?`" + ` are wildcards) so it matches the finding it is meant for.

## Options

- ` + "`waivers`" + `: the waivers, each with ` + "`rule`" + `, ` + "`subject`" + `, ` + "`reason`" + ` and ` + "`expires`" + `.

## Example

` + "```text" + `
.hatcheck.yaml:36: info waiver-unused: rank-changed-by-non-po/WEB-*: The waiver of rank-changed-by-non-po for WEB-* ("web team ranks its own bugs") matched no finding; delete it, or correct its rule or subject
` + "```" + `
`,
	Check: checkWaiverUnused,
}

func checkWaiverUnused(pass *lint.Pass) error {
	ran := map[string]bool{}
	for _, r := range pass.Enabled {
		ran[r.Name] = ruleCanRun(r, pass.Project)
	}
	waivers := pass.Config.Waivers
	var unused []int
	for n, w := range waivers {
		if !pass.WaiverUsed(n) && ran[w.Rule] {
			unused = append(unused, n)
		}
	}
	for _, n := range unused {
		w := waivers[n]
		// A waiver of this rule's own findings is used when it matches one this rule is
		// about to report: the engine applies it only after the rule has run.
		if w.Rule == "waiver-unused" && slices.ContainsFunc(unused, func(m int) bool {
			return w.Matches(&lint.Finding{Rule: w.Rule, Subject: waiverSubject(waivers[m])})
		}) {
			continue
		}
		pass.Report(lint.Finding{
			Subject: waiverSubject(w),
			Message: fmt.Sprintf("The waiver of %s for %s (%q) matched no finding; delete it, or correct its rule or subject",
				w.Rule, w.Subject, w.Reason),
			Location: w.Pos,
			Evidence: map[string]any{"rule": w.Rule, "subject": w.Subject, "reason": w.Reason},
		})
	}
	return nil
}

// ruleCanRun reports whether the engine runs a rule on the project: it is not skipped for
// want of a plan or of a field no issue has.
func ruleCanRun(r *lint.Rule, p *lint.Project) bool {
	if r.NeedsPlan && p.Plan == nil {
		return false
	}
	for _, k := range r.Fields {
		if _, ok := p.Fields[k]; !ok {
			return false
		}
	}
	return true
}
