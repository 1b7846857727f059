package lint

import "strings"

// MatchPerson reports whether a configured entry names the person. An entry matches when
// it equals any of the person's attributes, case-insensitively, after trimming; the prefixes
// "id:" (account id or key), "email:", "name:" and "display:" restrict it to one attribute.
// A person with no attributes matches nobody.
func MatchPerson(entry string, p Person) bool {
	if p.IsZero() {
		return false
	}
	e := strings.TrimSpace(entry)
	attrs := []string{p.AccountID, p.Key, p.Name, p.Email, p.DisplayName}
	if prefix, rest, ok := strings.Cut(e, ":"); ok {
		switch strings.ToLower(strings.TrimSpace(prefix)) {
		case "id":
			attrs, e = []string{p.AccountID, p.Key}, rest
		case "email":
			attrs, e = []string{p.Email}, rest
		case "name":
			attrs, e = []string{p.Name}, rest
		case "display":
			attrs, e = []string{p.DisplayName}, rest
		}
	}
	e = strings.TrimSpace(e)
	if e == "" {
		return false
	}
	for _, a := range attrs {
		if a != "" && strings.EqualFold(strings.TrimSpace(a), e) {
			return true
		}
	}
	return false
}

// MatchAny reports whether any entry names the person.
func MatchAny(entries []string, p Person) bool {
	for _, e := range entries {
		if MatchPerson(e, p) {
			return true
		}
	}
	return false
}

// PersonFromText turns a name written in a spreadsheet cell ("Ana Lima", "ana@x.io") into a
// person that configured entries can match by display name, email or user name.
func PersonFromText(s string) Person {
	s = strings.TrimSpace(s)
	if s == "" {
		return Person{}
	}
	p := Person{DisplayName: s, Name: s}
	if strings.Contains(s, "@") {
		p.Email = s
	}
	return p
}

// RoleMembers returns the entries naming who holds the role in the project: the project's
// own list when roles.by_project sets one, else the global list.
func (c *Config) RoleMembers(project string, r Role) []string {
	if pr, ok := c.Roles.ByProject[project]; ok {
		if l := pr.list(r); len(l) > 0 {
			return l
		}
	}
	return c.Roles.list(r)
}

// RoleDelegates returns the entries of the people who may act with the role's authority.
func (c *Config) RoleDelegates(project string, r Role) []string {
	if pr, ok := c.Roles.ByProject[project]; ok {
		if l := pr.delegates(r); len(l) > 0 {
			return l
		}
	}
	return c.Roles.delegates(r)
}

// InRole reports whether the person holds the role in the project, directly or as a delegate.
func (c *Config) InRole(p Person, project string, r Role) bool {
	return MatchAny(c.RoleMembers(project, r), p) || MatchAny(c.RoleDelegates(project, r), p)
}

// IsBot reports whether the person is a configured bot.
func (c *Config) IsBot(p Person) bool { return MatchAny(c.Roles.Bots, p) }

// IsApprover reports whether the person may approve scope changes in the project: they hold
// a role named in scope.approvers, or are listed there themselves.
func (c *Config) IsApprover(p Person, project string) bool {
	for _, a := range c.Scope.Approvers {
		switch Role(strings.TrimSpace(a)) {
		case ProductOwner, ProjectManager:
			if c.InRole(p, project, Role(strings.TrimSpace(a))) {
				return true
			}
		default:
			if MatchPerson(a, p) {
				return true
			}
		}
	}
	return false
}

func (r RolesConfig) list(role Role) []string {
	if role == ProductOwner {
		return r.ProductOwner
	}
	return r.ProjectManager
}

func (r RolesConfig) delegates(role Role) []string {
	if role == ProductOwner {
		return r.Delegates.ProductOwner
	}
	return r.Delegates.ProjectManager
}

func (r ProjectRoles) list(role Role) []string {
	if role == ProductOwner {
		return r.ProductOwner
	}
	return r.ProjectManager
}

func (r ProjectRoles) delegates(role Role) []string {
	if role == ProductOwner {
		return r.Delegates.ProductOwner
	}
	return r.Delegates.ProjectManager
}
