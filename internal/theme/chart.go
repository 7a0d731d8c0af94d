package theme

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
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
}

// Table is the view model of the "table" partial.
type Table struct {
	ID       string // optional: lets a [data-filter-for] input find it
	Caption  string
	Head     []string
	Rows     [][]Cell
	Numeric  []bool // per column: right-aligned, sorted as numbers
	Sortable bool   // the site script sorts it by a click on a heading
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
	Class string // optional class, e.g. "overdue"
}

// Text is a cell holding s.
func Text(s string) Cell { return Cell{Text: s} }

// Cells makes a row of text cells.
func Cells(texts ...string) []Cell {
	row := make([]Cell, len(texts))
	for i, s := range texts {
		row[i] = Cell{Text: s}
	}
	return row
}

// wideTable is the number of columns from which a chart's table goes
// below the chart instead of beside it: side by side, both would be too
// narrow to read.
const wideTable = 4

// Wide reports whether the chart's table has too many columns to sit
// beside it; the partial then lays the table out below the chart.
func (c Chart) Wide() bool { return len(c.Table.Head) >= wideTable }

// IsNumeric reports whether column i is numeric; the partial asks.
func (t Table) IsNumeric(i int) bool { return i < len(t.Numeric) && t.Numeric[i] }

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

// CellClass is the class attribute of cell c in column i: "num" for
// numeric columns, then the cell's own class.
func (t Table) CellClass(i int, c Cell) string {
	switch {
	case !t.IsNumeric(i):
		return c.Class
	case c.Class == "":
		return "num"
	}
	return "num " + c.Class
}
