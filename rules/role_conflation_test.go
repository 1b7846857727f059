package rules

import (
	"reflect"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestRoleConflation(t *testing.T) {
	tests := []struct {
		name   string
		build  func(p *projectBuilder)
		config func(c *lint.Config)
		want   []string
	}{{
		name: "different people",
	}, {
		name: "the same entry in both roles",
		config: func(c *lint.Config) {
			c.Roles.ProjectManager = []string{" ANA@x.io "}
		},
		want: []string{
			"-: PAY: ana@x.io is both product owner and project manager in PAY; allowed, but nobody else weighs value against dates",
		},
	}, {
		name: "one person written two ways, recognised through the input",
		build: func(p *projectBuilder) {
			p.Issue("PAY-2").Assignee(ana)
		},
		config: func(c *lint.Config) {
			c.Roles.ProjectManager = []string{"display:Ana Lima"}
		},
		want: []string{
			"-: PAY: Ana Lima is both product owner and project manager in PAY; allowed, but nobody else weighs value against dates",
		},
	}, {
		name: "the project manager is the product owner's delegate",
		build: func(p *projectBuilder) {
			p.Issue("PAY-2").RankedBy(paul, at(4, 10, 0))
		},
		config: func(c *lint.Config) {
			c.Roles.Delegates.ProductOwner = []string{"paul@x.io"}
		},
		want: []string{
			"-: PAY: Paul Moreno is both delegate of the product owner and project manager in PAY; allowed, but nobody else weighs value against dates",
		},
	}, {
		name: "per-project roles: a Server user holds both hats in OPS only",
		build: func(p *projectBuilder) {
			p.Issue("OPS-1").Created(sam, at(1, 9, 0))
		},
		config: func(c *lint.Config) {
			c.Roles.ByProject = map[string]lint.ProjectRoles{"OPS": {
				ProductOwner:   []string{"JIRAUSER10100"},
				ProjectManager: []string{"sam@x.io"},
			}}
		},
		want: []string{
			"-: OPS: Sam Server is both product owner and project manager in OPS; allowed, but nobody else weighs value against dates",
		},
	}, {
		name: "one person named by several entries is one finding",
		build: func(p *projectBuilder) {
			p.Issue("PAY-2").Assignee(ana)
			// The same account seen again without its email, so other entries match it first.
			p.Issue("PAY-3").RankedBy(lint.Person{AccountID: ana.AccountID, DisplayName: ana.DisplayName}, at(4, 10, 0))
		},
		config: func(c *lint.Config) {
			c.Roles.ProductOwner = []string{"ana@x.io", "id:" + ana.AccountID, "Ana Lima"}
			c.Roles.ProjectManager = []string{"Ana Lima"}
		},
		want: []string{
			"-: PAY: Ana Lima is both product owner and project manager in PAY; allowed, but nobody else weighs value against dates",
		},
	}, {
		name: "a person with no attributes matches nobody",
		build: func(p *projectBuilder) {
			p.Issue("PAY-2").RankedBy(nobody, at(4, 10, 0))
		},
		config: func(c *lint.Config) {
			c.Roles.ProductOwner = []string{"nobody"}
			c.Roles.ProjectManager = []string{"id:nobody"}
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			p.Issue("PAY-1")
			if tt.build != nil {
				tt.build(p)
			}
			cfg := newConfig()
			if tt.config != nil {
				tt.config(cfg)
			}
			expectFindings(t, run(t, RoleConflation, p, cfg), tt.want...)
		})
	}
}

func TestRoleConflationIdentity(t *testing.T) {
	p := newProject()
	p.Issue("PAY-1").Assignee(ana)
	p.Issue("OPS-1").Reporter(lint.Person{AccountID: ana.AccountID, Email: "ana@x.io"})
	cfg := newConfig()
	cfg.Roles.ProjectManager = []string{"id:" + ana.AccountID}
	res := run(t, RoleConflation, p, cfg)
	// Two people of the input that are one person (one seen without a display name) make
	// one conflation per project, named as the input first shows her.
	want := []string{
		"-: OPS: Ana Lima is both product owner and project manager in OPS; allowed, but nobody else weighs value against dates",
		"-: PAY: Ana Lima is both product owner and project manager in PAY; allowed, but nobody else weighs value against dates",
	}
	expectFindings(t, res, want...)
	for _, f := range res.findings {
		if !reflect.DeepEqual(f.Identity, []string{"ana@x.io", "id:5b10a2844c20165700ede21g"}) {
			t.Errorf("%s: identity = %q", f.Subject, f.Identity)
		}
		wantEvidence := map[string]any{"person": "Ana Lima", "product_owner": "ana@x.io", "project_manager": "id:5b10a2844c20165700ede21g"}
		if evidenceJSON(t, f.Evidence) != evidenceJSON(t, wantEvidence) {
			t.Errorf("%s: evidence = %v", f.Subject, f.Evidence)
		}
	}
}
