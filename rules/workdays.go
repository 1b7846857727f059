package rules

import (
	"math"
	"time"
)

// Plan dates are whole days (midnight UTC), so every schedule rule does its arithmetic on
// calendar dates. Working days are Monday to Friday, as SPEC §4.3 defines lags; holidays are
// not known to hatcheck and count as working days.

// isWorkday reports whether the date is a Monday to Friday.
func isWorkday(d time.Time) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// addWorkdays moves a date n working days later (earlier for negative n). Weekend days are
// skipped and never counted, so Friday + 1 is Monday, and Saturday + 1 is Monday as well.
// Moving by 0 leaves the date as it is, even on a weekend: a lag of zero days allows the
// same day.
func addWorkdays(d time.Time, n int) time.Time {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	// Off a weekend first, so that whole weeks can be skipped at once: from a weekday, five
	// working days are always seven calendar days. A lag read from a damaged plan may be
	// huge, and counting it day by day would hang.
	for n > 0 && !isWorkday(d) {
		d = d.AddDate(0, 0, step)
		if isWorkday(d) {
			n--
		}
	}
	d = d.AddDate(0, 0, step*7*(n/5))
	for n %= 5; n > 0; {
		d = d.AddDate(0, 0, step)
		if isWorkday(d) {
			n--
		}
	}
	return d
}

// workdaysInclusive counts the working days from start to finish, both days counted, as a
// plan's duration does: Monday to Friday of one week is 5. It is 0 when finish is before start.
func workdaysInclusive(start, finish time.Time) int {
	start, finish = dateOnly(start), dateOnly(finish)
	if finish.Before(start) {
		return 0
	}
	days := int(finish.Sub(start).Hours()/24) + 1
	n := days / 7 * 5
	for d := start.AddDate(0, 0, days/7*7); !d.After(finish); d = d.AddDate(0, 0, 1) {
		if isWorkday(d) {
			n++
		}
	}
	return n
}

// daysBetween returns the calendar days from a to b (negative when b is earlier).
func daysBetween(a, b time.Time) int {
	return int(math.Round(dateOnly(b).Sub(dateOnly(a)).Hours() / 24))
}

// dateOnly drops the time of day, keeping the calendar date as midnight UTC.
func dateOnly(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
