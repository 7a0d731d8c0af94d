package chart

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

const hostile = `</script><img src=x onerror=alert(1)>`

// builders draws every chart kind with a hostile name in each place data
// text can go: labels, series names, slice names, tile labels.
var builders = []struct {
	name  string
	build func() (json.RawMessage, error)
}{
	{"stacked bars", func() (json.RawMessage, error) {
		return StackedBars(Spec{ID: "chart-a", Description: hostile}, []string{"2022-04", hostile},
			[]Series{{Name: hostile, Values: []float64{1, 2}}, {Name: "b", Values: []float64{0, 3}}})
	}},
	{"horizontal bars", func() (json.RawMessage, error) {
		return HorizontalBars(Spec{ID: "chart-b"}, "Vụ việc", []string{"Tân An", hostile}, []float64{5, 2.5})
	}},
	{"pie", func() (json.RawMessage, error) {
		return Pie(Spec{ID: "chart-c"}, hostile, []Slice{{Name: hostile, Value: 3}, {Name: "Facebook", Value: 4, Color: "#4477AA"}})
	}},
	{"lines", func() (json.RawMessage, error) {
		return Lines(Spec{ID: "chart-d"}, []string{"2022-04", "2022-05"},
			[]Series{{Name: hostile, Values: []float64{1, 2}}, {Name: "Toàn tỉnh", Values: []float64{1.5, 0}}})
	}},
	{"tile map", func() (json.RawMessage, error) {
		return TileMap(Spec{ID: "chart-e"}, "Vụ việc", []Tile{{Row: 2, Col: 4, Label: hostile, Value: 7}, {Row: 0, Col: 1, Label: "Vĩnh Hưng"}})
	}},
}

func TestBuilders(t *testing.T) {
	for _, b := range builders {
		t.Run(b.name, func(t *testing.T) {
			first, err := b.build()
			if err != nil {
				t.Fatal(err)
			}
			for range 3 {
				again, err := b.build()
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(first, again) {
					t.Fatalf("not deterministic:\n%s\n%s", first, again)
				}
			}
			var opt map[string]any
			if err := json.Unmarshal(first, &opt); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			aria, _ := opt["aria"].(map[string]any)
			decal, _ := aria["decal"].(map[string]any)
			if aria["enabled"] != true || decal["show"] != true {
				t.Errorf("aria = %v, want enabled with decal shown", opt["aria"])
			}
			// The raw text must hold no markup a browser could end a script
			// block on; the parsed option must hold the name unchanged.
			for _, bad := range []string{"<", ">", "__f__"} {
				if bytes.Contains(first, []byte(bad)) {
					t.Errorf("raw JSON holds %q: %s", bad, first)
				}
			}
			if !containsString(opt, hostile) {
				t.Errorf("the hostile label did not survive as a plain string: %s", first)
			}
			if bytes.Contains(first, []byte("function")) {
				t.Errorf("JSON holds code: %s", first)
			}
		})
	}
}

// A name that carries go-echarts' function marker must reach the browser
// as the same text, never with the marker intact in the JSON.
func TestFunctionMarkerIsData(t *testing.T) {
	name := "__f__function(){alert(1)}__f__"
	raw, err := Pie(Spec{ID: "chart-f"}, "x", []Slice{{Name: name, Value: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("__f__")) {
		t.Fatalf("marker in JSON: %s", raw)
	}
	var opt map[string]any
	if err := json.Unmarshal(raw, &opt); err != nil {
		t.Fatal(err)
	}
	if !containsString(opt, name) {
		t.Fatalf("name changed: %s", raw)
	}
}

func TestTileMapPositions(t *testing.T) {
	raw, err := TileMap(Spec{ID: "chart-g"}, "n", []Tile{{Row: 3, Col: 5, Label: "Châu Thành", Value: 9}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	for _, want := range []string{`"value":[5,3,9]`, `"name":"Châu Thành"`, `"max":9`, `"inverse":true`} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %s in %s", want, s)
		}
	}
}

func containsString(v any, want string) bool {
	switch v := v.(type) {
	case string:
		return v == want
	case []any:
		for _, x := range v {
			if containsString(x, want) {
				return true
			}
		}
	case map[string]any:
		for _, x := range v {
			if containsString(x, want) {
				return true
			}
		}
	}
	return false
}

// A chart of one series needs no legend: ECharts would draw it over the
// plot. Charts of several series keep theirs, below the plot.
func TestLegend(t *testing.T) {
	for _, b := range builders {
		raw, err := b.build()
		if err != nil {
			t.Fatal(err)
		}
		var opt struct {
			Legend struct {
				Show *bool  `json:"show"`
				Top  string `json:"top"`
			} `json:"legend"`
			Series []json.RawMessage `json:"series"`
		}
		if err := json.Unmarshal(raw, &opt); err != nil {
			t.Fatal(err)
		}
		if opt.Legend.Show == nil {
			t.Errorf("%s: legend.show unset: ECharts would draw a legend at the top", b.name)
			continue
		}
		multi := b.name == "stacked bars" || b.name == "lines" || b.name == "pie"
		if *opt.Legend.Show != multi {
			t.Errorf("%s: legend shown = %v, want %v", b.name, *opt.Legend.Show, multi)
		}
		if multi && opt.Legend.Top != "bottom" {
			t.Errorf("%s: legend at %q, want bottom", b.name, opt.Legend.Top)
		}
	}
}

// The tile map is a heatmap on category axes with no axis marks: only the
// squares show.
func TestTileMapIsBare(t *testing.T) {
	raw, err := TileMap(Spec{ID: "chart-h"}, "n", []Tile{{Row: 1, Col: 2, Label: "Tân An", Value: 3}})
	if err != nil {
		t.Fatal(err)
	}
	var opt struct {
		Series []struct{ Type string } `json:"series"`
		XAxis  []struct {
			Data []string `json:"data"`
		} `json:"xAxis"`
		YAxis []struct {
			Data     []string             `json:"data"`
			AxisTick struct{ Show *bool } `json:"axisTick"`
			AxisLine struct{ Show *bool } `json:"axisLine"`
		} `json:"yAxis"`
	}
	if err := json.Unmarshal(raw, &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.Series) != 1 || opt.Series[0].Type != "heatmap" {
		t.Errorf("series = %+v, want one heatmap", opt.Series)
	}
	if len(opt.YAxis) != 1 || opt.YAxis[0].AxisTick.Show == nil || *opt.YAxis[0].AxisTick.Show {
		t.Errorf("y axis ticks not hidden: %s", raw)
	}
	// Row 1, column 2: two rows and three columns, so that the site script
	// can fit the labels to the squares.
	if len(opt.XAxis) != 1 || len(opt.XAxis[0].Data) != 3 || len(opt.YAxis) != 1 || len(opt.YAxis[0].Data) != 2 {
		t.Errorf("axes do not list the grid's columns and rows: %s", raw)
	}
}

func TestPieColors(t *testing.T) {
	raw, err := Pie(Spec{ID: "chart-i"}, "n", []Slice{{Name: "a", Value: 1, Color: "#228833"}, {Name: "b", Value: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"itemStyle":{"color":"#228833"}`) {
		t.Errorf("slice colour missing: %s", raw)
	}
	if strings.Count(string(raw), `"itemStyle"`) != 1 {
		t.Errorf("a slice without a colour got one: %s", raw)
	}
}
