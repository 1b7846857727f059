// Command tokenpass reads every JSON token of a file with jsontext and keeps nothing: the
// floor that the Jira reader's cost is measured against (SPEC §8).
//
//	go run ./cmd/hatchgen/tokenpass FILE
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/go-json-experiment/json/jsontext"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: tokenpass FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "tokenpass:", err)
		os.Exit(2)
	}
	defer f.Close()
	// The same decoder options as the Jira reader, so that both pay for the same checks.
	dec := jsontext.NewDecoder(bufio.NewReaderSize(f, 64<<10), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	tokens := 0
	for {
		_, err := dec.ReadToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "tokenpass:", err)
			os.Exit(1)
		}
		tokens++
	}
	fmt.Println(tokens, "tokens")
}
