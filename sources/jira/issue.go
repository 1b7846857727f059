package jira

import (
	"bytes"
	"strings"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/hatcheck/hatcheck/lint"
)

// issueState is an issue being read, with what can only be settled once the whole input is
// read: the values of fields whose role is not known yet (the "names" map may come after
// the issues), and the problems found, which need the issue key that may come last.
type issueState struct {
	issue    *lint.Issue
	cands    []candidate // a run of the parser's candidate slab until resolved
	problems []lint.ValueProblem
	due      string // raw due date, checked with the other values
	duePos   lint.Position
}

// candidate is the compact, parsed value of a field that may play a role. Every issue has
// several until the input is read (ten in the benchmark export: a hundred thousand), so it
// is kept to 48 bytes: its field as the field's statistics, a number as its JSON text, a
// place as line and column (the path is the input's), and sprints, which few fields hold,
// behind a pointer.
type candidate struct {
	stats     *fieldStats // of the field the value is in
	text      string      // a string value, the text of a document, an option's value, an object's key, a number's JSON text
	sprints   *sprintValues
	line, col int32
	isNum     bool // text is a number's
	isText    bool // text came from a JSON string (not a document, option or key)
}

// str returns the candidate's text, "" for a number.
func (c *candidate) str() string {
	if c.isNum {
		return ""
	}
	return c.text
}

// sprintValues are the sprints a field value holds, and the sprint strings that could not
// be read. The sprints are shared: an issue's sprint field repeats the sprint objects of
// every other issue in the same sprint.
type sprintValues struct {
	ok  []*lint.Sprint
	bad []badValue
}

// at notes the place of the value about to be read.
func (c *candidate) at(p *parser) {
	pos := p.posAfterWhitespace()
	c.line, c.col = int32(pos.Line), int32(pos.Column)
}

// pos returns the candidate's place in the input.
func (p *parser) candPos(c *candidate) lint.Position {
	return lint.Position{Path: p.path, Line: int(c.line), Column: int(c.col)}
}

// badValue is a value that could not be read, with its place.
type badValue struct {
	pos  lint.Position
	text string
}

func (p *parser) startIssue() *issueState {
	off := p.dec.InputOffset()
	// The next token is the object's '{', after optional whitespace and a comma.
	for _, c := range p.dec.UnreadBuffer() {
		if c == '{' {
			break
		}
		off++
	}
	return &issueState{issue: &lint.Issue{ChangelogTotal: -1, Pos: p.posAt(off)}}
}

// issueMember reads one member of an issue object.
func (p *parser) issueMember(is *issueState, name []byte) {
	it := is.issue
	switch string(name) {
	case "key":
		it.Key = p.str()
	case "id":
		it.ID = p.str()
	case "self":
		it.Self = p.str()
	case "fields":
		if p.peek() != '{' {
			p.skip()
			return
		}
		p.token()
		for p.more() {
			p.field(is, p.nameBytes())
		}
		p.token()
	case "changelog":
		p.changelog(is)
	default:
		p.skip()
	}
}

// field reads one member of an issue's "fields".
func (p *parser) field(is *issueState, name []byte) {
	it := is.issue
	switch string(name) {
	case "summary":
		it.Summary = p.str()
	case "description":
		if p.peek() == '{' {
			it.Description = p.adfText()
		} else {
			it.Description = p.str()
		}
	case "issuetype":
		p.members(func(n []byte) {
			switch string(n) {
			case "name":
				it.Type = p.istr()
			case "subtask":
				b, _ := p.scalar()
				it.Subtask = string(b) == "true"
			default:
				p.skip()
			}
		})
	case "project":
		it.Project = p.memberString("key")
	case "status":
		p.members(func(n []byte) {
			switch string(n) {
			case "name":
				it.Status = p.istr()
			case "statusCategory":
				it.StatusCategory = strings.ToLower(p.memberString("key"))
			default:
				p.skip()
			}
		})
	case "resolution":
		it.Resolution = p.memberString("name")
	case "priority":
		it.Priority = p.memberString("name")
	case "labels":
		it.Labels = p.stringList("")
	case "fixVersions":
		it.FixVersions = p.stringList("name")
	case "assignee":
		it.Assignee = p.personRef()
	case "reporter":
		it.Reporter = p.personRef()
	case "creator":
		it.Creator = p.personRef()
	case "created":
		it.Created = p.timeField(is, "created")
	case "updated":
		it.Updated = p.timeField(is, "updated")
	case "resolutiondate":
		it.Resolved = p.timeField(is, "resolutiondate")
	case "duedate":
		is.duePos = p.posAfterWhitespace()
		is.due = p.str()
	case "parent":
		it.Parent = p.memberString("key")
	default:
		// The name is only valid until the next read: intern it first.
		p.candidate(is, p.intern(name))
	}
}

// timeField reads an instant; a value that is not one becomes a problem.
func (p *parser) timeField(is *issueState, field string) time.Time {
	pos := p.posAfterWhitespace()
	b, _ := p.scalar()
	if len(b) == 0 {
		return time.Time{}
	}
	t, ok := parseTime(b)
	if !ok {
		is.problem(pos, field, string(b), expectTime)
	}
	return t
}

func (is *issueState) problem(pos lint.Position, field, value, expected string) {
	if len(value) > 80 {
		value = value[:77] + "..."
	}
	is.problems = append(is.problems, lint.ValueProblem{Pos: pos, Field: field, Value: value, Expected: expected})
}

// members calls fn with each member name of an object; fn reads the value. Anything but an
// object is skipped.
func (p *parser) members(fn func(name []byte)) {
	if p.err != nil {
		return
	}
	if p.peek() != '{' {
		p.skip()
		return
	}
	p.token()
	for p.more() {
		fn(p.nameBytes())
	}
	p.token()
}

// memberString reads an object and returns one string member of it, interned.
func (p *parser) memberString(member string) string {
	var s string
	p.members(func(n []byte) {
		if string(n) == member {
			s = p.istr()
		} else {
			p.skip()
		}
	})
	return s
}

// stringList reads an array of strings, or of objects whose member holds the string.
func (p *parser) stringList(member string) []string {
	if p.err != nil {
		return nil
	}
	if p.peek() != '[' {
		p.skip()
		return nil
	}
	var out []string
	p.token()
	for p.more() {
		var s string
		if member == "" || p.peek() != '{' {
			s = p.istr()
		} else {
			s = p.memberString(member)
		}
		if s != "" {
			out = append(out, s)
		}
	}
	p.token()
	return out
}

// personRef reads a user object, Cloud (accountId) or Server/Data Center (key, name), or
// nil for anything else (null) and for an object that names nobody. The same few people
// write most of a changelog, and each time Jira repeats the same object (avatars and all):
// the object's bytes are looked up among those already read before parsing it, and equal
// objects give the same *Person, held once.
func (p *parser) personRef() *lint.Person {
	if p.err != nil {
		return nil
	}
	if p.peek() != '{' {
		p.skip()
		return nil
	}
	raw := p.raw()
	if who, ok := p.people[string(raw)]; ok {
		return who
	}
	text := string(raw)
	sub := &parser{path: p.path, cfg: p.cfg, lines: newLineReader(strings.NewReader(text)), strs: p.strs}
	sub.dec = jsontext.NewDecoder(sub.lines, decodeOptions...)
	who := sub.personMembers()
	if who.IsZero() {
		return nil
	}
	if len(text) <= maxPersonBytes && len(p.people) < maxPeople {
		p.people[text] = &who
	}
	return &who
}

// Bounds of the people cache: real user objects are well under a kilobyte, and a site has
// far fewer people than this.
const (
	maxPersonBytes = 4 << 10
	maxPeople      = 1 << 14
)

func (p *parser) personMembers() lint.Person {
	var who lint.Person
	p.members(func(n []byte) {
		switch string(n) {
		case "accountId":
			who.AccountID = p.istr()
		case "key":
			who.Key = p.istr()
		case "name":
			who.Name = p.istr()
		case "displayName":
			who.DisplayName = p.istr()
		case "emailAddress":
			who.Email = p.istr()
		default:
			p.skip()
		}
	})
	return who
}

// candidate reads the value of a field that is not one of the system fields read directly,
// keeping only what a role could use. Empty values are not kept: a field with no value in
// any issue is a field found in no issue.
func (p *parser) candidate(is *issueState, field string) {
	if p.err != nil {
		return
	}
	var c candidate
	switch p.peek() {
	case 'n':
		p.token()
		return
	case 't', 'f':
		p.skip()
		return
	case '"':
		c.at(p)
		b, _ := p.scalar()
		if len(b) == 0 {
			return
		}
		if isSprintString(b) {
			p.sprintString(&c, b)
		} else {
			c.text, c.isText = string(b), true
		}
	case '0':
		c.at(p)
		b := p.raw()
		if _, ok := parseNumber(b); !ok {
			return
		}
		c.text, c.isNum = p.intern(b), true // estimates and values recur: "3", "8"
	case '{':
		c.at(p)
		if !p.objectValue(&c) {
			return
		}
	case '[':
		c.at(p)
		p.token()
		for p.more() {
			switch p.peek() {
			case '"':
				if c.sprints == nil {
					// The first string's place is where a problem with the value points.
					c.at(p)
				}
				b, _ := p.scalar()
				if isSprintString(b) {
					p.sprintString(&c, b)
				} else if c.text == "" && len(b) > 0 {
					c.text = string(b)
				}
			case '{':
				p.objectValue(&c)
			default:
				p.skip()
			}
		}
		p.token()
		if c.sprints == nil && c.text == "" {
			return
		}
		c.isText = false
	default:
		p.skip()
		return
	}
	if p.err != nil {
		return
	}
	st := p.seen[field]
	if st == nil {
		st = &fieldStats{id: field}
		p.seen[field] = st
	}
	c.stats = st
	st.values++
	if c.isText && isLexoRank(c.text) {
		st.ranks++
	}
	if c.sprints != nil && len(c.sprints.ok) > 0 {
		st.sprints++
	}
	p.cands.push(c)
}

// objectValue reads an object field value: a sprint (Agile API), an Atlassian document, an
// option ({"value": ...}) or a reference to an issue ({"key": ...}). It reports whether
// anything was kept.
func (p *parser) objectValue(c *candidate) bool {
	var s lint.Sprint
	var typ, value, key string
	var content bool
	p.doc.Reset()
	p.token()
	for p.more() {
		switch string(p.nameBytes()) {
		case "id":
			if f, _, ok := p.number(); ok {
				s.ID = int(f)
			}
		case "name":
			s.Name = p.istr()
		case "state":
			s.State = strings.ToLower(p.istr())
		case "boardId", "originBoardId":
			if f, _, ok := p.number(); ok && s.BoardID == 0 {
				s.BoardID = int(f)
			}
		case "startDate":
			s.Start, _ = parseTime(p.scalarBytes())
		case "endDate":
			s.End, _ = parseTime(p.scalarBytes())
		case "completeDate":
			s.Complete, _ = parseTime(p.scalarBytes())
		case "type":
			typ = p.istr()
		case "content":
			content = true
			p.adfContent(&p.doc)
		case "value":
			value = p.istr()
		case "key":
			key = p.istr()
		default:
			p.skip()
		}
	}
	p.token()
	switch {
	case s.ID != 0 && s.Name != "" && s.State != "":
		p.addSprint(c, s)
	case typ == "doc" || content:
		c.text = string(bytes.TrimRight(p.doc.Bytes(), "\n"))
	case value != "":
		c.text = value
	case key != "":
		c.text = key
	default:
		return false
	}
	return true
}

func (p *parser) scalarBytes() []byte {
	b, _ := p.scalar()
	return b
}
