package jira

import (
	"runtime"

	"github.com/hatcheck/hatcheck/lint"
)

// The issues of a search response are most of an export. The decoder reads each one whole,
// which checks it is well-formed JSON and finds its place, and hands the bytes to a pool of
// workers that parse issues in parallel, with a scanner that need not check anything again.
// The results are merged back in input order, so the outcome is the same as one parser
// reading the input from start to end.

// Batches carry a few hundred issues at a time: large enough that handing them over costs
// nothing, small enough that the bytes in flight stay a few megabytes.
const (
	batchBytes  = 1 << 20
	batchIssues = 512
)

// batch is a run of consecutive issues of the input, as bytes, and once parsed, what the
// parse found.
type batch struct {
	data   []byte
	issues []issueAt
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
	// free holds the byte buffers of parsed batches for the next ones: reusing them
	// spares the copy its page faults on fresh memory.
	free chan []byte
}

// add queues one issue, given as the bytes the decoder read (valid until its next read) and
// the place of its first byte.
func (w *pool) add(raw []byte, pos lint.Position) {
	if w.filling == nil {
		var data []byte
		select {
		case data = <-w.free:
		default:
			data = make([]byte, 0, 2*batchBytes)
		}
		w.filling = &batch{data: data[:0], ready: make(chan struct{})}
	}
	b := w.filling
	from := len(b.data)
	b.data = append(b.data, raw...)
	b.issues = append(b.issues, issueAt{from: from, to: len(b.data), line: pos.Line, col: pos.Column})
	if len(b.data) >= batchBytes || len(b.issues) >= batchIssues {
		w.submit()
	}
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
	p := newIssueParser(w.path, w.cfg)
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

// drain waits for every submitted issue and merges the results into the parser, in input
// order. It returns the first error of a batch, which lies before anything the parser read
// after handing the batch over.
func (w *pool) drain(into *parser) error {
	w.submit()
	var first error
	for _, b := range w.pending {
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
	w.pending = nil
	return first
}

// stop ends the workers; batches still queued are parsed and dropped.
func (w *pool) stop() {
	if w.jobs != nil {
		close(w.jobs)
		w.jobs = nil
	}
}

// newIssueParser returns a parser for issues the decoder has already read whole.
func newIssueParser(path string, cfg *lint.Config) *parser {
	p := newParser(path, nil, cfg)
	p.dec = nil
	return p
}

// parseBatch parses the issues of a batch, each with a scanner over its bytes.
func (p *parser) parseBatch(b *batch) {
	p.issues, p.historyCount, p.err = nil, 0, nil
	p.seen = map[string]*fieldStats{}
	p.changelogNames = map[string]string{}
	clear(p.changelogSeen)
	for _, at := range b.issues {
		raw := b.data[at.from:at.to]
		p.dec = &scanner{buf: raw}
		p.lines = newLineIndex(raw, at.line, at.col)
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
	p.issues, p.dec, p.lines = nil, nil, nil
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
