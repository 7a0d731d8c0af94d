package render

import (
	"giamsat/internal/address"
	"giamsat/internal/chart"
	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/site"
	"giamsat/internal/stats"
	"giamsat/internal/theme"
)

// Category is a category's page.
type Category struct {
	Name       string
	Key        string
	AsOf       string
	Figures    []Figure // all periods
	Charts     []theme.Chart
	Directives DirectiveList
	Overview   string
	MapScript  string // the boundary map asset, when a chart draws it
}

func (r *renderer) categoryJob(c site.Item) job {
	return func() error {
		from := address.Category(c.Key)
		all := r.x.Category(c.Key)
		v := Category{
			Name:       c.Name,
			Key:        c.Key,
			AsOf:       r.f.Date(r.x.AsOf),
			Figures:    r.totals(all),
			Directives: r.relatedDirectives(from, map[string]bool{c.Key: true}),
			Overview:   address.Rel(from, address.Index("")),
			MapScript:  r.mapScript(from),
		}
		charts := []func() (theme.Chart, error){
			func() (theme.Chart, error) { return r.categoryTrend(from, c) },
			func() (theme.Chart, error) {
				return r.byDistrict(from, "chart-cases-by-district", r.t("dashboard.chart.by_district"), false, func(code string) stats.Counts {
					return r.x.DistrictCategory(code, c.Key)
				})
			},
		}
		if r.in.Map.Asset != "" {
			charts = append(charts, func() (theme.Chart, error) {
				return r.choropleth(from, "chart-unit-map", r.t("dashboard.chart.unit_map"), r.t("dashboard.chart.by_district"), "#fig-chart-cases-by-district", false, r.current, func(code string) stats.Counts {
					return r.x.DistrictCategory(code, c.Key)
				})
			})
		}
		charts = append(charts,
			func() (theme.Chart, error) {
				return r.platformPie(from, "chart-platforms", r.t("dashboard.chart.platforms"), func(key string) int {
					return r.x.CategoryPlatform(c.Key, key).Total
				})
			},
			func() (theme.Chart, error) { return r.statusPie("chart-status", r.t("dashboard.chart.status"), all) },
		)
		for _, f := range charts {
			ch, err := f()
			if err != nil {
				return err
			}
			v.Charts = append(v.Charts, ch)
		}
		return r.write(from, "category.html", c.Name, v)
	}
}

// totals are the all-period figures of a group, without comparison.
func (r *renderer) totals(c stats.Counts) []Figure {
	rate := "–"
	if v, ok := removalRate(c); ok {
		rate = r.f.Pct(v)
	}
	return []Figure{
		{Key: "cases", Label: r.t("dashboard.fig.cases"), Value: r.f.Num(int64(c.Total))},
		{Key: "open", Label: r.t("dashboard.fig.open"), Value: r.f.Num(int64(c.Open))},
		{Key: "overdue", Label: r.t("dashboard.fig.overdue"), Value: r.f.Num(int64(c.Overdue))},
		{Key: "removal", Label: r.t("dashboard.fig.removal_rate"), Value: rate},
		{Key: "referred", Label: r.t("dashboard.fig.referred"), Value: r.f.Num(int64(c.Status(export.Referred)))},
		{Key: "fines", Label: r.t("dashboard.fig.fines"), Value: r.f.Money(c.FinesVND)},
	}
}

func (r *renderer) categoryTrend(from string, c site.Item) (theme.Chart, error) {
	labels := make([]string, len(r.x.Periods(period.Month)))
	s := chart.Series{Name: c.Name, Values: make([]float64, len(r.x.Periods(period.Month)))}
	t := theme.Table{Head: []string{r.t("dashboard.month"), r.t("dashboard.cases")}}
	for i, m := range r.x.Periods(period.Month) {
		labels[i] = shortMonth(m)
		n := r.x.Counts(m, "", c.Key).Total
		s.Values[i] = float64(n)
		t.Rows = append(t.Rows, theme.Row{Cells: []theme.Cell{link(r.f.Period(m), address.Rel(from, address.Index(address.Report(m)))), r.num(int64(n))}})
	}
	return build("chart-trend", r.t("dashboard.chart.category_trend"), t, func(sp chart.Spec) ([]byte, error) {
		return chart.Lines(sp, labels, []chart.Series{s})
	})
}
