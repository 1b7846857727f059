package report

import (
	"io"
	"net/url"
	"strings"

	"github.com/go-json-experiment/json"

	"github.com/hatcheck/hatcheck/lint"
)

// SARIF is the SARIF 2.1.0 log GitHub code scanning accepts.
type SARIF struct {
	opts     Options
	fallback string // the file results without a place point at
}

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// srcRoot is the uriBaseId GitHub resolves against the repository checkout.
	srcRoot = "%SRCROOT%"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool           `json:"tool"`
	OriginalURIBaseIDs map[string]sarifURI `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult       `json:"results"`
	Invocations        []sarifInvocation   `json:"invocations,omitempty"`
	ColumnKind         string              `json:"columnKind"`
	Properties         map[string]any      `json:"properties,omitempty"`
}

type sarifURI struct {
	URI string `json:"uri"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifText         `json:"help"`
	HelpURI              string            `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifRuleConfig struct {
	Enabled bool   `json:"enabled"`
	Level   string `json:"level"`
}

type sarifRuleProperty struct {
	Tags []string `json:"tags"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifRelated     `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	BaselineState       string             `json:"baselineState,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifRelated struct {
	ID               int            `json:"id"`
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	Message          sarifText      `json:"message"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogical struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
	Kind               string `json:"kind,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string        `json:"level"`
	Message    sarifText     `json:"message"`
	Descriptor *sarifRuleRef `json:"associatedRule,omitempty"`
}

type sarifRuleRef struct {
	ID string `json:"id"`
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	case lint.Info:
		return "note"
	}
	return "none"
}

// Write prints the SARIF log as indented JSON.
func (s *SARIF) Write(w io.Writer, r *lint.Report) error {
	rules := rulesOf(r)
	s.fallback = s.opts.ConfigPath
	for _, in := range r.Inputs {
		if s.fallback == "" && isFile(in.Path) {
			s.fallback = in.Path
		}
	}
	index := map[string]int{}
	driver := sarifDriver{
		Name:           orDefault(r.Tool.Name, "hatcheck"),
		Version:        r.Tool.Version,
		InformationURI: InformationURI,
		Rules:          []sarifRule{},
	}
	for i, rule := range rules {
		index[rule.Name] = i
		title := orDefault(rule.Title, rule.Name)
		doc := orDefault(rule.Doc, title)
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   rule.Name,
			Name:                 rule.Name,
			ShortDescription:     sarifText{Text: title},
			FullDescription:      sarifText{Text: firstParagraph(doc)},
			Help:                 sarifText{Text: doc, Markdown: doc},
			HelpURI:              ruleURL(s.opts, rule.Name),
			DefaultConfiguration: sarifRuleConfig{Enabled: !rule.DefaultOff, Level: sarifLevel(rule.Severity)},
			Properties:           sarifRuleProperty{Tags: []string{string(rule.Category)}},
		})
	}
	run := sarifRun{
		Tool:       sarifTool{Driver: driver},
		Results:    make([]sarifResult, 0, len(r.Findings)),
		ColumnKind: "unicodeCodePoints",
	}
	for _, f := range r.Findings {
		res := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: index[f.Rule],
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{Text: f.Subject + ": " + f.Message},
			Locations: []sarifLocation{s.location(f)},
		}
		if f.Fingerprint != "" {
			res.PartialFingerprints = map[string]string{"primaryLocationLineHash": f.Fingerprint}
		}
		for k, rel := range f.Related {
			if p := s.physical(rel.Location); p != nil {
				res.RelatedLocations = append(res.RelatedLocations, sarifRelated{ID: k + 1, PhysicalLocation: p, Message: sarifText{Text: rel.Message}})
			}
		}
		switch status(f) {
		case lint.StatusBaseline:
			res.BaselineState = "unchanged"
		case lint.StatusWaived:
			res.BaselineState = "new"
			sup := sarifSuppression{Kind: "external", Status: "accepted"}
			if f.Waiver != nil {
				sup.Justification = f.Waiver.Reason
			}
			res.Suppressions = []sarifSuppression{sup}
		default:
			res.BaselineState = "new"
		}
		if f.URL != "" {
			res.Properties = map[string]any{"url": f.URL}
		}
		run.Results = append(run.Results, res)
	}
	if len(r.Errors) > 0 {
		inv := sarifInvocation{ExecutionSuccessful: false}
		for _, e := range r.Errors {
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level: "error", Message: sarifText{Text: "rule could not run: " + e.Err}, Descriptor: &sarifRuleRef{ID: e.Rule},
			})
		}
		run.Invocations = []sarifInvocation{inv}
	}
	// Written as it is encoded, with the JSON report's conventions, so that a log of many
	// results is never held whole in memory.
	if err := json.MarshalWrite(w, sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}, jsonOptions...); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// location is a result's place: the file and line, and as a logical location the sheet
// and cell (for plan findings) or the subject (an issue key, a project key).
func (s *SARIF) location(f *lint.Finding) sarifLocation {
	loc := sarifLocation{PhysicalLocation: s.physical(f.Location)}
	if loc.PhysicalLocation == nil {
		loc.PhysicalLocation = s.physical(lint.Position{Path: s.fallback})
	}
	switch {
	case f.Location.Sheet != "" && f.Location.Cell != "":
		name := f.Location.Sheet + "!" + f.Location.Cell
		loc.LogicalLocations = []sarifLogical{{Name: name, FullyQualifiedName: repoPath(s.opts, f.Location.Path) + "/" + name, Kind: "element"}}
	case f.Subject != "":
		loc.LogicalLocations = []sarifLogical{{Name: f.Subject, Kind: "object"}}
	}
	return loc
}

func (s *SARIF) physical(p lint.Position) *sarifPhysical {
	if !isFile(p.Path) {
		return nil
	}
	line := max(p.Line, 1)
	return &sarifPhysical{
		ArtifactLocation: sarifArtifact{URI: uriPath(repoPath(s.opts, p.Path)), URIBaseID: srcRoot},
		Region:           &sarifRegion{StartLine: line, StartColumn: p.Column},
	}
}

// uriPath percent-encodes each segment of a slash-separated path, so that a file named
// "plan v2.xlsx" is a valid URI reference.
func uriPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// firstParagraph returns the first paragraph of a Markdown doc that is not a heading.
func firstParagraph(doc string) string {
	for _, para := range strings.Split(strings.ReplaceAll(doc, "\r\n", "\n"), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" || strings.HasPrefix(para, "#") {
			continue
		}
		return strings.Join(strings.Fields(para), " ")
	}
	return strings.TrimSpace(doc)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
