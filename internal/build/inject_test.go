package build

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"giamsat/internal/diag"
)

type diagT = diag.Diag

// Payloads that would run code, break out of an attribute, a script
// element or a JSON string, or start a spreadsheet formula, were any of
// them written out unescaped. Each carries a marker so that the test can
// tell it reached the output.
var payloads = []string{
	`<script>alert("p1")</script>`,
	`</script><script>alert('p2')</script>`,
	`<img src=x onerror=alert("p3")>`,
	`<svg onload=alert(p4)>`,
	`"'><b title="p5`,
	`<!-- p6 ]]> -->`,
	`=HYPERLINK("https://evil.example/p7","Mở")`,
	`+p8`, `-p9`, `@SUM(p10)`,
	"\\u2028 p11 \u2028 \u2029",
}

// q quotes s for YAML: JSON strings are YAML double-quoted scalars.
func q(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// all joins every payload, so that one field carries them all.
func all(prefix string) string { return prefix + " " + strings.Join(payloads, " ") }

// injectionSite writes a site whose every text that reaches the output
// (site.yaml names, export units, summaries and notes, directive front
// matter and bodies, page titles) carries the payloads.
func injectionSite(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	files := map[string]string{
		"site.yaml": "title: " + q(all("Tiêu đề")) + "\norganization: " + q(all("Sở")) + "\nlanguage: vi\n" +
			"district_label: " + q(all("Đơn vị")) + "\n" +
			"publish:\n  post_links: true\n" +
			"reports:\n  every: month\n" +
			"districts:\n" +
			"  - code: \"803\"\n    name: " + q(payloads[6]+" "+payloads[0]+" Bến Lức") + "\n    short: " + q("Bến Lức "+payloads[2]) + "\n    aliases: [Bến Lức]\n    tile: [1, 5]\n" +
			"  - code: \"794\"\n    name: " + q("-Tân An "+payloads[1]) + "\n    short: " + q("Tân An "+payloads[4]) + "\n    aliases: [Tân An]\n    tile: [2, 4]\n" +
			"categories:\n  - key: child-violence\n    name: " + q(all("Bạo lực")) + "\n  - key: child-privacy\n    name: " + q(payloads[3]+" Lộ thông tin") + "\n" +
			"platforms:\n  - key: facebook\n    name: " + q(all("Facebook")) + "\n  - key: tiktok\n    name: " + q(payloads[9]+" TikTok") + "\n" +
			"metrics:\n  - key: posts_reviewed\n    name: " + q(all("Số tin")) + "\n",
		"data/2022/04/ben-luc.yaml": "export:\n  unit: " + q(all("Phòng")) + "\n  district: Bến Lức\n  period: 2022-04\n  exported_at: 2022-05-03T08:00:00+07:00\n  metrics: {posts_reviewed: 12}\n" +
			"cases:\n" +
			"  - id: BL-2022-0001\n    detected_on: 12/04/2022\n    platform: facebook\n    category: child-violence\n    summary: " + q(all("Tóm tắt")) + "\n" +
			"    offender: unidentified\n    status: referred\n    referred_to: cuc-attt\n    basis: [cv-1]\n" +
			"    post_url: " + q(`https://example.vn/p?a="><svg/onload=alert(p12)>&b='x'`) + "\n" +
			"    events:\n      - {date: 2022-04-13, action: note, note: " + q(all("Ghi chú")) + "}\n" +
			"  - id: BL-2022-0002\n    detected_on: 2022-04-15\n    platform: tiktok\n    category: child-privacy\n    summary: " + q(payloads[2]+" "+payloads[6]) + "\n" +
			"    offender: identified\n    status: sanctioned\n    resolved_on: 2022-04-20\n    fine_vnd: 7500000\n",
		"data/2022/04/tan-an.yaml": "export:\n  unit: " + q(payloads[4]) + "\n  district: Tân An\n  period: 2022-04\n  exported_at: 2022-05-09\n" +
			"cases:\n  - id: TA-2022-0001\n    detected_on: 2022-04-20\n    platform: facebook\n    category: child-privacy\n    summary: " + q(payloads[5]+" "+payloads[7]) + "\n" +
			"    offender: unidentified\n    status: detected\n",
		"content/_index.md": "---\ntitle: " + q(all("Giới thiệu")) + "\n---\n" + markdownPayload,
		"content/directives/cv-1.md": "---\nkind: " + q(all("Công văn")) + "\nnumber: " + q(all("1/STTTT")) + "\ntitle: " + q(all("Tên")) +
			"\nparent_issuer: " + q(all("UBND")) + "\nissuer: " + q(all("Sở")) + "\nissued_on: 2022-04-05\nplace: " + q(all("Long An")) +
			"\nsubject: " + q(all("V/v")) + "\nurgency: KHẨN\nrecipients: [" + q(all("Nơi nhận")) + "]\ncc: [" + q(all("Đồng gửi")) + "]" +
			"\nsigner: {authority: " + q(all("KT.")) + ", title: " + q(all("PHÓ")) + ", name: " + q(all("Người ký")) + "}" +
			"\ncategories: [child-violence]\nattachments: [" + q(`files/"><svg onload=alert(p13)>.pdf`) + "]\n---\n" + markdownPayload,
		`content/directives/files/"><svg onload=alert(p13)>.pdf`: "%PDF-1.4",
		"content/huong-dan/quy-trinh.md":                         "---\ntitle: " + q(all("Quy trình")) + "\nmenu: true\n---\n" + markdownPayload,
	}
	for rel, text := range files {
		writeText(t, filepath.Join(src, filepath.FromSlash(rel)), text)
	}
	return src
}

const markdownPayload = "Đoạn <script>alert('md1')</script> và <img src=x onerror=alert('md2')>.\n\n" +
	"<svg onload=alert('md3')></svg>\n\n" +
	"[liên kết](javascript:alert('md4')) [dữ liệu](data:text/html,<script>alert('md5')</script>) " +
	"[vb](vbscript:msgbox) ![ảnh](javascript:alert('md6'))\n\n" +
	"| a | b |\n|---|---|\n| <b onclick=alert('md7')>x</b> | =1+1 |\n\n" +
	"```html\n</script><script>alert('md8')</script>\n```\n\n<a href=\"javascript:alert('md9')\">x</a>\n"

// TestInjectionStaysText builds the poisoned site and checks every file it
// publishes: HTML holds the payloads only as text, chart options and the
// search index are JSON that cannot end their script, and CSV cells that
// would start a formula are guarded.
func TestInjectionStaysText(t *testing.T) {
	src := injectionSite(t)
	out := filepath.Join(t.TempDir(), "public")
	_, diags, err := Run(context.Background(), Options{Source: src, Out: out})
	if err != nil || len(diags) > 0 {
		t.Fatalf("Run: %v\n%s", err, diags.Text("en"))
	}
	seen := map[string]bool{} // the markers that reached the output as text
	var pages, jsonBlocks, csvCells int
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "assets/") {
			return nil // the theme's own files
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(rel, ".html"):
			pages++
			jsonBlocks += checkHTML(t, rel, data, seen)
		case strings.HasSuffix(rel, ".csv"):
			csvCells += checkCSV(t, rel, data, seen)
		case strings.HasSuffix(rel, ".js"):
			checkIndexJS(t, rel, data, seen)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages, %d JSON blocks, %d CSV cells checked", pages, jsonBlocks, csvCells)
	if jsonBlocks == 0 || csvCells == 0 {
		t.Error("no chart options or no CSV checked")
	}
	for _, m := range []string{"p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "md1"} {
		if !seen[m] {
			t.Errorf("the payload marked %s never reached the output as text: the test does not test it", m)
		}
	}
}

// markers records which payload markers text s holds.
func markers(s string, seen map[string]bool) {
	for _, m := range []string{"p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "p12", "p13", "md1", "md2", "md3", "md4"} {
		if strings.Contains(s, "("+m+")") || strings.Contains(s, "("+m+",") || strings.Contains(s, "'"+m+"'") ||
			strings.Contains(s, `"`+m+`"`) || strings.Contains(s, " "+m+" ") || strings.Contains(s, "+"+m) || strings.Contains(s, "-"+m) ||
			strings.Contains(s, "/"+m+`"`) || strings.Contains(s, `="`+m) {
			seen[m] = true
		}
	}
}

var dangerousScheme = []string{"javascript:", "vbscript:", "data:", "livescript:"}

// checkHTML parses a page and fails on anything a payload could have
// become: an event handler, a script that is neither a site asset nor a
// JSON block, an svg, iframe, object or embed, a dangerous URL. It
// returns the number of JSON blocks checked.
func checkHTML(t *testing.T, rel string, data []byte, seen map[string]bool) int {
	t.Helper()
	for _, raw := range []string{"<script>alert", "<img src=x", "<svg", "<b title=", "<b onclick", "<a href=\"javascript"} {
		if bytes.Contains(data, []byte(raw)) {
			t.Errorf("%s: holds %q raw", rel, raw)
		}
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	blocks := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			markers(n.Data, seen)
		case html.ElementNode:
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" || key == "formaction" {
					t.Errorf("%s: <%s %s=%q>", rel, n.Data, a.Key, a.Val)
				}
				if key == "href" || key == "src" || key == "action" || key == "xlink:href" || key == "poster" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					for _, s := range dangerousScheme {
						if strings.HasPrefix(v, s) {
							t.Errorf("%s: <%s %s=%q>", rel, n.Data, a.Key, a.Val)
						}
					}
					// Only links to posts may leave the site, and only as links.
					if strings.Contains(v, "://") && !(n.DataAtom == atom.A && strings.HasPrefix(v, "https://example.vn/")) {
						t.Errorf("%s: <%s %s=%q> leaves the site", rel, n.Data, a.Key, a.Val)
					}
				}
				markers(a.Val, seen)
			}
			switch n.DataAtom {
			case atom.Script:
				blocks += checkScript(t, rel, n, seen)
			case atom.Svg, atom.Iframe, atom.Object, atom.Embed, atom.Base, atom.Frame, atom.Math:
				t.Errorf("%s: unexpected <%s>", rel, n.Data)
			case atom.Meta:
				if v := attr(n, "http-equiv"); v != "" && !strings.EqualFold(v, "Content-Security-Policy") {
					t.Errorf("%s: <meta http-equiv=%q>", rel, v)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return blocks
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// checkScript accepts a site script (src under assets/, empty) or a JSON
// block that parses whole and cannot end its element early.
func checkScript(t *testing.T, rel string, n *html.Node, seen map[string]bool) int {
	t.Helper()
	var text strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		text.WriteString(c.Data)
	}
	if src := attr(n, "src"); src != "" {
		if !strings.Contains(src, "assets/") && !strings.HasSuffix(src, "search-index.js") || strings.Contains(src, ":") || text.Len() > 0 {
			t.Errorf("%s: <script src=%q>%s", rel, src, text.String())
		}
		return 0
	}
	if attr(n, "type") != "application/json" {
		t.Errorf("%s: inline script %q", rel, text.String())
		return 0
	}
	body := text.String()
	if strings.Contains(strings.ToLower(body), "</script") || strings.Contains(body, "<!--") || strings.ContainsAny(body, "<>\u2028\u2029") {
		t.Errorf("%s: JSON block holds raw markup: %.200s", rel, body)
	}
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Errorf("%s: JSON block does not parse: %v", rel, err)
	}
	markers(fmtJSON(v), seen)
	return 1
}

// fmtJSON lists the strings inside a decoded JSON value.
func fmtJSON(v any) string {
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			b.WriteString(x)
			b.WriteByte('\n')
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return b.String()
}

// checkCSV reads a download and fails on a cell a spreadsheet would run.
func checkCSV(t *testing.T, rel string, data []byte, seen map[string]bool) int {
	t.Helper()
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	cells := 0
	for _, row := range rows {
		for _, c := range row {
			cells++
			if c != "" && strings.IndexByte("=+-@\t\r", c[0]) >= 0 {
				t.Errorf("%s: cell %q would start a formula", rel, c)
			}
			markers(c, seen)
		}
	}
	return cells
}

// checkIndexJS checks the search index: one assignment of a JSON value
// that cannot end a script element, whatever its strings hold.
func checkIndexJS(t *testing.T, rel string, data []byte, seen map[string]bool) {
	t.Helper()
	s := string(data)
	// The search index, and the case register's index and summaries.
	prefix, ok := map[string]string{
		"search/search-index.js": "window.giamsatSearch = ",
		"cases/index.js":         "window.giamsatRegister = ",
		"cases/text.js":          "window.giamsatRegisterText = ",
	}[rel]
	const suffix = ";\n"
	if !ok || !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, suffix) {
		t.Errorf("%s: not one assignment: %.80s", rel, s)
		return
	}
	body := strings.TrimSuffix(strings.TrimPrefix(s, prefix), suffix)
	if strings.ContainsAny(body, "<>\u2028\u2029") {
		t.Errorf("%s: holds raw markup or line separators", rel)
	}
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	strs := fmtJSON(v)
	markers(strs, seen)
	// The register's summaries are folded (lower case, no marks): the
	// payload is there, but not as written.
	if rel != "cases/text.js" && !strings.Contains(strs, payloads[0]) {
		t.Errorf("%s: the payload is not in the index as text", rel)
	}
	for _, line := range strings.Split(strs, "\n") {
		l := strings.ToLower(strings.TrimSpace(line))
		if slices.ContainsFunc(dangerousScheme, func(s string) bool { return strings.HasPrefix(l, s) }) {
			t.Errorf("%s: entry %q", rel, line)
		}
	}
}

// TestHiddenCharactersRefused: a control character (a terminal escape, a
// carriage return) or a bidirectional override in any text that reaches
// the site is an error at its place, wherever it is written.
func TestHiddenCharactersRefused(t *testing.T) {
	hidden := []string{`\e[31m`, `\r`, `\x07`, `\u202e`, `\u2066`, `\x85`}
	places := []struct{ file, old string }{
		{"site.yaml", "title: "},
		{"site.yaml", "    short: "},
		{"site.yaml", "    name: "},
		{"data/2022/04/ben-luc.yaml", "  unit: "},
		{"data/2022/04/ben-luc.yaml", "    summary: "},
		{"data/2022/04/ben-luc.yaml", "note: "},
		{"content/directives/cv-1.md", "\ntitle: "},
		{"content/directives/cv-1.md", "\nsubject: "},
		{"content/directives/cv-1.md", "name: "},
		{"content/huong-dan/quy-trinh.md", "title: "},
	}
	for _, h := range hidden {
		for _, p := range places {
			t.Run(p.file+" "+strings.TrimSpace(p.old)+" "+h, func(t *testing.T) {
				src := injectionSite(t)
				// The values are JSON strings; put the escape inside, after a letter
				// (leading and trailing space, \r and U+0085 included, is trimmed).
				replaceIn(t, filepath.Join(src, filepath.FromSlash(p.file)), p.old+`"`, p.old+`"a`+h)
				_, diags, err := Run(context.Background(), Options{Source: src, CheckOnly: true})
				if err != nil {
					t.Fatal(err)
				}
				if len(diags) == 0 || !slices.ContainsFunc(diags, func(d diagT) bool {
					return d.File == p.file && d.Line > 0 && strings.Contains(d.EN, "invisible control character")
				}) {
					t.Errorf("no message at %s: %s", p.file, diags.Text("en"))
				}
			})
		}
	}
}
