package jira

// valid reports whether b is one JSON value, with nothing but whitespace around it, exactly as
// jsontext.Value.IsValid judges it with the reader's decodeOptions: invalid UTF-8 (and so
// unpaired surrogate escapes) allowed, duplicate member names allowed, at most maxDepth
// objects and arrays deep. A worker calls it on every issue the splitter hands over.
//
// It is jsontext's check, written for this one use, for what jsontext cannot give: when ends
// is not nil (it must be as long as b), valid also notes where each object and array ends,
// ends[i] being the index just past the value that opens at b[i], so that the scanner skips
// a value it does not need in one step. It keeps no names and no tokens and crosses strings
// sixteen bytes at a time (strings.go), which makes it faster than jsontext.Value.IsValid
// (BenchmarkValid: 11% less time on the pretty-printed test exports; on the compact export
// cmd/hatchgen writes, 89 ms for its 10,000 issues against 170 ms, single-threaded).
// When it says no, the worker asks jsontext for the error, so only the yes has to be exactly
// right; the FuzzValid target holds the two to the same answers.
func valid(b []byte, ends []int32) bool {
	const (
		expectValue = iota
		afterValue
		expectName
	)
	var stackBuf [32]int32
	stack := stackBuf[:0] // where each open object and array starts
	state := expectValue
	i := 0
	for {
		for i < len(b) && isSpace[b[i]] {
			i++
		}
		switch state {
		case expectValue:
			if i >= len(b) {
				return false
			}
			state = afterValue
			switch b[i] {
			case '{', '[':
				if len(stack) == maxDepth {
					return false
				}
				open := b[i]
				stack = append(stack, int32(i))
				i++
				for i < len(b) && isSpace[b[i]] {
					i++
				}
				if i < len(b) && b[i] == open+2 { // '}' is '{'+2, ']' is '['+2
					i++
					if ends != nil {
						ends[stack[len(stack)-1]] = int32(i)
					}
					stack = stack[:len(stack)-1]
				} else if open == '{' {
					state = expectName
				} else {
					state = expectValue
				}
			case '"':
				i = endOfString(b, i+1)
			case 't':
				i = endOfLiteral(b, i, "true")
			case 'f':
				i = endOfLiteral(b, i, "false")
			case 'n':
				i = endOfLiteral(b, i, "null")
			default:
				i = endOfNumber(b, i)
			}
			if i < 0 {
				return false
			}
		case afterValue:
			if len(stack) == 0 {
				return i == len(b)
			}
			if i >= len(b) {
				return false
			}
			top := b[stack[len(stack)-1]]
			switch c := b[i]; {
			case c == ',':
				i++
				if top == '{' {
					state = expectName
				} else {
					state = expectValue
				}
			case c == top+2:
				i++
				if ends != nil {
					ends[stack[len(stack)-1]] = int32(i)
				}
				stack = stack[:len(stack)-1]
			default:
				return false
			}
		case expectName:
			if i >= len(b) || b[i] != '"' {
				return false
			}
			if i = endOfString(b, i+1); i < 0 {
				return false
			}
			for i < len(b) && isSpace[b[i]] {
				i++
			}
			if i >= len(b) || b[i] != ':' {
				return false
			}
			i++
			state = expectValue
		}
	}
}

// maxDepth is jsontext's limit on nesting.
const maxDepth = 10000

var isSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// endOfString returns the index just past the closing quote of the string whose contents
// start at b[i], or -1 when the string is not well-formed or does not end.
func endOfString(b []byte, i int) int {
	for {
		if i = stringSpecial(b, i); i >= len(b) {
			return -1
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1
		case c == '\\':
			if i+1 >= len(b) {
				return -1
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(b) || !isHex[b[i+2]] || !isHex[b[i+3]] || !isHex[b[i+4]] || !isHex[b[i+5]] {
					return -1
				}
				i += 6
			default:
				return -1
			}
		default: // a control character
			return -1
		}
	}
}

var isHex = func() (t [256]bool) {
	for _, c := range "0123456789abcdefABCDEF" {
		t[c] = true
	}
	return t
}()

func endOfLiteral(b []byte, i int, lit string) int {
	if len(b)-i < len(lit) || string(b[i:i+len(lit)]) != lit {
		return -1
	}
	return i + len(lit)
}

// endOfNumber returns the index just past the number at b[i], or -1 when none is there.
func endOfNumber(b []byte, i int) int {
	digits := func() bool {
		start := i
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		return i > start
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case !digits():
		return -1
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return -1
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return -1
		}
	}
	return i
}
