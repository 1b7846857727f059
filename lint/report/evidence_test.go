package report

import (
	"math"
	"testing"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
)

// JSONEvidence writes its values itself; the bytes must be those of the map it is, written
// by the marshaller with the report's options, for every kind of value a rule may give.
func TestJSONEvidenceIsTheMap(t *testing.T) {
	cases := []map[string]any{
		nil,
		{},
		{"rank": "0|i16q2j:", "value": 8.0, "position": 2141, "lower_above": 145, "tolerance": 0.0},
		{"b": true, "a": false, "n": nil, "z": "<&> \"quoted\" \\ é \u2028 \x01", "bad": "\xff\xfe"},
		{"floats": 1e21, "small": 1e-7, "neg": -0.0, "third": 1.0 / 3, "big": 123456789012345.0, "max": math.MaxFloat64},
		{"int64": int64(-42), "uint": uint(7), "float32": float32(0.1), "ints": []int{1, 2}, "names": []string{"PAY-1", "PAY-2"}},
		{"nested": map[string]any{"y": 1, "x": []any{"a", 2.5, nil}}, "when": time.Date(2026, 3, 20, 9, 30, 0, 0, time.UTC)},
		{"Zeta": 1, "alpha": 2, "_under": 3, "10": 4, "9": 5, "é": 6, "ünter": 7},
	}
	for _, ev := range cases {
		want, err := jsonv2.Marshal(ev, jsonOptions...)
		if err != nil {
			t.Fatal(err)
		}
		got, err := jsonv2.Marshal(JSONEvidence(ev), jsonOptions...)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("evidence %v:\n got  %s\n want %s", ev, got, want)
		}
	}
}
