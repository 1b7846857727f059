package lint

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// RunOptions are the settings of one run that are not configuration.
type RunOptions struct {
	// Now is the reference time (--now); the zero time means the clock's time.
	Now  time.Time
	Tool Tool
	// Baseline is an earlier report: findings it holds get StatusBaseline.
	Baseline *Baseline
}

// RankValueInversion is the rule whose findings mark backlog points as inverted in the
// report's chart data.
const RankValueInversion = "rank-value-inversion"

// Run checks the project with the rules of all that the configuration enables, in
// catalogue order, and returns the report. The configuration's rule names must be known
// (an error otherwise). A rule that fails or panics is recorded in Report.Errors and the
// others go on. The report is the same for the same project, configuration and Now.
func Run(p *Project, cfg *Config, all []*Rule, opts RunOptions) (*Report, error) {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	if p == nil {
		p = &Project{}
	}
	if err := cfg.CheckRuleNames(all); err != nil {
		return nil, err
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	enabled, severity := SelectRules(cfg, all)
	rep := &Report{
		Tool:    opts.Tool,
		Now:     now,
		Inputs:  slices.Clone(p.Inputs),
		Rules:   enabled,
		Summary: Summary{ByRule: map[string]int{}, Metrics: map[string]map[string]float64{}},
	}

	var running, after []*Rule
	for _, r := range enabled {
		if reason := skipReason(r, p); reason != "" {
			rep.Skipped = append(rep.Skipped, RuleSkip{Rule: r.Name, Reason: reason})
			continue
		}
		if r.AfterWaivers {
			after = append(after, r)
		} else {
			running = append(running, r)
		}
	}

	e := &engine{project: p, cfg: cfg, now: now, rep: rep, severity: severity, enabled: enabled}
	e.shared = NewPass(&Rule{}, p, cfg, now, nil, nil, nil)
	e.today = e.shared.Today()
	e.waiverUsed = make([]bool, len(cfg.Waivers))

	findings := e.runAll(running)
	// The charts need to know which items are inverted, known now: they are drawn up while
	// the findings are settled and sorted.
	var charts sync.WaitGroup
	inverted := invertedItems(findings)
	charts.Go(func() { e.chartData(inverted) })
	e.settle(findings)
	order(findings, opts.Baseline)
	for _, r := range after {
		// Each housekeeping rule sees every finding reported before it, settled as the
		// report will show it: sorted, fingerprinted, waived or in the baseline.
		n := len(findings)
		own := e.add(e.run(r, findings[:n:n]), nil)
		if len(own) == 0 {
			continue
		}
		e.settle(own)
		findings = append(findings, own...)
		order(findings, opts.Baseline)
	}
	e.countFixed(findings, opts.Baseline)
	rep.Findings = findings
	e.summarise()
	charts.Wait()
	return rep, nil
}

// SelectRules returns the rules of all the configuration enables, in catalogue order, and
// the severity each runs at. A rule runs when it is on by default or enabled (a severity in
// rules, or enable) and not turned off (rules: off, or disable); only, when given, runs
// exactly the rules it names.
func SelectRules(cfg *Config, all []*Rule) ([]*Rule, map[string]Severity) {
	severity := map[string]Severity{}
	var enabled []*Rule
	for _, r := range all {
		on := !r.DefaultOff
		sev := r.Severity
		if s, ok := cfg.Rules[r.Name]; ok {
			if s == Off {
				on = false
			} else {
				on, sev = true, s
			}
		}
		if slices.Contains(cfg.Enable, r.Name) {
			on = true
		}
		if slices.Contains(cfg.Disable, r.Name) {
			on = false
		}
		if len(cfg.Only) > 0 {
			on = slices.Contains(cfg.Only, r.Name)
		}
		if !on {
			continue
		}
		if sev == Off {
			sev = r.Severity
		}
		if sev == Off {
			sev = Warning // a rule declared without a severity still reports something
		}
		severity[r.Name] = sev
		enabled = append(enabled, r)
	}
	return enabled, severity
}

// skipReason says why an enabled rule cannot run on the project, or "" when it can.
func skipReason(r *Rule, p *Project) string {
	if r.NeedsPlan && p.Plan == nil {
		return "no plan was given"
	}
	var missing []string
	for _, k := range r.Fields {
		if _, ok := p.Fields[k]; !ok {
			missing = append(missing, string(k))
		}
	}
	if len(missing) > 0 {
		return "the " + strings.Join(missing, " and ") + " field was found in no issue"
	}
	return ""
}

// engine holds the state of one Run.
type engine struct {
	project    *Project
	cfg        *Config
	now, today time.Time
	rep        *Report
	severity   map[string]Severity
	enabled    []*Rule
	shared     *Pass
	waiverUsed []bool
	issues     map[string]*Issue // by key
	issueURLs  map[string]string // by subject, as computed
}

// order sorts findings as the report shows them, fingerprints them and marks those in the
// baseline.
func order(findings []*Finding, b *Baseline) {
	SortFindings(findings)
	setFingerprints(findings)
	markBaseline(findings, b)
}

// outcome is what one rule's run produced. Rules run in parallel, each into its own
// outcome, and the outcomes are added to the report in catalogue order, so the report does
// not depend on which rule finished first.
type outcome struct {
	// findings are in runs of findingRun: a full run is never grown but followed by a new
	// one, so a finding never moves, and the report points at it where the rule put it.
	findings [][]Finding
	metrics  []metricValue
	err      *RuleError
}

const findingRun = 512

type metricValue struct {
	name, project string
	v             float64
}

// runAll runs the rules, as many at a time as there are CPUs, and returns their findings in
// the order of the rules: never nil, so that formats print an empty list, not null.
func (e *engine) runAll(rules []*Rule) []*Finding {
	outcomes := make([]outcome, len(rules))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(rules)) {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(rules) {
					return
				}
				outcomes[k] = e.run(rules[k], nil)
			}
		})
	}
	wg.Wait()
	total := 0
	for _, o := range outcomes {
		for _, run := range o.findings {
			total += len(run)
		}
	}
	findings := make([]*Finding, 0, total)
	for _, o := range outcomes {
		findings = e.add(o, findings)
	}
	return findings
}

// run runs one rule, recovering a panic into a RuleError. Its findings have rule, category
// and severity filled in.
func (e *engine) run(r *Rule, settled []*Finding) (o outcome) {
	report := func(f Finding) {
		f.Rule, f.Category, f.Severity = r.Name, r.Category, e.severity[r.Name]
		f.Fingerprint, f.Status, f.Waiver = "", StatusNew, nil
		if n := len(o.findings); n == 0 || len(o.findings[n-1]) == findingRun {
			o.findings = append(o.findings, make([]Finding, 0, findingRun))
		}
		last := &o.findings[len(o.findings)-1]
		*last = append(*last, f)
	}
	metric := func(name, project string, v float64) {
		o.metrics = append(o.metrics, metricValue{name, project, v})
	}
	pass := NewPass(r, e.project, e.cfg, e.now, e.shared, report, metric)
	pass.Enabled = e.enabled
	if r.AfterWaivers {
		pass.Findings = settled
		pass.waiverUsed = e.waiverUsed
	}
	defer func() {
		// What the rule reported before it panicked is kept.
		if v := recover(); v != nil {
			o.err = &RuleError{Rule: r.Name, Err: fmt.Sprintf("the rule panicked (a bug in hatcheck): %v%s", v, panicPlace())}
		}
	}()
	if r.Check == nil {
		return o
	}
	if err := r.Check(pass); err != nil {
		o.err = &RuleError{Rule: r.Name, Err: err.Error()}
	}
	return o
}

// add records a rule's outcome in the report and appends its findings, with their browse
// links, to findings.
func (e *engine) add(o outcome, findings []*Finding) []*Finding {
	for _, run := range o.findings {
		for n := range run {
			f := &run[n]
			if f.URL == "" {
				f.URL = e.issueURL(f.Subject)
			}
			findings = append(findings, f)
		}
	}
	for _, m := range o.metrics {
		values := e.rep.Summary.Metrics[m.name]
		if values == nil {
			values = map[string]float64{}
			e.rep.Summary.Metrics[m.name] = values
		}
		values[m.project] = m.v
	}
	if o.err != nil {
		e.rep.Errors = append(e.rep.Errors, *o.err)
	}
	return findings
}

// panicPlace returns " at FILE:LINE" for the function that panicked, read from the stack
// of the deferred call that recovered, so a bug report can point at the code.
func panicPlace() string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if f.Function != "" && !strings.HasPrefix(f.Function, "runtime.") {
			return fmt.Sprintf(" at %s:%d", filepath.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}

// issueURL returns the browse link of a subject that is an issue key, else "".
func (e *engine) issueURL(subject string) string {
	if e.issues == nil {
		e.issues = make(map[string]*Issue, len(e.project.Issues))
		for _, i := range e.project.Issues {
			e.issues[i.Key] = i
		}
		e.issueURLs = map[string]string{}
	}
	if u, ok := e.issueURLs[subject]; ok {
		return u
	}
	u := ""
	if i := e.issues[subject]; i != nil {
		u = BrowseURL(e.cfg, i)
	}
	e.issueURLs[subject] = u
	return u
}

// settle applies the waivers to findings, recording which waivers matched.
func (e *engine) settle(findings []*Finding) {
	for _, f := range findings {
		for i, w := range e.cfg.Waivers {
			if !w.Matches(f) {
				continue
			}
			e.waiverUsed[i] = true
			if f.Waiver == nil && !waiverExpired(w, e.today) {
				f.Status, f.Waiver = StatusWaived, &e.cfg.Waivers[i]
			}
		}
	}
}

// Matches reports whether the waiver names the finding's rule and its subject matches the
// waiver's pattern: path.Match's syntax (* any text, ? one character, [...] a set), except
// that * and ? also match "/", because subjects such as input paths are not file names to
// match one folder at a time.
func (w *Waiver) Matches(f *Finding) bool {
	if w.Rule != f.Rule {
		return false
	}
	slashFree := strings.NewReplacer("/", "\x00")
	ok, err := path.Match(slashFree.Replace(w.Subject), slashFree.Replace(f.Subject))
	return err == nil && ok
}

// Fingerprint is the identity of a finding across runs: the first 16 bytes of a SHA-256
// over rule, subject and identity, as 32 hex digits. Line numbers and messages are left
// out on purpose so that a re-export or a reworded message keeps the fingerprint.
func Fingerprint(rule, subject string, identity []string) string {
	var buf [256]byte
	return fingerprint(buf[:0], rule, subject, identity)
}

// fingerprint is Fingerprint, with buf to write the hashed text in: the findings'
// fingerprints are made without a heap allocation each but their own text.
func fingerprint(buf []byte, rule, subject string, identity []string) string {
	part := func(s string) {
		// Each part is length-prefixed so that no two part lists hash alike.
		buf = strconv.AppendInt(buf, int64(len(s)), 10)
		buf = append(append(append(buf, ':'), s...), 0)
	}
	part(rule)
	part(subject)
	for _, s := range identity {
		part(s)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:16])
}

// setFingerprints fills the fingerprints of sorted findings. When several findings share
// rule, subject and identity, the second and later get an occurrence number mixed in, so
// that every fingerprint is unique and the same input gives the same fingerprints.
func setFingerprints(findings []*Finding) {
	// Each finding's own fingerprint, in parallel: hashing is most of the work.
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for k := range workers {
		wg.Go(func() {
			var buf [256]byte
			for n := k * len(findings) / workers; n < (k+1)*len(findings)/workers; n++ {
				f := findings[n]
				f.Fingerprint = fingerprint(buf[:0], f.Rule, f.Subject, f.Identity)
			}
		})
	}
	wg.Wait()
	// The findings that share a fingerprint, in their order: their positions sorted by
	// fingerprint, stably (a list of positions, not a map of tens of thousands of entries).
	byPrint := make([]int32, len(findings))
	for n := range byPrint {
		byPrint[n] = int32(n)
	}
	slices.SortStableFunc(byPrint, func(a, b int32) int {
		return strings.Compare(findings[a].Fingerprint, findings[b].Fingerprint)
	})
	for start := 0; start < len(byPrint); {
		end := start + 1
		for end < len(byPrint) && findings[byPrint[end]].Fingerprint == findings[byPrint[start]].Fingerprint {
			end++
		}
		for n := start + 1; n < end; n++ {
			f := findings[byPrint[n]]
			f.Fingerprint = Fingerprint(f.Rule, f.Subject, append(slices.Clone(f.Identity), "#"+strconv.Itoa(n-start+1)))
		}
		start = end
	}
}

// markBaseline gives the findings the baseline holds StatusBaseline, unless a waiver took
// them: a waiver is the more deliberate decision, and it carries a reason.
func markBaseline(findings []*Finding, b *Baseline) {
	if b == nil {
		return
	}
	for _, f := range findings {
		if _, ok := b.Findings[f.Fingerprint]; ok && f.Status != StatusWaived {
			f.Status = StatusBaseline
		}
	}
}

// countFixed counts the baseline's findings that are no longer found, among the rules
// that ran: a rule turned off or skipped this time fixed nothing.
func (e *engine) countFixed(findings []*Finding, b *Baseline) {
	if b == nil {
		return
	}
	found := make(map[string]bool, len(findings))
	for n := range findings {
		found[findings[n].Fingerprint] = true
	}
	ran := map[string]bool{}
	for _, r := range e.rep.Rules {
		ran[r.Name] = true
	}
	for _, s := range e.rep.Skipped {
		delete(ran, s.Rule)
	}
	for fp, rule := range b.Findings {
		if !found[fp] && ran[rule] {
			e.rep.Summary.Fixed++
		}
	}
}

// summarise counts the findings: totals count only those that can fail the run.
func (e *engine) summarise() {
	s := &e.rep.Summary
	for _, f := range e.rep.Findings {
		switch f.Status {
		case StatusWaived:
			s.Waived++
			continue
		case StatusBaseline:
			s.Baseline++
			continue
		}
		s.Total++
		s.New++
		s.ByRule[f.Rule]++
		switch f.Severity {
		case Error:
			s.Error++
		case Warning:
			s.Warning++
		case Info:
			s.Info++
		}
	}
}

// invertedItems returns the subjects of the rank-value-inversion findings.
func invertedItems(findings []*Finding) map[string]bool {
	inverted := map[string]bool{}
	for _, f := range findings {
		if f.Rule == RankValueInversion {
			inverted[f.Subject] = true
		}
	}
	return inverted
}

// chartData fills the report's backlog and schedule points for the HTML charts; inverted
// holds the items that rank-value-inversion reports. It reads the project only and writes
// nothing else of the report.
func (e *engine) chartData(inverted map[string]bool) {
	projects := map[string]bool{}
	for _, i := range e.project.Issues {
		projects[i.Project] = true
	}
	keys, points := sortedKeys(projects), 0
	for _, project := range keys {
		points += len(e.shared.RankedBacklog(project))
	}
	e.rep.Backlog = make([]BacklogPoint, 0, points)
	for _, project := range keys {
		for n, i := range e.shared.RankedBacklog(project) {
			e.rep.Backlog = append(e.rep.Backlog, BacklogPoint{
				Project: project, Key: i.Key, Rank: n + 1, Value: i.Value, Inverted: inverted[i.Key],
			})
		}
	}
	if plan := e.project.Plan; plan != nil {
		for _, t := range plan.Tasks {
			for _, k := range t.Jira {
				pt := SchedulePoint{Task: t.ID, Name: t.Name, Key: k, Finish: t.Finish}
				if i := e.project.Issue(k); i != nil {
					pt.Due = i.Due
				}
				e.rep.Schedule = append(e.rep.Schedule, pt)
			}
		}
	}
}

// SortFindings orders findings as every format prints them: by path (findings without a
// place first), then sheet, then line (the row in a workbook), column and cell, then rule,
// subject and message. Findings equal in all of these keep their order.
func SortFindings(fs []*Finding) {
	slices.SortStableFunc(fs, compareFindings)
}

func compareFindings(a, b *Finding) int {
	pa, pb := &a.Location, &b.Location
	// Written out rather than with cmp.Or, which would compute every key for every pair.
	if c := strings.Compare(pa.Path, pb.Path); c != 0 {
		return c
	}
	if c := strings.Compare(pa.Sheet, pb.Sheet); c != 0 {
		return c
	}
	if c := cmp.Compare(pa.Line, pb.Line); c != 0 {
		return c
	}
	if c := cmp.Compare(pa.Column, pb.Column); c != 0 {
		return c
	}
	if c := cmp.Compare(len(pa.Cell), len(pb.Cell)); c != 0 { // B7 before AA7
		return c
	}
	if c := strings.Compare(pa.Cell, pb.Cell); c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	if c := strings.Compare(a.Subject, b.Subject); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// ExitCode returns 1 when a finding that counts (neither waived nor in the baseline) is at
// or above failOn, else 0. failOn Off ("never") always gives 0.
func ExitCode(r *Report, failOn Severity) int {
	if failOn == Off || r == nil {
		return 0
	}
	for _, f := range r.Findings {
		if f.Counts() && f.Severity >= failOn {
			return 1
		}
	}
	return 0
}
