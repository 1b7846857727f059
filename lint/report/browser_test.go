package report

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium returns the headless browser the HTML test drives, skipping when there is none
// (CI installs it).
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skip("no chromium installed")
	return ""
}

// dumpDOM opens a file in headless Chromium and returns the DOM after the page's scripts ran.
func dumpDOM(t *testing.T, browser, url string) string {
	t.Helper()
	// The deadline only stops a hung browser from stalling the run; it measures nothing.
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-first-run", "--user-data-dir="+t.TempDir(), "--dump-dom", url)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom %s: %v", url, err)
	}
	return string(out)
}

var rowTag = regexp.MustCompile(`<tr class="[^"]*" data-severity="([^"]*)" data-rule="([^"]*)" data-status="([^"]*)"( hidden="")?>`)

// visibleRows lists the findings rows the page shows, as "severity rule status".
func visibleRows(dom string) (visible []string, total int) {
	for _, m := range rowTag.FindAllStringSubmatch(dom, -1) {
		total++
		if m[4] == "" {
			visible = append(visible, m[1]+" "+m[2]+" "+m[3])
		}
	}
	return visible, total
}

func TestHTMLInBrowser(t *testing.T) {
	browser := chromium(t)
	page := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(page, render(t, "html", Options{}, fixture()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		hash  string
		shown string
		rows  []string
	}{
		{"", "5 of 7 findings", []string{
			"error sprint-scope-unapproved new", "error rank-changed-by-non-po new",
			"warning due-date-mismatch new", "info plan-missing-logic new", "error role-unassigned new"}},
		// Every filter at once, and sorting by subject, descending.
		{"#severity=error&rule=rank-changed-by-non-po&status=all&q=dev&sort=-subject", "2 of 7 findings", []string{
			"error rank-changed-by-non-po baseline", "error rank-changed-by-non-po new"}},
	} {
		t.Run(tc.hash, func(t *testing.T) {
			dom := dumpDOM(t, browser, "file://"+page+tc.hash)
			if !strings.Contains(dom, `data-ready="1"`) {
				t.Fatal("the page's script did not finish")
			}
			for _, chart := range []string{`data-chart="rules"`, `data-chart="schedule"`, `data-chart="backlog"`} {
				if !strings.Contains(dom, chart) {
					t.Errorf("chart %s missing", chart)
				}
			}
			if n := strings.Count(dom, `<rect class="bar `); n != 5 {
				t.Errorf("%d bars in the rules chart, want 5", n)
			}
			if n := strings.Count(dom, `data-chart="backlog"`); n != 2 {
				t.Errorf("%d backlog charts, want one per project (2)", n)
			}
			if !strings.Contains(dom, `<span class="shown" id="shown">`+tc.shown+`</span>`) {
				t.Errorf("counter does not say %q", tc.shown)
			}
			visible, total := visibleRows(dom)
			if total != 7 {
				t.Errorf("%d rows in the table, want 7", total)
			}
			if strings.Join(visible, "; ") != strings.Join(tc.rows, "; ") {
				t.Errorf("visible rows:\n%s\nwant\n%s", strings.Join(visible, "\n"), strings.Join(tc.rows, "\n"))
			}
			if emptyShown := !strings.Contains(dom, `<p id="empty" hidden="">`); emptyShown != (len(tc.rows) == 0) {
				t.Errorf("the no-match note is shown=%v with %d rows", emptyShown, len(tc.rows))
			}
		})
	}
}
