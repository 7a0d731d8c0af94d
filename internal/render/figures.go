package render

import (
	"math"

	"giamsat/internal/address"
	"giamsat/internal/export"
	"giamsat/internal/stats"
)

// Figure is one headline number with its change against the previous
// period.
type Figure struct {
	Key    string // stable name, for tests and CSS: cases, open, overdue, removal, referred, fines
	Label  string
	Value  string
	Prev   string // the previous period's value
	Change string // "+12%", "−3 điểm %", "mới"; "" when there is nothing to compare
	Trend  string // up, down or same: a CSS class
	// Tone says whether the change is for the better (good), the worse
	// (bad) or neither (""): more cases is worse, a higher removal rate
	// better, and fines neither. Pages colour by it; the sign and the
	// arrow say the direction without colour.
	Tone  string
	Total string // all periods
}

// Which way a figure gets better, for Figure.Tone.
const (
	lowerIsBetter  = -1
	neutral        = 0
	higherIsBetter = 1
)

// tone is the Figure.Tone of a change in direction trend for a figure that
// gets better the way better says.
func tone(trend string, better int) string {
	d := 0
	switch trend {
	case "up":
		d = 1
	case "down":
		d = -1
	}
	switch d * better {
	case 1:
		return "good"
	case -1:
		return "bad"
	}
	return ""
}

// Headline is the row of figures at the top of the overview and district
// pages: the cases detected in the current period (the latest month with
// cases up to as_of), compared with those detected in the month before.
type Headline struct {
	Period, PrevPeriod string
	Href               string // the period's report
	Figures            []Figure
	Note               string // how to read the figures, and the removal rate's definition
}

// removalRate is the share of the cases whose removal was requested that
// were removed: removed ÷ (removed + requested), as a ratio. Cases closed
// without removal, sanctioned or referred up are left out of both sides:
// for them removal was not, or not yet, the outcome sought. ok is false
// when no case was removed or is awaiting removal.
func removalRate(c stats.Counts) (rate float64, ok bool) {
	removed, requested := c.Status(export.Removed), c.Status(export.Requested)
	if removed+requested == 0 {
		return 0, false
	}
	return float64(removed) / float64(removed+requested), true
}

// headline makes the figures of a district (code), or of the province
// when district is "".
func (r *renderer) headline(from, district string) Headline {
	cur := r.x.Current()
	if cur.IsZero() {
		return Headline{}
	}
	prev := cur.Prev()
	c, p := r.x.Counts(cur, district, ""), r.x.Counts(prev, district, "")
	all := r.x.Total
	if district != "" {
		all = r.x.District(district)
	}
	h := Headline{
		Period:     r.f.Period(cur),
		PrevPeriod: r.f.Period(prev),
		Href:       address.Rel(from, address.Index(address.Report(cur))),
		Note:       r.tf("figures.note", "period", r.f.Period(cur), "prev", r.f.Period(prev)),
	}
	count := func(key, label string, v func(stats.Counts) int64, show func(int64) string, better int) Figure {
		cv, pv := v(c), v(p)
		fig := Figure{Key: key, Label: label, Value: show(cv), Prev: show(pv), Total: show(v(all))}
		fig.Change, fig.Trend = r.change(float64(cv), float64(pv))
		fig.Tone = tone(fig.Trend, better)
		return fig
	}
	h.Figures = []Figure{
		count("cases", r.t("dashboard.fig.cases"), func(c stats.Counts) int64 { return int64(c.Total) }, r.f.Num, lowerIsBetter),
		count("open", r.t("dashboard.fig.open"), func(c stats.Counts) int64 { return int64(c.Open) }, r.f.Num, lowerIsBetter),
		count("overdue", r.t("dashboard.fig.overdue"), func(c stats.Counts) int64 { return int64(c.Overdue) }, r.f.Num, lowerIsBetter),
		r.rateFigure(c, p, all),
		count("referred", r.t("dashboard.fig.referred"), func(c stats.Counts) int64 { return int64(c.Status(export.Referred)) }, r.f.Num, lowerIsBetter),
		count("fines", r.t("dashboard.fig.fines"), func(c stats.Counts) int64 { return c.FinesVND }, r.f.Money, neutral),
	}
	return h
}

func (r *renderer) rateFigure(c, p, all stats.Counts) Figure {
	fig := Figure{Key: "removal", Label: r.t("dashboard.fig.removal_rate")}
	show := func(c stats.Counts) (string, float64, bool) {
		v, ok := removalRate(c)
		if !ok {
			return "–", 0, false
		}
		return r.f.Pct(v), v, true
	}
	var cv, pv float64
	var cok, pok bool
	fig.Value, cv, cok = show(c)
	fig.Prev, pv, pok = show(p)
	fig.Total, _, _ = show(all)
	if cok && pok {
		d := math.Round((cv-pv)*1000) / 10 // percentage points, one decimal
		fig.Trend = trend(d)
		fig.Tone = tone(fig.Trend, higherIsBetter)
		fig.Change = r.tf("figures.points", "n", r.signed(r.f.Dec(math.Abs(d), 1), d))
	}
	return fig
}

// change describes cur against prev as a rounded percentage.
func (r *renderer) change(cur, prev float64) (text, dir string) {
	switch {
	case prev == 0 && cur == 0:
		return "0%", "same"
	case prev == 0:
		return r.t("figures.new"), "up"
	}
	ratio := (cur - prev) / prev
	return r.f.Change(ratio), trend(math.Round(100 * ratio))
}

func (r *renderer) signed(abs string, d float64) string {
	switch {
	case d > 0:
		return "+" + abs
	case d < 0:
		return "−" + abs
	}
	return abs
}

func trend(d float64) string {
	switch {
	case d > 0:
		return "up"
	case d < 0:
		return "down"
	}
	return "same"
}
