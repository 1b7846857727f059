// Command hatchgen writes a deterministic synthetic Jira export, and optionally a project
// plan naming its epics, for measuring hatcheck on inputs of any size:
//
//	hatchgen -issues 10000 -histories 20 -o export.json [-plan plan.xlsx]
//
// The export is a Cloud-style search response, one issue per line, (/rest/api/3/search with expand=changelog,names)
// with what real exports carry: users with avatars, ranks, sprint objects, story points,
// business value, due and target dates, epics, and changelogs of rank, sprint, date, status
// and estimate changes by several people. The same flags always give the same bytes.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "hatchgen:", err)
		os.Exit(2)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("hatchgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	issues := fs.Int("issues", 1000, "number of issues")
	histories := fs.Int("histories", 20, "changelog histories per issue")
	out := fs.String("o", "", "output file for the export (default: standard output)")
	plan := fs.String("plan", "", "also write a project plan workbook (.xlsx) naming the epics")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same export")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *issues < 1 || *histories < 0 {
		return fmt.Errorf("-issues must be at least 1 and -histories at least 0")
	}
	g := newGenerator(*issues, *histories, *seed)
	w := stdout
	var f *os.File
	if *out != "" {
		var err error
		if f, err = os.Create(*out); err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := g.writeExport(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return err
		}
	}
	if *plan != "" {
		return g.writePlan(*plan)
	}
	return nil
}
