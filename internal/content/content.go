// Package content reads the site's documents (content/**/*.md): the
// directives the monitoring carries out, rendered like the official letters
// they are, and the plain pages (guidance, the overview's introduction).
// Every problem in a file is reported at the line and column to fix.
package content

import (
	"cmp"
	"html/template"
	"slices"
	"strings"

	"giamsat/internal/address"
	"giamsat/internal/period"
	"giamsat/internal/site"
	"giamsat/internal/theme"
	"giamsat/internal/vntext"
)

// Set is every document of a site, checked and rendered to HTML.
type Set struct {
	directives []*Directive // newest first, then by number
	bySlug     map[string]*Directive
	pages      []*Page // by output path
	intro      *Page   // content/_index.md; nil when there is none
	listIntro  *Page   // content/directives/_index.md; nil when there is none
	categories []site.Item
	root       string // content/ with links resolved; attachments are opened within it
}

// Directive is one official document under content/directives/.
type Directive struct {
	Slug         string
	File         string // relative to the site folder, forward slashes
	Kind         string // Công văn, Kế hoạch, Chỉ thị …
	Number       string // số và ký hiệu: 283/TTra-BC&TTTTM
	Title        string // default "Kind Number"
	ParentIssuer string // UBND TỈNH LONG AN
	Issuer       string // Sở Thông tin và Truyền thông
	IssuedOn     period.Date
	Place        string
	Subject      string // trích yếu, shown after "V/v"
	Urgency      string // "", KHẨN, THƯỢNG KHẨN or HỎA TỐC
	Internal     bool   // LƯU HÀNH NỘI BỘ
	Recipients   []string
	Signer       Signer
	CC           []string // nơi nhận, ending "Lưu: VT, …"
	Implements   []string // slugs of the directives it carries out
	Categories   []string // category keys, site order
	Attachments  []Attachment
	Body         template.HTML

	// ImplementedBy are the directives that carry this one out, newest first.
	ImplementedBy []string
}

// Signer is the signature block of a letter.
type Signer struct {
	Authority string // KT. GIÁM ĐỐC, TM. ỦY BAN NHÂN DÂN …
	Title     string // PHÓ GIÁM ĐỐC
	Name      string
}

// Attachment is a file published beside its directive's page.
type Attachment struct {
	Path string // as written and as published, relative to the page: files/283.pdf
	Src  string // the file to copy, relative to content/ with links resolved
	Size int64
}

// Page is a plain Markdown page.
type Page struct {
	Path   string // output folder relative to the site root: huong-dan/quy-trinh
	File   string
	Title  string
	Menu   bool // listed in the navigation
	Weight int  // navigation order, then title
	Body   template.HTML
}

// Directive returns the directive with the slug, or nil.
func (s *Set) Directive(slug string) *Directive { return s.bySlug[slug] }

// Directives returns every directive, newest first (then by number, then
// slug). The slice is shared: do not modify it.
func (s *Set) Directives() []*Directive { return s.directives }

// Pages returns every plain page, ordered by path. The overview's
// introduction is not among them (see Intro).
func (s *Set) Pages() []*Page { return s.pages }

// Intro returns the body of content/_index.md, the overview's introduction;
// empty when there is none.
func (s *Set) Intro() template.HTML {
	if s.intro == nil {
		return ""
	}
	return s.intro.Body
}

// MenuPages returns the navigation items of the pages whose front matter
// says menu: true, by weight and then title in Vietnamese order.
func (s *Set) MenuPages() []theme.NavItem {
	var items []theme.NavItem
	for _, p := range s.menuOrder() {
		items = append(items, theme.NavItem{Title: p.Title, Href: address.Index(p.Path)})
	}
	return items
}

func (s *Set) menuOrder() []*Page {
	var menu []*Page
	for _, p := range s.pages {
		if p.Menu {
			menu = append(menu, p)
		}
	}
	c := vntext.NewCollator()
	slices.SortStableFunc(menu, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), c.Compare(a.Title, b.Title), strings.Compare(a.Path, b.Path))
	})
	return menu
}

// Href is the directive's page from the site root:
// directives/283-ttra-2022/index.html.
func (d *Directive) Href() string { return address.Index(address.Directive(d.Slug)) }

// ByCategory returns the directives concerning the category key, newest
// first.
func (s *Set) ByCategory(key string) []*Directive {
	var out []*Directive
	for _, d := range s.directives {
		if slices.Contains(d.Categories, key) {
			out = append(out, d)
		}
	}
	return out
}
