package report

import (
	"encoding/xml"
	"io"

	"github.com/hatcheck/hatcheck/lint"
)

// JUnit is the JUnit XML report CI dashboards read: one test suite per rule, one test case
// per subject with a failure per finding, and a passing case for a rule with no finding.
// Waived and baseline findings make a skipped case, so they stay visible without failing.
type JUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	ClassName string         `xml:"classname,attr"`
	Failures  []junitFailure `xml:"failure"`
	Error     *junitFailure  `xml:"error"`
	Skipped   *junitSkipped  `xml:"skipped"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// Write prints the JUnit XML document.
func (JUnit) Write(w io.Writer, r *lint.Report) error {
	doc := junitSuites{Name: orDefault(r.Tool.Name, "hatcheck")}
	byRule := map[string][]*lint.Finding{}
	for _, f := range r.Findings {
		byRule[f.Rule] = append(byRule[f.Rule], f)
	}
	ruleErrors := map[string]string{}
	for _, e := range r.Errors {
		ruleErrors[e.Rule] = e.Err
	}
	skipped := map[string]string{}
	for _, s := range r.Skipped {
		skipped[s.Rule] = s.Reason
	}
	for _, rule := range rulesOf(r) {
		suite := junitSuite{Name: rule.Name}
		// Cases keep the order in which subjects first appear in the sorted findings.
		index := map[string]int{}
		for _, f := range byRule[rule.Name] {
			k, ok := index[f.Subject]
			if !ok {
				k = len(suite.Cases)
				index[f.Subject] = k
				suite.Cases = append(suite.Cases, junitCase{Name: orDefault(f.Subject, "-"), ClassName: rule.Name})
			}
			c := &suite.Cases[k]
			text := f.Location.String() + ": " + f.Severity.String() + " " + f.Rule + ": " + f.Subject + ": " + f.Message
			if f.Counts() {
				c.Failures = append(c.Failures, junitFailure{Message: f.Message, Type: f.Severity.String(), Text: text})
			} else if c.Skipped == nil {
				msg := string(status(f))
				if f.Waiver != nil && f.Waiver.Reason != "" {
					msg += ": " + f.Waiver.Reason
				}
				c.Skipped = &junitSkipped{Message: msg}
			}
		}
		if msg, failed := ruleErrors[rule.Name]; failed {
			suite.Cases = append(suite.Cases, junitCase{Name: "rule could not run", ClassName: rule.Name,
				Error: &junitFailure{Message: msg, Type: "error", Text: msg}})
		}
		if reason, ok := skipped[rule.Name]; ok && len(suite.Cases) == 0 {
			suite.Cases = []junitCase{{Name: "rule skipped", ClassName: rule.Name, Skipped: &junitSkipped{Message: reason}}}
		}
		if len(suite.Cases) == 0 {
			suite.Cases = []junitCase{{Name: "no findings", ClassName: rule.Name}}
		}
		for i := range suite.Cases {
			c := &suite.Cases[i]
			// A case with failures is a failure even when some of its findings were waived.
			if len(c.Failures) > 0 {
				c.Skipped = nil
				suite.Failures++
			} else if c.Skipped != nil {
				suite.Skipped++
			}
			if c.Error != nil {
				suite.Errors++
			}
		}
		suite.Tests = len(suite.Cases)
		doc.Tests += suite.Tests
		doc.Failures += suite.Failures
		doc.Errors += suite.Errors
		doc.Skipped += suite.Skipped
		doc.Suites = append(doc.Suites, suite)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
