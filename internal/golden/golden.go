// Package golden compares what a test produced with a file committed beside the tests. Run
// the tests with -update to rewrite the files from what they produce, then review the diff.
package golden

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

// Update is the -update flag of every test binary that compares with golden files.
var Update = flag.Bool("update", false, "rewrite the golden files from what the tests produce")

// Check compares got with the file at path, or, with -update, writes got there first. A
// difference fails the test with the message, got appended so that it can be read in full.
func Check(t testing.TB, path string, got []byte, msg string) {
	t.Helper()
	if *Update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the tests with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s:\n%s", msg, got)
	}
}
