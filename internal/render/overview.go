package render

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"slices"

	"giamsat/internal/address"
	"giamsat/internal/chart"
	"giamsat/internal/export"
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
	Charts        []theme.Chart
	Compliance    Compliance
	Directives    []Link
	AllDirectives string // link to the directive list
	Districts     []Link
	Categories    []Link
	Reports       []Link // the latest months, quarters and years
	AllReports    string // link to the list of every report
	Register      string // link to the case register
	Downloads     string
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
			Compliance:    r.compliance(from, 12, ""),
			Directives:    r.directiveLinks(from, nil, 5),
			AllDirectives: address.Rel(from, address.Index(address.Directives)),
			Districts:     r.districtLinks(from),
			Categories:    r.categoryLinks(from),
			Reports:       r.latestReports(from),
			AllReports:    address.Rel(from, address.Index(address.Reports)),
			Register:      address.Rel(from, address.Index(address.Cases)),
			Downloads:     address.Rel(from, address.Index(address.Downloads)),
		}
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
	if r.hasPopulation() {
		errs = append(errs, add(r.byDistrict(from, "chart-cases-per-100k", r.t("dashboard.chart.per_100k"), true, func(code string) stats.Counts { return r.x.District(code) })))
	}
	if r.hasTiles() {
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

// byDistrict draws a value per district, largest first (ties in
// Vietnamese name order): cases, or cases per 100,000 people for the
// districts whose population is known.
func (r *renderer) byDistrict(from, id, title string, perCapita bool, counts func(code string) stats.Counts) (theme.Chart, error) {
	type bar struct {
		i     int
		n     int
		value float64
	}
	var bars []bar
	for i, d := range r.cfg.Districts {
		if perCapita && d.Population <= 0 {
			continue
		}
		n := counts(d.Code).Total
		v := float64(n)
		if perCapita {
			v = per100k(n, d.Population)
		}
		bars = append(bars, bar{i, n, v})
	}
	vntext.SortFunc(bars, func(b bar) string { return r.cfg.Districts[b.i].Name })
	slices.SortStableFunc(bars, func(a, b bar) int { return cmp.Compare(b.value, a.value) })

	t := theme.Table{Head: []string{r.cfg.DistrictLabel, r.t("dashboard.cases")}}
	if perCapita {
		t.Head = append(t.Head, r.t("dashboard.population"), r.t("dashboard.per_100k"))
	}
	labels := make([]string, len(bars))
	values := make([]float64, len(bars))
	for k, b := range bars {
		d := r.cfg.Districts[b.i]
		labels[k], values[k] = d.Short, b.value
		if labels[k] == "" {
			labels[k] = d.Name
		}
		row := theme.Row{Cells: []theme.Cell{link(d.Name, address.Rel(from, address.Index(r.districtPath(b.i)))), r.num(int64(b.n))}}
		if perCapita {
			row.Cells = append(row.Cells, r.num(d.Population), theme.Cell{Text: r.f.Dec(b.value, 1), Class: "num", Value: fmt.Sprint(b.value)})
		}
		t.Rows = append(t.Rows, row)
	}
	name := r.t("dashboard.cases")
	if perCapita {
		name = r.t("dashboard.per_100k")
	}
	return build(id, title, t, func(s chart.Spec) ([]byte, error) { return chart.HorizontalBars(s, name, labels, values) })
}

func (r *renderer) tileMap(from string) (theme.Chart, error) {
	t := theme.Table{Head: []string{r.cfg.DistrictLabel, r.t("dashboard.cases")}}
	var tiles []chart.Tile
	for i, d := range r.cfg.Districts {
		if !d.HasTile {
			continue
		}
		n := r.x.District(d.Code).Total
		label := d.Short
		if label == "" {
			label = d.Name
		}
		tiles = append(tiles, chart.Tile{Row: d.Tile[0], Col: d.Tile[1], Label: label, Value: float64(n)})
		t.Rows = append(t.Rows, theme.Row{Cells: []theme.Cell{link(d.Name, address.Rel(from, address.Index(r.districtPath(i)))), r.num(int64(n))}})
	}
	name := r.t("dashboard.cases")
	return build("chart-district-map", r.t("dashboard.chart.map"), t, func(s chart.Spec) ([]byte, error) { return chart.TileMap(s, name, tiles) })
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

func (r *renderer) districtLinks(from string) []Link {
	out := make([]Link, len(r.cfg.Districts))
	for i, d := range r.cfg.Districts {
		out[i] = Link{Href: address.Rel(from, address.Index(r.districtPath(i))), Text: d.Name, Note: r.f.Num(int64(r.x.District(d.Code).Total))}
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
}

func (r *renderer) complianceCell(rep stats.Report) ComplianceCell {
	c := ComplianceCell{Status: string(rep.Status)}
	switch rep.Status {
	case stats.OnTime:
		c.Mark, c.Text = "✓", r.t("dashboard.report.on_time")+" ("+r.f.Date(period.DateOf(rep.ExportedAt))+")"
	case stats.Late:
		c.Mark, c.Text = "!", r.t("dashboard.report.late")+" ("+r.f.Date(period.DateOf(rep.ExportedAt))+")"
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
		if district != "" && d.Code != district {
			continue
		}
		row[d.Code] = len(v.Rows)
		name := Link{Text: d.Name}
		if district == "" {
			name.Href = address.Rel(from, address.Index(r.districtPath(i)))
		}
		v.Rows = append(v.Rows, ComplianceRow{District: name, Cells: make([]ComplianceCell, len(ps))})
	}
	for _, rep := range r.x.Reports {
		i, ok := col[rep.Period]
		j, ok2 := row[rep.District]
		if ok && ok2 {
			v.Rows[j].Cells[i] = r.complianceCell(rep)
		}
	}
	v.Legend = []ComplianceCell{
		{Status: string(stats.OnTime), Mark: "✓", Text: r.t("dashboard.report.on_time")},
		{Status: string(stats.Late), Mark: "!", Text: r.t("dashboard.report.late")},
		{Status: string(stats.Missing), Mark: "✗", Text: r.t("dashboard.report.missing")},
	}
	return v
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
