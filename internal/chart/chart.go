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

// Slice is one part of a pie. Color, when set, overrides the palette: the
// status pie gives each status a colour that says open or resolved.
type Slice struct {
	Name  string
	Value float64
	Color string
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

// The series colours: Paul Tol's "bright" scheme, told apart by readers
// with any common colour-vision deficiency and legible on both the light
// and the dark background. The decal patterns come on top.
const (
	Blue   = "#4477AA"
	Red    = "#EE6677"
	Green  = "#228833"
	Yellow = "#CCBB44"
	Cyan   = "#66CCEE"
	Purple = "#AA3377"
	Grey   = "#BBBBBB"
)

func palette() opts.Colors { return opts.Colors{Blue, Red, Green, Yellow, Cyan, Purple, Grey} }

// global sets the options every chart carries: its fixed ID (go-echarts
// would draw a random one), SVG rendering, ARIA with decal patterns for
// readers who cannot tell colours apart, the palette, and no animation
// (it would delay printing and the downloads).
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
		charts.WithColorsOpts(palette()),
		// go-echarts writes "legend": {} when no legend is set, which
		// ECharts draws at the top, over the plot. Charts with several
		// series turn it on again with legend().
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	}, extra...)
}

// marker is go-echarts' sign for "JavaScript follows".
var (
	marker        = []byte("__f__")
	escapedMarker = []byte(`__f\u005f_`)
)

// patched is a chart whose option is changed after go-echarts made it, to
// set what its types cannot say. The patch sees the option as plain JSON
// values.
type patched struct {
	option
	patch func(map[string]any)
}

func (p patched) JSON() map[string]interface{} {
	b, err := json.Marshal(p.option.JSON())
	var m map[string]any
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil {
		return p.option.JSON() // encode reports the same error
	}
	p.patch(m)
	return m
}

// list returns the objects of a JSON array, or the object itself.
func list(v any) []map[string]any {
	switch v := v.(type) {
	case map[string]any:
		return []map[string]any{v}
	case []any:
		var out []map[string]any
		for _, x := range v {
			if m, ok := x.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

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

// legend is plain, never "scroll": a paged legend ("1/2 ▶") hides names on
// a screen and on paper. The site script wraps it onto as many lines as
// the names need.
func legend() charts.GlobalOpts {
	return charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "plain", Top: "bottom"})
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
// (sort before calling): cases per district. It has one series, so no
// legend: the title says what the bars count.
func HorizontalBars(s Spec, name string, labels []string, values []float64) (json.RawMessage, error) {
	c := charts.NewBar()
	c.SetGlobalOptions(global(s, axisTooltip(),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "2%", Right: "10%", Top: "8", Bottom: "8"}),
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

// Pie draws a donut: status breakdown, platforms. The labels of thin
// slices would collide, so overlapping ones are hidden; the legend and the
// table beside the chart still name every slice. The site script writes
// the percentages in the page's number format.
func Pie(s Spec, name string, slices []Slice) (json.RawMessage, error) {
	c := charts.NewPie()
	c.SetGlobalOptions(global(s, legend(), itemTooltip())...)
	data := make([]opts.PieData, len(slices))
	for i, sl := range slices {
		data[i] = opts.PieData{Name: sl.Name, Value: sl.Value}
		if sl.Color != "" {
			data[i].ItemStyle = &opts.ItemStyle{Color: sl.Color}
		}
	}
	c.AddSeries(name, data,
		charts.WithPieChartOpts(opts.PieChart{Radius: []string{"36%", "60%"}, Center: []string{"50%", "46%"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}: {d}%"}),
		charts.WithLabelLayoutOpts(opts.LabelLayout{HideOverlap: opts.Bool(true)}),
	)
	return encode(patched{c, func(m map[string]any) {
		// The first slice starts at three o'clock, not twelve: the thin
		// slices at the start and the end of the list then have their
		// labels at the side, where there is height to stack them, not
		// on top of each other at the top. go-echarts omits a zero
		// startAngle and has no alignTo.
		for _, s := range list(m["series"]) {
			s["startAngle"] = 0
			// A slice too thin to see (a status no case has) gets no
			// label to crowd its neighbours'; the legend and the table
			// still name it.
			s["minShowLabelAngle"] = 4
			label, _ := s["label"].(map[string]any)
			if label != nil {
				label["alignTo"] = "labelLine"
				label["edgeDistance"] = 8
			}
		}
	}})
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
// boundary file. It is a heatmap on two category axes, so the squares
// grow and shrink with the chart instead of overlapping on a phone; the
// site script fits the labels to the squares and adds the figure.
func TileMap(s Spec, name string, tiles []Tile) (json.RawMessage, error) {
	rows, cols, top := 1, 1, 0.0
	for _, t := range tiles {
		rows, cols, top = max(rows, t.Row+1), max(cols, t.Col+1), max(top, t.Value)
	}
	data := make([]opts.HeatMapData, len(tiles))
	for i, t := range tiles {
		data[i] = opts.HeatMapData{Name: t.Label, Value: []float64{float64(t.Col), float64(t.Row), t.Value}}
	}
	off := opts.Bool(false)
	c := charts.NewHeatMap()
	c.SetGlobalOptions(global(s, itemTooltip(),
		charts.WithGridOpts(opts.Grid{Left: "1%", Right: "1%", Top: "1%", Bottom: "56"}),
		// HeatMap.Validate drops SetXAxis' labels, so the axes carry
		// their own.
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: indexLabels(cols), AxisLabel: &opts.AxisLabel{Show: off},
			SplitLine: &opts.SplitLine{Show: off}, AxisLine: &opts.AxisLine{Show: off}, AxisTick: &opts.AxisTick{Show: off}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: indexLabels(rows), Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Show: off}, SplitLine: &opts.SplitLine{Show: off}, AxisLine: &opts.AxisLine{Show: off}}),
		charts.WithVisualMapOpts(opts.VisualMap{
			Type: "continuous", Calculable: opts.Bool(true), Min: 0, Max: float32(max(top, 1)),
			Orient: "horizontal", Left: "center", Bottom: "0",
			InRange: &opts.VisualMapInRange{Color: []string{"#e0f3f8", "#fdae61", "#d73027"}},
		}),
	)...)
	c.AddSeries(name, data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}", Color: "#111"}),
		charts.WithItemStyleOpts(opts.ItemStyle{BorderWidth: 3}),
	)
	return encode(patched{c, func(m map[string]any) {
		// go-echarts' YAxis has no axisTick.
		for _, y := range list(m["yAxis"]) {
			y["axisTick"] = map[string]any{"show": false}
		}
	}})
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

// Area is one unit on a choropleth: its code (the name its boundary has
// in the map asset), its name as the page says it, and its value.
type Area struct {
	Code, Name string
	Value      float64
}

// Choropleth colours each unit of the map registered as mapName (see
// boundary.Map) by its value. Labels are off: a hundred communes' names
// cannot sit on their shapes; the tooltip names the one under the pointer
// and the table beside the map names them all.
func Choropleth(s Spec, name, mapName string, areas []Area) (json.RawMessage, error) {
	top := 0.0
	data := make([]opts.MapData, len(areas))
	names := make(map[string]string, len(areas))
	for i, a := range areas {
		data[i] = opts.MapData{Name: a.Name, Value: a.Value}
		names[a.Code] = a.Name
		top = max(top, a.Value)
	}
	c := charts.NewMap()
	c.RegisterMapType(mapName)
	c.SetGlobalOptions(global(s, itemTooltip(),
		charts.WithVisualMapOpts(opts.VisualMap{
			Type: "continuous", Calculable: opts.Bool(true), Min: 0, Max: float32(max(top, 1)),
			Orient: "horizontal", Left: "center", Bottom: "0",
			InRange: &opts.VisualMapInRange{Color: []string{"#e0f3f8", "#fdae61", "#d73027"}},
		}),
	)...)
	c.AddSeries(name, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(false)}))
	return encode(patched{c, func(m map[string]any) {
		for _, sr := range list(m["series"]) {
			// The boundaries are named by code; the page names units.
			sr["nameMap"] = names
			sr["top"], sr["bottom"], sr["left"], sr["right"] = 8, 56, 8, 8
			sr["roam"] = false
			// No dot at each centre: the legend it would match is off.
			sr["showLegendSymbol"] = false
			sr["itemStyle"] = map[string]any{"borderColor": "#fff", "borderWidth": 0.5}
		}
		// The colour scale is the whole message; a decal pattern on a
		// hundred small shapes is noise. The table the map's note links
		// to has the figures for a reader who cannot tell shades apart.
		if aria, ok := m["aria"].(map[string]any); ok {
			aria["decal"] = map[string]any{"show": false}
		}
	}})
}
