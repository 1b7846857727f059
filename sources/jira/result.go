// Package jira reads Jira issues from exports: the REST API's JSON in every shape it comes in
// (SPEC §4.1), streamed, and merges several inputs into one project.
package jira

import "github.com/hatcheck/hatcheck/lint"

// Result is what one input file yields, before inputs are merged into a lint.Project.
type Result struct {
	Input   lint.Input
	Issues  []*lint.Issue
	Sprints map[int]*lint.Sprint
	// SprintNames holds, for inputs that name sprints without ids (the CSV export), the
	// sprint names per issue key; Merge maps them to sprints other inputs know.
	SprintNames map[string][]string
	// Fields maps each resolved field role to the Jira field id or name it was found as.
	Fields   map[lint.FieldKind]string
	Problems []lint.ValueProblem
}
