package jira

import (
	"bytes"
	"io"
	"runtime"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/hatcheck/hatcheck/lint"
)

// The issues of a search response are most of an export. The splitter (split.go) hands the
// bytes of each one to a pool of workers, which check that it is well-formed JSON (valid.go)
// and parse it with a scanner that need not check anything again. The results are merged
// back in input order, so the outcome is the same as one parser reading the input from
// start to end.

// Batches carry a few hundred issues at a time: large enough that handing them over costs
// nothing, small enough that the bytes in flight (a batch being filled, and two for each
// worker: one queued, one parsed) stay a few megabytes.
const (
	batchBytes  = 256 << 10
	batchIssues = 512
)

// batch is a run of consecutive issues of the input, as bytes, and once parsed, what the
// parse found.
type batch struct {
	data   []byte
	issues []issueAt
	array  int // the ordinal of the "issues" array the issues are in
	ready  chan struct{}

	// Filled in by the worker.
	states         []*issueState
	seen           map[string]*fieldStats
	changelogNames map[string]string
	historyCount   int
	err            error
}

// issueAt is where one issue's bytes are in a batch and where it starts in the input.
type issueAt struct {
	from, to  int
	line, col int
}

// pool runs the workers. It starts them with the first batch, so that inputs without a
// search response never pay for them.
type pool struct {
	path    string
	cfg     *lint.Config
	jobs    chan *batch
	pending []*batch // submitted, not yet merged, in input order
	filling *batch
	arrays  int  // "issues" arrays the splitter has closed
	open    bool // the splitter is inside an issue
	// free holds the byte buffers of parsed batches for the next ones: reusing them
	// spares the copy its page faults on fresh memory.
	free chan []byte
}

// beginIssue starts an issue the splitter found, at a line and column of the input. Its
// bytes follow with issueBytes, and endIssue closes it.
func (w *pool) beginIssue(line, col int) {
	if w.filling == nil {
		var data []byte
		select {
		case data = <-w.free:
		default:
			// A batch ends with the first issue that takes it past batchBytes: room for
			// an issue of 64 KB more (an issue of this size is rare; a larger one grows
			// the buffer, which is then reused).
			data = make([]byte, 0, batchBytes+64<<10)
		}
		w.filling = &batch{data: data[:0], array: w.arrays, ready: make(chan struct{})}
	}
	b := w.filling
	b.issues = append(b.issues, issueAt{from: len(b.data), line: line, col: col})
	w.open = true
}

// issueBytes adds bytes to the issue being split.
func (w *pool) issueBytes(p []byte) {
	w.filling.data = append(w.filling.data, p...)
}

// endIssue closes the issue being split and hands the batch over once it is full.
func (w *pool) endIssue() {
	b := w.filling
	b.issues[len(b.issues)-1].to = len(b.data)
	w.open = false
	if len(b.data) >= batchBytes || len(b.issues) >= batchIssues {
		w.submit()
	}
}

// endArray marks the end of an "issues" array: its issues are handed over, and the parser
// merges them once it has read past the array's placeholders.
func (w *pool) endArray() {
	w.submit()
	w.arrays++
}

// submit hands the batch being filled to the workers.
func (w *pool) submit() {
	b := w.filling
	if b == nil {
		return
	}
	w.filling = nil
	if w.jobs == nil {
		n := runtime.GOMAXPROCS(0)
		w.jobs = make(chan *batch, n)
		w.free = make(chan []byte, 2*n+1)
		for range n {
			go w.work(w.jobs, w.free)
		}
	}
	w.pending = append(w.pending, b)
	w.jobs <- b
}

// work parses batches until the pool stops. One parser serves all its batches, so that its
// tables of interned strings and people, and its slabs, are shared by them.
func (w *pool) work(jobs <-chan *batch, free chan<- []byte) {
	p := newParser(w.path, w.cfg)
	for b := range jobs {
		data := b.data
		p.parseBatch(b)
		close(b.ready)
		select {
		case free <- data:
		default:
		}
	}
}

// drain waits for the issues of the first arrays "issues" arrays, or of all of them when
// arrays is negative, and merges them into the parser in input order. It returns the first
// error of a batch.
func (w *pool) drain(into *parser, arrays int) error {
	if arrays < 0 {
		if w.open {
			// The decoder stopped (at an error) while the splitter was inside an issue:
			// what comes after the error is not read.
			b := w.filling
			b.issues, w.open = b.issues[:len(b.issues)-1], false
		}
		w.submit()
	}
	var first error
	n := 0
	for _, b := range w.pending {
		if arrays >= 0 && b.array >= arrays {
			break
		}
		n++
		<-b.ready
		if first != nil {
			continue
		}
		if b.err != nil {
			first = b.err
			continue
		}
		into.merge(b)
	}
	w.pending = w.pending[n:]
	return first
}

// stop ends the workers; batches still queued are parsed and dropped.
func (w *pool) stop() {
	if w.jobs != nil {
		close(w.jobs)
		w.jobs = nil
	}
	w.free = nil // the buffers are garbage once the input is read
}

// parseBatch parses the issues of a batch, each with a scanner over its bytes.
func (p *parser) parseBatch(b *batch) {
	p.issues, p.historyCount, p.err = nil, 0, nil
	p.seen = map[string]*fieldStats{}
	p.changelogNames = map[string]string{}
	clear(p.changelogSeen)
	for _, at := range b.issues {
		raw := b.data[at.from:at.to]
		p.lines = newLineIndex(raw, at.line, at.col)
		if cap(p.ends) < len(raw) {
			p.ends = make([]int32, len(raw)+len(raw)/4)
		}
		ends := p.ends[:len(raw)]
		if !valid(raw, ends) {
			p.err = p.issueSyntaxError(raw)
			break
		}
		p.sc = &scanner{buf: raw, ends: ends}
		p.dec = p.sc
		is := &issueState{issue: &lint.Issue{ChangelogTotal: -1, Pos: lint.Position{Path: p.path, Line: at.line, Column: at.col}}}
		p.token()
		for p.more() {
			p.issueMember(is, p.nameBytes())
		}
		p.token()
		if p.err != nil {
			break
		}
		p.keepIssue(is)
	}
	b.states, b.seen, b.changelogNames, b.historyCount, b.err = p.issues, p.seen, p.changelogNames, p.historyCount, p.err
	b.data, b.issues = nil, nil
	p.issues, p.dec, p.sc, p.lines = nil, nil, nil, nil
}

// merge adds what a batch found to the parser, as if the parser had read those issues.
func (p *parser) merge(b *batch) {
	p.issues = append(p.issues, b.states...)
	for id, st := range b.seen {
		if mine := p.seen[id]; mine != nil {
			mine.values += st.values
			mine.ranks += st.ranks
			mine.sprints += st.sprints
		} else {
			p.seen[id] = st
		}
	}
	for name, id := range b.changelogNames {
		if _, ok := p.changelogNames[name]; !ok {
			p.changelogNames[name] = id
		}
	}
	p.historyCount += b.historyCount
}

// issueSyntaxError reads an issue that failed the check with a decoder, for the error the
// decoder would have given reading the whole input: its message and place are the same.
func (p *parser) issueSyntaxError(raw []byte) error {
	dec := jsontext.NewDecoder(bytes.NewReader(raw), decodeOptions...)
	p.dec, p.sc = dec, nil
	err := dec.SkipValue()
	if err == nil {
		_, err = dec.ReadToken()
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return p.syntaxError(err)
}
