package plan

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/hatcheck/hatcheck/lint"
)

// ParsePercent reads a completion percentage written as text: "50%", "50", "50.5 %".
// The result is 0..100. A number in a percent-formatted cell (0.5 shown as 50%) is the
// caller's to scale, since only the cell's style tells it apart from 0.5 %.
func ParsePercent(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || v < 0 || v > 100 {
		return 0, false
	}
	return v, true
}

// ParseFlag reads a yes/no cell: Yes/No, Y/N, True/False, 1/0, in any case.
func ParseFlag(s string) (value, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "1":
		return true, true
	case "no", "n", "false", "0":
		return false, true
	}
	return false, false
}

var durationText = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*([a-z]*)\??$`)

// durationUnits gives each duration unit its length in working days. Elapsed units
// (Microsoft Project's "edays") count as their calendar length: the plan's durations only
// feed length checks, where that is close enough.
var durationUnits = map[string]float64{
	"": 1, "d": 1, "dy": 1, "day": 1, "days": 1, "ed": 1, "eday": 1, "edays": 1,
	"w": 5, "wk": 5, "wks": 5, "week": 5, "weeks": 5, "ew": 7, "ewk": 7, "ewks": 7, "eweek": 7, "eweeks": 7,
	"h": 1.0 / 8, "hr": 1.0 / 8, "hrs": 1.0 / 8, "hour": 1.0 / 8, "hours": 1.0 / 8,
	"eh": 1.0 / 24, "ehr": 1.0 / 24, "ehrs": 1.0 / 24, "ehour": 1.0 / 24, "ehours": 1.0 / 24,
	"mo": 20, "mon": 20, "mons": 20, "month": 20, "months": 20,
	"m": 1.0 / 480, "min": 1.0 / 480, "mins": 1.0 / 480, "minute": 1.0 / 480, "minutes": 1.0 / 480,
	"em": 1.0 / 1440, "emin": 1.0 / 1440, "emins": 1.0 / 1440, "eminute": 1.0 / 1440, "eminutes": 1.0 / 1440,
	"emo": 30, "emon": 30, "emons": 30, "emonth": 30, "emonths": 30,
}

// ParseDuration reads a task duration in working days: "5", "5d", "5 days", "2w",
// "1.5 wks", "16h" (8 hours a day), "1mo" (20 working days), with Microsoft Project's
// trailing "?" for estimates allowed.
func ParseDuration(s string) (float64, bool) {
	m := durationText.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return 0, false
	}
	unit, ok := durationUnits[m[2]]
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, false
	}
	return v * unit, true
}

var jiraKey = regexp.MustCompile(`\b[A-Z][A-Z0-9_]+-[0-9]+\b`)

// JiraKeys returns every Jira issue key (PAY-12) in the texts, in order of appearance and
// without duplicates. Keys are found inside links too (https://x.atlassian.net/browse/PAY-12).
func JiraKeys(texts ...string) []string {
	var keys []string
	seen := map[string]bool{}
	for _, t := range texts {
		for _, k := range jiraKey.FindAllString(t, -1) {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// linkEntry is one predecessor entry: a reference ending in a digit (a task id or WBS
// code), an optional link type, and an optional lag with a unit or a percent sign.
var linkEntry = regexp.MustCompile(`(?i)^([A-Za-z0-9_.]*[0-9])\s*(FS|SS|FF|SF)?\s*(?:([+-])\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*([a-z]*|%)\??)?$`)

// lagUnits gives each lag unit its length in days, and whether the days are elapsed
// (calendar) days rather than working days.
var lagUnits = map[string]struct {
	days    float64
	elapsed bool
}{
	"": {1, false}, "d": {1, false}, "dy": {1, false}, "day": {1, false}, "days": {1, false},
	"w": {5, false}, "wk": {5, false}, "wks": {5, false}, "week": {5, false}, "weeks": {5, false},
	"h": {1.0 / 8, false}, "hr": {1.0 / 8, false}, "hrs": {1.0 / 8, false}, "hour": {1.0 / 8, false}, "hours": {1.0 / 8, false},
	"mo": {20, false}, "mon": {20, false}, "mons": {20, false}, "month": {20, false}, "months": {20, false},
	"m": {1.0 / 480, false}, "min": {1.0 / 480, false}, "mins": {1.0 / 480, false}, "minute": {1.0 / 480, false}, "minutes": {1.0 / 480, false},
	"em": {1.0 / 1440, true}, "emin": {1.0 / 1440, true}, "emins": {1.0 / 1440, true}, "eminute": {1.0 / 1440, true}, "eminutes": {1.0 / 1440, true},
	"ed": {1, true}, "eday": {1, true}, "edays": {1, true},
	"ew": {7, true}, "ewk": {7, true}, "ewks": {7, true}, "eweek": {7, true}, "eweeks": {7, true},
	"eh": {1.0 / 24, true}, "ehr": {1.0 / 24, true}, "ehrs": {1.0 / 24, true}, "ehour": {1.0 / 24, true}, "ehours": {1.0 / 24, true},
	"emo": {30, true}, "emon": {30, true}, "emons": {30, true}, "emonth": {30, true}, "emonths": {30, true},
}

// ParseLink reads one predecessor entry REF[TYPE][LAG]: "2", "2fs", "3SS+2d", "4FF-1w",
// "1.2.3FS+4h", "5FS+3ed", "6SS+50%". The type defaults to FS; the lag's unit defaults to
// working days. Besides the units of SPEC §4.3, Microsoft Project's months (mo, 20 working
// days) and minutes (m, min) are read, and their elapsed forms (emo, eh, em). Hours count
// 8 to the day (minutes 480) and fractional days are rounded away from zero,
// so a lag that is written is never lost. A percent lag (of the predecessor's duration) is
// ignored: the link is kept with no lag.
func ParseLink(s string) (lint.Link, bool) {
	raw := strings.TrimSpace(s)
	m := linkEntry.FindStringSubmatch(raw)
	if m == nil {
		return lint.Link{}, false
	}
	link := lint.Link{Ref: m[1], Type: lint.FinishToStart, Raw: raw}
	if m[2] != "" {
		link.Type = lint.LinkType(strings.ToUpper(m[2]))
	}
	if m[3] == "" || m[5] == "%" {
		return link, true
	}
	unit, ok := lagUnits[strings.ToLower(m[5])]
	if !ok {
		return lint.Link{}, false
	}
	n, err := strconv.ParseFloat(m[4], 64)
	if err != nil || n > 1e6 {
		return lint.Link{}, false
	}
	link.Lag = int(math.Ceil(n*unit.days - 1e-9))
	if m[3] == "-" {
		link.Lag = -link.Lag
	}
	link.Elapsed = unit.elapsed
	return link, true
}

// ParsePredecessors reads a predecessors cell: entries separated by commas or semicolons.
// It returns the links it could read and the entries it could not, so one typo does not
// lose the other links.
func ParsePredecessors(s string) (links []lint.Link, bad []string) {
	for _, entry := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		if l, ok := ParseLink(entry); ok {
			links = append(links, l)
		} else {
			bad = append(bad, entry)
		}
	}
	return links, bad
}
