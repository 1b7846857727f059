package rules

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// This file holds what several rules need to write messages a product owner can read
// without knowing hatcheck: times in the configured timezone, people by their names, and
// the holders of a role as Jira knows them rather than as the config spells them.

// when renders an instant in the configured timezone, to the minute, with the zone's
// abbreviation so that a reader in another zone is not misled.
func when(pass *lint.Pass, t time.Time) string {
	tz := pass.Config.Timezone
	if tz == nil {
		tz = time.UTC
	}
	return t.In(tz).Format("2006-01-02 15:04 MST")
}

// day renders a calendar date.
func day(t time.Time) string { return t.Format("2006-01-02") }

// instant renders an instant for evidence: RFC 3339 in UTC, so evidence does not change
// with the timezone setting.
func instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// who names the author of a change; Jira records changes made by no nameable user (an
// anonymous transition, a deleted account) with no author at all.
func who(p lint.Person) string {
	if p.IsZero() {
		return "an anonymous user"
	}
	return p.String()
}

// number renders a value or estimate without a trailing ".0".
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// historyID identifies a changelog entry for a finding's fingerprint: its Jira id, which
// survives a re-export, or its time when the input gave no id.
func historyID(h *lint.History) string {
	if h.ID != 0 {
		return h.ID.String()
	}
	return instant(h.Created.Time())
}

// projectKeys returns the project keys of the issues, sorted, without duplicates.
func projectKeys(issues []*lint.Issue) []string {
	var keys []string
	for _, i := range issues {
		if i.Project != "" && !slices.Contains(keys, i.Project) {
			keys = append(keys, i.Project)
		}
	}
	slices.Sort(keys)
	return keys
}

// roster is everyone the Jira input names (authors, assignees, reporters, creators), in
// input order, so that configured entries like "ana@x.io" can be shown as "Ana Lima". It is
// gathered on first use and remembers every name it found, because rules ask for the same
// few names once per finding.
type roster struct {
	project *lint.Project
	people  []lint.Person
	built   bool
	names   map[string]string // configured entry -> name for messages
}

func newRoster(p *lint.Project) *roster {
	return &roster{project: p, names: map[string]string{}}
}

// all returns the people of the input, each once, in input order.
func (r *roster) all() []lint.Person {
	if r.built {
		return r.people
	}
	r.built = true
	seen := map[lint.Person]bool{}
	add := func(person lint.Person) {
		if !person.IsZero() && !seen[person] {
			seen[person] = true
			r.people = append(r.people, person)
		}
	}
	for _, i := range r.project.Issues {
		add(i.Assignee.Value())
		add(i.Reporter.Value())
		add(i.Creator.Value())
		for _, h := range i.Histories {
			add(h.By())
		}
	}
	return r.people
}

// name returns how a configured entry should appear in a message: the name of the first
// person in the input it matches, else the entry without its attribute prefix.
func (r *roster) name(entry string) string {
	if n, ok := r.names[entry]; ok {
		return n
	}
	n := r.lookup(entry)
	r.names[entry] = n
	return n
}

func (r *roster) lookup(entry string) string {
	for _, p := range r.all() {
		if lint.MatchPerson(entry, p) {
			return p.String()
		}
	}
	e := strings.TrimSpace(entry)
	if prefix, rest, ok := strings.Cut(e, ":"); ok {
		switch strings.ToLower(strings.TrimSpace(prefix)) {
		case "id", "email", "name", "display":
			e = strings.TrimSpace(rest)
		}
	}
	return e
}

// holders names the people configured in a role for a project, joined with "or".
func (r *roster) holders(pass *lint.Pass, project string, role lint.Role) string {
	var names []string
	for _, e := range pass.Config.RoleMembers(project, role) {
		if n := r.name(e); n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return strings.Join(names, " or ")
}

// roleTitle is how messages speak of a role.
func roleTitle(role lint.Role) string {
	if role == lint.ProductOwner {
		return "product owner"
	}
	return "project manager"
}

// ruleNames lists rule names for a message.
func ruleNames(rs []*lint.Rule) string {
	names := make([]string, len(rs))
	for n, r := range rs {
		names[n] = r.Name
	}
	return strings.Join(names, ", ")
}

// plural returns "1 item" or "3 items".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
