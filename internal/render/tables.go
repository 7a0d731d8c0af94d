package render

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"giamsat/internal/chart"
	"giamsat/internal/theme"
)

func text(s string) theme.Cell { return theme.Cell{Text: s} }

func link(s, href string) theme.Cell { return theme.Cell{Text: s, Href: href} }

// num is a figure. Its raw value is written only when the text differs
// ("1.234"): a table of 300 units × 9 columns of small counts would
// otherwise carry every number twice.
func (r *renderer) num(n int64) theme.Cell {
	c := theme.Cell{Text: r.f.Num(n), Class: "num"}
	if v := strconv.FormatInt(n, 10); v != c.Text {
		c.Value = v
	}
	return c
}

func (r *renderer) money(n int64) theme.Cell {
	return theme.Cell{Text: r.f.Money(n), Class: "num", Value: strconv.FormatInt(n, 10)}
}

func sortable(t theme.Table) theme.Table {
	t.Sortable = true
	return t
}

// build finishes a chart: its option from a builder, its screen-reader
// label from its title, its table beside it.
func build(id, title string, table theme.Table, opt func(chart.Spec) ([]byte, error)) (theme.Chart, error) {
	o, err := opt(chart.Spec{ID: id, Description: title})
	if err != nil {
		return theme.Chart{}, fmt.Errorf("chart %s: %w", id, err)
	}
	table.Caption = title
	table.Sortable = len(table.Foot) == 0
	return theme.Chart{
		ID: id, Title: title, AriaLabel: title,
		Option:  json.RawMessage(o),
		Table:   table,
		CSVName: strings.TrimPrefix(id, "chart-") + ".csv",
	}, nil
}
