package stats

import (
	"slices"

	"giamsat/internal/period"
)

// Kinds are the period kinds the site shows figures for.
func Kinds() []period.Kind { return []period.Kind{period.Month, period.Quarter, period.Year} }

// groups are the figures every page reads, counted in Compute's single pass
// over the cases: every group is a cell of one of five dense tables (month
// × district, month × category, district × category, district × platform,
// category × platform) or a union of cells, merged without the cases — a
// quarter or a year of its months, a period of its districts, a category of
// its districts. A million cases are read once, not once per group, and no
// key string is made per case.
type groups struct {
	startDay int

	// months are the months from the first with a case or a report owed to
	// the last, with no gaps; quarters and years likewise.
	months, quarters, years []period.Period
	current                 period.Period // the latest month with cases up to as_of; zero if none

	// byPeriod is keyed by period ("2022-04", "2022-Q2", "2022"), the
	// others by period and a district code or category key, joined by "|".
	byPeriod, byPeriodDistrict, byPeriodCategory map[string]Counts
	byCategory, byPlatform                       map[string]Counts
	// byDistrictCategory "code|category", byDistrictPlatform
	// "code|platform", byCategoryPlatform "category|platform".
	byDistrictCategory, byDistrictPlatform, byCategoryPlatform map[string]Counts
	// cells counts cases per "period|code|category" for every kind, from
	// the monthly rows (quarters and years are unions of months).
	cells map[string]int

	districtCases [][]int32 // per district in site order: indices into the cases, in their order
	districtIndex map[string]int

	// reportsIn holds the report rows by each period that holds theirs (a
	// month's rows under the month, its quarter and its year), in the
	// summary's order.
	reportsIn map[period.Period][]Report
}

// Periods lists the periods of one kind the site speaks of, oldest first:
// from the first month with a case or a report owed to the last.
func (s *Summary) Periods(k period.Kind) []period.Period {
	switch k {
	case period.Month:
		return s.months
	case period.Quarter:
		return s.quarters
	}
	return s.years
}

// Current is the latest month with cases up to as_of; zero if none.
func (s *Summary) Current() period.Period { return s.current }

// Counts returns the figures of a period, optionally narrowed to a
// district (code) or a category (key); "" means all.
func (s *Summary) Counts(p period.Period, district, category string) Counts {
	switch {
	case district != "":
		return s.byPeriodDistrict[p.String()+"|"+district]
	case category != "":
		return s.byPeriodCategory[p.String()+"|"+category]
	}
	return s.byPeriod[p.String()]
}

// Cell counts the cases of one period, district and category.
func (s *Summary) Cell(p period.Period, district, category string) int {
	return s.cells[p.String()+"|"+district+"|"+category]
}

// District returns the figures of a district over all time.
func (s *Summary) District(code string) Counts {
	if i, ok := s.districtIndex[code]; ok {
		return s.Districts[i].Counts
	}
	return Counts{}
}

// DistrictIndex is a district's place in site.yaml.
func (s *Summary) DistrictIndex(code string) (int, bool) {
	i, ok := s.districtIndex[code]
	return i, ok
}

// DistrictCases lists the cases of the i-th district of site.yaml as
// indices into Input.Cases, in their order.
func (s *Summary) DistrictCases(i int) []int32 { return s.districtCases[i] }

// Category returns the figures of a category over all time.
func (s *Summary) Category(key string) Counts { return s.byCategory[key] }

// Platform returns the figures of a platform over all time.
func (s *Summary) Platform(key string) Counts { return s.byPlatform[key] }

// DistrictCategory returns the figures of one category in one district.
func (s *Summary) DistrictCategory(code, category string) Counts {
	return s.byDistrictCategory[code+"|"+category]
}

// DistrictPlatform returns the figures of one platform in one district.
func (s *Summary) DistrictPlatform(code, platform string) Counts {
	return s.byDistrictPlatform[code+"|"+platform]
}

// CategoryPlatform returns the figures of one platform in one category.
func (s *Summary) CategoryPlatform(category, platform string) Counts {
	return s.byCategoryPlatform[category+"|"+platform]
}

// ReportsFor returns the report rows whose period lies within p, in the
// summary's order (period, then site order), optionally for one district.
func (s *Summary) ReportsFor(p period.Period, district string) []Report {
	rows := s.reportsIn[p]
	if district == "" {
		return slices.Clip(rows)
	}
	var out []Report
	for _, r := range rows {
		if r.District == district {
			out = append(out, r)
		}
	}
	return out
}

// ReportPeriods returns the last n periods reports are owed for.
func (s *Summary) ReportPeriods(n int) []period.Period {
	var ps []period.Period
	for _, r := range s.Reports {
		if len(ps) == 0 || ps[len(ps)-1] != r.Period {
			ps = append(ps, r.Period)
		}
	}
	if len(ps) > n {
		ps = ps[len(ps)-n:]
	}
	return slices.Clip(ps)
}

// count is Compute's pass over the cases. A case's month, district,
// category and platform are numbered (each value in the order it first
// appears) and the case is added to the five tables; the totals, the
// district rows and the monthly rows are unions of their cells.
type count struct {
	dayMonth                         map[period.Date]int
	months                           numbering[period.Period]
	quarterYear                      [][2]period.Period // per month
	districts, categories, platforms numbering[string]
	siteDistrict                     []int // per district number: its place in site.yaml, or -1
	md, mc, dc, dp, cp               table
}

// add counts the i-th case, whose entry is e, and returns the number of
// its month.
func (t *count) add(s *Summary, i int, district, category, platform string, detected period.Date, e *Entry) int {
	// A few thousand detection days stand for a million cases, so a
	// case's month costs a lookup, not a date computation.
	m, ok := t.dayMonth[detected]
	if !ok {
		m = t.months.of(period.MonthOf(detected, s.startDay))
		if m == len(t.quarterYear) {
			t.quarterYear = append(t.quarterYear, [2]period.Period{
				period.Of(period.Quarter, detected, s.startDay),
				period.Of(period.Year, detected, s.startDay),
			})
		}
		t.dayMonth[detected] = m
	}
	d, k, p := t.districts.of(district), t.categories.of(category), t.platforms.of(platform)
	if d == len(t.siteDistrict) {
		j, ok := s.districtIndex[district]
		if !ok {
			// Cannot happen after reading; left out rather than trusted.
			j = -1
		}
		t.siteDistrict = append(t.siteDistrict, j)
	}
	if j := t.siteDistrict[d]; j >= 0 {
		s.districtCases[j] = append(s.districtCases[j], int32(i))
	}
	t.md.at(m, d).Add(e)
	t.mc.at(m, k).Add(e)
	t.dc.at(d, k).Add(e)
	t.dp.at(d, p).Add(e)
	t.cp.at(k, p).Add(e)
	return m
}

// finish makes every group from the tables.
func (t *count) finish(s *Summary) {
	// Periods of every kind, by district and by category: each month's
	// cells go to the month, its quarter and its year.
	var periods numbering[period.Period]
	var pd, pc table
	for m, month := range t.months.values {
		for _, p := range [3]period.Period{month, t.quarterYear[m][0], t.quarterYear[m][1]} {
			r := periods.of(p)
			pd.mergeRow(r, t.md[m])
			pc.mergeRow(r, t.mc[m])
		}
	}
	s.byPeriod = make(map[string]Counts, len(periods.values))
	s.byPeriodDistrict = make(map[string]Counts)
	s.byPeriodCategory = make(map[string]Counts)
	for r, p := range periods.values {
		name := p.String()
		all := pd.fill(r, name+"|", t.districts.values, s.byPeriodDistrict)
		s.byPeriod[name] = all.Counts()
		pc.fill(r, name+"|", t.categories.values, s.byPeriodCategory)
	}

	s.byDistrictCategory = make(map[string]Counts)
	s.byDistrictPlatform = make(map[string]Counts)
	s.byCategoryPlatform = make(map[string]Counts)
	var byCategory, byPlatform, total table // one row: the sums over districts
	districts := make([]Counter, len(s.Districts))
	for d, code := range t.districts.values {
		t.dc.fill(d, code+"|", t.categories.values, s.byDistrictCategory)
		t.dp.fill(d, code+"|", t.platforms.values, s.byDistrictPlatform)
		byCategory.mergeRow(0, t.dc[d])
		byPlatform.mergeRow(0, t.dp[d])
		for k := range t.dc[d] {
			total.at(0, 0).Merge(&t.dc[d][k])
			if j := t.siteDistrict[d]; j >= 0 {
				districts[j].Merge(&t.dc[d][k])
			}
		}
	}
	if len(total) > 0 {
		s.Total = total[0][0].Counts()
	}
	for j := range s.Districts {
		s.Districts[j].Counts = districts[j].Counts()
	}
	for k, key := range t.categories.values {
		t.cp.fill(k, key+"|", t.platforms.values, s.byCategoryPlatform)
	}
	// Cases with an empty key are in no category or platform group.
	s.byCategory = make(map[string]Counts, len(t.categories.values))
	s.byPlatform = make(map[string]Counts, len(t.platforms.values))
	byCategory.fill(0, "", t.categories.values, s.byCategory)
	byPlatform.fill(0, "", t.platforms.values, s.byPlatform)
	delete(s.byCategory, "")
	delete(s.byPlatform, "")
}

// numbering gives each distinct value a small number, in the order the
// values first appear.
type numbering[T comparable] struct {
	num    map[T]int
	values []T
}

func (n *numbering[T]) of(v T) int {
	i, ok := n.num[v]
	if !ok {
		if n.num == nil {
			n.num = make(map[T]int)
		}
		i = len(n.values)
		n.num[v] = i
		n.values = append(n.values, v)
	}
	return i
}

// table is a grid of counters indexed by two numberings, grown as the
// numbers come.
type table [][]Counter

func (t *table) at(r, c int) *Counter {
	if r >= len(*t) {
		*t = append(*t, make([][]Counter, r+1-len(*t))...)
	}
	row := (*t)[r]
	if c >= len(row) {
		row = append(row, make([]Counter, c+1-len(row))...)
		(*t)[r] = row
	}
	return &row[c]
}

// mergeRow adds row, cell by cell, to row r of t.
func (t *table) mergeRow(r int, row []Counter) {
	for c := range row {
		t.at(r, c).Merge(&row[c])
	}
}

// fill puts the figures of row r's non-empty cells in dst, keyed by prefix
// and the column's value, and returns the row's sum.
func (t table) fill(r int, prefix string, cols []string, dst map[string]Counts) Counter {
	var sum Counter
	if r >= len(t) {
		return sum
	}
	for c := range t[r] {
		cell := &t[r][c]
		if counts := cell.Counts(); counts.Total > 0 {
			dst[prefix+cols[c]] = counts
			sum.Merge(cell)
		}
	}
	return sum
}

// spans finds the months, quarters and years the site speaks of: from the
// first month with a case or a report owed to the last, up to as_of.
func (s *Summary) spans() {
	var first, last period.Period
	see := func(p period.Period) {
		if first.IsZero() || period.Compare(p, first) < 0 {
			first = p
		}
		if last.IsZero() || period.Compare(p, last) > 0 {
			last = p
		}
	}
	for _, m := range s.Monthly {
		see(m.Month)
	}
	if !first.IsZero() {
		s.current = last
		// A case detected after as_of (as_of set by hand to an earlier
		// day) does not make "this period" a future month.
		if !s.AsOf.IsZero() {
			if now := period.MonthOf(s.AsOf, s.startDay); period.Compare(s.current, now) > 0 {
				s.current = now
			}
		}
	}
	for _, r := range s.Reports {
		f, l := r.Period.Span(s.startDay)
		see(period.MonthOf(f, s.startDay))
		see(period.MonthOf(l, s.startDay))
	}
	if first.IsZero() {
		return
	}
	for m := first; period.Compare(m, last) <= 0; m = m.Next() {
		s.months = append(s.months, m)
		mf, _ := m.Span(s.startDay)
		q := period.Of(period.Quarter, mf, s.startDay)
		if len(s.quarters) == 0 || s.quarters[len(s.quarters)-1] != q {
			s.quarters = append(s.quarters, q)
		}
		y := period.Of(period.Year, mf, s.startDay)
		if len(s.years) == 0 || s.years[len(s.years)-1] != y {
			s.years = append(s.years, y)
		}
	}
}

// cellsAndReports makes the period × district × category cells from the
// monthly rows and files each report row under its period and every
// longer period that holds it.
func (s *Summary) cellsAndReports() {
	s.cells = make(map[string]int)
	names := make(map[period.Period][3]string) // a month's period of each kind
	for _, m := range s.Monthly {
		n, ok := names[m.Month]
		if !ok {
			first, _ := m.Month.Span(s.startDay)
			for k, kind := range Kinds() {
				n[k] = period.Of(kind, first, s.startDay).String()
			}
			names[m.Month] = n
		}
		for _, name := range n {
			s.cells[name+"|"+m.District+"|"+m.Category] += m.Cases
		}
	}
	s.reportsIn = make(map[period.Period][]Report)
	for _, r := range s.Reports {
		first, _ := r.Period.Span(s.startDay)
		for k := r.Period.Kind; k <= period.Year; k++ {
			p := period.Of(k, first, s.startDay)
			s.reportsIn[p] = append(s.reportsIn[p], r)
		}
	}
}
