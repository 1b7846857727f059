package jira

import (
	"bytes"
	"io"
)

// lineReader passes the input through to the JSON decoder while noting where every newline
// is, and where the splitter's placeholders move the place on, so that a byte offset
// reported by the decoder can be turned into a line and column of the input without reading
// it a second time. Offsets are asked for in increasing order (issues appear in file order,
// and the parser asks for its current offset after each placeholder), so what lies before
// the last asked offset is folded into a count and forgotten: memory stays bounded by the
// decoder's read-ahead.
type lineReader struct {
	r        io.Reader
	read     int64   // bytes handed to the decoder so far
	pending  []int64 // offsets of newlines not yet folded into line
	head     int     // pending[:head] are folded
	line     int     // 1-based line of the last asked offset
	lineFrom int64   // offset of the first byte of that line
	jumps    []jump  // where the input's place moves on past bytes the reader did not see
	jhead    int     // jumps[:jhead] are applied
}

// jump says that the byte at offset off of what the reader passes is at line and column of
// the input: the splitter put a placeholder before it for an issue's bytes.
type jump struct {
	off       int64
	line, col int
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: r, line: 1}
}

func (l *lineReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	chunk := p[:n]
	base := l.read
	for {
		i := bytes.IndexByte(chunk, '\n')
		if i < 0 {
			break
		}
		base += int64(i)
		l.pending = append(l.pending, base)
		base++
		chunk = chunk[i+1:]
	}
	l.read += int64(n)
	return n, err
}

// at returns the 1-based line and column of a byte offset. An offset before the last one
// asked for gets that earlier answer's line, which never happens for the offsets the reader
// asks about in file order.
func (l *lineReader) at(off int64) (line, col int) {
	for {
		// A jump applies before a newline at its own offset: the newline is the byte the
		// jump places.
		if l.jhead < len(l.jumps) && l.jumps[l.jhead].off <= off &&
			(l.head == len(l.pending) || l.jumps[l.jhead].off <= l.pending[l.head]) {
			j := l.jumps[l.jhead]
			l.line, l.lineFrom = j.line, j.off-int64(j.col-1)
			l.jhead++
			continue
		}
		if l.head < len(l.pending) && l.pending[l.head] < off {
			l.lineFrom = l.pending[l.head] + 1
			l.line++
			l.head++
			continue
		}
		break
	}
	l.pending, l.head = forget(l.pending, l.head)
	l.jumps, l.jhead = forget(l.jumps, l.jhead)
	col = int(off-l.lineFrom) + 1
	if col < 1 {
		col = 1
	}
	return l.line, col
}

// forget drops the notes before head once they are most of the list, and returns the list
// and head that remain.
func forget[T any](notes []T, head int) ([]T, int) {
	if head > 4096 && head*2 > len(notes) {
		return notes[:copy(notes, notes[head:])], 0
	}
	return notes, head
}

// jump notes that the byte at offset off is at line and column of the input.
func (l *lineReader) jump(off int64, line, col int) {
	l.jumps = append(l.jumps, jump{off: off, line: line, col: col})
}

// newLineIndex notes the newlines of a value already read whole, whose first byte is at
// line and column of its input; offsets asked for are then counted from that first byte.
func newLineIndex(b []byte, line, col int) *lineReader {
	l := &lineReader{line: line, lineFrom: int64(1 - col), read: int64(len(b))}
	for off := 0; ; {
		i := bytes.IndexByte(b[off:], '\n')
		if i < 0 {
			break
		}
		l.pending = append(l.pending, int64(off+i))
		off += i + 1
	}
	return l
}
