package render

import (
	"slices"

	"giamsat/internal/address"
	"giamsat/internal/export"
	"giamsat/internal/site"
	"giamsat/internal/theme"
)

// Links to the dashboard's pages for other parts of the site (the search
// index), made by the same rules the pages are written with.

// CaseRegisterHref returns the function that gives the province register
// page listing case i of the merged, id-sorted cases:
// "cases/index.html", "cases/3/index.html".
func CaseRegisterHref(th *theme.Theme, cfg *site.Config, cases []export.Case) func(i int) string {
	starts := registerPages(len(cases), registerRows(th, cfg), func(k int) string { return cases[k].ID })
	return func(i int) string {
		page, found := slices.BinarySearch(starts, i)
		if !found {
			page-- // i lies on the page that starts before it
		}
		return address.Index(address.Paged(address.Cases, page+1))
	}
}

// registerRows is the number of cases on a register page: the row budget
// over the longest row the site's names and the theme's status words make.
func registerRows(th *theme.Theme, cfg *site.Config) int {
	longestStatus := 0
	for _, s := range []string{"detected", "requested", "referred", "removed", "sanctioned", "closed"} {
		longestStatus = max(longestStatus, len(th.T("dashboard.status."+s)))
	}
	for _, t := range cfg.Referrals {
		longestStatus = max(longestStatus, len(th.T("dashboard.status.referred"))+len(t.Name)+3)
	}
	longestStatus += len(th.T("dashboard.overdue")) + 8
	return rowsPerPage(cfg, longestStatus)
}
