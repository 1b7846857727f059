package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
)

// ReportSchema names the JSON report format; a baseline must be a report of this schema.
const ReportSchema = "hatcheck/report@1"

// Baseline is an earlier run's JSON report, reduced to what marks findings as known.
type Baseline struct {
	Path string
	// Findings maps each fingerprint of the earlier report to its rule, so that findings
	// of rules that did not run this time are not counted as fixed.
	Findings map[string]string
}

// ReadBaseline reads a JSON report written by an earlier run (--format json). Anything
// else (not JSON, another schema, a finding without a fingerprint) is an *InputError
// naming the file and, for bad JSON, the line and column.
func ReadBaseline(file string) (*Baseline, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, &InputError{Pos: Position{Path: file}, Msg: "cannot read the baseline: " + pathErrorText(err), Err: err}
	}
	return ParseBaseline(file, data)
}

// ParseBaseline reads a baseline report from data, naming file in errors.
func ParseBaseline(file string, data []byte) (*Baseline, error) {
	var doc struct {
		Schema   *string `json:"schema"`
		Findings []struct {
			Rule        string `json:"rule"`
			Subject     string `json:"subject"`
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, jsonError(file, data, err)
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		line, col := lineColumn(data, skipSpace(data, end))
		return nil, &InputError{Pos: Position{Path: file, Line: line, Column: col}, Msg: "unexpected data after the report: a baseline is one JSON report written by hatcheck --format json"}
	}
	switch {
	case doc.Schema == nil:
		return nil, &InputError{Pos: Position{Path: file}, Msg: fmt.Sprintf("not a hatcheck report: no \"schema\" key (expected %q, as written by hatcheck --format json)", ReportSchema)}
	case *doc.Schema != ReportSchema:
		return nil, &InputError{Pos: Position{Path: file}, Msg: fmt.Sprintf("schema %q is not %q: a baseline is a report written by hatcheck --format json", *doc.Schema, ReportSchema)}
	}
	b := &Baseline{Path: file, Findings: make(map[string]string, len(doc.Findings))}
	for i, f := range doc.Findings {
		if f.Fingerprint == "" {
			return nil, &InputError{Pos: Position{Path: file}, Msg: fmt.Sprintf("finding %d (%s %s) has no fingerprint", i+1, f.Rule, f.Subject)}
		}
		b.Findings[f.Fingerprint] = f.Rule
	}
	return b, nil
}

// jsonError turns a decoding error into an *InputError with the line and column it happened at.
func jsonError(file string, data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		// The offset counts the byte at fault; the column names that byte.
		line, col := lineColumn(data, syntax.Offset-1)
		return &InputError{Pos: Position{Path: file, Line: line, Column: col}, Msg: syntax.Error(), Err: err}
	case errors.As(err, &typ):
		line, col := lineColumn(data, skipSpace(data, typ.Offset))
		where := typ.Field
		if where == "" {
			where = "the report"
		}
		return &InputError{Pos: Position{Path: file, Line: line, Column: col}, Msg: fmt.Sprintf("%s: expected %s, found a JSON %s", where, jsonKind(typ.Type), typ.Value), Err: err}
	case errors.Is(err, io.EOF):
		return &InputError{Pos: Position{Path: file}, Msg: "the file is empty: expected a JSON report written by hatcheck --format json", Err: err}
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := lineColumn(data, int64(len(data)))
		return &InputError{Pos: Position{Path: file, Line: line, Column: col}, Msg: "unexpected end of the file: the report is cut short", Err: err}
	}
	return &InputError{Pos: Position{Path: file}, Msg: err.Error(), Err: err}
}

// jsonKind names what a Go type reads from JSON, for messages.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	}
	return "a number"
}

// skipSpace returns the offset of the first byte at or after offset that is not JSON
// white space, so that a message points at the next token rather than before it.
func skipSpace(data []byte, offset int64) int64 {
	for offset < int64(len(data)) && strings.IndexByte(" \t\r\n", data[offset]) >= 0 {
		offset++
	}
	return offset
}

// lineColumn turns a 0-based byte offset into a 1-based line and column.
func lineColumn(data []byte, offset int64) (line, col int) {
	offset = max(0, min(offset, int64(len(data))))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - bytes.LastIndexByte(before, '\n')
	return line, col
}
