package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
	"go.yaml.in/yaml/v3"
)

// repoFile reads a file of the repository, relative to its root.
func repoFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// jsonFields lists the JSON names of a struct's fields and of the structs it holds.
func jsonFields(t reflect.Type, seen map[reflect.Type]bool, out map[string]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return
	}
	seen[t] = true
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		out[name] = true
		jsonFields(f.Type, seen, out)
	}
}

// TestReportSchemaDocumented keeps docs/report-schema.md in step with the JSON report:
// every field the json format writes is documented, and the documented example parses.
func TestReportSchemaDocumented(t *testing.T) {
	doc := repoFile(t, "docs/report-schema.md")
	fields := map[string]bool{}
	jsonFields(reflect.TypeOf(JSONReport{}), map[reflect.Type]bool{}, fields)
	for name := range fields {
		if !strings.Contains(doc, "`"+name+"`") {
			t.Errorf("docs/report-schema.md does not document the field %q", name)
		}
	}
	if !strings.Contains(doc, "`"+lint.ReportSchema+"`") {
		t.Errorf("docs/report-schema.md does not name the schema %s", lint.ReportSchema)
	}
	example := regexp.MustCompile("(?s)```json\n(.*?)```").FindStringSubmatch(doc)
	if example == nil {
		t.Fatal("docs/report-schema.md has no JSON example")
	}
	var rep JSONReport
	dec := json.NewDecoder(strings.NewReader(example[1]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Errorf("the example in docs/report-schema.md is not a report: %v", err)
	}
}

// TestActionInputs checks action.yml: every input the steps use is declared, and every
// declared input and output is used.
func TestActionInputs(t *testing.T) {
	text := repoFile(t, "action.yml")
	var action struct {
		Inputs  map[string]any `yaml:"inputs"`
		Outputs map[string]struct {
			Value string `yaml:"value"`
		} `yaml:"outputs"`
		Runs struct {
			Using string `yaml:"using"`
			Steps []struct {
				ID  string `yaml:"id"`
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal([]byte(text), &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", action.Runs.Using)
	}
	for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(text, -1) {
		if _, ok := action.Inputs[m[1]]; !ok {
			t.Errorf("action.yml uses undeclared input %q", m[1])
		}
	}
	for name := range action.Inputs {
		if !strings.Contains(text, "inputs."+name+" ") {
			t.Errorf("action.yml declares input %q but never uses it", name)
		}
	}
	var script string
	for _, s := range action.Runs.Steps {
		if s.ID == "lint" {
			script = s.Run
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("a run script pastes an expression into its text (use env instead):\n%s", s.Run)
		}
	}
	for name, o := range action.Outputs {
		if o.Value != "${{ steps.lint.outputs."+name+" }}" || !strings.Contains(script, name+"=") {
			t.Errorf("output %q is not set by the lint step (value %q)", name, o.Value)
		}
	}
}

// TestRuleDocAnchors checks the link scheme of rule documentation (DefaultRulesURL + "#"
// + rule): docs/rules.md has a "## RULE" heading for each rule, which is the anchor.
func TestRuleDocAnchors(t *testing.T) {
	doc := repoFile(t, "docs/rules.md")
	for _, r := range fixtureRules() {
		if !strings.Contains(doc, "\n## "+r.Name+"\n") {
			t.Errorf("docs/rules.md has no heading %q, so %s leads nowhere", "## "+r.Name, ruleURL(Options{}, r.Name))
		}
	}
}
