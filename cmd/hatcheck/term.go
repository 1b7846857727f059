package main

import (
	"os"
	"path/filepath"

	"golang.org/x/term"
)

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

func parentDir(dir string) string { return filepath.Dir(dir) }
