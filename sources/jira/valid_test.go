package jira

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

func TestValidAgreesWithJSONText(t *testing.T) {
	nested := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	for _, s := range []string{
		``, ` `, `{}`, `[]`, `{"a":1}`, ` {"a" : [1, 2.5e-3, -0, true, false, null, "x"]} `, "{}\n",
		`{"a":1,}`, `[1,]`, `[,1]`, `{"a"}`, `{"a":}`, `{1:2}`, `{"a":1 "b":2}`, `[1 2]`, `[]x`, `{}{}`,
		`-`, `-01`, `01`, `1.`, `.5`, `1e`, `1E+2`, `1e-`, `+1`, `0x10`, `tru`, `truex`, `nul`, `[nulll]`,
		`"\ud800"`, `"\ud800\u0041"`, "\"\xff\"", "\"\x7f\"", "\"\x1f\"", "\"a\tb\"", `"\u00zz"`, `"\u12"`,
		`"\x"`, `"\/\b\f\n\r\t\"\\"`, `"abcdefghijklmnop\"qrstuvwxyz"`, `"unterminated`, `"ends in backslash\`,
		"\"\xe2\x82\"", "[\"\xe2\x82\xac\"]", "\xef\xbb\xbf{}", `{"a":{"b":{"c":[[]]}}}`, `{"a":{"b":1]}`, `[}`,
		nested(9999), nested(10000), nested(10001), `{"a":` + nested(9999) + `}`, `{"a":` + nested(10000) + `}`,
	} {
		want := jsontext.Value(s).IsValid(decodeOptions...)
		if got := valid([]byte(s), nil); got != want {
			t.Errorf("valid(%.40q) = %v, jsontext says %v", s, got, want)
		}
	}
}

// FuzzValid holds valid to jsontext's answer on any input, seeded with the test exports.
func FuzzValid(f *testing.F) {
	files, _ := filepath.Glob(testdata + "*")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"a":"\u00e9\ud83d\ude00","b":[1,-2.5E+3,true,false,null,{}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		want := jsontext.Value(b).IsValid(decodeOptions...)
		if got := valid(b, make([]int32, len(b))); got != want {
			t.Fatalf("valid(%q) = %v, jsontext says %v", b, got, want)
		}
	})
}

// BenchmarkValid compares valid with jsontext's own check on the issues of the test exports
// (go test ./sources/jira -bench Valid).
func BenchmarkValid(b *testing.B) {
	var issues []jsontext.Value
	for _, name := range []string{"cloud-search.json", "server-search.json"} {
		data, err := os.ReadFile(testdata + name)
		if err != nil {
			b.Fatal(err)
		}
		var doc struct {
			Issues []jsontext.Value `json:"issues"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			b.Fatal(err)
		}
		issues = append(issues, doc.Issues...)
	}
	size := 0
	for _, v := range issues {
		size += len(v)
	}
	ends := make([]int32, size)
	b.Run("valid", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, v := range issues {
				if !valid(v, ends) {
					b.Fatal("not valid")
				}
			}
		}
	})
	b.Run("jsontext", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, v := range issues {
				if !v.IsValid(decodeOptions...) {
					b.Fatal("not valid")
				}
			}
		}
	})
}
