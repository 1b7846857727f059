package jiracsv

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	p, err := newDateParser("en", time.UTC, "MDY")
	if err != nil {
		t.Fatal(err)
	}
	dmy, _ := newDateParser("es", time.UTC, "DMY")
	for _, tc := range []struct {
		p    *dateParser
		in   string
		want time.Time
	}{
		{p, "27/Feb/26 4:35 PM", utc(2026, 2, 27, 16, 35)},
		{p, "27/Feb/26 12:05 AM", utc(2026, 2, 27, 0, 5)},
		{p, "27/Feb/26 4:35\u202fPM", utc(2026, 2, 27, 16, 35)},
		{p, "27/Feb/26\u00a04:35 PM", utc(2026, 2, 27, 16, 35)},
		{p, "27/Feb/26 12:05 PM", utc(2026, 2, 27, 12, 5)},
		{p, "7/feb/2026 4:35 pm", utc(2026, 2, 7, 16, 35)},
		{p, "27/Feb/26", utc(2026, 2, 27, 0, 0)},
		{p, "27-Sept-2026", utc(2026, 9, 27, 0, 0)},
		{p, "01/Jan/99 1:00 AM", utc(1999, 1, 1, 1, 0)},
		{p, "27.02.2026 16:35", utc(2026, 2, 27, 16, 35)},
		{p, "2/27/2026 16:14", utc(2026, 2, 27, 16, 14)},
		{dmy, "2/3/2026", utc(2026, 3, 2, 0, 0)},
		{dmy, "2/ene/26 10:00", utc(2026, 1, 2, 10, 0)},
		{p, "2026-02-27", utc(2026, 2, 27, 0, 0)},
		{p, "2026-02-27 16:35", utc(2026, 2, 27, 16, 35)},
		{p, "2026-02-27T16:35:00.000+0100", utc(2026, 2, 27, 15, 35)},
		{p, "2026-02-27T16:35:00Z", utc(2026, 2, 27, 16, 35)},
		{p, "2026/02/27 16:35", utc(2026, 2, 27, 16, 35)},
	} {
		got, ok := tc.p.parse(tc.in)
		if !ok || !got.Equal(tc.want) {
			t.Errorf("parse(%q) = %v, %v; want %v", tc.in, got, ok, tc.want)
		}
	}
	for _, bad := range []string{"31/Feb/26", "27/Foo/26", "27/Feb/26 13:00 PM", "27/Feb/26 24:00", "2026-02-30", "tomorrow", "27/ene/26", "13/27/2026", "99999999999/Feb/26"} {
		if got, ok := p.parse(bad); ok {
			t.Errorf("parse(%q) = %v, want no date", bad, got)
		}
	}
}

// TestMonthNamesUnambiguous keeps reading without a locale safe: no month name may mean
// different months in two languages.
func TestMonthNamesUnambiguous(t *testing.T) {
	seen := map[string]int{}
	for _, lang := range Locales() {
		for m, names := range monthNames[lang] {
			for _, n := range names {
				if old, ok := seen[n]; ok && old != m {
					t.Errorf("%s: %q is month %d here and %d elsewhere", lang, n, m+1, old+1)
				}
				seen[n] = m
			}
		}
	}
}
