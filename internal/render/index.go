package render

import (
	"slices"

	"giamsat/internal/period"
	"giamsat/internal/report"
	"giamsat/internal/site"
	"giamsat/internal/stats"
)

// index holds the cases grouped once per dimension the pages need, so that
// no page walks the million cases again. Counting is stats'; this only
// chooses the groups (see count).
type index struct {
	cfg      *site.Config
	cases    []report.Case
	sum      *stats.Summary
	asOf     period.Date
	days     int
	startDay int

	// months are the months from the first with a case or a report owed to
	// the last, with no gaps; quarters and years likewise.
	months, quarters, years []period.Period
	current                 period.Period // the latest month with cases up to as_of; zero if none

	// byPeriod is keyed by period ("2022-04", "2022-Q2", "2022"), the
	// others by period and a district code or category key, joined by "|".
	byPeriod, byPeriodDistrict, byPeriodCategory map[string]stats.Counts
	byCategory, byPlatform                       map[string]stats.Counts
	// byDistrictCategory "code|category", byDistrictPlatform
	// "code|platform", byCategoryPlatform "category|platform".
	byDistrictCategory, byDistrictPlatform, byCategoryPlatform map[string]stats.Counts
	// cells counts cases per "period|code|category" for every kind, from
	// the summary's monthly rows (quarters and years are unions of months).
	cells map[string]int

	districtCases [][]int32 // per district in site order: indices into cases, in id order
	districtIndex map[string]int

	// reportsIn holds the summary's report rows by each period that
	// holds theirs (a month's rows under the month, its quarter, its
	// half and its year), in the summary's order.
	reportsIn map[period.Period][]stats.Report
}

// kinds are the period kinds the pages show.
var kinds = []period.Kind{period.Month, period.Quarter, period.Year}

func newIndex(in Input) *index {
	cfg := in.Site
	x := &index{
		cfg:           cfg,
		cases:         in.Cases,
		sum:           in.Summary,
		asOf:          in.Summary.AsOf,
		days:          cfg.OverdueAfterDays,
		startDay:      cfg.Reports.PeriodStartDay,
		districtIndex: make(map[string]int, len(cfg.Districts)),
	}
	for i, d := range cfg.Districts {
		x.districtIndex[d.Code] = i
	}

	x.count()
	x.cells = make(map[string]int)
	names := make(map[period.Period][3]string) // a month's period of each kind
	for _, m := range x.sum.Monthly {
		n, ok := names[m.Month]
		if !ok {
			first, _ := m.Month.Span(x.startDay)
			for k, kind := range kinds {
				n[k] = period.Of(kind, first, x.startDay).String()
			}
			names[m.Month] = n
		}
		for _, name := range n {
			x.cells[name+"|"+m.District+"|"+m.Category] += m.Cases
		}
	}
	x.spans()
	x.groupReports()
	return x
}

// spans finds the months, quarters and years the site speaks of: from the
// first month with a case or a report owed to the last, up to as_of.
func (x *index) spans() {
	var first, last period.Period
	see := func(p period.Period) {
		if first.IsZero() || period.Compare(p, first) < 0 {
			first = p
		}
		if last.IsZero() || period.Compare(p, last) > 0 {
			last = p
		}
	}
	for _, m := range x.sum.Monthly {
		see(m.Month)
	}
	if !first.IsZero() {
		x.current = last
		// A case detected after as_of (as_of set by hand to an earlier
		// day) does not make "this period" a future month.
		if !x.asOf.IsZero() {
			if now := period.MonthOf(x.asOf, x.startDay); period.Compare(x.current, now) > 0 {
				x.current = now
			}
		}
	}
	for _, r := range x.sum.Reports {
		f, l := r.Period.Span(x.startDay)
		see(period.MonthOf(f, x.startDay))
		see(period.MonthOf(l, x.startDay))
	}
	if first.IsZero() {
		return
	}
	for m := first; period.Compare(m, last) <= 0; m = m.Next() {
		x.months = append(x.months, m)
		mf, _ := m.Span(x.startDay)
		q := period.Of(period.Quarter, mf, x.startDay)
		if len(x.quarters) == 0 || x.quarters[len(x.quarters)-1] != q {
			x.quarters = append(x.quarters, q)
		}
		y := period.Of(period.Year, mf, x.startDay)
		if len(x.years) == 0 || x.years[len(x.years)-1] != y {
			x.years = append(x.years, y)
		}
	}
}

// periods lists the periods of one kind, oldest first.
func (x *index) periods(k period.Kind) []period.Period {
	switch k {
	case period.Month:
		return x.months
	case period.Quarter:
		return x.quarters
	}
	return x.years
}

// counts returns the figures of a period, optionally narrowed to a
// district (code) or a category (key); "" means all.
func (x *index) counts(p period.Period, district, category string) stats.Counts {
	switch {
	case district != "":
		return x.byPeriodDistrict[p.String()+"|"+district]
	case category != "":
		return x.byPeriodCategory[p.String()+"|"+category]
	}
	return x.byPeriod[p.String()]
}

// district returns the summary row of a district.
func (x *index) district(code string) stats.Counts {
	if i, ok := x.districtIndex[code]; ok {
		return x.sum.Districts[i].Counts
	}
	return stats.Counts{}
}

// reportsFor returns the report rows whose period lies within p, in the
// summary's order (period, then site order), optionally for one district.
func (x *index) reportsFor(p period.Period, district string) []stats.Report {
	rows := x.reportsIn[p]
	if district == "" {
		return slices.Clip(rows)
	}
	var out []stats.Report
	for _, r := range rows {
		if r.District == district {
			out = append(out, r)
		}
	}
	return out
}

// groupReports files each report row under its period and every longer
// period that holds it, for reportsFor: each report page asks for its
// rows, and a thousand rows need not be dated again for every page.
func (x *index) groupReports() {
	x.reportsIn = make(map[period.Period][]stats.Report)
	for _, r := range x.sum.Reports {
		first, _ := r.Period.Span(x.startDay)
		for k := r.Period.Kind; k <= period.Year; k++ {
			p := period.Of(k, first, x.startDay)
			x.reportsIn[p] = append(x.reportsIn[p], r)
		}
	}
}

// reportPeriods returns the last n periods reports are owed for.
func (x *index) reportPeriods(n int) []period.Period {
	var ps []period.Period
	for _, r := range x.sum.Reports {
		if len(ps) == 0 || ps[len(ps)-1] != r.Period {
			ps = append(ps, r.Period)
		}
	}
	if len(ps) > n {
		ps = ps[len(ps)-n:]
	}
	return slices.Clip(ps)
}
