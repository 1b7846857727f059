package jira

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hatcheck/hatcheck/lint"
)

// roleKinds are the field roles of jira.fields, in the order they are resolved: a field id
// taken by an earlier role is not recognised by value for a later one.
var roleKinds = []lint.FieldKind{lint.KindRank, lint.KindSprint, lint.KindEstimate, lint.KindValue, lint.KindAcceptance, lint.KindEpic}

// systemFields are Jira's own field ids; a jira.fields or dates.fields entry naming one is
// used as is rather than looked up as a name.
var systemFields = map[string]bool{
	"summary": true, "description": true, "duedate": true, "priority": true, "labels": true,
	"status": true, "resolution": true, "resolutiondate": true, "created": true, "updated": true,
	"assignee": true, "reporter": true, "creator": true, "issuetype": true, "project": true,
	"fixVersions": true, "versions": true, "components": true, "environment": true,
	"timeestimate": true, "timeoriginalestimate": true, "timespent": true, "parent": true,
	"aggregatetimeestimate": true, "aggregatetimeoriginalestimate": true, "aggregatetimespent": true,
	"security": true, "watches": true, "votes": true, "issuelinks": true, "subtasks": true,
	"progress": true, "aggregateprogress": true, "lastViewed": true, "workratio": true,
	"statuscategorychangedate": true, "sprint": true, "closedSprints": true, "epic": true,
}

// isFieldID reports whether a configured entry is a field id (customfield_10019, duedate)
// rather than a field name.
func isFieldID(e string) bool {
	if systemFields[e] {
		return true
	}
	n, ok := strings.CutPrefix(e, "customfield_")
	if !ok || n == "" {
		return false
	}
	_, err := strconv.Atoi(n)
	return err == nil
}

func (p *parser) keepIssue(is *issueState) {
	is.cands = p.cands.end()
	p.issues = append(p.issues, is)
}

// finish resolves the field roles now that the whole input (and its "names") is known,
// fills in each issue's role values and change kinds, and builds the result.
func (p *parser) finish() *Result {
	res := &Result{
		Input:   lint.Input{Kind: "jira", Format: "json", Path: p.path, Histories: p.historyCount},
		Sprints: map[int]*lint.Sprint{},
		Fields:  map[lint.FieldKind]string{},
		Issues:  make([]*lint.Issue, 0, len(p.issues)),
	}
	roles := p.resolveRoles()
	for k, id := range roles {
		res.Fields[k] = id
	}
	// The input keeps its own roles past Merge: a role another input resolves may be found
	// in no issue of this one.
	res.Input.Fields = res.Fields
	dates := p.resolveDates()
	kinds := p.newKindTable(roles, dates)

	// The changelogs get their kinds and order while the issues get their role values: the
	// two touch different parts of each issue.
	var changelogs sync.WaitGroup
	changelogs.Go(func() {
		for _, is := range p.issues {
			items := is.issue.Changes
			for c := range items {
				items[c].ChangedField = kinds.resolve(&items[c])
			}
			sortHistories(is.issue.Histories)
		}
	})
	defer changelogs.Wait()
	byField := newFieldUses(p.cfg, roles, dates)
	for _, is := range p.issues {
		it := is.issue
		p.assign(is, byField, dates, res)
		for _, pr := range is.problems {
			pr.Subject = it.Key
			res.Problems = append(res.Problems, pr)
		}
		res.Issues = append(res.Issues, it)
	}
	sort.SliceStable(res.Problems, func(a, b int) bool {
		pa, pb := res.Problems[a].Pos, res.Problems[b].Pos
		if pa.Line != pb.Line {
			return pa.Line < pb.Line
		}
		return pa.Column < pb.Column
	})
	res.Input.Issues = len(res.Issues)
	return res
}

// resolveRoles finds the field id of each role: configured ids as they are; names through
// the "names" map, then through the changelog; failing both, by what the values look like.
// A role whose field holds a value in no issue is left out.
func (p *parser) resolveRoles() map[lint.FieldKind]string {
	roles := map[lint.FieldKind]string{}
	taken := map[string]bool{}
	for _, k := range roleKinds {
		if id := p.resolveEntries(p.cfg.Jira.Fields.Of(k), true); id != "" && !taken[id] {
			roles[k] = id
			taken[id] = true
		}
	}
	// Recognition by value, for exports without "names" and a changelog that never touched
	// the field.
	if roles[lint.KindRank] == "" {
		if id := p.bestField(func(s *fieldStats) int { return s.ranks }, taken); id != "" {
			roles[lint.KindRank] = id
			taken[id] = true
		}
	}
	if roles[lint.KindSprint] == "" {
		if id := p.bestField(func(s *fieldStats) int { return s.sprints }, taken); id != "" {
			roles[lint.KindSprint] = id
			taken[id] = true
		}
	}
	// The Agile REST API gives an issue's epic as an "epic" object.
	if roles[lint.KindEpic] == "" && p.seen["epic"] != nil && !taken["epic"] {
		roles[lint.KindEpic] = "epic"
	}
	return roles
}

// resolveEntries returns the field id of the first entry that names a field of this input.
// With needValue, a field counts only when some issue holds a value for it or the changelog
// mentions it.
func (p *parser) resolveEntries(entries []string, needValue bool) string {
	inChangelog := func(id string) bool {
		for _, v := range p.changelogNames {
			if v == id {
				return true
			}
		}
		return false
	}
	found := func(id string) bool {
		return !needValue || p.seen[id] != nil || inChangelog(id)
	}
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		if isFieldID(e) {
			if found(e) {
				return e
			}
			continue
		}
		lower := strings.ToLower(e)
		var ids []string
		for id, name := range p.names {
			if strings.ToLower(strings.TrimSpace(name)) == lower {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		for _, id := range ids {
			if p.seen[id] != nil {
				return id
			}
		}
		for _, id := range ids {
			if found(id) {
				return id
			}
		}
		if id, ok := p.changelogNames[lower]; ok && found(id) {
			return id
		}
	}
	return ""
}

// bestField returns the field, not yet taken, for which score counts the most issues; ties
// go to the lower field id so the choice is stable.
func (p *parser) bestField(score func(*fieldStats) int, taken map[string]bool) string {
	best, bestN := "", 0
	for id, st := range p.seen {
		n := score(st)
		if n == 0 || taken[id] {
			continue
		}
		if n > bestN || n == bestN && id < best {
			best, bestN = id, n
		}
	}
	return best
}

// resolveDates maps each dates.fields entry to the field id it names in this input.
func (p *parser) resolveDates() map[string]string {
	out := map[string]string{}
	for _, e := range p.cfg.Dates.Fields {
		if id := p.resolveEntries([]string{e}, false); id != "" {
			out[e] = id
		} else if isFieldID(strings.TrimSpace(e)) {
			out[e] = strings.TrimSpace(e)
		}
	}
	return out
}

// fieldUses says, for a field id, which roles and which dates.fields entries (other than the
// due date) it holds, in the order assign fills them.
type fieldUses map[string]struct {
	roles []lint.FieldKind
	dates []string
}

func newFieldUses(cfg *lint.Config, roles map[lint.FieldKind]string, dates map[string]string) fieldUses {
	uses := fieldUses{}
	for _, k := range roleKinds {
		if id, ok := roles[k]; ok {
			u := uses[id]
			u.roles = append(u.roles, k)
			uses[id] = u
		}
	}
	for _, e := range cfg.Dates.Fields {
		if id, ok := dates[e]; ok && id != "duedate" {
			u := uses[id]
			u.dates = append(u.dates, e)
			uses[id] = u
		}
	}
	return uses
}

// assign fills an issue's role fields and dates from its candidate values.
func (p *parser) assign(is *issueState, byField fieldUses, dates map[string]string, res *Result) {
	it := is.issue
	// The dates are counted first, so that the list is made once, to size.
	n := 0
	if is.due != "" {
		for _, e := range p.cfg.Dates.Fields {
			if dates[e] == "duedate" {
				n++
			}
		}
	}
	for i := range is.cands {
		n += len(byField[is.cands[i].stats.id].dates)
	}
	if n > 0 && it.Dates == nil {
		it.Dates = make([]lint.DateValue, 0, n)
	}
	for _, e := range p.cfg.Dates.Fields {
		if dates[e] != "duedate" {
			continue
		}
		if is.due == "" {
			continue
		}
		t, ok := parseTime([]byte(is.due))
		if !ok {
			is.problem(is.duePos, e, is.due, expectDate)
			continue
		}
		it.SetDate(e, t)
	}
	if is.due != "" && it.Due.IsZero() {
		if t, ok := parseTime([]byte(is.due)); ok {
			it.Due = t
		} else if !hasDue(p.cfg.Dates.Fields, dates) {
			is.problem(is.duePos, "duedate", is.due, expectDate)
		}
	}
	for i := range is.cands {
		c := &is.cands[i]
		uses := byField[c.stats.id]
		for _, k := range uses.roles {
			p.assignRole(is, k, c, res)
		}
		for _, e := range uses.dates {
			if !c.isText {
				is.problem(p.candPos(c), e, c.str(), expectDate)
				continue
			}
			t, ok := parseTime([]byte(c.text))
			if !ok {
				is.problem(p.candPos(c), e, c.text, expectDate)
				continue
			}
			it.SetDate(e, t)
		}
	}
	is.cands = nil
}

func hasDue(entries []string, dates map[string]string) bool {
	for _, e := range entries {
		if dates[e] == "duedate" {
			return true
		}
	}
	return false
}

func (p *parser) assignRole(is *issueState, k lint.FieldKind, c *candidate, res *Result) {
	it := is.issue
	field := p.fieldLabel(c.stats.id)
	switch k {
	case lint.KindRank:
		if c.isText {
			it.Rank = c.text
		}
	case lint.KindSprint:
		var sv sprintValues
		if c.sprints != nil {
			sv = *c.sprints
		}
		for _, s := range sv.ok {
			addSprint(res.Sprints, *s)
			if !containsInt(it.Sprints, s.ID) {
				it.Sprints = append(it.Sprints, s.ID)
			}
		}
		for _, bad := range sv.bad {
			is.problem(bad.pos, field, bad.text, expectSprint)
		}
		if c.sprints == nil && c.str() != "" {
			is.problem(p.candPos(c), field, c.text, expectSprint)
		}
	case lint.KindEstimate, lint.KindValue:
		var f float64
		switch {
		case c.text != "": // a number's text, or a string that should hold one
			v, ok := parseNumber([]byte(c.text))
			if !ok {
				is.problem(p.candPos(c), field, c.text, expectNumber)
				return
			}
			f = v
		default:
			is.problem(p.candPos(c), field, "a list of sprints", expectNumber)
			return
		}
		if k == lint.KindEstimate {
			it.Estimate = &f
		} else {
			it.Value = &f
		}
	case lint.KindAcceptance:
		it.Acceptance = c.str()
	case lint.KindEpic:
		it.Epic = c.str()
	}
}

func containsInt(list []int, n int) bool {
	for _, v := range list {
		if v == n {
			return true
		}
	}
	return false
}

// addSprint merges a sprint into the known ones by id, keeping the most complete data.
func addSprint(known map[int]*lint.Sprint, s lint.Sprint) {
	old := known[s.ID]
	if old == nil {
		c := s
		known[s.ID] = &c
		return
	}
	mergeSprint(old, s)
}

// mergeSprint fills what dst lacks from s; where both know a value, the sprint that says
// more wins (a closed sprint with its completion date over the same sprint seen active).
func mergeSprint(dst *lint.Sprint, s lint.Sprint) {
	if completeness(s) > completeness(*dst) {
		s, *dst = *dst, s
	}
	if dst.Name == "" {
		dst.Name = s.Name
	}
	if dst.State == "" {
		dst.State = s.State
	}
	if dst.BoardID == 0 {
		dst.BoardID = s.BoardID
	}
	if dst.Start.IsZero() {
		dst.Start = s.Start
	}
	if dst.End.IsZero() {
		dst.End = s.End
	}
	if dst.Complete.IsZero() {
		dst.Complete = s.Complete
	}
}

func completeness(s lint.Sprint) int {
	n := 0
	for _, set := range []bool{s.Name != "", s.State != "", s.BoardID != 0, !s.Start.IsZero(), !s.End.IsZero(), !s.Complete.IsZero()} {
		if set {
			n++
		}
	}
	// A sprint's state only moves forward: future, active, closed.
	switch s.State {
	case "closed":
		n += 20
	case "active":
		n += 10
	}
	return n
}

// sortHistories orders histories by time, then by numeric id; histories without a numeric
// id keep their input order among equals.
func sortHistories(hs []lint.History) {
	sorted := true
	for i := 1; i < len(hs); i++ {
		if historyLess(&hs[i], &hs[i-1]) {
			sorted = false
			break
		}
	}
	if sorted {
		return
	}
	sort.SliceStable(hs, func(a, b int) bool { return historyLess(&hs[a], &hs[b]) })
}

func historyLess(a, b *lint.History) bool {
	if a.Created != b.Created {
		return a.Created < b.Created
	}
	return a.ID != 0 && b.ID != 0 && a.ID < b.ID
}

// kindTable says what each changelog field is to hatcheck.
type kindTable struct {
	byID   map[string]kindInfo
	byName map[string]kindInfo // lower-cased field name
	cache  map[*lint.ChangedField]kindInfo
	fields map[resolvedField]*lint.ChangedField
}

// resolvedField is a field as the parser read it with the kind it resolved to.
type resolvedField struct {
	read *lint.ChangedField
	kindInfo
}

type kindInfo struct {
	kind lint.FieldKind
	date string
}

func (p *parser) newKindTable(roles map[lint.FieldKind]string, dates map[string]string) *kindTable {
	t := &kindTable{byID: map[string]kindInfo{}, byName: map[string]kindInfo{}, cache: map[*lint.ChangedField]kindInfo{}, fields: map[resolvedField]*lint.ChangedField{}}
	addID := func(id string, ki kindInfo) {
		if _, ok := t.byID[id]; !ok && id != "" {
			t.byID[id] = ki
		}
	}
	addName := func(name string, ki kindInfo) {
		name = strings.ToLower(strings.TrimSpace(name))
		if _, ok := t.byName[name]; !ok && name != "" {
			t.byName[name] = ki
		}
	}
	for _, k := range roleKinds {
		addID(roles[k], kindInfo{kind: k})
		if name := p.names[roles[k]]; name != "" {
			addName(name, kindInfo{kind: k})
		}
		for _, e := range p.cfg.Jira.Fields.Of(k) {
			// A field id is also the name Server changelogs give system fields
			// (they carry no fieldId).
			if isFieldID(strings.TrimSpace(e)) {
				addID(strings.TrimSpace(e), kindInfo{kind: k})
			}
			addName(e, kindInfo{kind: k})
		}
	}
	addName("Epic Link", kindInfo{kind: lint.KindEpic})
	for _, n := range []string{"Parent", "Parent Link", "IssueParentAssociation"} {
		addName(n, kindInfo{kind: lint.KindParent})
	}
	addID("parent", kindInfo{kind: lint.KindParent})
	for _, n := range []lint.FieldKind{lint.KindPriority, lint.KindStatus, lint.KindLabels} {
		addID(string(n), kindInfo{kind: n})
		addName(string(n), kindInfo{kind: n})
	}
	for _, e := range p.cfg.Dates.Fields {
		ki := kindInfo{kind: lint.KindDate, date: e}
		addID(dates[e], ki)
		if isFieldID(strings.TrimSpace(e)) {
			addID(strings.TrimSpace(e), ki)
		}
		addName(e, ki)
		if name := p.names[dates[e]]; name != "" {
			addName(name, ki)
		}
	}
	return t
}

// resolve returns the change's field with its kind, shared by every change of the input to
// the same field with the same kind.
func (t *kindTable) resolve(c *lint.Change) *lint.ChangedField {
	read := c.ChangedField
	ki, ok := t.cache[read]
	if !ok {
		if read.FieldID != "" {
			ki, ok = t.byID[read.FieldID]
		}
		if !ok {
			ki = t.byName[strings.ToLower(read.Field)]
		}
		t.cache[read] = ki
	}
	if ki.kind == lint.KindOther && strings.EqualFold(read.FieldType, "custom") &&
		(c.ToString == "Ranked higher" || c.ToString == "Ranked lower") {
		ki = kindInfo{kind: lint.KindRank}
	}
	key := resolvedField{read, ki}
	f := t.fields[key]
	if f == nil {
		f = &lint.ChangedField{Field: read.Field, FieldType: read.FieldType, FieldID: read.FieldID, Kind: ki.kind, DateField: ki.date}
		t.fields[key] = f
	}
	return f
}

// fieldLabel names a field as the user knows it: its name in the export, else its id.
func (p *parser) fieldLabel(id string) string {
	if name := p.names[id]; name != "" {
		return name
	}
	return id
}
