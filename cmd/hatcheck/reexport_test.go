package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestFingerprintsSurviveReexport lints the demo export and the same Jira data exported
// again — issues in the opposite order, members in another order, other indentation, so
// every finding sits on another line — and checks that the fingerprints are the same:
// a baseline or a waiver keyed on them must not break because Jira was asked again.
func TestFingerprintsSurviveReexport(t *testing.T) {
	original := filepath.Join("..", "..", "testdata", "demo", "jira-export.json")
	reexport := filepath.Join(t.TempDir(), "jira-export.json")
	data, err := os.ReadFile(original)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(reexport, reserialised(t, data), 0o644); err != nil {
		t.Fatal(err)
	}

	before := reexportFingerprints(t, original)
	after := reexportFingerprints(t, reexport)
	if len(before) < 20 {
		t.Fatalf("the demo gives %d findings; the test needs the demo's many findings to mean anything", len(before))
	}
	moved := 0
	for fp, b := range before {
		a, ok := after[fp]
		if !ok {
			t.Errorf("%s %s (%s): fingerprint %s is gone after the re-export", b.rule, b.subject, b.place, fp)
			continue
		}
		if a.rule != b.rule || a.subject != b.subject {
			t.Errorf("fingerprint %s: %s %s before, %s %s after", fp, b.rule, b.subject, a.rule, a.subject)
		}
		if a.place != b.place {
			moved++
		}
	}
	for fp, a := range after {
		if _, ok := before[fp]; !ok {
			t.Errorf("%s %s (%s): fingerprint %s is new after the re-export", a.rule, a.subject, a.place, fp)
		}
	}
	if moved == 0 {
		t.Errorf("no finding moved to another line: the re-export does not test anything")
	}
	t.Logf("%d findings, %d of them on another line after the re-export", len(before), moved)
}

// reexportFinding is what TestFingerprintsSurviveReexport keeps of a finding.
type reexportFinding struct{ rule, subject, place string }

// reexportFingerprints lints the demo with the given Jira export in place of its own and
// returns its findings by fingerprint. Two findings sharing a fingerprint fail the test.
func reexportFingerprints(t *testing.T, export string) map[string]reexportFinding {
	t.Helper()
	var stdout, stderr bytes.Buffer
	args := []string{"-c", filepath.Join("..", "..", "testdata", "demo", "hatcheck.yaml"), "-j", export, "--now", "2026-03-06", "-f", "json"}
	if code := run(args, nil, &stdout, &stderr); code != exitOK && code != exitFindings {
		t.Fatalf("hatcheck %s: exit %d, stderr:\n%s", strings.Join(args, " "), code, stderr.String())
	}
	var rep struct {
		Findings []struct {
			Rule, Subject, Fingerprint string
			Location                   struct {
				Path        string
				Line        int
				Sheet, Cell string
			}
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("the report is not JSON: %v", err)
	}
	out := map[string]reexportFinding{}
	for _, f := range rep.Findings {
		if _, dup := out[f.Fingerprint]; dup || f.Fingerprint == "" {
			t.Errorf("%s %s: fingerprint %q is not unique", f.Rule, f.Subject, f.Fingerprint)
		}
		place := "line " + strconv.Itoa(f.Location.Line)
		if f.Location.Sheet != "" {
			place = f.Location.Sheet + "!" + f.Location.Cell
		}
		out[f.Fingerprint] = reexportFinding{f.Rule, f.Subject, place}
	}
	return out
}

// reserialised returns the same JSON document written as another export would write it:
// the issues in the opposite order, every object's members sorted by name (Jira writes
// them in its own order), indented with tabs rather than spaces, with HTML characters
// escaped, and numbers kept exactly as written.
func reserialised(t *testing.T, data []byte) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	issues, ok := doc["issues"].([]any)
	if !ok || len(issues) < 2 {
		t.Fatalf("the demo export has no issues to reorder")
	}
	slices.Reverse(issues)
	out, err := json.MarshalIndent(doc, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(out, data) {
		t.Fatal("the re-export is byte for byte the original")
	}
	return append(out, '\n')
}
