// Package chart builds the ECharts options of the dashboard's charts with
// go-echarts, as JSON data for a <script type="application/json"> block.
//
// go-echarts is used for its option types only. Its HTML renderers are
// never called: they write inline script and random chart IDs, and they
// turn strings marked "__f__" into JavaScript. Every builder here sets
// plain values only (no formatter functions: the data table beside each
// chart has the formatted figures), and the JSON it returns never holds
// the "__f__" marker even when a name from the data does, so that text
// from the data stays text whatever reads the option.
package chart

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Series is one named row of values, aligned with the chart's labels.
type Series struct {
	Name   string
	Values []float64
}

// Slice is one part of a pie.
type Slice struct {
	Name  string
	Value float64
}

// Tile is one district on the tile map.
type Tile struct {
	Row, Col int
	Label    string // the district's short name
	Value    float64
}

// Spec is what every chart has: its element ID (deterministic, e.g.
// "chart-cases-by-month") and the description screen readers announce
// instead of ECharts' generated English one.
type Spec struct {
	ID          string
	Description string
}

// option is what the builders share: go-echarts' JSON method and Validate.
type option interface {
	JSON() map[string]interface{}
	Validate()
}

// global sets the options every chart carries: its fixed ID (go-echarts
// would draw a random one), SVG rendering, ARIA with decal patterns for
// readers who cannot tell colours apart, and a plain tooltip.
func global(s Spec, extra ...charts.GlobalOpts) []charts.GlobalOpts {
	aria := &opts.Aria{
		Enabled: opts.Bool(true),
		Decal:   &opts.AriaDecal{Show: opts.Bool(true)},
	}
	if s.Description != "" {
		aria.Label = &opts.AriaLabel{Enabled: opts.Bool(true), Description: s.Description}
	}
	return append([]charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: s.ID, Renderer: "svg"}),
		charts.WithAriaOpts(aria),
		charts.WithAnimation(false),
	}, extra...)
}

// marker is go-echarts' sign for "JavaScript follows".
var (
	marker        = []byte("__f__")
	escapedMarker = []byte(`__f\u005f_`)
)

// encode validates c and returns its option as JSON. A "__f__" from the
// data is written with its last underscore as a JSON escape: the same
// string once parsed, but no text-level search finds the marker.
func encode(c option) (json.RawMessage, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return bytes.ReplaceAll(b, marker, escapedMarker), nil
}

func legend() charts.GlobalOpts {
	return charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "bottom"})
}

func axisTooltip() charts.GlobalOpts {
	return charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"})
}

func itemTooltip() charts.GlobalOpts {
	return charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"})
}

// StackedBars draws one bar per label, stacked by series: cases per month
// by category.
func StackedBars(s Spec, labels []string, series []Series) (json.RawMessage, error) {
	c := charts.NewBar()
	c.SetGlobalOptions(global(s, legend(), axisTooltip(),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "2%", Right: "2%", Bottom: "48"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1}),
	)...)
	c.SetXAxis(labels)
	for _, sr := range series {
		c.AddSeries(sr.Name, barData(sr.Values), charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
	}
	return encode(c)
}

// HorizontalBars draws one bar per label, top to bottom in the order given
// (sort before calling): cases per district.
func HorizontalBars(s Spec, name string, labels []string, values []float64) (json.RawMessage, error) {
	c := charts.NewBar()
	c.SetGlobalOptions(global(s, axisTooltip(),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "2%", Right: "8%", Top: "8", Bottom: "8"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		// ECharts draws a category axis bottom-up; inverse keeps the
		// given order top-down, like the table beside it.
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
	)...)
	c.SetXAxis(labels)
	c.AddSeries(name, barData(values), charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}))
	c.XYReversal()
	return encode(c)
}

// Pie draws a donut: status breakdown, platforms.
func Pie(s Spec, name string, slices []Slice) (json.RawMessage, error) {
	c := charts.NewPie()
	c.SetGlobalOptions(global(s, legend(), itemTooltip())...)
	data := make([]opts.PieData, len(slices))
	for i, sl := range slices {
		data[i] = opts.PieData{Name: sl.Name, Value: sl.Value}
	}
	c.AddSeries(name, data,
		charts.WithPieChartOpts(opts.PieChart{Radius: []string{"40%", "68%"}, Center: []string{"50%", "45%"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}: {d}%"}),
	)
	return encode(c)
}

// Lines draws one line per series over the labels: a district's trend
// against the province average.
func Lines(s Spec, labels []string, series []Series) (json.RawMessage, error) {
	c := charts.NewLine()
	c.SetGlobalOptions(global(s, legend(), axisTooltip(),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "2%", Right: "4%", Bottom: "48"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
	)...)
	c.SetXAxis(labels)
	for _, sr := range series {
		data := make([]opts.LineData, len(sr.Values))
		for i, v := range sr.Values {
			data[i] = opts.LineData{Value: v}
		}
		c.AddSeries(sr.Name, data)
	}
	return encode(c)
}

// TileMap places each district on a grid square at its tile position,
// coloured by value and labelled with its name: a map that needs no
// boundary file. It is a scatter of square symbols on two category axes.
func TileMap(s Spec, name string, tiles []Tile) (json.RawMessage, error) {
	rows, cols, top := 1, 1, 0.0
	for _, t := range tiles {
		rows, cols, top = max(rows, t.Row+1), max(cols, t.Col+1), max(top, t.Value)
	}
	data := make([]opts.ScatterData, len(tiles))
	for i, t := range tiles {
		data[i] = opts.ScatterData{Name: t.Label, Value: []float64{float64(t.Col), float64(t.Row), t.Value}}
	}
	off := opts.Bool(false)
	c := charts.NewScatter()
	c.SetGlobalOptions(global(s, itemTooltip(),
		charts.WithGridOpts(opts.Grid{Left: "2%", Right: "2%", Top: "2%", Bottom: "64"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Show: off},
			SplitLine: &opts.SplitLine{Show: off}, AxisLine: &opts.AxisLine{Show: off}, AxisTick: &opts.AxisTick{Show: off}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: indexLabels(rows), Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Show: off}, SplitLine: &opts.SplitLine{Show: off}, AxisLine: &opts.AxisLine{Show: off}}),
		charts.WithVisualMapOpts(opts.VisualMap{
			Type: "continuous", Calculable: opts.Bool(true), Min: 0, Max: float32(max(top, 1)),
			Orient: "horizontal", Left: "center", Bottom: "0",
			InRange: &opts.VisualMapInRange{Color: []string{"#e0f3f8", "#fdae61", "#d73027"}},
		}),
	)...)
	c.SetXAxis(indexLabels(cols))
	c.AddSeries(name, data,
		charts.WithScatterChartOpts(opts.ScatterChart{Symbol: "roundRect", SymbolSize: 58}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}", Color: "#111"}),
	)
	return encode(c)
}

func barData(values []float64) []opts.BarData {
	data := make([]opts.BarData, len(values))
	for i, v := range values {
		data[i] = opts.BarData{Value: v}
	}
	return data
}

// indexLabels names the tile grid's rows or columns "0", "1", …
func indexLabels(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprint(i)
	}
	return out
}
