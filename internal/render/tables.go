package render

import (
	"strings"

	"encoding/json"
	"fmt"
	"giamsat/internal/theme"
	"strconv"

	"giamsat/internal/chart"
)

// Table is a data table: beside every chart, and the report tables.
type Table struct {
	ID      string // for the filter box that narrows it
	Caption string
	Head    []string
	Rows    []Row
	Foot    []Row
}

// Row is a table row; Class marks it (overdue, total).
type Row struct {
	Cells []Cell
	Class string
}

// Cell is a table cell: Href makes it a link; Sort is the raw value the
// table script sorts by when the text is formatted; Class is num for
// figures (right-aligned), overdue, on-time, late or missing.
type Cell struct {
	Text  string
	Href  string
	Sort  string
	Class string
}

func text(s string) Cell { return Cell{Text: s} }

func link(s, href string) Cell { return Cell{Text: s, Href: href} }

func (r *renderer) num(n int64) Cell {
	return Cell{Text: r.f.Num(n), Class: "num", Sort: strconv.FormatInt(n, 10)}
}

func (r *renderer) money(n int64) Cell {
	return Cell{Text: r.f.Money(n), Class: "num", Sort: strconv.FormatInt(n, 10)}
}

// view converts t for the theme's table partial: a column is numeric
// when its cells are; footer rows follow the body, their cells marked
// total; row classes go onto every cell of the row.
func (t Table) view(sortable bool) theme.Table {
	v := theme.Table{ID: t.ID, Caption: t.Caption, Head: t.Head, Numeric: make([]bool, len(t.Head)), Sortable: sortable}
	add := func(rows []Row, class string) {
		for _, row := range rows {
			cells := make([]theme.Cell, len(row.Cells))
			for i, c := range row.Cells {
				cl := c.Class
				if i < len(v.Numeric) && cl == "num" {
					v.Numeric[i] = true
					cl = ""
				}
				cl = strings.TrimSpace(strings.Join([]string{cl, row.Class, class}, " "))
				cells[i] = theme.Cell{Text: c.Text, Value: c.Sort, Href: c.Href, Class: strings.Join(strings.Fields(cl), " ")}
			}
			v.Rows = append(v.Rows, cells)
		}
	}
	add(t.Rows, "")
	add(t.Foot, "total")
	return v
}

// build finishes a chart: its option from a builder, its screen-reader
// label from its title, its table beside it.
func build(id, title string, table Table, opt func(chart.Spec) ([]byte, error)) (theme.Chart, error) {
	o, err := opt(chart.Spec{ID: id, Description: title})
	if err != nil {
		return theme.Chart{}, fmt.Errorf("chart %s: %w", id, err)
	}
	table.Caption = title
	return theme.Chart{
		ID: id, Title: title, AriaLabel: title,
		Option:  json.RawMessage(o),
		Table:   table.view(len(table.Foot) == 0),
		CSVName: strings.TrimPrefix(id, "chart-") + ".csv",
	}, nil
}
