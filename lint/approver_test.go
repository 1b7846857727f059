package lint

import (
	"testing"
	"time"
)

func TestIsApproverNamed(t *testing.T) {
	ana := Person{AccountID: "5b10a2844c20165700ede21g", DisplayName: "Ana Lima", Email: "ana@x.io"}
	anaHidden := Person{AccountID: "5b10a2844c20165700ede21g", DisplayName: "Ana Lima"}
	sam := Person{Key: "JIRAUSER10100", Name: "sam", DisplayName: "Sam Server"}
	project := &Project{Issues: []*Issue{
		{Key: "PAY-1", Project: "PAY", Assignee: &anaHidden, Histories: []History{{Author: &ana}}},
		{Key: "OPS-1", Project: "OPS", Reporter: &sam},
	}}
	cfg := DefaultConfig()
	cfg.Roles.ProductOwner = []string{"email:ana@x.io"}
	cfg.Roles.ProjectManager = []string{"id:JIRAUSER10100"}
	pass := NewPass(&Rule{Name: "test"}, project, cfg, time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC), nil, func(Finding) {}, func(string, string, float64) {})
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Ana Lima", true},   // her display name, though the role names her email
		{" ana lima ", true}, // as typed in a cell
		{"ana@x.io", true},   // the configured entry itself
		{"Sam Server", true}, // a Server user whose role names his key
		{"sam", true},
		{"Dev Patel", false}, // nobody of the input, and no role
		{"", false},
	} {
		if got := pass.IsApproverNamed(tc.text, "PAY"); got != tc.want {
			t.Errorf("IsApproverNamed(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
