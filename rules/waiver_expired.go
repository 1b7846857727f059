package rules

import (
	"fmt"

	"github.com/hatcheck/hatcheck/lint"
)

// WaiverExpired reports waivers past their expiry date.
var WaiverExpired = &lint.Rule{
	Name:         "waiver-expired",
	Category:     lint.Housekeeping,
	Severity:     lint.Info,
	AfterWaivers: true,
	Title:        "waiver past its expiry date",
	Doc: `## What it checks

Waivers in the configuration whose ` + "`expires`" + ` date is before today (the date of
` + "`--now`" + ` in ` + "`timezone`" + `; a waiver applies through the whole of its expiry
day). The finding points at the waiver in the config file; its subject is the waiver's rule
and subject, as ` + "`RULE/SUBJECT`" + `. It says how many findings the waiver still matches:
those are reported again, as if the waiver were not there.

## Why

A waiver is a decision with a reason and a date to revisit it: "the due date was agreed
with the customer until the end of January". When the date passes, the decision is due
again; this rule says so instead of letting the findings reappear unexplained.

## How to fix

Review the findings the waiver covered: fix them, or, if the reason still holds, give the
waiver a new ` + "`expires`" + ` date. Delete waivers that no longer match anything.

## Options

- ` + "`waivers`" + `: the waivers, each with ` + "`rule`" + `, ` + "`subject`" + `, ` + "`reason`" + ` and ` + "`expires`" + `.
- ` + "`timezone`" + `, ` + "`--now`" + `: what "today" is.

## Example

` + "```yaml" + `
waivers:
  - rule: due-date-mismatch
    subject: PAY-12
    reason: date agreed with the customer
    expires: 2026-03-15
` + "```" + `

` + "```text" + `
.hatcheck.yaml:31: info waiver-expired: due-date-mismatch/PAY-12: The waiver of due-date-mismatch for PAY-12 ("date agreed with the customer") expired on 2026-03-15; the 1 finding it matches counts again
` + "```" + `
`,
	Check: checkWaiverExpired,
}

func checkWaiverExpired(pass *lint.Pass) error {
	for _, w := range pass.Config.Waivers {
		if !pass.WaiverExpired(w) {
			continue
		}
		matched := 0
		for n := range pass.Findings {
			if w.Matches(pass.Findings[n]) {
				matched++
			}
		}
		effect := "it matches no finding any more; delete it"
		if matched > 0 {
			effect = fmt.Sprintf("the %s it matches %s again", plural(matched, "finding", "findings"), countsVerb(matched))
		}
		pass.Report(lint.Finding{
			Subject: waiverSubject(w),
			Message: fmt.Sprintf("The waiver of %s for %s (%q) expired on %s; %s",
				w.Rule, w.Subject, w.Reason, day(w.Expires), effect),
			Location: w.Pos,
			Evidence: map[string]any{"rule": w.Rule, "subject": w.Subject, "reason": w.Reason, "expires": day(w.Expires), "matched": matched},
		})
	}
	return nil
}

// waiverSubject is the subject of a finding about a waiver: RULE/SUBJECT.
func waiverSubject(w lint.Waiver) string { return w.Rule + "/" + w.Subject }

// countsVerb agrees "count" with a number of findings.
func countsVerb(n int) string {
	if n == 1 {
		return "counts"
	}
	return "count"
}
