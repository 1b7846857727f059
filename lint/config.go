package lint

import "time"

// Config is the parsed .hatcheck.yaml (SPEC §3) with command-line flags applied on top.
// Relative paths are already resolved against the file's folder.
type Config struct {
	Path     string // the file it was read from; "" for defaults
	Version  int
	FailOn   Severity // Off means "never"
	Since    time.Time
	Timezone *time.Location

	Roles   RolesConfig
	Jira    JiraConfig
	Backlog BacklogConfig
	Dates   DatesConfig
	Scope   ScopeConfig
	Plan    PlanConfig

	// Rules holds per-rule severity overrides; Off disables the rule.
	Rules   map[string]Severity
	Waivers []Waiver

	// Settings that mirror lint flags, so a config file can set every flag.
	Formats    []string // "text", "json=out/findings.json"
	Baseline   string
	Enable     []string
	Disable    []string
	Only       []string
	ShowWaived bool
	Color      string // auto, always, never
	Quiet      bool

	// ruleRefs are the rule names the file wrote, with their places, for CheckRuleNames.
	ruleRefs []ruleRef
}

// RolesConfig says who wears which hat. Entries are people as SPEC §3 "People" describes.
type RolesConfig struct {
	ProductOwner   []string
	ProjectManager []string
	Delegates      struct{ ProductOwner, ProjectManager []string }
	Bots           []string
	// ByProject holds per-project roles; a non-empty list replaces the global one.
	ByProject map[string]ProjectRoles
}

// ProjectRoles are the roles of one Jira project.
type ProjectRoles struct {
	ProductOwner   []string
	ProjectManager []string
	Delegates      struct{ ProductOwner, ProjectManager []string }
}

// JiraConfig says where issues come from and which fields play which role.
type JiraConfig struct {
	Exports []string
	URL     string
	JQL     string
	// Server says the site at URL is Jira Server or Data Center (--server); otherwise
	// fetching detects it.
	Server       bool
	BaseURL      string
	Fields       FieldNames
	DoneStatuses []string
}

// FieldNames lists, per field role, the field ids or names to try, first found wins.
type FieldNames struct {
	Rank, Sprint, Estimate, Value, Acceptance, Epic []string
}

// Of returns the names configured for a field kind.
func (f FieldNames) Of(k FieldKind) []string {
	switch k {
	case KindRank:
		return f.Rank
	case KindSprint:
		return f.Sprint
	case KindEstimate:
		return f.Estimate
	case KindValue:
		return f.Value
	case KindAcceptance:
		return f.Acceptance
	case KindEpic:
		return f.Epic
	}
	return nil
}

// BacklogConfig defines backlog items and readiness.
type BacklogConfig struct {
	Types           []string
	AcceptanceTypes []string
	ReadyDepth      int
	ValueTolerance  float64
}

// DatesConfig lists the date fields the PM owns.
type DatesConfig struct {
	Fields        []string
	ToleranceDays int
}

// ScopeConfig defines what an approved scope change is.
type ScopeConfig struct {
	Approvers        []string // role names (product_owner, project_manager) and/or people
	ApprovalLabel    string
	ApprovedStatuses []string
	Grace            time.Duration
	ApprovalWindow   time.Duration
}

// PlanConfig says how to read the plan.
type PlanConfig struct {
	File         string
	Sheet        string
	Columns      map[string]string // column role -> header text
	ChangesSheet string
	BaselineDate time.Time // zero when not set
	DateOrder    string    // "MDY" or "DMY"
	TrackedTypes []string
}

// Waiver silences findings of a rule for matching subjects, with a reason.
type Waiver struct {
	Rule    string    `json:"rule"`
	Subject string    `json:"subject"` // glob with * and ?
	Reason  string    `json:"reason"`
	Expires time.Time `json:"expires,omitzero"`
	Pos     Position  `json:"-"` // where the waiver is written in the config
}

// DefaultConfig returns the configuration used without a file: the defaults of SPEC §3.
func DefaultConfig() *Config {
	return &Config{
		Version:  1,
		FailOn:   Error,
		Timezone: time.UTC,
		Jira: JiraConfig{Fields: FieldNames{
			Rank:       []string{"Rank"},
			Sprint:     []string{"Sprint"},
			Estimate:   []string{"Story Points", "Story point estimate"},
			Value:      []string{"Business Value"},
			Acceptance: []string{"Acceptance Criteria"},
			Epic:       []string{"Epic Link"},
		}},
		Backlog: BacklogConfig{
			Types:           []string{"Story", "Task", "Bug", "Improvement", "Feature", "New Feature", "Technical Debt", "Spike"},
			AcceptanceTypes: []string{"Story", "Feature", "New Feature", "Improvement"},
			ReadyDepth:      20,
		},
		Dates: DatesConfig{Fields: []string{"duedate", "Target start", "Target end"}},
		Scope: ScopeConfig{
			Approvers:        []string{string(ProductOwner), string(ProjectManager)},
			ApprovalLabel:    "scope-change-approved",
			ApprovedStatuses: []string{"Approved"},
			ApprovalWindow:   24 * time.Hour,
		},
		Plan:  PlanConfig{DateOrder: "MDY", TrackedTypes: []string{"Epic"}},
		Rules: map[string]Severity{},
		Color: "auto",
	}
}
