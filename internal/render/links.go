package render

import (
	"giamsat/internal/address"
	"giamsat/internal/export"
	"giamsat/internal/site"
	"giamsat/internal/theme"
)

// Links to the dashboard's pages for other parts of the site (the search
// index), made by the same rules the pages are written with.

// CaseRegisterHref returns the function that gives the row of case i of
// the merged, id-sorted cases on the province register page that lists
// it: "cases/index.html#c-BL-2022-0001", "cases/3/index.html#c-…".
func CaseRegisterHref(th *theme.Theme, cfg *site.Config, cases []export.Case) func(i int) string {
	return newRegisterLayout(cases, registerRows(th, cfg, cases), 0, nil).href(cases)
}

// href is CaseRegisterHref over the layout l of cases.
func (l *registerLayout) href(cases []export.Case) func(i int) string {
	pos := make([]int32, len(cases)) // case → its place in the register
	for k, i := range l.all {
		pos[i] = int32(k)
	}
	return func(i int) string {
		page := pageOf(l.starts, int(pos[i]))
		return address.Index(address.Paged(address.Cases, page)) + "#" + address.CaseAnchor(cases[i].ID)
	}
}

// registerRows is the number of cases on a register page: the row budget
// over the longest row the site's names, the theme's status words and the
// cases' ids make.
func registerRows(th *theme.Theme, cfg *site.Config, cases []export.Case) int {
	longestStatus := 0
	for _, s := range []string{"detected", "requested", "referred", "removed", "sanctioned", "closed"} {
		longestStatus = max(longestStatus, len(th.T("dashboard.status."+s)))
	}
	for _, t := range cfg.Referrals {
		longestStatus = max(longestStatus, len(th.T("dashboard.status.referred"))+len(t.Name)+3)
	}
	longestStatus += len(th.T("dashboard.overdue")) + 8
	longestID := 0
	for i := range cases {
		longestID = max(longestID, len(cases[i].ID))
	}
	return rowsPerPage(cfg, longestStatus, longestID)
}
