package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/hatcheck/hatcheck/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenCases render the fixture through every format, and the text format also with
// colour and waived findings shown.
var goldenCases = []struct {
	file   string
	format string
	opts   Options
}{
	{"golden.txt", "text", Options{}},
	{"golden-color-waived.txt", "text", Options{Color: true, ShowWaived: true}},
	{"golden.json", "json", Options{}},
	{"golden.sarif", "sarif", Options{}},
	{"golden.github.txt", "github", Options{}},
	{"golden.md", "markdown", Options{}},
	{"golden.html", "html", Options{}},
	{"golden.junit.xml", "junit", Options{}},
	{"golden.rdjsonl", "rdjsonl", Options{}},
}

func TestGolden(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range goldenCases {
		covered[tc.format] = true
		t.Run(tc.file, func(t *testing.T) {
			got := render(t, tc.format, tc.opts, fixture())
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./lint/report -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s output differs from %s (run go test ./lint/report -update and review the diff):\n%s", tc.format, path, firstDifference(got, want))
			}
			// Output is deterministic: a second rendering is byte-identical.
			if again := render(t, tc.format, tc.opts, fixture()); !bytes.Equal(got, again) {
				t.Errorf("%s output differs between two renderings of the same report", tc.format)
			}
		})
	}
	for _, name := range Names() {
		if !covered[name] {
			t.Errorf("format %s has no golden file", name)
		}
	}
}

// render writes the report in one format.
func render(t *testing.T, format string, opts Options, r *lint.Report) []byte {
	t.Helper()
	f, err := Lookup(format, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf, r); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.Bytes()
}

// firstDifference shows the first line where two outputs differ.
func firstDifference(got, want []byte) string {
	gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w []byte
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if !bytes.Equal(g, w) {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + string(g) + "\nwant: " + string(w)
		}
	}
	return ""
}
