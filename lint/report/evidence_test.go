package report

import (
	"math"
	"testing"
	"time"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/hatcheck/hatcheck/lint"
)

// JSONEvidence writes its values itself; the bytes must be those of the map it is, written
// by the marshaller with the report's options, for every kind of value a rule may give.
func TestJSONEvidenceIsTheMap(t *testing.T) {
	cases := []map[string]any{
		nil,
		{},
		{"rank": "0|i16q2j:", "value": 8.0, "position": 2141, "lower_above": 145, "tolerance": 0.0},
		{"b": true, "a": false, "n": nil, "z": "<&> \"quoted\" \\ é \u2028 \x01", "bad": "\xff\xfe"},
		{"floats": 1e21, "small": 1e-7, "neg": math.Copysign(0, -1), "third": 1.0 / 3, "big": 123456789012345.0, "max": math.MaxFloat64},
		{"int64": int64(-42), "uint": uint(7), "float32": float32(0.1), "ints": []int{1, 2}, "names": []string{"PAY-1", "PAY-2"}},
		{"nested": map[string]any{"y": 1, "x": []any{"a", 2.5, nil}}, "when": time.Date(2026, 3, 20, 9, 30, 0, 0, time.UTC)},
		{"Zeta": 1, "alpha": 2, "_under": 3, "10": 4, "9": 5, "é": 6, "ünter": 7},
	}
	for _, ev := range cases {
		want, err := jsonv2.Marshal(ev, jsonOptions...)
		if err != nil {
			t.Fatal(err)
		}
		got, err := jsonv2.Marshal(JSONEvidence{Of: ev}, jsonOptions...)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("evidence %v:\n got  %s\n want %s", ev, got, want)
		}
	}
}

// An evidence struct is written as the map of its fields would be: names sorted, zero
// values left out where the tag says omitempty, embedded structs' fields among the others,
// numbers JSON cannot carry as null, and times as RFC 3339 text.
func TestJSONEvidenceStruct(t *testing.T) {
	type change struct {
		History string       `json:"history"`
		Time    lint.Instant `json:"time"`
	}
	type evidence struct {
		change
		Value    float64      `json:"value"`
		Rank     string       `json:"rank"`
		Count    int          `json:"count"`
		Done     bool         `json:"done"`
		End      lint.Instant `json:"window_end,omitempty"`
		Note     string       `json:"note,omitempty"`
		Keys     []string     `json:"keys"`
		internal int
	}
	at := time.Date(2026, 3, 20, 9, 30, 15, 250e6, time.UTC)
	cases := []struct {
		ev   evidence
		want map[string]any
	}{{
		ev: evidence{change: change{"10231", lint.InstantOf(at)}, Value: 8, Rank: "0|i16q2j:", Count: 145, Done: true,
			End: lint.InstantOf(at.Add(time.Hour)), Note: "<&>", Keys: []string{"PAY-1"}, internal: 7},
		want: map[string]any{"history": "10231", "time": "2026-03-20T09:30:15Z", "value": 8.0, "rank": "0|i16q2j:", "count": 145,
			"done": true, "window_end": "2026-03-20T10:30:15Z", "note": "<&>", "keys": []string{"PAY-1"}},
	}, {
		ev:   evidence{Value: math.NaN()},
		want: map[string]any{"history": "", "time": "", "value": nil, "rank": "", "count": 0, "done": false, "keys": nil},
	}}
	for _, c := range cases {
		want, err := jsonv2.Marshal(c.want, jsonOptions...)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range []any{c.ev, &c.ev} {
			got, err := jsonv2.Marshal(JSONEvidence{Of: ev}, jsonOptions...)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("evidence %+v:\n got  %s\n want %s", ev, got, want)
			}
		}
	}
}
