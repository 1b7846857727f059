package jira

import (
	"encoding/binary"
	"math/bits"
)

// Strings are most of an export's bytes. The splitter, valid and the scanner cross them with
// quoteOrBackslash and stringSpecial, which find the next byte that is not plain text: on
// amd64 sixteen bytes at a time with SSE2 (strings_amd64.s), elsewhere eight bytes at a
// time with the functions below, which the tests also hold the assembly to. Their tests
// flag each byte that is a quote or a backslash (or, for stringSpecial, below 0x20); they may
// also flag a byte above a flagged one, never below it, so the lowest flag is exact.

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// quoteOrBackslashSWAR returns the index of the first '"' or '\\' in b at or after i, or
// len(b) (or i, when i > len(b)).
func quoteOrBackslashSWAR(b []byte, i int) int {
	for i+8 <= len(b) {
		if j := quoteOrBackslash8(b, i); j >= 0 {
			return j
		}
		i += 8
	}
	for i < len(b) && b[i] != '"' && b[i] != '\\' {
		i++
	}
	return i
}

// stringSpecialSWAR returns the index of the first '"', '\\' or control character (which
// JSON does not allow in a string) in b at or after i, or len(b) (or i, when i > len(b)).
func stringSpecialSWAR(b []byte, i int) int {
	for i+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[i:])
		q := x ^ (ones * '"')
		e := x ^ (ones * '\\')
		if t := ((q-ones)&^q | (e-ones)&^e | (x-ones*0x20)&^x) & highs; t != 0 {
			return i + bits.TrailingZeros64(t)>>3
		}
		i += 8
	}
	for i < len(b) && b[i] >= 0x20 && b[i] != '"' && b[i] != '\\' {
		i++
	}
	return i
}

// quoteOrBackslash8 returns the index of the first '"' or '\\' among the eight bytes at i,
// or -1 when there is none or fewer than eight bytes are left. It is inlined where strings
// are crossed, before quoteOrBackslash: most strings of an export are shorter than eight
// bytes, and the call to the assembly costs more than the look (and, with where the linker
// puts the caller, more or less by a tenth of the splitter's time).
func quoteOrBackslash8(b []byte, i int) int {
	if uint(i)+8 > uint(len(b)) {
		return -1
	}
	x := binary.LittleEndian.Uint64(b[i:])
	q := x ^ (ones * '"')
	e := x ^ (ones * '\\')
	if t := ((q-ones)&^q | (e-ones)&^e) & highs; t != 0 {
		return i + bits.TrailingZeros64(t)>>3
	}
	return -1
}
