package jira

import (
	"math/rand/v2"
	"testing"
)

// The string scans must agree with a byte-by-byte reading of their definition at every
// start, including starts past the end, whatever the bytes around the ones they look for.
func TestStringScans(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab\"\\\x00\x1f\x20\x7f\x80\xff")
	for range 2000 {
		b := make([]byte, rng.IntN(140))
		for n := range b {
			if rng.IntN(8) == 0 {
				b[n] = alphabet[rng.IntN(len(alphabet))]
			} else {
				b[n] = 'a' + byte(rng.IntN(26))
			}
		}
		checkStringScans(t, b)
	}
}

func FuzzStringScans(f *testing.F) {
	f.Add([]byte(`"https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/557058:0f1d2c3b/48\"`))
	f.Add([]byte("plain text\x01 with a control character"))
	f.Fuzz(checkStringScans)
}

func checkStringScans(t *testing.T, b []byte) {
	for i := range len(b) + 3 {
		want := i
		for want < len(b) && b[want] != '"' && b[want] != '\\' {
			want++
		}
		if got, swar := quoteOrBackslash(b, i), quoteOrBackslashSWAR(b, i); got != want || swar != want {
			t.Fatalf("quoteOrBackslash(%q, %d) = %d, SWAR %d, want %d", b, i, got, swar, want)
		}
		// The inline look answers within the eight bytes at i, and only there.
		want8 := -1
		if i+8 <= len(b) && want < i+8 {
			want8 = want
		}
		if got := quoteOrBackslash8(b, i); got != want8 {
			t.Fatalf("quoteOrBackslash8(%q, %d) = %d, want %d", b, i, got, want8)
		}
		want = i
		for want < len(b) && b[want] != '"' && b[want] != '\\' && b[want] >= 0x20 {
			want++
		}
		if got, swar := stringSpecial(b, i), stringSpecialSWAR(b, i); got != want || swar != want {
			t.Fatalf("stringSpecial(%q, %d) = %d, SWAR %d, want %d", b, i, got, swar, want)
		}
	}
}
