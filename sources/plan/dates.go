package plan

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date orders for ambiguous numeric dates such as 03/04/2026 (plan.date_order).
const (
	MDY = "MDY"
	DMY = "DMY"
)

// monthNames maps English month names and their usual abbreviations to months.
var monthNames = map[string]time.Month{
	"jan": time.January, "january": time.January,
	"feb": time.February, "february": time.February,
	"mar": time.March, "march": time.March,
	"apr": time.April, "april": time.April,
	"may": time.May,
	"jun": time.June, "june": time.June,
	"jul": time.July, "july": time.July,
	"aug": time.August, "august": time.August,
	"sep": time.September, "sept": time.September, "september": time.September,
	"oct": time.October, "october": time.October,
	"nov": time.November, "november": time.November,
	"dec": time.December, "december": time.December,
}

var weekdayNames = map[string]bool{
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true,
	"wed": true, "wednesday": true, "thu": true, "thur": true, "thurs": true, "thursday": true,
	"fri": true, "friday": true, "sat": true, "saturday": true, "sun": true, "sunday": true,
}

var (
	// timeSuffix matches a time of day after a date: "8:00 AM", "17:00", "08:00:00",
	// "T08:00:00Z", "T08:00:00.000+01:00".
	timeSuffix = regexp.MustCompile(`(?i)(?:[ t]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:am|pm)?\s*(?:z|[+-]\d{2}:?\d{2})?$`)
	isoDate    = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	slashDate  = regexp.MustCompile(`^(\d{1,2})([/-])(\d{1,2})[/-](\d{2}|\d{4})$`)
	dotDate    = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$`)
	dateTokens = regexp.MustCompile(`[a-z]+|\d+`)
)

// ParseTextDate reads a date written as text in the forms plans use: ISO 2026-03-10,
// 3/10/2026 and 3/10/26 (month and day in the given order, MDY or DMY), Mon 3/10/26,
// March 10, 2026, 2026 March 10 8:00 AM, 10-Mar-2026, and 10.03.2026 (always day first,
// as every locale writing dots does). A time of day is dropped. The result is midnight UTC;
// impossible dates such as 31/02/2026 are rejected.
func ParseTextDate(s, order string) (time.Time, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	s = strings.TrimSpace(timeSuffix.ReplaceAllString(s, ""))
	// Microsoft Project writes the weekday first ("Mon 3/10/26", "Tuesday, March 10, 2026").
	if i := strings.IndexAny(s, " ,"); i > 0 && weekdayNames[s[:i]] {
		s = strings.TrimLeft(s[i:], " ,")
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		return civilDate(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := slashDate.FindStringSubmatch(s); m != nil {
		a, b, y := atoi(m[1]), atoi(m[3]), year(m[4])
		if strings.EqualFold(order, DMY) {
			return civilDate(y, b, a)
		}
		return civilDate(y, a, b)
	}
	if m := dotDate.FindStringSubmatch(s); m != nil {
		return civilDate(year(m[3]), atoi(m[2]), atoi(m[1]))
	}
	return namedMonthDate(s)
}

// namedMonthDate reads dates that spell the month: "march 10, 2026", "10 march 2026",
// "2026 march 10", "10-mar-2026", "10-mar-26", "mar 10 26".
func namedMonthDate(s string) (time.Time, bool) {
	// Only letters, digits and the separators people put between them may appear.
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune(" ,-/.", r)) {
			return time.Time{}, false
		}
	}
	tokens := dateTokens.FindAllString(s, -1)
	if len(tokens) != 3 {
		return time.Time{}, false
	}
	monthAt := -1
	var month time.Month
	for i, t := range tokens {
		if m, ok := monthNames[t]; ok {
			monthAt, month = i, m
		} else if t[0] < '0' || t[0] > '9' {
			return time.Time{}, false
		}
	}
	if monthAt < 0 {
		return time.Time{}, false
	}
	var nums []string
	for i, t := range tokens {
		if i != monthAt {
			nums = append(nums, t)
		}
	}
	switch {
	case len(nums[0]) == 4: // 2026 march 10
		return civilDate(atoi(nums[0]), int(month), atoi(nums[1]))
	case len(nums[1]) == 4 || monthAt < 2: // march 10 2026, 10 march 2026, 10-mar-26
		if len(nums[0]) > 2 {
			return time.Time{}, false
		}
		return civilDate(year(nums[1]), int(month), atoi(nums[0]))
	}
	return time.Time{}, false
}

// year reads a year of two or four digits; two-digit years follow Excel's pivot
// (00–29 are 2000–2029, 30–99 are 1930–1999).
func year(s string) int {
	y := atoi(s)
	if len(s) == 2 {
		if y < 30 {
			return 2000 + y
		}
		return 1900 + y
	}
	return y
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// civilDate builds midnight UTC of a calendar date, rejecting dates time.Date would
// silently normalise (February 31st becomes March 3rd there).
func civilDate(y, m, d int) (time.Time, bool) {
	if y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// maxSerial is 9999-12-31 in the 1900 date system, the last date Excel shows.
const maxSerial = 2958465

// SerialDate converts an Excel date serial to midnight UTC of its calendar day, in the
// 1900 date system or, when date1904 is set, the 1904 system (old Mac workbooks). The time
// of day in the fraction is dropped. Serials before the system's first day and past 9999
// are rejected.
func SerialDate(serial float64, date1904 bool) (time.Time, bool) {
	if math.IsNaN(serial) || serial < 0 || serial > maxSerial {
		return time.Time{}, false
	}
	days := int(math.Floor(serial))
	if date1904 {
		return time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days), true
	}
	// The 1900 system counts a February 29th 1900 that never was (serial 60), a bug Excel
	// keeps from Lotus 1-2-3; serials before it are one day off from the epoch below.
	// Serial 0 is the "January 0th 1900" Excel shows for an empty date.
	if days < 1 {
		return time.Time{}, false
	}
	if days < 60 {
		days++
	}
	return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days), true
}
