package render

import (
	"cmp"
	"hash/fnv"
	"html/template"
	"slices"
	"strconv"

	"giamsat/internal/address"
	"giamsat/internal/export"
	"giamsat/internal/format"
	"giamsat/internal/period"
	"giamsat/internal/site"
	"giamsat/internal/theme"
)

// Register is one page of the case register.
type Register struct {
	Title   string
	Scope   string // the district's name; "" for the whole province
	Summary string // "Trang 2/40 · 20.000 vụ việc"
	List    CaseList
	Pager   []theme.PageLink
	CSV     string // the download of every case
	Parent  string // the district's page or the overview
	Filters RegisterFilters
}

// RegisterFilters are the register's filters and sorting across all its
// pages. The site script (assets/js/register.js) shows them, loads the
// register index on first use and lists the matching cases from it; without
// script they stay hidden and the paged register is all there is.
type RegisterFilters struct {
	Index string // the register index script, relative to the page
	Text  string // the folded summaries' script, relative to the page
	// Pages leads from this page to the register's first page folder
	// ("", "../"): page p is Pages + "p/index.html".
	Pages string
	// Unit is the unit whose register this is, as the index numbers the
	// units; -1 on the province's register, which offers Units instead.
	Unit       int
	UnitLabel  string // "Huyện, thị xã, thành phố": site.yaml's word
	Units      []Option
	Categories []Option
	Statuses   []Option
	Months     []Option // newest first
}

// Option is an entry of a filter's list: Value is what the index holds.
type Option struct {
	Value, Text string
}

// The columns of a register page, in order, as the register script names
// them (CaseList.Columns).
const registerColumns = "id summary unit category platform status detected resolved days"

// Page sizes: at most maxRows a page, fewer when the names in site.yaml
// are long, so that no page passes 300 KB whatever the number of cases.
const (
	maxRows    = 500
	rowsBudget = 200_000 // bytes of rows a page may hold; the rest is the page around them
	rowMarkup  = 420     // a row's tags, attributes, dates, numbers and a short id
	// summaryBytes bounds a summary as a row shows it, escaped: a longer
	// one is cut (and marked "…"), so that one long summary cannot shrink
	// every page of the register. The style sheet shows three lines of it.
	summaryBytes  = 240
	summaryMarkup = len(`<td class="summary"><span></span></td>`)
)

// rowsPerPage sizes the register's pages from the longest names a row can
// hold, escaped as the page writes them, the longest id (written twice, as
// text and in the row's anchor) and the summary's bound.
func rowsPerPage(cfg *site.Config, longestStatus, longestID int) int {
	longest := func(n int, s string) int { return max(n, len(template.HTMLEscapeString(s))) }
	var district, category, platform int
	for _, d := range cfg.Districts {
		district = longest(district, d.Name)
	}
	for _, c := range cfg.Categories {
		category = longest(category, c.Name)
	}
	for _, p := range cfg.Platforms {
		platform = longest(platform, p.Name)
	}
	// html/template also escapes + and quotes more verbosely than
	// HTMLEscapeString: count the names twice to stay on the safe side.
	// An id takes up to 6 bytes a byte escaped ("&#34;"), 3 in the anchor.
	// Ids are counted in steps of 32 bytes, not at their longest: a new
	// case whose id is a byte longer than any before must not move every
	// page boundary of every register.
	idBound := (max(longestID, 1) + 31) / 32 * 32
	row := rowMarkup + 2*(district+category+platform+longestStatus) + summaryBytes + summaryMarkup + 9*idBound
	return max(1, min(maxRows, rowsBudget/row))
}

// registerLayout is the order and the paging of every register: the
// province's and each unit's. Render's pages, the register index and the
// search's links all read it, so they agree on where a case is listed.
type registerLayout struct {
	per    int       // the most rows a page holds
	all    []int32   // the cases in register order
	starts []int     // where each page of all starts
	units  [][]int32 // per unit in site order, its cases in register order
	ustart [][]int
}

// newRegisterLayout orders and pages the registers of cases (sorted by id);
// unitCases gives unit i's cases, nil for none but the province's.
func newRegisterLayout(cases []export.Case, per int, units int, unitCases func(i int) []int32) *registerLayout {
	l := &registerLayout{per: per, all: registerOrder(cases, nil)}
	l.starts = registerPages(len(l.all), per, func(k int) string { return cases[l.all[k]].ID })
	for i := range units {
		idx := registerOrder(cases, unitCases(i))
		l.units = append(l.units, idx)
		l.ustart = append(l.ustart, registerPages(len(idx), per, func(k int) string { return cases[idx[k]].ID }))
	}
	return l
}

// registerOrder returns the cases idx (all cases when idx is nil) newest
// first: by detected_on descending, then by id, which is the cases' order.
// A reader opening the register looks for what came in lately.
func registerOrder(cases []export.Case, idx []int32) []int32 {
	if idx == nil {
		idx = make([]int32, len(cases))
		for i := range idx {
			idx[i] = int32(i)
		}
	} else {
		idx = slices.Clone(idx)
	}
	slices.SortFunc(idx, func(a, b int32) int {
		return cmp.Or(cmp.Compare(cases[b].DetectedOn, cases[a].DetectedOn), cmp.Compare(a, b))
	})
	return idx
}

// pageOf returns the page (from 1) that position k of a register whose
// pages start at starts lists.
func pageOf(starts []int, k int) int {
	page, found := slices.BinarySearch(starts, k)
	if !found {
		page-- // k lies on the page that starts before it
	}
	return page + 1
}

// registerJobs writes the register of unit (-1: the province) at dir,
// dir/2/, dir/3/ …
func (r *renderer) registerJobs(dir, scope string, unit int) []job {
	l := r.registers()
	idx, starts := l.all, l.starts
	if unit >= 0 {
		idx, starts = l.units[unit], l.ustart[unit]
	}
	n := len(idx)
	pages := len(starts)

	parentDir := ""
	if scope != "" {
		parentDir = dir[:len(dir)-len("/cases")]
	}
	var jobs []job
	for page := 1; page <= pages; page++ {
		from, to := starts[page-1], n
		if page < pages {
			to = starts[page]
		}
		jobs = append(jobs, func() error {
			at := address.Paged(dir, page)
			title := r.t("dashboard.register")
			if scope != "" {
				title += " – " + scope
			}
			v := Register{
				Title:   title,
				Scope:   scope,
				Pager:   pager(at, dir, page, pages),
				CSV:     address.Rel(at, address.DataFile("cases.csv")),
				Parent:  address.Rel(at, address.Index(parentDir)),
				Filters: r.registerFilters(at, dir, unit),
			}
			if parentDir == "" {
				v.Parent = address.Rel(at, address.Index(""))
			}
			v.Summary = r.registerSummary(page, pages, n, idx[from:to])
			v.List = CaseList{Table: r.registerPageHead(), Columns: registerColumns,
				Rows: RegisterRows{w: r.rows(), idx: idx, from: from, to: to, register: true}}
			if page > 1 {
				title = r.tf("register.page_title", "title", title, "page", strconv.Itoa(page))
			}
			return r.write(at, "cases.html", title, v)
		})
	}
	if unit < 0 {
		jobs = append(jobs, r.registerIndexJob)
	}
	return jobs
}

// registerFilters are the filters of a page at of the register at dir.
func (r *renderer) registerFilters(at, dir string, unit int) RegisterFilters {
	f := RegisterFilters{
		Index: address.Rel(at, address.RegisterIndex),
		Text:  address.Rel(at, address.RegisterText),
		Pages: address.Rel(at, dir+"/"),
		Unit:  unit,
	}
	f.UnitLabel = r.cfg.DistrictLabel
	if at == dir {
		f.Pages = ""
	}
	if unit < 0 {
		for i, d := range r.cfg.Districts {
			f.Units = append(f.Units, Option{strconv.Itoa(i), d.Name})
		}
	}
	for i, c := range r.cfg.Categories {
		f.Categories = append(f.Categories, Option{strconv.Itoa(i), c.Name})
	}
	for i, s := range export.Statuses {
		f.Statuses = append(f.Statuses, Option{strconv.Itoa(i), r.statusName(s)})
	}
	months := r.x.Periods(period.Month)
	for k := len(months) - 1; k >= 0; k-- {
		f.Months = append(f.Months, Option{months[k].String(), format.Capital(r.f.Period(months[k]))})
	}
	return f
}

// registerSummary says where a page is in the register: its number, the
// days its cases were detected on and, on the first page only, the number
// of cases (a new case then changes the first page and the one it is
// listed on, not every page of the register).
func (r *renderer) registerSummary(page, pages, n int, listed []int32) string {
	s := r.tf("register.page_of", "page", r.f.Num(int64(page)), "pages", r.f.Num(int64(pages)))
	if page == 1 {
		s += " · " + r.tf("register.cases", "n", r.f.Num(int64(n)))
	}
	if len(listed) > 0 {
		newest, oldest := r.in.Cases[listed[0]].DetectedOn, r.in.Cases[listed[len(listed)-1]].DetectedOn
		s += " · " + r.tf("register.dates", "from", r.f.Date(newest), "to", r.f.Date(oldest))
	}
	return s
}

// registerPages splits a register of n cases, in register order, into
// pages of at most per rows and returns the index of each page's first
// case.
//
// Pages end where a case's id says so (its hash is a multiple of a
// number), not every per cases: a case added to the register then changes
// the page it falls on, while the pages before and after it keep their
// cases, so a rebuild after a new export renders a few register pages
// instead of every one after the new case. Newest first, most new cases
// fall on the first pages; a case reported late falls among the cases of
// its day wherever they are. A page holds at least 2/3 of per cases unless
// it is the last, and about 3/4 of per on average.
func registerPages(n, per int, id func(int) string) []int {
	starts := []int{0}
	least, every := max(1, per*2/3), uint32(max(1, per/8))
	size := 0
	for k := range n {
		size++
		if k == n-1 {
			break
		}
		if size >= per || size >= least && idHash(id(k))%every == 0 {
			starts = append(starts, k+1)
			size = 0
		}
	}
	return starts
}

// idHash is FNV-1a, a hash fixed for ever: page boundaries must not move
// between builds or versions without cause.
func idHash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// pager links the first and last pages and those near the current one:
// a few dozen links even when there are thousands of pages.
func pager(from, dir string, page, pages int) []theme.PageLink {
	if pages <= 1 {
		return nil
	}
	var out []theme.PageLink
	last := 0
	for p := 1; p <= pages; p++ {
		if p != 1 && p != pages && (p < page-3 || p > page+3) {
			continue
		}
		if last != 0 && p != last+1 {
			out = append(out, theme.PageLink{Text: "…"})
		}
		out = append(out, theme.PageLink{Href: address.Rel(from, address.Index(address.Paged(dir, p))), Text: strconv.Itoa(p), Current: p == page})
		last = p
	}
	return out
}
