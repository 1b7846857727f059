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
	}
	for _, tt := range tests {
		if got := day(addWorkdays(planDate(tt.from), tt.n)); got != tt.want {
			t.Errorf("addWorkdays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
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
