package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// firstScreen is where the parts of the top of a page lie against the
// window: the bottom of each backlog card, and the top of the unit table's
// first row.
type firstScreen struct {
	Height     float64
	Width      float64
	Cards      []float64 // bottoms of the backlog cards
	FirstRow   float64   // top of the unit table's first body row; -1 when none
	ScrollTop  float64
	CardsCount int
}

const firstScreenScript = `(() => {
  const bottoms = [...document.querySelectorAll('.headline .backlog .figure')].map(e => e.getBoundingClientRect().bottom);
  const row = document.querySelector('#unit-table tbody tr');
  return { Height: window.innerHeight, Width: window.innerWidth, Cards: bottoms, CardsCount: bottoms.length,
    FirstRow: row ? row.getBoundingClientRect().top : -1, ScrollTop: document.scrollingElement.scrollTop };
})()`

// TestFirstScreen opens the overview and a unit page on a 1280 × 800
// screen and on a true 390-pixel phone (device emulation): the backlog
// cards, and on the overview the unit table's heading and first row, are
// on the first screen, before any scrolling.
func TestFirstScreen(t *testing.T) {
	needBrowser(t)
	dir := exampleSite(t)
	base := serve(t, dir)
	for _, screen := range []struct {
		name string
		act  chromedp.Action[chromedp.Void]
	}{
		{"1280x800", chromedp.EmulateViewport(1280, 800)},
		{"phone", phone()},
	} {
		tb := newTab(t, base)
		tb.do(t, screen.act)
		for _, p := range []string{"index.html", "districts/ben-luc/index.html"} {
			t.Run(screen.name+"/"+p, func(t *testing.T) {
				tb.open(t, base+p)
				got := eval[firstScreen](t, tb, firstScreenScript)
				if screen.name == "phone" && got.Width != phoneWidth {
					t.Fatalf("viewport %v px wide; want %d", got.Width, phoneWidth)
				}
				if got.CardsCount < 5 {
					t.Fatalf("%d backlog cards; want at least 5", got.CardsCount)
				}
				for i, b := range got.Cards {
					if b > got.Height {
						t.Errorf("backlog card %d ends at %.0f px, below the first screen of %.0f px", i+1, b, got.Height)
					}
				}
				if p != "index.html" {
					return
				}
				if got.FirstRow < 0 {
					t.Fatal("no unit table")
				}
				// The heading row and the worst unit's row are in view.
				if got.FirstRow+24 > got.Height {
					t.Errorf("the unit table's first row starts at %.0f px, past the first screen of %.0f px", got.FirstRow, got.Height)
				}
			})
		}
	}
}

// legendScript lists the charts whose legend pages ("1/2 ▶") or is cut
// by the chart's edge.
const legendScript = `(() => {
  const out = [];
  if (typeof echarts === 'undefined') return ['no echarts'];
  for (const el of document.querySelectorAll('.chart')) {
    const c = echarts.getInstanceByDom(el);
    const svg = el.querySelector('svg');
    if (!c || !svg) continue;
    const o = c.getOption();
    const legends = [].concat(o.legend || []).filter(lg => lg.show !== false);
    if (!legends.length) continue;
    if (legends.some(lg => lg.type === 'scroll')) out.push(el.id + ': a legend of type scroll');
    // Every name the legend lists is drawn whole, inside the chart.
    const names = [];
    for (const s of [].concat(o.series || [])) {
      if (s.type === 'pie') (s.data || []).forEach(d => names.push(d.name));
      else if (s.name) names.push(s.name);
    }
    const frame = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')];
    for (const n of names) {
      const t = texts.find(t => t.textContent.trim() === String(n).trim());
      if (!t) { out.push(el.id + ': legend name "' + n + '" not drawn whole'); continue; }
      const r = t.getBoundingClientRect();
      if (r.right > frame.right + 1 || r.bottom > frame.bottom + 1 || r.left < frame.left - 1) out.push(el.id + ': legend name "' + n + '" cut');
    }
    for (const t of texts) if (/^\d{1,2}\/\d{1,2}$/.test(t.textContent.trim())) out.push(el.id + ': legend pager "' + t.textContent.trim() + '"');
  }
  return out.slice(0, 12);
})()`

// emulateMedia makes the tab lay its page out for the media type m
// ("print"), or for the screen again when m is "".
func emulateMedia(m string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
		return err
	})
}

// TestNoLegendPager opens a page of every kind with charts, on a desktop
// screen, on a phone and in print emulation: no legend is paged or cut.
func TestNoLegendPager(t *testing.T) {
	needBrowser(t)
	dir := exampleSite(t)
	base := serve(t, dir)
	var list []string
	for _, p := range onePerKind(pages(t, dir)) {
		switch pageKind(p) {
		case "index.html", "district", "category", "month report", "quarter report", "year report":
			list = append(list, p)
		}
	}
	if len(list) < 4 {
		t.Fatalf("pages with charts: %q", list)
	}
	for _, screen := range []struct {
		name  string
		act   chromedp.Action[chromedp.Void]
		print bool
	}{
		{"desktop", chromedp.EmulateViewport(1280, 800), false},
		{"phone", phone(), false},
		{"print", chromedp.EmulateViewport(1280, 800), true},
	} {
		tb := newTab(t, base)
		tb.do(t, screen.act)
		for _, p := range list {
			tb.open(t, base+p)
			if screen.print {
				tb.do(t, emulateMedia("print"))
			}
			if bad := eval[[]string](t, tb, legendScript); len(bad) > 0 {
				t.Errorf("%s on %s: %s", p, screen.name, strings.Join(bad, "; "))
			}
			if screen.print {
				tb.do(t, emulateMedia(""))
			}
		}
	}
}

// TestPhoneTables checks the data tables on a phone: those beside the
// charts are closed, and open in print; a wide table scrolled sideways
// keeps its first column (the unit) and its last (the total) in view.
func TestPhoneTables(t *testing.T) {
	needBrowser(t)
	dir := exampleSite(t)
	base := serve(t, dir)
	tb := newTab(t, base)
	tb.do(t, phone())
	tb.open(t, base+"index.html")
	open := eval[int](t, tb, `document.querySelectorAll('details.chart-data[open]').length`)
	all := eval[int](t, tb, `document.querySelectorAll('details.chart-data').length`)
	if all == 0 || open != 0 {
		t.Errorf("on a phone %d of %d chart tables are open; want none", open, all)
	}
	tb.do(t, emulateMedia("print"))
	hidden := eval[int](t, tb, `[...document.querySelectorAll('details.chart-data table')].filter(t => t.getBoundingClientRect().height === 0).length`)
	if hidden != 0 {
		t.Errorf("in print, %d chart tables take no room; want every one printed", hidden)
	}
	tb.do(t, emulateMedia(""))

	tb.open(t, base+"reports/2022-04/index.html")
	const sticky = `(() => {
  const out = [];
  for (const wrap of document.querySelectorAll('.table-wrap')) {
    const tbl = wrap.querySelector('table.data');
    if (!tbl || wrap.scrollWidth <= wrap.clientWidth + 4) continue;
    wrap.scrollLeft = (wrap.scrollWidth - wrap.clientWidth) / 2;
    const box = wrap.getBoundingClientRect();
    const row = tbl.querySelector('tbody tr');
    const first = row.firstElementChild.getBoundingClientRect(), last = row.lastElementChild.getBoundingClientRect();
    if (first.left < box.left - 1) out.push('first column scrolled away in ' + (tbl.id || tbl.querySelector('caption, th').textContent));
    if (last.right > box.right + 1) out.push('last column out of view in ' + (tbl.id || tbl.querySelector('th').textContent));
  }
  return out;
})()`
	wide := eval[int](t, tb, `[...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 4).length`)
	if wide == 0 {
		t.Fatal("no table of the month report is wider than a phone: nothing to check")
	}
	if bad := eval[[]string](t, tb, sticky); len(bad) > 0 {
		t.Error(fmt.Sprint(bad))
	}
}
