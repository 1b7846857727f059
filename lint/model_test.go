package lint

import (
	"testing"
	"time"
)

// An Instant keeps a time to the millisecond, from year 1 to year 9999 (any time a Jira
// export can write), and the zero Instant is the zero time, which means "absent".
func TestInstant(t *testing.T) {
	for _, tt := range []struct {
		in, want time.Time
	}{
		{time.Time{}, time.Time{}},
		{time.Date(2026, 3, 2, 9, 30, 15, 123_456_789, time.UTC), time.Date(2026, 3, 2, 9, 30, 15, 123_000_000, time.UTC)},
		{time.Date(2026, 3, 2, 10, 30, 0, 0, time.FixedZone("+0100", 3600)), time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)},
		{time.Date(1, 1, 1, 0, 0, 0, 1_000_000, time.UTC), time.Date(1, 1, 1, 0, 0, 0, 1_000_000, time.UTC)},
		{time.Date(1969, 12, 31, 23, 59, 59, 999_000_000, time.UTC), time.Date(1969, 12, 31, 23, 59, 59, 999_000_000, time.UTC)},
		{time.Date(9999, 12, 31, 23, 59, 59, 999_000_000, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999_000_000, time.UTC)},
	} {
		got := InstantOf(tt.in).Time()
		if got != tt.want {
			t.Errorf("InstantOf(%v).Time() = %v, want %v", tt.in, got, tt.want)
		}
	}
	if !Instant(0).Time().IsZero() || InstantOf(time.Time{}) != 0 {
		t.Errorf("the zero Instant is %v; the zero time's Instant is %d", Instant(0).Time(), InstantOf(time.Time{}))
	}
	a, b := InstantOf(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)), InstantOf(time.Date(2026, 3, 2, 9, 0, 0, 1_000_000, time.UTC))
	if !(a < b) {
		t.Errorf("instants do not order as their times: %d, %d", a, b)
	}
}

// A history id is Jira's decimal text, held as a number and written back as the same
// text; any other text is no id.
func TestHistoryID(t *testing.T) {
	for _, text := range []string{"1", "10231", "9999999999999999999", "18446744073709551615"[:19]} {
		id := ParseHistoryID(text)
		if id == 0 || id.String() != text {
			t.Errorf("ParseHistoryID(%q) = %d, written %q", text, id, id.String())
		}
		if b, _ := id.MarshalText(); string(b) != text {
			t.Errorf("ParseHistoryID(%q) marshals as %q", text, b)
		}
	}
	for _, text := range []string{"", "0", "007", "-5", "+5", "12a", "1.5", " 12", "99999999999999999999", "١٢"} {
		if id := ParseHistoryID(text); id != 0 {
			t.Errorf("ParseHistoryID(%q) = %d, want no id", text, id)
		}
		if id := ParseHistoryID([]byte(text)); id != 0 {
			t.Errorf("ParseHistoryID([]byte(%q)) = %d, want no id", text, id)
		}
	}
	if s := HistoryID(0).String(); s != "" {
		t.Errorf("no id is written %q", s)
	}
}
