package render

import (
	"fmt"
	"strings"

	"giamsat/internal/address"
	"giamsat/internal/period"
	"giamsat/internal/stats"
	"giamsat/internal/theme"
)

// Headline is the top of the overview and unit pages: the work in hand at
// as_of (Backlog), then the latest month's flow (new cases, cases
// resolved, the counters the reports carry), each against the same month a
// year earlier.
type Headline struct {
	AsOf    string
	Backlog []Figure
	Month   string // "tháng 12/2024"; "" when no month has cases
	Href    string // the month's report
	Flow    []Figure
	Waiting theme.Table // the referred cases per body; no rows when none
	Note    string      // how the figures are counted
}

// sparkMonths is how many months a sparkline draws.
const sparkMonths = 12

// Spark is a small line of monthly counts, drawn by the template as SVG.
type Spark struct {
	Points string // "x,y x,y …" in a Width × Height box
	Width  int
	Height int
	Label  string // the months and counts, for a screen reader
}

// headline makes the figures of a unit (code), or of the province when
// unit is "".
func (r *renderer) headline(from, unit string) Headline {
	b := r.x.Backlog(unit)
	h := Headline{AsOf: r.f.Date(r.x.AsOf)}
	num := func(n int) string { return r.f.Num(int64(n)) }

	overdue := Figure{Key: "overdue", Label: r.t("headline.overdue"), Value: num(b.Overdue)}
	if b.Open > 0 {
		overdue.Sub = r.tf("headline.overdue_share", "pct", r.f.Pct(float64(b.Overdue)/float64(b.Open)))
		if b.Open < smallBase {
			overdue.Sub += " " + r.t("headline.few_mark")
		}
	}
	oldest := Figure{Key: "oldest", Label: r.t("headline.oldest"), Value: "–"}
	if b.Oldest >= 0 {
		c := &r.in.Cases[b.Oldest]
		oldest.Value = r.tf("headline.days", "n", num(b.OldestDays))
		oldest.Sub = c.ID
		oldest.Href = address.Rel(from, r.caseHref(b.Oldest))
	}
	h.Backlog = []Figure{
		{Key: "open", Label: r.t("headline.open"), Value: num(b.Open)},
		overdue,
		{Key: "long", Label: r.tf("headline.long", "days", num(stats.LongOpenDays)), Value: num(b.LongOpen)},
		oldest,
		{Key: "waiting", Label: r.t("headline.waiting"), Value: num(b.WaitingCases())},
		{Key: "unidentified", Label: r.t("headline.unidentified"), Value: num(b.Unidentified), Sub: r.t("headline.unidentified_sub")},
	}
	h.Waiting = r.waitingTable(b)

	cur := r.x.Current()
	if cur.IsZero() {
		h.Note = r.tf("headline.note", "days", num(r.cfg.OverdueAfterDays), "long", num(stats.LongOpenDays), "few", num(smallBase))
		return h
	}
	h.Month = r.f.Period(cur)
	h.Href = address.Rel(from, address.Index(address.Report(cur)))
	ago := cur.YearAgo()
	known := r.hasData(ago, unit)
	flow := func(key, label string, better int, count func(m period.Period) (int64, bool)) (Figure, bool) {
		n, ok := count(cur)
		if !ok {
			return Figure{}, false
		}
		f := Figure{Key: key, Label: label, Value: r.f.Num(n), Against: shortMonth(ago), Spark: r.spark(cur, unit, count)}
		before, okBefore := count(ago)
		f.Change = r.countChange(n, before, known && okBefore, r.f.Num)
		f.Tone = tone(f.Change.Trend, better)
		return f, true
	}
	cases := func(m period.Period) (int64, bool) { return int64(r.x.Counts(m, unit, "").Total), true }
	resolved := func(m period.Period) (int64, bool) { return int64(r.x.Resolved(m, unit)), true }
	for _, f := range []struct {
		key, label string
		better     int
		count      func(period.Period) (int64, bool)
	}{
		{"new", r.t("headline.new"), lowerIsBetter, cases},
		{"resolved", r.t("headline.resolved"), higherIsBetter, resolved},
	} {
		if fig, ok := flow(f.key, f.label, f.better, f.count); ok {
			h.Flow = append(h.Flow, fig)
		}
	}
	for _, m := range r.cfg.Metrics {
		count := func(p period.Period) (int64, bool) { return r.x.Metric(p, unit, m.Key) }
		if fig, ok := flow("metric-"+m.Key, m.Name, neutral, count); ok {
			h.Flow = append(h.Flow, fig)
		}
	}
	if c := r.x.Counts(cur, unit, ""); c.Total > 0 {
		h.Flow = append(h.Flow, Figure{
			Key: "identified", Label: r.t("headline.identified"),
			Value: num(c.Identified) + "/" + num(c.Total),
			Sub:   r.tf("headline.unidentified_month", "n", num(c.Total-c.Identified)),
		})
	}
	h.Note = r.tf("headline.note", "days", num(r.cfg.OverdueAfterDays), "long", num(stats.LongOpenDays), "few", num(smallBase))
	return h
}

// waitingTable lists, per body, the referred cases it has, aged from the
// day each was referred.
func (r *renderer) waitingTable(b stats.Backlog) theme.Table {
	t := theme.Table{Head: []string{r.t("headline.body"), r.t("dashboard.cases"), r.t("headline.median_wait"), r.t("headline.longest_wait")}}
	for _, w := range b.Waiting {
		name := w.Body
		if ref, ok := r.cfg.Referral(w.Body); ok {
			name = ref.Name
		}
		t.Rows = append(t.Rows, theme.Row{Cells: []theme.Cell{
			text(name), r.num(int64(w.Cases)),
			{Text: r.f.Dec(w.MedianDays, 1), Class: "num", Value: fmt.Sprint(w.MedianDays)},
			r.num(int64(w.OldestDays)),
		}})
	}
	return t
}

// spark draws the counts of the sparkMonths months to cur. A month
// before the data is left out of the line, not drawn as zero.
func (r *renderer) spark(cur period.Period, unit string, count func(period.Period) (int64, bool)) *Spark {
	const w, h, pad = 120, 28, 2
	months := make([]period.Period, sparkMonths)
	m := cur
	for i := sparkMonths - 1; i >= 0; i-- {
		months[i], m = m, m.Prev()
	}
	var values []int64
	var label []string
	first := -1
	var top int64 = 1
	for i, m := range months {
		n, ok := count(m)
		if !ok || !r.hasData(m, unit) {
			continue
		}
		if first < 0 {
			first = i
		}
		values = append(values, n)
		top = max(top, n)
		label = append(label, shortMonth(m)+": "+r.f.Num(n))
	}
	if len(values) < 2 {
		return nil
	}
	pts := make([]string, len(values))
	step := float64(w-2*pad) / float64(sparkMonths-1)
	for i, n := range values {
		x := float64(pad) + step*float64(first+i)
		y := float64(h-pad) - float64(h-2*pad)*float64(n)/float64(top)
		pts[i] = fmt.Sprintf("%.1f,%.1f", x, y)
	}
	return &Spark{Points: strings.Join(pts, " "), Width: w, Height: h, Label: strings.Join(label, "; ")}
}
