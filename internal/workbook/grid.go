package workbook

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"giamsat/internal/diag"
)

// cell is one cell as read: its raw value (a formula's cached value), and
// whether Excel stored it as a number, which dates are.
type cell struct {
	v   string
	num bool
}

// grid is a sheet's cells, rows and columns from 1.
type grid struct {
	name string
	no   int // headerSheet, casesSheet, eventsSheet
	rows [][]cell
}

func (g *grid) at(row, col int) cell {
	if row < 1 || row > len(g.rows) || col < 1 || col > len(g.rows[row-1]) {
		return cell{}
	}
	return g.rows[row-1][col-1]
}

func (g *grid) set(row, col int, c cell) {
	for len(g.rows) < row {
		g.rows = append(g.rows, nil)
	}
	r := g.rows[row-1]
	for len(r) < col {
		r = append(r, cell{})
	}
	r[col-1] = c
	g.rows[row-1] = r
}

// blank reports whether a row holds nothing but spaces.
func (g *grid) blank(row int) bool {
	if row < 1 || row > len(g.rows) {
		return true
	}
	for _, c := range g.rows[row-1] {
		if strings.TrimSpace(c.v) != "" {
			return false
		}
	}
	return true
}

// load reads a sheet into a grid, refusing one over the limits before
// reading further: Rows streams the sheet's XML, one row a call, and
// counts the rows it skips, so a sheet claiming a millionth row is
// refused after MaxRows steps.
func (b *builder) load(name string, no int) (*grid, bool) {
	rows, err := b.f.Rows(name)
	if err != nil {
		b.unreadable(name, err)
		return nil, false
	}
	defer rows.Close()
	g := &grid{name: name, no: no}
	for n := 1; rows.Next(); n++ {
		if n > MaxRows {
			b.sheetDiag(name, fmt.Sprintf("trang tính có hơn %d hàng; một báo cáo không dài như vậy: hãy xóa các hàng thừa ở cuối", MaxRows),
				fmt.Sprintf("the sheet has more than %d rows; no report is that long: delete the extra rows at the end", MaxRows))
			return nil, false
		}
		vals, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			b.unreadable(name, err)
			return nil, false
		}
		if len(vals) > MaxColumns {
			b.diags = append(b.diags, diag.InSheet(b.file, name, n, len(vals),
				fmt.Sprintf("trang tính dùng tới cột %s, quá mức tối đa %d cột; hãy xóa các cột thừa bên phải", diag.ColumnName(len(vals)), MaxColumns),
				fmt.Sprintf("the sheet reaches column %s, past the %d columns allowed; delete the extra columns on the right", diag.ColumnName(len(vals)), MaxColumns)))
			return nil, false
		}
		row := make([]cell, len(vals))
		for i, v := range vals {
			row[i].v = v
		}
		g.rows = append(g.rows, row)
	}
	if err := rows.Error(); err != nil {
		b.unreadable(name, err)
		return nil, false
	}
	b.types(g)
	b.merged(g)
	return g, true
}

// types marks the numbers, reads ISO dates, and refuses the cells whose
// value cannot be known: a formula Excel never calculated (a file written
// by a program, say) and an error value such as #REF!.
func (b *builder) types(g *grid) {
	for r, row := range g.rows {
		for c := range row {
			ref := diag.ColumnName(c+1) + fmt.Sprint(r+1)
			x := &row[c]
			if x.v == "" {
				if fm, _ := b.f.GetCellFormula(g.name, ref); fm != "" {
					b.cellDiag(g, r+1, c+1, "ô có công thức nhưng không có giá trị đã tính; hãy mở tệp trong Excel, để Excel tính rồi lưu lại, hoặc gõ giá trị thay cho công thức",
						"the cell holds a formula but no calculated value; open the file in Excel so that it calculates, then save it, or type the value instead of the formula")
				}
				continue
			}
			switch t, _ := b.f.GetCellType(g.name, ref); t {
			case excelize.CellTypeUnset, excelize.CellTypeNumber:
				x.num = true
			case excelize.CellTypeError:
				b.cellDiag(g, r+1, c+1, fmt.Sprintf("ô có giá trị lỗi %s (công thức sai); hãy sửa công thức hoặc gõ giá trị", x.v),
					fmt.Sprintf("the cell holds the error %s (a broken formula); fix the formula or type the value", x.v))
				x.v = ""
			case excelize.CellTypeDate:
				// An ISO 8601 date-time; the date is what the YAML takes.
				if len(x.v) >= 10 {
					x.v = x.v[:10]
				}
			}
		}
	}
}

// merged gives every row of a merged range the value of its first cell,
// as a reader sees it: a status merged down three rows is the status of
// all three. A range across columns keeps its value in its first column
// only, where the template's heading is.
func (b *builder) merged(g *grid) {
	ranges, err := b.f.GetMergeCells(g.name, true)
	if err != nil {
		return
	}
	for _, m := range ranges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		_, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r2 > len(g.rows) {
			continue
		}
		top := g.at(r1, c1)
		for r := r1 + 1; r <= r2; r++ {
			g.set(r, c1, top)
		}
	}
}

func (b *builder) sheetDiag(sheet, vi, en string) {
	b.diags = append(b.diags, diag.InSheet(b.file, sheet, 0, 0, vi, en))
}

func (b *builder) unreadable(sheet string, err error) {
	b.sheetDiag(sheet, fmt.Sprintf("không đọc được trang tính này (%v); hãy lưu lại tệp từ Excel", err),
		fmt.Sprintf("cannot read this sheet (%v); save the file again from Excel", err))
}

func (b *builder) cellDiag(g *grid, row, col int, vi, en string) {
	d := diag.At(b.file, row, enc(g.no, col), vi, en)
	if g.no == casesSheet {
		b.decoded = append(b.decoded, d)
	} else {
		b.diags = append(b.diags, d)
	}
}
