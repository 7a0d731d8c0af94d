package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// mapScript counts the shapes the boundary map drew: one filled path per
// unit, told apart from the colour scale's by the path's size.
const mapScript = `(() => {
  const el = document.getElementById('chart-unit-map');
  if (!el) return { found: false };
  const svg = el.querySelector('svg');
  if (!svg) return { found: true, svg: false };
  const inst = echarts.getInstanceByDom(el);
  const series = inst.getOption().series[0];
  // A unit's shape is a path filled with a colour of the scale; a
  // pattern drawn over it (fill="url(…)") is the same shape again.
  const shapes = new Set();
  const frame = svg.getBoundingClientRect();
  for (const p of svg.querySelectorAll('path')) {
    if (p.closest('defs, pattern')) continue; // a pattern's own drawing
    const fill = p.getAttribute('fill') || '';
    const r = p.getBoundingClientRect();
    // Regions have the white border the option gives them; the colour
    // scale's handles, in the bottom 56 pixels, have it too.
    if (p.getAttribute('stroke') === '#fff' && !fill.startsWith('url') && r.width > 2 && r.height > 2 && r.top < frame.bottom - 56) shapes.add(p.getAttribute('d'));
  }
  return { found: true, svg: true, regions: shapes.size, data: series.data.length };
})()`

type mapReport struct {
	Found   bool `json:"found"`
	SVG     bool `json:"svg"`
	Regions int  `json:"regions"`
	Data    int  `json:"data"`
}

// TestBoundaryMap opens the overview, a category page and a month report
// of a province of 100 communes with its boundary file, from a sub-path
// and from disk: the map is drawn as SVG, one shape per unit, from the
// site's own asset.
func TestBoundaryMap(t *testing.T) {
	needBrowser(t)
	dir := unitsSite(t, 100)
	var month string
	for _, p := range pages(t, dir) {
		if pageKind(p) == "month report" {
			month = p
		}
	}
	for _, base := range []string{serve(t, dir), fileURL(dir)} {
		tb := newTab(t, base)
		for _, p := range []string{"index.html", "categories/child-violence/index.html", month} {
			tb.open(t, base+p)
			got := eval[mapReport](t, tb, mapScript)
			where := p
			if strings.HasPrefix(base, "file:") {
				where += " from disk"
			}
			switch {
			case !got.Found || !got.SVG:
				t.Errorf("%s: map not drawn: %+v", where, got)
			case got.Data != 100 || got.Regions != 100:
				t.Errorf("%s: %d units in the data, %d shapes drawn; want 100 of each", where, got.Data, got.Regions)
			}
		}
	}
}

// TestMapScreenshot takes the boundary map and the compliance summary of a
// province of 100 communes for the README (docs/screenshots/ with -update).
func TestMapScreenshot(t *testing.T) {
	needBrowser(t)
	dir := unitsSite(t, 100)
	base := serve(t, dir)
	out := t.TempDir()
	if *update {
		out = filepath.Join("..", "..", "docs", "screenshots")
	}
	tb := newTab(t, base)
	tb.do(t, chromedp.EmulateViewport(1280, 900))
	tb.open(t, base+"index.html")
	for _, shot := range []struct{ name, sel string }{
		{"map-communes.png", "#fig-chart-unit-map"},
		{"compliance-communes.png", ".compliance"},
	} {
		data, err := chromedp.Run(tb.ctx, chromedp.Screenshot(chromedp.CSS(shot.sel)))
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > maxShot {
			t.Errorf("%s: %d KB; keep screenshots under %d KB", shot.name, len(data)>>10, maxShot>>10)
		}
		if err := os.WriteFile(filepath.Join(out, shot.name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
