package plan

import (
	"fmt"
	"testing"
)

func TestSmoke(t *testing.T) {
	p, probs, err := Read("../../../shared/realworld/packt-project-plan.xlsx", nil)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(p.Sheet, p.HeaderRow, p.Columns, len(p.Tasks))
	for _, t := range p.Tasks {
		par := ""
		if t.Parent != nil {
			par = t.Parent.ID
		}
		fmt.Printf("%s r%d L%d sum=%v par=%s %q owner=%q %s %s dur=%v pred=%+v\n", t.ID, t.Row, t.Level, t.Summary, par, t.Name, t.Owner, t.Start.Format("2006-01-02"), t.Finish.Format("2006-01-02"), t.Duration, t.Predecessors)
	}
	fmt.Println(probs)
}
