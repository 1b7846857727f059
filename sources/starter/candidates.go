// Package starter writes a starter .hatcheck.yaml (SPEC §2 "init", §3) from what the readers
// found in a team's Jira export and plan: the fields detected for each role, the plan sheet
// and its column mapping, and — left for the user to confirm — the people who acted as
// product owner (ranking the backlog) and as project manager (changing dates).
package starter

import (
	"sort"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// Candidate is a person who made changes of one kind, with how many.
type Candidate struct {
	Person lint.Person
	Count  int
	// ByField counts the changes per field, for date changes ("duedate": 7).
	ByField map[string]int
	// Projects counts the changes per project key.
	Projects map[string]int
}

// Entry is the text to put in a role list: the display name, else e-mail, user name, key
// or account id.
func (c Candidate) Entry() string { return c.Person.String() }

// RankCandidates returns the people who ranked issues (rank changes in the changelogs),
// most active first. Changes without an author are not counted.
func RankCandidates(p *lint.Project) []Candidate {
	return candidates(p, func(c lint.Change) bool { return c.Kind == lint.KindRank })
}

// DateCandidates returns the people who changed a field of dates.fields, most active first.
func DateCandidates(p *lint.Project) []Candidate {
	return candidates(p, func(c lint.Change) bool { return c.Kind == lint.KindDate })
}

// candidates counts, per person, the histories' items that match.
func candidates(p *lint.Project, match func(lint.Change) bool) []Candidate {
	byID := map[string]*Candidate{}
	var order []*Candidate
	for _, is := range p.Issues {
		for k := range is.Histories {
			h := &is.Histories[k]
			if h.By().IsZero() {
				continue
			}
			for _, c := range is.Items(h) {
				if !match(c) {
					continue
				}
				id := personID(h.By())
				cand := byID[id]
				if cand == nil {
					cand = &Candidate{Person: h.By(), ByField: map[string]int{}, Projects: map[string]int{}}
					byID[id] = cand
					order = append(order, cand)
				}
				cand.Person = mergePerson(cand.Person, h.By())
				cand.Count++
				field := c.DateField
				if field == "" {
					field = c.Field
				}
				cand.ByField[field]++
				cand.Projects[is.Project]++
			}
		}
	}
	out := make([]Candidate, len(order))
	for i, c := range order {
		out[i] = *c
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Count != out[b].Count {
			return out[a].Count > out[b].Count
		}
		return strings.ToLower(out[a].Entry()) < strings.ToLower(out[b].Entry())
	})
	return out
}

// Anonymous counts the changes of a kind whose history names no author (Jira writes none
// for some automatic and migrated changes); the ownership rules report them as made by
// someone outside the role.
func Anonymous(p *lint.Project, kind lint.FieldKind) int {
	n := 0
	for _, is := range p.Issues {
		for k := range is.Histories {
			h := &is.Histories[k]
			if !h.By().IsZero() {
				continue
			}
			for _, c := range is.Items(h) {
				if c.Kind == kind {
					n++
				}
			}
		}
	}
	return n
}

// personID is what makes two appearances the same person: the most stable attribute Jira
// gave.
func personID(p lint.Person) string {
	for _, s := range []string{p.AccountID, p.Key, p.Name, p.Email, p.DisplayName} {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
			return s
		}
	}
	return ""
}

// mergePerson fills the attributes one appearance lacks from another.
func mergePerson(a, b lint.Person) lint.Person {
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&a.AccountID, b.AccountID)
	fill(&a.Key, b.Key)
	fill(&a.Name, b.Name)
	fill(&a.Email, b.Email)
	fill(&a.DisplayName, b.DisplayName)
	return a
}

// looksLikeBot reports whether a person's names suggest an automation account, whose
// changes the user will want under roles.bots rather than in a role.
func looksLikeBot(p lint.Person) bool {
	for _, s := range []string{p.DisplayName, p.Name, p.Email} {
		s = strings.ToLower(s)
		if strings.Contains(s, "automation") || strings.Contains(s, "[bot]") || strings.HasSuffix(s, " bot") ||
			strings.HasSuffix(s, "-bot") || s == "bot" || strings.Contains(s, "integration") {
			return true
		}
	}
	return false
}
