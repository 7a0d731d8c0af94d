package render

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"testing"

	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/publish"
	"giamsat/internal/site"
	"giamsat/internal/stats"
)

// manyUnits is a province of n communes, every fifth without a tile, with
// random cases and monthly reports of which some are late or missing.
func manyUnits(t *testing.T, n int) (*renderer, Input) {
	t.Helper()
	cfg := fixtureConfig()
	cfg.DistrictLabel = "Xã, phường"
	cfg.Districts = nil
	for i := range n {
		d := site.District{Code: fmt.Sprint(27000 + 7*i), Name: fmt.Sprintf("Xã Thử %d", i), Short: fmt.Sprintf("Thử %d", i)}
		if i%5 != 4 {
			d.Tile, d.HasTile = [2]int{i / 12, i % 12}, true
		}
		cfg.Districts = append(cfg.Districts, d)
	}
	if err := cfg.Prepare(); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, uint64(n)))
	start := day("2026-01-01")
	var cases []export.Case
	for i := range 20 * n {
		cases = append(cases, export.Case{
			ID: fmt.Sprintf("C-%06d", i), District: cfg.Districts[rng.IntN(n)].Code,
			Category: cfg.Categories[rng.IntN(len(cfg.Categories))].Key, Platform: cfg.Platforms[rng.IntN(len(cfg.Platforms))].Key,
			DetectedOn: start.AddDays(rng.IntN(330)), Status: export.Detected, Offender: "unidentified",
		})
	}
	exports := []*export.File{{File: "data/all.yaml", Unit: "Sở", ExportedAt: day("2026-12-10").Midnight(), Cases: cases}}
	for m := (period.Period{Kind: period.Month, Year: 2026, N: 1}); m.N <= 11 && m.Year == 2026; m = m.Next() {
		for _, d := range cfg.Districts {
			switch x := rng.IntN(10); {
			case x == 0: // missing
			default:
				late := 0
				if x == 1 {
					late = 3
				}
				exports = append(exports, &export.File{File: path.Join("data", m.String(), d.Code+".yaml"), Unit: d.Name, District: d.Code,
					Period: m, ExportedAt: m.Due(1, 5).AddDays(late - 1).Midnight()})
			}
		}
	}
	in := input(cfg, cases, exports)
	th := loadTheme(t, cfg)
	return newRenderer(publish.NewTree(t.TempDir()), th, in), in
}

// The province's compliance grid at 100 units: a sentence that counts the
// latest period's late and missing reports and names them, rows worst
// first, fewer periods than a year.
func TestComplianceAtScale(t *testing.T) {
	r, in := manyUnits(t, 100)
	c := r.compliance("", gridPeriods(100), "")
	if len(c.Periods) != 11 || len(c.Rows) != 100 { // January to November
		t.Fatalf("%d periods, %d rows", len(c.Periods), len(c.Rows))
	}
	if got := gridPeriods(300); got != 4 {
		t.Errorf("gridPeriods(300) = %d", got)
	}
	// The latest period, recounted from the exports.
	last := period.Period{Kind: period.Month, Year: 2026, N: 11}
	sent := map[string]bool{}
	late := map[string]bool{}
	for _, e := range in.Exports {
		if e.Period == last {
			sent[e.District] = true
			late[e.District] = period.DateOf(e.ExportedAt) > last.Due(1, 5)
		}
	}
	var wantLate, wantMissing []string
	for _, d := range in.Site.Districts {
		switch {
		case !sent[d.Code]:
			wantMissing = append(wantMissing, d.Name)
		case late[d.Code]:
			wantLate = append(wantLate, d.Name)
		}
	}
	want := fmt.Sprintf("Tháng 11/2026: %d/100 đơn vị gửi muộn, %d đơn vị chưa gửi.", len(wantLate), len(wantMissing))
	if c.Summary == nil || c.Summary.Text != want {
		t.Fatalf("summary %+v, want %q", c.Summary, want)
	}
	names := func(ls []Link) []string {
		var out []string
		for _, l := range ls {
			out = append(out, l.Text)
		}
		return out
	}
	if !slices.Equal(names(c.Summary.Late), wantLate) || !slices.Equal(names(c.Summary.Missing), wantMissing) {
		t.Errorf("late %v missing %v, want %v %v", names(c.Summary.Late), names(c.Summary.Missing), wantLate, wantMissing)
	}
	// Worst first, by the cells themselves.
	score := func(row ComplianceRow) [2]int {
		var s [2]int
		for _, cell := range row.Cells {
			switch cell.Status {
			case string(stats.Missing):
				s[0]++
			case string(stats.Late):
				s[1]++
			}
		}
		return s
	}
	for i := 1; i < len(c.Rows); i++ {
		a, b := score(c.Rows[i-1]), score(c.Rows[i])
		if a[0] < b[0] || a[0] == b[0] && a[1] < b[1] {
			t.Fatalf("row %d (%s %v) before row %d (%s %v)", i-1, c.Rows[i-1].District.Text, a, i, c.Rows[i].District.Text, b)
		}
	}
	if c.ID == "" {
		t.Error("the province's grid has no id for its filter")
	}
	if one := r.compliance("x/", 12, in.Site.Districts[3].Code); len(one.Rows) != 1 || one.Summary != nil {
		t.Errorf("a unit's own grid: %d rows, summary %v", len(one.Rows), one.Summary)
	}
}

// At 100 units the bar chart draws the 15 highest units, the table keeps
// every unit, and a note says so.
func TestBarsAtScale(t *testing.T) {
	r, in := manyUnits(t, 100)
	c, err := r.byDistrict("", "chart-x", "x", false, func(code string) stats.Counts { return r.x.District(code) })
	if err != nil {
		t.Fatal(err)
	}
	var opt struct {
		YAxis []struct {
			Data []string `json:"data"`
		} `json:"yAxis"`
		Series []struct {
			Data []struct {
				Value float64 `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(c.Option.(json.RawMessage), &opt); err != nil {
		t.Fatal(err)
	}
	labels := opt.YAxis[0].Data
	if len(labels) != maxBars {
		t.Fatalf("labels %q", labels)
	}
	total := map[string]int{}
	for _, c := range in.Cases {
		total[c.District]++
	}
	var counts []int
	for _, n := range total {
		counts = append(counts, n)
	}
	slices.Sort(counts)
	slices.Reverse(counts)
	for k, d := range opt.Series[0].Data {
		if d.Value != float64(counts[k]) {
			t.Errorf("bar %d is %v, want the %d-th highest count %d", k, d.Value, k+1, counts[k])
		}
	}
	if len(c.Table.Rows) != 100 || !strings.Contains(c.Note, "85 đơn vị còn lại") {
		t.Errorf("%d table rows, note %q", len(c.Table.Rows), c.Note)
	}
}

// A unit without a tile is named under the tile map and kept in its table.
func TestUntiledNamed(t *testing.T) {
	r, in := manyUnits(t, 30)
	c, err := r.tileMap("")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Table.Rows) != 30 {
		t.Errorf("%d table rows, want 30", len(c.Table.Rows))
	}
	for i, d := range in.Site.Districts {
		if named := strings.Contains(c.Note, d.Name+",") || strings.Contains(c.Note, d.Name+"."); named != !d.HasTile {
			t.Errorf("unit %d (%s, tile %v): named under the map %v; note %q", i, d.Name, d.HasTile, named, c.Note)
		}
	}
}

// A year report totals lapses by unit instead of listing unit–month pairs.
func TestYearReportLapses(t *testing.T) {
	r, in := manyUnits(t, 40)
	year := period.Period{Kind: period.Year, Year: 2026}
	tb := r.on(r.x).reportIssues("reports/2026/", year)
	type count struct{ late, missing int }
	want := map[string]count{}
	sent := map[[2]string]bool{}
	for _, e := range in.Exports {
		if e.Period.IsZero() {
			continue
		}
		sent[[2]string{e.Period.String(), e.District}] = true
		if period.DateOf(e.ExportedAt) > e.Period.Due(1, 5) {
			c := want[e.District]
			c.late++
			want[e.District] = c
		}
	}
	for m := 1; m <= 11; m++ {
		p := period.Period{Kind: period.Month, Year: 2026, N: m}
		for _, d := range in.Site.Districts {
			if !sent[[2]string{p.String(), d.Code}] {
				c := want[d.Code]
				c.missing++
				want[d.Code] = c
			}
		}
	}
	if len(tb.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(tb.Rows), len(want))
	}
	byName := map[string]string{}
	for _, d := range in.Site.Districts {
		byName[d.Name] = d.Code
	}
	for _, row := range tb.Rows {
		w := want[byName[row.Cells[0].Text]]
		if row.Cells[1].Text != fmt.Sprint(w.late) || row.Cells[2].Text != fmt.Sprint(w.missing) {
			t.Errorf("%s: late %s missing %s, want %d %d", row.Cells[0].Text, row.Cells[1].Text, row.Cells[2].Text, w.late, w.missing)
		}
	}
	text := strings.Join(r.on(r.x).narrative(year), " ")
	if strings.Contains(text, "(tháng") {
		t.Errorf("the year's narrative lists unit–month pairs: %s", text)
	}
}

// Groups roll the units up: each group's cases are the sum of its units'.
func TestGroups(t *testing.T) {
	r, in := manyUnits(t, 40)
	for i := range r.cfg.Districts {
		if i%4 != 3 {
			r.cfg.Districts[i].Group = fmt.Sprintf("Huyện %d", i%4)
		}
	}
	c, err := r.byGroup()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	units := map[string]int{}
	group := map[string]string{}
	for _, d := range in.Site.Districts {
		g := d.Group
		if g == "" {
			g = "Chưa xếp nhóm"
		}
		group[d.Code] = g
		units[g]++
	}
	for _, c := range in.Cases {
		want[group[c.District]]++
	}
	if len(c.Table.Rows) != 4 {
		t.Fatalf("%d groups", len(c.Table.Rows))
	}
	for _, row := range c.Table.Rows {
		g := row.Cells[0].Text
		if row.Cells[1].Text != fmt.Sprint(units[g]) || row.Cells[2].Text != r.f.Num(int64(want[g])) {
			t.Errorf("%s: %s units, %s cases; want %d, %d", g, row.Cells[1].Text, row.Cells[2].Text, units[g], want[g])
		}
	}
}
