package content

import (
	"html/template"
	"slices"

	"giamsat/internal/address"
	"giamsat/internal/format"
	"giamsat/internal/theme"
	"giamsat/internal/vntext"
)

// The list of directives is split so that no page grows past a few hundred
// kilobytes, whatever the number of directives: directives/index.html holds
// the newest years that fit whole (or the first rows of the newest year),
// every older year has its own page, and a year too long for one page goes
// on over directives/year_2022/2/, /3/ …
const (
	listBudget    = 200_000 // bytes of rows a list page may hold; the rest is the page around them
	listRowMarkup = 320     // a row's tags, attributes, dates and the slashes of its link
)

// ListView is what layouts/directives.html shows: one page of the list of
// directives, newest first, grouped by year, with the choices of the
// browser-side filters for the directives on the page.
type ListView struct {
	Title   string
	Intro   template.HTML // directives/index.html only
	Count   int           // directives on this page
	Total   int           // directives in all
	Paged   bool          // the list has several pages: the filters see this one only
	Issuers []Option
	Kinds   []Option
	Years   []YearGroup
	YearNav []YearLink       // every year, when the list has several pages
	Pager   []theme.PageLink // this page's year's pages, when it has several
}

// Option is one choice of a filter.
type Option struct{ Value, Label string }

// YearGroup is the directives of one year on a page, newest first.
type YearGroup struct {
	Year  int
	Items []ListItem
}

// ListItem is one directive in the list. Subject is "V/v …" for a công
// văn; IssuerKey and KindKey match the filters' option values.
type ListItem struct {
	Href, Title, Number, Subject, Issuer, Kind string
	Date, ISODate                              string
	IssuerKey, KindKey                         string
}

// YearLink is a year in the list's year navigation: its first page and
// how many directives it has. Current marks the years on this page.
type YearLink struct {
	Year, Count int
	Href        string
	Current     bool
}

// listPage is one page of the list: a run of s.directives.
type listPage struct {
	dir      string // directives/, directives/year_2022/, directives/year_2022/2/
	year, n  int    // the year of its first directive and its number among that year's pages
	from, to int    // s.directives[from:to]
}

// listPages splits the list into pages by listBudget. Pages are in list
// order and together hold every directive once.
func (s *Set) listPages() []listPage {
	ds := s.directives
	pages := []listPage{{dir: address.Directives + "/", n: 1}}
	if len(ds) == 0 {
		return pages
	}
	pages[0].year = ds[0].IssuedOn.Year()
	room := listBudget
	if s.listIntro != nil {
		room -= len(s.listIntro.Body)
	}
	for from := 0; from < len(ds); {
		y := ds[from].IssuedOn.Year()
		to, size := from, 0
		for ; to < len(ds) && ds[to].IssuedOn.Year() == y; to++ {
			size += listRowSize(ds[to])
		}
		// A year joins the index only whole, and only while the index
		// holds nothing but whole years.
		switch {
		case from == 0: // the newest year starts on the index, whole or not
		case len(pages) == 1 && size <= room:
			pages[0].to = to
			room -= size
			from = to
			continue
		default:
			pages = append(pages, listPage{dir: address.DirectiveYear(y) + "/", year: y, n: 1, from: from, to: from})
			room = listBudget
		}
		for i := from; i < to; i++ {
			p := &pages[len(pages)-1]
			row := listRowSize(ds[i])
			if row > room && p.to > p.from {
				n := p.n + 1
				pages = append(pages, listPage{dir: address.Paged(address.DirectiveYear(y), n) + "/", year: y, n: n, from: i, to: i})
				p, room = &pages[len(pages)-1], listBudget
			}
			p.to = i + 1
			room -= row
		}
		from = to
	}
	return pages
}

// listRowSize estimates the bytes a directive's row and its share of the
// filters take. html/template escapes quotes and + more verbosely than
// HTMLEscapeString, and the filters repeat issuer and kind: the texts
// count twice to stay on the safe side.
func listRowSize(d *Directive) int {
	n := 0
	for _, s := range []string{d.Number, d.Subject, d.Issuer, d.Kind} {
		n += len(template.HTMLEscapeString(s))
	}
	return listRowMarkup + len(d.Slug) + len("V/v ") + 2*n
}

// listView builds the view of pages[i].
func (s *Set) listView(pages []listPage, years []listYear, i int, f format.Formatter) *ListView {
	p := pages[i]
	v := &ListView{Count: p.to - p.from, Total: len(s.directives), Paged: len(pages) > 1}
	if i == 0 && s.listIntro != nil {
		v.Intro = s.listIntro.Body
	}
	issuers, kinds := map[string]bool{}, map[string]bool{}
	for _, d := range s.directives[p.from:p.to] {
		item := ListItem{
			Href: address.Between(p.dir, address.Directive(d.Slug)), Title: d.Title, Number: d.Number, Subject: subjectLine(d),
			Issuer: d.Issuer, Kind: d.Kind, Date: f.Date(d.IssuedOn), ISODate: d.IssuedOn.String(),
			IssuerKey: vntext.Slug(d.Issuer), KindKey: vntext.Slug(d.Kind),
		}
		if y := d.IssuedOn.Year(); len(v.Years) == 0 || v.Years[len(v.Years)-1].Year != y {
			v.Years = append(v.Years, YearGroup{Year: y})
		}
		g := &v.Years[len(v.Years)-1]
		g.Items = append(g.Items, item)
		if !issuers[item.IssuerKey] {
			issuers[item.IssuerKey] = true
			v.Issuers = append(v.Issuers, Option{item.IssuerKey, d.Issuer})
		}
		if !kinds[item.KindKey] {
			kinds[item.KindKey] = true
			v.Kinds = append(v.Kinds, Option{item.KindKey, d.Kind})
		}
	}
	vntext.SortFunc(v.Issuers, func(o Option) string { return o.Label })
	vntext.SortFunc(v.Kinds, func(o Option) string { return o.Label })
	if !v.Paged {
		return v
	}
	for _, y := range years {
		v.YearNav = append(v.YearNav, YearLink{Year: y.year, Count: y.count, Href: address.Between(p.dir, pages[y.pages[0]].dir), Current: slices.Contains(y.pages, i)})
		if y.year == p.year && len(y.pages) > 1 {
			for _, j := range y.pages {
				v.Pager = append(v.Pager, theme.PageLink{Text: f.Num(int64(pages[j].n)), Href: address.Between(p.dir, pages[j].dir), Current: j == i})
			}
		}
	}
	return v
}

// listYear is one year of the list: how many directives it has and the
// pages that hold them, in order.
type listYear struct {
	year, count int
	pages       []int
}

// listYears gives the years of the list, newest first, for the year
// navigation and the pagers.
func (s *Set) listYears(pages []listPage) []listYear {
	var years []listYear
	for j, p := range pages {
		for _, d := range s.directives[p.from:p.to] {
			if y := d.IssuedOn.Year(); len(years) == 0 || years[len(years)-1].year != y {
				years = append(years, listYear{year: y})
			}
			y := &years[len(years)-1]
			y.count++
			if len(y.pages) == 0 || y.pages[len(y.pages)-1] != j {
				y.pages = append(y.pages, j)
			}
		}
	}
	return years
}
