package stats

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/site"
)

// AsOf is the day "now" means for overdue cases and late reports: as_of
// from site.yaml, else the Vietnam date of the latest export, never the
// wall clock, so that the same inputs give the same site on any day. It is
// zero when neither exists.
func AsOf(cfg *site.Config, exports []*export.File) period.Date {
	if !cfg.AsOf.IsZero() {
		return cfg.AsOf
	}
	var latest time.Time
	for _, e := range exports {
		if e.ExportedAt.After(latest) {
			latest = e.ExportedAt
		}
	}
	if latest.IsZero() {
		return 0
	}
	return period.DateOf(latest)
}

// IsOverdue reports whether c is in the unit's hands (detected or removal
// requested, not referred) and was detected more than overdueAfterDays
// days before asOf. A referred case waits on the body it was referred to:
// its time there is that body's, counted apart (Backlog.Waiting), never
// the unit's overdue.
func IsOverdue(c *export.Case, asOf period.Date, overdueAfterDays int) bool {
	return c.Status != export.Referred && PastDue(c, asOf, overdueAfterDays)
}

// PastDue reports whether c is open, referred or not, and was detected more
// than overdueAfterDays days before asOf: the "overdue" of the data
// contract's downloads (cases.csv, districts.csv), kept as the contract
// defines it for the tools that read them.
func PastDue(c *export.Case, asOf period.Date, overdueAfterDays int) bool {
	return c.Status.Open() && asOf.Sub(c.DetectedOn) > overdueAfterDays
}

// DaysOpen is how long c has been, or was, in hand: to its resolved_on
// when it has one, else to asOf.
func DaysOpen(c *export.Case, asOf period.Date) int {
	end := asOf
	if !c.Status.Open() && !c.ResolvedOn.IsZero() {
		end = c.ResolvedOn
	}
	return end.Sub(c.DetectedOn)
}

// Tally counts any set of cases.
func Tally(cases []export.Case, asOf period.Date, overdueAfterDays int) Counts {
	var t Counter
	for i := range cases {
		e := NewEntry(&cases[i], asOf, overdueAfterDays)
		t.Add(&e)
	}
	return t.Counts()
}

// Group counts cases by key (a category, a platform, a month…) in one pass.
// Cases for which key returns "" are left out.
func Group(cases []export.Case, key func(*export.Case) string, asOf period.Date, overdueAfterDays int) map[string]Counts {
	groups := make(map[string]*Counter)
	for i := range cases {
		c := &cases[i]
		k := key(c)
		if k == "" {
			continue
		}
		t := groups[k]
		if t == nil {
			t = new(Counter)
			groups[k] = t
		}
		e := NewEntry(c, asOf, overdueAfterDays)
		t.Add(&e)
	}
	out := make(map[string]Counts, len(groups))
	for k, t := range groups {
		out[k] = t.Counts()
	}
	return out
}

// Compute makes the site's figures in one pass over the cases. When
// in.AsOf is zero it is found with AsOf.
func Compute(in Input) *Summary {
	cfg := in.Site
	asOf := in.AsOf
	if asOf.IsZero() {
		asOf = AsOf(cfg, in.Exports)
	}
	days := cfg.OverdueAfterDays
	sum := &Summary{
		AsOf:      asOf,
		Overdue:   make([]bool, len(in.Cases)),
		Districts: make([]District, len(cfg.Districts)),
		Reports:   reports(cfg, in.Exports, asOf),
	}
	sum.startDay = cfg.Reports.PeriodStartDay
	sum.districtIndex = make(map[string]int, len(cfg.Districts))
	sum.districtCases = make([][]int32, len(cfg.Districts))
	for i, d := range cfg.Districts {
		sum.districtIndex[d.Code] = i
		sum.Districts[i] = District{Code: d.Code, Name: d.Name}
	}

	type monthKey struct {
		month              int // in t.months
		district, category string
	}
	monthly := make(map[monthKey]int)
	t := count{dayMonth: make(map[period.Date]int)}
	referrals := make([]string, len(cfg.Referrals))
	for i, r := range cfg.Referrals {
		referrals[i] = r.Key
	}
	bl := newBacklogs(asOf, days, len(cfg.Districts), referrals)
	sum.resolved = make(map[resolvedKey]int)
	for i := range in.Cases {
		c := &in.Cases[i]
		e := NewEntry(c, asOf, days)
		sum.Overdue[i] = e.overdue
		m := t.add(sum, i, c.District, c.Category, c.Platform, c.DetectedOn, &e)
		monthly[monthKey{m, c.District, c.Category}]++
		d, ok := sum.districtIndex[c.District]
		if !ok {
			d = -1
		}
		bl.add(i, c, d)
		if e.resolvedIn >= 0 && c.ResolvedOn <= asOf {
			rm := period.MonthOf(c.ResolvedOn, sum.startDay)
			sum.resolved[resolvedKey{rm, c.District}]++
			sum.resolved[resolvedKey{rm, ""}]++
		}
	}
	t.finish(sum)
	sum.backlogTotal = bl.total.finish(referrals)
	sum.backlogUnits = make([]Backlog, len(cfg.Districts))
	for i := range bl.units {
		sum.backlogUnits[i] = bl.units[i].finish(referrals)
	}
	sum.metrics = countMetrics(in.Exports, sum.startDay)

	sum.Monthly = make([]MonthCount, 0, len(monthly))
	for k, n := range monthly {
		sum.Monthly = append(sum.Monthly, MonthCount{Month: t.months.values[k.month], District: k.district, Category: k.category, Cases: n})
	}
	slices.SortFunc(sum.Monthly, func(a, b MonthCount) int {
		return cmp.Or(
			period.Compare(a.Month, b.Month),
			strings.Compare(a.District, b.District),
			strings.Compare(a.Category, b.Category),
		)
	})
	sum.spans()
	sum.cellsAndReports()
	return sum
}

// reports lists, for every period owed and every district in site order
// that existed in it, how the district's earliest report for that period
// stands.
func reports(cfg *site.Config, exports []*export.File, asOf period.Date) []Report {
	type key struct {
		period   period.Period
		district string
	}
	first := make(map[key]*export.File)
	var earliest period.Period
	for _, e := range exports {
		// A Config without a reports calendar (Every zero) owes nothing.
		if !e.IsReport(cfg.Reports.Every) || e.Period.IsZero() {
			continue
		}
		k := key{e.Period, e.District}
		f := first[k]
		// Ties go to the smaller file name so that file order never matters.
		if f == nil || e.ExportedAt.Before(f.ExportedAt) || e.ExportedAt.Equal(f.ExportedAt) && e.File < f.File {
			first[k] = e
		}
		if earliest.IsZero() || period.Compare(e.Period, earliest) < 0 {
			earliest = e.Period
		}
	}
	if earliest.IsZero() {
		return nil
	}
	startDay, dueDay := cfg.Reports.PeriodStartDay, cfg.Reports.DueDay
	var out []Report
	for p := earliest; p.Due(startDay, dueDay) <= asOf; p = p.Next() {
		due := p.Due(startDay, dueDay)
		from, to := p.Span(startDay)
		for _, d := range cfg.Districts {
			// A unit owes the reports of the periods it existed in: a
			// district none after the 2025 reform, a commune none before.
			if !d.Overlaps(from, to) {
				continue
			}
			r := Report{Period: p, District: d.Code, Status: Missing, Due: due}
			if e := first[key{p, d.Code}]; e != nil {
				r.ExportedAt, r.File, r.Status = e.ExportedAt, e.File, OnTime
				if period.DateOf(e.ExportedAt) > due {
					r.Status = Late
				}
			}
			out = append(out, r)
		}
	}
	return out
}
