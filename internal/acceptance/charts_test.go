package acceptance

import (
	"encoding/json"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestCharts checks every chart of the example site as the page gives it
// to the site script: an element of class chart with role img and an
// aria-label; an ECharts option in a JSON block with ARIA and decal
// patterns on; a "Bảng số liệu" table beside it with the figures; CSV,
// SVG and PNG buttons. The page loads ECharts from the site itself, and
// the site script draws with the SVG renderer.
func TestCharts(t *testing.T) {
	s := example(t)
	charts := 0
	kinds := make(map[string]bool)
	for _, f := range files(t, s.out) {
		if path.Ext(f) != ".html" {
			continue
		}
		doc := parse(t, read(t, filepath.Join(s.out, f)))
		els := all(doc, class("chart"))
		if len(els) == 0 {
			continue
		}
		var scripts []string
		for _, sc := range all(doc, tag("script")) {
			if src := attr(sc, "src"); src != "" {
				scripts = append(scripts, path.Join(path.Dir(f), src))
			}
		}
		for _, want := range []string{"assets/vendor/echarts-5.6.0/echarts.min.js", "assets/js/site.js"} {
			if !slices.Contains(scripts, want) {
				t.Errorf("%s: has charts but does not load %s", f, want)
			}
		}
		for _, el := range els {
			charts++
			kinds[checkChart(t, f, doc, el)] = true
		}
	}
	if charts == 0 {
		t.Fatal("no charts in the example site")
	}
	for _, k := range []string{"bar", "pie", "line", "heatmap"} {
		if !kinds[k] {
			t.Errorf("no %s chart in the example site", k)
		}
	}

	js := string(read(t, filepath.Join(s.out, "assets/js/site.js")))
	if !regexp.MustCompile(`echarts\.init\([^)]*renderer:\s*'svg'`).MatchString(js) {
		t.Error("site.js does not draw the charts with the SVG renderer")
	}
	for _, f := range []string{"LICENSE", "NOTICE"} {
		if len(read(t, filepath.Join(s.out, "assets/vendor/echarts-5.6.0", f))) == 0 {
			t.Errorf("ECharts' %s is empty", f)
		}
	}
}

// checkChart checks one chart element of page f and returns its series
// type.
func checkChart(t *testing.T, f string, doc, el *html.Node) string {
	t.Helper()
	cid := attr(el, "id")
	if cid == "" || attr(el, "role") != "img" || strings.TrimSpace(attr(el, "aria-label")) == "" {
		t.Errorf("%s: chart %q lacks an id, role=img or an aria-label", f, cid)
	}
	block := first(doc, func(n *html.Node) bool {
		return n.Data == "script" && attr(n, "type") == "application/json" && attr(n, "data-for") == cid
	})
	if block == nil {
		t.Errorf("%s: chart %s has no option block", f, cid)
		return ""
	}
	var opt struct {
		Aria struct {
			Enabled bool
			Decal   struct{ Show bool }
		}
		Series []struct{ Type string }
	}
	if err := json.Unmarshal([]byte(text(block)), &opt); err != nil {
		t.Errorf("%s: chart %s: %v", f, cid, err)
		return ""
	}
	if !opt.Aria.Enabled || !opt.Aria.Decal.Show {
		t.Errorf("%s: chart %s: aria %+v, want enabled with decal patterns", f, cid, opt.Aria)
	}
	if len(opt.Series) == 0 {
		t.Errorf("%s: chart %s has no series", f, cid)
		return ""
	}

	box := el
	for box != nil && !hasClass(box, "chart-box") {
		box = box.Parent
	}
	if box == nil {
		t.Errorf("%s: chart %s is not in a chart box", f, cid)
		return opt.Series[0].Type
	}
	data := first(box, class("chart-data"))
	if data == nil || !strings.Contains(text(first(data, tag("summary"))), "Bảng số liệu") {
		t.Errorf("%s: chart %s has no “Bảng số liệu” beside it", f, cid)
	} else if tb := readTable(first(data, tag("table"))); len(tb.head) < 2 || len(tb.rows) == 0 {
		t.Errorf("%s: chart %s: the data table is empty", f, cid)
	}
	actions := first(box, class("chart-actions"))
	if actions == nil || attr(actions, "data-for") != cid {
		t.Errorf("%s: chart %s has no download buttons", f, cid)
		return opt.Series[0].Type
	}
	var got []string
	for _, b := range all(actions, tag("button")) {
		got = append(got, attr(b, "data-download"))
	}
	if !slices.Equal(got, []string{"csv", "svg", "png"}) {
		t.Errorf("%s: chart %s offers %v, want csv, svg, png", f, cid, got)
	}
	return opt.Series[0].Type
}
