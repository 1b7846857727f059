package jira

import (
	"bytes"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// splitter stands between the input and the JSON decoder. The issues of search responses are
// nearly all of an export, and the decoder would read each of them once only to hand its
// bytes to a worker. The splitter finds where each issue starts and ends without checking
// anything, sends its bytes straight to the pool of workers, and passes the decoder `{}` in
// its place; the workers check each issue (valid.go) before they parse it. Everything
// else (the top-level shape, "names", other shapes of input) reaches the decoder as it is,
// so the decoder still checks all of the input that no worker does: it reads the same
// values and separators, with a placeholder for each issue.
//
// An issue here is an object in the "issues" array of an object at the top level, or of an
// object in a top-level array: exactly where the parser reads search responses. The decoder
// and the parser thus see one placeholder for each issue the splitter took.
//
// The splitter counts lines as it goes, so that it can give each issue its place, and tells
// the line reader where a placeholder stands for bytes that the decoder did not see.
//
// On malformed input the splitter may take the wrong bytes for an issue, but never hides the
// first error: the bytes before it are well-formed, so the splitter's view up to it is right,
// and the error lies either in an issue (which its worker reports) or in what the decoder
// reads. ReadJSON reports the earliest of the two.
type splitter struct {
	r     io.Reader
	pool  *pool
	lines *lineReader

	buf     []byte // the input chunk being split
	out     []byte // bytes for the decoder
	outRead int    // out[:outRead] were read by the decoder
	outBase int64  // decoder offset of out[0]
	err     error  // the input's error (io.EOF at its end), once out is read

	base     int64 // input offset of buf[0]
	line     int   // line of the byte being looked at
	lineFrom int64 // input offset of that line's first byte

	// The containers open around the byte being looked at; only the outer three matter.
	depth int
	stack [3]frame

	inString  bool // inside a string (of the top level or of an issue)
	escOdd    bool // the chunk ended inside a string on a backslash, which escapes the next byte
	capturing bool // the string is a member name at the top levels
	key       []byte

	inIssue    bool
	issueDepth int
}

// frame is one open object or array at the top levels.
type frame struct {
	kind      byte // '{' or '['
	expectKey bool // object: the next string is a member name
	issuesKey bool // object: the last member name read is "issues"
	issues    bool // array: the issues of a search response
}

// splitChunk is how much input the splitter reads at a time.
var splitChunk = 256 << 10 // a variable so tests can cut the input into tiny chunks

// Byte classes for the splitter's loops.
const (
	cOther = iota
	cOpen
	cClose
	cQuote
	cNewline
)

var splitClass = func() (t [256]byte) {
	t['{'], t['['] = cOpen, cOpen
	t['}'], t[']'] = cClose, cClose
	t['"'] = cQuote
	t['\n'] = cNewline
	return t
}()

func newSplitter(r io.Reader, w *pool) *splitter {
	return &splitter{r: r, pool: w, buf: make([]byte, splitChunk), line: 1}
}

// Read gives the decoder the input with each issue replaced by a placeholder.
func (s *splitter) Read(p []byte) (int, error) {
	for s.outRead == len(s.out) {
		if s.err != nil {
			return 0, s.err
		}
		s.outBase += int64(len(s.out))
		s.out, s.outRead = s.out[:0], 0
		s.fill()
	}
	n := copy(p, s.out[s.outRead:])
	s.outRead += n
	return n, nil
}

// fill reads and splits the next chunk of input.
func (s *splitter) fill() {
	n, err := s.r.Read(s.buf)
	b := s.buf[:n]
	for i := 0; i < len(b); {
		if s.inIssue {
			i = s.scanIssue(b, i)
		} else {
			i = s.scanOuter(b, i)
		}
	}
	s.base += int64(n)
	if err == nil {
		return
	}
	s.err = err
	if s.inIssue {
		// The input ends inside an issue: its worker reports where. The decoder's "unexpected
		// end" is placed at the end of the input too.
		s.pool.endIssue()
		s.inIssue = false
		s.lines.jump(s.outBase+int64(len(s.out)), s.line, int(s.base-s.lineFrom)+1)
	}
}

// scanOuter passes bytes to the decoder from b[i], following the top levels, until an issue
// starts or the chunk ends. It returns where it stopped.
func (s *splitter) scanOuter(b []byte, i int) int {
	start := i
	for i < len(b) {
		if s.inString {
			j := s.endString(b, i)
			end := j - 1
			if j < 0 {
				end = len(b)
			}
			if s.capturing && len(s.key) <= 64 {
				s.key = append(s.key, b[i:end]...)
			}
			if j < 0 {
				i = len(b)
				break
			}
			i = j
			s.inString = false
			if s.capturing {
				s.capturing = false
				if f := s.top(); f != nil {
					f.issuesKey = isIssuesKey(s.key)
					f.expectKey = false
				}
			}
			continue
		}
		switch b[i] {
		case '"':
			s.inString = true
			if f := s.top(); f != nil && f.kind == '{' && f.expectKey {
				s.capturing, s.key = true, s.key[:0]
			}
		case '{':
			if f := s.top(); f != nil && f.issues {
				// The placeholder goes first, so that the decoder checks what stands
				// between issues even when an issue never ends.
				s.out = append(append(s.out, b[start:i]...), '{', '}')
				s.pool.beginIssue(s.line, int(s.base+int64(i)-s.lineFrom)+1)
				s.inIssue, s.issueDepth = true, 0
				return i
			}
			s.push(frame{kind: '{', expectKey: true})
		case '[':
			s.push(frame{kind: '[', issues: s.issuesNext()})
		case '}', ']':
			if f := s.top(); f != nil && f.issues {
				s.pool.endArray()
			}
			if s.depth > 0 {
				s.depth--
			}
		case ',':
			if f := s.top(); f != nil && f.kind == '{' {
				f.expectKey = true
			}
		case '\n':
			s.line++
			s.lineFrom = s.base + int64(i) + 1
		}
		i++
	}
	s.out = append(s.out, b[start:i]...)
	return i
}

// scanIssue hands the bytes of the issue being split to the pool from b[i] until the issue
// or the chunk ends. It returns where it stopped.
func (s *splitter) scanIssue(b []byte, i int) int {
	start := i
	for i < len(b) {
		if s.inString {
			j := s.endString(b, i)
			if j < 0 {
				i = len(b)
				break
			}
			i = j
			s.inString = false
		}
		// This loop is most of the splitter's time: one table look-up per byte outside
		// strings, and quoteOrBackslash across strings.
		for ; i < len(b); i++ {
			switch splitClass[b[i]] {
			case cOther:
				continue
			case cOpen:
				s.issueDepth++
				continue
			case cClose:
				s.issueDepth--
				if s.issueDepth > 0 {
					continue
				}
				i++
				s.pool.issueBytes(b[start:i])
				s.pool.endIssue()
				s.inIssue = false
				s.lines.jump(s.outBase+int64(len(s.out)), s.line, int(s.base+int64(i)-s.lineFrom)+1)
				return i
			case cNewline:
				s.line++
				s.lineFrom = s.base + int64(i) + 1
				continue
			case cQuote:
				s.inString = true
				i++
			}
			break
		}
	}
	s.pool.issueBytes(b[start:i])
	return i
}

// endString returns the index just past the quote that ends the string b[i:] is inside, or -1
// when the chunk ends first. It looks at quotes and backslashes only; a backslash escapes the
// byte after it.
func (s *splitter) endString(b []byte, i int) int {
	if s.escOdd {
		// The last chunk ended on a backslash that escapes this chunk's first byte.
		s.escOdd = false
		if i >= len(b) {
			s.escOdd = true
			return -1
		}
		i++
	}
	for {
		j := quoteOrBackslash8(b, i)
		if j < 0 {
			j = quoteOrBackslash(b, i)
		}
		if i = j; i >= len(b) {
			return -1
		}
		if b[i] == '"' {
			return i + 1
		}
		if i+1 >= len(b) {
			s.escOdd = true
			return -1
		}
		i += 2
	}
}

func (s *splitter) top() *frame {
	if s.depth < 1 || s.depth > len(s.stack) {
		return nil
	}
	return &s.stack[s.depth-1]
}

func (s *splitter) push(f frame) {
	s.depth++
	if s.depth <= len(s.stack) {
		s.stack[s.depth-1] = f
	}
}

// issuesNext reports whether an array opening now is the "issues" of a search response: the
// value of that member of a top-level object or of an object in a top-level array, which is
// where the parser reads search responses.
func (s *splitter) issuesNext() bool {
	switch s.depth {
	case 1:
		return s.stack[0].kind == '{' && s.stack[0].issuesKey
	case 2:
		return s.stack[0].kind == '[' && s.stack[1].kind == '{' && s.stack[1].issuesKey
	}
	return false
}

// isIssuesKey reports whether a member name, as written between its quotes, is "issues".
func isIssuesKey(raw []byte) bool {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw) == "issues"
	}
	quoted := append(append([]byte{'"'}, raw...), '"')
	name, err := jsontext.AppendUnquote(nil, quoted)
	return err == nil && string(name) == "issues"
}
