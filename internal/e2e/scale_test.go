package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"giamsat/internal/sample"
)

// overlapScript lists the pairs of text labels of each chart's SVG whose
// boxes overlap by more than a pixel each way, and labels cut by the
// chart's edge.
const overlapScript = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('.chart')) {
    const svg = el.querySelector('svg');
    if (!svg) { out.push(el.id + ': no SVG'); continue; }
    const frame = svg.getBoundingClientRect();
    const boxes = [];
    for (const t of svg.querySelectorAll('text')) {
      const s = getComputedStyle(t);
      if (s.display === 'none' || s.visibility === 'hidden' || +s.opacity === 0 || t.getAttribute('opacity') === '0' || !t.textContent.trim()) continue;
      let hidden = false;
      for (let p = t.parentElement; p && p !== svg; p = p.parentElement) if (p.getAttribute('opacity') === '0' || getComputedStyle(p).display === 'none') hidden = true;
      if (hidden) continue;
      const r = t.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      boxes.push({ r: r, text: t.textContent.trim() });
      if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1)
        out.push(el.id + ': "' + t.textContent.trim() + '" cut by the chart edge');
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) out.push(el.id + ': "' + boxes[i].text + '" overlaps "' + boxes[j].text + '"');
    }
  }
  return out.slice(0, 12);
})()`

var scaleSites sync.Map // units → *builtSite

// unitsSite is a commune-level sample province of n units.
func unitsSite(t *testing.T, n int) string {
	b, _ := scaleSites.LoadOrStore(n, new(builtSite))
	return b.(*builtSite).get(t, fmt.Sprintf("units-%d", n), func(dir string) (string, error) {
		return dir, sample.Write(dir, sample.Options{Cases: 20 * n, Seed: 3, Units: n})
	})
}

// TestChartsReadableAtScale opens the overview, a category page and a
// month report of provinces of 15, 100 and 300 communes, on a desktop
// screen and on a phone: no two labels of a chart may overlap, none may be
// cut, no page may scroll sideways on the phone, and no page may be over
// 300 KB.
func TestChartsReadableAtScale(t *testing.T) {
	needBrowser(t)
	for _, n := range []int{15, 100, 300} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			dir := unitsSite(t, n)
			var month string
			for _, p := range pages(t, dir) {
				if pageKind(p) == "month report" {
					month = p
				}
				if fi, err := os.Stat(filepath.Join(dir, p)); err == nil && fi.Size() > 300<<10 {
					t.Errorf("%s is %d KB, over 300 KB", p, fi.Size()>>10)
				}
			}
			base := serve(t, dir)
			for _, screen := range []struct {
				name string
				act  chromedp.Action[chromedp.Void]
			}{
				{"desktop", chromedp.EmulateViewport(1280, 800)},
				{"phone", phone()},
			} {
				tb := newTab(t, base)
				tb.do(t, screen.act)
				for _, p := range []string{"index.html", "categories/child-violence/index.html", month} {
					tb.open(t, base+p)
					if bad := eval[[]string](t, tb, overlapScript); len(bad) > 0 {
						t.Errorf("%s on a %s: %s", p, screen.name, strings.Join(bad, "; "))
					}
					if screen.name == "phone" {
						if got := eval[layout](t, tb, layoutScript); got.ScrollWidth > got.Width {
							t.Errorf("%s is %d px wide on a %d px phone; sticking out: %q", p, got.ScrollWidth, got.Width, got.Offenders)
						}
					}
				}
			}
		})
	}
}
