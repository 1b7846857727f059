package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// Markdown is the report for a job summary, a chat post or a nightly email: a summary
// table by severity and by rule, then the findings grouped by rule with Jira links.
type Markdown struct {
	opts Options
	// limit, when positive, is the most bytes to write; the findings are cut at a finding
	// boundary with a note (GitHub's job summary takes at most 1 MiB).
	limit int
}

// Write prints the report as GitHub-flavoured Markdown.
func (m *Markdown) Write(w io.Writer, r *lint.Report) error {
	var b strings.Builder
	s := r.Summary
	b.WriteString("## hatcheck report\n\n")
	fmt.Fprintf(&b, "**%s** (%s, %s, %d info), %d waived, %d in baseline",
		plural(s.Total, "finding", "findings"), plural(s.Error, "error", "errors"),
		plural(s.Warning, "warning", "warnings"), s.Info, s.Waived, s.Baseline)
	if !r.Now.IsZero() {
		fmt.Fprintf(&b, " · as of %s", r.Now.Format("2006-01-02 15:04 MST"))
	}
	b.WriteString("\n\n")

	b.WriteString("| severity | findings |\n|---|---:|\n")
	fmt.Fprintf(&b, "| error | %d |\n| warning | %d |\n| info | %d |\n", s.Error, s.Warning, s.Info)
	if s.Waived > 0 || s.Baseline > 0 {
		fmt.Fprintf(&b, "| waived | %d |\n| in baseline | %d |\n", s.Waived, s.Baseline)
	}
	b.WriteString("\n")

	list := shown(r, m.opts.ShowWaived)
	groups := groupByRule(r, list)
	if len(groups) > 0 {
		b.WriteString("| rule | severity | findings |\n|---|---|---:|\n")
		for _, g := range groups {
			fmt.Fprintf(&b, "| [%s](#%s) | %s | %d |\n", g.rule.Name, g.rule.Name, g.rule.Severity, len(g.findings))
		}
		b.WriteString("\n")
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "> **%s could not run:** %s\n\n", e.Rule, escapeMarkdown(e.Err))
	}
	if len(r.Skipped) > 0 {
		b.WriteString("<details><summary>" + plural(len(r.Skipped), "rule", "rules") + " skipped</summary>\n\n")
		for _, s := range r.Skipped {
			fmt.Fprintf(&b, "- **%s**: %s\n", s.Rule, escapeMarkdown(s.Reason))
		}
		b.WriteString("\n</details>\n\n")
	}

	header := b.String()
	if m.limit > 0 && len(header)+len(truncationNote(len(list))) > m.limit {
		_, err := io.WriteString(w, truncationNote(len(list)))
		return err
	}
	ew := &errWriter{w: w}
	ew.write(header)
	written := len(header)
	for gi, g := range groups {
		for fi, f := range g.findings {
			// A chunk is one finding's row, with its rule's heading before the first
			// row and a blank line after the last, so a cut never splits a table.
			var chunk strings.Builder
			if fi == 0 {
				fmt.Fprintf(&chunk, "### %s\n\n", g.rule.Name)
				if g.rule.Title != "" {
					fmt.Fprintf(&chunk, "%s ([docs](%s))\n\n", escapeMarkdown(g.rule.Title), ruleURL(m.opts, g.rule.Name))
				}
				chunk.WriteString("| severity | subject | message | location |\n|---|---|---|---|\n")
			}
			chunk.WriteString(markdownRow(f))
			if fi == len(g.findings)-1 {
				chunk.WriteString("\n")
			}
			if m.limit > 0 {
				left := remaining(groups, gi, fi)
				// The note must fit whether or not more findings follow.
				if written+chunk.Len()+1+len(truncationNote(left)) > m.limit {
					if fi > 0 {
						ew.write("\n")
					}
					ew.write(truncationNote(left))
					return ew.err
				}
			}
			ew.write(chunk.String())
			written += chunk.Len()
		}
	}
	return ew.err
}

// markdownRow is one finding as a table row.
func markdownRow(f *lint.Finding) string {
	subject := escapeMarkdown(f.Subject)
	if f.URL != "" {
		subject = "[" + subject + "](" + strings.NewReplacer("(", "%28", ")", "%29", " ", "%20").Replace(f.URL) + ")"
	}
	msg := escapeMarkdown(f.Message)
	switch status(f) {
	case lint.StatusWaived:
		reason := ""
		if f.Waiver != nil {
			reason = ": " + escapeMarkdown(f.Waiver.Reason)
		}
		msg += " _(waived" + reason + ")_"
	case lint.StatusBaseline:
		msg += " _(baseline)_"
	}
	return fmt.Sprintf("| %s | %s | %s | `%s` |\n", f.Severity, subject, msg, strings.ReplaceAll(f.Location.String(), "`", "'"))
}

func remaining(groups []ruleGroup, gi, fi int) int {
	n := len(groups[gi].findings) - fi
	for _, g := range groups[gi+1:] {
		n += len(g.findings)
	}
	return n
}

func truncationNote(left int) string {
	return fmt.Sprintf("_%s not shown: the job summary is limited to 1 MiB; the json or html report has them all._\n", plural(left, "more finding", "more findings"))
}

// ruleGroup is the findings of one rule, in report order.
type ruleGroup struct {
	rule     *lint.Rule
	findings []*lint.Finding
}

// groupByRule groups findings by rule, in the order of the rule catalogue.
func groupByRule(r *lint.Report, list []*lint.Finding) []ruleGroup {
	byRule := map[string][]*lint.Finding{}
	for _, f := range list {
		byRule[f.Rule] = append(byRule[f.Rule], f)
	}
	var out []ruleGroup
	for _, rule := range rulesOf(r) {
		if fs := byRule[rule.Name]; len(fs) > 0 {
			out = append(out, ruleGroup{rule, fs})
		}
	}
	return out
}

// escapeMarkdown makes text from Jira show as written in a Markdown table cell: characters
// that Markdown or HTML would interpret are backslash-escaped or turned into entities, and
// line breaks become spaces so the row stays one row.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '|', '#', '~', '!', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\r', '\n':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
