// Package boundary reads a province's boundary file — a GeoJSON
// FeatureCollection of its units' Polygons and MultiPolygons in longitude
// and latitude — checks it against site.yaml, and makes the map asset the
// site draws its choropleths from: simplified to a size budget, the same
// bytes for the same input, loaded from the site itself and never from
// outside.
package boundary

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/simplify"

	"giamsat/internal/diag"
	"giamsat/internal/fingerprint"
	"giamsat/internal/site"
	"giamsat/internal/vntext"
)

const (
	// MaxBytes bounds the boundary file: a province's communes drawn to
	// the metre are a few megabytes; a file far larger is a mistake (a
	// whole country, a file of another kind) that would cost minutes.
	MaxBytes = 50 << 20
	// Budget bounds the map asset every map page loads.
	Budget = 300 << 10
	// MapName is the name the geometry is registered under in ECharts.
	MapName = "giamsat-units"
)

// Map is a checked boundary file, ready to publish.
type Map struct {
	// JS is the asset: it hands the geometry to the site script, which
	// registers it with ECharts. A script rather than a JSON file, so
	// that it also loads from a folder opened from disk (file://), where
	// a page cannot fetch.
	JS []byte
	// Tolerance is the Douglas–Peucker tolerance, in degrees, the
	// geometry was simplified with to fit Budget (0: none was needed).
	Tolerance float64
	Points    int // vertices kept
}

// Read checks the boundary file named file (data is its content) whose
// features carry each unit's code in the property codeProperty, and makes
// the map of units. Every problem is reported, each naming the file and
// the feature; the Map is nil when there is any.
func Read(file string, data []byte, codeProperty string, units []site.District) (*Map, diag.List) {
	bad := func(vi, en string) diag.List { return diag.List{diag.At(file, 0, 0, vi, en)} }
	if len(data) > MaxBytes {
		return nil, bad(fmt.Sprintf("tệp ranh giới %d MB, quá giới hạn %d MB; hãy dùng tệp của riêng tỉnh, đã giản lược", len(data)>>20, MaxBytes>>20),
			fmt.Sprintf("the boundary file is %d MB, over the %d MB limit; use the province's own file, simplified", len(data)>>20, MaxBytes>>20))
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return nil, bad(fmt.Sprintf("không phải tệp GeoJSON FeatureCollection (%v); hãy xuất lại ranh giới dưới dạng GeoJSON", err),
			fmt.Sprintf("not a GeoJSON FeatureCollection (%v); export the boundaries as GeoJSON again", err))
	}
	r := reader{file: file, prop: codeProperty, byCode: make(map[string]int)}
	codes := make([]string, len(units))
	known := make(map[string]bool, len(units))
	for i, u := range units {
		codes[i], known[u.Code] = u.Code, true
	}
	shapes := make(map[string]orb.MultiPolygon)
	for i, f := range fc.Features {
		if f == nil {
			r.errorf(fmt.Sprintf("feature %d: rỗng (null)", i+1), fmt.Sprintf("feature %d: empty (null)", i+1))
			continue
		}
		// A feature whose shape is wrong still answers for its unit, so
		// that the unit is not also reported missing.
		code, shape, ok := r.feature(i, f)
		if code == "" {
			continue
		}
		if !known[code] {
			vi := fmt.Sprintf("%s: mã %s không phải một đơn vị trong site.yaml", r.label(i, f), code)
			en := fmt.Sprintf("%s: code %s is not a unit in site.yaml", r.label(i, f), code)
			if near, ok := vntext.Closest(code, codes); ok {
				vi += fmt.Sprintf("; có phải là %s?", near)
				en += fmt.Sprintf("; did you mean %s?", near)
			}
			r.errorf(vi, en)
			continue
		}
		if j, dup := r.byCode[code]; dup {
			r.errorf(fmt.Sprintf("%s: mã %s đã có ở đối tượng %d; mỗi đơn vị một đối tượng (gộp các phần thành MultiPolygon)", r.label(i, f), code, j+1),
				fmt.Sprintf("%s: code %s is already feature %d's; one feature per unit (join its parts in a MultiPolygon)", r.label(i, f), code, j+1))
			continue
		}
		r.byCode[code] = i
		if ok {
			shapes[code] = shape
		}
	}
	for _, u := range units {
		// A unit that has ended (a district before the 2025 reform) is
		// not on today's map; it may have a feature, but need not.
		if _, ok := r.byCode[u.Code]; !ok && u.Until.IsZero() && len(r.diags) < maxProblems {
			r.errorf(fmt.Sprintf("đơn vị %s (%s) không có ranh giới trong tệp; hãy thêm đối tượng có %s: %q", u.Code, u.Name, codeProperty, u.Code),
				fmt.Sprintf("unit %s (%s) has no boundary in the file; add a feature with %s: %q", u.Code, u.Name, codeProperty, u.Code))
		}
	}
	if len(r.diags) > 0 {
		return nil, r.diags
	}
	var drawn []site.District
	for _, u := range units {
		if _, ok := shapes[u.Code]; ok {
			drawn = append(drawn, u)
		}
	}
	m, err := asset(drawn, shapes)
	if err != nil {
		return nil, bad(err.Error(), err.Error())
	}
	return m, nil
}

// maxProblems stops a file of another province from printing thousands of
// lines: the first ones say what is wrong.
const maxProblems = 50

type reader struct {
	file, prop string
	byCode     map[string]int
	diags      diag.List
}

func (r *reader) errorf(vi, en string) {
	if len(r.diags) < maxProblems {
		r.diags = append(r.diags, diag.At(r.file, 0, 0, vi, en))
	}
}

// label names feature i for a message: its number from 1 and, when it has
// one, its name.
func (r *reader) label(i int, f *geojson.Feature) string {
	for _, key := range []string{"name", "ten", "Ten", "TEN", "NAME", "ten_xa"} {
		if s, ok := f.Properties[key].(string); ok && s != "" {
			return fmt.Sprintf("feature %d (%q)", i+1, s)
		}
	}
	return fmt.Sprintf("feature %d", i+1)
}

// feature reads feature i: its unit code ("" when it has none) and its
// shape, checked (ok is false when the shape is wrong).
func (r *reader) feature(i int, f *geojson.Feature) (string, orb.MultiPolygon, bool) {
	code, ok := codeOf(f.Properties[r.prop])
	if !ok {
		r.errorf(fmt.Sprintf("%s: không có thuộc tính %s mang mã đơn vị; hãy thêm, hoặc đặt map.code_property trong site.yaml", r.label(i, f), r.prop),
			fmt.Sprintf("%s: no %s property with the unit's code; add it, or set map.code_property in site.yaml", r.label(i, f), r.prop))
		return "", nil, false
	}
	var shape orb.MultiPolygon
	switch g := f.Geometry.(type) {
	case orb.Polygon:
		shape = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		shape = g
	default:
		kind := "none"
		if g != nil {
			kind = g.GeoJSONType()
		}
		r.errorf(fmt.Sprintf("%s: hình %s, không phải Polygon hay MultiPolygon", r.label(i, f), kind),
			fmt.Sprintf("%s: a %s, not a Polygon or MultiPolygon", r.label(i, f), kind))
		return code, nil, false
	}
	good := len(shape) > 0
	for _, poly := range shape {
		for k, ring := range poly {
			if msg, ok := r.ring(ring); !ok {
				r.errorf(fmt.Sprintf("%s: vòng %d %s", r.label(i, f), k+1, msg[0]), fmt.Sprintf("%s: ring %d %s", r.label(i, f), k+1, msg[1]))
				good = false
			}
		}
	}
	if len(shape) == 0 {
		r.errorf(fmt.Sprintf("%s: hình rỗng", r.label(i, f)), fmt.Sprintf("%s: an empty shape", r.label(i, f)))
	}
	return code, shape, good
}

// codeOf reads a code property: a string, or a whole number (a code
// column a spreadsheet turned into numbers).
func codeOf(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		s := strings.TrimSpace(x)
		return s, s != ""
	case float64:
		if x == math.Trunc(x) && x >= 0 && x < 1e12 {
			return strconv.FormatInt(int64(x), 10), true
		}
	}
	return "", false
}

// ring checks one ring: enough points, closed, in longitude and latitude,
// not crossing itself. It returns the problem in Vietnamese and English.
func (r *reader) ring(ring orb.Ring) ([2]string, bool) {
	if len(ring) < 4 {
		return [2]string{fmt.Sprintf("có %d điểm; một vòng cần ít nhất 4 (điểm cuối trùng điểm đầu)", len(ring)),
			fmt.Sprintf("has %d points; a ring needs at least 4 (the last the same as the first)", len(ring))}, false
	}
	for _, p := range ring {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 {
			if math.Abs(p[0]) > 1000 || math.Abs(p[1]) > 1000 {
				return [2]string{fmt.Sprintf("có tọa độ (%g, %g) tính bằng mét (hệ tọa độ phẳng như VN-2000); hãy xuất lại theo kinh độ, vĩ độ WGS 84 (EPSG:4326)", p[0], p[1]),
					fmt.Sprintf("has coordinates (%g, %g) in metres (a projected system such as VN-2000); export it again in WGS 84 longitude and latitude (EPSG:4326)", p[0], p[1])}, false
			}
			return [2]string{fmt.Sprintf("có tọa độ (%g, %g) ngoài kinh độ −180..180, vĩ độ −90..90", p[0], p[1]),
				fmt.Sprintf("has coordinates (%g, %g) outside longitude −180..180, latitude −90..90", p[0], p[1])}, false
		}
	}
	if !ring.Closed() {
		return [2]string{"không khép kín: điểm cuối phải trùng điểm đầu", "is not closed: its last point must be its first"}, false
	}
	p, crosses, checked := crossing(ring)
	if !checked {
		return [2]string{"quá phức tạp để kiểm tra (quá nhiều cạnh chồng lên nhau theo kinh độ); hãy giản lược ranh giới trong phần mềm bản đồ",
			"is too complex to check (too many edges overlapping in longitude); simplify the boundary in a GIS program"}, false
	}
	if crosses {
		return [2]string{fmt.Sprintf("tự cắt gần (%.5f, %.5f); hãy sửa ranh giới trong phần mềm bản đồ", p[0], p[1]),
			fmt.Sprintf("crosses itself near (%.5f, %.5f); fix the boundary in a GIS program", p[0], p[1])}, false
	}
	return [2]string{}, true
}

// workPerEdge bounds the pairs of edges the crossing check compares for a
// ring: a real boundary costs a few to a few dozen per edge, a degenerate
// one (every edge over the same longitudes) n², which would hang the build.
const workPerEdge = 200

// crossing finds where two edges of a closed ring cross, other than
// neighbours meeting at their shared point. Edges are swept in order of
// their left end, so that a ring of a hundred thousand points costs about
// n log n, not n². checked is false when the ring costs more than
// workPerEdge comparisons an edge.
func crossing(ring orb.Ring) (p orb.Point, crosses, checked bool) {
	n := len(ring) - 1 // the last point repeats the first
	type edge struct {
		i          int
		minX, maxX float64
	}
	edges := make([]edge, n)
	for i := range n {
		a, b := ring[i], ring[i+1]
		edges[i] = edge{i, min(a[0], b[0]), max(a[0], b[0])}
	}
	slices.SortFunc(edges, func(a, b edge) int { return cmpFloat(a.minX, b.minX) })
	var active []edge
	work, limit := 0, workPerEdge*n+100_000
	for _, e := range edges {
		kept := active[:0]
		for _, o := range active {
			if o.maxX >= e.minX {
				kept = append(kept, o)
			}
		}
		active = kept
		if work += len(active); work > limit {
			return orb.Point{}, false, false
		}
		for _, o := range active {
			if adjacent(e.i, o.i, n) {
				continue
			}
			if p, ok := intersect(ring[e.i], ring[e.i+1], ring[o.i], ring[o.i+1]); ok {
				return p, true, true
			}
		}
		active = append(active, e)
	}
	return orb.Point{}, false, true
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// adjacent reports whether edges i and j of a ring of n edges share a
// point.
func adjacent(i, j, n int) bool {
	d := i - j
	return d == 1 || d == -1 || d == n-1 || d == 1-n
}

// intersect reports whether segments ab and cd touch, and where.
func intersect(a, b, c, d orb.Point) (orb.Point, bool) {
	o1, o2 := orient(a, b, c), orient(a, b, d)
	o3, o4 := orient(c, d, a), orient(c, d, b)
	if o1*o2 < 0 && o3*o4 < 0 {
		return a, true
	}
	for _, t := range []struct {
		o       float64
		p, q, r orb.Point
	}{{o1, a, c, b}, {o2, a, d, b}, {o3, c, a, d}, {o4, c, b, d}} {
		if t.o == 0 && between(t.p, t.q, t.r) {
			return t.q, true
		}
	}
	return orb.Point{}, false
}

func orient(a, b, c orb.Point) float64 {
	v := (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// between reports whether q, on the line pr, lies within the segment pr.
func between(p, q, r orb.Point) bool {
	return q[0] >= min(p[0], r[0]) && q[0] <= max(p[0], r[0]) && q[1] >= min(p[1], r[1]) && q[1] <= max(p[1], r[1])
}

// asset makes the map asset: the units' shapes in site order, rounded to
// 1e-5 degrees (about a metre), simplified with the smallest tolerance of
// the series 0, 1e-5°, then ×1.5 a step, that fits Budget. Each step
// simplifies the previous step's shapes, so a detailed file costs a few
// passes over its points, not one per step.
func asset(units []site.District, shapes map[string]orb.MultiPolygon) (*Map, error) {
	tolerance := 0.0
	current := make([]orb.MultiPolygon, len(units))
	for i, u := range units {
		current[i] = orb.Round(shapes[u.Code].Clone(), 1e5).(orb.MultiPolygon)
	}
	for range 60 {
		if tolerance > 0 {
			for i := range current {
				current[i] = simplified(current[i], shapes[units[i].Code], tolerance)
			}
		}
		// A point takes at least 16 bytes written ("[106.12345,10.1234],"):
		// a step that cannot fit is not written out.
		if points(current)*16 > Budget {
			tolerance = next(tolerance)
			continue
		}
		js, kept, err := encode(units, current)
		if err != nil {
			return nil, err
		}
		if len(js) <= Budget {
			return &Map{JS: js, Tolerance: tolerance, Points: kept}, nil
		}
		tolerance = next(tolerance)
	}
	return nil, fmt.Errorf("the boundaries do not fit %d KB however simplified", Budget>>10)
}

func next(tolerance float64) float64 {
	if tolerance == 0 {
		return 1e-5
	}
	return tolerance * 1.5
}

// points counts the vertices of shapes.
func points(shapes []orb.MultiPolygon) int {
	n := 0
	for _, s := range shapes {
		for _, p := range s {
			for _, ring := range p {
				n += len(ring)
			}
		}
	}
	return n
}

// simplified is shape with tolerance: rings that would fall below four
// points are left out (a hole) or keep their part out (an outer ring); a
// unit left with nothing keeps its original largest part.
func simplified(shape, original orb.MultiPolygon, tolerance float64) orb.MultiPolygon {
	dp := simplify.DouglasPeucker(tolerance)
	out := make(orb.MultiPolygon, 0, len(shape))
	for _, poly := range shape {
		var p orb.Polygon
		for k, ring := range poly {
			ring = dp.Ring(slices.Clone(ring))
			if len(ring) < 4 {
				if k == 0 {
					break
				}
				continue
			}
			p = append(p, ring)
		}
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return orb.MultiPolygon{orb.Round(largest(original).Clone(), 1e5).(orb.Polygon)}
	}
	return out
}

func encode(units []site.District, shapes []orb.MultiPolygon) ([]byte, int, error) {
	fc := geojson.NewFeatureCollection()
	for i, u := range units {
		f := geojson.NewFeature(shapes[i])
		f.Properties = geojson.Properties{"name": u.Code}
		fc.Append(f)
	}
	b, err := json.Marshal(fc)
	if err != nil {
		return nil, 0, err
	}
	var js bytes.Buffer
	js.WriteString("/* giamsat: the units' boundaries */\n(self.giamsatMaps = self.giamsatMaps || {})[")
	js.WriteString(strconv.Quote(MapName))
	js.WriteString("] = ")
	js.Write(b)
	js.WriteString(";\n")
	return js.Bytes(), points(shapes), nil
}

// largest is the part of shape with the most points.
func largest(shape orb.MultiPolygon) orb.Polygon {
	best := shape[0]
	for _, p := range shape[1:] {
		if len(p[0]) > len(best[0]) {
			best = p
		}
	}
	return best
}

// Sum is the asset's fingerprint, for its file name: a new boundary file
// is a new address, so no browser keeps the old one.
func (m *Map) Sum() string {
	s := fingerprint.Bytes(m.JS)
	return hex.EncodeToString(s[:6])
}
