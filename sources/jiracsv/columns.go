package jiracsv

import (
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// Column names of the system fields, each with the header variants Jira has written over the
// years, compared after normalizeHeader.
var systemColumns = map[string][]string{
	"key":             {"issue key", "key"},
	"id":              {"issue id"},
	"type":            {"issue type", "issuetype"},
	"summary":         {"summary"},
	"description":     {"description"},
	"status":          {"status"},
	"status category": {"status category"},
	"resolution":      {"resolution"},
	"priority":        {"priority"},
	"assignee":        {"assignee"},
	"assignee id":     {"assignee id"},
	"reporter":        {"reporter"},
	"reporter id":     {"reporter id"},
	"creator":         {"creator"},
	"creator id":      {"creator id"},
	"created":         {"created"},
	"updated":         {"updated"},
	"resolved":        {"resolved", "resolution date", "resolutiondate"},
	"due":             {"due date", "duedate"},
	"fix versions":    {"fix versions", "fix version/s", "fix version", "fixversions"},
	"parent key":      {"parent key"},
	"parent":          {"parent"},
	"parent id":       {"parent id"},
	"project key":     {"project key"},
	"labels":          {"labels"},
}

// normalizeHeader folds a header for matching: lower case, spaces trimmed and collapsed.
func normalizeHeader(h string) string {
	return strings.ToLower(strings.Join(strings.Fields(h), " "))
}

// header is the export's header row, indexed for lookups.
type header struct {
	names []string         // as written, for messages
	cols  map[string][]int // normalized header -> positions, in order
}

func newHeader(names []string) *header {
	h := &header{names: names, cols: map[string][]int{}}
	for i, n := range names {
		k := normalizeHeader(n)
		h.cols[k] = append(h.cols[k], i)
	}
	return h
}

// system returns the positions of a system column under any of its variants, or nil.
func (h *header) system(name string) []int {
	for _, v := range systemColumns[name] {
		if c := h.cols[v]; len(c) > 0 {
			return c
		}
	}
	return nil
}

// field returns the positions of a field named as the configuration names it ("Story Points",
// "Target start", "duedate"): a system column of that name or "Custom field (NAME)". It
// returns nil for field ids (customfield_10019), which the CSV export never shows.
func (h *header) field(name string) []int {
	n := normalizeHeader(name)
	if n == "" || strings.HasPrefix(n, "customfield_") {
		return nil
	}
	if c := h.cols["custom field ("+n+")"]; len(c) > 0 {
		return c
	}
	return h.cols[n]
}

// roleColumn is the column a field role was found in.
type roleColumn struct {
	name string // the configured name that matched
	cols []int
}

// roles resolves the configured field roles to columns: for each role, the first configured
// name the header has.
func (h *header) roles(f lint.FieldNames) map[lint.FieldKind]roleColumn {
	out := map[lint.FieldKind]roleColumn{}
	for _, k := range fieldRoles {
		for _, name := range f.Of(k) {
			if c := h.field(name); len(c) > 0 {
				out[k] = roleColumn{name: strings.TrimSpace(name), cols: c}
				break
			}
		}
	}
	return out
}

// fieldRoles are the jira.fields roles, in the order SPEC §3 lists them.
var fieldRoles = []lint.FieldKind{lint.KindRank, lint.KindSprint, lint.KindEstimate, lint.KindValue, lint.KindAcceptance, lint.KindEpic}
