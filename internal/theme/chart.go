package theme

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
)

// Chart is the view model of the "chart" partial: an ECharts chart drawn by
// the site script from Option, with its figures in Table beside it so that
// they can be read without JavaScript and on paper.
type Chart struct {
	ID        string // unique in the page; also names the downloads
	Title     string
	AriaLabel string // what the chart shows, for screen readers
	// Option is the ECharts option: a go-echarts chart (anything with
	// JSON() map[string]interface{}), a map, a struct or a json.RawMessage.
	// It must not hold JavaScript functions: the page's CSP runs no code
	// but the site script, so formatters have to be plain strings.
	Option  any
	Table   Table
	CSVName string // file name of the CSV download, "cases-by-district.csv"
	Note    string // optional, under the chart: what it leaves out and why
	// NoteHref makes the note a link, for a chart whose figures are in a
	// table elsewhere on the page ("#fig-chart-cases-by-district").
	NoteHref string
}

// Table is the view model of every data table: the one beside each chart,
// the report tables, the register's head. A figure is a cell of class
// "num": its column is right-aligned and sorted as a number.
type Table struct {
	ID      string // optional: lets a [data-filter-for] input find it
	Caption string
	Head    []string
	Rows    []Row
	Foot    []Row // totals: after the body, every cell marked total
	// Numeric marks columns as figures whatever their cells say, for a
	// table whose rows are written elsewhere (the case register).
	Numeric  []bool
	Sortable bool // the site script sorts it by a click on a heading
}

// Row is a table row; Class marks it (overdue, total) and goes onto
// every cell.
type Row struct {
	Cells []Cell
	Class string
}

// PageLink is an entry of the "pager" partial: a page of a paged list.
// Current marks the page shown; an empty Href is a gap ("…").
type PageLink struct {
	Href, Text string
	Current    bool
}

// Cell is one table cell.
type Cell struct {
	Text  string // as shown: "1.234", "05/04/2022"
	Value string // for sorting and CSV when it differs from Text: "1234", "2022-04-05"
	Href  string // optional link, relative to the page (use Page.Rel)
	Class string // optional: num for a figure, overdue, on-time, late, missing
}

// wideTable is the number of columns from which a chart's table goes
// below the chart instead of beside it: side by side, both would be too
// narrow to read.
const wideTable = 4

// Wide reports whether the chart's table has too many columns to sit
// beside it; the partial then lays the table out below the chart.
func (c Chart) Wide() bool { return len(c.Table.Head) >= wideTable }

// IsNumeric reports whether column i holds figures: marked so, or with a
// cell of class num.
func (t Table) IsNumeric(i int) bool {
	if i < len(t.Numeric) && t.Numeric[i] {
		return true
	}
	if i >= len(t.Head) {
		return false
	}
	for _, rows := range [2][]Row{t.Rows, t.Foot} {
		for _, r := range rows {
			if i < len(r.Cells) && r.Cells[i].Class == "num" {
				return true
			}
		}
	}
	return false
}

// Body is the rows as the partial writes them, the footer's after the
// body's: each cell's class is its own, its row's and total in the footer,
// led by num in a column of figures.
func (t Table) Body() [][]Cell {
	numeric := make([]bool, len(t.Head))
	for i := range numeric {
		numeric[i] = t.IsNumeric(i)
	}
	out := make([][]Cell, 0, len(t.Rows)+len(t.Foot))
	add := func(rows []Row, class string) {
		for _, row := range rows {
			cells := make([]Cell, len(row.Cells))
			for i, c := range row.Cells {
				num := i < len(numeric) && numeric[i]
				own := c.Class
				if num && own == "num" {
					own = ""
				}
				c.Class = strings.Join(strings.Fields(own+" "+row.Class+" "+class), " ")
				if num {
					c.Class = strings.TrimSpace("num " + c.Class)
				}
				cells[i] = c
			}
			out = append(out, cells)
		}
	}
	add(t.Rows, "")
	add(t.Foot, "total")
	return out
}

// goEcharts is what go-echarts charts offer to get their option.
type goEcharts interface {
	JSON() map[string]interface{}
}

// OptionJSON returns the option as JSON that is safe inside a <script>
// element: encoding/json writes <, > and & as \u003c, \u003e and \u0026, so
// no "</script>" or "<!--" can appear. Only because of that is it handed
// to html/template as trusted JS.
func (c Chart) OptionJSON() (template.JS, error) {
	v := c.Option
	if g, ok := v.(goEcharts); ok {
		v = g.JSON()
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("chart %s: %w", c.ID, err)
	}
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	if bytes.Contains(b, []byte("__f__")) {
		return "", fmt.Errorf("chart %s: the option holds a JavaScript function (opts.FuncOpts), which the site's Content-Security-Policy cannot run: use a string template instead", c.ID)
	}
	if !bytes.HasPrefix(b, []byte("{")) {
		return "", fmt.Errorf("chart %s: the option must be a JSON object, not %.20s", c.ID, b)
	}
	return template.JS(b), nil
}
