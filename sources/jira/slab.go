package jira

// slab hands out the histories (or changelog items) of one issue as parts of large
// shared arrays: one allocation per few thousand values rather than one per issue, no copy
// from a scratch buffer, and no spare capacity left behind with every issue. A run is the
// values of one owner, pushed one by one and then taken with end.
type slab[T any] struct {
	buf   []T
	start int // first value of the run being pushed
	size  int // values per array
}

func (s *slab[T]) push(v T) {
	if len(s.buf) == cap(s.buf) {
		// Move the unfinished run to a new array, large enough for it to grow.
		run := s.buf[s.start:]
		n := max(s.size, 2*len(run))
		next := make([]T, len(run), n)
		copy(next, run)
		clear(run) // the old array keeps earlier runs alive, not this one
		s.buf, s.start = next, 0
	}
	s.buf = append(s.buf, v)
}

// pushed returns how many values the run being pushed holds.
func (s *slab[T]) pushed() int { return len(s.buf) - s.start }

// end returns the run pushed since the last end, capped so that appending to it copies.
func (s *slab[T]) end() []T {
	if s.start == len(s.buf) {
		return nil
	}
	run := s.buf[s.start:len(s.buf):len(s.buf)]
	s.start = len(s.buf)
	return run
}
