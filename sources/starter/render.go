package starter

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hatcheck/hatcheck/lint"
)

// Options says what the starter file is written from and where it goes.
type Options struct {
	// Jira and Plan are the inputs as the user named them ("-" is standard input).
	Jira []string
	Plan string
	// Dir is the folder the file is written to: paths in the file are made relative to it,
	// as the configuration reads them. "" keeps the paths as given.
	Dir string
	// MaxCandidates bounds each list of role candidates; 0 means 10.
	MaxCandidates int
}

// Render writes the commented configuration for the project read from the inputs. cfg is
// the configuration the inputs were read with (the defaults, usually); the file keeps its
// values and explains what was found. The output depends only on the project and the
// options, never on the clock or map order.
func Render(p *lint.Project, cfg *lint.Config, opt Options) []byte {
	if cfg == nil {
		cfg = lint.DefaultConfig()
	}
	if opt.MaxCandidates <= 0 {
		opt.MaxCandidates = 10
	}
	w := &writer{}
	r := &renderer{w: w, p: p, cfg: cfg, opt: opt}
	r.header()
	r.roles()
	r.jira()
	r.backlog()
	r.dates()
	r.scope()
	r.plan()
	r.rest()
	return []byte(w.b.String())
}

type renderer struct {
	w   *writer
	p   *lint.Project
	cfg *lint.Config
	opt Options
}

// writer builds the file line by line.
type writer struct{ b strings.Builder }

func (w *writer) line(format string, args ...any) {
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

// commentColumn is where end-of-line comments start, so the file reads as a table.
const commentColumn = 31

// keyLine writes a line with an end-of-line comment at commentColumn (or two spaces after
// a longer line).
func (w *writer) keyLine(text, comment string) {
	if comment == "" {
		w.line("%s", text)
		return
	}
	pad := max(commentColumn-utf8.RuneCountInString(text), 2)
	w.line("%s%s# %s", text, strings.Repeat(" ", pad), comment)
}

// comment writes text as comment lines at an indent, wrapped at about 92 columns.
func (w *writer) comment(indent int, text string) {
	pad := strings.Repeat(" ", indent) + "# "
	var cur strings.Builder
	for _, word := range strings.Fields(text) {
		if cur.Len() > 0 && len(pad)+cur.Len()+1+len(word) > 92 {
			w.line("%s%s", pad, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(word)
	}
	if cur.Len() > 0 {
		w.line("%s%s", pad, cur.String())
	}
}

func (r *renderer) header() {
	w := r.w
	w.line("# hatcheck configuration, written by `hatcheck init` from:")
	histories := 0
	for _, is := range r.p.Issues {
		histories += len(is.Histories)
	}
	var jiraInputs []lint.Input
	for _, in := range r.p.Inputs {
		if in.Kind == "jira" {
			jiraInputs = append(jiraInputs, in)
		}
	}
	for _, in := range jiraInputs {
		what := fmt.Sprintf("%s, %s", plural(in.Issues, "issue"), plural(in.Histories, "changelog history"))
		if in.Format == "csv" {
			what = "CSV, " + plural(in.Issues, "issue") + ", no history"
		}
		w.line("#   jira: %s (%s)", r.path(in.Path), what)
	}
	if len(jiraInputs) > 1 {
		w.line("#   %s in all after merging, %s", plural(len(r.p.Issues), "issue"), plural(histories, "changelog history"))
	}
	if pl := r.p.Plan; pl != nil {
		w.line("#   plan: %s (sheet %s, %s, %s)", r.path(pl.Path), strconv.Quote(pl.Sheet), plural(len(pl.Tasks), "task"),
			plural(len(pl.Changes), "change request"))
	}
	w.line("#")
	w.comment(0, `Lines marked "confirm" are guesses from the data: check them before relying on the findings. `+
		"Every key is optional; unknown keys are an error. `hatcheck rules` lists the rules and "+
		"`hatcheck explain RULE` documents each one.")
	w.line("version: 1")
	w.keyLine("fail_on: error", "error | warning | info | never")
	w.line("timezone: %s", scalar(r.cfg.Timezone.String()))
	w.line("")
}

func (r *renderer) roles() {
	w := r.w
	ranks, dates := RankCandidates(r.p), DateCandidates(r.p)
	var bots []Candidate
	ranks, bots = splitBots(ranks, bots)
	dates, bots = splitBots(dates, bots)
	bots = mergeCandidates(bots)

	w.line("roles:")
	hasHistory := r.hasHistory()
	if !hasHistory {
		w.comment(2, "The inputs hold no changelog (a CSV export has none), so nobody could be proposed for "+
			`the roles. Name the people, e.g. ["Ana Lima"], or export JSON with "hatcheck fetch" and run `+
			"init again to see who ranked issues and who changed dates.")
	}
	if hasHistory {
		w.comment(2, "The product owner ranks the backlog. Candidates (confirm): the people who ranked issues, most active first.")
		if ex := example("product_owner", ranks); ex != "" {
			w.line("  # %s", ex)
		}
		r.candidates(ranks, "rank change", "Nobody ranked an issue in the changelogs read.")
		r.anonymous(lint.KindRank, "rank change")
	}
	w.line("  product_owner: []")
	if hasHistory {
		w.comment(2, fmt.Sprintf("The project manager owns the dates. Candidates (confirm): the people who changed %s, most active first.",
			orList(r.cfg.Dates.Fields)))
		if ex := example("project_manager", dates); ex != "" {
			w.line("  # %s", ex)
		}
		r.candidates(dates, "date change", "Nobody changed a date field in the changelogs read.")
		r.anonymous(lint.KindDate, "date change")
	}
	w.line("  project_manager: []")
	w.keyLine("  delegates:", "people who may act with a role's authority")
	w.line("    product_owner: []")
	w.line("    project_manager: []")
	if len(bots) > 0 {
		w.comment(2, "Automation accounts, whose changes every history rule ignores. These look like bots (confirm):")
		r.candidates(bots, "change", "")
	}
	w.line("  bots: []")
	if projects := r.projects(); len(projects) > 1 {
		// The example names the most active ranker in the project they ranked most, so
		// that it reads as a plausible line rather than a placeholder.
		name, project := "Ana Lima", projects[0]
		if len(ranks) > 0 {
			name, project = ranks[0].Entry(), busiest(ranks[0].Projects, project)
		}
		w.comment(2, fmt.Sprintf("Per Jira project (%s), a non-empty list replaces the global one, e.g.:", strings.Join(projects, ", ")))
		w.line("  # by_project: {%s: {product_owner: [%s]}}", quoteIfNeeded(project), quote(name))
	}
	w.line("  by_project: {}")
	w.line("")
}

// busiest returns the non-empty key with the highest count, the first by name on a tie;
// def when there is none.
func busiest(counts map[string]int, def string) string {
	best, n := def, 0
	for k, c := range counts {
		if k != "" && (c > n || c == n && k < best) {
			best, n = k, c
		}
	}
	return best
}

// example shows how to confirm the first candidate.
func example(key string, list []Candidate) string {
	if len(list) == 0 {
		return ""
	}
	return fmt.Sprintf("Confirm by writing them in the list, e.g. %s: [%s].", key, quote(list[0].Entry()))
}

// splitBots moves the candidates that look like bots to bots.
func splitBots(list, bots []Candidate) (people, botsOut []Candidate) {
	for _, c := range list {
		if looksLikeBot(c.Person) {
			bots = append(bots, c)
		} else {
			people = append(people, c)
		}
	}
	return people, bots
}

// mergeCandidates adds up the counts of a person listed more than once.
func mergeCandidates(list []Candidate) []Candidate {
	var out []Candidate
	at := map[string]int{}
	for _, c := range list {
		id := personID(c.Person)
		if n, ok := at[id]; ok {
			out[n].Count += c.Count
			continue
		}
		at[id] = len(out)
		out = append(out, Candidate{Person: c.Person, Count: c.Count, Projects: c.Projects})
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Count != out[b].Count {
			return out[a].Count > out[b].Count
		}
		return strings.ToLower(out[a].Entry()) < strings.ToLower(out[b].Entry())
	})
	return out
}

// candidates writes one commented line per candidate: the entry to copy, the count, and
// what the count is made of.
func (r *renderer) candidates(list []Candidate, noun, none string) {
	w := r.w
	if len(list) == 0 {
		if none != "" {
			w.comment(2, none)
		}
		return
	}
	width := 0
	shown := list
	if len(shown) > r.opt.MaxCandidates {
		shown = shown[:r.opt.MaxCandidates]
	}
	for _, c := range shown {
		width = max(width, utf8.RuneCountInString(quote(c.Entry())))
	}
	for _, c := range shown {
		var detail []string
		if len(c.ByField) > 1 {
			detail = append(detail, countsText(c.ByField))
		}
		if len(r.projects()) > 1 {
			detail = append(detail, countsText(c.Projects))
		}
		if id := otherIDs(c.Person); id != "" {
			detail = append(detail, id)
		}
		text := fmt.Sprintf("  #   - %-*s  # %s", width, quote(c.Entry()), plural(c.Count, noun))
		if len(detail) > 0 {
			text += " (" + strings.Join(detail, "; ") + ")"
		}
		w.line("%s", text)
	}
	if n := len(list) - len(shown); n > 0 {
		w.line("  #   ... and %s more", plural(n, "person"))
	}
}

// anonymous notes the changes no candidate accounts for because Jira named no author.
func (r *renderer) anonymous(kind lint.FieldKind, noun string) {
	if n := Anonymous(r.p, kind); n > 0 {
		r.w.line("  #   (and %s with no author, which the rules report as made outside the role)", plural(n, noun))
	}
}

// otherIDs names the attributes a configured entry could also use, when they differ from
// the entry shown.
func otherIDs(p lint.Person) string {
	entry := p.String()
	var parts []string
	add := func(label, v string) {
		if v != "" && v != entry {
			parts = append(parts, label+v)
		}
	}
	add("id:", p.AccountID)
	if p.Key != p.AccountID {
		add("id:", p.Key)
	}
	if p.Name != p.Key {
		add("name:", p.Name)
	}
	add("email:", p.Email)
	return strings.Join(parts, ", ")
}

// countsText renders counts as "duedate 7, Target end 2", largest first.
func countsText(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if m[keys[a]] != m[keys[b]] {
			return m[keys[a]] > m[keys[b]]
		}
		return keys[a] < keys[b]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// hasHistory reports whether any issue has a changelog entry.
func (r *renderer) hasHistory() bool {
	for _, is := range r.p.Issues {
		if len(is.Histories) > 0 {
			return true
		}
	}
	return false
}

func (r *renderer) projects() []string {
	seen := map[string]bool{}
	var out []string
	for _, is := range r.p.Issues {
		if is.Project != "" && !seen[is.Project] {
			seen[is.Project] = true
			out = append(out, is.Project)
		}
	}
	sort.Strings(out)
	return out
}

// fieldUse counts the issues that have a value for a field role.
func fieldUse(p *lint.Project, k lint.FieldKind) int {
	n := 0
	for _, is := range p.Issues {
		var has bool
		switch k {
		case lint.KindRank:
			has = is.Rank != ""
		case lint.KindSprint:
			has = len(is.Sprints) > 0
		case lint.KindEstimate:
			has = is.Estimate != nil
		case lint.KindValue:
			has = is.Value != nil
		case lint.KindAcceptance:
			has = is.Acceptance != ""
		case lint.KindEpic:
			has = is.Epic != ""
		}
		if has {
			n++
		}
	}
	return n
}

var fieldRoles = []lint.FieldKind{lint.KindRank, lint.KindSprint, lint.KindEstimate, lint.KindValue, lint.KindAcceptance, lint.KindEpic}

// fieldNeeds says what a missing field role costs, for the comment.
var fieldNeeds = map[lint.FieldKind]string{
	lint.KindRank:       "the rank rules are skipped",
	lint.KindSprint:     "the sprint rules are skipped",
	lint.KindEstimate:   "estimate-changed-in-sprint is skipped",
	lint.KindValue:      "the value rules are skipped",
	lint.KindAcceptance: "only descriptions are searched for acceptance criteria",
	lint.KindEpic:       "only the parent field links issues to epics",
}

func (r *renderer) jira() {
	w := r.w
	w.line("jira:")
	var exports []string
	for _, p := range r.opt.Jira {
		if p != "-" {
			exports = append(exports, r.path(p))
		}
	}
	if list := flowList(exports); len(exports) <= 1 || len(list) <= 70 {
		w.line("  exports: %s", list)
	} else {
		w.line("  exports:")
		for _, e := range exports {
			w.line("    - %s", quoteIfNeeded(e))
		}
	}
	w.keyLine("  fields:", "per role, field ids or names: the first found wins")
	var rows [][2]string
	var missing []string
	for _, k := range fieldRoles {
		names := r.cfg.Jira.Fields.Of(k)
		var comment string
		if found, ok := r.p.Fields[k]; ok && found != "" {
			names = dedupeFold(append([]string{found}, names...))
			comment = "found as " + quoteIfNeeded(found)
			if n := fieldUse(r.p, k); n > 0 {
				comment += fmt.Sprintf(", set on %d of %s", n, plural(len(r.p.Issues), "issue"))
			}
		} else {
			comment = "NOT FOUND in any issue (confirm)"
			missing = append(missing, fmt.Sprintf("%s (%s)", k, fieldNeeds[k]))
		}
		rows = append(rows, [2]string{fmt.Sprintf("    %s: %s", k, flowList(names)), comment})
	}
	aligned(w, rows)
	if len(missing) > 0 {
		w.comment(2, "Not found: "+strings.Join(missing, "; ")+
			". If your Jira has such a field, write its name or its customfield_N id in the list.")
	}
	if line := r.statuses(); line != "" {
		w.comment(2, line)
	}
	w.line("  done_statuses: %s", flowList(r.cfg.Jira.DoneStatuses))
	w.line("")
}

// statuses describes the status names seen with their categories, so the user can tell
// which ones need to be listed as done.
func (r *renderer) statuses() string {
	type stat struct {
		category string
		count    int
	}
	seen := map[string]*stat{}
	var names []string
	var unknown []string
	for _, is := range r.p.Issues {
		if is.Status == "" {
			continue
		}
		s := seen[is.Status]
		if s == nil {
			s = &stat{category: is.StatusCategory}
			seen[is.Status] = s
			names = append(names, is.Status)
			if is.StatusCategory == "" {
				unknown = append(unknown, is.Status)
			}
		}
		s.count++
	}
	if len(names) == 0 {
		return ""
	}
	sort.Strings(names)
	sort.Strings(unknown)
	parts := make([]string, len(names))
	for i, n := range names {
		cat := seen[n].category
		if cat == "" {
			cat = "category unknown"
		}
		parts[i] = fmt.Sprintf("%s (%s, %d)", n, cat, seen[n].count)
	}
	text := "Statuses seen: " + strings.Join(parts, ", ") + "."
	if len(unknown) > 0 {
		text += " List those of " + strings.Join(unknown, ", ") + " that mean done (confirm)."
	} else {
		text += " Statuses in the done category count as done; list others that mean done."
	}
	return text
}

func (r *renderer) backlog() {
	w := r.w
	b := r.cfg.Backlog
	w.line("backlog:")
	counts := map[string]int{}
	for _, is := range r.p.Issues {
		if is.Type != "" {
			counts[is.Type]++
		}
	}
	if len(counts) > 0 {
		keys := make([]string, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprintf("%s %d", k, counts[k])
		}
		w.comment(2, "Issue types seen: "+strings.Join(parts, ", ")+".")
	}
	w.line("  types: %s", flowList(b.Types))
	w.line("  acceptance_types: %s", flowList(b.AcceptanceTypes))
	w.keyLine(fmt.Sprintf("  ready_depth: %d", b.ReadyDepth), `the top N ranked open backlog items are "ready"`)
	w.keyLine("  value_tolerance: "+strconv.FormatFloat(b.ValueTolerance, 'f', -1, 64), "value differences up to this are not inversions")
	w.line("")
}

func (r *renderer) dates() {
	w := r.w
	issues := map[string]int{}
	changes := map[string]int{}
	for _, is := range r.p.Issues {
		for _, d := range is.Dates {
			issues[d.Field]++
		}
		for _, c := range is.Changes {
			if c.Kind == lint.KindDate {
				changes[c.DateField]++
			}
		}
	}
	var found, missing []string
	for _, f := range r.cfg.Dates.Fields {
		if issues[f] == 0 && changes[f] == 0 {
			missing = append(missing, f)
			continue
		}
		what := "set on " + plural(issues[f], "issue")
		if r.hasHistory() {
			what += ", " + plural(changes[f], "change")
		}
		found = append(found, fmt.Sprintf("%s (%s)", f, what))
	}
	w.line("dates:")
	var text string
	if len(found) > 0 {
		text = "Found: " + strings.Join(found, ", ") + "."
	}
	if len(missing) > 0 {
		text += " Not found in any issue: " + strings.Join(missing, ", ") + "."
	}
	w.comment(2, "The Jira date fields the project manager owns. "+strings.TrimSpace(text))
	w.line("  fields: %s", flowList(r.cfg.Dates.Fields))
	w.line("  tolerance_days: %d", r.cfg.Dates.ToleranceDays)
	w.line("")
}

func (r *renderer) scope() {
	s := r.cfg.Scope
	w := r.w
	w.line("scope:")
	w.line("  approvers: %s", flowList(s.Approvers))
	w.line("  approval_label: %s", scalar(s.ApprovalLabel))
	w.line("  approved_statuses: %s", flowList(s.ApprovedStatuses))
	w.keyLine("  grace: "+duration(s.Grace.Hours()), "changes this soon after a sprint starts are not scope changes")
	w.keyLine("  approval_window: "+duration(s.ApprovalWindow.Hours()), "an approval recorded up to this long after the change counts")
	w.line("")
}

func duration(hours float64) string { return strconv.FormatFloat(hours, 'f', -1, 64) + "h" }

func (r *renderer) plan() {
	w := r.w
	pc := r.cfg.Plan
	w.line("plan:")
	pl := r.p.Plan
	if pl == nil {
		w.keyLine(`  file: ""`, "no plan given: run init with --plan FILE to detect its sheet and columns")
		w.line("  date_order: %s", pc.DateOrder)
		w.line("  tracked_types: %s", flowList(pc.TrackedTypes))
		return
	}
	w.line("  file: %s", scalar(r.path(pl.Path)))
	w.keyLine("  sheet: "+scalar(pl.Sheet), fmt.Sprintf("header recognised on row %d", pl.HeaderRow))
	w.keyLine("  columns:", "column role: header text, as recognised; edit to map another column")
	var rows [][2]string
	var missing []string
	for _, role := range planRoles {
		h, ok := pl.Columns[role]
		if !ok {
			missing = append(missing, role)
			continue
		}
		rows = append(rows, [2]string{fmt.Sprintf("    %s: %s", role, scalar(h)), ""})
	}
	aligned(w, rows)
	if len(missing) > 0 {
		w.comment(2, "No column found for: "+strings.Join(missing, ", ")+
			". Add role: \"Header\" lines above if the sheet has such columns under other names.")
	}
	if pl.ChangesSheet != "" {
		w.keyLine("  changes_sheet: "+scalar(pl.ChangesSheet), plural(len(pl.Changes), "change request"))
	} else {
		w.keyLine(`  changes_sheet: ""`, "no change-log sheet found: approvals come only from the "+quoteIfNeeded(r.cfg.Scope.ApprovalLabel)+" label")
	}
	w.keyLine(`  baseline_date: ""`, "YYYY-MM-DD: set it to check scope added after the baseline")
	w.keyLine("  date_order: "+pc.DateOrder, "for ambiguous text dates like 03/04/2026: MDY or DMY")
	w.line("  tracked_types: %s", flowList(pc.TrackedTypes))
}

// planRoles are the plan sheet's column roles in the order SPEC §4.3 lists them.
var planRoles = []string{"id", "name", "jira", "owner", "start", "finish", "baseline_start", "baseline_finish",
	"duration", "predecessors", "percent", "milestone", "summary", "level", "status"}

func (r *renderer) rest() {
	w := r.w
	w.line("")
	w.keyLine("rules: {}", "per rule: error | warning | info | off, e.g. {done-without-po-acceptance: error}")
	w.keyLine("waivers: []", `e.g. [{rule: due-date-mismatch, subject: PAY-12, reason: "agreed with the customer"}]`)
}

// aligned writes "key: value  # comment" rows with the comments in one column.
func aligned(w *writer, rows [][2]string) {
	width := 0
	for _, r := range rows {
		if r[1] != "" {
			width = max(width, len(r[0]))
		}
	}
	for _, r := range rows {
		if r[1] == "" {
			w.line("%s", r[0])
			continue
		}
		w.line("%-*s  # %s", width, r[0], r[1])
	}
}

// path makes an input path relative to the folder of the file written.
func (r *renderer) path(p string) string {
	if r.opt.Dir == "" || p == "" || p == "-" || strings.HasPrefix(p, "<") {
		return filepath.ToSlash(p)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	dir, err := filepath.Abs(r.opt.Dir)
	if err != nil {
		return filepath.ToSlash(p)
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	switch {
	case strings.HasSuffix(noun, "ry"):
		noun = noun[:len(noun)-1] + "ies"
	case strings.HasSuffix(noun, "person"):
		noun = noun[:len(noun)-len("person")] + "people"
	default:
		noun += "s"
	}
	return strconv.Itoa(n) + " " + noun
}

func orList(l []string) string {
	switch len(l) {
	case 0:
		return "no date field"
	case 1:
		return l[0]
	}
	return strings.Join(l[:len(l)-1], ", ") + " or " + l[len(l)-1]
}

func dedupeFold(l []string) []string {
	var out []string
	for _, s := range l {
		dup := false
		for _, o := range out {
			if strings.EqualFold(strings.TrimSpace(o), strings.TrimSpace(s)) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

// plainScalar is text YAML reads back unchanged without quotes.
var plainScalar = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_ ./()+-]*[A-Za-z0-9_.)]$|^[A-Za-z_]$`)

// yamlWords are plain scalars YAML 1.1 readers take for booleans or null.
var yamlWords = map[string]bool{"y": true, "n": true, "yes": true, "no": true, "true": true, "false": true,
	"on": true, "off": true, "null": true}

// quoteIfNeeded returns s as a plain scalar when that reads back as the same string,
// else double-quoted.
func quoteIfNeeded(s string) string {
	if plainScalar.MatchString(s) && !yamlWords[strings.ToLower(s)] {
		return s
	}
	return quote(s)
}

// scalar is quoteIfNeeded for a value; it writes "" for an empty one.
func scalar(s string) string { return quoteIfNeeded(s) }

// quote double-quotes s for YAML; Go's escapes are all valid in YAML double-quoted scalars.
func quote(s string) string { return strconv.Quote(s) }

// flowList writes a YAML flow sequence.
func flowList(l []string) string {
	parts := make([]string, len(l))
	for i, s := range l {
		parts[i] = quoteIfNeeded(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
