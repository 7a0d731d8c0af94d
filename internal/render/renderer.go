package render

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"giamsat/internal/address"
	"giamsat/internal/export"
	"giamsat/internal/format"
	"giamsat/internal/period"
	"giamsat/internal/publish"
	"giamsat/internal/site"
	"giamsat/internal/stats"
	"giamsat/internal/theme"
)

// renderer holds what every page job reads; nothing in it changes once
// the jobs start, so the workers share it without locks.
type renderer struct {
	out  *publish.Tree
	th   *theme.Theme
	in   Input
	cfg  *site.Config
	x    *stats.Summary
	f    format.Formatter
	dirs []DirectiveRef // newest first, then by number

	slugs        []string // district slugs, site order
	districtName map[string]string
	category     map[string]string
	platform     map[string]string

	rows      func() *rowWriter      // the case register's rows; made once, when first needed
	registers func() *registerLayout // the registers' order and pages; made once
	// caseHref is the row, from the site's root, of case i of the merged
	// cases on the province register; made once, when first needed.
	caseHref func(i int) string
}

func newRenderer(out *publish.Tree, th *theme.Theme, in Input) *renderer {
	cfg := in.Site
	r := &renderer{
		out: out, th: th, in: in, cfg: cfg,
		x:            in.Summary,
		f:            th.Format(),
		districtName: make(map[string]string),
		category:     make(map[string]string),
		platform:     make(map[string]string),
	}
	r.rows = sync.OnceValue(r.newRowWriter)
	r.registers = sync.OnceValue(func() *registerLayout {
		return newRegisterLayout(in.Cases, registerRows(th, cfg, in.Cases), len(cfg.Districts), in.Summary.DistrictCases)
	})
	hrefs := sync.OnceValue(func() func(int) string { return r.registers().href(in.Cases) })
	r.caseHref = func(i int) string { return hrefs()(i) }
	r.slugs = address.UnitSlugs(cfg.Districts)
	for _, d := range cfg.Districts {
		r.districtName[d.Code] = d.Name
	}
	for _, c := range cfg.Categories {
		r.category[c.Key] = c.Name
	}
	for _, p := range cfg.Platforms {
		r.platform[p.Key] = p.Name
	}
	r.dirs = slices.Clone(in.Directives)
	slices.SortStableFunc(r.dirs, func(a, b DirectiveRef) int {
		return cmp.Or(cmp.Compare(b.Date, a.Date), strings.Compare(a.Number, b.Number), strings.Compare(a.Slug, b.Slug))
	})
	return r
}

// jobs lists every page to write.
func (r *renderer) jobs() []job {
	js := []job{r.overviewJob(), r.downloadsJob(), r.reportIndexJob()}
	for i := range r.cfg.Districts {
		js = append(js, r.districtJob(i))
	}
	for _, c := range r.cfg.Categories {
		js = append(js, r.categoryJob(c))
	}
	for _, k := range stats.Kinds() {
		for _, p := range r.x.Periods(k) {
			js = append(js, r.reportJob(p))
		}
	}
	js = append(js, r.registerJobs(address.Cases, "", -1)...)
	for i, d := range r.cfg.Districts {
		js = append(js, r.registerJobs(address.DistrictCases(r.slugs[i]), d.Name, i)...)
	}
	return js
}

// write renders one page at dir (relative to the site root, "" for the
// home page) with a dashboard layout.
func (r *renderer) write(dir, layout, title string, data any) error {
	p := r.th.Page(dir, title, data)
	if err := r.th.Write(r.out, dir, layout, p); err != nil {
		return fmt.Errorf("render %s: %w", path.Join(dir, address.Index("")), err)
	}
	return nil
}

func (r *renderer) t(key string) string { return r.th.T(key) }

// tf is the theme's sentence key with its {name} places filled: tf(key,
// "n", "12") fills {n}.
func (r *renderer) tf(key string, args ...string) string { return r.th.Tf(key, args...) }

func (r *renderer) districtPath(i int) string { return address.District(r.slugs[i]) }

// current reports whether unit i exists at as_of: the units the overview,
// its charts, its map and its compliance grid show. A unit that ended (a
// district before the 2025 reform) keeps its page and its cases, listed
// apart.
func (r *renderer) current(i int) bool {
	d := r.cfg.Districts[i]
	if r.x.AsOf.IsZero() {
		return d.Until.IsZero()
	}
	return d.In(r.x.AsOf)
}

// during returns whether unit i existed in period p, for its report.
func (r *renderer) during(p period.Period) func(i int) bool {
	first, last := p.Span(r.cfg.Reports.PeriodStartDay)
	return func(i int) bool { return r.cfg.Districts[i].Overlaps(first, last) }
}

func (r *renderer) statusName(s export.Status) string { return r.t("dashboard.status." + string(s)) }

// Link is an anchor of a list.
type Link struct {
	Href, Text string
	Note       string // beside the link: a date, a count
}

// directiveLinks lists the directives that concern any of the categories
// (all of them when cats is nil), newest first, at most n (0: no limit).
func (r *renderer) directiveLinks(from string, cats map[string]bool, n int) []Link {
	var out []Link
	for _, d := range r.dirs {
		if cats != nil && !slices.ContainsFunc(d.Categories, func(c string) bool { return cats[c] }) {
			continue
		}
		// A title that defaults to "Công văn 45/VHTT" already names the
		// number; saying it twice reads like a mistake.
		label := d.Title
		if d.Number != "" && !strings.Contains(d.Title, d.Number) {
			label = d.Number + ": " + d.Title
		}
		out = append(out, Link{Href: address.Rel(from, address.Index(address.Directive(d.Slug))), Text: label, Note: r.f.Date(d.Date)})
		if n > 0 && len(out) == n {
			break
		}
	}
	return out
}

// DirectiveList is the directives a page names: the newest few, and where
// the others are.
type DirectiveList struct {
	Links []Link
	Note  string // "20 văn bản mới nhất trong 1.234"; "" when all are shown
	All   string // the list of every directive
}

// maxRelated is how many directives a district or category page names: a
// province with thousands of directives must not make every such page
// long (no page passes 300 KB).
const maxRelated = 20

// relatedDirectives lists the newest directives that concern any of cats.
func (r *renderer) relatedDirectives(from string, cats map[string]bool) DirectiveList {
	links := r.directiveLinks(from, cats, 0)
	l := DirectiveList{Links: links, All: address.Rel(from, address.Index(address.Directives))}
	if len(links) > maxRelated {
		l.Links = links[:maxRelated]
		l.Note = r.tf("directives.newest", "shown", r.f.Num(maxRelated), "total", r.f.Num(int64(len(links))))
	}
	return l
}

// sortDesc sorts s by key, largest first, keeping ties in their order.
func sortDesc[T any](s []T, key func(T) int) {
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(key(b), key(a)) })
}
