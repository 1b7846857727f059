package rules

import (
	"reflect"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

func TestInputValueInvalid(t *testing.T) {
	p := newProject()
	p.ChangeRequest("CR-1", "Approved", "ana@x.io", at(5, 0, 0), "PAY-1")
	p.project.Plan.Columns = map[string]string{"name": "Task Name", "finish": "Finish Date"}
	p.Problem(lint.ValueProblem{
		Pos:     lint.Position{Path: "plan.xlsx", Line: 7, Sheet: "Plan", Cell: "F7"},
		Subject: "4", Field: "finish", Value: "31/02/2026", Expected: "a date like 2026-03-10",
	})
	p.Problem(lint.ValueProblem{
		Pos:     lint.Position{Path: "plan.xlsx", Line: 3, Sheet: "Changes", Cell: "F3"},
		Subject: "CR-1", Field: "approved_on", Value: "soon", Expected: "a date like 2026-03-10",
	})
	p.Problem(lint.ValueProblem{
		Pos:     lint.Position{Path: "export.json", Line: 1042, Column: 17},
		Subject: "PAY-9", Field: "Story Points", Value: "XL", Expected: "a number",
	})
	p.Problem(lint.ValueProblem{
		Pos:   lint.Position{Path: "export.json", Line: 12},
		Field: "sprint", Value: `com.atlassian.greenhopper.service.sprint.Sprint@1bf75fd[id=x]`, Expected: "a sprint id",
	})
	p.Problem(lint.ValueProblem{
		Pos:     lint.Position{Path: "plan.xlsx", Line: 9, Sheet: "Plan", Cell: "H9"},
		Subject: "6", Field: "predecessors", Value: "3XX",
	})
	res := run(t, InputValueInvalid, p, newConfig())
	expectFindings(t, res,
		`plan.xlsx:Plan!F7: 4: Cannot read Finish Date "31/02/2026": expected a date like 2026-03-10; task 4 is checked without it`,
		`plan.xlsx:Changes!F3: CR-1: Cannot read approved on "soon": expected a date like 2026-03-10; change request CR-1 is checked without it`,
		`export.json:1042:17: PAY-9: Cannot read Story Points "XL": expected a number; PAY-9 is checked without it`,
		`export.json:12: export.json: Cannot read sprint "com.atlassian.greenhopper.service.sprint.Sprint@1bf75fd[id=x]": expected a sprint id; the value is ignored`,
		`plan.xlsx:Plan!H9: 6: Cannot read predecessors "3XX"; task 6 is checked without it`,
	)
	f := res.findings[0]
	if want := (map[string]any{"field": "finish", "value": "31/02/2026", "expected": "a date like 2026-03-10"}); evidenceJSON(t, f.Evidence) != evidenceJSON(t, want) {
		t.Errorf("evidence = %v, want %v", f.Evidence, want)
	}
	if want := []string{"finish", "31/02/2026"}; !reflect.DeepEqual(f.Identity, want) {
		t.Errorf("identity = %q, want %q", f.Identity, want)
	}
}

func TestInputValueInvalidNone(t *testing.T) {
	p := newProject()
	p.Issue("PAY-1").Value(3)
	expectFindings(t, run(t, InputValueInvalid, p, newConfig()))
}
