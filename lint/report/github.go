package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// GitHub prints workflow commands that GitHub Actions turns into annotations, and appends
// the markdown report to the job summary when Options.StepSummary is set.
type GitHub struct{ opts Options }

// annotationsPerLevel is how many annotations of one level GitHub shows for a step.
const annotationsPerLevel = 10

// stepSummaryLimit is the size GitHub accepts for a step's summary file.
const stepSummaryLimit = 1 << 20

// Write prints the annotations: errors first, then warnings, then notices, at most
// annotationsPerLevel of each, then one notice counting what was left out, then the
// summary line for the log.
func (g *GitHub) Write(w io.Writer, r *lint.Report) error {
	ew := &errWriter{w: w}
	bySeverity := map[lint.Severity][]*lint.Finding{}
	for _, f := range counted(r) {
		bySeverity[f.Severity] = append(bySeverity[f.Severity], f)
	}
	var left [3]int // errors, warnings, info left out
	for k, sev := range []lint.Severity{lint.Error, lint.Warning, lint.Info} {
		list := bySeverity[sev]
		limit := annotationsPerLevel
		if sev == lint.Info && (left[0]+left[1] > 0 || len(list) > annotationsPerLevel) {
			// The notice that counts the rest is itself a notice; keep a slot for it so
			// GitHub shows it.
			limit--
		}
		for i, f := range list {
			if i == limit {
				left[k] = len(list) - limit
				break
			}
			ew.write(annotation(sev, repoPath(g.opts, f.Location.Path), f.Location, f.Rule, f.Subject+": "+f.Message))
		}
	}
	if n := left[0] + left[1] + left[2]; n > 0 {
		var parts []string
		if left[0] > 0 {
			parts = append(parts, plural(left[0], "error", "errors"))
		}
		if left[1] > 0 {
			parts = append(parts, plural(left[1], "warning", "warnings"))
		}
		if left[2] > 0 {
			parts = append(parts, strconv.Itoa(left[2])+" info")
		}
		where := "see the job summary or run hatcheck locally"
		ew.write(annotation(lint.Info, "", lint.Position{}, "hatcheck",
			fmt.Sprintf("%s not shown as annotations (%s); %s", plural(n, "more finding", "more findings"), strings.Join(parts, ", "), where)))
	}
	for _, e := range r.Errors {
		ew.write(annotation(lint.Error, "", lint.Position{}, e.Rule, "rule could not run: "+e.Err))
	}
	if !g.opts.Quiet {
		ew.printf("%s\n", SummaryLine(r.Summary))
	}
	if ew.err != nil {
		return ew.err
	}
	if g.opts.StepSummary != "" {
		if err := g.appendStepSummary(r); err != nil {
			return fmt.Errorf("job summary %s: %w", g.opts.StepSummary, err)
		}
	}
	return nil
}

// annotation renders one workflow command.
func annotation(sev lint.Severity, path string, pos lint.Position, title, message string) string {
	cmd := "notice"
	switch sev {
	case lint.Error:
		cmd = "error"
	case lint.Warning:
		cmd = "warning"
	}
	var props []string
	if isFile(path) {
		props = append(props, "file="+escapeProperty(path))
		if pos.Line > 0 {
			props = append(props, "line="+strconv.Itoa(pos.Line))
		}
		if pos.Column > 0 {
			props = append(props, "col="+strconv.Itoa(pos.Column))
		}
	}
	props = append(props, "title="+escapeProperty(title))
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + escapeData(message) + "\n"
}

// escapeData escapes a workflow command's message as the runner unescapes it.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value; ':' and ',' would otherwise
// end the value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// appendStepSummary appends the markdown report to the job summary file, within what is
// left of GitHub's limit for it.
func (g *GitHub) appendStepSummary(r *lint.Report) error {
	budget := stepSummaryLimit
	if fi, err := os.Stat(g.opts.StepSummary); err == nil {
		budget -= int(fi.Size())
	}
	var buf bytes.Buffer
	md := &Markdown{opts: g.opts, limit: budget}
	if err := md.Write(&buf, r); err != nil {
		return err
	}
	f, err := os.OpenFile(g.opts.StepSummary, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
