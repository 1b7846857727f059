package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/hatcheck/hatcheck/rules"
)

// runRules prints the rule catalogue as a table.
func runRules(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "hatcheck: rules takes no arguments (got %q)\n", strings.Join(args, " "))
		return exitError
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tCATEGORY\tSEVERITY\tTITLE")
	for _, r := range rules.All {
		sev := r.Severity.String()
		if r.DefaultOff {
			sev += " (off)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name, r.Category, sev, r.Title)
	}
	tw.Flush()
	return exitOK
}

// runExplain prints one rule's documentation.
func runExplain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "hatcheck: usage: hatcheck explain RULE (see hatcheck rules)")
		return exitError
	}
	for _, r := range rules.All {
		if r.Name == args[0] {
			sev := r.Severity.String()
			if r.DefaultOff {
				sev += ", off by default"
			}
			fmt.Fprintf(stdout, "# %s\n\n%s (%s, %s)\n\n%s\n", r.Name, r.Title, r.Category, sev, strings.TrimSpace(r.Doc))
			return exitOK
		}
	}
	fmt.Fprintf(stderr, "hatcheck: unknown rule %q%s (see hatcheck rules)\n", args[0], suggest(args[0]))
	return exitError
}

// suggest names the closest rule, for typos.
func suggest(name string) string {
	best, bestDist := "", 4
	for _, r := range rules.All {
		if d := editDistance(name, r.Name); d < bestDist {
			best, bestDist = r.Name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
