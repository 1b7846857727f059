package report

import (
	"encoding/json"
	"io"

	"github.com/hatcheck/hatcheck/lint"
)

// RDJSONL is reviewdog's diagnostic format, one JSON object per line
// (reviewdog -f=rdjsonl). Only findings that count are printed: reviewdog comments on
// every diagnostic it gets, and a waived finding must not be commented on.
type RDJSONL struct{ opts Options }

type rdDiagnostic struct {
	Message  string      `json:"message"`
	Location *rdLocation `json:"location,omitempty"`
	Severity string      `json:"severity"`
	Source   rdSource    `json:"source"`
	Code     rdCode      `json:"code"`
}

type rdLocation struct {
	Path  string   `json:"path"`
	Range *rdRange `json:"range,omitempty"`
}

type rdRange struct {
	Start rdPosition `json:"start"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column,omitempty"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url"`
}

// Write prints one diagnostic per line.
func (d *RDJSONL) Write(w io.Writer, r *lint.Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, f := range counted(r) {
		diag := rdDiagnostic{
			Message:  f.Subject + ": " + f.Message,
			Severity: map[lint.Severity]string{lint.Error: "ERROR", lint.Warning: "WARNING", lint.Info: "INFO"}[f.Severity],
			Source:   rdSource{Name: orDefault(r.Tool.Name, "hatcheck"), URL: InformationURI},
			Code:     rdCode{Value: f.Rule, URL: ruleURL(d.opts, f.Rule)},
		}
		if p := f.Location.Path; isFile(p) {
			diag.Location = &rdLocation{Path: repoPath(d.opts, p)}
			if f.Location.Line > 0 {
				diag.Location.Range = &rdRange{Start: rdPosition{Line: f.Location.Line, Column: f.Location.Column}}
			}
		}
		if diag.Severity == "" {
			diag.Severity = "UNKNOWN_SEVERITY"
		}
		if err := enc.Encode(diag); err != nil {
			return err
		}
	}
	return nil
}
