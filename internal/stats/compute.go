package stats

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"giamsat/internal/period"
	"giamsat/internal/report"
	"giamsat/internal/site"
)

// AsOf is the day "now" means for overdue cases and late reports: as_of
// from site.yaml, else the Vietnam date of the latest export, never the
// wall clock, so that the same inputs give the same site on any day. It is
// zero when neither exists.
func AsOf(cfg *site.Config, exports []*report.Export) period.Date {
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

// IsOverdue reports whether c is open and was detected more than
// overdueAfterDays days before asOf.
func IsOverdue(c *report.Case, asOf period.Date, overdueAfterDays int) bool {
	return c.Status.Open() && asOf.Sub(c.DetectedOn) > overdueAfterDays
}

// DaysOpen is how long c has been, or was, in hand: to its resolved_on
// when it has one, else to asOf.
func DaysOpen(c *report.Case, asOf period.Date) int {
	end := asOf
	if !c.Status.Open() && !c.ResolvedOn.IsZero() {
		end = c.ResolvedOn
	}
	return end.Sub(c.DetectedOn)
}

// Tally counts any set of cases.
func Tally(cases []report.Case, asOf period.Date, overdueAfterDays int) Counts {
	var t tally
	for i := range cases {
		c := &cases[i]
		t.add(c, IsOverdue(c, asOf, overdueAfterDays))
	}
	return t.counts()
}

// Group counts cases by key (a category, a platform, a month…) in one pass.
// Cases for which key returns "" are left out.
func Group(cases []report.Case, key func(*report.Case) string, asOf period.Date, overdueAfterDays int) map[string]Counts {
	groups := make(map[string]*tally)
	for i := range cases {
		c := &cases[i]
		k := key(c)
		if k == "" {
			continue
		}
		t := groups[k]
		if t == nil {
			t = new(tally)
			groups[k] = t
		}
		t.add(c, IsOverdue(c, asOf, overdueAfterDays))
	}
	out := make(map[string]Counts, len(groups))
	for k, t := range groups {
		out[k] = t.counts()
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
	startDay := cfg.Reports.PeriodStartDay

	index := make(map[string]int, len(cfg.Districts))
	for i, d := range cfg.Districts {
		index[d.Code] = i
	}
	type monthKey struct {
		month              period.Period
		district, category string
	}
	var total tally
	districts := make([]tally, len(cfg.Districts))
	monthly := make(map[monthKey]int)
	overdue := make([]bool, len(in.Cases))
	for i := range in.Cases {
		c := &in.Cases[i]
		o := IsOverdue(c, asOf, days)
		overdue[i] = o
		total.add(c, o)
		if j, ok := index[c.District]; ok {
			districts[j].add(c, o)
		}
		monthly[monthKey{period.MonthOf(c.DetectedOn, startDay), c.District, c.Category}]++
	}

	sum := &Summary{
		AsOf:      asOf,
		Overdue:   overdue,
		Total:     total.counts(),
		Districts: make([]District, len(cfg.Districts)),
		Monthly:   make([]MonthCount, 0, len(monthly)),
		Reports:   reports(cfg, in.Exports, asOf),
	}
	for i, d := range cfg.Districts {
		sum.Districts[i] = District{Code: d.Code, Name: d.Name, Counts: districts[i].counts()}
	}
	for k, n := range monthly {
		sum.Monthly = append(sum.Monthly, MonthCount{Month: k.month, District: k.district, Category: k.category, Cases: n})
	}
	slices.SortFunc(sum.Monthly, func(a, b MonthCount) int {
		return cmp.Or(
			period.Compare(a.Month, b.Month),
			strings.Compare(a.District, b.District),
			strings.Compare(a.Category, b.Category),
		)
	})
	return sum
}

// reports lists, for every period owed and every district in site order,
// how the district's earliest report for that period stands.
func reports(cfg *site.Config, exports []*report.Export, asOf period.Date) []Report {
	type key struct {
		period   period.Period
		district string
	}
	first := make(map[key]*report.Export)
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
		for _, d := range cfg.Districts {
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

// tally accumulates Counts; days[n] is how many resolved cases took n days,
// so that a median over a million cases needs no sort.
type tally struct {
	c    Counts
	days []int32
}

func (t *tally) add(c *report.Case, overdue bool) {
	t.c.Total++
	if c.Status.Open() {
		t.c.Open++
	}
	if overdue {
		t.c.Overdue++
	}
	if i := statusIndex(c.Status); i >= 0 {
		t.c.ByStatus[i]++
	}
	t.c.FinesVND += c.FineVND
	t.c.Reach += c.Reach
	if c.Offender == "identified" {
		t.c.Identified++
	}
	if !c.Status.Open() && !c.ResolvedOn.IsZero() {
		// The reader rejects resolved_on before detected_on; a hand-made
		// case that slips through must not crash the build.
		n := max(c.ResolvedOn.Sub(c.DetectedOn), 0)
		if n >= len(t.days) {
			t.days = append(t.days, make([]int32, n+1-len(t.days))...)
		}
		t.days[n]++
	}
}

func (t *tally) counts() Counts {
	c := t.c
	n := 0
	for _, k := range t.days {
		n += int(k)
	}
	if n > 0 {
		lo, hi := nth(t.days, (n-1)/2), nth(t.days, n/2)
		c.MedianDaysToResolve, c.HasMedian = float64(lo+hi)/2, true
	}
	return c
}

// nth returns the i-th smallest value (from 0) counted in hist.
func nth(hist []int32, i int) int {
	for v, k := range hist {
		if i < int(k) {
			return v
		}
		i -= int(k)
	}
	return len(hist) - 1 // not reached while i is below the sum of hist
}

func statusIndex(s report.Status) int {
	switch s {
	case report.Detected:
		return 0
	case report.Requested:
		return 1
	case report.Referred:
		return 2
	case report.Removed:
		return 3
	case report.Sanctioned:
		return 4
	case report.Closed:
		return 5
	}
	return -1
}
