package jira

import (
	"cmp"
	"slices"
	"sort"

	"github.com/hatcheck/hatcheck/lint"
)

// Merge combines the results of several inputs into one project. An issue key seen more than
// once keeps the copy with the later "updated" (the first copy on a tie); sprints merge by
// id, keeping the most complete data; sprint names from inputs without sprint ids (CSV) are
// mapped to the ids other inputs know. Issues are ordered by input, then by place in it;
// inputs, problems and field roles follow input order (the first input to resolve a role
// names its field); each input keeps the roles it resolved itself in Input.Fields, since a
// role found in one export may be found in no issue of another.
func Merge(results []*Result) *lint.Project {
	proj := &lint.Project{
		Sprints: map[int]*lint.Sprint{},
		Fields:  map[lint.FieldKind]string{},
	}
	type placed struct {
		issue  *lint.Issue
		input  int
		index  int
		result *Result
	}
	total := 0
	for _, r := range results {
		if r != nil {
			total += len(r.Issues)
		}
	}
	byKey := make(map[string]int, total) // key -> index in kept
	kept := make([]placed, 0, total)
	for n, r := range results {
		if r == nil {
			continue
		}
		proj.Inputs = append(proj.Inputs, r.Input)
		proj.Problems = append(proj.Problems, r.Problems...)
		for _, k := range roleKinds {
			if id, ok := r.Fields[k]; ok {
				if _, have := proj.Fields[k]; !have {
					proj.Fields[k] = id
				}
			}
		}
		ids := make([]int, 0, len(r.Sprints))
		for id := range r.Sprints {
			ids = append(ids, id)
		}
		sort.Ints(ids)
		for _, id := range ids {
			addSprint(proj.Sprints, *r.Sprints[id])
		}
		for i, it := range r.Issues {
			p := placed{issue: it, input: n, index: i, result: r}
			if at, ok := byKey[it.Key]; ok && it.Key != "" {
				if it.Updated.After(kept[at].issue.Updated) {
					kept[at] = p
				}
				continue
			}
			byKey[it.Key] = len(kept)
			kept = append(kept, p)
		}
	}
	// Kept in input order unless a later input replaced an issue.
	byPlace := func(a, b placed) int {
		return cmp.Or(cmp.Compare(a.input, b.input), cmp.Compare(a.index, b.index))
	}
	if !slices.IsSortedFunc(kept, byPlace) {
		slices.SortStableFunc(kept, byPlace)
	}

	byName := sprintsByName(proj.Sprints)
	proj.Issues = make([]*lint.Issue, 0, len(kept))
	for _, p := range kept {
		for _, name := range p.result.SprintNames[p.issue.Key] {
			id, ok := byName[name]
			if !ok {
				id = unknownSprint(proj.Sprints, byName, name)
			}
			if !containsInt(p.issue.Sprints, id) {
				p.issue.Sprints = append(p.issue.Sprints, id)
			}
		}
		proj.Issues = append(proj.Issues, p.issue)
	}
	return proj
}

// sprintsByName maps sprint names to ids; a name shared by several sprints goes to the
// highest id, the most recent sprint of that name.
func sprintsByName(sprints map[int]*lint.Sprint) map[string]int {
	out := map[string]int{}
	for id, s := range sprints {
		if s.Name == "" {
			continue
		}
		if old, ok := out[s.Name]; !ok || id > old {
			out[s.Name] = id
		}
	}
	return out
}

// unknownSprint gives a sprint that only a CSV export names (so no id is known) a negative
// id of its own, so that the issue's membership is kept. Names are met in input order, so the
// ids are stable for the same inputs.
func unknownSprint(sprints map[int]*lint.Sprint, byName map[string]int, name string) int {
	id := -1
	for sprints[id] != nil {
		id--
	}
	sprints[id] = &lint.Sprint{ID: id, Name: name}
	byName[name] = id
	return id
}
