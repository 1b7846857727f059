package main

import (
	"fmt"
	"sort"

	"github.com/xuri/excelize/v2"
)

// writePlan writes a simple project plan: one task per epic of the export, with owners,
// dates, baselines and finish-to-start links within a project, and a change log sheet.
func (g *generator) writePlan(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Plan"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	header := []any{"ID", "Task Name", "Jira", "Owner", "Start", "Finish", "Baseline Start", "Baseline Finish", "Predecessors", "% Complete"}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	var projectKeys []string
	for k := range g.epics {
		projectKeys = append(projectKeys, k)
	}
	sort.Strings(projectKeys)
	row, id := 2, 1
	for _, p := range projectKeys {
		prev := 0
		for n, epic := range g.epics[p] {
			start := g.base.AddDate(0, 0, 14*n)
			finish := start.AddDate(0, 0, 25)
			pred := ""
			if prev > 0 {
				pred = fmt.Sprint(prev)
			}
			values := []any{id, fmt.Sprintf("Deliver %s", epic), epic, []string{"Pia Kern", "Chen Wu", "Dara Okafor"}[n%3], start, finish, start, finish.AddDate(0, 0, -(n % 3)), pred, (n * 10) % 110}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := f.SetSheetRow(sheet, cell, &values); err != nil {
				return err
			}
			from, _ := excelize.CoordinatesToCellName(5, row)
			to, _ := excelize.CoordinatesToCellName(8, row)
			if err := f.SetCellStyle(sheet, from, to, dateStyle); err != nil {
				return err
			}
			prev = id
			row++
			id++
		}
	}
	if _, err := f.NewSheet("Change log"); err != nil {
		return err
	}
	crs := [][]any{
		{"CR", "Issues", "Status", "Approved By", "Approved On", "Description"},
		{"CR-1", firstEpic(g.epics, projectKeys), "Approved", "Pia Kern", g.base.AddDate(0, 1, 0), "Move the first epic by a week"},
	}
	for i, r := range crs {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Change log", cell, &r); err != nil {
			return err
		}
	}
	return f.SaveAs(path)
}

func firstEpic(epics map[string][]string, keys []string) string {
	for _, k := range keys {
		if len(epics[k]) > 0 {
			return epics[k][0]
		}
	}
	return ""
}
