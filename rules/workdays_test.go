package rules

import (
	"testing"
	"time"
)

func TestAddWorkdays(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-03-06", 0, "2026-03-06"},  // Friday, no lag: the same day
		{"2026-03-07", 0, "2026-03-07"},  // Saturday stays Saturday with no lag
		{"2026-03-06", 1, "2026-03-09"},  // Friday + 1 is Monday
		{"2026-03-07", 1, "2026-03-09"},  // Saturday + 1 is Monday
		{"2026-03-05", 3, "2026-03-10"},  // Thursday + 3 is Tuesday
		{"2026-03-02", 5, "2026-03-09"},  // a working week
		{"2026-03-09", -1, "2026-03-06"}, // Monday - 1 is Friday
		{"2026-03-08", -1, "2026-03-06"}, // Sunday - 1 is Friday
		{"2026-03-09", -2, "2026-03-05"},
		{"2026-03-07", 5, "2026-03-13"},   // Saturday + 5 is the next Friday
		{"2026-03-08", -5, "2026-03-02"},  // Sunday - 5 is the Monday before
		{"2026-03-04", 12, "2026-03-20"},  // Wednesday + 2 weeks and 2 days
		{"2026-03-04", -12, "2026-02-16"}, // and back
		{"2026-03-02", 260, "2027-03-01"}, // a year of working days
	}
	for _, tt := range tests {
		if got := day(addWorkdays(planDate(tt.from), tt.n)); got != tt.want {
			t.Errorf("addWorkdays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestAddWorkdaysMatchesCounting(t *testing.T) {
	// The week-skipping arithmetic agrees with counting day by day, from every day of a
	// fortnight and for every lag up to six weeks either way.
	count := func(d time.Time, n int) time.Time {
		step := 1
		if n < 0 {
			step, n = -1, -n
		}
		for n > 0 {
			d = d.AddDate(0, 0, step)
			if isWorkday(d) {
				n--
			}
		}
		return d
	}
	for from := range 14 {
		d := planDate("2026-03-01").AddDate(0, 0, from)
		for n := -30; n <= 30; n++ {
			if got, want := addWorkdays(d, n), count(d, n); !got.Equal(want) {
				t.Errorf("addWorkdays(%s %s, %d) = %s, want %s", day(d), d.Weekday(), n, day(got), day(want))
			}
		}
	}
}

func TestAddWorkdaysHugeLag(t *testing.T) {
	// A lag from a damaged plan must not hang the run.
	if got := addWorkdays(planDate("2026-03-02"), 1_000_000_000); got.Before(planDate("2026-03-02")) {
		t.Errorf("addWorkdays with a huge lag went backwards: %s", day(got))
	}
}

func TestWorkdaysInclusive(t *testing.T) {
	tests := []struct {
		start, finish string
		want          int
	}{
		{"2026-03-02", "2026-03-02", 1},
		{"2026-03-02", "2026-03-06", 5},  // Monday to Friday
		{"2026-03-06", "2026-03-09", 2},  // Friday to Monday
		{"2026-03-07", "2026-03-08", 0},  // a weekend
		{"2026-03-02", "2026-04-30", 44}, // the longest task plan-task-too-long accepts
		{"2026-03-02", "2026-05-01", 45},
		{"2026-03-09", "2026-03-02", 0}, // backwards
	}
	for _, tt := range tests {
		if got := workdaysInclusive(planDate(tt.start), planDate(tt.finish)); got != tt.want {
			t.Errorf("workdaysInclusive(%s, %s) = %d, want %d", tt.start, tt.finish, got, tt.want)
		}
	}
	// Times of day do not change the count.
	if got := workdaysInclusive(time.Date(2026, 3, 2, 17, 0, 0, 0, time.UTC), time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)); got != 2 {
		t.Errorf("workdaysInclusive with times = %d, want 2", got)
	}
}

func TestDaysBetweenAcrossDaylightSaving(t *testing.T) {
	// Dates are compared as calendar days, so a zone's clock change does not cut a day short.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no timezone database")
	}
	a := time.Date(2026, 3, 7, 0, 0, 0, 0, ny)
	b := time.Date(2026, 3, 9, 0, 0, 0, 0, ny)
	if got := daysBetween(a, b); got != 2 {
		t.Errorf("daysBetween = %d, want 2", got)
	}
}
