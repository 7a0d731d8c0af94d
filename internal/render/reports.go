package render

import (
	"slices"
	"strconv"

	"giamsat/internal/address"
	"giamsat/internal/format"
	"giamsat/internal/period"
)

// ReportIndex is the list of every period report, newest year first, so
// that leadership can find the report of any meeting.
type ReportIndex struct {
	Years []ReportYear
}

// ReportYear is one year's reports: the year itself, its quarters and its
// months, each in calendar order.
type ReportYear struct {
	Year     Link
	Quarters []Link
	Months   []Link
}

func (r *renderer) reportIndexJob() job {
	return func() error {
		const from = "reports"
		byYear := make(map[int]*ReportYear)
		var years []int
		yearOf := func(y int) *ReportYear {
			if v, ok := byYear[y]; ok {
				return v
			}
			v := &ReportYear{Year: Link{Text: strconv.Itoa(y)}}
			byYear[y] = v
			years = append(years, y)
			return v
		}
		link := func(p period.Period) Link {
			return Link{Href: address.Rel(from, address.Index(address.Report(p))), Text: r.f.Period(p)}
		}
		for _, p := range r.x.Periods(period.Year) {
			y := link(p)
			y.Text = format.Capital(y.Text) // a heading: "Năm 2022"
			yearOf(p.Year).Year = y
		}
		for _, p := range r.x.Periods(period.Quarter) {
			y := yearOf(p.Year)
			y.Quarters = append(y.Quarters, link(p))
		}
		for _, p := range r.x.Periods(period.Month) {
			y := yearOf(p.Year)
			y.Months = append(y.Months, link(p))
		}
		slices.Sort(years)
		var v ReportIndex
		for i := len(years) - 1; i >= 0; i-- {
			v.Years = append(v.Years, *byYear[years[i]])
		}
		return r.write(from+"/", "reports.html", r.t("dashboard.reports"), &v)
	}
}
