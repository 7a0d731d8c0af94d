package render

import (
	"math"

	"giamsat/internal/period"
)

// smallBase is the smallest count a percentage is worked out on. Below it
// a change is said as the two counts ("3 → 6"), never as "+100%", and a
// rate is marked as resting on few cases: on a handful of cases a
// percentage says more about chance than about the work.
const smallBase = 10

// hasData reports whether figures exist for period p of a unit (code), or
// of the province when unit is "": whether any of p lies on or after the
// first day the site has data for (its first month with a case or a
// report owed) and, for a unit, after the unit came into being. Before
// that day a count of zero would be a claim, not a figure.
func (r *renderer) hasData(p period.Period, unit string) bool {
	months := r.x.Periods(period.Month)
	if p.IsZero() || len(months) == 0 {
		return false
	}
	start, _ := months[0].Span(r.cfg.Reports.PeriodStartDay)
	if unit != "" {
		if i, ok := r.x.DistrictIndex(unit); ok {
			if since := r.cfg.Districts[i].Since; since > start {
				start = since
			}
		}
	}
	_, last := p.Span(r.cfg.Reports.PeriodStartDay)
	return last >= start
}

// Change is how a count stands against an earlier one, as a figure card or
// a table cell says it.
type Change struct {
	Text  string // "+12%", "3 → 6", "chưa có số liệu"
	Trend string // up, down, same; "" when there is nothing to compare
}

// countChange compares cur with before. known is false when the earlier
// period has no data (hasData): the change then says so instead of
// inventing a rise from zero.
func (r *renderer) countChange(cur, before int64, known bool, show func(int64) string) Change {
	switch {
	case !known:
		return Change{Text: r.t("figures.no_data")}
	case before < smallBase:
		return Change{Text: show(before) + " → " + show(cur), Trend: trend(float64(cur - before))}
	}
	ratio := float64(cur-before) / float64(before)
	return Change{Text: r.f.Change(ratio), Trend: trend(math.Round(100 * ratio))}
}
