//go:build !amd64

package jira

func quoteOrBackslash(b []byte, i int) int { return quoteOrBackslashSWAR(b, i) }

func stringSpecial(b []byte, i int) int { return stringSpecialSWAR(b, i) }
