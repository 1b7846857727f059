package lint

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseConfig checks that no configuration text makes the parser panic, and that every
// error it gives names the file.
func FuzzParseConfig(f *testing.F) {
	full, err := os.ReadFile(filepath.Join("..", "testdata", "config", "full.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(full)
	for _, seed := range []string{
		"", "version: 1\n", "roles: [a]\n", "waivers:\n  - rule: x\n", "scope: {grace: 1d2h}\n",
		"a: &a [*a]\n", "rules: {x: off}\n", "roles:\n  by_project:\n    PAY: {delegates: {product_owner: x}}\n",
		"{", "- - -", "format: [json=]\n", "since: 2026-02-30\n", "plan: {columns: {id: \"\"}}\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConfig("fuzz.yaml", data)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Pos.Path != "fuzz.yaml" {
				t.Fatalf("error %q (%T) does not name the file", err, err)
			}
			return
		}
		_ = c.CheckRuleNames(testRules)
	})
}

// FuzzParseBaseline checks that no baseline file makes the reader panic.
func FuzzParseBaseline(f *testing.F) {
	f.Add([]byte(`{"schema": "hatcheck/report@1", "findings": [{"rule": "r", "subject": "s", "fingerprint": "f"}]}`))
	f.Add([]byte(`{"schema": 1}`))
	f.Add([]byte("[]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBaseline("b.json", data)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Pos.Path != "b.json" {
				t.Fatalf("error %q (%T) does not name the file", err, err)
			}
			return
		}
		if b.Findings == nil {
			t.Fatal("a baseline without findings map")
		}
	})
}
