package render

import (
	"hash/fnv"
	"html/template"
	"strconv"

	"giamsat/internal/address"
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
}

// Page sizes: at most maxRows a page, fewer when the names in site.yaml
// are long, so that no page passes 300 KB whatever the number of cases.
const (
	maxRows    = 500
	rowsBudget = 200_000 // bytes of rows a page may hold; the rest is the page around them
	rowMarkup  = 420     // a row's tags, attributes, dates, numbers and id
)

// rowsPerPage sizes the register's pages from the longest names a row can
// hold, escaped as the page writes them.
func rowsPerPage(cfg *site.Config, longestStatus int) int {
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
	row := rowMarkup + 2*(district+category+platform+longestStatus)
	return max(1, min(maxRows, rowsBudget/row))
}

// registerJobs writes the register of the cases idx (all cases when idx is
// nil) at dir, dir/2/, dir/3/ …
func (r *renderer) registerJobs(dir, scope string, idx []int32) []job {
	n := len(r.in.Cases)
	if idx != nil {
		n = len(idx)
	}
	id := func(k int) string {
		if idx != nil {
			return r.in.Cases[idx[k]].ID
		}
		return r.in.Cases[k].ID
	}
	starts := registerPages(n, registerRows(r.th, r.cfg), id)
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
				Title:  title,
				Scope:  scope,
				Pager:  pager(at, dir, page, pages),
				CSV:    address.Rel(at, address.DataFile("cases.csv")),
				Parent: address.Rel(at, address.Index(parentDir)),
			}
			if parentDir == "" {
				v.Parent = address.Rel(at, address.Index(""))
			}
			v.Summary = r.registerSummary(page, pages, n, from, to, id)
			v.List = CaseList{Table: r.registerHead(), Rows: RegisterRows{w: r.rows(), idx: idx, from: from, to: to}}
			if page > 1 {
				title = r.tf("register.page_title", "title", title, "page", strconv.Itoa(page))
			}
			return r.write(at, "cases.html", title, v)
		})
	}
	return jobs
}

// registerSummary says where a page is in the register. Only the first
// page gives the number of cases: a new case then changes that page and
// the one it is listed on, not every page of the register.
func (r *renderer) registerSummary(page, pages, n, from, to int, id func(int) string) string {
	s := r.tf("register.page_of", "page", r.f.Num(int64(page)), "pages", r.f.Num(int64(pages)))
	if page == 1 {
		s += " · " + r.tf("register.cases", "n", r.f.Num(int64(n)))
	}
	if to > from {
		s += " · " + r.tf("register.ids", "from", id(from), "to", id(to-1))
	}
	return s
}

// registerPages splits a register of n cases, in id order, into pages of
// at most per rows and returns the index of each page's first case.
//
// Pages end where a case's id says so (its hash is a multiple of a
// number), not every per cases: a case added to the register then changes
// the page it falls on, while the pages before and after it keep their
// cases, so a rebuild after a new export renders a few register pages
// instead of every one after the new case. A page holds at least 2/3 of
// per cases unless it is the last, and about 3/4 of per on average.
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
