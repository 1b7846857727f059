package rules

import (
	"path/filepath"
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
values), in each export on its own. A role found in no issue of any input is reported once,
naming the enabled rules that are skipped because of it. When several exports are linted
together, a role found in some of them but in no issue of another is reported once for that
export, at its file: the rules needing the role run, but find nothing to check among that
export's issues. A role that no enabled rule needs is not reported. A role found in some
issues of an export is not reported, even where a whole project has no value for it: the
rules run, and ` + "`value-missing`" + ` names the ready items that lack a value.

## Why

A rule without its field cannot check anything; reporting nothing would look like a clean
bill of health. Usually the field has another name on this Jira site (a translated or
renamed "Story Points"), or the export left it out. An export from another Jira site, or
from a team that works without sprints, may lack a field that the other exports have.

## How to fix

Find the field's id or name (Jira administration, or the ` + "`names`" + ` map of an export made
with ` + "`expand=names`" + `) and set it:

` + "```yaml" + `
jira:
  fields:
    value: [customfield_10030]
` + "```" + `

` + "`hatcheck init`" + ` writes the fields it detected. The names of a role are tried in
order in every export, so one list can name the field of each site. If your team does not
use the field, disable the rules that need it. When only one export's team does without it
(a Kanban board has no sprints), the finding is expected: it says which export's issues
those rules do not check.

## Options

- ` + "`jira.fields.rank`" + `, ` + "`jira.fields.sprint`" + `, ` + "`jira.fields.estimate`" + `, ` + "`jira.fields.value`" + `.

## Example

` + "```text" + `
-: warning field-not-found: value: No issue has a value field (looked for "Business Value"), so rank-value-inversion is skipped; set jira.fields.value to the field's id or name
ops-board.json: warning field-not-found: sprint: No issue of ops-board.json has a sprint field (looked for "Sprint"), so sprint-skips-higher-value, sprint-scope-unapproved, estimate-changed-in-sprint find nothing to check among its 6 issues; set jira.fields.sprint to the field that export uses
` + "```" + `
`,
	Check: checkFieldNotFound,
}

// fieldRoles are the roles field-not-found reports, in the order it reports them.
var fieldRoles = []lint.FieldKind{lint.KindRank, lint.KindSprint, lint.KindEstimate, lint.KindValue}

func checkFieldNotFound(pass *lint.Pass) error {
	if len(pass.Project.Issues) == 0 {
		return nil // no Jira input: there was nothing to find fields in
	}
	for _, kind := range fieldRoles {
		skipped := rulesNeeding(pass.Enabled, kind)
		if len(skipped) == 0 {
			continue
		}
		if _, ok := pass.Project.Fields[kind]; ok {
			continue
		}
		lookedFor := pass.Config.Jira.Fields.Of(kind)
		msg := "No issue has " + fieldPhrase(kind, lookedFor)
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
	reportInputsWithoutField(pass)
	return nil
}

// reportInputsWithoutField reports, per Jira input, the roles that other inputs resolve but
// that no issue of this input has: the rules needing the role run, and find nothing to check
// among this input's issues.
func reportInputsWithoutField(pass *lint.Pass) {
	for _, in := range pass.Project.Inputs {
		if in.Kind != "jira" || in.Fields == nil || in.Issues == 0 {
			continue
		}
		for _, kind := range fieldRoles {
			if _, ok := pass.Project.Fields[kind]; !ok {
				continue // reported once for the whole project above
			}
			if _, ok := in.Fields[kind]; ok {
				continue
			}
			var blind []*lint.Rule
			for _, r := range rulesNeeding(pass.Enabled, kind) {
				if ruleCanRun(r, pass.Project) {
					blind = append(blind, r)
				}
			}
			if len(blind) == 0 {
				continue
			}
			lookedFor := pass.Config.Jira.Fields.Of(kind)
			export := exportName(in.Path)
			names := make([]string, len(blind))
			for n, r := range blind {
				names[n] = r.Name
			}
			verb := " find"
			if len(blind) == 1 {
				verb = " finds"
			}
			pass.Report(lint.Finding{
				Subject: string(kind),
				Message: "No issue of " + export + " has " + fieldPhrase(kind, lookedFor) + ", so " + ruleNames(blind) +
					verb + " nothing to check among its " + plural(in.Issues, "issue", "issues") +
					"; set jira.fields." + string(kind) + " to the field that export uses",
				Location: lint.Position{Path: in.Path},
				Evidence: map[string]any{
					"role": string(kind), "input": in.Path, "looked_for": lookedFor,
					"issues": in.Issues, "unchecked_rules": names,
				},
				Identity: []string{in.Path},
			})
		}
	}
}

// fieldPhrase names a role's field and the names looked for: `a sprint field (looked for
// "Sprint")`.
func fieldPhrase(kind lint.FieldKind, lookedFor []string) string {
	article := "a "
	if kind == lint.KindEstimate {
		article = "an "
	}
	phrase := article + string(kind) + " field"
	if len(lookedFor) > 0 {
		quoted := make([]string, len(lookedFor))
		for n, s := range lookedFor {
			quoted[n] = strconv.Quote(s)
		}
		phrase += " (looked for " + strings.Join(quoted, ", ") + ")"
	}
	return phrase
}

// exportName is how a message names an input: its file name, or a fetched site's address.
func exportName(path string) string {
	if strings.Contains(path, "://") {
		return path
	}
	return filepath.Base(path)
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
