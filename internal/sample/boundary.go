package sample

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// boundaryFile is where a sample site keeps its units' boundaries.
const boundaryFile = "ban-do/tinh.geojson"

// boundaries writes a GeoJSON FeatureCollection with a made-up shape for
// every unit: a square on the unit's tile (units without one follow on
// below), its edges jagged like a surveyed line so that the build has
// something to simplify. The file says it is synthetic.
func boundaries(ds []district, seed int64) string {
	const (
		west, north  = 105.8, 11.2 // degrees: above Long An's north-west corner
		cellW, cellH = 0.08, 0.07
		inset        = 0.006
		steps        = 24 // points along each side
		jag          = 0.0012
	)
	// Today's map: the units that have not ended.
	var current []district
	for _, d := range ds {
		if d.Until.IsZero() {
			current = append(current, d)
		}
	}
	ds = current
	rows := 0
	for _, d := range ds {
		if d.HasTile {
			rows = max(rows, d.Tile[0]+1)
		}
	}
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","description":"Ranh giới tổng hợp do giamsat sample tạo để minh họa, không phải bản đồ thật (synthetic shapes, not a real map)","features":[`)
	k := 0
	for i, d := range ds {
		row, col := d.Tile[0], d.Tile[1]
		if !d.HasTile {
			row, col = rows+k/12, k%12
			k++
		}
		r := rand.New(rand.NewPCG(uint64(seed), uint64(i)+1))
		x0, y1 := west+float64(col)*cellW+inset, north-float64(row)*cellH-inset
		x1, y0 := x0+cellW-2*inset, y1-cellH+2*inset
		// Counter-clockwise, as RFC 7946 asks of an outer ring: along the
		// bottom eastwards, up the east side, back along the top, down
		// the west side.
		corners := [][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
		var ring [][2]float64
		for s := range 4 {
			a, c := corners[s], corners[(s+1)%4]
			for t := range steps {
				f := float64(t) / steps
				p := [2]float64{a[0] + (c[0]-a[0])*f, a[1] + (c[1]-a[1])*f}
				if t > 0 {
					// Across the side: x for a vertical side, y for a horizontal one.
					off := (r.Float64()*2 - 1) * jag
					if a[0] == c[0] {
						p[0] += off
					} else {
						p[1] += off
					}
				}
				ring = append(ring, p)
			}
		}
		ring = append(ring, ring[0])
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n{\"type\":\"Feature\",\"properties\":{\"code\":")
		b.WriteString(strconv.Quote(d.Code))
		b.WriteString(",\"name\":")
		b.WriteString(strconv.Quote(d.Name))
		b.WriteString("},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[")
		for j, p := range ring {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString("[" + strconv.FormatFloat(p[0], 'f', 6, 64) + "," + strconv.FormatFloat(p[1], 'f', 6, 64) + "]")
		}
		b.WriteString("]]}}")
	}
	b.WriteString("\n]}\n")
	return b.String()
}
