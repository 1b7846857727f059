package rules

import (
	"slices"
	"sort"
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
skipped because of it. A role that no enabled rule needs is not reported.

The value and estimate fields are also checked per Jira project: they live on each
project's screens, so a project whose screens lack them has none while other projects do.
When such a role is found in other projects' issues but in no issue of a project that has
backlog items, that project is reported once per role, naming the rules that find nothing
to check there. (Rank is one field for the whole site, and a project without sprints is a
Kanban project, so those two are only checked for the input as a whole.)

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
export.json:812:5: warning field-not-found: value: No issue of project WEB has a value (field "Business Value"), though other projects' issues do, so rank-value-inversion finds nothing to check in WEB; add the field to WEB's screens, or set jira.fields.value to the field WEB uses
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
		if field, ok := pass.Project.Fields[kind]; ok {
			reportFieldMissingInProjects(pass, kind, field, skipped)
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

// reportFieldMissingInProjects reports, for the value and estimate roles, each project with
// backlog items none of whose issues has the field while other projects' issues do.
func reportFieldMissingInProjects(pass *lint.Pass, kind lint.FieldKind, field string, skipped []*lint.Rule) {
	if kind != lint.KindValue && kind != lint.KindEstimate {
		return
	}
	has := func(i *lint.Issue) bool {
		if kind == lint.KindValue {
			return i.Value != nil
		}
		return i.Estimate != nil
	}
	var projects []string
	first := map[string]*lint.Issue{} // the project's first backlog item, where the finding points
	found := map[string]bool{}
	for _, i := range pass.Project.Issues {
		if has(i) {
			found[i.Project] = true
		}
		if pass.BacklogItem(i) && first[i.Project] == nil {
			first[i.Project] = i
			projects = append(projects, i.Project)
		}
	}
	if len(found) == 0 {
		return // no project has it: nothing to compare a project with
	}
	sort.Strings(projects)
	article := "a "
	if kind == lint.KindEstimate {
		article = "an "
	}
	for _, project := range projects {
		if found[project] {
			continue
		}
		verb := " finds nothing to check in "
		if len(skipped) > 1 {
			verb = " find nothing to check in "
		}
		msg := "No issue of project " + project + " has " + article + string(kind) + " (field " + strconv.Quote(field) +
			"), though other projects' issues do, so " + ruleNames(skipped) + verb + project +
			"; add the field to " + project + "'s screens, or set jira.fields." + string(kind) + " to the field " + project + " uses"
		names := make([]string, len(skipped))
		for n, r := range skipped {
			names[n] = r.Name
		}
		pass.Report(lint.Finding{
			Subject:  string(kind),
			Message:  msg,
			Location: first[project].Pos,
			Evidence: map[string]any{"role": string(kind), "field": field, "project": project, "skipped_rules": names},
			Identity: []string{project},
		})
	}
}
