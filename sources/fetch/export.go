package fetch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"
)

// exportWriter streams the export: one search-response document whose issues are written
// as they arrive, so a fetch of any size holds one page in memory. Jira itself sends
// "names" after "issues"; the counts, known only at the end, follow the issues too.
//
//	{"expand":"changelog,names","startAt":0,"issues":[
//	{...},
//	{...}
//	],"maxResults":2,"total":2,"names":{...}}
type exportWriter struct {
	w       *bufio.Writer
	n       int
	seen    map[string]bool
	nameMap map[string]json.RawMessage
}

func newExportWriter(w io.Writer) *exportWriter {
	return &exportWriter{w: bufio.NewWriterSize(w, 256<<10), seen: map[string]bool{}, nameMap: map[string]json.RawMessage{}}
}

func (e *exportWriter) begin() error {
	_, err := e.w.WriteString(`{"expand":"changelog,names","startAt":0,"issues":[`)
	return err
}

// claim reports whether the issue is new to the export, and remembers it: offset paging
// repeats issues when they move between pages, and only the first copy is kept.
func (e *exportWriter) claim(head *issueHead) bool {
	ident := head.ID
	if ident == "" {
		ident = "key:" + head.Key
	}
	if ident == "key:" {
		return true
	}
	if e.seen[ident] {
		return false
	}
	e.seen[ident] = true
	return true
}

// issue writes one issue.
func (e *exportWriter) issue(raw json.RawMessage) error {
	if e.n > 0 {
		e.w.WriteByte(',')
	}
	e.w.WriteByte('\n')
	_, err := e.w.Write(bytes.TrimSpace(raw))
	e.n++
	return err
}

// names merges a page's field names; the first page to name a field wins.
func (e *exportWriter) names(m map[string]json.RawMessage) {
	for k, v := range m {
		if _, ok := e.nameMap[k]; !ok {
			e.nameMap[k] = v
		}
	}
}

func (e *exportWriter) end() error {
	if e.n > 0 {
		e.w.WriteByte('\n')
	}
	n := strconv.Itoa(e.n)
	e.w.WriteString(`],"maxResults":` + n + `,"total":` + n + `,"names":{`)
	keys := make([]string, 0, len(e.nameMap))
	for k := range e.nameMap {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		if i > 0 {
			e.w.WriteByte(',')
		}
		q, err := jsontext.AppendQuote(nil, k)
		if err != nil {
			return fmt.Errorf("Jira sent a field id that is not valid UTF-8: %q", k)
		}
		e.w.Write(q)
		e.w.WriteByte(':')
		e.w.Write(bytes.TrimSpace(e.nameMap[k]))
	}
	e.w.WriteString("}}\n")
	return e.w.Flush()
}
