package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"github.com/hatcheck/hatcheck/lint"
)

// Schema names the version of the JSON report. It changes only when a field changes
// meaning or disappears; new fields may be added within a version (docs/report-schema.md).
const Schema = lint.ReportSchema

// JSON is the machine-readable report, also read back as a --baseline.
type JSON struct{}

// JSONReport is the document the json format writes, field for field as
// docs/report-schema.md describes it.
type JSONReport struct {
	Schema   string           `json:"schema"`
	Tool     lint.Tool        `json:"tool"`
	Now      string           `json:"now"`
	Inputs   []JSONInput      `json:"inputs"`
	Summary  JSONSummary      `json:"summary"`
	Findings []JSONFinding    `json:"findings"`
	Errors   []lint.RuleError `json:"errors,omitempty"`
	Skipped  []lint.RuleSkip  `json:"skipped,omitempty"`
}

// JSONInput is one input file.
type JSONInput struct {
	Kind           string `json:"kind"`
	Path           string `json:"path"`
	Issues         *int   `json:"issues,omitempty"`
	Tasks          *int   `json:"tasks,omitempty"`
	ChangeRequests *int   `json:"change_requests,omitempty"`
}

// JSONSummary counts the findings.
type JSONSummary struct {
	Total    int            `json:"total"`
	Error    int            `json:"error"`
	Warning  int            `json:"warning"`
	Info     int            `json:"info"`
	Waived   int            `json:"waived"`
	Baseline int            `json:"baseline"`
	New      int            `json:"new"`
	Fixed    int            `json:"fixed"`
	ByRule   map[string]int `json:"by_rule"`
	// Metrics hold null where a value is not a number (a tau over fewer than two items).
	Metrics map[string]map[string]*float64 `json:"metrics"`
}

// JSONFinding is one finding.
type JSONFinding struct {
	Rule        string        `json:"rule"`
	Category    lint.Category `json:"category"`
	Severity    lint.Severity `json:"severity"`
	Subject     string        `json:"subject"`
	Message     string        `json:"message"`
	Location    JSONLocation  `json:"location"`
	Related     []JSONRelated `json:"related,omitempty"`
	Evidence    JSONEvidence  `json:"evidence,omitzero"`
	Fingerprint string        `json:"fingerprint"`
	Status      lint.Status   `json:"status"`
	Waiver      *JSONWaiver   `json:"waiver,omitempty"`
}

// JSONEvidence is a finding's evidence (lint.Finding.Evidence): a map of values by name, or
// a struct, written as an object with its names sorted like any map's. The values rules
// give (text, numbers, booleans) are written as they are; others go through the
// marshaller. Numbers JSON cannot carry (NaN, infinities) are written as null, so one odd
// value never costs the whole report. A report has tens of thousands of these, so writing
// them by hand is worth it: the marshaller's reflection over a map[string]any was most of
// the time spent on the findings.
type JSONEvidence struct {
	Of any
	// fields, when set, keeps the fields of the struct types written, for the next
	// findings a writer converts: one reflection over each type, not one for each finding.
	fields evidenceTypes
}

// IsZero reports whether there is no evidence to write: none, or an empty map.
func (ev JSONEvidence) IsZero() bool {
	if m, ok := ev.Of.(map[string]any); ok {
		return len(m) == 0
	}
	return ev.Of == nil
}

// MarshalJSONTo writes the evidence with the encoder's options.
func (ev JSONEvidence) MarshalJSONTo(enc *jsontext.Encoder) error {
	switch v := ev.Of.(type) {
	case nil:
		return enc.WriteToken(jsontext.Null)
	case map[string]any:
		if v == nil {
			return enc.WriteToken(jsontext.Null)
		}
		return writeMap(enc, v)
	}
	rv := reflect.ValueOf(ev.Of)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return json.MarshalEncode(enc, finiteValue(ev.Of))
	}
	if err := enc.WriteToken(jsontext.BeginObject); err != nil {
		return err
	}
	for _, f := range ev.fields.of(rv.Type()) {
		fv := rv.FieldByIndex(f.index)
		if f.omitEmpty && fv.IsZero() {
			continue
		}
		if err := enc.WriteToken(jsontext.String(f.name)); err != nil {
			return err
		}
		if err := writeValue(enc, fv.Interface()); err != nil {
			return err
		}
	}
	return enc.WriteToken(jsontext.EndObject)
}

// UnmarshalJSON reads evidence back, as a map: programs that read reports with these types
// get the values by name.
func (ev *JSONEvidence) UnmarshalJSON(b []byte) error {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	ev.Of = m
	return nil
}

// writeMap writes a map of evidence values, its names sorted.
func writeMap(enc *jsontext.Encoder, m map[string]any) error {
	var stack [16]string
	names := stack[:0]
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	if err := enc.WriteToken(jsontext.BeginObject); err != nil {
		return err
	}
	for _, name := range names {
		if err := enc.WriteToken(jsontext.String(name)); err != nil {
			return err
		}
		if err := writeValue(enc, m[name]); err != nil {
			return err
		}
	}
	return enc.WriteToken(jsontext.EndObject)
}

// writeValue writes one evidence value.
func writeValue(enc *jsontext.Encoder, v any) error {
	var tok jsontext.Token
	switch v := v.(type) {
	case string:
		tok = jsontext.String(v)
	case int:
		tok = jsontext.Int(int64(v))
	case bool:
		tok = jsontext.Bool(v)
	case nil:
		tok = jsontext.Null
	case float64:
		if finite(v) {
			tok = jsontext.Float(v)
		} else {
			tok = jsontext.Null
		}
	}
	if tok.Kind() != 0 {
		return enc.WriteToken(tok)
	}
	return json.MarshalEncode(enc, finiteValue(v))
}

// evidenceField is a field of an evidence struct: its name in the report, where it is (a
// path through embedded structs), and whether a zero value is left out.
type evidenceField struct {
	name      string
	index     []int
	omitEmpty bool
}

// evidenceTypes holds the fields of the evidence struct types one writer has met; nil
// holds none.
type evidenceTypes map[reflect.Type][]evidenceField

// of returns the exported fields of an evidence struct type, those of embedded structs
// among them, sorted by their names in the report: the json tag's name, else the field's.
func (types evidenceTypes) of(t reflect.Type) []evidenceField {
	if fs, ok := types[t]; ok {
		return fs
	}
	fs := appendFields(nil, t, nil)
	slices.SortFunc(fs, func(a, b evidenceField) int { return strings.Compare(a.name, b.name) })
	if types != nil {
		types[t] = fs
	}
	return fs
}

func appendFields(fs []evidenceField, t reflect.Type, at []int) []evidenceField {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		index := append(slices.Clip(at), i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct && tag == "" {
			fs = appendFields(fs, sf.Type, index)
			continue
		}
		if !sf.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		fs = append(fs, evidenceField{name: name, index: index, omitEmpty: slices.Contains(strings.Split(opts, ","), "omitempty")})
	}
	return fs
}

// JSONLocation is where a finding points; every field is omitted when unknown.
type JSONLocation struct {
	Path   string `json:"path,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Sheet  string `json:"sheet,omitempty"`
	Cell   string `json:"cell,omitempty"`
	URL    string `json:"url,omitempty"`
}

// JSONRelated is another place a finding involves.
type JSONRelated struct {
	Location JSONLocation `json:"location"`
	Message  string       `json:"message"`
}

// JSONWaiver is the waiver that silenced a finding.
type JSONWaiver struct {
	Reason  string `json:"reason"`
	Expires string `json:"expires,omitempty"` // YYYY-MM-DD
}

// Write prints the report as indented JSON.
//
// It keeps encoding/json's conventions (omitempty, null for a nil slice, sorted map keys),
// which the schema documents. The findings, most of a large report, are encoded in parallel,
// a run of them per CPU, and written in order between the rest of the document.
func (JSON) Write(w io.Writer, r *lint.Report) error {
	// The document without its findings, which writeFindings converts and encodes.
	rest := *r
	rest.Findings = nil
	head, err := json.Marshal(NewJSONReport(&rest), jsonOptions...)
	if err != nil {
		return err
	}
	// The findings go where the empty list is: the only "findings" member at the top level.
	const marker = "\n  \"findings\": []"
	at := bytes.Index(head, []byte(marker))
	if at < 0 {
		return fmt.Errorf("json report: no findings member in %.40q", head)
	}
	at += len(marker) - 1
	if _, err := w.Write(head[:at]); err != nil {
		return err
	}
	if len(r.Findings) > 0 {
		if err := writeFindings(w, r.Findings); err != nil {
			return err
		}
		if _, err := io.WriteString(w, "\n  "); err != nil {
			return err
		}
	}
	if _, err := w.Write(head[at:]); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

var jsonOptions = []json.Options{
	jsonv1.DefaultOptionsV1(),
	json.Deterministic(true),
	jsontext.WithIndent("  "),
	// Messages quote Jira text; "<" stays readable instead of becoming \u003c.
	jsontext.EscapeForHTML(false),
}

// writeFindings writes the findings as the elements of the report's "findings" list, each
// on its own lines at its depth, with the commas between them. Runs of findings are encoded
// in parallel, one per CPU, and written in order; a few runs at most wait to be written.
func writeFindings(w io.Writer, findings []*lint.Finding) error {
	const run = 64
	opts := append(slices.Clone(jsonOptions), jsontext.WithIndentPrefix("    "))
	type part struct {
		b    []byte
		err  error
		done chan struct{}
	}
	parts := make([]part, (len(findings)+run-1)/run)
	for k := range parts {
		parts[k].done = make(chan struct{})
	}
	workers := min(runtime.GOMAXPROCS(0), len(parts))
	// A worker takes a slot before it takes a run, so the runs being encoded or waiting
	// are always the first ones not yet written, and the writer never waits on a worker
	// that waits on it.
	slots := make(chan struct{}, 2*workers)
	free := make(chan []byte, 2*workers)
	var next atomic.Int64
	stop := make(chan struct{})
	defer close(stop)
	for range workers {
		go func() {
			// One finding is converted at a time, into the same place: on the heap once,
			// not once for each of tens of thousands.
			jf := &JSONFinding{Evidence: JSONEvidence{fields: evidenceTypes{}}}
			for {
				select {
				case slots <- struct{}{}:
				case <-stop:
					return
				}
				k := int(next.Add(1)) - 1
				if k >= len(parts) {
					return
				}
				var b []byte
				select {
				case b = <-free:
				default:
					b = make([]byte, 0, run*1024) // a finding takes about a kilobyte
				}
				buf := bytes.NewBuffer(b[:0])
				for n := k * run; n < min((k+1)*run, len(findings)); n++ {
					if n > 0 {
						buf.WriteByte(',')
					}
					buf.WriteString("\n    ")
					jsonFindingInto(jf, findings[n])
					if err := json.MarshalWrite(buf, jf, opts...); err != nil {
						parts[k].err = err
						break
					}
				}
				parts[k].b = buf.Bytes()
				close(parts[k].done)
			}
		}()
	}
	for k := range parts {
		p := &parts[k]
		<-p.done
		if p.err != nil {
			return p.err
		}
		if _, err := w.Write(p.b); err != nil {
			return err
		}
		select {
		case free <- p.b:
		default:
		}
		p.b = nil
		<-slots
	}
	return nil
}

// NewJSONReport converts a report into the JSON document.
func NewJSONReport(r *lint.Report) *JSONReport {
	out := &JSONReport{
		Schema:   Schema,
		Tool:     r.Tool,
		Inputs:   make([]JSONInput, 0, len(r.Inputs)),
		Findings: make([]JSONFinding, 0, len(r.Findings)),
		Errors:   r.Errors,
		Skipped:  r.Skipped,
	}
	if !r.Now.IsZero() {
		out.Now = r.Now.Format(time.RFC3339)
	}
	for _, in := range r.Inputs {
		ji := JSONInput{Kind: in.Kind, Path: in.Path}
		if in.Kind == "plan" {
			ji.Tasks, ji.ChangeRequests = ptr(in.Tasks), ptr(in.ChangeRequests)
		} else {
			ji.Issues = ptr(in.Issues)
		}
		out.Inputs = append(out.Inputs, ji)
	}
	s := r.Summary
	out.Summary = JSONSummary{
		Total: s.Total, Error: s.Error, Warning: s.Warning, Info: s.Info,
		Waived: s.Waived, Baseline: s.Baseline, New: s.New, Fixed: s.Fixed,
		ByRule:  s.ByRule,
		Metrics: map[string]map[string]*float64{},
	}
	if out.Summary.ByRule == nil {
		out.Summary.ByRule = map[string]int{}
	}
	for name, byProject := range s.Metrics {
		m := map[string]*float64{}
		for project, v := range byProject {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				m[project] = ptr(v)
			} else {
				m[project] = nil
			}
		}
		out.Summary.Metrics[name] = m
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, jsonFinding(f))
	}
	return out
}

// jsonFinding converts one finding.
func jsonFinding(f *lint.Finding) JSONFinding {
	var jf JSONFinding
	jsonFindingInto(&jf, f)
	return jf
}

// jsonFindingInto converts one finding into jf, reusing its list of related places.
func jsonFindingInto(jf *JSONFinding, f *lint.Finding) {
	*jf = JSONFinding{
		Rule: f.Rule, Category: f.Category, Severity: f.Severity,
		Subject: f.Subject, Message: f.Message,
		Location:    jsonLocation(f.Location, f.URL),
		Related:     jf.Related[:0], // empty, it is omitted like a nil one
		Evidence:    JSONEvidence{Of: f.Evidence, fields: jf.Evidence.fields},
		Fingerprint: f.Fingerprint,
		Status:      status(f),
	}
	for _, rel := range f.Related {
		jf.Related = append(jf.Related, JSONRelated{Location: jsonLocation(rel.Location, ""), Message: rel.Message})
	}
	if f.Waiver != nil {
		jf.Waiver = &JSONWaiver{Reason: f.Waiver.Reason}
		if !f.Waiver.Expires.IsZero() {
			jf.Waiver.Expires = f.Waiver.Expires.Format(time.DateOnly)
		}
	}
}

// finite reports whether a value holds no number JSON cannot carry.
func finite(v any) bool {
	switch x := v.(type) {
	case float64:
		return !math.IsNaN(x) && !math.IsInf(x, 0)
	case float32:
		return !math.IsNaN(float64(x)) && !math.IsInf(float64(x), 0)
	case map[string]any:
		for _, e := range x {
			if !finite(e) {
				return false
			}
		}
	case []any:
		for _, e := range x {
			if !finite(e) {
				return false
			}
		}
	}
	return true
}

func finiteValue(v any) any {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
	case float32:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return nil
		}
	case map[string]any:
		if finite(x) {
			return x
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = finiteValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = finiteValue(e)
		}
		return out
	}
	return v
}

func jsonLocation(p lint.Position, url string) JSONLocation {
	return JSONLocation{Path: p.Path, Line: p.Line, Column: p.Column, Sheet: p.Sheet, Cell: p.Cell, URL: url}
}

func ptr[T any](v T) *T { return &v }
