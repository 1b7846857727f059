package lint

import "strings"

// IsApproverNamed reports whether the approver written in a change-log cell ("Ana Lima",
// "ana@x.io") may approve scope changes in the project. A plan names people the way its
// author writes them, while roles are configured the way Jira knows people (often an email
// or an account id), so the text is first looked up among the people of the Jira input: when
// one of them has it as display name, email, user name, key or account id, the cell names
// that person, and matches their role however the role is configured. Otherwise the text
// stands for itself (PersonFromText).
func (p *Pass) IsApproverNamed(text, project string) bool {
	for _, person := range p.peopleNamed(text) {
		if p.IsApprover(person, project) {
			return true
		}
	}
	return p.IsApprover(PersonFromText(text), project)
}

// peopleNamed returns the people of the Jira input who have the text as one of their
// attributes, compared case-insensitively after trimming.
func (p *Pass) peopleNamed(text string) []Person {
	key := strings.ToLower(strings.TrimSpace(text))
	if key == "" {
		return nil
	}
	p.facts.peopleOnce.Do(func() {
		p.facts.people = map[string][]Person{}
		add := func(person Person) {
			for _, a := range []string{person.DisplayName, person.Email, person.Name, person.Key, person.AccountID} {
				k := strings.ToLower(strings.TrimSpace(a))
				if k == "" {
					continue
				}
				if list := p.facts.people[k]; len(list) < 8 && !containsPerson(list, person) {
					// A handful per name is plenty: more would be the same name shared by
					// strangers, and the list stays small for every lookup.
					p.facts.people[k] = append(list, person)
				}
			}
		}
		authors := map[*Person]bool{} // an author shared by many changes is added once
		for _, i := range p.Project.Issues {
			add(i.Assignee.Value())
			add(i.Reporter.Value())
			add(i.Creator.Value())
			for n := range i.Histories {
				if a := i.Histories[n].Author; a != nil && !authors[a] {
					authors[a] = true
					add(*a)
				}
			}
		}
	})
	return p.facts.people[key]
}

func containsPerson(list []Person, p Person) bool {
	for _, q := range list {
		if q == p {
			return true
		}
	}
	return false
}
