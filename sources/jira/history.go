package jira

import (
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// changelog reads an issue's "changelog": its histories, and "total", which tells whether
// the export holds all of them.
func (p *parser) changelog(is *issueState) {
	p.members(func(n []byte) {
		switch string(n) {
		case "total":
			if f, _, ok := p.number(); ok {
				is.issue.ChangelogTotal = int(f)
			}
		case "histories", "values":
			// "values" is how the changelog endpoint (/issue/KEY/changelog) names them.
			if p.peek() != '[' {
				p.skip()
				return
			}
			p.histories.end() // runs left by an earlier error, if any
			p.changes.end()
			p.token()
			for p.more() {
				if p.peek() != '{' {
					p.skip()
					continue
				}
				p.history(is)
			}
			p.token()
			is.issue.Histories = p.histories.end()
			is.issue.Changes = p.changes.end()
		default:
			p.skip()
		}
	})
}

// history reads one changelog entry.
func (p *parser) history(is *issueState) {
	pos := p.posAfterWhitespace()
	h := lint.History{Line: int32(pos.Line), Column: int32(pos.Column)}
	h.ItemsFrom = int32(p.changes.pushed())
	p.token()
	for p.more() {
		switch string(p.nameBytes()) {
		case "id":
			b, _ := p.scalar()
			h.ID = lint.ParseHistoryID(b)
		case "author":
			h.Author = p.personRef()
		case "created":
			pos := p.posAfterWhitespace()
			b, _ := p.scalar()
			if len(b) > 0 {
				t, ok := parseTime(b)
				if !ok {
					is.problem(pos, "changelog created", string(b), expectTime)
				}
				h.Created = lint.InstantOf(t)
			}
		case "items":
			if p.peek() != '[' {
				p.skip()
				continue
			}
			p.token()
			for p.more() {
				if p.peek() != '{' {
					p.skip()
					continue
				}
				p.changes.push(p.item())
			}
			p.token()
		default:
			p.skip()
		}
	}
	p.token()
	if p.err != nil {
		return
	}
	h.ItemsTo = int32(p.changes.pushed())
	p.histories.push(h)
	p.historyCount++
}

// item reads one changelog item. The same items recur across an export (a status moving
// from "To Do" to "In Progress", a rank "Ranked higher", a sprint change), byte for byte: an
// item whose JSON text was read before is taken whole from the items cache, without reading
// its members again.
func (p *parser) item() lint.Change {
	s := p.sc
	if s == nil {
		return p.change()
	}
	s.skipSpace()
	raw := s.buf[s.pos:s.ends[s.pos]] // history reads items that are objects only
	if c, ok := p.items[string(raw)]; ok {
		s.pos += len(raw)
		p.noteField(c.ChangedField)
		return c
	}
	known := len(p.values)
	c := p.change()
	// Only an item whose values were seen before goes in the cache: most of those that are
	// new (a due date moved from one day to another) are never seen again.
	if p.err == nil && len(p.values) == known && len(raw) <= maxItemBytes && len(p.items) < maxItems {
		p.items[string(raw)] = c
	}
	return c
}

// Bounds of the items cache, a few megabytes per worker at most: real items are a few
// hundred bytes, and long ones (a description's old and new text) do not recur; an export
// has a few thousand items that recur (10,033 distinct items in all in the benchmark's).
const maxItemBytes = 512

var maxItems = 1 << 14 // a variable so that tests can read without the cache

// change reads one changelog item. Field names, types and ids repeat across the export: the
// items of one field share one lint.ChangedField, and items with the same values share one
// lint.ChangeValues.
func (p *parser) change() lint.Change {
	var field [3]string // name, type, id
	var v lint.ChangeValues
	p.token()
	for p.more() {
		switch string(p.nameBytes()) {
		case "field":
			field[0] = p.istr()
		case "fieldtype":
			field[1] = p.istr()
		case "fieldId":
			field[2] = p.istr()
		case "from":
			v.From = p.istr()
		case "fromString":
			v.FromString = p.istr()
		case "to":
			v.To = p.istr()
		case "toString":
			v.ToString = p.istr()
		default:
			p.skip()
		}
	}
	p.token()
	f := p.fields[field]
	if f == nil {
		f = &lint.ChangedField{Field: field[0], FieldType: field[1], FieldID: field[2]}
		p.fields[field] = f
	}
	c := lint.Change{ChangedField: f, ChangeValues: p.values[v]}
	if c.ChangeValues == nil {
		// A copy, so that v itself stays on the stack: most changes find their values.
		c.ChangeValues = new(lint.ChangeValues)
		*c.ChangeValues = v
		if len(p.values) < internLimit {
			p.values[v] = c.ChangeValues
		}
	}
	p.noteField(f)
	return c
}

// noteField records the id a changelog item gives its field's name, for fields found by
// name (resolve.go).
func (p *parser) noteField(f *lint.ChangedField) {
	if f.Field != "" && f.FieldID != "" && !p.changelogSeen[f.Field] {
		p.changelogSeen[f.Field] = true
		lower := strings.ToLower(f.Field)
		if _, ok := p.changelogNames[lower]; !ok {
			p.changelogNames[lower] = f.FieldID
		}
	}
}
