package content

import (
	"html/template"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"giamsat/internal/address"
	"giamsat/internal/format"
	"giamsat/internal/vntext"
)

// Figures are a category's current figures, as the dashboard shows them.
type Figures struct {
	Total, Open, Overdue int
}

// DirectiveView is what layouts/directive.html shows. Every address is
// relative to the directive's own page (directives/<slug>/index.html).
type DirectiveView struct {
	*Directive
	IssuerCaps string // the issuing body in capitals, as the letterhead writes it
	// IsLetter is true for a công văn, whose subject goes under the number
	// as "V/v …". Other kinds carry their name in capitals (KẾ HOẠCH) above
	// the subject, centred under the letterhead; KindCaps and Heading are
	// those two lines.
	IsLetter    bool
	KindCaps    string
	Heading     string
	PlaceDate   string // Long An, ngày 05 tháng 4 năm 2022
	Date        string // 05/04/2022
	ListHref    string
	Carries     []DocRef // what it implements
	CarriedBy   []DocRef
	Categories  []CategoryRef
	Attachments []AttachmentRef
}

// DocRef is a link to another directive. Subject is the subject as the
// lists show it: "V/v …" for a công văn.
type DocRef struct {
	Href, Title, Subject, Issuer, Date string
}

// CategoryRef is a link to a category's dashboard with its figures.
type CategoryRef struct {
	Key, Name, Href string
	Figures
}

// AttachmentRef is a published attachment.
type AttachmentRef struct {
	Name, Href, Size string
}

// PageView is what layouts/page.html shows.
type PageView struct {
	Title string
	Body  template.HTML
}

// docRef is the link from the page of directive from to directive d.
func docRef(from, d *Directive, f format.Formatter) DocRef {
	return DocRef{Href: address.Between(address.Directive(from.Slug), address.Directive(d.Slug)), Title: d.Title, Subject: subjectLine(d), Issuer: d.Issuer, Date: f.Date(d.IssuedOn)}
}

// isLetter reports whether d is a công văn (Decree 30/2020 gives only
// those the "V/v" subject line).
func isLetter(d *Directive) bool { return vntext.Key(d.Kind) == letterKey }

// letterKey is computed once: lists ask isLetter of every directive.
var letterKey = vntext.Key("Công văn")

// subjectLine is the subject as a list shows it.
func subjectLine(d *Directive) string {
	if isLetter(d) {
		return "V/v " + d.Subject
	}
	return upperFirst(d.Subject)
}

// upperFirst capitalises the first letter: the subject under KẾ HOẠCH
// starts a title, while after "V/v" it continues a sentence.
func upperFirst(s string) string {
	if s == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// directiveView builds the view of d; figures gives each category's
// current figures (nil: none known); listHref is the list page that
// holds it.
func (s *Set) directiveView(d *Directive, listHref string, figures map[string]Figures, f format.Formatter) *DirectiveView {
	v := &DirectiveView{
		Directive:  d,
		IssuerCaps: strings.ToUpper(d.Issuer),
		IsLetter:   isLetter(d),
		KindCaps:   strings.ToUpper(d.Kind),
		Heading:    upperFirst(d.Subject),
		// The letter is a Vietnamese document whatever the interface language.
		PlaceDate: format.New("vi").LongDate(d.Place, d.IssuedOn),
		Date:      f.Date(d.IssuedOn),
		ListHref:  listHref,
	}
	for _, slug := range d.Implements {
		if t := s.bySlug[slug]; t != nil {
			v.Carries = append(v.Carries, docRef(d, t, f))
		}
	}
	for _, slug := range d.ImplementedBy {
		v.CarriedBy = append(v.CarriedBy, docRef(d, s.bySlug[slug], f))
	}
	for _, key := range d.Categories {
		c := CategoryRef{Key: key, Name: key, Href: address.Rel(address.Directive(d.Slug), address.Index(address.Category(key))), Figures: figures[key]}
		for _, it := range s.categories {
			if it.Key == key {
				c.Name = it.Name
			}
		}
		v.Categories = append(v.Categories, c)
	}
	for _, a := range d.Attachments {
		name := a.Path[strings.LastIndexByte(a.Path, '/')+1:]
		v.Attachments = append(v.Attachments, AttachmentRef{Name: name, Href: pathHref(a.Path), Size: sizeText(a.Size, f)})
	}
	return v
}

// pathHref is the relative link to a file published at p: each folder and
// file name percent-encoded, so that a name such as %2e%2e, which a
// browser would decode to .., or one holding # or ?, leads to the file.
func pathHref(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// sizeText writes a file size with the site's decimal mark: 1,5 MB.
func sizeText(n int64, f format.Formatter) string {
	switch {
	case n < 1000:
		return f.Num(n) + " B"
	case n < 1000*1000:
		return f.Dec(float64(n)/1000, 0) + " KB"
	}
	return f.Dec(float64(n)/1e6, 1) + " MB"
}
