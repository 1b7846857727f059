package plan

import (
	"strings"
	"testing"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

func TestParseTextDate(t *testing.T) {
	tests := []struct {
		in, order, want string // want "" means not a date
	}{
		{"2026-03-10", MDY, "2026-03-10"},
		{"2026/3/9", DMY, "2026-03-09"},
		{"2026-03-10T08:00:00", MDY, "2026-03-10"},
		{"2026-03-10T08:00:00.000+01:00", MDY, "2026-03-10"},
		{"3/10/2026", MDY, "2026-03-10"},
		{"3/10/2026", DMY, "2026-10-03"},
		{"3/10/26", MDY, "2026-03-10"},
		{"10/3/26", DMY, "2026-03-10"},
		{"3-10-2026", MDY, "2026-03-10"},
		{"3/10/2026 8:00 AM", MDY, "2026-03-10"},
		{"3/10/26 17:00", MDY, "2026-03-10"},
		{"Mon 3/10/26", MDY, "2026-03-10"},
		{"Tue 3/10/26 8:00 AM", MDY, "2026-03-10"},
		{"Tuesday, March 10, 2026", MDY, "2026-03-10"},
		{"March 10, 2026", MDY, "2026-03-10"},
		{"march 10 2026", DMY, "2026-03-10"},
		{"Mar 10, 2026", MDY, "2026-03-10"},
		{"10 March 2026", MDY, "2026-03-10"},
		{"2026 March 10 8:00 AM", MDY, "2026-03-10"},
		{"10-Mar-2026", MDY, "2026-03-10"},
		{"10-Mar-26", MDY, "2026-03-10"},
		{"1-Sept-2026", MDY, "2026-09-01"},
		{"10.03.2026", MDY, "2026-03-10"},
		{"10.03.26", MDY, "2026-03-10"},
		{"  2026-03-10  ", MDY, "2026-03-10"},
		{"1/1/30", MDY, "1930-01-01"},
		{"1/1/29", MDY, "2029-01-01"},
		{"2/29/2028", MDY, "2028-02-29"},
		// Impossible or unreadable.
		{"31/02/2026", DMY, ""},
		{"31/02/2026", MDY, ""},
		{"2/29/2026", MDY, ""},
		{"2026-13-01", MDY, ""},
		{"2026-00-10", MDY, ""},
		{"13/13/2026", DMY, ""},
		{"0/10/2026", MDY, ""},
		{"March 32, 2026", MDY, ""},
		{"Smarch 10, 2026", MDY, ""},
		{"March 2026", MDY, ""},
		{"10 March", MDY, ""},
		{"March 10, 2026, 4", MDY, ""},
		{"100-Mar-2026", MDY, ""},
		{"1899-12-31", MDY, ""},
		{"46091", MDY, ""},
		{"TBD", MDY, ""},
		{"", MDY, ""},
		{"Mon", MDY, ""},
		{strings.Repeat("1", 100), MDY, ""},
	}
	for _, tt := range tests {
		got, ok := ParseTextDate(tt.in, tt.order)
		var gotS string
		if ok {
			gotS = got.Format("2006-01-02")
			if got.Location() != time.UTC || got.Hour() != 0 {
				t.Errorf("ParseTextDate(%q) = %v, want midnight UTC", tt.in, got)
			}
		}
		if gotS != tt.want {
			t.Errorf("ParseTextDate(%q, %s) = %q, %v; want %q", tt.in, tt.order, gotS, ok, tt.want)
		}
	}
}

func TestSerialDate(t *testing.T) {
	tests := []struct {
		serial   float64
		date1904 bool
		want     string
	}{
		{46091, false, "2026-03-10"},
		{46091.75, false, "2026-03-10"}, // the time of day is dropped
		{44629, true, "2026-03-10"},
		{1, false, "1900-01-01"},
		{59, false, "1900-02-28"},
		{61, false, "1900-03-01"},
		{0, true, "1904-01-01"},
		{2958465, false, "9999-12-31"},
		{0, false, ""},
		{0.5, false, ""},
		{-1, false, ""},
		{2958466, false, ""},
	}
	for _, tt := range tests {
		got, ok := SerialDate(tt.serial, tt.date1904)
		var gotS string
		if ok {
			gotS = got.Format("2006-01-02")
		}
		if gotS != tt.want {
			t.Errorf("SerialDate(%v, %v) = %q; want %q", tt.serial, tt.date1904, gotS, tt.want)
		}
	}
}

func TestParseLink(t *testing.T) {
	tests := []struct {
		in   string
		want string // Ref Type Lag [e], or "" for unreadable
	}{
		{"2", "2 FS +0"},
		{"2fs", "2 FS +0"},
		{"3SS+2d", "3 SS +2"},
		{"4FF-1w", "4 FF -5"},
		{"5sf", "5 SF +0"},
		{"1.2.3FS+4h", "1.2.3 FS +1"},
		{"1.2.3FS-9h", "1.2.3 FS -2"},
		{"7FS+16 hrs", "7 FS +2"},
		{"7 SS + 3 days", "7 SS +3"},
		{"7SS+1 day", "7 SS +1"},
		{"7FS+2wks", "7 FS +10"},
		{"7FS+1 week", "7 FS +5"},
		{"7FS+1.5d", "7 FS +2"},
		{"7FS+3", "7 FS +3"},
		{"7FS+3ed", "7 FS +3 e"},
		{"7FS-2ew", "7 FS -14 e"},
		{"7FS+12eh", "7 FS +1 e"},
		{"7FS+1mo", "7 FS +20"},
		{"7FS+30m", "7 FS +1"},
		{"7FS+960 mins", "7 FS +2"},
		{"7SS-480 minutes", "7 SS -1"},
		{"7FS+90em", "7 FS +1 e"},
		{"7FS+50%", "7 FS +0"},
		{"7FS+2 days?", "7 FS +2"},
		{"T12FS", "T12 FS +0"},
		{"", ""},
		{"3XX", ""},
		{"FS", ""},
		{"3FS+", ""},
		{"3FS+2q", ""},
		{"3FS*2", ""},
		{"3 FS FS", ""},
		{"-3", ""},
	}
	for _, tt := range tests {
		l, ok := ParseLink(tt.in)
		var got string
		if ok {
			got = l.Ref + " " + string(l.Type) + " " + signed(l.Lag)
			if l.Elapsed {
				got += " e"
			}
			if l.Raw != strings.TrimSpace(tt.in) {
				t.Errorf("ParseLink(%q).Raw = %q", tt.in, l.Raw)
			}
		}
		if got != tt.want {
			t.Errorf("ParseLink(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func signed(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	return "+" + itoa(n)
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestParsePredecessors(t *testing.T) {
	links, bad := ParsePredecessors(" 5;6, 7SS+1d ,, 8XX ; ;9FF")
	var refs []string
	for _, l := range links {
		refs = append(refs, l.Ref+string(l.Type))
	}
	if got := strings.Join(refs, " "); got != "5FS 6FS 7SS 9FF" {
		t.Errorf("links = %s", got)
	}
	if got := strings.Join(bad, "|"); got != "8XX" {
		t.Errorf("bad = %s", got)
	}
	if links, bad := ParsePredecessors(""); links != nil || bad != nil {
		t.Errorf("empty cell gave %v, %v", links, bad)
	}
	want := lint.Link{Ref: "7", Type: lint.StartToStart, Lag: 1, Raw: "7SS+1d"}
	if links[2] != want {
		t.Errorf("links[2] = %+v, want %+v", links[2], want)
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"5", 5, true}, {"5d", 5, true}, {"5 days", 5, true}, {"1 day", 1, true},
		{"2w", 10, true}, {"1.5 wks", 7.5, true}, {"2 weeks", 10, true},
		{"16h", 2, true}, {"4 hrs", 0.5, true}, {"1mo", 20, true}, {"3 edays", 3, true},
		{"5 days?", 5, true}, {".5d", 0.5, true}, {"0", 0, true},
		{"", 0, false}, {"forever", 0, false}, {"-1", 0, false}, {"5 fortnights", 0, false}, {"5d 2h", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseDuration(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParsePercentAndFlag(t *testing.T) {
	percents := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"50%", 50, true}, {"50", 50, true}, {" 12.5 % ", 12.5, true}, {"0", 0, true}, {"100%", 100, true},
		{"150%", 0, false}, {"-5", 0, false}, {"lots", 0, false}, {"", 0, false}, {"NaN", 0, false},
	}
	for _, tt := range percents {
		got, ok := ParsePercent(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParsePercent(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	flags := []struct {
		in       string
		want, ok bool
	}{
		{"Yes", true, true}, {"no", false, true}, {"TRUE", true, true}, {"False", false, true},
		{"1", true, true}, {"0", false, true}, {"Y", true, true}, {"n", false, true},
		{"maybe", false, false}, {"", false, false}, {"2", false, false},
	}
	for _, tt := range flags {
		got, ok := ParseFlag(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseFlag(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestJiraKeys(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"PAY-12"}, "PAY-12"},
		{[]string{"PAY-12, PAY-13; OPS_2-7"}, "PAY-12 PAY-13 OPS_2-7"},
		{[]string{"see ticket", "https://acme.atlassian.net/browse/PAY-4"}, "PAY-4"},
		{[]string{"PAY-4", "https://acme.atlassian.net/browse/PAY-4"}, "PAY-4"},
		{[]string{"pay-1 P-1 PAY- 12 XPAY-1a PAY-2"}, "PAY-2"},
		{[]string{"", "TBD"}, ""},
	}
	for _, tt := range tests {
		if got := strings.Join(JiraKeys(tt.in...), " "); got != tt.want {
			t.Errorf("JiraKeys(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestHeaderAliases checks every header of SPEC §4.3, in the spellings users write them,
// against the role it must give.
func TestHeaderAliases(t *testing.T) {
	plan := map[string][]string{
		"id":              {"ID", "Task ID", "Unique ID", "#", "WBS", "WBS ID", "WBS_ID", "Outline Number", "task_id", "UNIQUE ID"},
		"name":            {"Name", "Task", "Task Name", "Activity", "Deliverable", "Title", "TASK NAME", "task_name"},
		"jira":            {"Jira", "Jira Key(s)", "Jira Issue", "Issue", "Issue Key", "Key", "Epic", "Ticket", "JIRA keys", "Jira Key"},
		"owner":           {"Owner", "Resource Names", "Resources", "Resourcing", "Assignee", "Assigned To", "Lead", "Responsible", "assigned_to"},
		"start":           {"Start", "Start Date", "Planned Start", "Begin", "start_date"},
		"finish":          {"Finish", "End", "End Date", "Finish Date", "Planned Finish", "Due", "Due Date", "due-date"},
		"baseline_start":  {"Baseline Start", "BL Start", "baseline_start"},
		"baseline_finish": {"Baseline Finish", "BL Finish", "BL. Finish"},
		"duration":        {"Duration", "Days", "Work Days", "work_days"},
		"predecessors":    {"Predecessors", "Predecessor", "Predecessor(s)", "Depends On", "Dependencies", "depends-on"},
		"percent":         {"% Complete", "Percent Complete", "% Progress", "Progress", "Complete", "%complete", "% complete:"},
		"milestone":       {"Milestone", "MILESTONE?"},
		"summary":         {"Summary"},
		"level":           {"Outline Level", "Level"},
		"status":          {"Status"},
		"":                {"Notes", "Swarm #", "ReqId", "%", "", "  ", "Jan", "Cost", "Date"},
	}
	m := newHeaderMatcher(planAliases, nil)
	for role, headers := range plan {
		for _, h := range headers {
			if got := m.role(h); got != role {
				t.Errorf("plan header %q: role %q, want %q", h, got, role)
			}
		}
	}
	changes := map[string][]string{
		"id":          {"ID", "CR", "CR ID", "Change ID", "#"},
		"jira":        {"Jira", "Jira Key(s)", "Issue Key", "Key", "Ticket", "Issues", "Keys", "Affected Issues"},
		"task":        {"Task", "Task ID", "Plan Task"},
		"status":      {"Status", "Decision"},
		"approver":    {"Approved By", "Approver", "Decision By"},
		"approved_on": {"Approved On", "Approval Date", "Decision Date", "Date"},
		"description": {"Description", "Title", "Change", "Summary"},
		"":            {"Name", "Start", "Notes"},
	}
	m = newHeaderMatcher(changeAliases, nil)
	for role, headers := range changes {
		for _, h := range headers {
			if got := m.role(h); got != role {
				t.Errorf("change-log header %q: role %q, want %q", h, got, role)
			}
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := map[float64]string{
		4.0999999999999996: "4.1",
		1.1000000000000001: "1.1",
		0.1 + 0.2:          "0.3",
		12:                 "12",
		-3.5:               "-3.5",
		1e20:               "100000000000000000000",
	}
	for in, want := range tests {
		if got := formatNumber(in); got != want {
			t.Errorf("formatNumber(%v) = %q; want %q", in, got, want)
		}
	}
}
