package plan

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// storedCopy repacks a workbook with its parts stored uncompressed and without CRCs
// (Go's zip reader checks a CRC only when one is recorded), so the fuzzer's byte changes
// reach the XML instead of failing the zip checks.
func storedCopy(t testing.TB, data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Store, CompressedSize64: uint64(len(body)), UncompressedSize64: uint64(len(body))})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzReadPlan feeds workbook bytes to the reader. Each input is a whole workbook, so
// minimising a new one takes long; run it with a short -fuzzminimizetime:
//
//	go test ./sources/plan -run XXX -fuzz FuzzReadPlan -fuzztime 60s -fuzzminimizetime 20x
func FuzzReadPlan(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(fixtureDir, "*.xlsx"))
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		if bytes.HasPrefix(data, []byte("PK")) {
			f.Add(storedCopy(f, data))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, problems, err := ReadFrom("fuzz.xlsx", bytes.NewReader(data), nil)
		if err != nil {
			var ie *lint.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T (%v), want *lint.InputError", err, err)
			}
			if !strings.HasPrefix(err.Error(), "fuzz.xlsx") {
				t.Fatalf("error does not name the file: %v", err)
			}
			// The reader turns a panic into an input error; the fuzzer must still see it.
			if strings.Contains(err.Error(), "malformed content") {
				t.Fatalf("panic while reading: %v", err)
			}
			return
		}
		if p == nil {
			t.Fatal("no plan and no error")
		}
		for _, task := range p.Tasks {
			if task.ID == "" || task.Name == "" || task.Row <= p.HeaderRow || task.Level < 1 {
				t.Fatalf("task %+v", task)
			}
			if task.Parent != nil && task.Parent.Level >= task.Level {
				t.Fatalf("task %s at level %d under %s at level %d", task.ID, task.Level, task.Parent.ID, task.Parent.Level)
			}
		}
		for _, pr := range problems {
			if pr.Pos.Path != "fuzz.xlsx" || pr.Pos.Sheet == "" || pr.Pos.Cell == "" || pr.Pos.Line < 1 || pr.Expected == "" {
				t.Fatalf("problem without a place: %+v", pr)
			}
		}
	})
}

func FuzzParseTextDate(f *testing.F) {
	for _, s := range []string{"2026-03-10", "3/10/2026", "3/10/26", "Mon 3/10/26", "March 10, 2026",
		"2026 March 10 8:00 AM", "10-Mar-2026", "10.03.2026", "31/02/2026", "Tuesday, March 10, 2026 17:00"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, dmy bool) {
		order := MDY
		if dmy {
			order = DMY
		}
		d, ok := ParseTextDate(s, order)
		if !ok {
			return
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("ParseTextDate(%q) = %v, not midnight UTC", s, d)
		}
		if d.Year() < 1900 || d.Year() > 9999 {
			t.Fatalf("ParseTextDate(%q) = %v, out of range", s, d)
		}
		if again, ok := ParseTextDate(d.Format("2006-01-02"), order); !ok || !again.Equal(d) {
			t.Fatalf("ParseTextDate(%q) = %v does not read back", s, d)
		}
	})
}

func FuzzParsePredecessors(f *testing.F) {
	for _, s := range []string{"2fs", "3SS+2d", "4FF-1w", "5;6", "1.2.3FS+4h", "7FS+3ed, 8SF-2ew", "9FS+50%", "3XX", "7 SS + 1.5 wks?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		links, bad := ParsePredecessors(s)
		for _, l := range links {
			switch l.Type {
			case lint.FinishToStart, lint.StartToStart, lint.FinishToFinish, lint.StartToFinish:
			default:
				t.Fatalf("link %+v from %q has type %q", l, s, l.Type)
			}
			if l.Ref == "" || l.Raw == "" || strings.ContainsAny(l.Raw, ",;") {
				t.Fatalf("link %+v from %q", l, s)
			}
			if again, ok := ParseLink(l.Raw); !ok || again != l {
				t.Fatalf("link %+v does not read back from %q: %+v", l, l.Raw, again)
			}
		}
		for _, b := range bad {
			if _, ok := ParseLink(b); ok || b == "" {
				t.Fatalf("entry %q reported bad but reads", b)
			}
		}
		if d, ok := ParseDuration(s); ok && (d < 0 || d != d) {
			t.Fatalf("ParseDuration(%q) = %v", s, d)
		}
	})
}
