package e2e

import (
	"context"
	"fmt"
	neturl "net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// watchScript runs in every document before the page's own scripts. It
// keeps the Content-Security-Policy violations the page reports, where the
// checker reads them; a property that cannot be reassigned, so that a page
// cannot hide them by accident.
const watchScript = `(() => {
  const seen = [];
  Object.defineProperty(window, '__e2eViolations', { value: seen });
  window.addEventListener('securitypolicyviolation', (e) => {
    seen.push(e.effectiveDirective + ' refused ' + (e.blockedURI || '(inline)') + ' in ' + e.sourceFile + ':' + e.lineNumber);
  }, true);
})();`

// reportScript describes what the page shows: whether a payload ran,
// markup from the data that became elements, its CSP, and for each chart the SVG drawn, the series the
// JSON block asked for and ECharts drew, and the data table beside it.
const reportScript = `(() => {
  const blocks = {};
  for (const b of document.querySelectorAll('script.chart-option')) blocks[b.getAttribute('data-for')] = b.textContent;
  const charts = Array.from(document.querySelectorAll('.chart'), (el) => {
    const svg = el.querySelector('svg');
    let want = -1;
    try {
      const o = JSON.parse(blocks[el.id]);
      want = Array.isArray(o.series) ? o.series.length : (o.series ? 1 : 0);
    } catch (e) {}
    const inst = window.echarts && window.echarts.getInstanceByDom(el);
    const opt = inst && inst.getOption();
    const box = el.closest('.chart-box');
    // A chart whose figures are elsewhere on the page (the boundary map)
    // links to their table from its note.
    const ref = box && box.querySelector('.chart-note a[href^="#"]');
    const target = ref && document.getElementById(ref.getAttribute('href').slice(1));
    const section = target && (target.matches('h2, h3') ? target.closest('section') : target);
    const table = (box && box.querySelector('table')) || (section && section.querySelector('table'));
    return {
      id: el.id,
      svg: !!svg,
      paths: svg ? svg.querySelectorAll('path').length : 0,
      want: want,
      drawn: opt && opt.series ? opt.series.length : 0,
      heads: table ? table.querySelectorAll('thead th').length : 0,
      rows: table && table.tBodies[0] ? table.tBodies[0].rows.length : 0,
    };
  });
  // Markup from the data that became elements: an event handler, a
  // javascript: address, an inline script, a frame.
  const injected = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name) || (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\s*javascript:/i.test(a.value))) {
        injected.push('<' + el.localName + ' ' + a.name + '="' + a.value + '">');
      }
    }
    if ((el.localName === 'script' && !el.src && el.type !== 'application/json') || /^(iframe|object|embed)$/.test(el.localName)) {
      injected.push('<' + el.localName + '>' + el.textContent.slice(0, 60));
    }
  }
  const meta = document.querySelector('meta[http-equiv="Content-Security-Policy" i]');
  return {
    injected: injected,
    pwned: window.__pwned || 0,
    csp: meta ? meta.content : '',
    violations: window.__e2eViolations || null,
    charts: charts,
  };
})()`

// probeScript tries to run an inline script, which the CSP must refuse
// and report.
const probeScript = `(async () => {
  const before = window.__e2eViolations ? window.__e2eViolations.length : 0;
  const s = document.createElement('script');
  s.textContent = 'window.__e2eProbe = 1';
  document.head.appendChild(s);
  s.remove();
  for (let i = 0; i < 20 && (window.__e2eViolations || []).length === before; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  return { ran: window.__e2eProbe === 1, reported: (window.__e2eViolations || []).length > before };
})()`

// chartsDrawn is true once every chart holds an SVG.
const chartsDrawn = `Array.from(document.querySelectorAll('.chart')).every((el) => el.querySelector('svg'))`

type pageReport struct {
	Pwned      int           `json:"pwned"`
	CSP        string        `json:"csp"`
	Violations []string      `json:"violations"`
	Injected   []string      `json:"injected"`
	Charts     []chartReport `json:"charts"`
}

type chartReport struct {
	ID    string `json:"id"`
	SVG   bool   `json:"svg"`
	Paths int    `json:"paths"`
	Want  int    `json:"want"`
	Drawn int    `json:"drawn"`
	Heads int    `json:"heads"`
	Rows  int    `json:"rows"`
}

// A tab is a browser tab that records everything its page does wrong.
type tab struct {
	ctx context.Context
	rec *recorder
}

// newTab opens a tab in which requests may go to the addresses that start
// with one of allowed, and nowhere else. Its viewport is a desktop screen.
func newTab(t *testing.T, allowed ...string) *tab {
	t.Helper()
	needBrowser(t)
	ctx, cancel := chromedp.NewContext(env.browser)
	t.Cleanup(cancel)
	rec := &recorder{allowed: allowed, urls: map[network.RequestID]string{}}
	if err := chromedp.Listen(ctx, rec.event); err != nil {
		t.Fatal(err)
	}
	patterns := make([]*network.BlockPattern, 0, len(allowed)+1)
	for _, a := range allowed {
		patterns = append(patterns, &network.BlockPattern{URLPattern: a + "*", Block: false})
	}
	patterns = append(patterns, &network.BlockPattern{URLPattern: "*://*", Block: true})
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			if _, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchScript}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, t, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: patterns})
			return err
		}),
		chromedp.EmulateViewport(1280, 900),
	)
	if err != nil {
		t.Fatal(err)
	}
	return &tab{ctx: ctx, rec: rec}
}

// check opens url and returns every problem it finds on the page; none is
// a pass.
func (tb *tab) check(url string) []string {
	tb.rec.begin()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return append(tb.rec.end(), fmt.Sprintf("loading the page: %v", err))
	}
	// A chart that never draws shows as a problem below; waiting longer
	// would only slow the test of a broken site.
	_ = chromedp.Do(ctx, chromedp.Poll[chromedp.Void](chartsDrawn, chromedp.WithPollingTimeout(3*time.Second)))
	rep, err := chromedp.Run(ctx, chromedp.Evaluate[pageReport](reportScript))
	problems := tb.rec.end()
	if err != nil {
		return append(problems, fmt.Sprintf("reading the page: %v", err))
	}
	problems = append(problems, rep.problems()...)

	probe, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Ran      bool `json:"ran"`
		Reported bool `json:"reported"`
	}](probeScript, chromedp.EvalAwaitPromise))
	switch {
	case err != nil:
		problems = append(problems, fmt.Sprintf("probing the CSP: %v", err))
	case probe.Ran:
		problems = append(problems, "CSP not in force: an inline script ran")
	case !probe.Reported:
		problems = append(problems, "CSP violation not reported for a refused inline script")
	}
	return problems
}

// problems are what the report says is wrong with the page.
func (r pageReport) problems() []string {
	var out []string
	if r.Pwned != 0 {
		out = append(out, fmt.Sprintf("a payload ran: window.__pwned=%d", r.Pwned))
	}
	for _, el := range r.Injected {
		out = append(out, "markup from the data became an element: "+el)
	}
	if r.Violations == nil {
		out = append(out, "the CSP watcher did not run")
	}
	for _, v := range r.Violations {
		out = append(out, "CSP violation: "+v)
	}
	if !strings.Contains(r.CSP, "script-src 'self'") || strings.Contains(r.CSP, "unsafe-") {
		out = append(out, fmt.Sprintf("CSP meta tag missing or weak: %q", r.CSP))
	}
	for _, c := range r.Charts {
		switch {
		case !c.SVG:
			out = append(out, fmt.Sprintf("chart #%s not drawn: no SVG", c.ID))
		case c.Want <= 0:
			out = append(out, fmt.Sprintf("chart #%s: no JSON block with series for it", c.ID))
		case c.Drawn != c.Want || c.Paths == 0:
			out = append(out, fmt.Sprintf("chart #%s drawn with %d of %d series (%d SVG paths)", c.ID, c.Drawn, c.Want, c.Paths))
		}
		if c.Heads == 0 || c.Rows == 0 {
			out = append(out, fmt.Sprintf("chart #%s: no data table beside it (%d headings, %d rows)", c.ID, c.Heads, c.Rows))
		}
	}
	return out
}

// A recorder keeps what goes wrong on a page, from the browser's events.
type recorder struct {
	allowed []string // address prefixes requests may go to

	mu       sync.Mutex
	open     bool
	urls     map[network.RequestID]string
	problems []string
}

func (r *recorder) begin() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.open, r.problems = true, nil
	clear(r.urls)
}

// end stops recording and returns what was recorded.
func (r *recorder) end() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.open = false
	return r.problems
}

func (r *recorder) add(format string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

func (r *recorder) inside(url string) bool {
	for _, a := range r.allowed {
		if strings.HasPrefix(url, a) {
			return true
		}
	}
	return strings.HasPrefix(url, "data:")
}

// event runs in the tab's event loop, in the order the browser sent the
// events, before the reply to any later command.
func (r *recorder) event(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.open {
		return
	}
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			r.add("console.%s: %s", ev.Type, remoteText(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		r.add("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, text)
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError && !browserOwn(ev.Entry.URL) {
			r.add("browser error (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		if browserOwn(ev.Request.URL) {
			return
		}
		r.urls[ev.RequestID] = ev.Request.URL
		if !r.inside(ev.Request.URL) {
			r.add("request outside the site: %s", ev.Request.URL)
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 && !browserOwn(ev.Response.URL) {
			r.add("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
		}
	case *network.EventLoadingFailed:
		reason := ev.ErrorText
		if ev.BlockedReason != "" {
			reason += ", blocked: " + string(ev.BlockedReason)
		}
		if url, ok := r.urls[ev.RequestID]; ok {
			r.add("request failed (%s): %s", reason, url)
		}
	}
}

// browserOwn reports whether url is one the browser asks for by itself,
// whatever the page says: the icon at the root of the server, which a site
// under a sub-path cannot serve.
func browserOwn(url string) bool {
	u, err := neturl.Parse(url)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Path == "/favicon.ico"
}

func remoteText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}
