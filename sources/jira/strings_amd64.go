package jira

// quoteOrBackslash returns the index of the first '"' or '\\' in b at or after i, or len(b)
// (or i, when i > len(b)).
//
//go:noescape
func quoteOrBackslash(b []byte, i int) int

// stringSpecial returns the index of the first '"', '\\' or control character (which JSON
// does not allow in a string) in b at or after i, or len(b) (or i, when i > len(b)).
//
//go:noescape
func stringSpecial(b []byte, i int) int
