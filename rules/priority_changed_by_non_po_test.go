package rules

import "testing"

func TestPriorityChangedByNonPO(t *testing.T) {
	tests := []struct {
		name  string
		build func(p *projectBuilder)
		want  []string
	}{
		{
			name: "developer raises a priority",
			build: func(p *projectBuilder) {
				p.Issue("PAY-1").Created(ana, at(2, 9, 0)).PriorityChangedBy(dev, at(4, 14, 20), "Medium", "Highest")
			},
			want: []string{"export.json:101: PAY-1: Priority changed by Dev Patel on 2026-03-04 14:20 UTC from Medium to Highest; only the product owner (Ana Lima) sets priorities"},
		},
		{
			name: "product owner and delegate may, bots are ignored",
			build: func(p *projectBuilder) {
				p.Issue("PAY-1").
					PriorityChangedBy(ana, at(4, 9, 0), "Medium", "High").
					PriorityChangedBy(dana, at(5, 9, 0), "High", "Low").
					PriorityChangedBy(bot, at(6, 9, 0), "Low", "Lowest")
			},
		},
		{
			name: "a change with no author counts as not the product owner",
			build: func(p *projectBuilder) {
				p.Issue("PAY-1")
				p.Issue("PAY-2").PriorityChangedBy(nobody, at(4, 9, 0), "", "High")
			},
			want: []string{"export.json:201: PAY-2: Priority changed by an anonymous user on 2026-03-04 09:00 UTC from none to High; only the product owner (ana@x.io) sets priorities"},
		},
		{
			name: "other fields are not priority",
			build: func(p *projectBuilder) {
				p.Issue("PAY-1").RankedBy(ana, at(4, 9, 0)).EstimateChangedBy(dev, at(4, 10, 0), "3", "5")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			tt.build(p)
			expectFindings(t, run(t, PriorityChangedByNonPO, p, newConfig()), tt.want...)
		})
	}
}

func TestPriorityChangedByNonPOEvidence(t *testing.T) {
	p := newProject()
	p.Issue("PAY-1").PriorityChangedBy(sam, at(4, 14, 20), "Medium", "High")
	res := run(t, PriorityChangedByNonPO, p, newConfig())
	if len(res.findings) != 1 {
		t.Fatalf("got %d findings, want 1", len(res.findings))
	}
	f := res.findings[0]
	want := map[string]any{"history": "101", "author": "Sam Server", "time": "2026-03-04T14:20:00Z", "field": "priority", "from": "Medium", "to": "High"}
	if got, want := evidenceJSON(t, f.Evidence), evidenceJSON(t, want); got != want {
		t.Errorf("evidence = %s, want %s", got, want)
	}
	if len(f.Identity) != 1 || f.Identity[0] != "101" {
		t.Errorf("identity = %q, want [101]", f.Identity)
	}
}
