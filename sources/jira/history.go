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
			if p.dec.PeekKind() != '[' {
				p.skip()
				return
			}
			p.histories.end() // a run left by an earlier error, if any
			p.token()
			for p.more() {
				if p.dec.PeekKind() != '{' {
					p.skip()
					continue
				}
				p.history(is)
			}
			p.token()
			is.issue.Histories = p.histories.end()
		default:
			p.skip()
		}
	})
}

// history reads one changelog entry.
func (p *parser) history(is *issueState) {
	pos := p.posAfterWhitespace()
	h := lint.History{Line: int32(pos.Line), Column: int32(pos.Column)}
	p.token()
	for p.more() {
		switch string(p.nameBytes()) {
		case "id":
			h.ID = p.str()
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
				h.Created = t
			}
		case "items":
			if p.dec.PeekKind() != '[' {
				p.skip()
				continue
			}
			p.token()
			for p.more() {
				if p.dec.PeekKind() != '{' {
					p.skip()
					continue
				}
				p.changes.push(p.change())
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
	h.Items = p.changes.end()
	p.histories.push(h)
	p.historyCount++
}

// change reads one changelog item. Field names, types and ids repeat across the export and
// are interned, as are short values (sprint and status ids, dates, "Ranked higher").
func (p *parser) change() lint.Change {
	var c lint.Change
	p.token()
	for p.more() {
		switch string(p.nameBytes()) {
		case "field":
			c.Field = p.istr()
		case "fieldtype":
			c.FieldType = p.istr()
		case "fieldId":
			c.FieldID = p.istr()
		case "from":
			c.From = p.istr()
		case "fromString":
			c.FromString = p.istr()
		case "to":
			c.To = p.istr()
		case "toString":
			c.ToString = p.istr()
		default:
			p.skip()
		}
	}
	p.token()
	if c.Field != "" && c.FieldID != "" && !p.changelogSeen[c.Field] {
		p.changelogSeen[c.Field] = true
		lower := strings.ToLower(c.Field)
		if _, ok := p.changelogNames[lower]; !ok {
			p.changelogNames[lower] = c.FieldID
		}
	}
	return c
}
