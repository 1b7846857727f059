package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// initWorkspace copies the init test inputs into a fresh folder and makes it the working
// directory, as a user runs init in their repository.
func initWorkspace(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs("../../testdata/init")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"export.json", "plan.xlsx"} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return src
}

func runInitArgs(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = runInit(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestInitGolden runs init as a user would and compares the file it writes with the golden
// file that sources/starter's test keeps (go test ./sources/starter -update rewrites it).
func TestInitGolden(t *testing.T) {
	src := initWorkspace(t)
	code, stdout, stderr := runInitArgs("--jira", "export.json", "--plan", "plan.xlsx")
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
	if want := "hatcheck: wrote .hatcheck.yaml: confirm the roles and the fields marked \"confirm\", then run hatcheck\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	got, err := os.ReadFile(".hatcheck.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(src, "export.golden.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf(".hatcheck.yaml differs from testdata/init/export.golden.yaml:\n%s", got)
	}

	// "-o -" prints the same file.
	code, stdout, _ = runInitArgs("-j", "export.json", "-p", "plan.xlsx", "-o", "-")
	if code != 0 || stdout != string(want) {
		t.Errorf("-o -: exit %d, output:\n%s", code, stdout)
	}
}

func TestInitRefusesToOverwrite(t *testing.T) {
	initWorkspace(t)
	const mine = "version: 1\n# my own settings\n"
	if err := os.WriteFile(".hatcheck.yaml", []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runInitArgs("--jira", "export.json")
	if code != 2 || stderr != "hatcheck init: .hatcheck.yaml already exists; use --force to overwrite it\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if data, _ := os.ReadFile(".hatcheck.yaml"); string(data) != mine {
		t.Errorf("the existing file was changed:\n%s", data)
	}

	code, _, stderr = runInitArgs("--jira", "export.json", "--force")
	if code != 0 {
		t.Fatalf("--force: exit %d, stderr %s", code, stderr)
	}
	data, _ := os.ReadFile(".hatcheck.yaml")
	if !strings.HasPrefix(string(data), "# hatcheck configuration, written by `hatcheck init` from:\n#   jira: export.json (4 issues,") {
		t.Errorf("--force did not write the starter file:\n%s", data)
	}
	if leftovers, _ := filepath.Glob(".hatcheck.yaml.*"); len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestInitErrors(t *testing.T) {
	initWorkspace(t)
	if err := os.WriteFile("broken.json", []byte(`{"issues": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "hatcheck init: --jira is required: name a Jira export (JSON or CSV) or a folder of them\n"},
		{[]string{"--jira", "export.json", "extra"}, "hatcheck init: unexpected argument \"extra\" (inputs are given with --jira and --plan)\n"},
		{[]string{"--jira", "missing.json"}, "hatcheck: missing.json: cannot read: no such file or directory\n"},
		{[]string{"--bogus"}, "hatcheck init: unknown flag: --bogus\n"},
		{[]string{"--jira", "export.json", "-o", "no/such/folder/.hatcheck.yaml"}, "hatcheck: cannot write no/such/folder/.hatcheck.yaml: no such file or directory\n"},
	} {
		code, stdout, stderr := runInitArgs(tc.args...)
		if code != 2 || stderr != tc.want || stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, stdout, stderr, tc.want)
		}
	}
	// A malformed export is an input error naming the file; no config file is written.
	code, _, stderr := runInitArgs("--jira", "broken.json")
	if code != 2 || !strings.HasPrefix(stderr, "hatcheck: broken.json:1:") {
		t.Errorf("broken.json: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(".hatcheck.yaml"); !os.IsNotExist(err) {
		t.Errorf("a config file was written after an input error")
	}
}
