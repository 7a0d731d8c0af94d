// Package search builds the site's offline search: one page with a box,
// and its index as a script file the page loads with <script src>, so that
// searching works from a web server and from a folder opened on disk
// (file://, where fetch is refused) alike, with no request leaving the
// site.
//
// The index is written here rather than with a search library: what it
// holds is a few hundred short documents and names plus the recent cases,
// the matching is substring matching on text folded the vntext.Fold way
// (which no library does for Vietnamese đ out of the box), and the ranking
// is three plain rules. The whole client is a page of script the site
// owns, with nothing to vendor or keep up to date.
package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/net/html"

	"giamsat/internal/address"
	"giamsat/internal/content"
	"giamsat/internal/export"
	"giamsat/internal/format"
	"giamsat/internal/period"
	"giamsat/internal/site"
	"giamsat/internal/vntext"
)

// Kind is what an entry is; the kinds are listed in this order when
// entries rank the same.
type Kind int

// The kinds of entries.
const (
	District Kind = iota
	Category
	Directive
	Page
	Case
	numKinds
)

// DefaultMaxCases bounds the cases in the index: the most recently
// detected ones. At about 250 bytes a case, 10,000 cases keep the index
// near 2.5 MB, which a browser loads and searches at once, while a million
// cases would make a 250 MB file no page should load. Older cases are in
// the register and in data/cases.csv.
const DefaultMaxCases = 10_000

// Limits on the text an entry carries.
const (
	maxBody    = 20_000 // bytes of folded body text: a long annex adds nothing a search needs
	maxSnippet = 200    // characters of a page shown under its title
)

// Input is what the index is made from.
type Input struct {
	Site    *site.Config
	Content *content.Set
	// Cases are the merged cases, sorted by id.
	Cases []export.Case
	// CaseHref gives the row, from the site root, of Cases[i] on the
	// register page that lists it ("cases/3/index.html#c-BL-2022-0001").
	CaseHref func(i int) string
	// DistrictPaths are the districts' page folders, in site order.
	DistrictPaths []string
	// MaxCases bounds the cases indexed; 0 is DefaultMaxCases, below 0 none.
	MaxCases int
	Format   format.Formatter
	// Status names a case status for the reader ("Đã gỡ bỏ").
	Status func(export.Status) string
}

// Entry is one thing the search can find.
type Entry struct {
	Kind   Kind
	Title  string // the link text: a name, a document's title, a case id
	Number string // a document's number, a district's code, a category's key
	Text   string // shown under the title: a subject, a summary, a page's start
	Meta   string // shown beside it: a date, an issuer, a district
	Href   string // from the site root

	// Folded with vntext.Fold: what the query is compared with. Title and
	// number matches rank first, so they are kept apart from the rest.
	FoldTitle, FoldNumber, FoldBody string
}

// Index is every entry, in the order ties are listed: districts and
// categories in site order, directives newest first, pages by path, cases
// most recently detected first.
type Index struct {
	Entries []Entry
	Cases   int // cases in the site
	Indexed int // cases in the index
}

// Build makes the index. Reading rendered Markdown and folding text take
// most of its time, with ten thousand documents or cases, so that part runs
// on every core.
func Build(in Input) *Index {
	x := &Index{Cases: len(in.Cases)}
	// Each draft makes one entry; the callers' functions (Format, Status,
	// CaseHref) are called here, in order, and never from the drafts.
	var drafts []func() Entry
	cfg := in.Site
	for i, d := range cfg.Districts {
		e := Entry{Kind: District, Title: d.Name, Number: d.Code, Meta: d.Short, Href: address.Index(in.DistrictPaths[i])}
		body := append([]string{d.Short}, d.Aliases...)
		drafts = append(drafts, func() Entry { return folded(e, body...) })
	}
	for _, c := range cfg.Categories {
		e := Entry{Kind: Category, Title: c.Name, Number: c.Key, Href: address.Index(address.Category(c.Key))}
		drafts = append(drafts, func() Entry { return folded(e) })
	}
	if in.Content != nil {
		for _, d := range in.Content.Directives() {
			meta := in.Format.Date(d.IssuedOn)
			if d.Issuer != "" {
				meta += " · " + d.Issuer
			}
			e := Entry{Kind: Directive, Title: d.Title, Number: d.Number, Text: d.Subject, Meta: meta, Href: d.Href()}
			drafts = append(drafts, func() Entry {
				return folded(e, d.Subject, d.Kind, d.ParentIssuer, d.Issuer, bodyText(d.Body))
			})
		}
		for _, p := range in.Content.Pages() {
			e := Entry{Kind: Page, Title: p.Title, Href: address.Index(p.Path)}
			drafts = append(drafts, func() Entry {
				body := bodyText(p.Body)
				e.Text = snippet(body)
				return folded(e, body)
			})
		}
	}
	cases := recent(in.Cases, in.MaxCases)
	district := make(map[string]string, len(cfg.Districts))
	for _, d := range cfg.Districts {
		district[d.Code] = cmp.Or(d.Short, d.Name)
	}
	for _, i := range cases {
		c := &in.Cases[i]
		meta := []string{in.Format.Date(c.DetectedOn), district[c.District]}
		if in.Status != nil {
			meta = append(meta, in.Status(c.Status))
		}
		e := Entry{Kind: Case, Title: c.ID, Text: c.Summary, Meta: strings.Join(meta, " · "), Href: in.CaseHref(i)}
		drafts = append(drafts, func() Entry { return folded(e, c.Summary) })
	}
	x.Indexed = len(cases)
	x.Entries = finish(drafts)
	return x
}

// recent returns the indices of the most recently detected cases, newest
// first and in id order among cases detected the same day, at most limit
// of them (0 is DefaultMaxCases, below 0 none). Rather than ordering all the
// cases, it finds the day the last of them was detected on and orders only
// the cases from that day on.
func recent(cases []export.Case, limit int) []int {
	if limit == 0 {
		limit = DefaultMaxCases
	}
	limit = min(limit, len(cases))
	if limit <= 0 {
		return nil
	}
	perDay := make(map[period.Date]int)
	for i := range cases {
		perDay[cases[i].DetectedOn]++
	}
	days := slices.Sorted(maps.Keys(perDay))
	from, n := days[0], 0
	for k := len(days) - 1; n < limit; k-- {
		from = days[k]
		n += perDay[from]
	}
	type dated struct {
		day period.Date
		i   int
	}
	picked := make([]dated, 0, n)
	for i := range cases {
		if d := cases[i].DetectedOn; d >= from {
			picked = append(picked, dated{d, i})
		}
	}
	slices.SortFunc(picked, func(a, b dated) int { return cmp.Or(cmp.Compare(b.day, a.day), cmp.Compare(a.i, b.i)) })
	out := make([]int, limit)
	for k := range out {
		out[k] = picked[k].i
	}
	return out
}

// folded returns e with its fields and body folded.
func folded(e Entry, body ...string) Entry {
	e.FoldTitle = vntext.Fold(e.Title)
	e.FoldNumber = vntext.Fold(e.Number)
	e.FoldBody = truncate(vntext.Fold(strings.Join(body, " ")), maxBody)
	return e
}

// finish makes the entries of the drafts on every core. Each entry goes to
// its draft's place, so the order does not depend on which core made what.
func finish(drafts []func() Entry) []Entry {
	const chunk = 64 // drafts taken at a time: few enough to share the work evenly
	out := make([]Entry, len(drafts))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (len(drafts)+chunk-1)/chunk) {
		wg.Go(func() {
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= len(drafts) {
					return
				}
				for i := start; i < min(start+chunk, len(drafts)); i++ {
					out[i] = drafts[i]()
				}
			}
		})
	}
	wg.Wait()
	return out
}

// bodyText is the text of rendered Markdown: the words a reader sees,
// with a space wherever a tag was so that two paragraphs do not run into
// one word.
func bodyText(h template.HTML) string {
	z := html.NewTokenizer(strings.NewReader(string(h)))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			b.Write(z.Text())
		default:
			b.WriteByte(' ')
		}
	}
}

// snippet is the start of a text, cut at a word and marked with "…".
func snippet(s string) string {
	if utf8.RuneCountInString(s) <= maxSnippet {
		return s
	}
	cut := string([]rune(s)[:maxSnippet])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return cut + " …"
}

// truncate cuts s to at most n bytes, at a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// WriteJS writes the index as the script search.js reads: one assignment
// of a JSON value, with the kinds' names for the reader. Each entry is an
// array, to keep the file small:
//
//	[kind, title, number, text, meta, href, foldTitle, foldNumber, foldBody]
//
// encoding/json escapes <, >, & and U+2028/U+2029, so no text from the
// data can close the script or end a line inside a string.
func (x *Index) WriteJS(w io.Writer, kindNames [numKinds]string) error {
	type file struct {
		Kinds   [numKinds]string `json:"kinds"`
		Cases   int              `json:"cases"`
		Indexed int              `json:"indexed"`
		Entries [][9]any         `json:"entries"`
	}
	f := file{Kinds: kindNames, Cases: x.Cases, Indexed: x.Indexed, Entries: make([][9]any, len(x.Entries))}
	for i, e := range x.Entries {
		f.Entries[i] = [9]any{int(e.Kind), e.Title, e.Number, e.Text, e.Meta, e.Href, e.FoldTitle, e.FoldNumber, e.FoldBody}
	}
	b, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if _, err := fmt.Fprintf(w, "window.giamsatSearch = %s;\n", b); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	return nil
}
