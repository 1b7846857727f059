package rules

import "testing"

func TestUnrankedItem(t *testing.T) {
	tests := []struct {
		name  string
		build func(p *projectBuilder)
		want  []string
	}{
		{
			name: "unranked item in a ranked project",
			build: func(p *projectBuilder) {
				p.Issue("PAY-1").Rank("0|i0001:")
				p.Issue("PAY-2").Type("Bug")
				p.Issue("PAY-3").Done()
				p.Issue("PAY-4").Subtask()
			},
			want: []string{`export.json:200: PAY-2: Bug PAY-2 has no rank while 1 other issue of PAY is ranked; it sits outside the product owner's order`},
		},
		{
			name: "a project that does not rank is not checked",
			build: func(p *projectBuilder) {
				p.Issue("PAY-1").Rank("0|i0001:")
				p.Issue("PAY-2").Rank("0|i0002:")
				p.Issue("OPS-1")
				p.Issue("PAY-3")
			},
			want: []string{`export.json:400: PAY-3: Story PAY-3 has no rank while 2 other issues of PAY are ranked; it sits outside the product owner's order`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject()
			tt.build(p)
			expectFindings(t, run(t, UnrankedItem, p, newConfig()), tt.want...)
		})
	}
}
