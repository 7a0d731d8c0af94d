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
// the cases detected in the periods Seen names are counted, so that a
// site of a hundred thousand cases and sixty periods is not counted sixty
// times over. exports must still hold their cases.
func Figures(cfg *site.Config, exports []*export.File, closings map[period.Period]Closing) map[period.Period]*stats.Summary {
	var todo []Closing
	for _, c := range closings {
		if c.Frozen {
			todo = append(todo, c)
		}
	}
	slices.SortFunc(todo, func(a, b Closing) int { return period.Compare(a.Period, b.Period) })
	out := make(map[period.Period]*stats.Summary, len(todo))
	if len(todo) == 0 {
		return out
	}
	ix := newIndex(exports, cfg.Reports.PeriodStartDay)
	sums := make([]*stats.Summary, len(todo))
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(todo) {
					return
				}
				sums[i] = ix.figures(cfg, todo[i])
			}
		})
	}
	wg.Wait()
	for i, c := range todo {
		out[c.Period] = sums[i]
	}
	return out
}

// index holds every case record by id and the ids by the month their
// records say they were detected in.
type index struct {
	exports  []*export.File
	startDay int
	ids      []string
	// records of each id (by number), oldest export first
	records [][]ref
	// byMonth lists the ids with a record detected in the month. An id
	// whose detection date was corrected into another month is under both,
	// so that the case is found whichever record was the latest by then.
	byMonth map[period.Period][]int32
}

type ref struct{ exp, i int32 }

func newIndex(exports []*export.File, startDay int) *index {
	ix := &index{exports: exports, startDay: startDay, byMonth: make(map[period.Period][]int32)}
	num := make(map[string]int32)
	months := make(map[period.Date]period.Period)
	for ei, e := range exports {
		for ci := range e.Cases {
			c := &e.Cases[ci]
			n, ok := num[c.ID]
			if !ok {
				n = int32(len(ix.ids))
				num[c.ID] = n
				ix.ids = append(ix.ids, c.ID)
				ix.records = append(ix.records, nil)
			}
			ix.records[n] = append(ix.records[n], ref{int32(ei), int32(ci)})
			m, ok := months[c.DetectedOn]
			if !ok {
				m = period.MonthOf(c.DetectedOn, startDay)
				months[c.DetectedOn] = m
			}
			ids := ix.byMonth[m]
			if len(ids) == 0 || ids[len(ids)-1] != n {
				ix.byMonth[m] = append(ids, n)
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

// figures computes the frozen figures of one closing.
func (ix *index) figures(cfg *site.Config, c Closing) *stats.Summary {
	seen := Seen(c.Period)
	within := func(d period.Date) bool {
		return slices.ContainsFunc(seen, func(p period.Period) bool { return p.Contains(d, ix.startDay) })
	}
	var ids []int32
	for _, p := range seen {
		first, last := p.Span(ix.startDay)
		for m, end := period.MonthOf(first, ix.startDay), period.MonthOf(last, ix.startDay); period.Compare(m, end) <= 0; m = m.Next() {
			ids = append(ids, ix.byMonth[m]...)
		}
	}
	slices.SortFunc(ids, func(a, b int32) int { return strings.Compare(ix.ids[a], ix.ids[b]) })
	ids = slices.Compact(ids)
	cases := make([]export.Case, 0, len(ids))
	for _, n := range ids {
		// The latest record exported by the closing day speaks for the case.
		var won *export.Case
		for _, r := range ix.records[n] {
			e := ix.exports[r.exp]
			if period.DateOf(e.ExportedAt) > c.Day {
				break
			}
			won = &e.Cases[r.i]
		}
		if won != nil && within(won.DetectedOn) {
			cases = append(cases, *won)
		}
	}
	var files []*export.File
	for _, e := range ix.exports {
		if period.DateOf(e.ExportedAt) <= c.Day {
			files = append(files, e)
		}
	}
	return stats.Compute(stats.Input{Site: cfg, Cases: cases, Exports: files, AsOf: c.Day})
}
