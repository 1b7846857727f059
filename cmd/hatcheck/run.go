package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/hatcheck/hatcheck/lint"
)

// Exit codes, as SPEC §2 defines them.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"; otherwise the
// module version from the build information is used.
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

const usage = `hatcheck checks the split of duties between a Product Owner and a Project Manager
in a team's Jira issues and the PM's Excel plan.

Usage:
  hatcheck [lint] [flags]          lint (the default command)
  hatcheck fetch [flags]           download issues from Jira into an export file
  hatcheck init [flags]            write a starter .hatcheck.yaml from an export and a plan
  hatcheck rules                   list every rule: name, category, default severity, title
  hatcheck explain RULE            a rule's full documentation
  hatcheck version

Run "hatcheck lint --help" for the lint flags.
`

// run is the whole command line: it returns the exit code instead of exiting, so that
// tests run the CLI in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd, rest := "lint", args
	if len(args) > 0 {
		switch args[0] {
		case "lint", "fetch", "init", "rules", "explain", "version", "help":
			cmd, rest = args[0], args[1:]
		case "-h", "--help":
			fmt.Fprint(stdout, usage)
			return exitOK
		}
	}
	switch cmd {
	case "fetch":
		return runFetch(rest, stdin, stdout, stderr)
	case "init":
		return runInit(rest, stdin, stdout, stderr)
	case "rules":
		return runRules(rest, stdout, stderr)
	case "explain":
		return runExplain(rest, stdout, stderr)
	case "version":
		fmt.Fprintf(stdout, "hatcheck %s\n", toolVersion())
		return exitOK
	case "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	return runLint(rest, stdin, stdout, stderr)
}

// fail prints an error the way every command does and returns exit code 2.
func fail(stderr io.Writer, err error) int {
	var ie *lint.InputError
	if errors.As(err, &ie) {
		fmt.Fprintf(stderr, "hatcheck: %s\n", ie.Error())
	} else {
		fmt.Fprintf(stderr, "hatcheck: %v\n", err)
	}
	return exitError
}
