package lint

import "testing"

var (
	cloudAna  = Person{AccountID: "5b10ac8d82e05b22cc7d4ef5", Email: "ana@x.io", DisplayName: "Ana Lima"}
	serverBo  = Person{Key: "JIRAUSER10100", Name: "bdiaz", Email: "bo@x.io", DisplayName: "Bo Diaz"}
	hiddenCy  = Person{AccountID: "61c0ffee", DisplayName: "Cy Park"} // email hidden by privacy settings
	nobody    = Person{}
	automaton = Person{AccountID: "557058:f58131cb", DisplayName: "Automation for Jira"}
)

func TestMatchPerson(t *testing.T) {
	tests := []struct {
		entry  string
		person Person
		want   bool
	}{
		// Any attribute, case-insensitively, after trimming.
		{"ana@x.io", cloudAna, true},
		{"  ANA@X.IO ", cloudAna, true},
		{"5b10ac8d82e05b22cc7d4ef5", cloudAna, true},
		{"ana lima", cloudAna, true},
		{"Ana", cloudAna, false},
		{"bdiaz", serverBo, true},
		{"jirauser10100", serverBo, true},
		{"Bo Diaz", serverBo, true},
		{"cy@x.io", hiddenCy, false},
		{"Cy Park", hiddenCy, true},
		// Prefixes restrict the attribute.
		{"id:5b10ac8d82e05b22cc7d4ef5", cloudAna, true},
		{"id:JIRAUSER10100", serverBo, true},
		{"id:bdiaz", serverBo, false},
		{"id:ana@x.io", cloudAna, false},
		{"email:ana@x.io", cloudAna, true},
		{"email:Ana Lima", cloudAna, false},
		{"name:bdiaz", serverBo, true},
		{"name:Bo Diaz", serverBo, false},
		{"display:Bo Diaz", serverBo, true},
		{"display: bo diaz ", serverBo, true},
		{"display:bo@x.io", serverBo, false},
		{"ID:61C0FFEE", hiddenCy, true},
		// An unknown prefix is part of the text: Jira Cloud account ids contain colons.
		{"557058:f58131cb", automaton, true},
		{"id:557058:f58131cb", automaton, true},
		// Empty entries and people without attributes match nothing.
		{"", cloudAna, false},
		{"email:", cloudAna, false},
		{"", nobody, false},
		{"nobody", nobody, false},
	}
	for _, tt := range tests {
		if got := MatchPerson(tt.entry, tt.person); got != tt.want {
			t.Errorf("MatchPerson(%q, %+v) = %v, want %v", tt.entry, tt.person, got, tt.want)
		}
	}
}

func TestRolesByProjectAndDelegates(t *testing.T) {
	c, err := ParseConfig(".hatcheck.yaml", []byte(`
roles:
  product_owner: [ana@x.io]
  project_manager: [bo@x.io]
  delegates:
    product_owner: [Cy Park]
  bots: [Automation for Jira]
  by_project:
    PAY:
      product_owner: [bdiaz]
    OPS:
      project_manager: []
      delegates:
        project_manager: [ana@x.io]
scope:
  approvers: [product_owner, "display:Cy Park"]
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		person  Person
		project string
		role    Role
		want    bool
	}{
		{cloudAna, "WEB", ProductOwner, true},
		{cloudAna, "PAY", ProductOwner, false}, // PAY's own list replaces the global one
		{serverBo, "PAY", ProductOwner, true},
		{hiddenCy, "PAY", ProductOwner, true}, // global delegates still count: PAY sets none
		{hiddenCy, "WEB", ProductOwner, true},
		{hiddenCy, "WEB", ProjectManager, false},
		{serverBo, "OPS", ProjectManager, true},  // an empty list does not replace the global one
		{cloudAna, "OPS", ProjectManager, true},  // OPS's delegate
		{cloudAna, "WEB", ProjectManager, false}, // but only in OPS
		{nobody, "WEB", ProductOwner, false},
	}
	for _, tt := range tests {
		if got := c.InRole(tt.person, tt.project, tt.role); got != tt.want {
			t.Errorf("InRole(%s, %s, %s) = %v, want %v", tt.person, tt.project, tt.role, got, tt.want)
		}
	}
	if !c.IsBot(automaton) || c.IsBot(cloudAna) || c.IsBot(nobody) {
		t.Errorf("IsBot: want only the automation user")
	}
	for _, tt := range []struct {
		person  Person
		project string
		want    bool
	}{
		{cloudAna, "WEB", true},  // product owner
		{cloudAna, "PAY", false}, // not PAY's product owner
		{serverBo, "WEB", false}, // project manager: not among the approvers
		{serverBo, "PAY", true},
		{hiddenCy, "OPS", true}, // a delegate, and listed by name
		{nobody, "WEB", false},
	} {
		if got := c.IsApprover(tt.person, tt.project); got != tt.want {
			t.Errorf("IsApprover(%s, %s) = %v, want %v", tt.person, tt.project, got, tt.want)
		}
	}
}
