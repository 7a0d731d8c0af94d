package render

import (
	"cmp"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"giamsat/internal/address"
	"giamsat/internal/export"
	"giamsat/internal/freeze"
	"giamsat/internal/period"
	"giamsat/internal/site"
	"giamsat/internal/stats"
	"giamsat/internal/theme"
)

// Report is a period's report: a letter as a Department sends it up
// (Decree 30/2020 layout), its annex of tables, and the later corrections
// beside the figures it was closed with.
type Report struct {
	Title     string
	Letter    ReportLetter
	Narrative []string // paragraphs in full sentences
	// Corrections lists the figures of a closed report that later exports
	// changed, frozen beside current; no rows when none did or the period
	// is open.
	Corrections     theme.Table
	CorrectionsNote string
	Comparison      theme.Table  // this period, the previous one, a year earlier
	ByDistrict      theme.Table  // district × category
	ByStatus        theme.Table  // district × status
	Reports         theme.Table  // late and missing reports, named
	Map             *theme.Chart // the period's cases on the boundary map; nil without one
	MapScript       string
	Prev, Next      Link // neighbouring reports of the same kind; empty Href when none
	Overview        string
	Index           string // the list of every report
	Docx            string // the Word file of the report
}

// ReportLetter is the report's letterhead, heading and closing lines.
type ReportLetter struct {
	Parent     string // the body above the issuer: UBND TỈNH LONG AN
	Issuer     string // the organisation's name at the period's end, in capitals
	Number     string // 12/BC-STTTT; blank where the number goes while open
	NumberLine string // "Số: 12/BC-STTTT"
	PlaceDate  string // Long An, ngày 05 tháng 5 năm 2022
	Date       string // the same day, ISO, for <time>
	Kind       string // BÁO CÁO
	Subject    string
	Basis      string // "Số liệu chốt ngày …" or "Số liệu tạm tính đến ngày …"
	Span       string // first – last day of the period
	AnnexOf    string // under PHỤ LỤC: "(Kèm theo Báo cáo số … ngày …)"
	Frozen     bool
	Recipients []string // punctuated as the letter lists them
	Signer     site.Signer
}

// reportView writes one report from one summary: a closed period's frozen
// figures, or the current ones while it is open. Its x shadows the
// renderer's on purpose: every figure of the report comes from the summary
// it was made with, while hasData and the calendar, which say where the
// site's data begin, stay the renderer's.
type reportView struct {
	*renderer
	x      *stats.Summary
	frozen *freeze.Frozen // nil while the period is open
}

func (r *renderer) on(x *stats.Summary) reportView { return reportView{renderer: r, x: x} }

// province is the province's figures of period q: in a closed report, as
// of its closing day (for the periods it is compared with too).
func (r reportView) province(q period.Period) stats.Counts {
	if r.frozen != nil {
		return r.frozen.Province(q)
	}
	return r.x.Counts(q, "", "")
}

func (r *renderer) reportJob(p period.Period) job {
	return func() error {
		v, err := r.report(p)
		if err != nil {
			return err
		}
		from := address.Report(p)
		if err := r.write(from, "report.html", v.Title, v); err != nil {
			return err
		}
		return r.writeDocx(p, v)
	}
}

// report builds the view of p's report.
func (r *renderer) report(p period.Period) (*Report, error) {
	from := address.Report(p)
	first, last := p.Span(r.cfg.Reports.PeriodStartDay)
	cl := r.in.Closings[p]
	rv, issued := r.on(r.x), r.x.AsOf
	if fz := r.in.Frozen[p]; cl.Frozen && fz != nil {
		rv, issued = reportView{renderer: r, x: fz.Summary, frozen: fz}, cl.Day
	} else {
		cl.Frozen = false
	}
	v := &Report{
		Title:    r.tf("report.title", "period", r.f.Period(p)),
		Letter:   r.letter(p, cl, issued),
		Overview: address.Rel(from, address.Index("")),
		Index:    address.Rel(from, address.Index(address.Reports)),
		Docx:     path.Base(address.ReportDocx(p, r.cfg.Language)),
	}
	v.Letter.Span = r.f.Date(first) + " – " + r.f.Date(last)
	v.Narrative = rv.narrative(p)
	if cl.Frozen {
		v.Corrections = r.corrections(p, rv.x, r.x)
		if len(v.Corrections.Rows) > 0 {
			v.CorrectionsNote = r.tf("report.corrections.note", "frozen", r.f.Date(cl.Day), "as_of", r.f.Date(r.x.AsOf))
		}
	}
	v.Comparison = rv.comparison(p)
	v.ByDistrict = rv.districtCategoryTable(from, p)
	v.ByStatus = rv.districtStatusTable(from, p)
	v.Reports = sortable(rv.reportIssues(from, p))
	if r.in.Map.Asset != "" {
		m, err := r.choropleth(from, "chart-unit-map", r.t("dashboard.chart.unit_map"), r.t("dashboard.by_district_category"), "#by-district-title", false, r.during(p), func(code string) stats.Counts { return rv.x.Counts(p, code, "") })
		if err != nil {
			return nil, err
		}
		v.Map, v.MapScript = &m, r.mapScript(from)
	}
	ps := r.x.Periods(p.Kind)
	for i, q := range ps {
		if q != p {
			continue
		}
		if i > 0 {
			v.Prev = Link{Href: address.Rel(from, address.Index(address.Report(ps[i-1]))), Text: r.f.Period(ps[i-1])}
		}
		if i+1 < len(ps) {
			v.Next = Link{Href: address.Rel(from, address.Index(address.Report(ps[i+1]))), Text: r.f.Period(ps[i+1])}
		}
	}
	return v, nil
}

// letter is the report's letterhead and closing lines, issued on the
// closing day of a closed period (numbered), else on as_of (the number left
// blank, as on a draft).
func (r *renderer) letter(p period.Period, cl freeze.Closing, issued period.Date) ReportLetter {
	_, last := p.Span(r.cfg.Reports.PeriodStartDay)
	rc := r.cfg.Reports
	seq := "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"
	if cl.Frozen {
		seq = strconv.Itoa(cl.Seq)
	}
	l := ReportLetter{
		Parent:    strings.ToUpper(rc.Parent),
		Issuer:    strings.ToUpper(r.cfg.OrganizationOn(last)),
		Number:    strings.NewReplacer("{seq}", seq, "{year}", strconv.Itoa(issued.Year())).Replace(rc.NumberFormat),
		PlaceDate: r.f.LongDate(r.cfg.PlaceOn(issued), issued),
		Date:      issued.String(),
		Kind:      r.t("report.kind"),
		Subject:   r.tf("report.subject", "title", lowerFirst(r.cfg.Title), "period", r.f.Period(p)),
		Frozen:    cl.Frozen,
		Signer:    rc.Signer,
	}
	l.NumberLine = r.tf("report.number", "number", l.Number)
	l.AnnexOf = r.tf("report.annex_of", "number", l.Number, "date", r.f.Date(issued))
	switch {
	case !cl.Frozen:
		l.Basis = r.tf("report.provisional", "date", r.f.Date(issued))
	case cl.Complete:
		l.Basis = r.tf("report.frozen", "date", r.f.Date(cl.Day))
	default:
		l.Basis = r.tf("report.frozen_incomplete", "date", r.f.Date(cl.Day), "days", r.f.Num(int64(rc.CloseAfterDays)))
	}
	for i, it := range rc.Recipients {
		end := ";"
		if i == len(rc.Recipients)-1 {
			end = "."
		}
		l.Recipients = append(l.Recipients, strings.TrimRight(strings.TrimSpace(it), " ;.")+end)
	}
	return l
}

// lowerFirst lowers the first letter: the site's title continues the
// subject's sentence ("Kết quả giám sát …").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// corrections lists the figures of p that differ between the summary the
// report was closed with (then) and the current one (now): the province's
// figures, each unit's cases and each report's status. A correction is
// shown beside the figure of record, never in place of it.
func (r *renderer) corrections(p period.Period, then, now *stats.Summary) theme.Table {
	t := theme.Table{Head: []string{r.cfg.DistrictLabel, r.t("report.corrections.figure"),
		r.tf("report.corrections.then", "date", r.f.Date(then.AsOf)), r.tf("report.corrections.now", "date", r.f.Date(now.AsOf))}}
	add := func(who, what, a, b string) {
		if a != b {
			t.Rows = append(t.Rows, theme.Row{Cells: []theme.Cell{text(who), text(what), {Text: a, Class: "num"}, {Text: b, Class: "num"}}})
		}
	}
	num := func(n int) string { return r.f.Num(int64(n)) }
	a, b := then.Counts(p, "", ""), now.Counts(p, "", "")
	province := r.t("dashboard.province")
	for _, f := range r.reportFigures() {
		show := func(n int64) string { return r.f.Num(n) }
		if f.money {
			show = r.f.Money
		}
		add(province, f.label, show(f.get(a)), show(f.get(b)))
	}
	existed := r.during(p)
	for i, d := range r.cfg.Districts {
		if existed(i) {
			add(d.Name, r.t("dashboard.fig.cases"), num(then.Counts(p, d.Code, "").Total), num(now.Counts(p, d.Code, "").Total))
		}
	}
	was := make(map[[2]string]stats.Report)
	for _, rep := range then.ReportsFor(p, "") {
		was[[2]string{rep.Period.String(), rep.District}] = rep
	}
	for _, rep := range now.ReportsFor(p, "") {
		old, ok := was[[2]string{rep.Period.String(), rep.District}]
		if ok && old.Status != rep.Status {
			what := r.tf("report.corrections.report", "period", r.f.Period(rep.Period))
			add(r.districtName[rep.District], what, r.reportStatusText(old), r.reportStatusText(rep))
		}
	}
	return t
}

// reportStatusText says how a report stood: "Trễ hạn (19/05/2022)".
func (r *renderer) reportStatusText(rep stats.Report) string {
	s := r.t("dashboard.report." + strings.ReplaceAll(string(rep.Status), "-", "_"))
	if !rep.ExportedAt.IsZero() {
		s += " (" + r.f.Date(period.DateOf(rep.ExportedAt)) + ")"
	}
	return s
}

// figure is one row of the comparison table and of the corrections.
type figure struct {
	label string
	get   func(stats.Counts) int64
	money bool
}

// reportFigures are the figures a report compares, in the table's order.
func (r *renderer) reportFigures() []figure {
	fs := []figure{
		{label: r.t("dashboard.fig.cases"), get: func(c stats.Counts) int64 { return int64(c.Total) }},
		{label: r.t("dashboard.fig.open"), get: func(c stats.Counts) int64 { return int64(c.Open) }},
		{label: r.t("dashboard.fig.overdue"), get: func(c stats.Counts) int64 { return int64(c.Overdue) }},
	}
	for _, s := range []export.Status{export.Removed, export.Sanctioned, export.Referred, export.Closed} {
		fs = append(fs, figure{label: r.statusName(s), get: func(c stats.Counts) int64 { return int64(c.Status(s)) }})
	}
	return append(fs, figure{label: r.t("dashboard.fig.fines"), get: func(c stats.Counts) int64 { return c.FinesVND }, money: true})
}

// prevWord names the period before, as a sentence says it.
func (r *renderer) prevWord(k period.Kind) string {
	switch k {
	case period.Month:
		return r.t("report.prev.month")
	case period.Quarter:
		return r.t("report.prev.quarter")
	}
	return r.t("report.prev.year")
}

// compare says how cur stands against before, as the clause that follows
// the count with its punctuation: ", tăng 12% so với tháng trước (33 vụ
// việc)", ", tăng từ 3 lên 6 vụ việc so với tháng trước" (a small base,
// see smallBase), "; tháng trước không có vụ việc nào", or, before the
// site's data begin (known false, see hasData), "; cùng kỳ năm trước chưa
// có số liệu".
func (r *renderer) compare(cur, before int, known bool, than string) string {
	ch := r.countChange(int64(cur), int64(before), known, func(n int64) string { return r.f.Num(n) })
	was := r.cases(before)
	switch {
	case !known:
		return r.tf("report.compare.no_data", "than", than)
	case before == 0 && cur == 0:
		return r.tf("report.compare.none_both", "than", than)
	case before == 0:
		return r.tf("report.compare.none_before", "than", than)
	case cur == before:
		return r.tf("report.compare.same", "than", than, "before", was)
	case before < smallBase && ch.Trend == "up":
		return r.tf("report.compare.up_from", "from", r.f.Num(int64(before)), "to", r.cases(cur), "than", than)
	case before < smallBase:
		return r.tf("report.compare.down_from", "from", r.f.Num(int64(before)), "to", r.cases(cur), "than", than)
	}
	pct := r.f.Num(int64(math.Round(100*math.Abs(float64(cur-before))/float64(before)))) + "%"
	if cur > before {
		return r.tf("report.compare.up", "pct", pct, "than", than, "before", was)
	}
	return r.tf("report.compare.down", "pct", pct, "than", than, "before", was)
}

// cases says a number of cases: "12 vụ việc".
func (r *renderer) cases(n int) string { return r.tf("report.cases", "n", r.f.Num(int64(n))) }

// narrative writes the report's summary in sentences.
func (r reportView) narrative(p period.Period) []string {
	c := r.x.Counts(p, "", "")
	prev := r.province(p.Prev())
	name := r.f.Period(p)
	var out []string

	if c.Total == 0 {
		out = append(out, r.tf("report.none", "period", name))
	} else {
		compare := r.compare(c.Total, prev.Total, r.hasData(p.Prev(), ""), r.prevWord(p.Kind))
		if p.Kind != period.Year {
			compare += r.compare(c.Total, r.province(p.YearAgo()).Total, r.hasData(p.YearAgo(), ""), r.t("report.year_ago"))
		}
		out = append(out, r.tf("report.detected", "period", name, "cases", r.cases(c.Total), "compare", compare))

		if top := r.topDistricts(p, 3); len(top) > 0 {
			out = append(out, r.tf("report.top_units", "list", strings.Join(top, ", ")))
		}
		if top := r.topCategories(p, 2); len(top) > 0 {
			out = append(out, r.tf("report.top_categories", "list", strings.Join(top, "; ")))
		}
		num := func(n int) string { return r.f.Num(int64(n)) }
		out = append(out, r.tf("report.outcome",
			"as_of", r.f.Date(r.x.AsOf), "open", num(c.Open), "overdue", num(c.Overdue),
			"removed", num(c.Status(export.Removed)), "sanctioned", num(c.Status(export.Sanctioned)), "fines", r.f.Money(c.FinesVND),
			"referred", num(c.Status(export.Referred)), "closed", num(c.Status(export.Closed))))
	}

	reps := r.x.ReportsFor(p, "")
	if len(reps) > 0 && !singlePeriod(reps, p) {
		// A quarter or a year: totals by unit, not every unit and month.
		lapses := r.lapses(reps)
		var onTime, late, missing int
		var list []string
		for _, rep := range reps {
			switch rep.Status {
			case stats.OnTime:
				onTime++
			case stats.Late:
				late++
			default:
				missing++
			}
		}
		for _, l := range lapses {
			list = append(list, r.lapseText(l))
		}
		s := r.tf("report.compliance", "n", r.f.Num(int64(onTime)))
		if len(lapses) > 0 {
			s += r.tf("report.compliance.units", "late", r.f.Num(int64(late)), "missing", r.f.Num(int64(missing)),
				"units", r.f.Num(int64(len(lapses))), "list", strings.Join(list, "; "))
		}
		out = append(out, s+".")
	} else if len(reps) > 0 {
		var onTime int
		var late, missing []string
		for _, rep := range reps {
			who := r.districtName[rep.District]
			if rep.Period != p {
				who += " (" + r.f.Period(rep.Period) + ")"
			}
			switch rep.Status {
			case stats.OnTime:
				onTime++
			case stats.Late:
				late = append(late, who)
			default:
				missing = append(missing, who)
			}
		}
		s := r.tf("report.compliance", "n", r.f.Num(int64(onTime)))
		if len(late) > 0 {
			s += r.tf("report.compliance.late", "n", r.f.Num(int64(len(late))), "list", strings.Join(late, ", "))
		}
		if len(missing) > 0 {
			s += r.tf("report.compliance.missing", "n", r.f.Num(int64(len(missing))), "list", strings.Join(missing, ", "))
		}
		out = append(out, s+".")
	}
	return out
}

// topDistricts names the n districts with most cases in p: "Bến Lức (12
// vụ việc)". Ties keep site order.
func (r reportView) topDistricts(p period.Period, n int) []string {
	type d struct {
		name  string
		cases int
	}
	var ds []d
	for _, x := range r.cfg.Districts {
		if k := r.x.Counts(p, x.Code, "").Total; k > 0 {
			ds = append(ds, d{x.Name, k})
		}
	}
	sortDesc(ds, func(x d) int { return x.cases })
	var out []string
	for _, x := range ds[:min(n, len(ds))] {
		out = append(out, r.tf("report.named_count", "name", x.name, "cases", r.cases(x.cases)))
	}
	return out
}

func (r reportView) topCategories(p period.Period, n int) []string {
	type c struct {
		name  string
		cases int
	}
	var cs []c
	for _, x := range r.cfg.Categories {
		if k := r.x.Counts(p, "", x.Key).Total; k > 0 {
			cs = append(cs, c{x.Name, k})
		}
	}
	sortDesc(cs, func(x c) int { return x.cases })
	var out []string
	for _, x := range cs[:min(n, len(cs))] {
		out = append(out, r.tf("report.named_count", "name", x.name, "cases", r.cases(x.cases)))
	}
	return out
}

// comparison tabulates the period's figures against the previous period
// and the same period a year earlier; a change on a small base is the two
// figures, and one before the site's data begin says so (countChange).
func (r reportView) comparison(p period.Period) theme.Table {
	cur, prev, ago := r.x.Counts(p, "", ""), r.province(p.Prev()), r.province(p.YearAgo())
	prevKnown, agoKnown := r.hasData(p.Prev(), ""), r.hasData(p.YearAgo(), "")
	t := theme.Table{Head: []string{"", r.f.Period(p), r.f.Period(p.Prev()), r.t("dashboard.change"), r.f.Period(p.YearAgo()), r.t("dashboard.change")}}
	if p.Kind == period.Year {
		t.Head = t.Head[:4]
	}
	for _, f := range r.reportFigures() {
		show, plain := r.num, func(n int64) string { return r.f.Num(n) }
		if f.money {
			show, plain = r.money, r.f.Money
		}
		old := func(c stats.Counts, known bool) theme.Cell {
			if !known {
				return theme.Cell{Class: "num"}
			}
			return show(f.get(c))
		}
		ch1 := r.countChange(f.get(cur), f.get(prev), prevKnown, plain)
		cells := []theme.Cell{text(f.label), show(f.get(cur)), old(prev, prevKnown), {Text: ch1.Text, Class: "num"}}
		if p.Kind != period.Year {
			ch2 := r.countChange(f.get(cur), f.get(ago), agoKnown, plain)
			cells = append(cells, old(ago, agoKnown), theme.Cell{Text: ch2.Text, Class: "num"})
		}
		t.Rows = append(t.Rows, theme.Row{Cells: cells})
	}
	return t
}

func (r reportView) districtCategoryTable(from string, p period.Period) theme.Table {
	t := theme.Table{Head: []string{r.cfg.DistrictLabel}}
	for _, c := range r.cfg.Categories {
		t.Head = append(t.Head, c.Name)
	}
	t.Head = append(t.Head, r.t("dashboard.total"))
	colTotals := make([]int, len(r.cfg.Categories))
	existed := r.during(p)
	for i, d := range r.cfg.Districts {
		if !existed(i) {
			continue
		}
		row := theme.Row{Cells: []theme.Cell{link(d.Name, address.Rel(from, address.Index(r.districtPath(i))))}}
		total := 0
		for j, c := range r.cfg.Categories {
			n := r.x.Cell(p, d.Code, c.Key)
			colTotals[j] += n
			total += n
			row.Cells = append(row.Cells, r.num(int64(n)))
		}
		t.Rows = append(t.Rows, theme.Row{Cells: append(row.Cells, r.num(int64(total)))})
	}
	foot := theme.Row{Class: "total", Cells: []theme.Cell{text(r.t("dashboard.province"))}}
	sum := 0
	for _, n := range colTotals {
		foot.Cells = append(foot.Cells, r.num(int64(n)))
		sum += n
	}
	foot.Cells = append(foot.Cells, r.num(int64(sum)))
	t.Foot = []theme.Row{foot}
	return t
}

func (r reportView) districtStatusTable(from string, p period.Period) theme.Table {
	t := theme.Table{Head: []string{r.cfg.DistrictLabel}}
	for _, s := range export.Statuses {
		t.Head = append(t.Head, r.statusName(s))
	}
	t.Head = append(t.Head, r.t("dashboard.fig.overdue"), r.t("dashboard.fig.fines"), r.t("dashboard.total"))
	line := func(c stats.Counts) []theme.Cell {
		var cells []theme.Cell
		for i := range export.Statuses {
			cells = append(cells, r.num(int64(c.ByStatus[i])))
		}
		return append(cells, r.num(int64(c.Overdue)), r.money(c.FinesVND), r.num(int64(c.Total)))
	}
	existed := r.during(p)
	for i, d := range r.cfg.Districts {
		if !existed(i) {
			continue
		}
		c := r.x.Counts(p, d.Code, "")
		t.Rows = append(t.Rows, theme.Row{Cells: append([]theme.Cell{link(d.Name, address.Rel(from, address.Index(r.districtPath(i))))}, line(c)...)})
	}
	t.Foot = []theme.Row{{Class: "total", Cells: append([]theme.Cell{text(r.t("dashboard.province"))}, line(r.x.Counts(p, "", ""))...)}}
	return t
}

// reportIssues names the late and missing reports of the period.
func (r reportView) reportIssues(from string, p period.Period) theme.Table {
	if reps := r.x.ReportsFor(p, ""); !singlePeriod(reps, p) {
		return r.lapseTable(from, reps)
	}
	t := theme.Table{Head: []string{r.cfg.DistrictLabel, r.t("dashboard.report.period"), r.t("dashboard.report.due"), r.t("dashboard.status"), r.t("dashboard.report.exported")}}
	for _, rep := range r.x.ReportsFor(p, "") {
		if rep.Status == stats.OnTime {
			continue
		}
		c := r.complianceCell(rep)
		exported := ""
		if !rep.ExportedAt.IsZero() {
			exported = r.f.Date(period.DateOf(rep.ExportedAt))
		}
		i, _ := r.x.DistrictIndex(rep.District)
		t.Rows = append(t.Rows, theme.Row{Class: c.Status, Cells: []theme.Cell{
			link(r.districtName[rep.District], address.Rel(from, address.Index(r.districtPath(i)))),
			text(r.f.Period(rep.Period)),
			{Text: r.f.Date(rep.Due), Value: rep.Due.String()},
			{Text: c.Mark + " " + r.t("dashboard.report."+strings.ReplaceAll(string(rep.Status), "-", "_")), Class: c.Status},
			text(exported),
		}})
	}
	return t
}

// singlePeriod reports whether every report row is for p itself: a month
// report of monthly reports, not a quarter or a year of them.
func singlePeriod(reps []stats.Report, p period.Period) bool {
	for _, rep := range reps {
		if rep.Period != p {
			return false
		}
	}
	return true
}

// lapse is one unit's late and missing reports over several periods.
type lapse struct {
	unit          int // in site.yaml
	late, missing []period.Period
}

// lapses totals the late and missing reports by unit, worst first (most
// missing, then most late; ties in site order).
func (r reportView) lapses(reps []stats.Report) []*lapse {
	byUnit := make(map[int]*lapse)
	var out []*lapse
	for _, rep := range reps {
		if rep.Status == stats.OnTime {
			continue
		}
		i, _ := r.x.DistrictIndex(rep.District)
		l := byUnit[i]
		if l == nil {
			l = &lapse{unit: i}
			byUnit[i] = l
			out = append(out, l)
		}
		if rep.Status == stats.Late {
			l.late = append(l.late, rep.Period)
		} else {
			l.missing = append(l.missing, rep.Period)
		}
	}
	slices.SortStableFunc(out, func(a, b *lapse) int {
		return cmp.Or(cmp.Compare(len(b.missing), len(a.missing)), cmp.Compare(len(b.late), len(a.late)), cmp.Compare(a.unit, b.unit))
	})
	return out
}

// lapseText says one unit's lapses: "Xã A: muộn 3 kỳ, thiếu 1 kỳ".
func (r *renderer) lapseText(l *lapse) string {
	name := r.cfg.Districts[l.unit].Name
	late, missing := r.f.Num(int64(len(l.late))), r.f.Num(int64(len(l.missing)))
	switch {
	case len(l.missing) == 0:
		return r.tf("report.unit_late", "name", name, "late", late)
	case len(l.late) == 0:
		return r.tf("report.unit_missing", "name", name, "missing", missing)
	}
	return r.tf("report.unit_late_missing", "name", name, "late", late, "missing", missing)
}

// lapseTable lists, for a quarter or a year, each unit that reported late
// or not at all: how often, and in which periods.
func (r reportView) lapseTable(from string, reps []stats.Report) theme.Table {
	t := theme.Table{Head: []string{r.cfg.DistrictLabel, r.t("dashboard.report.late"), r.t("dashboard.report.missing"),
		r.t("report.late_periods"), r.t("report.missing_periods")}}
	short := func(ps []period.Period) string {
		names := make([]string, len(ps))
		for i, p := range ps {
			names[i] = shortPeriod(p)
		}
		return strings.Join(names, ", ")
	}
	for _, l := range r.lapses(reps) {
		class := string(stats.Late)
		if len(l.missing) > 0 {
			class = string(stats.Missing)
		}
		t.Rows = append(t.Rows, theme.Row{Class: class, Cells: []theme.Cell{
			link(r.cfg.Districts[l.unit].Name, address.Rel(from, address.Index(r.districtPath(l.unit)))),
			r.num(int64(len(l.late))), r.num(int64(len(l.missing))),
			text(short(l.late)), text(short(l.missing)),
		}})
	}
	return t
}
