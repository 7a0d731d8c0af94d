package acceptance

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"giamsat/internal/sample"
)

// Names from the data that hold markup: each would run code, end a script
// or CDATA block, or break out of an attribute, were it written out as it
// is.
var hostile = []string{
	`Tân An <script>alert(1)</script>`,
	`Tân An ]]></script><img src=x onerror=alert(2)>`,
	`Bạo lực </script><script>alert(3)</script>`,
	`Facebook" onerror="alert(4)`,
	`99/<script>alert(5)</script>`,
}

// hostileSite writes a sample site and puts the hostile names where the
// dashboard shows data text: a district's name and short name, a
// category, a platform, a directive's number.
func hostileSite(t *testing.T) site {
	src := filepath.Join(t.TempDir(), "src")
	if err := sample.Write(src, sample.Options{Cases: 150, Seed: 7, Districts: 3, Years: 1}); err != nil {
		t.Fatal(err)
	}
	cfgFile := filepath.Join(src, "site.yaml")
	cfg := string(read(t, cfgFile))
	for _, r := range [][2]string{
		{"    name: Thành phố Tân An\n", "    name: " + quote("Thành phố "+hostile[0]) + "\n"},
		{"    short: Tân An\n    aliases: [TP Tân An, TP. Tân An]", "    short: " + quote(hostile[1]) + "\n    aliases: [Thành phố Tân An, Tân An, TP Tân An, TP. Tân An]"},
		// Exports name categories and platforms by key or name: the hostile
		// ones are added, so that the data still matches the others.
		{"categories:\n", "categories:\n  - key: hostile\n    name: " + quote(hostile[2]) + "\n"},
		{"platforms:\n", "platforms:\n  - key: hostile\n    name: " + quote(hostile[3]) + "\n"},
	} {
		if !strings.Contains(cfg, r[0]) {
			t.Fatalf("the sample's site.yaml has no %q any more: update the test", r[0])
		}
		cfg = strings.Replace(cfg, r[0], r[1], 1)
	}
	if err := os.WriteFile(cfgFile, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	directive := "---\nkind: Công văn\nnumber: " + quote(hostile[4]) + "\nissuer: Sở Thông tin và Truyền thông\n" +
		"issued_on: 2022-12-20\nplace: Long An\nsubject: " + quote("Về việc "+hostile[2]) + "\n" +
		"recipients: [Phòng Văn hóa và Thông tin các huyện]\ncategories: [hostile, child-violence]\n---\nNội dung.\n"
	if err := os.WriteFile(filepath.Join(src, "content", "directives", "99-stttt-2022.md"), []byte(directive), 0o644); err != nil {
		t.Fatal(err)
	}
	s := site{name: "hostile", src: src, out: filepath.Join(filepath.Dir(src), "out")}
	if err := buildSite(s.src, s.out); err != nil {
		t.Fatal(err)
	}
	return s
}

// quote writes s as a YAML double-quoted scalar (JSON strings are).
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestMarkupInDataIsText builds a site whose names hold markup and checks
// every page: the markup is nowhere in the bytes as markup, no element or
// attribute came from it, the names show as text in the page, and the
// chart data carries them as plain JSON strings.
func TestMarkupInDataIsText(t *testing.T) {
	s := hostileSite(t)
	shown := make(map[string]bool)    // hostile name → seen as page text
	inCharts := make(map[string]bool) // … as a chart's JSON string
	for _, f := range files(t, s.out) {
		if path.Ext(f) != ".html" {
			continue
		}
		b := read(t, filepath.Join(s.out, f))
		for _, h := range hostile {
			for _, part := range []string{"<script>alert", "</script><script>", "<img src=x", "]]>", `" onerror="`} {
				if strings.Contains(h, part) && bytes.Contains(b, []byte(part)) {
					t.Errorf("%s: %q written as markup", f, part)
				}
			}
		}
		checkPage(t, s.out, f) // no inline script, no handler attribute, no stray element
		doc := parse(t, b)
		// The only SVG a page writes is a headline card's sparkline.
		sparkline := func(n *html.Node) bool { return n.Parent != nil && hasClass(n.Parent, "spark") }
		for _, n := range all(doc, func(n *html.Node) bool { return n.Data == "img" || n.Data == "svg" && !sparkline(n) }) {
			t.Errorf("%s: <%s> element from the data", f, n.Data)
		}
		page := text(doc)
		for _, h := range hostile {
			if strings.Contains(page, h) {
				shown[h] = true
			}
		}
		for _, block := range all(doc, class("chart-option")) {
			raw := text(block)
			if strings.ContainsAny(raw, "<>") {
				t.Errorf("%s: a chart's JSON holds < or >: %.80s", f, raw)
			}
			var v any
			if err := json.Unmarshal([]byte(raw), &v); err != nil {
				t.Errorf("%s: chart JSON: %v", f, err)
				continue
			}
			for _, h := range hostile {
				if holdsString(v, h) {
					inCharts[h] = true
				}
			}
		}
	}
	for i, h := range hostile {
		// A short name labels the charts only.
		if !shown[h] && i != 1 {
			t.Errorf("%q is shown as text on no page", h)
		}
	}
	// The district's name, its short name (chart labels), the category and
	// the platform are in the charts' data.
	for _, h := range hostile[:4] {
		if !inCharts[h] {
			t.Errorf("%q is in no chart's data as a string", h)
		}
	}
}

// holdsString reports whether a string of the JSON value v holds s.
func holdsString(v any, s string) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(v, s)
	case []any:
		for _, x := range v {
			if holdsString(x, s) {
				return true
			}
		}
	case map[string]any:
		for _, x := range v {
			if holdsString(x, s) {
				return true
			}
		}
	}
	return false
}
