package lint

import (
	"iter"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Pass is what a rule sees while it runs: the project, the configuration, the reference
// time, and the terms of SPEC §5 as methods, so every rule means the same by "done",
// "ready", "in role" or "approved".
type Pass struct {
	Rule    *Rule
	Project *Project
	Config  *Config
	Now     time.Time
	// Enabled lists every rule enabled for the run, so a rule like field-not-found can
	// name the rules a gap skips.
	Enabled []*Rule
	// Findings holds, for an AfterWaivers rule only, every finding the other rules
	// reported, with the engine's fields filled in (status, waiver, fingerprint).
	Findings []*Finding

	waiverUsed []bool            // per Config.Waivers entry, whether it matched a finding
	sites      map[string]string // BrowseURL's sites by self link prefix
	report     func(Finding)
	metric     func(name, project string, v float64)
	facts      *facts
}

// NewPass prepares a pass of one rule. Passes of one run share facts through shared;
// report and metric receive what the rule reports.
func NewPass(r *Rule, p *Project, c *Config, now time.Time, shared *Pass, report func(Finding), metric func(name, project string, v float64)) *Pass {
	pass := &Pass{Rule: r, Project: p, Config: c, Now: now, report: report, metric: metric}
	if shared != nil {
		pass.facts = shared.facts
	}
	if pass.facts == nil {
		pass.facts = &facts{}
	}
	return pass
}

// facts are derived once per run and shared by every pass. Rules run in parallel, so each
// fact is built once, by the first pass that needs it, and only read after that.
type facts struct {
	rankOnce sync.Once
	ranked   map[string][]*Issue // project -> open ranked backlog items, top first
	rankPos  map[*Issue]int      // position in ranked (0-based)

	planOnce sync.Once
	planKeys map[string]bool

	peopleOnce sync.Once
	people     map[string][]Person // lower-cased attribute -> people of the input having it

	botsOnce sync.Once
	bots     map[*Person]bool // authors of changes -> whether they are bots
}

// Report records a finding. The engine fills in rule, category, severity, fingerprint
// and status.
func (p *Pass) Report(f Finding) { p.report(f) }

// Metric records a per-project metric for the JSON summary (metrics.NAME.PROJECT).
func (p *Pass) Metric(name, project string, v float64) { p.metric(name, project, v) }

// WaiverUsed reports, for an AfterWaivers rule, whether the i-th waiver of Config.Waivers
// matched a finding (by rule and subject), even one it no longer applies to because it has
// expired or because an earlier waiver matched first.
func (p *Pass) WaiverUsed(i int) bool { return i >= 0 && i < len(p.waiverUsed) && p.waiverUsed[i] }

// WaiverExpired reports whether a waiver's expires date is before today: it applies through
// the whole of that day in the configured timezone.
func (p *Pass) WaiverExpired(w Waiver) bool { return waiverExpired(w, p.Today()) }

func waiverExpired(w Waiver, today time.Time) bool {
	return !w.Expires.IsZero() && today.After(w.Expires)
}

// Issues returns the issues the rule should look at: every issue, except those of projects
// that lack a role the rule needs (role-unassigned reports those).
func (p *Pass) Issues() []*Issue {
	if len(p.Rule.Needs) == 0 {
		return p.Project.Issues
	}
	out := make([]*Issue, 0, len(p.Project.Issues))
	for _, i := range p.Project.Issues {
		if p.RolesAssigned(i.Project, p.Rule.Needs...) {
			out = append(out, i)
		}
	}
	return out
}

// RolesAssigned reports whether the project has someone configured in every given role.
func (p *Pass) RolesAssigned(project string, roles ...Role) bool {
	for _, r := range roles {
		if len(p.Config.RoleMembers(project, r)) == 0 {
			return false
		}
	}
	return true
}

// Histories yields the issue's changelog entries that history rules consider: those not
// made by a bot and not before --since. It yields the model's own histories, in order.
func (p *Pass) Histories(i *Issue) iter.Seq[*History] {
	return func(yield func(*History) bool) {
		for n := range i.Histories {
			h := &i.Histories[n]
			if p.isBot(h.Author) || (!p.Config.Since.IsZero() && h.Created.Time().Before(p.Config.Since)) {
				continue
			}
			if !yield(h) {
				return
			}
		}
	}
}

// isBot reports whether the author of a change is a bot, remembering the answer for each
// author: an export shares one Person among all the changes that person made.
func (p *Pass) isBot(author *Person) bool {
	if author == nil {
		return false
	}
	p.facts.botsOnce.Do(func() {
		p.facts.bots = map[*Person]bool{}
		for _, i := range p.Project.Issues {
			for n := range i.Histories {
				if a := i.Histories[n].Author; a != nil {
					if _, ok := p.facts.bots[a]; !ok {
						p.facts.bots[a] = p.Config.IsBot(*a)
					}
				}
			}
		}
	})
	if bot, ok := p.facts.bots[author]; ok {
		return bot
	}
	return p.Config.IsBot(*author) // not an author of the project's changes
}

// InRole reports whether the person holds the role (or is its delegate) in the project.
func (p *Pass) InRole(person Person, project string, r Role) bool {
	return p.Config.InRole(person, project, r)
}

// IsApprover reports whether the person may approve scope changes in the project.
func (p *Pass) IsApprover(person Person, project string) bool {
	return p.Config.IsApprover(person, project)
}

// Done reports whether the issue is done: status category done, or a status named in
// jira.done_statuses.
func (p *Pass) Done(i *Issue) bool {
	if i.StatusCategory == CategoryDone {
		return true
	}
	return containsFold(p.Config.Jira.DoneStatuses, i.Status)
}

// BacklogItem reports whether the issue is a backlog item: a type in backlog.types, not a
// sub-task, not an epic.
func (p *Pass) BacklogItem(i *Issue) bool {
	return !i.Subtask && !strings.EqualFold(i.Type, "Epic") && containsFold(p.Config.Backlog.Types, i.Type)
}

// RankedBacklog returns the open backlog items of the project that have a rank, top first.
func (p *Pass) RankedBacklog(project string) []*Issue {
	p.rankFacts()
	return p.facts.ranked[project]
}

// RankPosition returns the 0-based position of an open ranked backlog item in its project's
// ranked backlog, or -1.
func (p *Pass) RankPosition(i *Issue) int {
	p.rankFacts()
	if n, ok := p.facts.rankPos[i]; ok {
		return n
	}
	return -1
}

func (p *Pass) rankFacts() { p.facts.rankOnce.Do(p.buildRankFacts) }

func (p *Pass) buildRankFacts() {
	p.facts.ranked = map[string][]*Issue{}
	p.facts.rankPos = map[*Issue]int{}
	for _, i := range p.Project.Issues {
		if i.Rank != "" && p.BacklogItem(i) && !p.Done(i) {
			p.facts.ranked[i.Project] = append(p.facts.ranked[i.Project], i)
		}
	}
	for _, list := range p.facts.ranked {
		sort.SliceStable(list, func(a, b int) bool { return list[a].Rank < list[b].Rank })
		for n, i := range list {
			p.facts.rankPos[i] = n
		}
	}
}

// Ready reports whether an open backlog item is ready: in an active or future sprint, or
// among the top backlog.ready_depth open backlog items by rank in its project.
func (p *Pass) Ready(i *Issue) bool {
	if !p.BacklogItem(i) || p.Done(i) {
		return false
	}
	for _, id := range i.Sprints {
		if s := p.Project.Sprints[id]; s != nil && (s.State == "active" || s.State == "future") {
			return true
		}
	}
	n := p.RankPosition(i)
	return n >= 0 && n < p.Config.Backlog.ReadyDepth
}

// ActiveWindow returns when changes to a sprint's scope count: after start + scope.grace,
// and for a closed sprint before its completeDate (or endDate). end is zero for a sprint
// still running; ok is false for a sprint that never started.
func (p *Pass) ActiveWindow(s *Sprint) (start, end time.Time, ok bool) {
	if s == nil || s.Start.IsZero() || strings.EqualFold(s.State, "future") {
		return time.Time{}, time.Time{}, false
	}
	start = s.Start.Add(p.Config.Scope.Grace)
	// A completeDate ends the window whatever the state says (exports that carry no state
	// still carry it); a closed sprint without one ends at its endDate.
	end = s.Complete
	if end.IsZero() && strings.EqualFold(s.State, "closed") {
		end = s.End
	}
	return start, end, true
}

// InActiveWindow reports whether t falls inside the sprint's active window.
func (p *Pass) InActiveWindow(s *Sprint, t time.Time) bool {
	start, end, ok := p.ActiveWindow(s)
	return ok && t.After(start) && (end.IsZero() || t.Before(end))
}

// SprintIDs reads the sprint ids of a sprint changelog value ("76, 79").
func SprintIDs(s string) []int {
	var ids []int
	for len(s) > 0 {
		// The next field runs to a comma, space or semicolon.
		end := strings.IndexAny(s, ", ;")
		if end < 0 {
			end = len(s)
		}
		if end > 0 {
			if n, err := strconv.Atoi(s[:end]); err == nil {
				ids = append(ids, n)
			}
		}
		s = s[min(end+1, len(s)):]
	}
	return ids
}

// SprintMembershipAt returns the ids of the sprints the issue was in at time t, replaying its
// sprint changes (all of them, bots' too: membership is a fact, not a judgement). Changes
// made at t itself are applied. Before the first change the issue was in that change's
// "from" sprints; with no sprint changes it has been in its current sprints since it was
// created; before it was created it was in none.
func (p *Pass) SprintMembershipAt(i *Issue, t time.Time) []int {
	if !i.Created.IsZero() && t.Before(i.Created) {
		return nil // the issue did not exist yet
	}
	// The first sprint change says where the issue was before it; the last one made by t
	// says where it is at t.
	var first, last *Change
changes:
	for n := range i.Histories {
		h := &i.Histories[n]
		items := i.Items(h)
		for k := range items {
			c := &items[k]
			if c.Kind != KindSprint {
				continue
			}
			if first == nil {
				first = c
			}
			if h.Created.Time().After(t) {
				break changes
			}
			last = c
		}
	}
	switch {
	case last != nil:
		return SprintIDs(last.To)
	case first != nil:
		return SprintIDs(first.From)
	case t.Before(i.Created):
		return nil
	}
	return i.Sprints
}

// CalendarDate returns the calendar date of t in the configured timezone, as midnight UTC.
func (p *Pass) CalendarDate(t time.Time) time.Time {
	tz := p.Config.Timezone
	if tz == nil {
		tz = time.UTC
	}
	y, m, d := t.In(tz).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Today is the calendar date of --now in the configured timezone.
func (p *Pass) Today() time.Time { return p.CalendarDate(p.Now) }

// InPlanScope reports whether the issue's key, or its parent or epic key, is named by a plan task.
func (p *Pass) InPlanScope(i *Issue) bool {
	keys := p.PlanKeys()
	if keys[i.Key] {
		return true
	}
	for _, k := range i.ParentKeys() {
		if keys[k] {
			return true
		}
	}
	return false
}

// PlanKeys returns the set of Jira keys named by plan tasks.
func (p *Pass) PlanKeys() map[string]bool {
	p.facts.planOnce.Do(func() {
		p.facts.planKeys = map[string]bool{}
		if p.Project.Plan != nil {
			for _, t := range p.Project.Plan.Tasks {
				for _, k := range t.Jira {
					p.facts.planKeys[k] = true
				}
			}
		}
	})
	return p.facts.planKeys
}

// Approval is the record that approved a change.
type Approval struct {
	Route string    // "change-log" or "label"
	By    string    // the approver as recorded
	At    time.Time // when it was recorded; zero when the change log gives no date
	Ref   string    // change request id, or the history id that added the label
	Pos   Position
}

// Approved reports whether a change to the issue at time t was approved (SPEC §5): by an
// approved change-log row naming the issue or its parent/epic, recorded no later than the
// calendar date of t + scope.approval_window; or by the approval label, added by an approver
// no later than t + scope.approval_window.
func (p *Pass) Approved(i *Issue, t time.Time) (Approval, bool) {
	deadline := t.Add(p.Config.Scope.ApprovalWindow)
	if plan := p.Project.Plan; plan != nil {
		names := append([]string{i.Key}, i.ParentKeys()...)
		for _, cr := range plan.Changes {
			if !p.ApprovedRow(cr, i.Project) || !slices.ContainsFunc(cr.Jira, func(k string) bool { return slices.Contains(names, k) }) {
				continue
			}
			if !cr.ApprovedOn.IsZero() && cr.ApprovedOn.After(p.CalendarDate(deadline)) {
				continue
			}
			return Approval{Route: "change-log", By: cr.Approver, At: cr.ApprovedOn, Ref: cr.ID, Pos: plan.ChangePos(cr, "status")}, true
		}
	}
	label := p.Config.Scope.ApprovalLabel
	if label == "" || !containsFold(i.Labels, label) {
		return Approval{}, false
	}
	// The latest history that added the label is the one that put it where it is now.
	var adder *History
	for n := range i.Histories {
		h := &i.Histories[n]
		for _, c := range i.Items(h) {
			if c.Kind == KindLabels && hasWordFold(c.ToString, label) && !hasWordFold(c.FromString, label) {
				adder = h
			}
		}
	}
	if adder != nil {
		if p.IsApprover(adder.By(), i.Project) && !adder.Created.Time().After(deadline) {
			return Approval{Route: "label", By: adder.By().String(), At: adder.Created.Time(), Ref: adder.ID.String(), Pos: i.PosOf(adder)}, true
		}
		return Approval{}, false
	}
	if i.Created.After(deadline) {
		return Approval{}, false
	}
	for _, who := range []Person{i.Creator.Value(), i.Reporter.Value()} {
		if p.IsApprover(who, i.Project) {
			return Approval{Route: "label", By: who.String(), At: i.Created, Pos: i.Pos}, true
		}
	}
	return Approval{}, false
}

// ApprovedRow reports whether a change-log row is an approval: its status is one of
// scope.approved_statuses and its approver is an approver in the project.
func (p *Pass) ApprovedRow(cr *ChangeRequest, project string) bool {
	return containsFold(p.Config.Scope.ApprovedStatuses, cr.Status) && p.IsApproverNamed(cr.Approver, project)
}

// TaskApproved returns the approved change-log row naming the task (by id or WBS code) or
// one of its Jira keys, if there is one.
func (p *Pass) TaskApproved(t *Task) (*ChangeRequest, bool) {
	plan := p.Project.Plan
	if plan == nil {
		return nil, false
	}
	for _, cr := range plan.Changes {
		if !containsFold(p.Config.Scope.ApprovedStatuses, cr.Status) {
			continue
		}
		approver := false
		for _, project := range p.taskProjects(t) {
			approver = approver || p.IsApproverNamed(cr.Approver, project)
		}
		if !approver {
			continue
		}
		if slices.Contains(cr.Tasks, t.ID) || t.WBS != "" && slices.Contains(cr.Tasks, t.WBS) ||
			slices.ContainsFunc(cr.Jira, func(k string) bool { return slices.Contains(t.Jira, k) }) {
			return cr, true
		}
	}
	return nil, false
}

// taskProjects returns the Jira projects a task's keys belong to, whose roles approve its
// changes; "" (the global roles) for a task naming no key. A project's own role list
// replaces the global one (SPEC §3 roles.by_project), so a global role holder does not
// approve a task of a project that names its own.
func (p *Pass) taskProjects(t *Task) []string {
	var out []string
	for _, k := range t.Jira {
		if proj, _, ok := strings.Cut(k, "-"); ok && !slices.Contains(out, proj) {
			out = append(out, proj)
		}
	}
	if len(out) == 0 {
		out = append(out, "")
	}
	return out
}

// BrowseURL returns the link to an issue in Jira: jira.base_url (else jira.url) + /browse/KEY,
// else derived from the issue's self link; "" when neither is known.
func (p *Pass) BrowseURL(i *Issue) string {
	if p.sites == nil {
		p.sites = map[string]string{}
	}
	return browseURL(p.Config, i, p.sites)
}

// BrowseURL is Pass.BrowseURL for code that has no pass.
func BrowseURL(c *Config, i *Issue) string { return browseURL(c, i, nil) }

// browseURL is BrowseURL, remembering in sites (when not nil) the site of each self link's
// part before /rest/: a rule links thousands of issues of the same site.
func browseURL(c *Config, i *Issue, sites map[string]string) string {
	base := c.Jira.BaseURL
	if base == "" {
		base = c.Jira.URL
	}
	if base == "" && i.Self != "" {
		prefix := i.Self
		if k := strings.Index(prefix, "/rest/"); k > 0 {
			prefix = prefix[:k]
		}
		var ok bool
		if base, ok = sites[prefix]; !ok {
			base = siteOf(i.Self)
			if sites != nil {
				sites[prefix] = base
			}
		}
	}
	if base == "" {
		return ""
	}
	return strings.TrimRight(base, "/") + "/browse/" + i.Key
}

// siteOf returns the Jira site a self link is on: scheme, host and the path before /rest/.
func siteOf(self string) string {
	u, err := url.Parse(self)
	if err != nil || u.Host == "" {
		return ""
	}
	base := u.Scheme + "://" + u.Host
	if k := strings.Index(u.Path, "/rest/"); k > 0 {
		base += u.Path[:k]
	}
	return base
}

func containsFold(list []string, s string) bool {
	s = strings.TrimSpace(s)
	for _, e := range list {
		if strings.EqualFold(strings.TrimSpace(e), s) {
			return true
		}
	}
	return false
}

// hasWordFold reports whether a space-separated list of labels holds the label.
func hasWordFold(list, label string) bool {
	for _, w := range strings.Fields(list) {
		if strings.EqualFold(w, label) {
			return true
		}
	}
	return false
}
