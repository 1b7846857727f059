package rules

import (
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// ScopeAddedAfterBaseline reports issues that joined the plan's scope after the scope
// baseline without approval.
var ScopeAddedAfterBaseline = &lint.Rule{
	Name:     "scope-added-after-baseline",
	Category: lint.Scope,
	Severity: lint.Error,
	Title:    "issue joined the baselined plan scope without approval",
	Doc: `## What it checks

Issues that are in the plan's scope through their parent or epic — the plan names the
parent or epic, not the issue itself — and joined it after ` + "`plan.baseline_date`" + `:
the issue was moved under that parent after the baseline date, or created under it after
the baseline date. Each such issue needs an approval recorded no later than the change plus
` + "`scope.approval_window`" + `: an approved change-log row naming the issue or its parent
or epic, or the ` + "`scope.approval_label`" + ` label added by an approver. One finding per
issue. A parent change made by a bot or before ` + "`since`" + ` is not judged.

The rule needs ` + "`plan.baseline_date`" + ` and a plan; without them it does nothing.

## Why

Scope changes are formally approved. Once the plan's scope is baselined, every story that
lands under a planned epic adds work the schedule did not budget for; the project manager
and the product owner decide together whether it comes in.

## How to fix

Record the decision in the plan's change log (a row naming the issue or the epic, with an
approved status and an approver), or add the approval label; or move the issue out of the
planned epic if it was not meant to be part of this plan.

## Options

- ` + "`plan.baseline_date`" + `: the date the scope was baselined (required).
- ` + "`scope.approval_window`" + `, ` + "`scope.approvers`" + `, ` + "`scope.approval_label`" + `, ` + "`scope.approved_statuses`" + `: what counts as approval.

## Example

` + "```yaml" + `
plan:
  file: plan.xlsx
  baseline_date: 2026-03-01
` + "```" + `

` + "```text" + `
export.json:2210: error scope-added-after-baseline: PAY-52: Moved under PAY-3 by Dev Patel on 2026-03-09 10:00 UTC, after the scope baseline of 2026-03-01, with no recorded approval; work added to the baselined plan needs an approved change request
` + "```" + `
`,
	NeedsPlan: true,
	Check:     checkScopeAddedAfterBaseline,
}

func checkScopeAddedAfterBaseline(pass *lint.Pass) error {
	baseline := pass.Config.Plan.BaselineDate
	if baseline.IsZero() || pass.Project.Plan == nil {
		return nil
	}
	keys := pass.PlanKeys()
	for _, i := range pass.Issues() {
		if keys[i.Key] {
			continue
		}
		var parent string
		for _, k := range i.ParentKeys() {
			if keys[k] {
				parent = k
				break
			}
		}
		if parent == "" {
			continue
		}
		// The moment the issue joined is the latest change that put the parent in place,
		// looked up in the whole changelog: it is a fact, whoever made it.
		var join *lint.History
		var move lint.Change
		for n := range i.Histories {
			for _, c := range i.Histories[n].Items {
				if (c.Kind == lint.KindParent || c.Kind == lint.KindEpic) && namesKey(c.ToString, parent) {
					join, move = &i.Histories[n], c
				}
			}
		}
		at, by, pos, what := i.Created, i.Creator, i.Pos, "Created under "+parent
		if join != nil {
			if pass.Config.IsBot(join.By()) || (!pass.Config.Since.IsZero() && join.Created.Before(pass.Config.Since)) {
				continue
			}
			at, by, pos, what = join.Created, join.By(), i.PosOf(join), "Moved under "+parent
		}
		if !pass.CalendarDate(at).After(baseline) {
			continue
		}
		if _, ok := pass.Approved(i, at); ok {
			continue
		}
		ev := map[string]any{"parent": parent, "author": by.String(), "time": instant(at), "baseline_date": day(baseline)}
		identity := []string{parent, "created"}
		if join != nil {
			ev["history"], ev["field"], ev["from"] = historyID(*join), move.Field, move.FromString
			identity = []string{parent, historyID(*join)}
		}
		pass.Report(lint.Finding{
			Subject: i.Key,
			Message: what + " by " + who(by) + " on " + when(pass, at) + ", after the scope baseline of " + day(baseline) +
				", with no recorded approval; work added to the baselined plan needs an approved change request",
			Location: pos,
			URL:      pass.BrowseURL(i),
			Evidence: ev,
			Identity: identity,
		})
	}
	return nil
}

// namesKey reports whether a changelog value names the issue key as a whole word, so that
// PAY-3 is not found in "PAY-31".
func namesKey(value, key string) bool {
	words := strings.FieldsFunc(value, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	})
	for _, w := range words {
		if strings.EqualFold(w, key) {
			return true
		}
	}
	return false
}
