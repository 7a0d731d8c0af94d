package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestChecksCatchABrokenSite is the test of the tests: it breaks a copy of
// the example site on purpose and runs the same checks on it, which must
// fail, each for its reason. The chart library is deleted, as a botched
// upload would; the overview gets markup no build writes: a request to
// another host, an inline script, a chart without its table, and a table
// too wide for a phone.
func TestChecksCatchABrokenSite(t *testing.T) {
	needBrowser(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(exampleSite(t))); err != nil {
		t.Fatal(err)
	}
	lib, err := filepath.Glob(filepath.Join(dir, "assets", "vendor", "echarts-*", "echarts.min.js"))
	if err != nil || len(lib) != 1 {
		t.Fatalf("want one echarts.min.js under assets/vendor; found %v (%v)", lib, err)
	}
	if err := os.Remove(lib[0]); err != nil {
		t.Fatal(err)
	}

	overview := filepath.Join(dir, "index.html")
	html, err := os.ReadFile(overview)
	if err != nil {
		t.Fatal(err)
	}
	table := regexp.MustCompile(`(?s)<details class="chart-data".*?</details>`).FindIndex(html)
	if table == nil {
		t.Fatal("the overview has no chart data table to remove")
	}
	html = append(html[:table[0]:table[0]], html[table[1]:]...)
	wide := "<table><tr>" + strings.Repeat("<td>một-cột-rất-rộng-không-xuống-dòng</td>", 20) + "</tr></table>"
	html = []byte(strings.Replace(string(html), "</main>",
		`<img src="https://example.com/tracker.png" alt=""><script>window.__inline = 1</script>`+wide+"</main>", 1))
	if err := os.WriteFile(overview, html, 0o644); err != nil {
		t.Fatal(err)
	}

	for _, mode := range []struct {
		name, base, missing string
	}{
		{"http", serve(t, dir), "HTTP 404 for "},
		{"file", fileURL(dir), "request failed (net::ERR_FILE_NOT_FOUND)"},
	} {
		t.Run(mode.name, func(t *testing.T) {
			tb := newTab(t, mode.base)
			for _, c := range []struct {
				page string
				want []string // each must start, or be part of, a problem found
			}{
				{"districts/ben-luc/index.html", []string{mode.missing, "not drawn: no SVG"}},
				{"index.html", []string{
					mode.missing,
					"chart #chart-cases-by-month not drawn: no SVG",
					"chart #chart-cases-by-month: no data table beside it",
					"request outside the site: https://example.com/tracker.png",
					"CSP violation: script-src-elem refused inline",
					"markup from the data became an element: <script>window.__inline = 1",
				}},
			} {
				problems := tb.check(mode.base + c.page)
				for _, w := range c.want {
					if !containsPart(problems, w) {
						t.Errorf("%s: the checks missed %q; they found:\n\t%s", c.page, w, strings.Join(problems, "\n\t"))
					}
				}
			}

			tb.do(t, phone(), chromedp.Navigate(mode.base+"index.html"))
			if got := eval[layout](t, tb, layoutScript); got.ScrollWidth <= phoneWidth || len(got.Offenders) == 0 {
				t.Errorf("the layout check missed a table %d px wide on a %d px phone (offenders %q)", got.ScrollWidth, phoneWidth, got.Offenders)
			}
		})
	}
}

func containsPart(list []string, part string) bool {
	for _, s := range list {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}
