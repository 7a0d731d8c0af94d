package render

import (
	"giamsat/internal/period"
	"giamsat/internal/stats"
)

// count fills the index's groups in one pass over the cases. A case's
// month, district, category and platform are numbered (each value in the
// order it first appears) and the case is added to five dense tables:
// month × district, month × category, district × category, district ×
// platform and category × platform. Every other group is a union of one
// table's cells, merged without the cases: a quarter or a year of its
// months, a period of its districts, a category of its districts, a
// platform of its districts. A million cases are read once, not once per
// group, and no key string is made per case.
func (x *index) count() {
	var (
		dayMonth                         = make(map[period.Date]int)
		months                           numbering[period.Period]
		quarterYear                      [][2]period.Period // per month
		districts, categories, platforms numbering[string]
		siteDistrict                     []int // per district number: its place in site.yaml, or -1
		md, mc, dc, dp, cp               table
	)
	x.districtCases = make([][]int32, len(x.cfg.Districts))
	for i := range x.cases {
		c := &x.cases[i]
		// A few thousand detection days stand for a million cases, so
		// a case's month costs a lookup, not a date computation.
		m, ok := dayMonth[c.DetectedOn]
		if !ok {
			m = months.of(period.MonthOf(c.DetectedOn, x.startDay))
			if m == len(quarterYear) {
				quarterYear = append(quarterYear, [2]period.Period{
					period.Of(period.Quarter, c.DetectedOn, x.startDay),
					period.Of(period.Year, c.DetectedOn, x.startDay),
				})
			}
			dayMonth[c.DetectedOn] = m
		}
		d, k, p := districts.of(c.District), categories.of(c.Category), platforms.of(c.Platform)
		if d == len(siteDistrict) {
			j, ok := x.districtIndex[c.District]
			if !ok {
				// Cannot happen after reading; left out rather than trusted.
				j = -1
			}
			siteDistrict = append(siteDistrict, j)
		}
		if j := siteDistrict[d]; j >= 0 {
			x.districtCases[j] = append(x.districtCases[j], int32(i))
		}

		e := stats.NewEntry(c, x.asOf, x.days)
		md.at(m, d).Add(&e)
		mc.at(m, k).Add(&e)
		dc.at(d, k).Add(&e)
		dp.at(d, p).Add(&e)
		cp.at(k, p).Add(&e)
	}

	// Periods of every kind, by district and by category: each month's
	// cells go to the month, its quarter and its year.
	var periods numbering[period.Period]
	var pd, pc table
	for m, month := range months.values {
		for _, p := range [3]period.Period{month, quarterYear[m][0], quarterYear[m][1]} {
			r := periods.of(p)
			pd.mergeRow(r, md[m])
			pc.mergeRow(r, mc[m])
		}
	}
	x.byPeriod = make(map[string]stats.Counts, len(periods.values))
	x.byPeriodDistrict = make(map[string]stats.Counts)
	x.byPeriodCategory = make(map[string]stats.Counts)
	for r, p := range periods.values {
		name := p.String()
		all := pd.fill(r, name+"|", districts.values, x.byPeriodDistrict)
		x.byPeriod[name] = all.Counts()
		pc.fill(r, name+"|", categories.values, x.byPeriodCategory)
	}

	x.byDistrictCategory = make(map[string]stats.Counts)
	x.byDistrictPlatform = make(map[string]stats.Counts)
	x.byCategoryPlatform = make(map[string]stats.Counts)
	var byCategory, byPlatform table // one row: the sums over districts
	for d, code := range districts.values {
		dc.fill(d, code+"|", categories.values, x.byDistrictCategory)
		dp.fill(d, code+"|", platforms.values, x.byDistrictPlatform)
		byCategory.mergeRow(0, dc[d])
		byPlatform.mergeRow(0, dp[d])
	}
	for k, key := range categories.values {
		cp.fill(k, key+"|", platforms.values, x.byCategoryPlatform)
	}
	// stats.Group leaves out cases with an empty key; so do these.
	x.byCategory = make(map[string]stats.Counts, len(categories.values))
	x.byPlatform = make(map[string]stats.Counts, len(platforms.values))
	byCategory.fill(0, "", categories.values, x.byCategory)
	byPlatform.fill(0, "", platforms.values, x.byPlatform)
	delete(x.byCategory, "")
	delete(x.byPlatform, "")
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
type table [][]stats.Counter

func (t *table) at(r, c int) *stats.Counter {
	if r >= len(*t) {
		*t = append(*t, make([][]stats.Counter, r+1-len(*t))...)
	}
	row := (*t)[r]
	if c >= len(row) {
		row = append(row, make([]stats.Counter, c+1-len(row))...)
		(*t)[r] = row
	}
	return &row[c]
}

// mergeRow adds row, cell by cell, to row r of t.
func (t *table) mergeRow(r int, row []stats.Counter) {
	for c := range row {
		t.at(r, c).Merge(&row[c])
	}
}

// fill puts the figures of row r's non-empty cells in dst, keyed by prefix
// and the column's value, and returns the row's sum.
func (t table) fill(r int, prefix string, cols []string, dst map[string]stats.Counts) stats.Counter {
	var sum stats.Counter
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
