package jiracsv

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Jira writes dates in the CSV export with the instance's "complete date/time format"
// (by default dd/MMM/yy h:mm a, "27/Feb/26 4:35 PM") and month abbreviations in the
// exporting user's language. Admins change the format, and a CSV opened and saved by a
// spreadsheet comes back with numeric or ISO dates, so the parser accepts those too.

// monthNames maps a locale (language code) to the month names and abbreviations Jira's
// Java date formatting writes in it, lower case and without a final period. No name means
// different months in two of these languages (a test keeps it so), which lets an export be
// read without knowing its language.
var monthNames = map[string][12][]string{
	"en": {{"jan", "january"}, {"feb", "february"}, {"mar", "march"}, {"apr", "april"}, {"may"}, {"jun", "june"},
		{"jul", "july"}, {"aug", "august"}, {"sep", "sept", "september"}, {"oct", "october"}, {"nov", "november"}, {"dec", "december"}},
	"de": {{"jan", "januar", "jän"}, {"feb", "februar"}, {"mär", "mrz", "märz", "mar"}, {"apr", "april"}, {"mai"}, {"jun", "juni"},
		{"jul", "juli"}, {"aug", "august"}, {"sep", "sept", "september"}, {"okt", "oktober"}, {"nov", "november"}, {"dez", "dezember"}},
	"fr": {{"janv", "janvier"}, {"févr", "fevr", "février", "fév", "fev"}, {"mars"}, {"avr", "avril"}, {"mai"}, {"juin"},
		{"juil", "juillet"}, {"août", "aout"}, {"sept", "septembre"}, {"oct", "octobre"}, {"nov", "novembre"}, {"déc", "dec", "décembre"}},
	"es": {{"ene", "enero"}, {"feb", "febrero"}, {"mar", "marzo"}, {"abr", "abril"}, {"may", "mayo"}, {"jun", "junio"},
		{"jul", "julio"}, {"ago", "agosto"}, {"sep", "sept", "septiembre"}, {"oct", "octubre"}, {"nov", "noviembre"}, {"dic", "diciembre"}},
	"it": {{"gen", "gennaio"}, {"feb", "febbraio"}, {"mar", "marzo"}, {"apr", "aprile"}, {"mag", "maggio"}, {"giu", "giugno"},
		{"lug", "luglio"}, {"ago", "agosto"}, {"set", "settembre"}, {"ott", "ottobre"}, {"nov", "novembre"}, {"dic", "dicembre"}},
	"pt": {{"jan", "janeiro"}, {"fev", "fevereiro"}, {"mar", "março", "marco"}, {"abr", "abril"}, {"mai", "maio"}, {"jun", "junho"},
		{"jul", "julho"}, {"ago", "agosto"}, {"set", "setembro"}, {"out", "outubro"}, {"nov", "novembro"}, {"dez", "dezembro"}},
	"nl": {{"jan", "januari"}, {"feb", "februari"}, {"mrt", "maart"}, {"apr", "april"}, {"mei"}, {"jun", "juni"},
		{"jul", "juli"}, {"aug", "augustus"}, {"sep", "sept", "september"}, {"okt", "oktober"}, {"nov", "november"}, {"dec", "december"}},
}

// Locales returns the locales whose month names the reader knows, sorted.
func Locales() []string {
	out := make([]string, 0, len(monthNames))
	for l := range monthNames {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// normalizeLocale turns "de_DE", "de-AT" or "DE" into "de"; "" stays "", every language.
func normalizeLocale(locale string) (string, error) {
	l := strings.ToLower(strings.TrimSpace(locale))
	if l == "" {
		return "", nil
	}
	if i := strings.IndexAny(l, "_-."); i >= 0 {
		l = l[:i]
	}
	if _, ok := monthNames[l]; !ok {
		return "", fmt.Errorf("unknown CSV locale %q (want one of %s)", locale, strings.Join(Locales(), ", "))
	}
	return l, nil
}

// dateParser reads the dates of one export.
type dateParser struct {
	months map[string]time.Month
	loc    *time.Location // the zone of times written without an offset
	dmy    bool           // numeric dates with "/" are day first
}

func newDateParser(locale string, loc *time.Location, dateOrder string) (*dateParser, error) {
	l, err := normalizeLocale(locale)
	if err != nil {
		return nil, err
	}
	if loc == nil {
		loc = time.UTC
	}
	p := &dateParser{months: map[string]time.Month{}, loc: loc, dmy: strings.EqualFold(dateOrder, "DMY")}
	langs := []string{"en", l}
	if l == "" {
		langs = Locales()
	}
	for _, lang := range langs {
		for m, names := range monthNames[lang] {
			for _, n := range names {
				p.months[n] = time.Month(m + 1)
			}
		}
	}
	return p, nil
}

// expectedDate is what a date value should look like, for messages.
const expectedDate = "a date like 27/Feb/26 4:35 PM, 27/Feb/2026 or 2026-02-27"

// jiraDate matches day, month, year and an optional time: 27/Feb/26 4:35 PM, 27-Feb-2026,
// 27.02.2026 16:35, 2/27/2026 4:35:10 PM. The month group is a name or a number.
var jiraDate = regexp.MustCompile(`^(\d{1,2})([/\-. ])\s*([^\d\s/\-.]+\.?|\d{1,2})\s*[/\-. ]\s*(\d{4}|\d{2})` +
	`(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp])?\.?\s*[Mm]?\.?)?$`)

var nbsp = strings.NewReplacer("\u202f", " ", "\u00a0", " ")

// isoLayouts are the year-first forms Jira and spreadsheets write: ISO, and the
// yyyy/MM/dd of East Asian locales.
var isoLayouts = []string{
	"2006-01-02T15:04:05.000-0700",
	"2006-01-02T15:04:05-0700",
	time.RFC3339Nano,
	"2006-01-02T15:04:05.000",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006/01/02",
}

// parse reads a date or date-time. A time written without an offset is read in the
// parser's zone. ok is false when the text is not a date.
func (p *dateParser) parse(s string) (time.Time, bool) {
	// Java 20 and later put a narrow no-break space before AM/PM; spreadsheets write
	// no-break spaces too.
	s = strings.TrimSpace(nbsp.Replace(s))
	if s == "" {
		return time.Time{}, false
	}
	if len(s) >= 10 && isDigits(s[:4]) && (s[4] == '-' || s[4] == '/') {
		for _, layout := range isoLayouts {
			if t, err := time.ParseInLocation(layout, s, p.loc); err == nil {
				return t, true
			}
		}
		return time.Time{}, false
	}
	m := jiraDate.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	day, _ := strconv.Atoi(m[1])
	var month time.Month
	if n, err := strconv.Atoi(m[3]); err == nil {
		// A numeric month: day first after ".", else as plan.date_order says.
		month = time.Month(n)
		if m[2] == "/" && !p.dmy {
			day, month = n, time.Month(day)
		}
	} else {
		name := strings.TrimSuffix(strings.ToLower(m[3]), ".")
		mo, ok := p.months[name]
		if !ok {
			return time.Time{}, false
		}
		month = mo
	}
	year, _ := strconv.Atoi(m[4])
	if len(m[4]) == 2 {
		// Java's "yy" pivots around the time of formatting; a fixed pivot keeps reading
		// independent of the clock and is right for every date a live Jira holds.
		if year < 70 {
			year += 2000
		} else {
			year += 1900
		}
	}
	hour, minute, second := 0, 0, 0
	if m[5] != "" {
		hour, _ = strconv.Atoi(m[5])
		minute, _ = strconv.Atoi(m[6])
		if m[7] != "" {
			second, _ = strconv.Atoi(m[7])
		}
		switch strings.ToLower(m[8]) {
		case "a":
			if hour == 12 {
				hour = 0
			} else if hour > 12 {
				return time.Time{}, false
			}
		case "p":
			if hour < 12 {
				hour += 12
			} else if hour > 12 {
				return time.Time{}, false
			}
		}
		if hour > 23 || minute > 59 || second > 59 {
			return time.Time{}, false
		}
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) {
		return time.Time{}, false
	}
	return time.Date(year, month, day, hour, minute, second, 0, p.loc), true
}

// parseDay reads a calendar date (a due date, a Target start) as midnight UTC; a time of
// day written with it is dropped, as Jira writes "27/Feb/26 12:00 AM" for plain dates.
func (p *dateParser) parseDay(s string) (time.Time, bool) {
	t, ok := p.parse(s)
	if !ok {
		return time.Time{}, false
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
