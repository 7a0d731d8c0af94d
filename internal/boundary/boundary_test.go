package boundary

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"giamsat/internal/period"
	"giamsat/internal/site"
)

var units = []site.District{
	{Code: "27934", Name: "Xã Mỹ Yên"},
	{Code: "27940", Name: "Xã Tân Bửu"},
	{Code: "27946", Name: "Phường Tân An"},
}

// square is a closed counter-clockwise ring around (x, y).
func square(x, y, size float64) [][2]float64 {
	return [][2]float64{{x, y}, {x + size, y}, {x + size, y + size}, {x, y + size}, {x, y}}
}

type feature struct {
	code  any
	name  string
	kind  string // Polygon by default
	rings [][][2]float64
}

func collection(fs ...feature) []byte {
	var out []map[string]any
	for _, f := range fs {
		props := map[string]any{"name": f.name}
		if f.code != nil {
			props["code"] = f.code
		}
		kind := f.kind
		if kind == "" {
			kind = "Polygon"
		}
		var coords any = f.rings
		if kind == "Point" {
			coords = []float64{106.4, 10.5}
		}
		out = append(out, map[string]any{"type": "Feature", "properties": props, "geometry": map[string]any{"type": kind, "coordinates": coords}})
	}
	b, _ := json.Marshal(map[string]any{"type": "FeatureCollection", "features": out})
	return b
}

func good() []feature {
	return []feature{
		{code: "27934", name: "Xã Mỹ Yên", rings: [][][2]float64{square(106.40, 10.50, 0.05)}},
		{code: 27940.0, name: "Xã Tân Bửu", rings: [][][2]float64{square(106.46, 10.50, 0.05)}},
		{code: "27946", name: "Phường Tân An", rings: [][][2]float64{square(106.52, 10.50, 0.05)}},
	}
}

func TestReadGood(t *testing.T) {
	m, diags := Read("ban-do/tinh.geojson", collection(good()...), "code", units)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	if !bytes.HasPrefix(m.JS, []byte("/* giamsat")) || !bytes.Contains(m.JS, []byte(`"name":"27946"`)) || m.Tolerance != 0 {
		t.Errorf("asset %.200s, tolerance %v", m.JS, m.Tolerance)
	}
	// The features come in site order, whatever the file's.
	if a, b := bytes.Index(m.JS, []byte(`"27934"`)), bytes.Index(m.JS, []byte(`"27946"`)); a > b {
		t.Error("features not in site order")
	}
}

// Every problem names the file and the feature; all come at once.
func TestReadErrors(t *testing.T) {
	bowtie := [][2]float64{{106.4, 10.5}, {106.45, 10.55}, {106.45, 10.5}, {106.4, 10.55}, {106.4, 10.5}}
	open := square(106.4, 10.5, 0.05)[:4]
	tests := []struct {
		name  string
		data  []byte
		wants []string
	}{
		{"not GeoJSON", []byte("ma,ten\n27934,Mỹ Yên\n"), []string{"ban-do/tinh.geojson: not a GeoJSON FeatureCollection"}},
		{"not a collection", []byte(`{"type":"Feature"}`), []string{"not a GeoJSON FeatureCollection"}},
		{"unit without feature", collection(good()[:2]...), []string{`unit 27946 (Phường Tân An) has no boundary in the file; add a feature with code: "27946"`}},
		{"feature without unit", collection(append(good(), feature{code: "27943", name: "Xã Mỹ Yên cũ", rings: [][][2]float64{square(106.6, 10.5, 0.05)}})...),
			[]string{`ban-do/tinh.geojson: feature 4 ("Xã Mỹ Yên cũ"): code 27943 is not a unit in site.yaml; did you mean 27940?`}},
		{"code twice", collection(append(good(), feature{code: "27934", name: "Mỹ Yên 2", rings: [][][2]float64{square(106.7, 10.5, 0.05)}})...),
			[]string{`feature 4 ("Mỹ Yên 2"): code 27934 is already feature 1's`}},
		{"no code", collection(append(good()[1:], feature{name: "Xã Mỹ Yên", rings: [][][2]float64{square(106.4, 10.5, 0.05)}})...),
			[]string{`feature 3 ("Xã Mỹ Yên"): no code property with the unit's code`, "unit 27934"}},
		{"unclosed ring", collection(append(good()[1:], feature{code: "27934", name: "Xã Mỹ Yên", rings: [][][2]float64{open}})...),
			[]string{`feature 3 ("Xã Mỹ Yên"): ring 1 is not closed`}},
		{"self-intersecting", collection(append(good()[1:], feature{code: "27934", name: "Xã Mỹ Yên", rings: [][][2]float64{bowtie}})...),
			[]string{`feature 3 ("Xã Mỹ Yên"): ring 1 crosses itself near`}},
		{"outside range", collection(append(good()[1:], feature{code: "27934", name: "Xã Mỹ Yên", rings: [][][2]float64{square(186.4, 10.5, 0.05)}})...),
			[]string{"ring 1 has coordinates (186.4, 10.5) outside longitude"}},
		{"metres", collection(append(good()[1:], feature{code: "27934", name: "Xã Mỹ Yên", rings: [][][2]float64{square(580000, 1160000, 5000)}})...),
			[]string{"in metres (a projected system such as VN-2000)", "EPSG:4326"}},
		{"a point", collection(append(good()[1:], feature{code: "27934", name: "Xã Mỹ Yên", kind: "Point"})...),
			[]string{`feature 3 ("Xã Mỹ Yên"): a Point, not a Polygon or MultiPolygon`}},
		{"too few points", collection(append(good()[1:], feature{code: "27934", name: "Xã Mỹ Yên", rings: [][][2]float64{{{106.4, 10.5}, {106.5, 10.5}, {106.4, 10.5}}}})...),
			[]string{"ring 1 has 3 points"}},
		{"several at once", collection(
			feature{code: "27934", name: "A", rings: [][][2]float64{bowtie}},
			feature{code: "99999", name: "B", rings: [][][2]float64{square(106.4, 10.5, 0.05)}},
		), []string{"feature 1 (\"A\"): ring 1 crosses itself", "feature 2 (\"B\"): code 99999 is not a unit", "unit 27940", "unit 27946"}},
		{"over the limit", append([]byte(`{"type":"FeatureCollection","features":[],"x":"`), bytes.Repeat([]byte("a"), MaxBytes)...), []string{"over the 50 MB limit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, diags := Read("ban-do/tinh.geojson", tt.data, "code", units)
			if m != nil || len(diags) == 0 {
				t.Fatalf("accepted: %v", m)
			}
			text := diags.Text("en")
			for _, want := range tt.wants {
				if !strings.Contains(text, want) {
					t.Errorf("messages lack %q:\n%s", want, text)
				}
			}
			for _, d := range diags {
				if d.File != "ban-do/tinh.geojson" {
					t.Errorf("a message without the file: %v", d)
				}
			}
		})
	}
}

// detailed is a province of n units whose boundaries have points points
// each: far more than a page can carry.
func detailed(n, points int) ([]site.District, []byte) {
	var us []site.District
	var fs []feature
	for i := range n {
		code := fmt.Sprint(27000 + i)
		us = append(us, site.District{Code: code, Name: "Xã " + code})
		cx, cy := 106.0+float64(i%10)*0.1, 10.0+float64(i/10)*0.1
		var ring [][2]float64
		for k := range points {
			a := 2 * math.Pi * float64(k) / float64(points)
			r := 0.04 + 0.004*math.Sin(float64(k)*0.7)
			ring = append(ring, [2]float64{cx + r*math.Cos(a), cy + r*math.Sin(a)})
		}
		ring = append(ring, ring[0])
		fs = append(fs, feature{code: code, name: "Xã " + code, rings: [][][2]float64{ring}})
	}
	return us, collection(fs...)
}

// However detailed the file, the asset fits the budget, and the same file
// gives the same bytes.
func TestBudget(t *testing.T) {
	us, data := detailed(100, 4000)
	start := time.Now()
	m, diags := Read("tinh.geojson", data, "code", us)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	t.Logf("%d KB in → %d KB out, tolerance %g°, %d points, %v", len(data)>>10, len(m.JS)>>10, m.Tolerance, m.Points, time.Since(start))
	if len(m.JS) > Budget || m.Tolerance == 0 {
		t.Errorf("asset %d bytes, tolerance %v", len(m.JS), m.Tolerance)
	}
	again, _ := Read("tinh.geojson", data, "code", us)
	if !bytes.Equal(m.JS, again.JS) || m.Sum() != again.Sum() {
		t.Error("the same file gave different assets")
	}
	if strings.Count(string(m.JS), `"type":"Feature"`) != 100 {
		t.Error("a unit was lost to simplification")
	}
}

func FuzzRead(f *testing.F) {
	f.Add(collection(good()...))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":1e300},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[0,0]]]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[null]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, diags := Read("f.geojson", data, "code", units)
		if (m == nil) == (len(diags) == 0) {
			t.Fatalf("map %v with %d problems", m != nil, len(diags))
		}
		if m != nil && len(m.JS) > Budget {
			t.Fatalf("asset of %d bytes", len(m.JS))
		}
	})
}

// A ring whose every edge spans the same longitudes would cost n² to check:
// it is refused in about a second, not after hours.
func TestDegenerateRingBounded(t *testing.T) {
	var ring [][2]float64
	for k := range 100_000 {
		y := 10 + float64(k)*1e-6
		if k%2 == 0 {
			ring = append(ring, [2]float64{106.0, y})
		} else {
			ring = append(ring, [2]float64{106.1, y})
		}
	}
	ring = append(ring, ring[0])
	start := time.Now()
	_, diags := Read("x.geojson", collection(feature{code: "27934", name: "A", rings: [][][2]float64{ring}}), "code", units[:1])
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %v", took)
	}
	if !strings.Contains(diags.Text("en"), "ring 1") {
		t.Errorf("not refused: %s", diags.Text("en"))
	}
}

// A unit that has ended needs no boundary: today's map has today's units.
func TestFormerUnitNeedsNoFeature(t *testing.T) {
	us := append(slices.Clone(units), site.District{Code: "803", Name: "Huyện Bến Lức", Dates: site.Dates{Until: period.New(2025, 6, 30)}})
	m, diags := Read("tinh.geojson", collection(good()...), "code", us)
	if len(diags) > 0 || bytes.Contains(m.JS, []byte(`"803"`)) {
		t.Fatalf("%v %s", diags, m.JS)
	}
}
