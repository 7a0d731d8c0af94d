package e2e

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// phoneWidth is the narrowest screen the layout must fit: an iPhone 12 to
// 15, and most Android phones, are 390 to 412 CSS pixels wide.
const phoneWidth, phoneHeight = 390, 844

// layoutScript measures the page against the viewport and names the
// outermost elements that stick out of it, unless they sit in a box that
// scrolls or clips them (a wide table in its own scrolling box is fine).
const layoutScript = `(() => {
  const width = document.documentElement.clientWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  const offenders = [];
  if (scrollWidth > width) {
    const name = (e) => e.localName + (e.id ? '#' + e.id : '') + Array.from(e.classList, (c) => '.' + c).join('');
    const path = (e) => { const p = []; for (; e && e !== document.body; e = e.parentElement) p.unshift(name(e)); return p.join(' > '); };
    const contained = (e) => { for (e = e.parentElement; e && e !== document.body; e = e.parentElement) if (getComputedStyle(e).overflowX !== 'visible') return true; return false; };
    const out = new Set();
    for (const e of document.body.querySelectorAll('*')) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1 && !contained(e)) out.add(e);
    }
    for (const e of out) {
      if (!out.has(e.parentElement)) offenders.push(path(e) + ' (right edge at ' + Math.round(e.getBoundingClientRect().right) + ' px)');
    }
  }
  return { width: width, scrollWidth: scrollWidth, offenders: offenders.slice(0, 8) };
})()`

type layout struct {
	Width       int      `json:"width"`
	ScrollWidth int      `json:"scrollWidth"`
	Offenders   []string `json:"offenders"`
}

// pageKinds maps a page to its kind: pages of one kind come from one
// layout with the same parts.
var pageKinds = []struct {
	re   *regexp.Regexp
	kind string
}{
	{regexp.MustCompile(`^districts/[^/]+/cases/[0-9]+/`), "district register page"},
	{regexp.MustCompile(`^districts/[^/]+/cases/`), "district register"},
	{regexp.MustCompile(`^districts/[^/]+/`), "district"},
	{regexp.MustCompile(`^categories/[^/]+/`), "category"},
	{regexp.MustCompile(`^reports/[0-9]{4}-[0-9]{2}/`), "month report"},
	{regexp.MustCompile(`^reports/[0-9]{4}-Q[1-4]/`), "quarter report"},
	{regexp.MustCompile(`^reports/[0-9]{4}-H[12]/`), "half-year report"},
	{regexp.MustCompile(`^reports/[0-9]{4}/`), "year report"},
	{regexp.MustCompile(`^cases/[0-9]+/`), "register page"},
	{regexp.MustCompile(`^directives/[^/]+/`), "directive"},
}

func pageKind(rel string) string {
	for _, k := range pageKinds {
		if k.re.MatchString(rel) {
			return k.kind
		}
	}
	return rel
}

// onePerKind is the first page of each kind in list.
func onePerKind(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range list {
		if k := pageKind(p); !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

func phone() chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulateTouch)
}

// TestPhoneLayout opens one page of every kind on a 390-pixel-wide phone:
// the page body must not scroll sideways.
func TestPhoneLayout(t *testing.T) {
	needBrowser(t)
	dir := exampleSite(t)
	base := serve(t, dir)
	tb := newTab(t, base)
	tb.do(t, phone())
	for _, p := range onePerKind(pages(t, dir)) {
		t.Run(p, func(t *testing.T) {
			tb.open(t, base+p)
			if p == "search/index.html" {
				// With results, which are longer than the empty page.
				tb.do(t, chromedp.SendKeys(chromedp.ID("search-q"), "ben luc"),
					chromedp.WaitVisible(chromedp.CSS("#search-results li")))
			}
			got := eval[layout](t, tb, layoutScript)
			if got.Width != phoneWidth {
				t.Fatalf("viewport %d px wide; want %d", got.Width, phoneWidth)
			}
			if got.ScrollWidth > phoneWidth {
				t.Errorf("the page is %d px wide on a %d px phone; sticking out: %q", got.ScrollWidth, phoneWidth, got.Offenders)
			}
		})
	}
}

var update = flag.Bool("update", false, "rewrite the screenshots in docs/screenshots/")

// maxShot is the largest screenshot kept in docs/screenshots/: the README
// shows one, and the repository carries them all.
const maxShot = 400 << 10

// TestScreenshots takes the overview, a district and a period report, on a
// desktop screen and on a phone. With -update they are written to
// docs/screenshots/; otherwise to a temporary folder, so that a plain test
// run leaves the repository as it was.
func TestScreenshots(t *testing.T) {
	needBrowser(t)
	dir := exampleSite(t)
	base := serve(t, dir)
	out := t.TempDir()
	if *update {
		out = filepath.Join("..", "..", "docs", "screenshots")
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tb := newTab(t, base)
	for _, screen := range []struct {
		name          string
		width, height int64
		emulate       chromedp.Action[chromedp.Void]
		tallest       float64 // the longest part of the page shown
	}{
		{"desktop", 1280, 900, chromedp.EmulateViewport(1280, 900), 1400},
		{"phone", phoneWidth, phoneHeight, phone(), 1600},
	} {
		tb.do(t, screen.emulate)
		for _, shot := range []struct{ name, page string }{
			{"overview", "index.html"},
			{"district", "districts/ben-luc/index.html"},
			{"report", "reports/2022-04/index.html"},
		} {
			name := shot.name + "-" + screen.name + ".png"
			t.Run(name, func(t *testing.T) {
				tb.open(t, base+shot.page)
				// Let the charts' entry animation finish.
				tb.do(t, chromedp.Sleep(1200*time.Millisecond))
				height := min(eval[float64](t, tb, "document.documentElement.scrollHeight"), screen.tallest)
				data, err := chromedp.Run(tb.ctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
					r, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{
						Format:                page.CaptureScreenshotFormatPng,
						Clip:                  &page.Viewport{X: 0, Y: 0, Width: float64(screen.width), Height: height, Scale: 1},
						CaptureBeyondViewport: new(true),
						FromSurface:           new(true),
					})
					return r.Data, err
				})
				if err != nil {
					t.Fatal(err)
				}
				cfg, err := png.DecodeConfig(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("not a PNG: %v", err)
				}
				if int64(cfg.Width) != screen.width {
					t.Errorf("%d px wide; want %d", cfg.Width, screen.width)
				}
				if len(data) > maxShot {
					t.Errorf("%d KB; keep screenshots under %d KB", len(data)>>10, maxShot>>10)
				}
				if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("%s: %d × %d px, %d KB", name, cfg.Width, cfg.Height, len(data)>>10)
			})
		}
	}
}
