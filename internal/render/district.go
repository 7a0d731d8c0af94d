package render

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"giamsat/internal/address"
	"giamsat/internal/chart"
	"giamsat/internal/period"
	"giamsat/internal/theme"
)

// openListMax caps the open cases listed on a district page; the register
// has them all.
const openListMax = 100

// District is a district's page.
type District struct {
	Name       string
	Code       string
	AsOf       string
	Headline   Headline
	Charts     []theme.Chart
	Open       CaseList // its open cases, overdue first
	OpenNote   string
	Compliance Compliance
	Directives DirectiveList
	Register   string
	Overview   string
	// Ended says, for a unit that no longer exists, when it ended; its
	// Successors are the units that took it over.
	Ended      string
	Successors []Link
}

func (r *renderer) districtJob(i int) job {
	return func() error {
		d := r.cfg.Districts[i]
		from := r.districtPath(i)
		v := District{
			Name:       d.Name,
			Code:       d.Code,
			AsOf:       r.f.Date(r.x.AsOf),
			Headline:   r.headline(from, d.Code),
			Compliance: r.compliance(from, 12, d.Code),
			Register:   address.Rel(from, address.Index(address.DistrictCases(r.slugs[i]))),
			Overview:   address.Rel(from, address.Index("")),
		}
		if !d.Until.IsZero() {
			for _, code := range d.NowPartOf {
				if j, ok := r.x.DistrictIndex(code); ok {
					v.Successors = append(v.Successors, Link{Text: r.cfg.Districts[j].Name, Href: address.Rel(from, address.Index(r.districtPath(j)))})
				}
			}
			key := "unit.ended"
			if len(v.Successors) == 0 {
				key = "unit.ended_alone"
			}
			v.Ended = r.tf(key, "until", r.f.Date(d.Until))
		}
		cats := make(map[string]bool)
		for _, c := range r.cfg.Categories {
			if r.x.DistrictCategory(d.Code, c.Key).Total > 0 {
				cats[c.Key] = true
			}
		}
		v.Directives = r.relatedDirectives(from, cats)
		open, note := r.openCases(r.x.DistrictCases(i))
		v.Open, v.OpenNote = open, note

		counts := r.x.District(d.Code)
		charts := []func() (theme.Chart, error){
			func() (theme.Chart, error) { return r.trend(from, d.Code) },
			func() (theme.Chart, error) {
				return r.monthByCategory(from, "chart-cases-by-month", r.t("dashboard.chart.by_month"), d.Code)
			},
			func() (theme.Chart, error) {
				return r.categoryBars(from, "chart-categories", r.t("dashboard.chart.categories"), func(key string) int {
					return r.x.DistrictCategory(d.Code, key).Total
				})
			},
			func() (theme.Chart, error) {
				return r.platformPie(from, "chart-platforms", r.t("dashboard.chart.platforms"), func(key string) int {
					return r.x.DistrictPlatform(d.Code, key).Total
				})
			},
			func() (theme.Chart, error) { return r.statusPie("chart-status", r.t("dashboard.chart.status"), counts) },
		}
		for _, c := range charts {
			ch, err := c()
			if err != nil {
				return err
			}
			v.Charts = append(v.Charts, ch)
		}
		return r.write(from, "district.html", d.Name, v)
	}
}

// trend draws a district's cases per month against the province average
// per district.
func (r *renderer) trend(from, code string) (theme.Chart, error) {
	n := float64(max(len(r.cfg.Districts), 1))
	name := r.districtName[code]
	avgName := r.t("dashboard.province_average")
	labels := make([]string, len(r.x.Periods(period.Month)))
	own := chart.Series{Name: name, Values: make([]float64, len(r.x.Periods(period.Month)))}
	avg := chart.Series{Name: avgName, Values: make([]float64, len(r.x.Periods(period.Month)))}
	t := theme.Table{Head: []string{r.t("dashboard.month"), name, avgName}}
	for i, m := range r.x.Periods(period.Month) {
		labels[i] = shortMonth(m)
		c := r.x.Counts(m, code, "").Total
		a := math.Round(float64(r.x.Counts(m, "", "").Total)/n*10) / 10
		own.Values[i], avg.Values[i] = float64(c), a
		t.Rows = append(t.Rows, theme.Row{Cells: []theme.Cell{
			link(r.f.Period(m), address.Rel(from, address.Index(address.Report(m)))),
			r.num(int64(c)),
			{Text: r.f.Dec(a, 1), Class: "num", Value: strconv.FormatFloat(a, 'f', -1, 64)},
		}})
	}
	return build("chart-trend", r.t("dashboard.chart.trend"), t, func(s chart.Spec) ([]byte, error) {
		return chart.Lines(s, labels, []chart.Series{own, avg})
	})
}

// categoryBars draws a value per category, largest first (ties in site
// order).
func (r *renderer) categoryBars(from, id, title string, count func(key string) int) (theme.Chart, error) {
	type bar struct {
		i, n int
	}
	bars := make([]bar, len(r.cfg.Categories))
	for i, c := range r.cfg.Categories {
		bars[i] = bar{i, count(c.Key)}
	}
	slices.SortStableFunc(bars, func(a, b bar) int { return cmp.Compare(b.n, a.n) })
	t := theme.Table{Head: []string{r.t("dashboard.category"), r.t("dashboard.cases")}}
	labels := make([]string, len(bars))
	values := make([]float64, len(bars))
	for k, b := range bars {
		c := r.cfg.Categories[b.i]
		labels[k], values[k] = c.Name, float64(b.n)
		t.Rows = append(t.Rows, theme.Row{Cells: []theme.Cell{link(c.Name, address.Rel(from, address.Index(address.Category(c.Key)))), r.num(int64(b.n))}})
	}
	name := r.t("dashboard.cases")
	return build(id, title, t, func(s chart.Spec) ([]byte, error) { return chart.HorizontalBars(s, name, labels, values) })
}

// openCases lists a district's open cases, overdue first, oldest first,
// then by id; at most openListMax of them.
func (r *renderer) openCases(idx []int32) (CaseList, string) {
	var open []int32
	for _, i := range idx {
		if r.in.Cases[i].Status.Open() {
			open = append(open, i)
		}
	}
	overdue := func(i int32) bool { return r.x.IsOverdue(int(i)) }
	slices.SortStableFunc(open, func(a, b int32) int {
		ca, cb := &r.in.Cases[a], &r.in.Cases[b]
		oa, ob := overdue(a), overdue(b)
		if oa != ob {
			if oa {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(ca.DetectedOn, cb.DetectedOn), strings.Compare(ca.ID, cb.ID))
	})
	note := ""
	if len(open) > openListMax {
		note = r.tf("unit.open_shown", "shown", r.f.Num(openListMax), "total", r.f.Num(int64(len(open))))
		open = open[:openListMax]
	}
	head := r.registerHead()
	head.ID = ""
	return CaseList{Table: head, Rows: RegisterRows{w: r.rows(), idx: open, to: len(open)}}, note
}

// caseTable is the head of a list of cases.
func (r *renderer) caseTable() theme.Table {
	return theme.Table{Head: []string{
		r.t("dashboard.case.id"), r.cfg.DistrictLabel, r.t("dashboard.category"), r.t("dashboard.platform"),
		r.t("dashboard.status"), r.t("dashboard.case.detected"), r.t("dashboard.case.resolved"), r.t("dashboard.case.days_open"),
	}}
}
