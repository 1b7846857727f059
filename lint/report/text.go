package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// Text is the terminal format: one line per finding,
// "PATH:LINE: SEVERITY RULE: SUBJECT: MESSAGE", then the summary line.
type Text struct{ opts Options }

// ANSI colours for the text format.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

func (t *Text) paint(code, s string) string {
	if !t.opts.Color {
		return s
	}
	return code + s + ansiReset
}

func (t *Text) severity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return t.paint(ansiBold+ansiRed, s.String())
	case lint.Warning:
		return t.paint(ansiYellow, s.String())
	case lint.Info:
		return t.paint(ansiCyan, s.String())
	}
	return s.String()
}

// Write prints the findings, the rules that could not run, and the summary line.
func (t *Text) Write(w io.Writer, r *lint.Report) error {
	ew := &errWriter{w: w}
	for _, f := range shown(r, t.opts.ShowWaived) {
		line := fmt.Sprintf("%s: %s %s: %s: %s",
			t.paint(ansiBold, terminalSafe(f.Location.String())), t.severity(f.Severity), f.Rule,
			terminalSafe(f.Subject), terminalSafe(f.Message))
		switch status(f) {
		case lint.StatusWaived:
			mark := "[waived]"
			if f.Waiver != nil && f.Waiver.Reason != "" {
				mark = "[waived: " + terminalSafe(f.Waiver.Reason) + "]"
			}
			line += " " + t.paint(ansiDim, mark)
		case lint.StatusBaseline:
			line += " " + t.paint(ansiDim, "[baseline]")
		}
		ew.printf("%s\n", line)
	}
	for _, e := range r.Errors {
		ew.printf("%s: %s %s: rule could not run: %s\n", "-", t.severity(lint.Error), e.Rule, terminalSafe(e.Err))
	}
	if !t.opts.Quiet {
		ew.printf("%s\n", SummaryLine(r.Summary))
	}
	return ew.err
}

// terminalSafe keeps a finding on its line and the terminal in its state: a line break in
// a message continues on an indented line, and other control characters (an escape
// sequence hidden in a Jira summary) are shown as \xNN instead of being obeyed.
func terminalSafe(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString("\n    ")
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// errWriter keeps the first write error so a format can print many lines and check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

func (e *errWriter) write(s string) {
	if e.err == nil {
		_, e.err = io.WriteString(e.w, s)
	}
}
