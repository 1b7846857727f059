package jira

import (
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// tokens is what the parser reads JSON through: a jsontext.Decoder for the input as it
// streams in, or a scanner for one issue a worker has checked.
type tokens interface {
	PeekKind() jsontext.Kind
	ReadToken() (jsontext.Token, error)
	ReadValue() (jsontext.Value, error)
	SkipValue() error
	InputOffset() int64
	UnreadBuffer() []byte
	StackDepth() int
	StackIndex(i int) (jsontext.Kind, int64)
}

// scanner walks one JSON value that is known to be well-formed: a worker checked it with
// valid, which also noted where each object and array ends, and a scanner is only ever given
// a value valid accepted. Knowing that, the scanner checks nothing: it jumps from quote to
// quote and skips objects and arrays in one step, which is several times cheaper than
// tokenising again, and it hands the parser the same answers a decoder would. Separators
// (',' and ':') are skipped like whitespace.
type scanner struct {
	buf  []byte
	pos  int
	ends []int32 // from valid: where each object and array of buf ends
}

var _ tokens = (*scanner)(nil)

// skipSpace moves past whitespace and separators to the next token.
func (s *scanner) skipSpace() {
	for s.pos < len(s.buf) {
		switch s.buf[s.pos] {
		case ' ', '\t', '\r', '\n', ',', ':':
			s.pos++
		default:
			return
		}
	}
}

func (s *scanner) PeekKind() jsontext.Kind {
	s.skipSpace()
	if s.pos >= len(s.buf) {
		return 0
	}
	switch c := s.buf[s.pos]; c {
	case '{', '}', '[', ']', '"', 't', 'f', 'n':
		return jsontext.Kind(c)
	default:
		return '0'
	}
}

// ReadToken moves past one token: a delimiter or a whole scalar. The parser reads tokens only
// for their place, never their value, so the token returned is empty.
func (s *scanner) ReadToken() (jsontext.Token, error) {
	s.skipSpace()
	if s.pos >= len(s.buf) {
		return jsontext.Token{}, io.EOF
	}
	switch s.buf[s.pos] {
	case '{', '}', '[', ']':
		s.pos++
		return jsontext.Token{}, nil
	}
	return jsontext.Token{}, s.SkipValue()
}

func (s *scanner) ReadValue() (jsontext.Value, error) {
	s.skipSpace()
	start := s.pos
	if err := s.SkipValue(); err != nil {
		return nil, err
	}
	return s.buf[start:s.pos:s.pos], nil
}

// SkipValue moves past the next value.
func (s *scanner) SkipValue() error {
	s.skipSpace()
	if s.pos >= len(s.buf) {
		return io.ErrUnexpectedEOF
	}
	switch s.buf[s.pos] {
	case '"':
		return s.skipString()
	case '{', '[':
		s.pos = int(s.ends[s.pos])
		return nil
	}
	// A number or a literal runs to the next delimiter or space.
	for s.pos < len(s.buf) {
		switch s.buf[s.pos] {
		case ',', '}', ']', ' ', '\t', '\r', '\n', ':':
			return nil
		}
		s.pos++
	}
	return nil
}

// skipString moves past the string that starts at pos.
func (s *scanner) skipString() error {
	for i := s.pos + 1; ; i += 2 { // a backslash escapes the byte after it
		j := quoteOrBackslash8(s.buf, i)
		if j < 0 {
			j = quoteOrBackslash(s.buf, i)
		}
		if i = j; i >= len(s.buf) {
			s.pos = len(s.buf)
			return io.ErrUnexpectedEOF
		}
		if s.buf[i] == '"' {
			s.pos = i + 1
			return nil
		}
	}
}

func (s *scanner) InputOffset() int64                    { return int64(s.pos) }
func (s *scanner) UnreadBuffer() []byte                  { return s.buf[s.pos:] }
func (s *scanner) StackDepth() int                       { return 0 }
func (s *scanner) StackIndex(int) (jsontext.Kind, int64) { return 0, 0 }

// plainString returns the contents of the string that starts at b[i] (just past its opening
// quote) and the index past its closing quote, when the string holds no escape; else end is
// -1. The string is known to be well-formed.
func plainString(b []byte, i int) (content []byte, end int) {
	j := quoteOrBackslash8(b, i)
	if j < 0 {
		j = quoteOrBackslash(b, i)
	}
	if j >= len(b) || b[j] != '"' {
		return nil, -1
	}
	return b[i:j:j], j + 1
}
