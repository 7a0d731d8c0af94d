// Package address names every page and file of a published site. Pages
// are folders written as their index.html ("districts/ben-luc"); links
// between pages are relative (Rel), so that a site works under any
// sub-path and opened from disk. Writers and linkers ask here, so that a
// page is never linked at one address and written at another.
package address

import (
	"slices"
	"strconv"
	"strings"

	"giamsat/internal/period"
	"giamsat/internal/site"
	"giamsat/internal/vntext"
)

// The folders at the top of the site that the build writes.
const (
	Assets     = "assets"
	Cases      = "cases"      // the province's case register
	Categories = "categories" // a page for each category
	Data       = "data"       // the CSV downloads
	Directives = "directives" // the list of directives, and each directive
	Districts  = "districts"  // a page for each unit
	Downloads  = "downloads"  // the page of the downloads
	Reports    = "reports"    // the list of period reports, and each report
	Search     = "search"     // the search page and its index
	NotFound   = "404"        // 404.html
)

// top is every name the build writes at the top of the site.
var top = []string{NotFound, Assets, Cases, Categories, Data, Directives, Districts, Downloads, Reports, Search}

// Reserved reports whether name, the first folder of a path, is one the
// build writes: a page of content/ there would overwrite, or be
// overwritten by, a generated one.
func Reserved(name string) bool { return slices.Contains(top, name) }

// Index is the file a page folder is written as; "" is the home page.
func Index(folder string) string {
	if folder == "" {
		return "index.html"
	}
	return folder + "/index.html"
}

// Rel is the link from the page in folder from to the site path to
// ("districts/ben-luc/index.html").
func Rel(from, to string) string {
	if from == "" {
		return to
	}
	return strings.Repeat("../", strings.Count(from, "/")+1) + to
}

// UnitSlugs names each unit's page folder, in site order: its short name
// (or its name) made a slug, with the code added where two units would
// share one, and the code alone where the name gives no slug.
func UnitSlugs(ds []site.District) []string {
	out := make([]string, len(ds))
	seen := make(map[string]int)
	for i, d := range ds {
		name := d.Short
		if name == "" {
			name = d.Name
		}
		out[i] = vntext.Slug(name)
		if out[i] == "" {
			out[i] = vntext.Slug(d.Code)
		}
		seen[out[i]]++
	}
	for i, d := range ds {
		if seen[out[i]] > 1 {
			out[i] += "-" + vntext.Slug(d.Code)
		}
	}
	return out
}

// District is the page of the unit whose slug is given.
func District(slug string) string { return Districts + "/" + slug }

// DistrictCases is the register of one unit's cases.
func DistrictCases(slug string) string { return District(slug) + "/" + Cases }

// Category is the page of a category.
func Category(key string) string { return Categories + "/" + key }

// Report is the report of a period.
func Report(p period.Period) string { return Reports + "/" + p.String() }

// ReportDocx is the Word file of a period's report, beside its page: named
// so that it still says what it is once saved among other files
// ("bao-cao-2022-04.docx"; "report-2022-04.docx" on a site in another
// language).
func ReportDocx(p period.Period, lang string) string {
	name := "bao-cao-"
	if lang != "" && lang != "vi" {
		name = "report-"
	}
	return Report(p) + "/" + name + p.String() + ".docx"
}

// Directive is the page of a directive.
func Directive(slug string) string { return Directives + "/" + slug }

// Attachment is where a directive's attached file is published, at its
// path relative to the directive.
func Attachment(slug, rel string) string { return Directive(slug) + "/" + rel }

// DirectiveYear is the folder of one year's directives in the list.
func DirectiveYear(year int) string { return Directives + "/year_" + strconv.Itoa(year) }

// Between is the shortest link from the page of folder from to the page of
// folder to (both relative to the site root, with or without a final
// slash): up to the folder they share, then down.
func Between(from, to string) string {
	f := strings.Split(strings.TrimSuffix(from, "/"), "/")
	t := strings.Split(strings.TrimSuffix(to, "/"), "/")
	k := 0
	for k < len(f) && k < len(t) && f[k] == t[k] {
		k++
	}
	href := strings.Repeat("../", len(f)-k)
	if k < len(t) {
		href += strings.Join(t[k:], "/") + "/"
	}
	return href + "index.html"
}

// Paged is page n (from 1) of a list that starts at folder: the first is
// the folder itself, the others are numbered below it.
func Paged(folder string, n int) string {
	if n <= 1 {
		return folder
	}
	return folder + "/" + strconv.Itoa(n)
}

// DataFile is a CSV download.
func DataFile(name string) string { return Data + "/" + name }

// NotFoundPage is the page a server shows for an address the site lacks.
const NotFoundPage = NotFound + ".html"

// MapAsset is the script that holds the boundary map whose content sum is
// given: a new map is a new address, so that no browser keeps an old one.
func MapAsset(sum string) string { return Assets + "/map-" + sum + ".js" }

// SearchIndex is the script that holds the search index.
const SearchIndex = Search + "/search-index.js"

// The case register's index, for the filters and sorting that work across
// all of a register's pages: one script for the whole site (every unit's
// register reads it too), and beside it the cases' folded summaries, which
// only the text filter needs and so are loaded apart.
const (
	RegisterIndex = Cases + "/index.js"
	RegisterText  = Cases + "/text.js"
)

// CaseAnchor is the fragment that names case id's row on a register page,
// without the "#": "c-" and the id, its letters, digits, "-" and "."
// as they are and every other byte as "_" and two hex digits. Distinct
// ids give distinct anchors, and an anchor needs no escaping in a URL, an
// HTML attribute or a CSS selector. The register script writes the same
// (caseAnchor in assets/js/register.js).
func CaseAnchor(id string) string {
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(id)+2)
	b = append(b, "c-"...)
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.':
			b = append(b, c)
		default:
			b = append(b, '_', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}
