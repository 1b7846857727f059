package jira

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/hatcheck/hatcheck/lint"
)

// ReadJSON reads one Jira JSON input: a search response (from /rest/api/2/search,
// /rest/api/3/search or /rest/api/3/search/jql), several of them concatenated or in an array,
// an array of issues, a single issue object, or JSON Lines of any of these. The shape is told
// by content. The input is streamed: memory grows with the issues kept, not with the file.
//
// Malformed JSON is a *lint.InputError naming path, line and column. A single value that
// cannot be read (a bad date, a non-numeric estimate) is not an error: the issue is kept
// without it and the value is listed in Result.Problems.
func ReadJSON(path string, r io.Reader, cfg *lint.Config) (*Result, error) {
	return readJSON(path, r, cfg, true)
}

// readJSON is ReadJSON, with or without the splitter; without it (for tests) the issues of
// search responses are checked by the decoder and not parsed.
func readJSON(path string, r io.Reader, cfg *lint.Config, split bool) (*Result, error) {
	if cfg == nil {
		cfg = lint.DefaultConfig()
	}
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	// A UTF-8 byte order mark (Windows editors write one) is not JSON; drop it so the
	// decoder sees the document. Offsets then count from after the mark, which keeps
	// columns as an editor shows them.
	if head, _ := br.Peek(3); string(head) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	p := newParser(path, cfg)
	if split {
		s := newSplitter(br, &p.pool)
		p.lines = newLineReader(s)
		s.lines = p.lines
	} else {
		p.lines = newLineReader(br)
	}
	p.dec = jsontext.NewDecoder(p.lines, decodeOptions...)
	err := p.document()
	if perr := p.pool.drain(p, -1); perr != nil && (err == nil || before(perr, err)) {
		// The splitter reads ahead of the decoder: the first error is the earliest one.
		err = perr
	}
	// The workers end now, while the parser finishes, so that their tables are garbage
	// by the time the caller is done reading.
	p.pool.stop()
	if err != nil {
		return nil, err
	}
	if !p.sawShape {
		return nil, &lint.InputError{Pos: lint.Position{Path: path},
			Msg: "no Jira issues found: expected a search response, an array of issues or an issue object"}
	}
	return p.finish(), nil
}

// before reports whether input error a is placed before input error b.
func before(a, b error) bool {
	var ea, eb *lint.InputError
	if !errors.As(a, &ea) || !errors.As(b, &eb) {
		return false
	}
	if ea.Pos.Line != eb.Pos.Line {
		return ea.Pos.Line < eb.Pos.Line
	}
	return ea.Pos.Column < eb.Pos.Column
}

// parser walks the token stream. The first error stops it: every method checks p.err so the
// walking code reads straight, and loops end because peek reports no more values.
type parser struct {
	path  string
	cfg   *lint.Config
	lines *lineReader
	dec   tokens
	sc    *scanner // dec, when it is a scanner: called directly, the hot paths inline
	err   error
	pool  pool // parses the issues of search responses

	sawShape bool // a search response or an issue was seen, even an empty one
	arrays   int  // "issues" arrays read to their end

	issues []*issueState
	names  map[string]string // field id -> name, from every "names" map seen
	seen   map[string]*fieldStats
	// changelogNames maps a changelog item's field name, lower-cased, to its fieldId.
	changelogNames map[string]string
	changelogSeen  map[string]bool // field names already put in changelogNames
	historyCount   int

	strs    map[string]string                        // interned short strings
	fields  map[[3]string]*lint.ChangedField         // changelog fields by name, type and id
	values  map[lint.ChangeValues]*lint.ChangeValues // changelog items' values, shared
	people  map[string]*lint.Person                  // user objects already read, by their JSON text
	items   map[string]lint.Change                   // changelog items already read, by their JSON text
	sprints map[sprintKey]*lint.Sprint               // sprints already read

	cands     slab[candidate]
	histories slab[lint.History]
	changes   slab[lint.Change]
	texts     texts
	scratch   []byte       // unquoting buffer
	doc       bytes.Buffer // the text of the Atlassian document being read
	ends      []int32      // where the values of the issue being parsed end, from valid
}

// decodeOptions are the decoder's and the workers' checks. Duplicate member names are
// tolerated (the last one wins) rather than rejected: a linter should not refuse an export
// over them, and not tracking names is faster.
var decodeOptions = []jsontext.Options{jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)}

// fieldStats is what one input shows of a field id (id): how many issues hold a value, how
// many of those look like a LexoRank or like sprints.
type fieldStats struct {
	id                     string
	values, ranks, sprints int
}

// newParser returns a parser without an input: ReadJSON gives it the decoder, the pool's
// workers a scanner for each issue.
func newParser(path string, cfg *lint.Config) *parser {
	return &parser{
		pool:           pool{path: path, cfg: cfg},
		path:           path,
		cfg:            cfg,
		names:          map[string]string{},
		seen:           map[string]*fieldStats{},
		changelogNames: map[string]string{},
		changelogSeen:  map[string]bool{},
		strs:           map[string]string{},
		fields:         map[[3]string]*lint.ChangedField{},
		values:         map[lint.ChangeValues]*lint.ChangeValues{},
		people:         map[string]*lint.Person{},
		items:          map[string]lint.Change{},
		sprints:        map[sprintKey]*lint.Sprint{},
		cands:          slab[candidate]{size: 4096},
		histories:      slab[lint.History]{size: 1024},
		changes:        slab[lint.Change]{size: 2048},
	}
}

// document reads every top-level value: JSON Lines and concatenated pages are a stream of
// values, which the decoder reads one after another.
func (p *parser) document() error {
	for {
		k := p.peek()
		if k == 0 {
			_, err := p.dec.ReadToken()
			if err == io.EOF {
				return nil
			}
			return p.syntaxError(err)
		}
		switch k {
		case '{':
			p.object()
		case '[':
			p.topArray()
		default:
			pos := p.posAfterWhitespace()
			p.skip()
			if p.err == nil {
				return &lint.InputError{Pos: pos, Msg: fmt.Sprintf("found %s: expected a search response, an array of issues or an issue object", kindName(k))}
			}
		}
		if p.err != nil {
			return p.err
		}
	}
}

// topArray reads an array of search responses or of issues (or a mix of both).
func (p *parser) topArray() {
	p.token()
	for p.more() {
		k := p.peek()
		if k != '{' {
			pos := p.posAfterWhitespace()
			p.skip()
			p.fail(pos, fmt.Sprintf("found %s in the top-level array: expected search responses or issue objects", kindName(k)))
			return
		}
		p.object()
	}
	p.token()
}

// object reads an object that is a search response or an issue; which one shows in its
// members. A search response has "issues"; an issue has "key" or "fields". Both may carry
// "names" (an issue fetched with expand=names does).
func (p *parser) object() {
	// The object may be an issue read here: first merge the issues the workers hold, which
	// come before it.
	if err := p.pool.drain(p, p.arrays); err != nil && p.err == nil {
		p.err = err
		return
	}
	is := p.startIssue()
	p.token() // {
	issueLike, page := false, false
	var jiraErrors []string
	for p.more() {
		name := p.nameBytes()
		switch string(name) {
		case "issues":
			if p.peek() == '[' {
				p.sawShape, page = true, true
				p.issueArray()
			} else {
				p.skip()
			}
		case "names":
			p.namesMap()
		case "errorMessages":
			jiraErrors = p.stringList("")
		case "key", "fields", "changelog":
			issueLike = true
			p.issueMember(is, name)
		case "id", "self":
			p.issueMember(is, name)
		default:
			p.skip()
		}
	}
	p.token() // }
	if issueLike && p.err == nil {
		p.sawShape = true
		p.keepIssue(is)
	}
	// A saved error answer ({"errorMessages": [...]}) is worth saying as it is.
	if !issueLike && !page && len(jiraErrors) > 0 {
		p.fail(is.issue.Pos, "Jira answered with an error, not issues: "+strings.Join(jiraErrors, "; "))
	}
}

// issueArray reads the "issues" array of a search response. The splitter has sent its
// issues to the pool and left a placeholder for each.
func (p *parser) issueArray() {
	p.token() // [
	for p.more() {
		if k := p.peek(); k != '{' {
			pos := p.posAfterWhitespace()
			p.skip()
			p.fail(pos, fmt.Sprintf("found %s in \"issues\": expected an issue object", kindName(k)))
			return
		}
		p.skip()
		// Nothing before the decoder's offset is asked for again: fold the line reader's
		// notes up to it, so they do not pile up over a long array.
		p.lines.at(p.dec.InputOffset())
	}
	p.token() // ]
	p.arrays++
}

// namesMap reads the field id -> field name map of expand=names.
func (p *parser) namesMap() {
	if p.peek() != '{' {
		p.skip()
		return
	}
	p.token()
	for p.more() {
		id := p.name()
		if p.peek() != '"' {
			p.skip()
			continue
		}
		name := p.str()
		if name != "" {
			p.names[id] = name
		}
	}
	p.token()
}

// --- token-level helpers ---

func (p *parser) fail(pos lint.Position, msg string) {
	if p.err == nil {
		p.err = &lint.InputError{Pos: pos, Msg: msg}
	}
}

// syntaxError turns a decoder error into an input error at the line and column where the
// JSON goes wrong, worded like encoding/json's messages that users know.
func (p *parser) syntaxError(err error) error {
	if err == nil {
		return nil
	}
	var ie *lint.InputError
	if errors.As(err, &ie) {
		return err
	}
	pos := lint.Position{Path: p.path}
	msg := err.Error()
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		off := se.ByteOffset
		msg = se.Err.Error()
		if strings.HasPrefix(msg, "invalid character ',' at start of value") {
			// The decoder blames the comma of a trailing comma; the character after it is
			// what users look for, worded as encoding/json words it.
			if c, at, ok := p.afterComma(off); ok {
				off = at
				msg = fmt.Sprintf("invalid character '%c' looking for beginning of value", c)
				if k, _ := p.dec.StackIndex(p.dec.StackDepth()); k == '{' {
					msg = fmt.Sprintf("invalid character '%c' looking for beginning of object key string", c)
				}
			}
		}
		pos.Line, pos.Column = p.lines.at(off)
		if errors.Is(se.Err, io.ErrUnexpectedEOF) {
			msg = "unexpected end of JSON input"
		}
	} else if errors.Is(err, io.ErrUnexpectedEOF) {
		pos.Line, pos.Column = p.lines.at(p.lines.read)
		msg = "unexpected end of JSON input"
	} else {
		return &lint.InputError{Pos: pos, Msg: "cannot read: " + msg, Err: err}
	}
	msg = strings.Replace(msg, "at start of value", "looking for beginning of value", 1)
	// Read whole, an object's trailing comma is blamed on what follows it.
	msg = strings.Replace(msg, `at start of string (expecting '"')`, "looking for beginning of object key string", 1)
	return &lint.InputError{Pos: pos, Msg: msg, Err: err}
}

// afterComma finds the '}' or ']' that follows the comma at offset off, if the decoder
// still holds those bytes.
func (p *parser) afterComma(off int64) (byte, int64, bool) {
	buf := p.dec.UnreadBuffer()
	i := off - p.dec.InputOffset()
	if i < 0 || i >= int64(len(buf)) || buf[i] != ',' {
		return 0, 0, false
	}
	for i++; i < int64(len(buf)); i++ {
		switch c := buf[i]; c {
		case ' ', '\t', '\r', '\n':
			continue
		case '}', ']':
			return c, p.dec.InputOffset() + i, true
		default:
			return 0, 0, false
		}
	}
	return 0, 0, false
}

func (p *parser) setErr(err error) {
	if p.err == nil && err != nil {
		p.err = p.syntaxError(err)
	}
}

// peek returns the kind of the next value, or 0 at the end of the input.
func (p *parser) peek() jsontext.Kind {
	if p.sc != nil {
		return p.sc.PeekKind()
	}
	return p.dec.PeekKind()
}

// token reads a delimiter (or any token) whose meaning the caller already knows.
func (p *parser) token() {
	if p.err != nil {
		return
	}
	if s := p.sc; s != nil {
		s.skipSpace()
		if s.pos < len(s.buf) && isDelim[s.buf[s.pos]] {
			s.pos++
			return
		}
	}
	_, err := p.dec.ReadToken()
	p.setErr(err)
}

var isDelim = [256]bool{'{': true, '}': true, '[': true, ']': true}

// more reports whether the object or array being read has another member.
func (p *parser) more() bool {
	if p.err != nil {
		return false
	}
	if s := p.sc; s != nil {
		s.skipSpace()
		if s.pos < len(s.buf) {
			c := s.buf[s.pos]
			return c != '}' && c != ']'
		}
	}
	k := p.peek()
	if k == 0 {
		_, err := p.dec.ReadToken()
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		p.setErr(err)
		return false
	}
	return k != '}' && k != ']'
}

func (p *parser) skip() {
	if p.err != nil {
		return
	}
	p.setErr(p.dec.SkipValue())
}

// raw reads the next value as raw bytes, valid until the next read.
func (p *parser) raw() []byte {
	if p.err != nil {
		return nil
	}
	v, err := p.dec.ReadValue()
	p.setErr(err)
	if err != nil {
		return nil
	}
	return v
}

// nameBytes reads an object member name, unquoted, valid until the next read.
func (p *parser) nameBytes() []byte {
	if b, ok := p.quick(); ok {
		return b
	}
	return p.unquote(p.raw())
}

// quick reads the next value when it is a string the scanner can hand over as it is: no
// escapes to undo. ok is false for anything else, which is left unread.
func (p *parser) quick() (b []byte, ok bool) {
	s := p.sc
	if s == nil || p.err != nil {
		return nil, false
	}
	s.skipSpace()
	if s.pos >= len(s.buf) || s.buf[s.pos] != '"' {
		return nil, false
	}
	content, end := plainString(s.buf, s.pos+1)
	if end < 0 {
		return nil, false
	}
	s.pos = end
	return content, true
}

// name reads an object member name, interned.
func (p *parser) name() string {
	return p.intern(p.nameBytes())
}

// unquote returns the contents of a JSON string value, valid until the next read.
func (p *parser) unquote(v []byte) []byte {
	if len(v) < 2 || v[0] != '"' {
		return nil
	}
	inner := v[1 : len(v)-1]
	for _, c := range inner {
		if c == '\\' {
			out, err := jsontext.AppendUnquote(p.scratch[:0], v)
			if err != nil {
				return inner
			}
			p.scratch = out
			return out
		}
	}
	return inner
}

// str reads a string value. Null is ""; a number or boolean gives its JSON text; an object
// or array is skipped and gives "".
func (p *parser) str() string {
	b, _ := p.scalar()
	return p.texts.string(b)
}

// texts holds strings the parser keeps (issue keys, summaries, people's names), back to back
// in chunks: one allocation for hundreds of them instead of one each, which the collector
// marks once and never scans. A chunk is never written over: a string taken from it stays
// as it is for as long as it lives, and keeps its chunk alive (so the issue keys that
// findings name keep theirs once the model is dropped: 2 MB of the benchmark export's).
type texts struct {
	chunk strings.Builder
}

const textChunk = 16 << 10

func (t *texts) string(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > textChunk/16 {
		return string(b)
	}
	if t.chunk.Cap()-t.chunk.Len() < len(b) {
		t.chunk = strings.Builder{}
		t.chunk.Grow(textChunk)
	}
	n := t.chunk.Len()
	t.chunk.Write(b)
	return t.chunk.String()[n:]
}

// istr reads a string value and interns it: for values that repeat across issues (status
// names, people, field names).
func (p *parser) istr() string {
	b, _ := p.scalar()
	return p.intern(b)
}

// scalar reads a value as text, valid until the next read, and reports whether it was a
// JSON string.
func (p *parser) scalar() ([]byte, bool) {
	if b, ok := p.quick(); ok {
		return b, true
	}
	// One read, whatever the value is, rather than a peek and a read: this is the reader's
	// most frequent call.
	v := p.raw()
	if len(v) == 0 {
		return nil, false
	}
	switch v[0] {
	case '"':
		return p.unquote(v), true
	case '{', '[', 'n':
		return nil, false
	}
	return v, false
}

// number reads a number or a numeric string; ok is false for anything else, with the text.
func (p *parser) number() (f float64, text string, ok bool) {
	b, _ := p.scalar()
	if len(b) == 0 {
		return 0, "", false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(string(b)), 64)
	if err != nil {
		return 0, string(b), false
	}
	return f, "", true
}

// internLimit bounds the intern table so that an input made of unique values cannot make it
// the largest thing in memory.
const internLimit = 1 << 16

// intern returns a string equal to b, shared with earlier equal strings.
func (p *parser) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := p.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(b) <= 64 && len(p.strs) < internLimit {
		p.strs[s] = s
	}
	return s
}

// pos returns the position of the value that was just read or the delimiter just passed.
func (p *parser) posAt(off int64) lint.Position {
	line, col := p.lines.at(off)
	return lint.Position{Path: p.path, Line: line, Column: col}
}

// posAfterWhitespace returns the position of the next value's first byte.
func (p *parser) posAfterWhitespace() lint.Position {
	if p.sc == nil {
		// Peeking makes the decoder hold the whitespace and the value's first byte,
		// wherever its reads of the input end. A scanner holds its whole value.
		p.dec.PeekKind()
	}
	off := p.dec.InputOffset()
	buf := p.dec.UnreadBuffer()
	for _, c := range buf {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' && c != ':' {
			break
		}
		off++
	}
	return p.posAt(off)
}

func kindName(k jsontext.Kind) string {
	switch k {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "nothing"
}
