package render

import (
	"slices"
	"sync"

	"giamsat/internal/period"
	"giamsat/internal/report"
	"giamsat/internal/site"
	"giamsat/internal/stats"
)

// index holds the cases grouped once per dimension the pages need, so that
// no page walks the million cases again. Counting is stats'; this only
// chooses the keys.
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

	// Period names per detection day: a few thousand days stand for a
	// million cases, so the grouping keys cost a map lookup, not a date
	// computation.
	names := make(map[period.Date][3]string)
	for i := range x.cases {
		d := x.cases[i].DetectedOn
		if _, ok := names[d]; !ok {
			var n [3]string
			for k, kind := range kinds {
				n[k] = period.Of(kind, d, x.startDay).String()
			}
			names[d] = n
		}
	}
	periodOf := func(k int) func(c *report.Case) string {
		return func(c *report.Case) string { return names[c.DetectedOn][k] }
	}

	type pass struct {
		dst *map[string]stats.Counts
		key func(c *report.Case) string
	}
	var periodPasses [3][3]map[string]stats.Counts
	passes := []pass{
		{&x.byCategory, func(c *report.Case) string { return c.Category }},
		{&x.byPlatform, func(c *report.Case) string { return c.Platform }},
		{&x.byDistrictCategory, func(c *report.Case) string { return c.District + "|" + c.Category }},
		{&x.byDistrictPlatform, func(c *report.Case) string { return c.District + "|" + c.Platform }},
		{&x.byCategoryPlatform, func(c *report.Case) string { return c.Category + "|" + c.Platform }},
	}
	for k := range kinds {
		p := periodOf(k)
		passes = append(passes,
			pass{&periodPasses[k][0], p},
			pass{&periodPasses[k][1], func(c *report.Case) string { return p(c) + "|" + c.District }},
			pass{&periodPasses[k][2], func(c *report.Case) string { return p(c) + "|" + c.Category }},
		)
	}
	var wg sync.WaitGroup
	for _, ps := range passes {
		wg.Go(func() { *ps.dst = stats.Group(x.cases, ps.key, x.asOf, x.days) })
	}
	wg.Go(func() { x.districtCases = x.groupDistricts() })
	wg.Wait()

	x.byPeriod = merged(periodPasses[0][0], periodPasses[1][0], periodPasses[2][0])
	x.byPeriodDistrict = merged(periodPasses[0][1], periodPasses[1][1], periodPasses[2][1])
	x.byPeriodCategory = merged(periodPasses[0][2], periodPasses[1][2], periodPasses[2][2])

	x.cells = make(map[string]int)
	for _, m := range x.sum.Monthly {
		first, _ := m.Month.Span(x.startDay)
		for _, kind := range kinds {
			x.cells[period.Of(kind, first, x.startDay).String()+"|"+m.District+"|"+m.Category] += m.Cases
		}
	}
	x.spans()
	return x
}

func merged(ms ...map[string]stats.Counts) map[string]stats.Counts {
	out := make(map[string]stats.Counts)
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// groupDistricts lists each district's cases, keeping the id order of the
// merged cases. Cases of a code not in site.yaml cannot exist after
// reading; they are left out rather than trusted.
func (x *index) groupDistricts() [][]int32 {
	out := make([][]int32, len(x.cfg.Districts))
	for i := range x.cases {
		if j, ok := x.districtIndex[x.cases[i].District]; ok {
			out[j] = append(out[j], int32(i))
		}
	}
	return out
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
	var out []stats.Report
	for _, r := range x.sum.Reports {
		if r.Period.Kind > p.Kind || district != "" && r.District != district {
			continue
		}
		first, _ := r.Period.Span(x.startDay)
		if period.Of(p.Kind, first, x.startDay) == p {
			out = append(out, r)
		}
	}
	return out
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
