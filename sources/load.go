// Package sources turns the inputs a user names — Jira exports (JSON or CSV, files,
// folders or standard input) and the Excel plan — into one lint.Project.
package sources

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
	"github.com/hatcheck/hatcheck/sources/jira"
	"github.com/hatcheck/hatcheck/sources/jiracsv"
	"github.com/hatcheck/hatcheck/sources/plan"
)

// Inputs names what to read.
type Inputs struct {
	Jira  []string  // files, folders, or "-" for Stdin
	Plan  string    // the workbook, or ""
	Stdin io.Reader // read for "-"
	// Fetched holds exports already in memory (from a live fetch), read as JSON.
	Fetched []Fetched
}

// Fetched is an export fetched live, named for messages.
type Fetched struct {
	Name string
	Data []byte
}

// Load reads every input into one project. Input errors carry the file and place.
func Load(cfg *lint.Config, in Inputs) (*lint.Project, error) {
	var results []*jira.Result
	for _, f := range in.Fetched {
		r, err := jira.ReadJSON(f.Name, bytes.NewReader(f.Data), cfg)
		if err != nil {
			return nil, err
		}
		results = append(results, r)
	}
	for _, p := range in.Jira {
		files, err := expand(p)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			r, err := readJira(f, in.Stdin, cfg)
			if err != nil {
				return nil, err
			}
			results = append(results, r)
		}
	}
	project := jira.Merge(results)
	if project.Sprints == nil {
		project.Sprints = map[int]*lint.Sprint{}
	}
	if project.Fields == nil {
		project.Fields = map[lint.FieldKind]string{}
	}
	if in.Plan != "" {
		pl, problems, err := plan.Read(in.Plan, cfg)
		if err != nil {
			return nil, err
		}
		project.Plan = pl
		project.Problems = append(project.Problems, problems...)
		project.Inputs = append(project.Inputs, lint.Input{
			Kind: "plan", Format: "xlsx", Path: in.Plan,
			Tasks: len(pl.Tasks), ChangeRequests: len(pl.Changes),
		})
	}
	return project, nil
}

// expand turns a folder into the Jira exports in it (.json, .jsonl, .csv), sorted by name.
func expand(p string) ([]string, error) {
	if p == "-" {
		return []string{p}, nil
	}
	st, err := os.Stat(p)
	if err != nil {
		return nil, inputError(p, err)
	}
	if !st.IsDir() {
		return []string{p}, nil
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return nil, inputError(p, err)
	}
	var files []string
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".json", ".jsonl", ".csv":
			if !e.IsDir() {
				files = append(files, filepath.Join(p, e.Name()))
			}
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, &lint.InputError{Pos: lint.Position{Path: p}, Msg: "folder holds no Jira export: expected .json, .jsonl or .csv files"}
	}
	return files, nil
}

// readJira reads one Jira input, telling CSV from JSON by its first significant byte.
func readJira(path string, stdin io.Reader, cfg *lint.Config) (*jira.Result, error) {
	var r io.Reader
	name := path
	if path == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		r, name = stdin, "<stdin>"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, inputError(path, err)
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4096)
	if jiracsv.Sniff(head) {
		return jiracsv.Read(name, br, cfg)
	}
	return jira.ReadJSON(name, br, cfg)
}

func inputError(path string, err error) error {
	msg := err.Error()
	if pe, ok := err.(*os.PathError); ok {
		msg = fmt.Sprintf("cannot read: %v", pe.Err)
	}
	return &lint.InputError{Pos: lint.Position{Path: path}, Msg: msg, Err: err}
}
