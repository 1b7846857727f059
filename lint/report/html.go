package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// HTML is the nightly report: one self-contained page (no request leaves it) with the
// summary, three inline SVG charts, and a findings table filtered in place.
type HTML struct{ opts Options }

//go:embed html.tmpl
var htmlSource string

// htmlTemplate is parsed the first time a page is written, not when the program starts:
// most runs write no page.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"f1":     func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
		"add":    func(a, b float64) float64 { return a + b },
		"half":   func(v float64) float64 { return v / 2 },
		"plural": plural,
	}).Parse(htmlSource))
})

// htmlPage is what the template renders.
type htmlPage struct {
	Title    string
	Tool     lint.Tool
	Now      string
	Summary  lint.Summary
	Inputs   []lint.Input
	Rules    []string
	Rows     []htmlRow
	Errors   []lint.RuleError
	Skipped  []lint.RuleSkip
	ByRule   htmlBarChart
	Backlog  []htmlBacklogChart
	Schedule htmlScheduleChart
	// DefaultStatus is the status filter the page opens with.
	DefaultStatus string
	G             htmlGeometry
}

// htmlGeometry gives the template the plot frame the Go code drew into.
type htmlGeometry struct {
	Width, Height, Left, Right, Top, Bottom, BarWidth, BarLabel, BarArea, BarHeight float64
}

type htmlRow struct {
	Severity, Rule, Subject, URL, Message, Location, Status, Waiver string
}

// Chart geometry, in SVG user units; the charts scale to their container through viewBox.
const (
	barLabelWidth = 190
	barAreaWidth  = 320
	barChartWidth = barLabelWidth + barAreaWidth + 50
	barHeight     = 22
	barGap        = 6
	plotWidth     = 640
	plotHeight    = 300
	plotLeft      = 84
	plotInset     = 12 // keeps the first and last points off the axes
	plotRight     = 16
	plotTop       = 16
	plotBottom    = 64
)

type htmlBarChart struct {
	Height float64
	Bars   []htmlBar
}

type htmlBar struct {
	Rule     string
	Severity string
	Count    int
	Y, Width float64
}

type htmlAxisTick struct {
	Pos   float64
	Label string
}

type htmlBacklogChart struct {
	Project       string
	Tau, Coverage string
	Points        []htmlPoint
	Missing       []htmlPoint // items without a value, drawn on a strip below the axis
	XTicks        []htmlAxisTick
	YTicks        []htmlAxisTick
	Inverted      int
	Total         int
	R             float64 // point radius, smaller when points crowd
}

type htmlPoint struct {
	X, Y  float64
	Class string
	Label string
}

type htmlScheduleChart struct {
	Points   []htmlPoint
	XTicks   []htmlAxisTick
	YTicks   []htmlAxisTick
	Diagonal [4]float64
	Late     int // Jira due later than plan finish
	Early    int
	Total    int
	R        float64
}

// Write renders the page.
func (h *HTML) Write(w io.Writer, r *lint.Report) error {
	page := htmlPage{
		Title:         "hatcheck report",
		Tool:          r.Tool,
		Summary:       r.Summary,
		Inputs:        r.Inputs,
		Errors:        r.Errors,
		Skipped:       r.Skipped,
		DefaultStatus: "new",
		G: htmlGeometry{
			Width: plotWidth, Height: plotHeight, Left: plotLeft, Right: plotWidth - plotRight,
			Top: plotTop, Bottom: plotHeight - plotBottom,
			BarWidth: barChartWidth, BarLabel: barLabelWidth, BarArea: barAreaWidth, BarHeight: barHeight,
		},
	}
	if h.opts.ShowWaived {
		page.DefaultStatus = "all"
	}
	if !r.Now.IsZero() {
		page.Now = r.Now.Format("2006-01-02 15:04 MST")
	}
	for _, rule := range rulesOf(r) {
		page.Rules = append(page.Rules, rule.Name)
	}
	for _, f := range r.Findings {
		row := htmlRow{
			Severity: f.Severity.String(), Rule: f.Rule, Subject: f.Subject, URL: f.URL,
			Message: f.Message, Location: f.Location.String(), Status: string(status(f)),
		}
		if f.Waiver != nil {
			row.Waiver = f.Waiver.Reason
		}
		page.Rows = append(page.Rows, row)
	}
	page.ByRule = barChart(r)
	page.Backlog = backlogCharts(r)
	page.Schedule = scheduleChart(r)
	return htmlTemplate().Execute(w, page)
}

// barChart counts the findings that count, per rule, in catalogue order.
func barChart(r *lint.Report) htmlBarChart {
	counts := map[string]int{}
	sev := map[string]lint.Severity{}
	for _, f := range counted(r) {
		counts[f.Rule]++
		sev[f.Rule] = max(sev[f.Rule], f.Severity)
	}
	var c htmlBarChart
	most := 0
	for _, n := range counts {
		most = max(most, n)
	}
	for _, rule := range rulesOf(r) {
		n := counts[rule.Name]
		if n == 0 {
			continue
		}
		c.Bars = append(c.Bars, htmlBar{
			Rule: rule.Name, Severity: sev[rule.Name].String(), Count: n,
			Width: math.Max(2, float64(n)/float64(most)*barAreaWidth),
		})
	}
	// The most frequent rules come first; ties keep the catalogue order.
	slices.SortStableFunc(c.Bars, func(a, b htmlBar) int { return b.Count - a.Count })
	for i := range c.Bars {
		c.Bars[i].Y = float64(i * (barHeight + barGap))
	}
	c.Height = float64(len(c.Bars)*(barHeight+barGap) + barGap)
	return c
}

// backlogCharts draws, per project, value against rank position.
func backlogCharts(r *lint.Report) []htmlBacklogChart {
	byProject := map[string][]lint.BacklogPoint{}
	var projects []string
	for _, p := range r.Backlog {
		if _, ok := byProject[p.Project]; !ok {
			projects = append(projects, p.Project)
		}
		byProject[p.Project] = append(byProject[p.Project], p)
	}
	slices.Sort(projects)
	var charts []htmlBacklogChart
	for _, project := range projects {
		points := byProject[project]
		c := htmlBacklogChart{Project: project, Total: len(points), R: pointRadius(len(points))}
		if v, ok := r.Summary.Metrics["value_rank_tau"][project]; ok && !math.IsNaN(v) {
			c.Tau = strconv.FormatFloat(v, 'f', 2, 64)
		}
		if v, ok := r.Summary.Metrics["value_coverage"][project]; ok && !math.IsNaN(v) {
			c.Coverage = strconv.FormatFloat(v*100, 'f', 0, 64) + " %"
		}
		maxRank, maxValue := 1, 0.0
		for _, p := range points {
			maxRank = max(maxRank, p.Rank)
			if p.Value != nil && !math.IsNaN(*p.Value) {
				maxValue = math.Max(maxValue, *p.Value)
			}
		}
		yMax := niceCeil(maxValue)
		x := func(rank int) float64 {
			if maxRank == 1 {
				return plotLeft + (plotWidth-plotLeft-plotRight)/2
			}
			return plotLeft + plotInset + float64(rank-1)/float64(maxRank-1)*(plotWidth-plotLeft-plotRight-2*plotInset)
		}
		y := func(v float64) float64 {
			return plotTop + (1-v/yMax)*(plotHeight-plotTop-plotBottom)
		}
		for _, p := range points {
			label := fmt.Sprintf("%s: rank %d", p.Key, p.Rank)
			if p.Value == nil || math.IsNaN(*p.Value) {
				c.Missing = append(c.Missing, htmlPoint{X: x(p.Rank), Y: plotHeight - plotBottom + 22, Class: "missing", Label: label + ", no value"})
				continue
			}
			class := "ok"
			if p.Inverted {
				class = "inverted"
				c.Inverted++
			}
			label += ", value " + strconv.FormatFloat(*p.Value, 'g', -1, 64)
			c.Points = append(c.Points, htmlPoint{X: x(p.Rank), Y: y(*p.Value), Class: class, Label: label})
		}
		// Inverted points are drawn last so they stay visible on top of the others.
		slices.SortStableFunc(c.Points, func(a, b htmlPoint) int {
			return boolInt(a.Class == "inverted") - boolInt(b.Class == "inverted")
		})
		step := niceCeil(yMax / 5)
		decimals := max(0, int(-math.Floor(math.Log10(step))))
		for k := 0; float64(k)*step <= yMax*(1+1e-9); k++ {
			v := float64(k) * step
			c.YTicks = append(c.YTicks, htmlAxisTick{Pos: y(v), Label: strconv.FormatFloat(v, 'f', decimals, 64)})
		}
		rankStep := max(1, int(math.Round(niceCeil(float64(maxRank-1)/6))))
		for rank := 1; rank <= maxRank; rank += rankStep {
			c.XTicks = append(c.XTicks, htmlAxisTick{Pos: x(rank), Label: strconv.Itoa(rank)})
		}
		charts = append(charts, c)
	}
	return charts
}

// scheduleChart plots each task's plan finish (x) against the Jira due date (y); points
// off the diagonal are the disagreements.
func scheduleChart(r *lint.Report) htmlScheduleChart {
	var c htmlScheduleChart
	// A pair missing either date has nothing to compare.
	var pairs []lint.SchedulePoint
	for _, p := range r.Schedule {
		if !p.Finish.IsZero() && !p.Due.IsZero() {
			pairs = append(pairs, p)
		}
	}
	if len(pairs) == 0 {
		return c
	}
	c.Total = len(pairs)
	c.R = pointRadius(len(pairs)) + 1
	lo, hi := pairs[0].Finish, pairs[0].Finish
	for _, p := range pairs {
		for _, t := range []time.Time{p.Finish, p.Due} {
			if t.Before(lo) {
				lo = t
			}
			if t.After(hi) {
				hi = t
			}
		}
	}
	lo, hi = lo.AddDate(0, 0, -3), hi.AddDate(0, 0, 3)
	span := hi.Sub(lo).Hours()
	width := float64(plotWidth - plotLeft - plotRight)
	height := float64(plotHeight - plotTop - plotBottom)
	x := func(t time.Time) float64 { return plotLeft + t.Sub(lo).Hours()/span*width }
	y := func(t time.Time) float64 { return plotTop + height - t.Sub(lo).Hours()/span*height }
	c.Diagonal = [4]float64{x(lo), y(lo), x(hi), y(hi)}
	for _, p := range pairs {
		class := "same"
		days := int(math.Round(p.Due.Sub(p.Finish).Hours() / 24))
		switch {
		case days > 0:
			class = "late"
			c.Late++
		case days < 0:
			class = "early"
			c.Early++
		}
		label := fmt.Sprintf("task %s %s / %s: plan finish %s, Jira due %s", p.Task, p.Name, p.Key,
			p.Finish.Format(time.DateOnly), p.Due.Format(time.DateOnly))
		if days != 0 {
			label += fmt.Sprintf(" (%+d days)", days)
		}
		c.Points = append(c.Points, htmlPoint{X: x(p.Finish), Y: y(p.Due), Class: class, Label: label})
	}
	slices.SortStableFunc(c.Points, func(a, b htmlPoint) int {
		return boolInt(a.Class != "same") - boolInt(b.Class != "same")
	})
	for _, t := range dateTicks(lo, hi, 6) {
		c.XTicks = append(c.XTicks, htmlAxisTick{Pos: x(t), Label: t.Format("Jan 2 '06")})
	}
	for _, t := range dateTicks(lo, hi, 4) {
		c.YTicks = append(c.YTicks, htmlAxisTick{Pos: y(t), Label: t.Format("Jan 2 '06")})
	}
	return c
}

// pointRadius shrinks the dots of a crowded chart so they stay apart.
func pointRadius(n int) float64 {
	switch {
	case n > 1000:
		return 2
	case n > 200:
		return 3
	}
	return 4
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// niceCeil rounds a maximum up to 1, 2 or 5 times a power of ten, so axis ticks are round.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// dateTicks returns about n dates between lo and hi: first days of months when the span
// is long, else evenly spaced days.
func dateTicks(lo, hi time.Time, n int) []time.Time {
	days := int(hi.Sub(lo).Hours() / 24)
	step := max(1, days/n)
	var out []time.Time
	start := time.Date(lo.Year(), lo.Month(), lo.Day(), 0, 0, 0, 0, time.UTC)
	for t := start.AddDate(0, 0, 1); !t.After(hi); t = t.AddDate(0, 0, step) {
		out = append(out, t)
	}
	return out
}
