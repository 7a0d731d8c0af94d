package e2e

import (
	"encoding/csv"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"giamsat/internal/sample"
	"giamsat/internal/site"
)

// registerSite is a generated site of 1,500 cases in three units: the
// province's register and each unit's run over several pages.
var registerSite builtSite

func registerSample(t *testing.T) (dir string, cfg *site.Config) {
	t.Helper()
	dir = registerSite.get(t, "register", func(dir string) (string, error) {
		return dir, sample.Write(dir, sample.Options{Cases: 1500, Seed: 5, Years: 1, Districts: 3})
	})
	cfg, diags := site.Load(filepath.Join(env.work, "register-src"))
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	return dir, cfg
}

// csvCase is a case as data/cases.csv lists it: the tests count from it,
// not from the register index they test.
type csvCase struct {
	id, unit, category, status, detected string
	overdue                              bool
}

func readCasesCSV(t *testing.T, dir string) []csvCase {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "data", "cases.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var out []csvCase
	for _, r := range recs[1:] {
		out = append(out, csvCase{id: r[col["id"]], unit: r[col["district"]], category: r[col["category"]],
			status: r[col["status"]], detected: r[col["detected_on"]],
			// The pages' overdue: the contract's, less the cases waiting
			// on a higher body (README, "Headline figures").
			overdue: r[col["overdue"]] == "1" && r[col["status"]] != "referred"})
	}
	return out
}

type option struct {
	Value string `json:"value"`
	Text  string `json:"text"`
}

// options lists a filter's choices but the first ("all").
func options(t *testing.T, tb *tab, name string) []option {
	return eval[[]option](t, tb, fmt.Sprintf(`Array.from(document.querySelector('#register-filters [name=%q]').options).slice(1).map((o) => ({value: o.value, text: o.textContent}))`, name))
}

// choose picks a filter's choice as a reader does.
func choose(t *testing.T, tb *tab, name, value string) {
	eval[chromedp.Void](t, tb, fmt.Sprintf(`(() => {
		const s = document.querySelector('#register-filters [name=%q]');
		s.value = %q;
		s.dispatchEvent(new Event('change', {bubbles: true}));
	})()`, name, value))
}

type match struct {
	ID     string   `json:"id"`
	Href   string   `json:"href"`
	Values []string `json:"values"` // each cell's data-value, or its text
}

// matches waits for the list of matching cases and returns the total it
// says and its rows.
func matches(t *testing.T, tb *tab) (total int, rows []match) {
	t.Helper()
	tb.do(t, chromedp.Poll[chromedp.Void](`!document.getElementById('register-results').hidden && /\d/.test(document.getElementById('register-status').textContent)`,
		chromedp.WithPollingTimeout(10*time.Second)))
	status := eval[string](t, tb, `document.getElementById('register-status').textContent`)
	nums := regexp.MustCompile(`\d[\d.,]*`).FindAllString(status, -1)
	total, err := strconv.Atoi(strings.NewReplacer(".", "", ",", "").Replace(nums[len(nums)-1]))
	if err != nil {
		t.Fatalf("status %q: %v", status, err)
	}
	rows = eval[[]match](t, tb, `Array.from(document.querySelectorAll('#register-matches tbody tr'), (r) => ({
		id: r.cells[0].textContent, href: r.cells[0].querySelector('a').href,
		values: Array.from(r.cells, (c) => c.hasAttribute('data-value') ? c.getAttribute('data-value') : c.textContent.trim()),
	}))`)
	if want := min(total, 200); len(rows) != want {
		t.Errorf("status %q, %d rows listed; want %d", status, len(rows), want)
	}
	return total, rows
}

// checkAnchors checks that each row links to a page of the register at
// want (a folder of the site in dir, served at base) that has a row with
// that anchor for that case.
func checkAnchors(t *testing.T, dir, base, want string, rows []match) {
	t.Helper()
	root, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{}
	for _, m := range rows {
		u, err := url.Parse(m.Href)
		if err != nil || !strings.HasPrefix(m.Href, base) || u.Fragment == "" {
			t.Errorf("case %s links to %s, not a row of a page under %s", m.ID, m.Href, base)
			continue
		}
		rel := strings.TrimPrefix(u.Path, root.Path)
		if !strings.HasPrefix(rel, want) {
			t.Errorf("case %s links to %s, outside the register %s", m.ID, rel, want)
		}
		page, ok := pages[rel]
		if !ok {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
			if err != nil {
				t.Errorf("case %s: %v", m.ID, err)
				continue
			}
			page = string(b)
			pages[rel] = page
		}
		row := regexp.MustCompile(`<tr id="` + regexp.QuoteMeta(u.Fragment) + `"><td( class="[^"]*")?>` + regexp.QuoteMeta(m.ID) + `</td>`)
		if !row.MatchString(page) {
			t.Errorf("case %s links to %s, whose page has no row %s for it", m.ID, rel, u.Fragment)
		}
	}
	if len(rows) > 20 && len(pages) < 2 {
		t.Errorf("%d cases link to %d register pages; the test wants cases from several", len(rows), len(pages))
	}
}

// TestRegisterFilters picks a unit and a category on a register page that
// is not the first, served and opened from disk, and checks the number
// of cases the list says against a count of data/cases.csv, the cases it
// lists, and that each links to its row on its register page; then the
// same on a unit's register, and a case found by its id in lower case.
func TestRegisterFilters(t *testing.T) {
	needBrowser(t)
	dir, cfg := registerSample(t)
	cases := readCasesCSV(t, dir)
	count := func(keep func(c csvCase) bool) (ids []string) {
		for _, c := range cases {
			if keep(c) {
				ids = append(ids, c.id)
			}
		}
		return ids
	}
	for _, mode := range []struct{ name, base string }{{"http", serve(t, dir)}, {"file", fileURL(dir)}} {
		t.Run(mode.name, func(t *testing.T) {
			tb := newTab(t, mode.base)
			tb.rec.begin()
			tb.open(t, mode.base+"cases/2/index.html")
			if hidden := eval[bool](t, tb, `document.getElementById('register-filters').hidden`); hidden {
				t.Fatal("the filters stay hidden")
			}
			units, cats := options(t, tb, "unit"), options(t, tb, "category")
			if len(units) != len(cfg.Districts) || len(cats) != len(cfg.Categories) {
				t.Fatalf("units %v, categories %v; want the site's %d and %d", units, cats, len(cfg.Districts), len(cfg.Categories))
			}
			unit, cat := units[1], cats[0]
			k, _ := strconv.Atoi(cat.Value)
			want := count(func(c csvCase) bool { return c.unit == unit.Text && c.category == cfg.Categories[k].Key })
			choose(t, tb, "unit", unit.Value)
			choose(t, tb, "category", cat.Value)
			total, rows := matches(t, tb)
			if total != len(want) || len(want) == 0 {
				t.Errorf("%s, %s: the list says %d cases; cases.csv has %d", unit.Text, cat.Text, total, len(want))
			}
			for _, m := range rows {
				if !slices.Contains(want, m.ID) {
					t.Errorf("%s, %s: case %s listed, which cases.csv puts elsewhere", unit.Text, cat.Text, m.ID)
				}
			}
			checkAnchors(t, dir, mode.base, "cases/", rows)

			// Following a link shows the row on its page.
			first := rows[len(rows)-1]
			if _, err := chromedp.Run(tb.ctx, chromedp.Navigate(first.Href)); err != nil {
				t.Fatal(err)
			}
			if got := eval[string](t, tb, `(() => { const r = document.getElementById(location.hash.slice(1)); return r && r.matches(':target') ? r.cells[0].textContent : ''; })()`); got != first.ID {
				t.Errorf("%s: the row in view is %q; want %s", first.Href, got, first.ID)
			}

			// A unit's register: the unit is its own, the category and
			// overdue are chosen.
			reg := unitRegister(t, dir, unit.Text)
			tb.open(t, mode.base+reg+"2/index.html")
			if n := eval[int](t, tb, `document.querySelectorAll('#register-filters [name=unit]').length`); n != 0 {
				t.Errorf("a unit's register offers a choice of units")
			}
			choose(t, tb, "category", cat.Value)
			eval[chromedp.Void](t, tb, `(() => { const c = document.querySelector('#register-filters [name=overdue]'); c.checked = true; c.dispatchEvent(new Event('change', {bubbles: true})); })()`)
			want = count(func(c csvCase) bool { return c.unit == unit.Text && c.category == cfg.Categories[k].Key && c.overdue })
			total, rows = matches(t, tb)
			if total != len(want) || len(want) == 0 {
				t.Errorf("%s's register, %s, overdue: the list says %d cases; cases.csv has %d", unit.Text, cat.Text, total, len(want))
			}
			checkAnchors(t, dir, mode.base, reg, rows)

			// A case by its id, typed in lower case.
			tb.open(t, mode.base+"cases/index.html")
			id := cases[len(cases)/2].id
			eval[chromedp.Void](t, tb, fmt.Sprintf(`(() => {
				const q = document.querySelector('#register-filters [name=text]');
				q.value = %q;
				q.dispatchEvent(new Event('input', {bubbles: true}));
			})()`, strings.ToLower(id)))
			total, rows = matches(t, tb)
			if total != 1 || len(rows) != 1 || rows[0].ID != id {
				t.Errorf("the text %q finds %d cases %v; want %s", strings.ToLower(id), total, rows, id)
			}
			checkAnchors(t, dir, mode.base, "cases/", rows)

			// Clearing the filters shows the page's own rows again.
			tb.do(t, chromedp.Click(chromedp.CSS(`#register-filters button[type=reset]`)))
			tb.do(t, chromedp.Poll[chromedp.Void](`document.getElementById('register-results').hidden && !document.getElementById('case-register').closest('.table-wrap').hidden`,
				chromedp.WithPollingTimeout(5*time.Second)))
			for _, p := range tb.rec.end() {
				t.Error(p)
			}
		})
	}
}

// unitRegister is the folder of the register of the unit named name.
func unitRegister(t *testing.T, dir, name string) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, "districts", "*", "cases", "index.html"))
	for _, m := range matches {
		b, err := os.ReadFile(m)
		if err == nil && strings.Contains(string(b), "<h1>") && strings.Contains(string(b), " – "+name+"</h1>") {
			rel, _ := filepath.Rel(dir, filepath.Dir(m))
			return filepath.ToSlash(rel) + "/"
		}
	}
	t.Fatalf("no register of %s", name)
	return ""
}

// TestRegisterSort sorts the whole register by the day detected, from a
// heading of the page: the list holds every case, the earliest first (ties
// in register order, which is by id), then the latest first.
func TestRegisterSort(t *testing.T) {
	needBrowser(t)
	dir, _ := registerSample(t)
	cases := readCasesCSV(t, dir)
	base := fileURL(dir)
	tb := newTab(t, base)
	tb.rec.begin()
	tb.open(t, base+"cases/3/index.html")
	days := make([]string, len(cases))
	for i, c := range cases {
		days[i] = c.detected
	}
	slices.Sort(days)

	col := eval[int](t, tb, `Array.from(document.querySelectorAll('#case-register thead th')).findIndex((th) => th.getAttribute('data-col') === 'detected')`)
	if col < 0 {
		t.Fatal("no heading of the day detected")
	}
	tb.do(t, chromedp.Click(chromedp.CSS(`#case-register thead th[data-col=detected] button`)))
	for _, order := range []string{"ascending", "descending"} {
		total, rows := matches(t, tb)
		if total != len(cases) {
			t.Errorf("%s: the list says %d cases; cases.csv has %d", order, total, len(cases))
		}
		// The list has no summary column: the day is one column left.
		at := col - 1
		want := days[0]
		if order == "descending" {
			want = days[len(days)-1]
		}
		if len(rows) == 0 || rows[0].Values[at] != want {
			t.Fatalf("%s: the first case is %v; want one detected on %s", order, rows[:min(1, len(rows))], want)
		}
		for i := 1; i < len(rows); i++ {
			a, b := rows[i-1].Values[at], rows[i].Values[at]
			if order == "descending" {
				a, b = b, a
			}
			if a > b || a == b && rows[i-1].ID > rows[i].ID {
				t.Errorf("%s: %s (%s) before %s (%s)", order, rows[i-1].ID, rows[i-1].Values[at], rows[i].ID, rows[i].Values[at])
				break
			}
		}
		if got := eval[string](t, tb, `document.querySelector('#register-matches th[data-col=detected]').getAttribute('aria-sort')`); got != order {
			t.Errorf("aria-sort %q; want %q", got, order)
		}
		checkAnchors(t, dir, base, "cases/", rows)
		// Again, on the list's own heading: the other way round.
		tb.do(t, chromedp.Click(chromedp.CSS(`#register-matches thead th[data-col=detected] button`)))
	}
	for _, p := range tb.rec.end() {
		t.Error(p)
	}
}
