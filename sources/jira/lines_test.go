package jira

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// oneByteReader hands out its input a byte at a time, the worst case for noting newlines.
type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

func TestLineReader(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 10000; i++ {
		fmt.Fprintf(&b, "line %d\r\n", i)
	}
	text := b.String()
	lr := newLineReader(oneByteReader{strings.NewReader(text)})
	if _, err := io.Copy(io.Discard, lr); err != nil {
		t.Fatal(err)
	}
	for _, want := range []int{1, 2, 9, 10, 4097, 9999, 10000} {
		off := int64(strings.Index(text, fmt.Sprintf("line %d\r", want)))
		line, col := lr.at(off + 2)
		if line != want || col != 3 {
			t.Errorf("offset %d: line %d column %d, want line %d column 3", off+2, line, col, want)
		}
	}
}

func TestPositionsWithCRLFAndBOM(t *testing.T) {
	data := "\xef\xbb\xbf[\r\n  {\"key\": \"A-1\"},\r\n  {\"key\": \"A-2\",\r\n   \"changelog\": {\"histories\": [\r\n     {\"id\": \"1\"}]}}\r\n]\r\n"
	r, err := readString(t, "crlf.json", data)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "issue positions", []any{r.Issues[0].Pos, r.Issues[1].Pos}, []any{pos("crlf.json", 2, 3), pos("crlf.json", 3, 3)})
	equal(t, "history position", r.Issues[1].PosOf(&r.Issues[1].Histories[0]), pos("crlf.json", 5, 6))
}
