package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/hatcheck/hatcheck/lint"
	"github.com/hatcheck/hatcheck/sources"
	"github.com/hatcheck/hatcheck/sources/starter"
)

// runInit writes a starter .hatcheck.yaml from a Jira export and, optionally, the plan: the
// fields and plan columns it recognised and the people who acted in each role, left
// commented for the user to confirm. It never overwrites a file without --force.
func runInit(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("hatcheck init", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		jira   []string
		plan   string
		output string
		force  bool
	)
	fs.StringArrayVarP(&jira, "jira", "j", nil, "Jira input: a JSON or CSV export, a folder of them, or - for stdin (repeatable, required)")
	fs.StringVarP(&plan, "plan", "p", "", "the Excel plan `FILE` (.xlsx/.xlsm), to detect its sheet and columns")
	fs.StringVarP(&output, "output", "o", ".hatcheck.yaml", "the config `FILE` to write, or - for standard output")
	fs.BoolVar(&force, "force", false, "overwrite the config file if it exists")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: hatcheck init --jira PATH [--plan FILE] [-o FILE] [--force]\n\n"+
			"Writes a starter .hatcheck.yaml from a Jira export and the plan.\n\nFlags:\n%s", fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		fmt.Fprintf(stderr, "hatcheck init: %v\n", err)
		return exitError
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "hatcheck init: unexpected argument %q (inputs are given with --jira and --plan)\n", fs.Arg(0))
		return exitError
	}
	if len(jira) == 0 {
		fmt.Fprintln(stderr, "hatcheck init: --jira is required: name a Jira export (JSON or CSV) or a folder of them")
		return exitError
	}
	if output != "-" && !force {
		if _, err := os.Lstat(output); err == nil {
			fmt.Fprintf(stderr, "hatcheck init: %s already exists; use --force to overwrite it\n", output)
			return exitError
		}
	}

	cfg := lint.DefaultConfig()
	project, err := sources.Load(cfg, sources.Inputs{Jira: jira, Plan: plan, Stdin: stdin})
	if err != nil {
		return fail(stderr, err)
	}
	dir := "."
	if output != "-" {
		dir = filepath.Dir(output)
	}
	data := starter.Render(project, cfg, starter.Options{Jira: jira, Plan: plan, Dir: dir})
	if output == "-" {
		if _, err := stdout.Write(data); err != nil {
			return fail(stderr, err)
		}
		return exitOK
	}
	if err := writeConfigFile(output, data); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stderr, "hatcheck: wrote %s: confirm the roles and the fields marked \"confirm\", then run hatcheck\n", output)
	return exitOK
}

// writeConfigFile writes data to a temporary file beside path and renames it into place, so
// an interrupted run never leaves half a config file.
func writeConfigFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
