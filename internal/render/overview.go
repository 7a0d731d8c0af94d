package render

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"

	"giamsat/internal/address"
	"giamsat/internal/chart"
	"giamsat/internal/export"
	"giamsat/internal/format"
	"giamsat/internal/period"
	"giamsat/internal/site"
	"giamsat/internal/stats"
	"giamsat/internal/theme"
	"giamsat/internal/vntext"
)

// Overview is the home page.
type Overview struct {
	Title         string
	DistrictLabel string
	AsOf          string
	Intro         template.HTML
	Headline      Headline
	Units         theme.Table // the units in force, worst first
	UnitsNote     string
	Charts        []theme.Chart
	Compliance    Compliance
	Directives    []Link
	AllDirectives string // link to the directive list
	Districts     []Link
	Former        []Link // units that ended before as_of (districts before the 2025 reform)
	Categories    []Link
	Reports       []Link // the latest months, quarters and years
	AllReports    string // link to the list of every report
	Register      string // link to the case register
	Downloads     string
	MapScript     string // the boundary map asset, when a chart draws it
}

func (r *renderer) overviewJob() job {
	return func() error {
		const from = ""
		v := Overview{
			Title:         r.cfg.Title,
			DistrictLabel: r.cfg.DistrictLabel,
			AsOf:          r.f.Date(r.x.AsOf),
			Intro:         r.in.Intro,
			Headline:      r.headline(from, ""),
			Compliance:    r.compliance(from, gridPeriods(len(r.cfg.Districts)), ""),
			Directives:    r.directiveLinks(from, nil, 5),
			AllDirectives: address.Rel(from, address.Index(address.Directives)),
			Districts:     r.districtLinks(from, true),
			Former:        r.districtLinks(from, false),
			Categories:    r.categoryLinks(from),
			Reports:       r.latestReports(from),
			AllReports:    address.Rel(from, address.Index(address.Reports)),
			Register:      address.Rel(from, address.Index(address.Cases)),
			Downloads:     address.Rel(from, address.Index(address.Downloads)),
			MapScript:     r.mapScript(from),
		}
		v.Units, v.UnitsNote = r.unitTable(from)
		var err error
		if v.Charts, err = r.overviewCharts(from); err != nil {
			return err
		}
		return r.write(from, "overview.html", r.cfg.Title, v)
	}
}

func (r *renderer) overviewCharts(from string) ([]theme.Chart, error) {
	var out []theme.Chart
	add := func(c theme.Chart, err error) error {
		if err == nil {
			out = append(out, c)
		}
		return err
	}
	all := r.x.Total
	errs := []error{
		add(r.monthByCategory(from, "chart-cases-by-month", r.t("dashboard.chart.by_month"), "")),
		add(r.byDistrict(from, "chart-cases-by-district", r.t("dashboard.chart.by_district"), false, func(code string) stats.Counts { return r.x.District(code) })),
	}
	if r.hasGroups() {
		errs = append(errs, add(r.byGroup()))
	}
	if r.hasPopulation() {
		errs = append(errs, add(r.byDistrict(from, "chart-cases-per-100k", r.t("dashboard.chart.per_100k"), true, func(code string) stats.Counts { return r.x.District(code) })))
	}
	switch {
	case r.in.Map.Asset != "":
		errs = append(errs, add(r.choropleth(from, "chart-unit-map", r.t("dashboard.chart.unit_map"), r.t("dashboard.chart.by_district"), "#fig-chart-cases-by-district", false, r.current, func(code string) stats.Counts { return r.x.District(code) })))
		if r.hasPopulation() {
			errs = append(errs, add(r.choropleth(from, "chart-unit-map-per-100k", r.t("dashboard.chart.unit_map_per_100k"), r.t("dashboard.chart.per_100k"), "#fig-chart-cases-per-100k", true, r.current, func(code string) stats.Counts { return r.x.District(code) })))
		}
	case r.hasTiles():
		errs = append(errs, add(r.tileMap(from)))
	}
	errs = append(errs,
		add(r.platformPie(from, "chart-platforms", r.t("dashboard.chart.platforms"), func(key string) int { return r.x.Platform(key).Total })),
		add(r.statusPie("chart-status", r.t("dashboard.chart.status"), all)),
	)
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// shortMonth labels a chart axis: 4/2022.
func shortMonth(p period.Period) string { return fmt.Sprintf("%d/%d", p.N, p.Year) }

// monthByCategory stacks each month's cases by category, for the province
// or one district.
func (r *renderer) monthByCategory(from, id, title, district string) (theme.Chart, error) {
	labels := make([]string, len(r.x.Periods(period.Month)))
	for i, m := range r.x.Periods(period.Month) {
		labels[i] = shortMonth(m)
	}
	t := theme.Table{Head: []string{r.t("dashboard.month")}}
	series := make([]chart.Series, len(r.cfg.Categories))
	for j, c := range r.cfg.Categories {
		t.Head = append(t.Head, c.Name)
		series[j] = chart.Series{Name: c.Name, Values: make([]float64, len(r.x.Periods(period.Month)))}
	}
	t.Head = append(t.Head, r.t("dashboard.total"))
	for i, m := range r.x.Periods(period.Month) {
		row := theme.Row{Cells: []theme.Cell{link(r.f.Period(m), address.Rel(from, address.Index(address.Report(m))))}}
		total := 0
		for j, c := range r.cfg.Categories {
			n := r.x.Cell(m, district, c.Key)
			if district == "" {
				n = r.x.Counts(m, "", c.Key).Total
			}
			series[j].Values[i] = float64(n)
			total += n
			row.Cells = append(row.Cells, r.num(int64(n)))
		}
		row.Cells = append(row.Cells, r.num(int64(total)))
		t.Rows = append(t.Rows, row)
	}
	return build(id, title, t, func(s chart.Spec) ([]byte, error) { return chart.StackedBars(s, labels, series) })
}

func (r *renderer) hasPopulation() bool {
	return slices.ContainsFunc(r.cfg.Districts, func(d site.District) bool { return d.Population > 0 })
}

func (r *renderer) hasTiles() bool {
	return slices.ContainsFunc(r.cfg.Districts, func(d site.District) bool { return d.HasTile })
}

// per100k is cases per 100,000 people, to one decimal.
func per100k(cases int, population int64) float64 {
	return math.Round(float64(cases)*1e6/float64(population)) / 10
}

// unitBar is one unit's value on a chart of units.
type unitBar struct {
	i     int // in site.yaml
	n     int // cases
	value float64
}

// unitValues is a value per unit, largest first (ties in Vietnamese name
// order): cases, or cases per 100,000 people for the units whose
// population is known; and the table of them, which names every unit.
func (r *renderer) unitValues(from string, perCapita bool, keep func(i int) bool, counts func(code string) stats.Counts) ([]unitBar, theme.Table) {
	var bars []unitBar
	for i, d := range r.cfg.Districts {
		if perCapita && d.Population <= 0 || !keep(i) {
			continue
		}
		n := counts(d.Code).Total
		v := float64(n)
		if perCapita {
			v = per100k(n, d.Population)
		}
		bars = append(bars, unitBar{i, n, v})
	}
	vntext.SortFunc(bars, func(b unitBar) string { return r.cfg.Districts[b.i].Name })
	slices.SortStableFunc(bars, func(a, b unitBar) int { return cmp.Compare(b.value, a.value) })

	t := theme.Table{Head: []string{r.cfg.DistrictLabel, r.t("dashboard.cases")}}
	if perCapita {
		t.Head = append(t.Head, r.t("dashboard.population"), r.t("dashboard.per_100k"))
	}
	for _, b := range bars {
		d := r.cfg.Districts[b.i]
		row := theme.Row{Cells: []theme.Cell{link(d.Name, address.Rel(from, address.Index(r.districtPath(b.i)))), r.num(int64(b.n))}}
		if perCapita {
			row.Cells = append(row.Cells, r.num(d.Population), theme.Cell{Text: r.f.Dec(b.value, 1), Class: "num", Value: fmt.Sprint(b.value)})
		}
		t.Rows = append(t.Rows, row)
	}
	return bars, t
}

// byDistrict draws unitValues as bars.
func (r *renderer) byDistrict(from, id, title string, perCapita bool, counts func(code string) stats.Counts) (theme.Chart, error) {
	bars, t := r.unitValues(from, perCapita, r.current, counts)
	// The bars a screen has room for, a line of text each; the table
	// beside the chart keeps every unit. The others are not summed into
	// one bar: beside a hundred units' total, the highest would not show.
	var labels []string
	var values []float64
	for _, b := range bars[:min(len(bars), maxBars)] {
		d := r.cfg.Districts[b.i]
		label := d.Short
		if label == "" {
			label = d.Name
		}
		labels, values = append(labels, label), append(values, b.value)
	}
	name := r.t("dashboard.cases")
	if perCapita {
		name = r.t("dashboard.per_100k")
	}
	var note string
	if rest := len(bars) - len(labels); rest > 0 {
		note = r.tf("chart.rest_note", "shown", r.f.Num(int64(len(labels))), "n", r.f.Num(int64(rest)))
	}
	c, err := build(id, title, t, func(s chart.Spec) ([]byte, error) { return chart.HorizontalBars(s, name, labels, values) })
	c.Note = note
	return c, err
}

// choropleth draws unitValues on the province's boundary map. Its figures
// are those of a table elsewhere on the page, named by tableTitle and
// found at tableHref: the map has no table of its own, so that a page of
// 300 units carries them once.
func (r *renderer) choropleth(from, id, title, tableTitle, tableHref string, perCapita bool, keep func(i int) bool, counts func(code string) stats.Counts) (theme.Chart, error) {
	bars, _ := r.unitValues(from, perCapita, keep, counts)
	areas := make([]chart.Area, len(bars))
	for k, b := range bars {
		d := r.cfg.Districts[b.i]
		areas[k] = chart.Area{Code: d.Code, Name: d.Name, Value: b.value}
	}
	name := r.t("dashboard.cases")
	if perCapita {
		name = r.t("dashboard.per_100k")
	}
	c, err := build(id, title, theme.Table{}, func(s chart.Spec) ([]byte, error) { return chart.Choropleth(s, name, r.in.Map.Name, areas) })
	c.Note, c.NoteHref = r.tf("map.table_elsewhere", "table", tableTitle), tableHref
	return c, err
}

// mapScript is the link to the map asset from the page in folder from, or
// "" when the site has no boundary map.
func (r *renderer) mapScript(from string) string {
	if r.in.Map.Asset == "" {
		return ""
	}
	return address.Rel(from, r.in.Map.Asset)
}

// hasGroups reports whether a unit in force has a group to count it in.
func (r *renderer) hasGroups() bool {
	for i, d := range r.cfg.Districts {
		if d.Group != "" && r.current(i) {
			return true
		}
	}
	return false
}

// byGroup rolls the units in force up by their group: a hundred communes
// read as the dozen former districts they came from. Units without a group
// are one group of their own, named so.
func (r *renderer) byGroup() (theme.Chart, error) {
	type group struct {
		name         string
		units, cases int
	}
	var gs []*group
	index := map[string]*group{}
	for i, d := range r.cfg.Districts {
		if !r.current(i) {
			continue
		}
		name := d.Group
		if name == "" {
			name = r.t("dashboard.no_group")
		}
		g := index[name]
		if g == nil {
			g = &group{name: name}
			index[name] = g
			gs = append(gs, g)
		}
		g.units++
		g.cases += r.x.District(d.Code).Total
	}
	vntext.SortFunc(gs, func(g *group) string { return g.name })
	slices.SortStableFunc(gs, func(a, b *group) int { return cmp.Compare(b.cases, a.cases) })
	t := theme.Table{Head: []string{r.t("dashboard.group"), r.t("dashboard.units"), r.t("dashboard.cases")}}
	var labels []string
	var values []float64
	for k, g := range gs {
		t.Rows = append(t.Rows, theme.Row{Cells: []theme.Cell{text(g.name), r.num(int64(g.units)), r.num(int64(g.cases))}})
		if k < maxBars {
			labels, values = append(labels, g.name), append(values, float64(g.cases))
		}
	}
	name := r.t("dashboard.cases")
	c, err := build("chart-cases-by-group", r.t("dashboard.chart.by_group"), t, func(s chart.Spec) ([]byte, error) { return chart.HorizontalBars(s, name, labels, values) })
	if rest := len(gs) - len(labels); rest > 0 {
		c.Note = r.tf("chart.rest_note", "shown", r.f.Num(int64(len(labels))), "n", r.f.Num(int64(rest)))
	}
	return c, err
}

// maxBars is how many units a bar chart draws on their own: at a line of
// text each, what a phone shows without scrolling.
const maxBars = 15

func (r *renderer) tileMap(from string) (theme.Chart, error) {
	t := theme.Table{Head: []string{r.cfg.DistrictLabel, r.t("dashboard.cases")}}
	var tiles []chart.Tile
	var untiled []string
	for i, d := range r.cfg.Districts {
		if !r.current(i) {
			continue
		}
		n := r.x.District(d.Code).Total
		// The table keeps every unit; the map only those with a place.
		t.Rows = append(t.Rows, theme.Row{Cells: []theme.Cell{link(d.Name, address.Rel(from, address.Index(r.districtPath(i)))), r.num(int64(n))}})
		if !d.HasTile {
			untiled = append(untiled, d.Name)
			continue
		}
		label := d.Short
		if label == "" {
			label = d.Name
		}
		tiles = append(tiles, chart.Tile{Row: d.Tile[0], Col: d.Tile[1], Label: label, Value: float64(n)})
	}
	name := r.t("dashboard.cases")
	c, err := build("chart-district-map", r.t("dashboard.chart.map"), t, func(s chart.Spec) ([]byte, error) { return chart.TileMap(s, name, tiles) })
	if len(untiled) > 0 {
		c.Note = r.tf("map.untiled", "list", strings.Join(untiled, ", "))
	}
	return c, err
}

func (r *renderer) platformPie(from, id, title string, count func(key string) int) (theme.Chart, error) {
	t := theme.Table{Head: []string{r.t("dashboard.platform"), r.t("dashboard.cases")}}
	var slices []chart.Slice
	total := 0
	for _, p := range r.cfg.Platforms {
		n := count(p.Key)
		total += n
		slices = append(slices, chart.Slice{Name: p.Name, Value: float64(n)})
		t.Rows = append(t.Rows, theme.Row{Cells: []theme.Cell{text(p.Name), r.num(int64(n))}})
	}
	t.Foot = []theme.Row{{Class: "total", Cells: []theme.Cell{text(r.t("dashboard.total")), r.num(int64(total))}}}
	name := r.t("dashboard.cases")
	return build(id, title, t, func(s chart.Spec) ([]byte, error) { return chart.Pie(s, name, slices) })
}

// statusColor says open (warm: yellow, red, purple) or resolved (cool:
// green, blue, grey) at a glance, from the chart palette; the decal
// patterns and the table tell the statuses apart without colour.
func statusColor(s export.Status) string {
	switch s {
	case export.Detected:
		return chart.Yellow
	case export.Requested:
		return chart.Red
	case export.Referred:
		return chart.Purple
	case export.Removed:
		return chart.Green
	case export.Sanctioned:
		return chart.Blue
	}
	return chart.Grey
}

func (r *renderer) statusPie(id, title string, c stats.Counts) (theme.Chart, error) {
	t := theme.Table{Head: []string{r.t("dashboard.status"), r.t("dashboard.cases")}}
	var slices []chart.Slice
	for i, s := range export.Statuses {
		n := c.ByStatus[i]
		slices = append(slices, chart.Slice{Name: r.statusName(s), Value: float64(n), Color: statusColor(s)})
		t.Rows = append(t.Rows, theme.Row{Cells: []theme.Cell{text(r.statusName(s)), r.num(int64(n))}})
	}
	t.Foot = []theme.Row{{Class: "total", Cells: []theme.Cell{text(r.t("dashboard.total")), r.num(int64(c.Total))}}}
	name := r.t("dashboard.cases")
	return build(id, title, t, func(s chart.Spec) ([]byte, error) { return chart.Pie(s, name, slices) })
}

// districtLinks lists the units in force at as_of, or those that ended.
func (r *renderer) districtLinks(from string, current bool) []Link {
	var out []Link
	for i, d := range r.cfg.Districts {
		if r.current(i) == current {
			out = append(out, Link{Href: address.Rel(from, address.Index(r.districtPath(i))), Text: d.Name, Note: r.f.Num(int64(r.x.District(d.Code).Total))})
		}
	}
	return out
}

func (r *renderer) categoryLinks(from string) []Link {
	out := make([]Link, len(r.cfg.Categories))
	for i, c := range r.cfg.Categories {
		out[i] = Link{Href: address.Rel(from, address.Index(address.Category(c.Key))), Text: c.Name, Note: r.f.Num(int64(r.x.Category(c.Key).Total))}
	}
	return out
}

// latestReports links the reports of the latest month, quarter and year.
func (r *renderer) latestReports(from string) []Link {
	var out []Link
	for _, k := range stats.Kinds() {
		ps := r.x.Periods(k)
		for i := len(ps) - 1; i >= 0 && i >= len(ps)-3; i-- {
			out = append(out, Link{Href: address.Rel(from, address.Index(address.Report(ps[i]))), Text: r.f.Period(ps[i])})
		}
	}
	return out
}

// Compliance is the report grid: districts × the last periods owed.
type Compliance struct {
	Corner  string // heads the district column
	Periods []Link
	Rows    []ComplianceRow
	Legend  []ComplianceCell // one cell of each status, to explain the marks
	// The province's grid also says who is late in the latest period, and
	// lists the units worst first, with a filter (ID names the table).
	Summary *ComplianceSummary
	ID      string
}

// ComplianceSummary is the sentence above the province's grid: the latest
// period owed, how many units were late or missing, and which.
type ComplianceSummary struct {
	Text          string // "Tháng 11/2024: 7/96 đơn vị gửi muộn, 3 đơn vị chưa gửi."
	Late, Missing []Link
}

// gridPeriods is how many of the last periods the province's grid shows:
// a year for a province of districts, fewer for hundreds of communes, so
// that the page stays light (a cell per unit and period).
func gridPeriods(units int) int {
	return min(12, max(3, 1200/max(units, 1)))
}

// ComplianceRow is one district's reports.
type ComplianceRow struct {
	District Link
	Cells    []ComplianceCell
}

// ComplianceCell is one report: Status is the CSS class (on-time, late,
// missing), Mark the symbol printed, Text what it means (title and
// screen readers).
type ComplianceCell struct {
	Status, Mark, Text string
	// Title is the day a late report came, shown on hover; an on-time
	// report's day is left out so that a grid of 300 units stays light.
	Title string
}

func (r *renderer) complianceCell(rep stats.Report) ComplianceCell {
	c := ComplianceCell{Status: string(rep.Status)}
	switch rep.Status {
	case stats.OnTime:
		c.Mark, c.Text = "✓", r.t("dashboard.report.on_time")
	case stats.Late:
		c.Mark, c.Text = "!", r.t("dashboard.report.late")+" ("+r.f.Date(period.DateOf(rep.ExportedAt))+")"
		c.Title = c.Text
	default:
		c.Mark, c.Text = "✗", r.t("dashboard.report.missing")
	}
	return c
}

// compliance builds the grid of the last n periods, for every district or
// one (code); the one district's page does not link to itself.
func (r *renderer) compliance(from string, n int, district string) Compliance {
	ps := r.x.ReportPeriods(n)
	if len(ps) == 0 {
		return Compliance{}
	}
	var v Compliance
	if district == "" {
		v.Corner = r.cfg.DistrictLabel
	}
	col := make(map[period.Period]int, len(ps))
	for i, p := range ps {
		col[p] = i
		v.Periods = append(v.Periods, Link{Href: address.Rel(from, address.Index(address.Report(p))), Text: shortPeriod(p)})
	}
	row := make(map[string]int)
	for i, d := range r.cfg.Districts {
		if district != "" && d.Code != district || district == "" && !r.current(i) {
			continue
		}
		row[d.Code] = len(v.Rows)
		name := Link{Text: d.Name}
		if district == "" {
			name.Href = address.Rel(from, address.Index(r.districtPath(i)))
		}
		v.Rows = append(v.Rows, ComplianceRow{District: name, Cells: make([]ComplianceCell, len(ps))})
	}
	late, missing := make([]int, len(v.Rows)), make([]int, len(v.Rows))
	for _, rep := range r.x.Reports {
		i, ok := col[rep.Period]
		j, ok2 := row[rep.District]
		if ok && ok2 {
			v.Rows[j].Cells[i] = r.complianceCell(rep)
			switch rep.Status {
			case stats.Late:
				late[j]++
			case stats.Missing:
				missing[j]++
			}
		}
	}
	if district == "" {
		v.ID = "compliance-grid"
		v.Summary = r.complianceSummary(from, ps[len(ps)-1])
		// Worst first: most reports missing, then most late; ties keep
		// the order of site.yaml.
		order := make([]int, len(v.Rows))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int {
			return cmp.Or(cmp.Compare(missing[b], missing[a]), cmp.Compare(late[b], late[a]))
		})
		rows := make([]ComplianceRow, len(order))
		for i, j := range order {
			rows[i] = v.Rows[j]
		}
		v.Rows = rows
	}
	v.Legend = []ComplianceCell{
		{Status: string(stats.OnTime), Mark: "✓", Text: r.t("dashboard.report.on_time")},
		{Status: string(stats.Late), Mark: "!", Text: r.t("dashboard.report.late")},
		{Status: string(stats.Missing), Mark: "✗", Text: r.t("dashboard.report.missing")},
	}
	return v
}

// complianceSummary says how the reports of period p stand.
func (r *renderer) complianceSummary(from string, p period.Period) *ComplianceSummary {
	s := &ComplianceSummary{}
	total := 0
	for _, rep := range r.x.ReportsFor(p, "") {
		if rep.Period != p {
			continue
		}
		total++
		i, _ := r.x.DistrictIndex(rep.District)
		l := Link{Text: r.cfg.Districts[i].Name, Href: address.Rel(from, address.Index(r.districtPath(i)))}
		switch rep.Status {
		case stats.Late:
			s.Late = append(s.Late, l)
		case stats.Missing:
			s.Missing = append(s.Missing, l)
		}
	}
	name := format.Capital(r.f.Period(p))
	if len(s.Late) == 0 && len(s.Missing) == 0 {
		s.Text = r.tf("compliance.all_on_time", "period", name, "total", r.f.Num(int64(total)))
	} else {
		s.Text = r.tf("compliance.summary", "period", name, "late", r.f.Num(int64(len(s.Late))),
			"total", r.f.Num(int64(total)), "missing", r.f.Num(int64(len(s.Missing))))
	}
	return s
}

// shortPeriod labels a grid column: 4/2022, Q2/2022.
func shortPeriod(p period.Period) string {
	switch p.Kind {
	case period.Month:
		return shortMonth(p)
	case period.Quarter:
		return fmt.Sprintf("Q%d/%d", p.N, p.Year)
	}
	return p.String()
}
