package render

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"giamsat/internal/address"
	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/stats"
	"giamsat/internal/theme"
)

// Report is a period's printable report.
type Report struct {
	Title        string
	Organization string // the organisation's name at the period's end
	Period       string
	Span         string // first – last day
	AsOf         string
	Narrative    []string     // paragraphs in full sentences
	Comparison   theme.Table  // this period, the previous one, a year earlier
	ByDistrict   theme.Table  // district × category
	ByStatus     theme.Table  // district × status
	Reports      theme.Table  // late and missing reports, named
	Map          *theme.Chart // the period's cases on the boundary map; nil without one
	MapScript    string
	Prev, Next   Link // neighbouring reports of the same kind; empty Href when none
	Overview     string
	Index        string // the list of every report
}

func (r *renderer) reportJob(p period.Period) job {
	return func() error {
		from := address.Report(p)
		first, last := p.Span(r.cfg.Reports.PeriodStartDay)
		v := Report{
			Title:        r.tf("report.title", "period", r.f.Period(p)),
			Organization: r.cfg.OrganizationOn(last),
			Period:       r.f.Period(p),
			Span:         r.f.Date(first) + " – " + r.f.Date(last),
			AsOf:         r.f.Date(r.x.AsOf),
			Overview:     address.Rel(from, address.Index("")),
			Index:        address.Rel(from, address.Index(address.Reports)),
		}
		v.Narrative = r.narrative(p)
		v.Comparison = r.comparison(p)
		v.ByDistrict = r.districtCategoryTable(from, p)
		v.ByStatus = r.districtStatusTable(from, p)
		v.Reports = sortable(r.reportIssues(from, p))
		if r.in.Map.Asset != "" {
			m, err := r.choropleth(from, "chart-unit-map", r.t("dashboard.chart.unit_map"), r.t("dashboard.by_district_category"), "#by-district-title", false, r.during(p), func(code string) stats.Counts { return r.x.Counts(p, code, "") })
			if err != nil {
				return err
			}
			v.Map, v.MapScript = &m, r.mapScript(from)
		}
		ps := r.x.Periods(p.Kind)
		for i, q := range ps {
			if q != p {
				continue
			}
			if i > 0 {
				v.Prev = Link{Href: address.Rel(from, address.Index(address.Report(ps[i-1]))), Text: r.f.Period(ps[i-1])}
			}
			if i+1 < len(ps) {
				v.Next = Link{Href: address.Rel(from, address.Index(address.Report(ps[i+1]))), Text: r.f.Period(ps[i+1])}
			}
		}
		return r.write(from, "report.html", v.Title, v)
	}
}

// prevWord names the period before, as a sentence says it.
func (r *renderer) prevWord(k period.Kind) string {
	switch k {
	case period.Month:
		return r.t("report.prev.month")
	case period.Quarter:
		return r.t("report.prev.quarter")
	}
	return r.t("report.prev.year")
}

// compare says how cur stands against before, as the clause that follows
// the count with its punctuation: ", tăng 12% so với tháng trước (33 vụ
// việc)", or "; tháng trước không có vụ việc nào".
func (r *renderer) compare(cur, before int, than string) string {
	was := r.cases(before)
	switch {
	case before == 0 && cur == 0:
		return r.tf("report.compare.none_both", "than", than)
	case before == 0:
		return r.tf("report.compare.none_before", "than", than)
	case cur == before:
		return r.tf("report.compare.same", "than", than, "before", was)
	}
	pct := r.f.Num(int64(math.Round(100*math.Abs(float64(cur-before))/float64(before)))) + "%"
	if cur > before {
		return r.tf("report.compare.up", "pct", pct, "than", than, "before", was)
	}
	return r.tf("report.compare.down", "pct", pct, "than", than, "before", was)
}

// cases says a number of cases: "12 vụ việc".
func (r *renderer) cases(n int) string { return r.tf("report.cases", "n", r.f.Num(int64(n))) }

// narrative writes the report's summary in sentences.
func (r *renderer) narrative(p period.Period) []string {
	c := r.x.Counts(p, "", "")
	prev := r.x.Counts(p.Prev(), "", "")
	name := r.f.Period(p)
	var out []string

	if c.Total == 0 {
		out = append(out, r.tf("report.none", "period", name))
	} else {
		compare := r.compare(c.Total, prev.Total, r.prevWord(p.Kind))
		if p.Kind != period.Year {
			compare += r.compare(c.Total, r.x.Counts(p.YearAgo(), "", "").Total, r.t("report.year_ago"))
		}
		out = append(out, r.tf("report.detected", "period", name, "cases", r.cases(c.Total), "compare", compare))

		if top := r.topDistricts(p, 3); len(top) > 0 {
			out = append(out, r.tf("report.top_units", "list", strings.Join(top, ", ")))
		}
		if top := r.topCategories(p, 2); len(top) > 0 {
			out = append(out, r.tf("report.top_categories", "list", strings.Join(top, "; ")))
		}
		num := func(n int) string { return r.f.Num(int64(n)) }
		out = append(out, r.tf("report.outcome",
			"as_of", r.f.Date(r.x.AsOf), "open", num(c.Open), "overdue", num(c.Overdue),
			"removed", num(c.Status(export.Removed)), "sanctioned", num(c.Status(export.Sanctioned)), "fines", r.f.Money(c.FinesVND),
			"referred", num(c.Status(export.Referred)), "closed", num(c.Status(export.Closed))))
	}

	reps := r.x.ReportsFor(p, "")
	if len(reps) > 0 && !singlePeriod(reps, p) {
		// A quarter or a year: totals by unit, not every unit and month.
		lapses := r.lapses(reps)
		var onTime, late, missing int
		var list []string
		for _, rep := range reps {
			switch rep.Status {
			case stats.OnTime:
				onTime++
			case stats.Late:
				late++
			default:
				missing++
			}
		}
		for _, l := range lapses {
			list = append(list, r.lapseText(l))
		}
		s := r.tf("report.compliance", "n", r.f.Num(int64(onTime)))
		if len(lapses) > 0 {
			s += r.tf("report.compliance.units", "late", r.f.Num(int64(late)), "missing", r.f.Num(int64(missing)),
				"units", r.f.Num(int64(len(lapses))), "list", strings.Join(list, "; "))
		}
		out = append(out, s+".")
	} else if len(reps) > 0 {
		var onTime int
		var late, missing []string
		for _, rep := range reps {
			who := r.districtName[rep.District]
			if rep.Period != p {
				who += " (" + r.f.Period(rep.Period) + ")"
			}
			switch rep.Status {
			case stats.OnTime:
				onTime++
			case stats.Late:
				late = append(late, who)
			default:
				missing = append(missing, who)
			}
		}
		s := r.tf("report.compliance", "n", r.f.Num(int64(onTime)))
		if len(late) > 0 {
			s += r.tf("report.compliance.late", "n", r.f.Num(int64(len(late))), "list", strings.Join(late, ", "))
		}
		if len(missing) > 0 {
			s += r.tf("report.compliance.missing", "n", r.f.Num(int64(len(missing))), "list", strings.Join(missing, ", "))
		}
		out = append(out, s+".")
	}
	return out
}

// topDistricts names the n districts with most cases in p: "Bến Lức (12
// vụ việc)". Ties keep site order.
func (r *renderer) topDistricts(p period.Period, n int) []string {
	type d struct {
		name  string
		cases int
	}
	var ds []d
	for _, x := range r.cfg.Districts {
		if k := r.x.Counts(p, x.Code, "").Total; k > 0 {
			ds = append(ds, d{x.Name, k})
		}
	}
	sortDesc(ds, func(x d) int { return x.cases })
	var out []string
	for _, x := range ds[:min(n, len(ds))] {
		out = append(out, r.tf("report.named_count", "name", x.name, "cases", r.cases(x.cases)))
	}
	return out
}

func (r *renderer) topCategories(p period.Period, n int) []string {
	type c struct {
		name  string
		cases int
	}
	var cs []c
	for _, x := range r.cfg.Categories {
		if k := r.x.Counts(p, "", x.Key).Total; k > 0 {
			cs = append(cs, c{x.Name, k})
		}
	}
	sortDesc(cs, func(x c) int { return x.cases })
	var out []string
	for _, x := range cs[:min(n, len(cs))] {
		out = append(out, r.tf("report.named_count", "name", x.name, "cases", r.cases(x.cases)))
	}
	return out
}

// comparison tabulates the period's figures against the previous period
// and the same period a year earlier.
func (r *renderer) comparison(p period.Period) theme.Table {
	cur, prev, ago := r.x.Counts(p, "", ""), r.x.Counts(p.Prev(), "", ""), r.x.Counts(p.YearAgo(), "", "")
	t := theme.Table{Head: []string{"", r.f.Period(p), r.f.Period(p.Prev()), r.t("dashboard.change"), r.f.Period(p.YearAgo()), r.t("dashboard.change")}}
	if p.Kind == period.Year {
		t.Head = t.Head[:4]
	}
	row := func(label string, v func(stats.Counts) int64, money bool) {
		show := r.num
		if money {
			show = r.money
		}
		ch1, _ := r.change(float64(v(cur)), float64(v(prev)))
		cells := []theme.Cell{text(label), show(v(cur)), show(v(prev)), {Text: ch1, Class: "num"}}
		if p.Kind != period.Year {
			ch2, _ := r.change(float64(v(cur)), float64(v(ago)))
			cells = append(cells, show(v(ago)), theme.Cell{Text: ch2, Class: "num"})
		}
		t.Rows = append(t.Rows, theme.Row{Cells: cells})
	}
	row(r.t("dashboard.fig.cases"), func(c stats.Counts) int64 { return int64(c.Total) }, false)
	row(r.t("dashboard.fig.open"), func(c stats.Counts) int64 { return int64(c.Open) }, false)
	row(r.t("dashboard.fig.overdue"), func(c stats.Counts) int64 { return int64(c.Overdue) }, false)
	for _, s := range []export.Status{export.Removed, export.Sanctioned, export.Referred, export.Closed} {
		row(r.statusName(s), func(c stats.Counts) int64 { return int64(c.Status(s)) }, false)
	}
	row(r.t("dashboard.fig.fines"), func(c stats.Counts) int64 { return c.FinesVND }, true)
	return t
}

func (r *renderer) districtCategoryTable(from string, p period.Period) theme.Table {
	t := theme.Table{Head: []string{r.cfg.DistrictLabel}}
	for _, c := range r.cfg.Categories {
		t.Head = append(t.Head, c.Name)
	}
	t.Head = append(t.Head, r.t("dashboard.total"))
	colTotals := make([]int, len(r.cfg.Categories))
	existed := r.during(p)
	for i, d := range r.cfg.Districts {
		if !existed(i) {
			continue
		}
		row := theme.Row{Cells: []theme.Cell{link(d.Name, address.Rel(from, address.Index(r.districtPath(i))))}}
		total := 0
		for j, c := range r.cfg.Categories {
			n := r.x.Cell(p, d.Code, c.Key)
			colTotals[j] += n
			total += n
			row.Cells = append(row.Cells, r.num(int64(n)))
		}
		t.Rows = append(t.Rows, theme.Row{Cells: append(row.Cells, r.num(int64(total)))})
	}
	foot := theme.Row{Class: "total", Cells: []theme.Cell{text(r.t("dashboard.province"))}}
	sum := 0
	for _, n := range colTotals {
		foot.Cells = append(foot.Cells, r.num(int64(n)))
		sum += n
	}
	foot.Cells = append(foot.Cells, r.num(int64(sum)))
	t.Foot = []theme.Row{foot}
	return t
}

func (r *renderer) districtStatusTable(from string, p period.Period) theme.Table {
	t := theme.Table{Head: []string{r.cfg.DistrictLabel}}
	for _, s := range export.Statuses {
		t.Head = append(t.Head, r.statusName(s))
	}
	t.Head = append(t.Head, r.t("dashboard.fig.overdue"), r.t("dashboard.fig.fines"), r.t("dashboard.total"))
	line := func(c stats.Counts) []theme.Cell {
		var cells []theme.Cell
		for i := range export.Statuses {
			cells = append(cells, r.num(int64(c.ByStatus[i])))
		}
		return append(cells, r.num(int64(c.Overdue)), r.money(c.FinesVND), r.num(int64(c.Total)))
	}
	existed := r.during(p)
	for i, d := range r.cfg.Districts {
		if !existed(i) {
			continue
		}
		c := r.x.Counts(p, d.Code, "")
		t.Rows = append(t.Rows, theme.Row{Cells: append([]theme.Cell{link(d.Name, address.Rel(from, address.Index(r.districtPath(i))))}, line(c)...)})
	}
	t.Foot = []theme.Row{{Class: "total", Cells: append([]theme.Cell{text(r.t("dashboard.province"))}, line(r.x.Counts(p, "", ""))...)}}
	return t
}

// reportIssues names the late and missing reports of the period.
func (r *renderer) reportIssues(from string, p period.Period) theme.Table {
	if reps := r.x.ReportsFor(p, ""); !singlePeriod(reps, p) {
		return r.lapseTable(from, reps)
	}
	t := theme.Table{Head: []string{r.cfg.DistrictLabel, r.t("dashboard.report.period"), r.t("dashboard.report.due"), r.t("dashboard.status"), r.t("dashboard.report.exported")}}
	for _, rep := range r.x.ReportsFor(p, "") {
		if rep.Status == stats.OnTime {
			continue
		}
		c := r.complianceCell(rep)
		exported := ""
		if !rep.ExportedAt.IsZero() {
			exported = r.f.Date(period.DateOf(rep.ExportedAt))
		}
		i, _ := r.x.DistrictIndex(rep.District)
		t.Rows = append(t.Rows, theme.Row{Class: c.Status, Cells: []theme.Cell{
			link(r.districtName[rep.District], address.Rel(from, address.Index(r.districtPath(i)))),
			text(r.f.Period(rep.Period)),
			{Text: r.f.Date(rep.Due), Value: rep.Due.String()},
			{Text: c.Mark + " " + r.t("dashboard.report."+strings.ReplaceAll(string(rep.Status), "-", "_")), Class: c.Status},
			text(exported),
		}})
	}
	return t
}

// singlePeriod reports whether every report row is for p itself: a month
// report of monthly reports, not a quarter or a year of them.
func singlePeriod(reps []stats.Report, p period.Period) bool {
	for _, rep := range reps {
		if rep.Period != p {
			return false
		}
	}
	return true
}

// lapse is one unit's late and missing reports over several periods.
type lapse struct {
	unit          int // in site.yaml
	late, missing []period.Period
}

// lapses totals the late and missing reports by unit, worst first (most
// missing, then most late; ties in site order).
func (r *renderer) lapses(reps []stats.Report) []*lapse {
	byUnit := make(map[int]*lapse)
	var out []*lapse
	for _, rep := range reps {
		if rep.Status == stats.OnTime {
			continue
		}
		i, _ := r.x.DistrictIndex(rep.District)
		l := byUnit[i]
		if l == nil {
			l = &lapse{unit: i}
			byUnit[i] = l
			out = append(out, l)
		}
		if rep.Status == stats.Late {
			l.late = append(l.late, rep.Period)
		} else {
			l.missing = append(l.missing, rep.Period)
		}
	}
	slices.SortStableFunc(out, func(a, b *lapse) int {
		return cmp.Or(cmp.Compare(len(b.missing), len(a.missing)), cmp.Compare(len(b.late), len(a.late)), cmp.Compare(a.unit, b.unit))
	})
	return out
}

// lapseText says one unit's lapses: "Xã A: muộn 3 kỳ, thiếu 1 kỳ".
func (r *renderer) lapseText(l *lapse) string {
	name := r.cfg.Districts[l.unit].Name
	late, missing := r.f.Num(int64(len(l.late))), r.f.Num(int64(len(l.missing)))
	switch {
	case len(l.missing) == 0:
		return r.tf("report.unit_late", "name", name, "late", late)
	case len(l.late) == 0:
		return r.tf("report.unit_missing", "name", name, "missing", missing)
	}
	return r.tf("report.unit_late_missing", "name", name, "late", late, "missing", missing)
}

// lapseTable lists, for a quarter or a year, each unit that reported late
// or not at all: how often, and in which periods.
func (r *renderer) lapseTable(from string, reps []stats.Report) theme.Table {
	t := theme.Table{Head: []string{r.cfg.DistrictLabel, r.t("dashboard.report.late"), r.t("dashboard.report.missing"),
		r.t("report.late_periods"), r.t("report.missing_periods")}}
	short := func(ps []period.Period) string {
		names := make([]string, len(ps))
		for i, p := range ps {
			names[i] = shortPeriod(p)
		}
		return strings.Join(names, ", ")
	}
	for _, l := range r.lapses(reps) {
		class := string(stats.Late)
		if len(l.missing) > 0 {
			class = string(stats.Missing)
		}
		t.Rows = append(t.Rows, theme.Row{Class: class, Cells: []theme.Cell{
			link(r.cfg.Districts[l.unit].Name, address.Rel(from, address.Index(r.districtPath(l.unit)))),
			r.num(int64(len(l.late))), r.num(int64(len(l.missing))),
			text(short(l.late)), text(short(l.missing)),
		}})
	}
	return t
}
