package workbook

import (
	"fmt"

	"giamsat/internal/diag"
	"giamsat/internal/export"
)

// The nodes a workbook gives export.ReadTree carry a cell as their
// position: the line is the row, and the column holds the sheet too, as
// sheet × colBase + column (a sheet has at most 16,384 columns). The
// validator only compares positions and hands them back, so after it
// every position is turned back into a sheet and a cell.
const colBase = 1 << 15

func enc(sheet, col int) int { return sheet*colBase + col }

func dec(col int) (sheet string, c int) {
	no := col / colBase
	if no <= 0 || no >= len(sheetNames) {
		return "", col
	}
	return sheetNames[no], col % colBase
}

// place says where a cell is, for messages that point to another cell.
func place(line, col int) (vi, en string) {
	sheet, c := dec(col)
	cell := diag.Cell(sheet, line, c)
	return fmt.Sprintf("ở ô %s", cell), fmt.Sprintf("in cell %s", cell)
}

// cellPlaces names the sheet and cell of every problem.
func cellPlaces(l diag.List) diag.List {
	for i := range l {
		d := &l[i]
		if d.Sheet != "" {
			continue
		}
		if sheet, c := dec(d.Col); sheet != "" {
			d.Sheet, d.Col = sheet, c
		}
	}
	return l
}

// placeCases names the sheet and cell of every case and event.
func placeCases(e *export.File) {
	if e == nil {
		return
	}
	for i := range e.Cases {
		c := &e.Cases[i]
		c.Pos.Sheet, c.Pos.Col = dec(c.Pos.Col)
		for k := range c.Events {
			p := &c.Events[k].Pos
			p.Sheet, p.Col = dec(p.Col)
		}
	}
}
