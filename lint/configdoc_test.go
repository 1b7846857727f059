package lint

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestConfigDocsMatchTheParser keeps docs/configuration.md, testdata/config/full.yaml and the
// parser in step: full.yaml parses (so its keys are real), and every key it sets is
// documented, and every documented key is set in it.
func TestConfigDocsMatchTheParser(t *testing.T) {
	full := filepath.Join("..", "testdata", "config", "full.yaml")
	data, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseConfig(full, data); err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	// Below these keys the names are the user's (project keys, column roles, rule names).
	open := []string{"roles.by_project", "plan.columns", "rules"}
	var set, sections []string
	var walk func(n *yaml.Node, prefix string)
	walk = func(n *yaml.Node, prefix string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				key := joinKey(prefix, n.Content[i].Value)
				v := n.Content[i+1]
				if slices.Contains(open, key) || (v.Kind != yaml.MappingNode && v.Kind != yaml.SequenceNode) || isListOfValues(v) {
					set = append(set, key)
					continue
				}
				sections = append(sections, key)
				walk(v, key)
			}
		case yaml.SequenceNode: // the waivers: their keys are documented bare
			set = append(set, prefix)
			for _, item := range n.Content {
				walk(item, "")
			}
		}
	}
	walk(doc.Content[0], "")

	md, err := os.ReadFile(filepath.Join("..", "docs", "configuration.md"))
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for _, m := range regexp.MustCompile("(?m)^(?:\\| `|### `)([a-z_.]+)`").FindAllSubmatch(md, -1) {
		documented = append(documented, string(m[1]))
	}
	for _, k := range set {
		if !slices.Contains(documented, k) {
			t.Errorf("%s sets %q, which docs/configuration.md does not document", full, k)
		}
	}
	for _, k := range documented {
		if !slices.Contains(set, k) && !slices.Contains(sections, k) {
			t.Errorf("docs/configuration.md documents %q, which %s does not set", k, full)
		}
	}
}

func isListOfValues(n *yaml.Node) bool {
	if n.Kind != yaml.SequenceNode {
		return false
	}
	for _, e := range n.Content {
		if e.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}
