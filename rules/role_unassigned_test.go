package rules

import (
	"reflect"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestRoleUnassigned(t *testing.T) {
	// The rules enabled in these tests, so messages do not change as the catalogue grows.
	enabled := []*lint.Rule{RankChangedByNonPO, DateChangedByNonPM, RankValueInversion, RoleUnassigned}
	tests := []struct {
		name    string
		config  func(c *lint.Config)
		enabled []*lint.Rule
		want    []string
	}{{
		name: "both roles assigned globally",
	}, {
		name: "no roles at all",
		config: func(c *lint.Config) {
			c.Roles.ProductOwner, c.Roles.ProjectManager = nil, nil
		},
		want: []string{
			"-: OPS: Project OPS has no product owner configured, so rank-changed-by-non-po is skipped for its issues; set roles.product_owner or roles.by_project.OPS.product_owner",
			"-: OPS: Project OPS has no project manager configured, so date-changed-by-non-pm is skipped for its issues; set roles.project_manager or roles.by_project.OPS.project_manager",
			"-: PAY: Project PAY has no product owner configured, so rank-changed-by-non-po is skipped for its issues; set roles.product_owner or roles.by_project.PAY.product_owner",
			"-: PAY: Project PAY has no project manager configured, so date-changed-by-non-pm is skipped for its issues; set roles.project_manager or roles.by_project.PAY.project_manager",
		},
	}, {
		name: "a project's own product owner, and only a delegate for the project manager",
		config: func(c *lint.Config) {
			c.Roles.ProductOwner, c.Roles.ProjectManager = nil, nil
			c.Roles.Delegates.ProjectManager = []string{"dana@x.io"}
			c.Roles.ByProject = map[string]lint.ProjectRoles{"PAY": {ProductOwner: []string{"ana@x.io"}}}
		},
		enabled: []*lint.Rule{RankChangedByNonPO, RoleUnassigned},
		want: []string{
			"-: OPS: Project OPS has no product owner configured, so rank-changed-by-non-po is skipped for its issues; set roles.product_owner or roles.by_project.OPS.product_owner",
			"-: OPS: Project OPS has no project manager configured; set roles.project_manager or roles.by_project.OPS.project_manager",
			"-: PAY: Project PAY has no project manager configured; set roles.project_manager or roles.by_project.PAY.project_manager",
		},
	}, {
		name: "an empty per-project list falls back to the global one",
		config: func(c *lint.Config) {
			c.Roles.ByProject = map[string]lint.ProjectRoles{"PAY": {}}
		},
	}, {
		name: "several rules skipped",
		config: func(c *lint.Config) {
			c.Roles.ByProject = map[string]lint.ProjectRoles{"OPS": {ProjectManager: []string{"sam"}}}
			c.Roles.ProductOwner = nil
		},
		enabled: []*lint.Rule{RankChangedByNonPO, {Name: "priority-changed-by-non-po", Needs: []lint.Role{lint.ProductOwner}}},
		want: []string{
			"-: OPS: Project OPS has no product owner configured, so rank-changed-by-non-po, priority-changed-by-non-po are skipped for its issues; set roles.product_owner or roles.by_project.OPS.product_owner",
			"-: PAY: Project PAY has no product owner configured, so rank-changed-by-non-po, priority-changed-by-non-po are skipped for its issues; set roles.product_owner or roles.by_project.PAY.product_owner",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			p.Issue("PAY-1")
			p.Issue("OPS-1")
			p.Issue("PAY-2")
			cfg := newConfig()
			if tt.config != nil {
				tt.config(cfg)
			}
			e := enabled
			if tt.enabled != nil {
				e = tt.enabled
			}
			expectFindings(t, runEnabled(t, RoleUnassigned, p, cfg, e), tt.want...)
		})
	}
}

func TestRoleUnassignedEvidence(t *testing.T) {
	p := newProject()
	p.Issue("PAY-1")
	cfg := newConfig()
	cfg.Roles.ProjectManager = nil
	res := runEnabled(t, RoleUnassigned, p, cfg, []*lint.Rule{DateChangedByNonPM})
	if len(res.findings) != 1 {
		t.Fatalf("got %d findings, want 1", len(res.findings))
	}
	f := res.findings[0]
	want := map[string]any{"project": "PAY", "role": "project_manager", "skipped_rules": []string{"date-changed-by-non-pm"}}
	if evidenceJSON(t, f.Evidence) != evidenceJSON(t, want) {
		t.Errorf("evidence = %v, want %v", f.Evidence, want)
	}
	if !reflect.DeepEqual(f.Identity, []string{"project_manager"}) {
		t.Errorf("identity = %q", f.Identity)
	}
}
