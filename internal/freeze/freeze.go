// Package freeze makes a period's report a document of record: it finds
// the day each period closed and computes the period's figures as they
// stood that day, from the exports made by then. A report sent up keeps
// its figures; corrections exported later change the dashboard, and the
// report shows them beside its own, never in place of them.
package freeze

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/site"
	"giamsat/internal/stats"
)

// Closing is when a period's report closed.
type Closing struct {
	Period period.Period
	Due    period.Date // the day the period's reports were due
	// Day is the closing day: the earliest day on which the period was
	// due and every unit owing a report for it had reported, else
	// reports.close_after_days after Due.
	Day period.Date
	// Complete is true when every report owed had come by Day.
	Complete bool
	// Frozen is true when Day is on or before as_of: the report is issued.
	Frozen bool
	// Seq is the report's number among the frozen reports whose closing
	// day falls in the same calendar year, in order of closing day, then
	// kind (month, quarter, year), then period; 0 when not frozen.
	Seq int
}

// Closings returns the closing of every period x has a report for, keyed
// by period. The reports owed are x's (stats.Summary.Reports): for a
// period shorter than the reports (a month when units report by quarter)
// those of the report period that holds it.
func Closings(cfg *site.Config, x *stats.Summary) map[period.Period]Closing {
	r := cfg.Reports
	out := make(map[period.Period]Closing)
	var frozen []Closing
	for _, k := range stats.Kinds() {
		for _, p := range x.Periods(k) {
			owed := p
			if r.Every > p.Kind {
				first, _ := p.Span(r.PeriodStartDay)
				owed = period.Of(r.Every, first, r.PeriodStartDay)
			}
			c := closing(p, owed.Due(r.PeriodStartDay, r.DueDay), x.ReportsFor(owed, ""), r.CloseAfterDays)
			c.Frozen = !x.AsOf.IsZero() && c.Day <= x.AsOf
			out[p] = c
			if c.Frozen {
				frozen = append(frozen, c)
			}
		}
	}
	slices.SortFunc(frozen, func(a, b Closing) int {
		return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(a.Period.Kind, b.Period.Kind), period.Compare(a.Period, b.Period))
	})
	for i, c := range frozen {
		if i == 0 || frozen[i-1].Day.Year() != c.Day.Year() {
			c.Seq = 1
		} else {
			c.Seq = frozen[i-1].Seq + 1
		}
		frozen[i] = c
		out[c.Period] = c
	}
	return out
}

// closing finds the closing day of p, due on due, from the report rows owed
// for it. Without any report owed nothing says the data are complete, so
// the period closes at the latest day.
func closing(p period.Period, due period.Date, reps []stats.Report, afterDays int) Closing {
	latest := due.AddDays(afterDays)
	c := Closing{Period: p, Due: due, Day: latest}
	if len(reps) == 0 {
		return c
	}
	day := due
	for _, rep := range reps {
		if rep.ExportedAt.IsZero() {
			return c
		}
		day = max(day, period.DateOf(rep.ExportedAt))
	}
	if day > latest {
		return c
	}
	c.Day, c.Complete = day, true
	return c
}

// Frozen is the figures of record of the periods that closed on one day.
type Frozen struct {
	// Summary counts the cases detected in those periods, as of the day.
	*stats.Summary
	// Totals are the province's figures, as of the day, of the periods
	// they are compared with (Seen).
	Totals map[period.Period]stats.Counts
}

// Province is the province's figures of period q as of the closing day.
func (f *Frozen) Province(q period.Period) stats.Counts {
	if c, ok := f.Totals[q]; ok {
		return c
	}
	return f.Summary.Counts(q, "", "")
}

// Seen is what a report needs of each frozen period: the figures of the
// period itself, of the period before and of the same period a year
// earlier, as the exports made by the closing day gave them.
func Seen(p period.Period) []period.Period {
	if p.Kind == period.Year {
		return []period.Period{p, p.Prev()}
	}
	return []period.Period{p, p.Prev(), p.YearAgo()}
}

// Figures computes, for every frozen period, the site's figures as they
// stood on its closing day: from the exports whose exported_at (Vietnam
// date) is on or before that day, one record per case as internal/merge
// picks it (the record of the latest export wins), with as_of the closing
// day (so overdue cases and report lateness are those of that day). Only
// the cases detected in the periods Seen names are read, so that a site of
// a hundred thousand cases and sixty periods is not counted sixty times
// over, and only the period's own are counted in full: of the periods it
// is compared with, the province's totals. exports must still hold their
// cases.
func Figures(cfg *site.Config, exports []*export.File, closings map[period.Period]Closing) map[period.Period]*Frozen {
	// Periods that closed on the same day (June, the second quarter and
	// the half of it that ends then, often) share one count of that day.
	byDay := make(map[period.Date][]period.Period)
	var days []period.Date
	for _, c := range closings {
		if !c.Frozen {
			continue
		}
		if byDay[c.Day] == nil {
			days = append(days, c.Day)
		}
		byDay[c.Day] = append(byDay[c.Day], c.Period)
	}
	slices.Sort(days)
	out := make(map[period.Period]*Frozen, len(closings))
	if len(days) == 0 {
		return out
	}
	ix := newIndex(exports, cfg.Reports.PeriodStartDay)
	sums := make([]*Frozen, len(days))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(days)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(days); i = int(next.Add(1)) - 1 {
				sums[i] = ix.figures(cfg, days[i], byDay[days[i]])
			}
		})
	}
	wg.Wait()
	for i, d := range days {
		for _, p := range byDay[d] {
			out[p] = sums[i]
		}
	}
	return out
}

// index holds every case record by id and the ids by the month their
// records say they were detected in, so that each period reads only its
// own cases.
type index struct {
	exports  []*export.File
	day      []period.Date // of each export's exported_at, in Vietnam
	startDay int
	// records of each id, oldest export first; ids are numbered in id
	// order, so that a period's ids sort as numbers.
	records [][]ref
	// byMonth lists the ids with a record detected in the month. An id
	// whose detection date was corrected into another month is under both,
	// so that the case is found whichever record was the latest by then.
	byMonth map[period.Period][]int32
	month   map[period.Date]period.Period // of each detection day
}

type ref struct{ exp, i int32 }

func newIndex(exports []*export.File, startDay int) *index {
	ix := &index{exports: exports, startDay: startDay, byMonth: make(map[period.Period][]int32), month: make(map[period.Date]period.Period)}
	ix.day = make([]period.Date, len(exports))
	num := make(map[string]int32)
	var ids []string
	for ei, e := range exports {
		ix.day[ei] = period.DateOf(e.ExportedAt)
		for ci := range e.Cases {
			id := e.Cases[ci].ID
			if _, ok := num[id]; !ok {
				num[id] = 0
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	for n, id := range ids {
		num[id] = int32(n)
	}
	ix.records = make([][]ref, len(ids))
	for ei, e := range exports {
		for ci := range e.Cases {
			c := &e.Cases[ci]
			n := num[c.ID]
			ix.records[n] = append(ix.records[n], ref{int32(ei), int32(ci)})
			m, ok := ix.month[c.DetectedOn]
			if !ok {
				m = period.MonthOf(c.DetectedOn, startDay)
				ix.month[c.DetectedOn] = m
			}
			if l := ix.byMonth[m]; len(l) == 0 || l[len(l)-1] != n {
				ix.byMonth[m] = append(l, n)
			}
		}
	}
	for _, recs := range ix.records {
		if len(recs) > 1 {
			slices.SortStableFunc(recs, func(a, b ref) int {
				ea, eb := exports[a.exp], exports[b.exp]
				return cmp.Or(ea.ExportedAt.Compare(eb.ExportedAt), strings.Compare(ea.File, eb.File))
			})
		}
	}
	return ix
}

// figures computes, as of day, the frozen figures of the periods that
// closed that day.
func (ix *index) figures(cfg *site.Config, day period.Date, ps []period.Period) *Frozen {
	own := make(map[period.Period]bool)              // months of the periods themselves
	other := make(map[period.Period][]period.Period) // months of the periods compared with → those periods
	for _, q := range ps {
		for i, p := range Seen(q) {
			first, last := p.Span(ix.startDay)
			for m, end := period.MonthOf(first, ix.startDay), period.MonthOf(last, ix.startDay); period.Compare(m, end) <= 0; m = m.Next() {
				if i == 0 {
					own[m] = true
				} else if !slices.Contains(other[m], p) {
					other[m] = append(other[m], p)
				}
			}
		}
	}
	var ids []int32
	for m := range own {
		ids = append(ids, ix.byMonth[m]...)
	}
	for m := range other {
		if !own[m] {
			ids = append(ids, ix.byMonth[m]...)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	cases := make([]export.Case, 0, len(ids))
	totals := make(map[period.Period]*stats.Counter)
	for _, n := range ids {
		// The latest record exported by the closing day speaks for the case.
		var won *export.Case
		for _, r := range ix.records[n] {
			if ix.day[r.exp] > day {
				break
			}
			won = &ix.exports[r.exp].Cases[r.i]
		}
		if won == nil {
			continue
		}
		m := ix.month[won.DetectedOn]
		if own[m] {
			cases = append(cases, *won)
		}
		for _, p := range other[m] {
			if totals[p] == nil {
				totals[p] = new(stats.Counter)
			}
			e := stats.NewEntry(won, day, cfg.OverdueAfterDays)
			totals[p].Add(&e)
		}
	}
	var files []*export.File
	for i, e := range ix.exports {
		if ix.day[i] <= day {
			files = append(files, e)
		}
	}
	f := &Frozen{Summary: stats.Compute(stats.Input{Site: cfg, Cases: cases, Exports: files, AsOf: day}), Totals: make(map[period.Period]stats.Counts)}
	for _, ms := range other {
		for _, p := range ms {
			var c stats.Counts
			if t := totals[p]; t != nil {
				c = t.Counts()
			}
			f.Totals[p] = c
		}
	}
	return f
}
