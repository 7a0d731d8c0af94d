package e2e

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/text/unicode/norm"
)

// open loads url in the tab and waits for its charts.
func (tb *tab) open(t *testing.T, url string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](chartsDrawn, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("%s: charts not drawn: %v", url, err)
	}
}

// do runs actions in the tab, failing the test on an error.
func (tb *tab) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the tab's page.
func eval[T any](t *testing.T, tb *tab, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.80q: %v", js, err)
	}
	return v
}

// fold is how a reader's query matches text: case and Vietnamese
// diacritics ignored. Written here again rather than taken from the site,
// so that the test does not share a mistake with what it tests.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ' || r == 'Đ':
			b.WriteRune('d')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

type tableRow struct {
	Hidden bool     `json:"hidden"`
	Text   string   `json:"text"`
	Values []string `json:"values"` // each cell's data-value, or its text
}

// rows reads the body rows that match selector: whether each is hidden,
// its text and its cells' values.
func rows(t *testing.T, tb *tab, selector string) []tableRow {
	t.Helper()
	return eval[[]tableRow](t, tb, fmt.Sprintf(`Array.from(document.querySelectorAll(%q), (r) => ({
		hidden: r.hidden || getComputedStyle(r).display === 'none',
		text: r.textContent,
		values: Array.from(r.cells, (c) => c.hasAttribute('data-value') ? c.getAttribute('data-value') : c.textContent.trim()),
	}))`, selector))
}

func visible(rs []tableRow) []string {
	var out []string
	for _, r := range rs {
		if !r.Hidden {
			out = append(out, r.Values[0])
		}
	}
	return out
}

// TestDirectiveFilters picks each issuer and each kind in the directive
// list's filters, and checks that exactly the matching directives stay.
func TestDirectiveFilters(t *testing.T) {
	needBrowser(t)
	dir := exampleSite(t)
	base := serve(t, dir)
	tb := newTab(t, base)
	tb.open(t, base+"directives/index.html")
	const list = "#directive-list tbody tr:not(.doc-year)"
	if shown := eval[bool](t, tb, `!document.querySelector('.doc-filters').hidden`); !shown {
		t.Fatal("the filters stay hidden")
	}
	all := rows(t, tb, list)
	type option struct {
		Col   int    `json:"col"`
		Index int    `json:"index"`
		Value string `json:"value"`
	}
	options := eval[[]option](t, tb, `Array.from(document.querySelectorAll('select[data-filter-for="directive-list"]')).flatMap((s) =>
		Array.from(s.options).slice(1).map((o, i) => ({col: +s.getAttribute('data-filter-col'), index: i + 1, value: o.value})))`)
	cols := map[int]bool{}
	for _, o := range options {
		cols[o.Col] = true
	}
	if len(cols) != 2 {
		t.Fatalf("want an issuer and a kind filter; got options %v", options)
	}
	choose := func(col, index int) {
		eval[chromedp.Void](t, tb, fmt.Sprintf(`(() => {
			const s = document.querySelector('select[data-filter-for="directive-list"][data-filter-col="%d"]');
			s.selectedIndex = %d;
			s.dispatchEvent(new Event('change', {bubbles: true}));
		})()`, col, index))
	}
	for _, o := range options {
		choose(o.Col, o.Index)
		var want []string
		for _, r := range all {
			if r.Values[o.Col] == o.Value {
				want = append(want, r.Values[0])
			}
		}
		got := visible(rows(t, tb, list))
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("filter column %d = %q shows %v; want %v", o.Col, o.Value, got, want)
		}
		choose(o.Col, 0)
	}
	if got := visible(rows(t, tb, list)); len(got) != len(all) {
		t.Errorf("with both filters reset, %d of %d directives shown", len(got), len(all))
	}

	// Both at once: the issuer and the kind of the first directive.
	first := all[0].Values
	for _, o := range options {
		if first[o.Col] == o.Value {
			choose(o.Col, o.Index)
		}
	}
	var want []string
	for _, r := range all {
		if r.Values[3] == first[3] && r.Values[4] == first[4] {
			want = append(want, r.Values[0])
		}
	}
	if got := visible(rows(t, tb, list)); !slices.Equal(got, want) {
		t.Errorf("issuer %q and kind %q show %v; want %v", first[3], first[4], got, want)
	}
}

// TestSearch types into the search page, served and from disk, and checks
// that a query without diacritics finds the district first, and that the
// result leads to its page.
func TestSearch(t *testing.T) {
	needBrowser(t)
	dir := exampleSite(t)
	for _, mode := range []struct{ name, base string }{
		{"http", serve(t, dir)},
		{"file", fileURL(dir)},
	} {
		t.Run(mode.name, func(t *testing.T) {
			tb := newTab(t, mode.base)
			for _, c := range []struct{ query, title, href string }{
				{"ben luc", "Bến Lức", "districts/ben-luc/index.html"},
				{"duc hoa", "Đức Hòa", "districts/duc-hoa/index.html"},
				{"283/ttra", "283/TTra", "directives/283-ttra-2022/index.html"},
			} {
				tb.rec.begin()
				tb.open(t, mode.base+"search/index.html")
				tb.do(t, chromedp.SendKeys(chromedp.ID("search-q"), c.query),
					chromedp.WaitVisible(chromedp.CSS("#search-results li a")))
				first := eval[struct {
					Text string `json:"text"`
					Href string `json:"href"`
				}](t, tb, `(() => { const a = document.querySelector('#search-results li a'); return {text: a.closest('li').textContent, href: a.href}; })()`)
				if !strings.Contains(first.Text, c.title) || first.Href != mode.base+c.href {
					t.Errorf("search %q: first result %q → %s; want %q → %s", c.query, first.Text, first.Href, c.title, mode.base+c.href)
				}
				if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS("#search-results li a")))); err != nil {
					t.Fatal(err)
				}
				if at := eval[string](t, tb, "location.href"); at != mode.base+c.href {
					t.Errorf("search %q: the first result led to %s; want %s", c.query, at, mode.base+c.href)
				}
				for _, p := range tb.rec.end() {
					t.Errorf("search %q: %s", c.query, p)
				}
			}
		})
	}
}

var mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]`)

// TestPrint emulates print media: the navigation is hidden, and a PDF
// printed at the size the stylesheet asks for has A4 pages.
func TestPrint(t *testing.T) {
	needBrowser(t)
	dir := exampleSite(t)
	base := serve(t, dir)
	tb := newTab(t, base)
	media := func(m string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		})
	}
	// A4 in PDF points: 210 × 297 mm at 72 points to the inch.
	const a4w, a4h = 210 / 25.4 * 72, 297 / 25.4 * 72
	for _, c := range []struct {
		page string
		pdf  bool // printing to PDF takes seconds: the two stylesheets' pages
	}{
		{"index.html", false},
		{"districts/ben-luc/index.html", false},
		{"reports/2022-04/index.html", true},          // site.css
		{"directives/283-ttra-2022/index.html", true}, // docs.css, the letter
	} {
		p := c.page
		t.Run(p, func(t *testing.T) {
			tb.open(t, base+p)
			nav := `getComputedStyle(document.querySelector('.site-nav')).display`
			if d := eval[string](t, tb, nav); d == "none" {
				t.Fatalf("the navigation is hidden on screen")
			}
			tb.do(t, media("print"))
			defer tb.do(t, media(""))
			if d := eval[string](t, tb, nav); d != "none" {
				t.Errorf("printed, the navigation shows (display %q)", d)
			}
			if !c.pdf {
				return
			}
			pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
			if err != nil {
				t.Fatal(err)
			}
			boxes := mediaBox.FindAllSubmatch(pdf, -1)
			if len(boxes) == 0 {
				t.Fatalf("no /MediaBox in the %d-byte PDF", len(pdf))
			}
			for i, m := range boxes {
				x0, _ := strconv.ParseFloat(string(m[1]), 64)
				y0, _ := strconv.ParseFloat(string(m[2]), 64)
				x1, _ := strconv.ParseFloat(string(m[3]), 64)
				y1, _ := strconv.ParseFloat(string(m[4]), 64)
				w, h := x1-x0, y1-y0
				if abs(w-a4w) > 2 || abs(h-a4h) > 2 {
					t.Errorf("PDF page %d is %.1f × %.1f pt; want A4, %.1f × %.1f", i+1, w, h, a4w, a4h)
					break
				}
			}
		})
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// head is the start of a long list, for messages.
func head(s []string) []string {
	if len(s) > 5 {
		return append(s[:5:5], "…")
	}
	return s
}
