package rules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// FieldNotFound reports field roles found in no issue, and the rules skipped for it.
var FieldNotFound = &lint.Rule{
	Name:     "field-not-found",
	Category: lint.Data,
	Severity: lint.Warning,
	Title:    "field found in no issue; the rules that need it are skipped",
	Doc: `## What it checks

The Jira fields that play the roles of rank, sprint, estimate and value are found by the
names in ` + "`jira.fields`" + ` (in the export's ` + "`names`" + ` map, in changelog items, or by their
values). A role found in no issue is reported once, naming the enabled rules that are
skipped because of it. A role that no enabled rule needs is not reported. A role found in
some issues is not reported, even where a whole project has no value for it: the rules run,
and ` + "`value-missing`" + ` names the ready items that lack a value.

## Why

A rule without its field cannot check anything; reporting nothing would look like a clean
bill of health. Usually the field has another name on this Jira site (a translated or
renamed "Story Points"), or the export left it out.

## How to fix

Find the field's id or name (Jira administration, or the ` + "`names`" + ` map of an export made
with ` + "`expand=names`" + `) and set it:

` + "```yaml" + `
jira:
  fields:
    value: [customfield_10030]
` + "```" + `

` + "`hatcheck init`" + ` writes the fields it detected. If your team does not use the field,
disable the rules that need it.

## Options

- ` + "`jira.fields.rank`" + `, ` + "`jira.fields.sprint`" + `, ` + "`jira.fields.estimate`" + `, ` + "`jira.fields.value`" + `.

## Example

` + "```text" + `
-: warning field-not-found: value: No issue has a value field (looked for "Business Value"), so rank-value-inversion is skipped; set jira.fields.value to the field's id or name
` + "```" + `
`,
	Check: checkFieldNotFound,
}

func checkFieldNotFound(pass *lint.Pass) error {
	if len(pass.Project.Issues) == 0 {
		return nil // no Jira input: there was nothing to find fields in
	}
	for _, kind := range []lint.FieldKind{lint.KindRank, lint.KindSprint, lint.KindEstimate, lint.KindValue} {
		skipped := rulesNeeding(pass.Enabled, kind)
		if len(skipped) == 0 {
			continue
		}
		if _, ok := pass.Project.Fields[kind]; ok {
			continue
		}
		lookedFor := pass.Config.Jira.Fields.Of(kind)
		quoted := make([]string, len(lookedFor))
		for n, s := range lookedFor {
			quoted[n] = strconv.Quote(s)
		}
		article := "a "
		if kind == lint.KindEstimate {
			article = "an "
		}
		msg := "No issue has " + article + string(kind) + " field"
		if len(quoted) > 0 {
			msg += " (looked for " + strings.Join(quoted, ", ") + ")"
		}
		if len(skipped) == 1 {
			msg += ", so " + skipped[0].Name + " is skipped"
		} else {
			msg += ", so " + ruleNames(skipped) + " are skipped"
		}
		msg += "; set jira.fields." + string(kind) + " to the field's id or name"
		names := make([]string, len(skipped))
		for n, r := range skipped {
			names[n] = r.Name
		}
		pass.Report(lint.Finding{
			Subject:  string(kind),
			Message:  msg,
			Evidence: map[string]any{"role": string(kind), "looked_for": lookedFor, "skipped_rules": names},
		})
	}
	return nil
}

func rulesNeeding(enabled []*lint.Rule, kind lint.FieldKind) []*lint.Rule {
	var out []*lint.Rule
	for _, r := range enabled {
		if slices.Contains(r.Fields, kind) {
			out = append(out, r)
		}
	}
	return out
}
