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
parent or epic, not the issue itself — and joined it after ` + "`plan.baseline_date`" + `
(on a later day, in ` + "`timezone`" + `): the issue was moved under a
planned parent from outside the plan's scope after that date, or created under one after it.
A move from one planned parent to another keeps the issue in scope and is not a join. Each
such issue needs an approval recorded no later than the change plus
` + "`scope.approval_window`" + `: an approved change-log row naming the issue or its parent
or epic, or the ` + "`scope.approval_label`" + ` label added by an approver. One finding per
issue. A parent change or a creation made by a bot or before ` + "`since`" + ` is not judged.

The rule needs ` + "`plan.baseline_date`" + ` and a plan; without them it does nothing.
Issues read from a CSV export are not judged: without a changelog, when and by whom an
issue joined the scope cannot be known (` + "`history-incomplete`" + ` says so once for the file).

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
	noHistory := inputsWithoutHistory(pass.Project)
	for _, i := range pass.Issues() {
		if keys[i.Key] || noHistory[i.Pos.Path] {
			// Without a changelog (a CSV export) the rule cannot tell when or by whom the
			// issue joined the plan's scope; history-incomplete says so once for the input.
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
		// The moment the issue joined the plan's scope is the latest parent or epic change
		// that moved it from outside the scope into it, looked up in the whole changelog: it
		// is a fact, whoever made it. A move from one planned parent to another keeps the
		// issue in scope and is not a join. With no such change the issue has been in scope
		// since its creation, under the planned parent its first parent change moved it from
		// (or its parent now).
		var join *lint.History
		var move lint.Change
		under, createdUnder, first := parent, parent, true
		for n := range i.Histories {
			for _, c := range i.Items(&i.Histories[n]) {
				if c.Kind != lint.KindParent && c.Kind != lint.KindEpic {
					continue
				}
				from := plannedKey(c.FromString, keys)
				if first {
					if from != "" {
						createdUnder = from
					}
					first = false
				}
				if to := plannedKey(c.ToString, keys); to != "" && from == "" {
					join, move, under = &i.Histories[n], c, to
				}
			}
		}
		at, by, pos, what := i.Created, i.Creator.Value(), i.Pos, "Created under "+createdUnder
		if join != nil {
			at, by, pos, what = join.Created.Time(), join.By(), i.PosOf(join), "Moved under "+under
		} else {
			under = createdUnder
		}
		// A change by a bot, or before --since, is not judged; the creation is a change
		// like any other.
		if pass.Config.IsBot(by) || (!pass.Config.Since.IsZero() && at.Before(pass.Config.Since)) {
			continue
		}
		if !pass.CalendarDate(at).After(baseline) {
			continue
		}
		if _, ok := pass.Approved(i, at); ok {
			continue
		}
		ev := map[string]any{"parent": under, "author": by.String(), "time": instant(at), "baseline_date": day(baseline)}
		identity := []string{under, "created"}
		if join != nil {
			ev["history"], ev["field"], ev["from"] = historyID(join), move.Field, move.FromString
			identity = []string{under, historyID(join)}
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

// plannedKey returns the first issue key a changelog value names that a plan task names
// too, or "".
func plannedKey(value string, keys map[string]bool) string {
	for _, w := range keyWords(value) {
		if keys[strings.ToUpper(w)] {
			return strings.ToUpper(w)
		}
	}
	return ""
}

// keyWords splits a changelog value into the words that may be issue keys ("PAY-3 Checkout"
// gives PAY-3 and Checkout), so that PAY-3 is found as a whole word and never in PAY-31.
func keyWords(value string) []string {
	return strings.FieldsFunc(value, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	})
}

// inputsWithoutHistory returns the paths of the Jira inputs that cannot carry change
// history: CSV exports. (A JSON input without histories may hold only issues nobody has
// changed since they were created, which the creation alone tells right.)
func inputsWithoutHistory(p *lint.Project) map[string]bool {
	out := map[string]bool{}
	for _, in := range p.Inputs {
		if in.Kind == "jira" && in.Format == "csv" {
			out[in.Path] = true
		}
	}
	return out
}
