// Command readpass reads Jira exports with jira.ReadJSON and merges them, as hatcheck lint
// does before running rules: for timing the reader on its own and for profiling it.
//
//	go run ./cmd/hatchgen/readpass [-cpuprofile FILE] [-memprofile FILE] EXPORT...
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/hatcheck/hatcheck/lint"
	"github.com/hatcheck/hatcheck/sources/jira"
)

func main() {
	cpu := flag.String("cpuprofile", "", "write a CPU profile to this file")
	mem := flag.String("memprofile", "", "write a heap profile of what is retained after reading")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: readpass [-cpuprofile FILE] [-memprofile FILE] EXPORT...")
		os.Exit(2)
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			fmt.Fprintln(os.Stderr, "readpass:", err)
			os.Exit(2)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	cfg := lint.DefaultConfig()
	var results []*jira.Result
	for _, path := range flag.Args() {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "readpass:", err)
			os.Exit(2)
		}
		r, err := jira.ReadJSON(path, bufio.NewReaderSize(f, 64<<10), cfg)
		f.Close()
		if err != nil {
			fmt.Fprintln(os.Stderr, "readpass:", err)
			os.Exit(1)
		}
		results = append(results, r)
	}
	p := jira.Merge(results)
	histories := 0
	for _, i := range p.Issues {
		histories += len(i.Histories)
	}
	if *mem != "" {
		runtime.GC()
		f, err := os.Create(*mem)
		if err == nil {
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("%d issues, %d histories, %d sprints, %d problems; heap in use %d MB\n",
		len(p.Issues), histories, len(p.Sprints), len(p.Problems), ms.HeapInuse>>20)
	runtime.KeepAlive(p)
}
