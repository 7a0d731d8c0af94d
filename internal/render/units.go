package render

import (
	"cmp"
	"fmt"
	"slices"

	"giamsat/internal/address"
	"giamsat/internal/period"
	"giamsat/internal/stats"
	"giamsat/internal/theme"
	"giamsat/internal/vntext"
)

// unitTableMax caps the rows of the table of units: a province of 300
// communes keeps its overview under 300 KB; the worst are the ones shown,
// and districts.csv and the unit pages have every unit.
const unitTableMax = 100

// lagPeriods is how many of the last report periods the unit table counts
// late and missing reports over: a quarter of monthly reports.
const lagPeriods = 3

// unitRow is one unit's line of the table of units that lag.
type unitRow struct {
	i                 int // in site.yaml
	b                 stats.Backlog
	rate              float64 // overdue ÷ open; -1 when nothing is open
	lapses            int     // late or missing reports in the last lagPeriods
	cases12           int     // cases detected in the last twelve months
	per100k           float64 // cases12 per 100,000 people; -1 when the population is unknown
	waiting           int
	haveRate, havePop bool
}

// unitTable is the overview's table of the units in force, worst first:
// most overdue, then the highest overdue rate, then the most reports late
// or missing. Every column sorts in the browser.
func (r *renderer) unitTable(from string) (theme.Table, string) {
	ps := r.x.ReportPeriods(lagPeriods)
	inLag := make(map[period.Period]bool, len(ps))
	for _, p := range ps {
		inLag[p] = true
	}
	lapses := make(map[string]int)
	for _, rep := range r.x.Reports {
		if inLag[rep.Period] && rep.Status != stats.OnTime {
			lapses[rep.District]++
		}
	}
	var months []period.Period
	if cur := r.x.Current(); !cur.IsZero() {
		for m, k := cur, 0; k < sparkMonths; m, k = m.Prev(), k+1 {
			months = append(months, m)
		}
	}

	var rows []unitRow
	for i, d := range r.cfg.Districts {
		if !r.current(i) {
			continue
		}
		u := unitRow{i: i, b: r.x.Backlog(d.Code), lapses: lapses[d.Code], rate: -1, per100k: -1}
		u.waiting = u.b.WaitingCases()
		if u.b.Open > 0 {
			u.rate, u.haveRate = float64(u.b.Overdue)/float64(u.b.Open), true
		}
		for _, m := range months {
			u.cases12 += r.x.Counts(m, d.Code, "").Total
		}
		if d.Population > 0 {
			u.per100k, u.havePop = per100k(u.cases12, d.Population), true
		}
		rows = append(rows, u)
	}
	vntext.SortFunc(rows, func(u unitRow) string { return r.cfg.Districts[u.i].Name })
	slices.SortStableFunc(rows, func(a, b unitRow) int {
		return cmp.Or(cmp.Compare(b.b.Overdue, a.b.Overdue), cmp.Compare(b.rate, a.rate), cmp.Compare(b.lapses, a.lapses))
	})

	t := theme.Table{
		ID: "unit-table",
		Head: []string{
			r.cfg.DistrictLabel, r.t("headline.overdue"), r.t("units.overdue_rate"), r.t("headline.open"),
			r.tf("units.lapses", "n", r.f.Num(int64(len(ps)))), r.t("units.per_100k"), r.t("headline.waiting"),
		},
		Sortable: true,
	}
	note := r.tf("units.note", "few", r.f.Num(smallBase))
	if len(rows) > unitTableMax {
		note += " " + r.tf("units.capped", "shown", r.f.Num(unitTableMax), "n", r.f.Num(int64(len(rows))))
		rows = rows[:unitTableMax]
	}
	withPop := r.hasPopulation()
	if !withPop {
		t.Head = slices.Delete(t.Head, 5, 6)
	}
	for _, u := range rows {
		d := r.cfg.Districts[u.i]
		rate := theme.Cell{Text: "–", Class: "num", Value: "-1"}
		if u.haveRate {
			rate = theme.Cell{Text: r.f.Pct(u.rate), Class: "num", Value: fmt.Sprint(u.rate)}
			if u.b.Open < smallBase {
				rate.Class += " few"
			}
		}
		pop := theme.Cell{Text: "–", Class: "num", Value: "-1"}
		if u.havePop {
			pop = theme.Cell{Text: r.f.Dec(u.per100k, 1), Class: "num", Value: fmt.Sprint(u.per100k)}
			if u.cases12 < smallBase {
				pop.Class += " few"
			}
		}
		cells := []theme.Cell{
			link(d.Name, address.Rel(from, address.Index(r.districtPath(u.i)))),
			r.num(int64(u.b.Overdue)), rate, r.num(int64(u.b.Open)),
			r.num(int64(u.lapses)), pop, r.num(int64(u.waiting)),
		}
		if !withPop {
			cells = slices.Delete(cells, 5, 6)
		}
		t.Rows = append(t.Rows, theme.Row{Cells: cells})
	}
	return t, note
}
