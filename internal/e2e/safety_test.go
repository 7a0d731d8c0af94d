package e2e

import (
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPayloadsShowAsText opens every page of testdata/hostile, whose
// site.yaml, exports and documents carry script payloads that would set
// window.__pwned if they ran. Every page must pass the same checks as the
// example site's (among them: no payload ran, no markup from the data
// became an element, no CSP violation), and the payloads must be there to
// read, as text. Raw HTML in Markdown is the exception: it is left out,
// as CommonMark's safe mode does, and the checks show it never becomes an
// element; a javascript: link loses its address.
func TestPayloadsShowAsText(t *testing.T) {
	needBrowser(t)
	dir := hostileSite(t)
	base := serve(t, dir)
	// Served only: the pages are the same bytes from disk, and
	// TestEveryPage shows the CSP holds on file:// too.
	t.Run("pages", func(t *testing.T) { checkPages(t, base, pages(t, dir)) })

	tb := newTab(t, base)
	for _, c := range []struct{ page, text string }{
		{"index.html", `Giám sát <img src=x onerror="window.__pwned=1">`},                 // site title
		{"index.html", `Sở TT&TT </script><script>window.__pwned=2</script>`},             // organisation
		{"index.html", `Xúc phạm <img src=x onerror="window.__pwned=6">`},                 // a category in a chart's table
		{"categories/false-news/index.html", `Tin giả </script><script>window.__pwned=7`}, // in the page's heading
		{"directives/283-ttra-2022/index.html", `Triển khai <img src=x onerror="window.__pwned=20">`},
		{"directives/283-ttra-2022/index.html", `Thanh tra </script><script>window.__pwned=19</script>`},
		{"directives/283-ttra-2022/index.html", `<img src=x onerror="window.__pwned=26">`}, // Markdown code span
		{"huong-dan/ma-doc/index.html", `Hướng dẫn <img src=x onerror="window.__pwned=27">`},
	} {
		tb.open(t, base+c.page)
		text := eval[string](t, tb, "document.body.innerText")
		if !strings.Contains(text, c.text) {
			t.Errorf("%s does not show %q as text", c.page, c.text)
		}
	}

	// The search page shows case summaries from its index: a query that
	// finds the payload must show it, not run it.
	tb.open(t, base+"search/index.html")
	tb.rec.begin()
	tb.do(t, chromedp.SendKeys(chromedp.ID("search-q"), "onerror"),
		chromedp.WaitVisible(chromedp.CSS("#search-results li")))
	rep := eval[pageReport](t, tb, reportScript)
	for _, p := range append(tb.rec.end(), rep.problems()...) {
		t.Errorf("search for a payload: %s", p)
	}
	if text := eval[string](t, tb, "document.getElementById('search-results').innerText"); !strings.Contains(text, `<img src=x onerror="window.__pwned=10">`) {
		t.Errorf("searching for the payload does not show the case summary as text; results: %.300q", text)
	}
}

// TestChartCSVGuarded clicks every chart's CSV button on pages of the
// hostile site, whose platform names start with =, @, + and a space then
// -, and reads the files the page makes: every cell a spreadsheet would
// run as a formula carries the leading ' that the site's own CSV files
// give it (issue 13, item 5).
func TestChartCSVGuarded(t *testing.T) {
	needBrowser(t)
	dir := hostileSite(t)
	base := serve(t, dir)
	tb := newTab(t, base)
	var all []string
	for _, page := range []string{"index.html", "categories/false-news/index.html", "districts/tan-an/index.html"} {
		tb.open(t, base+page)
		files := eval[[]string](t, tb, `(async () => {
			const texts = [];
			const orig = URL.createObjectURL;
			URL.createObjectURL = b => { texts.push(b.text()); return orig.call(URL, b); };
			try {
				for (const b of document.querySelectorAll('.chart-actions [data-download=csv]')) b.click();
			} finally {
				URL.createObjectURL = orig;
			}
			return Promise.all(texts);
		})()`)
		if len(files) == 0 {
			t.Errorf("%s: no chart CSV made", page)
		}
		for i, f := range files {
			r := csv.NewReader(strings.NewReader(strings.TrimPrefix(f, "\ufeff")))
			r.FieldsPerRecord = -1
			rows, err := r.ReadAll()
			if err != nil {
				t.Errorf("%s: CSV %d is not CSV: %v\n%s", page, i, err, f)
				continue
			}
			for _, row := range rows {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						if _, err := strconv.ParseFloat(cell, 64); err != nil {
							t.Errorf("%s: CSV %d has an unguarded cell %q", page, i, cell)
						}
					}
				}
			}
			all = append(all, f)
		}
	}
	joined := strings.Join(all, "\n")
	for _, want := range []string{`"'=HYPERLINK(""http://evil.example/"",""YouTube"")"`, "'@SUM(1+1) Zalo", "'+1 Trang thông tin điện tử", "'-1 Báo chí"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no chart CSV holds %s", want)
		}
	}
}
