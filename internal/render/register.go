package render

import (
	"html/template"
	"strconv"

	"giamsat/internal/site"
	"giamsat/internal/theme"
)

// Register is one page of the case register.
type Register struct {
	Title   string
	Scope   string        // the district's name; "" for the whole province
	Summary string        // "Trang 2/40 · 20.000 vụ việc"
	Table   theme.Table   // the head only: the rows are in Rows
	Rows    template.HTML // written by rowWriter, as the table partial would
	Pager   []PageLink
	CSV     string // the download of every case
	Parent  string // the district's page or the overview
}

// PageLink is an entry of the pager; Current marks the page shown, an
// empty Href a gap ("…").
type PageLink struct {
	Href, Text string
	Current    bool
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
	per := registerRows(r.th, r.cfg)
	pages := max(1, (n+per-1)/per)

	parentDir := ""
	if scope != "" {
		parentDir = dir[:len(dir)-len("/cases")]
	}
	var jobs []job
	for page := 1; page <= pages; page++ {
		jobs = append(jobs, func() error {
			from := pageDir(dir, page)
			title := r.t("dashboard.register")
			if scope != "" {
				title += " – " + scope
			}
			v := Register{
				Title:  title,
				Scope:  scope,
				Pager:  pager(from, dir, page, pages),
				CSV:    rel(from, "data/cases.csv"),
				Parent: rel(from, parentDir+"/index.html"),
			}
			if parentDir == "" {
				v.Parent = rel(from, "index.html")
			}
			v.Summary = r.text("Trang "+r.f.Num(int64(page))+"/"+r.f.Num(int64(pages))+" · "+r.f.Num(int64(n))+" vụ việc",
				"Page "+r.f.Num(int64(page))+" of "+r.f.Num(int64(pages))+" · "+r.f.Num(int64(n))+" cases")
			v.Table = r.registerHead()
			v.Rows = r.rows().rows(idx, (page-1)*per, min(n, page*per))
			if page > 1 {
				title += " – " + r.text("trang ", "page ") + strconv.Itoa(page)
			}
			return r.write(from, "cases.html", title, v)
		})
	}
	return jobs
}

// pageDir is the folder of a register page: the first at dir, the others
// numbered below it.
func pageDir(dir string, page int) string {
	if page == 1 {
		return dir
	}
	return dir + "/" + strconv.Itoa(page)
}

// pager links the first and last pages and those near the current one:
// a few dozen links even when there are thousands of pages.
func pager(from, dir string, page, pages int) []PageLink {
	if pages <= 1 {
		return nil
	}
	var out []PageLink
	last := 0
	for p := 1; p <= pages; p++ {
		if p != 1 && p != pages && (p < page-3 || p > page+3) {
			continue
		}
		if last != 0 && p != last+1 {
			out = append(out, PageLink{Text: "…"})
		}
		out = append(out, PageLink{Href: rel(from, pageDir(dir, p)+"/index.html"), Text: strconv.Itoa(p), Current: p == page})
		last = p
	}
	return out
}
