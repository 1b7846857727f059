package jira

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// What a value should have looked like, as input-value-invalid says it.
const (
	expectTime   = "a time like 2026-03-02T10:15:00.000+0100"
	expectDate   = "a date like 2026-03-10"
	expectNumber = "a number"
	expectSprint = "a sprint like com.atlassian.greenhopper.service.sprint.Sprint@1bf75fd[id=1,state=CLOSED,name=Sprint 1,...]"
)

// parseTime reads the instants Jira writes: 2026-03-02T10:15:00.000+0100, with Z or +01:00
// as well, with or without fractions of a second; and a bare date, 2026-03-10, as midnight
// UTC. Instants are kept in UTC: a parsed zone offset would cost an allocation per value,
// and the configured timezone decides calendar dates anyway.
func parseTime(b []byte) (time.Time, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return time.Time{}, false
	}
	if len(b) == 10 {
		return parseDate(b)
	}
	if t, ok := fastTime(b); ok {
		return t, true
	}
	s := string(b)
	for _, layout := range []string{"2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04Z0700", "2006-01-02 15:04:05Z0700", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// fastTime reads the common form 2026-03-02T10:15:00.000+0100 (any fraction, offset
// +hhmm, +hh:mm or Z) without the general parser; it reports false for anything else.
func fastTime(b []byte) (time.Time, bool) {
	if len(b) < 20 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	year, ok1 := digits(b[0:4])
	month, ok2 := digits(b[5:7])
	day, ok3 := digits(b[8:10])
	hour, ok4 := digits(b[11:13])
	min, ok5 := digits(b[14:16])
	sec, ok6 := digits(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60 {
		return time.Time{}, false
	}
	rest := b[19:]
	nsec := 0
	if len(rest) > 0 && rest[0] == '.' {
		i := 1
		scale := 100000000
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			nsec += int(rest[i]-'0') * scale
			scale /= 10
			i++
		}
		if i == 1 || i > 10 {
			return time.Time{}, false
		}
		rest = rest[i:]
	}
	offset := 0
	switch {
	case len(rest) == 1 && rest[0] == 'Z':
	case len(rest) == 5 || len(rest) == 6 && rest[3] == ':':
		if rest[0] != '+' && rest[0] != '-' {
			return time.Time{}, false
		}
		hh, ok1 := digits(rest[1:3])
		mm, ok2 := digits(rest[len(rest)-2:])
		if !ok1 || !ok2 || hh > 23 || mm > 59 {
			return time.Time{}, false
		}
		offset = hh*3600 + mm*60
		if rest[0] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, min, sec, nsec, time.UTC)
	if t.Day() != day {
		return time.Time{}, false // 31 February
	}
	return t.Add(-time.Duration(offset) * time.Second), true
}

// parseDate reads 2026-03-10 as midnight UTC.
func parseDate(b []byte) (time.Time, bool) {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return time.Time{}, false
	}
	year, ok1 := digits(b[0:4])
	month, ok2 := digits(b[5:7])
	day, ok3 := digits(b[8:10])
	if !ok1 || !ok2 || !ok3 || month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(b) > 0
}

// parseNumber reads a number or a numeric string.
func parseNumber(b []byte) (float64, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(b), 64)
	return f, err == nil
}

// isLexoRank reports whether s looks like a LexoRank: a bucket digit, a bar, base-36 digits,
// a colon and optional base-36 digits ("0|i02m2f:", "0|0zzzzd:vi").
func isLexoRank(s string) bool {
	if len(s) < 4 || s[0] < '0' || s[0] > '9' || s[1] != '|' {
		return false
	}
	colon := strings.IndexByte(s, ':')
	if colon < 3 {
		return false
	}
	for i := 2; i < len(s); i++ {
		c := s[i]
		if i == colon {
			continue
		}
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

const sprintPrefix = "com.atlassian.greenhopper.service.sprint.Sprint@"

func isSprintString(b []byte) bool {
	return bytes.HasPrefix(b, []byte(sprintPrefix))
}

// sprintString reads the old string form of a sprint into the candidate, or notes it as
// unreadable.
func (p *parser) sprintString(c *candidate, b []byte) {
	s, ok := parseSprintString(string(b))
	if c.sprints == nil {
		c.sprints = &sprintValues{}
	}
	if !ok {
		c.sprints.bad = append(c.sprints.bad, badValue{pos: p.candPos(c), text: string(b)})
		return
	}
	p.addSprint(c, s)
}

// addSprint adds a sprint to the candidate's, shared with every other candidate the parser
// read the same sprint in.
func (p *parser) addSprint(c *candidate, s lint.Sprint) {
	if c.sprints == nil {
		c.sprints = &sprintValues{}
	}
	k := sprintKey{s.ID, s.Name, s.State, s.BoardID, lint.InstantOf(s.Start), lint.InstantOf(s.End), lint.InstantOf(s.Complete)}
	shared := p.sprints[k]
	if shared == nil {
		shared = &s
		p.sprints[k] = shared
	}
	c.sprints.ok = append(c.sprints.ok, shared)
}

// sprintKey tells sprints apart: the same sprint read twice has the same key.
type sprintKey struct {
	id                     int
	name, state            string
	board                  int
	start, end, completion lint.Instant // sprint times are read to the millisecond
}

// sprintKeys are the attributes Jira writes in the old sprint string. A name is split only
// at ",KEY=" for these keys, so a sprint name holding a comma or '=' stays whole.
var sprintKeys = map[string]bool{
	"id": true, "rapidViewId": true, "state": true, "name": true, "goal": true,
	"startDate": true, "endDate": true, "completeDate": true, "activatedDate": true,
	"sequence": true, "autoStartStop": true, "synced": true, "incompleteIssuesDestinationId": true,
}

// parseSprintString reads com.atlassian.greenhopper.service.sprint.Sprint@1bf75fd[id=1,
// rapidViewId=1,state=CLOSED,name=Sprint 1,startDate=...,completeDate=<null>,sequence=1],
// its attributes in any order. It needs an id.
func parseSprintString(s string) (lint.Sprint, bool) {
	var out lint.Sprint
	open := strings.IndexByte(s, '[')
	end := strings.LastIndexByte(s, ']')
	if open < 0 || end < open {
		return out, false
	}
	body := s[open+1 : end]
	// Find where each attribute starts: at the beginning, or after a comma followed by a
	// known key and '='.
	var starts []int
	for i := 0; i < len(body); i++ {
		if i != 0 && body[i-1] != ',' {
			continue
		}
		eq := strings.IndexByte(body[i:], '=')
		if eq <= 0 {
			continue
		}
		if i == 0 || sprintKeys[body[i:i+eq]] {
			starts = append(starts, i)
		}
	}
	gotID := false
	for n, st := range starts {
		stop := len(body)
		if n+1 < len(starts) {
			stop = starts[n+1] - 1
		}
		if stop < st {
			continue
		}
		attr := body[st:stop]
		eq := strings.IndexByte(attr, '=')
		if eq < 0 {
			continue
		}
		key, val := attr[:eq], attr[eq+1:]
		if val == "<null>" {
			val = ""
		}
		switch key {
		case "id":
			id, err := strconv.Atoi(val)
			if err != nil {
				return out, false
			}
			out.ID, gotID = id, true
		case "rapidViewId":
			out.BoardID, _ = strconv.Atoi(val)
		case "state":
			out.State = strings.ToLower(val)
		case "name":
			out.Name = val
		case "startDate", "endDate", "completeDate":
			if val == "" {
				continue
			}
			t, ok := parseTime([]byte(val))
			if !ok {
				return out, false
			}
			switch key {
			case "startDate":
				out.Start = t
			case "endDate":
				out.End = t
			default:
				out.Complete = t
			}
		}
	}
	return out, gotID
}

// adfText reads an Atlassian Document Format object and returns its text: text nodes
// joined, block nodes (paragraphs, headings, list items...) ending in a newline.
func (p *parser) adfText() string {
	p.doc.Reset()
	p.adfNode(&p.doc)
	return p.texts.string(bytes.TrimRight(p.doc.Bytes(), "\n"))
}

// adfBlocks are the node types after which a newline separates what follows.
var adfBlocks = map[string]bool{
	"paragraph": true, "heading": true, "listItem": true, "codeBlock": true, "blockquote": true,
	"rule": true, "tableRow": true, "panel": true, "mediaSingle": true, "hardBreak": true,
	"taskItem": true, "decisionItem": true,
}

func (p *parser) adfNode(b *bytes.Buffer) {
	if p.err != nil {
		return
	}
	if p.peek() != '{' {
		p.skip()
		return
	}
	var typ string
	p.token()
	for p.more() {
		switch string(p.nameBytes()) {
		case "type":
			typ = p.istr()
		case "text":
			t, _ := p.scalar()
			b.Write(t)
		case "content":
			p.adfContent(b)
		default:
			p.skip()
		}
	}
	p.token()
	if adfBlocks[typ] {
		if n := b.Len(); n > 0 && b.Bytes()[n-1] != '\n' || typ == "hardBreak" {
			b.WriteByte('\n')
		}
	}
}

func (p *parser) adfContent(b *bytes.Buffer) {
	if p.err != nil {
		return
	}
	if p.peek() != '[' {
		p.skip()
		return
	}
	p.token()
	for p.more() {
		p.adfNode(b)
	}
	p.token()
}
