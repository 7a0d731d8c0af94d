package theme

import (
	"bytes"
	"encoding/json"
	"flag"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"giamsat/internal/period"
	"giamsat/internal/publish"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var nav = []NavItem{
	{Title: "Tổng quan", Href: "index.html"},
	{Title: "Huyện", Href: "districts/index.html"},
	{Title: "Vụ việc", Href: "cases/index.html"},
}

func load(t *testing.T, opt Options) *Theme {
	t.Helper()
	if opt.SiteTitle == "" {
		opt.SiteTitle = "Giám sát thông tin về trẻ em trên mạng"
		opt.Organization = "Sở Thông tin và Truyền thông tỉnh Long An"
	}
	th, err := Load(opt)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// writeFiles creates files (slash path → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func render(t *testing.T, th *Theme, path, layout string, data any) string {
	t.Helper()
	out := t.TempDir()
	if err := th.Write(publish.NewTree(out), path, layout, th.Page(path, "Trang thử", data)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(outFile(normPath(path)))))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRoot(t *testing.T) {
	tests := []struct{ path, norm, file, root string }{
		{"", "", "index.html", ""},
		{"/", "", "index.html", ""},
		{"index.html", "", "index.html", ""},
		{"404.html", "404.html", "404.html", ""},
		{"cases", "cases/", "cases/index.html", "../"},
		{"cases/", "cases/", "cases/index.html", "../"},
		{"districts/ben-luc/", "districts/ben-luc/", "districts/ben-luc/index.html", "../../"},
		{"districts/ben-luc/cases/2/", "districts/ben-luc/cases/2/", "districts/ben-luc/cases/2/index.html", "../../../../"},
		{"huong-dan/quy-trinh.html", "huong-dan/quy-trinh.html", "huong-dan/quy-trinh.html", "../"},
	}
	th := load(t, Options{})
	for _, tt := range tests {
		p := th.Page(tt.path, "x", nil)
		if p.Path != tt.norm || p.Root != tt.root || outFile(p.Path) != tt.file {
			t.Errorf("Page(%q): Path %q Root %q file %q; want %q %q %q", tt.path, p.Path, p.Root, outFile(p.Path), tt.norm, tt.root, tt.file)
		}
	}
}

func TestBadPaths(t *testing.T) {
	th := load(t, Options{})
	for _, p := range []string{"../x/", "a/../../b/", "/etc/", "a//b/", `a\b/`, "c:/x/", "a/./b/"} {
		if err := th.Write(publish.NewTree(t.TempDir()), p, "404.html", th.Page(p, "x", nil)); err == nil {
			t.Errorf("Write(%q) gave no error", p)
		}
	}
	// A page made for one place must not be written to another.
	if err := th.Write(publish.NewTree(t.TempDir()), "a/b/", "404.html", th.Page("a/", "x", nil)); err == nil {
		t.Error("Write with a page made for another path gave no error")
	}
	if err := th.Write(publish.NewTree(t.TempDir()), "a/", "nope.html", th.Page("a/", "x", nil)); err == nil || !strings.Contains(err.Error(), "404.html") {
		t.Errorf("unknown layout: %v", err)
	}
}

func TestNavCurrent(t *testing.T) {
	th := load(t, Options{Nav: nav})
	tests := []struct {
		path string
		want []bool
	}{
		{"", []bool{true, false, false}},
		{"districts/", []bool{false, true, false}},
		{"districts/ben-luc/", []bool{false, true, false}},
		{"cases/3/", []bool{false, false, true}},
		{"404.html", []bool{false, false, false}},
	}
	for _, tt := range tests {
		p := th.Page(tt.path, "", nil)
		for i, n := range p.Nav {
			if n.Current != tt.want[i] {
				t.Errorf("%q: nav %s current = %v", tt.path, n.Href, n.Current)
			}
		}
	}
	if nav[0].Current {
		t.Error("Page changed the options' navigation")
	}
	out := render(t, th, "districts/ben-luc/", "404.html", nil)
	for _, want := range []string{
		`href="../../index.html">Tổng quan`,
		`href="../../districts/index.html" aria-current="page">Huyện`,
		`href="../../assets/css/site.css"`,
		`src="../../assets/js/site.js"`,
		`<title>Trang thử · Giám sát thông tin về trẻ em trên mạng</title>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// defaultStrings is the default theme's i18n file of lang.
func defaultStrings(t *testing.T, lang string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "i18n", lang+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A third language is one more file in the theme: every word the program
// puts on a page comes from it.
func TestThirdLanguage(t *testing.T) {
	site := t.TempDir()
	fr := strings.NewReplacer(`nav.overview: "Overview"`, `nav.overview: "Vue d’ensemble"`,
		`report.cases: "{n} cases"`, `report.cases: "{n} affaires"`,
		`format.month: "{name} {year}"`, `format.month: "{name} {year}"`,
		`"January, February, March, April,`, `"janvier, février, mars, avril,`,
		`format.quarter: "Q{n} {year}"`, `format.quarter: "{n}e trimestre {year}"`).Replace(defaultStrings(t, "en"))
	writeFiles(t, site, map[string]string{"themes/default/i18n/fr.yaml": fr})
	th, err := Load(Options{SiteDir: site, Lang: "fr", Nav: []NavItem{{Key: "nav.overview", Href: "index.html"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := th.Tf("report.cases", "n", "12"); got != "12 affaires" {
		t.Errorf("Tf = %q", got)
	}
	f := th.Format()
	if got := f.Period(period.Period{Kind: period.Month, Year: 2022, N: 4}) + " · " + f.Period(period.Period{Kind: period.Quarter, Year: 2022, N: 2}); got != "avril 2022 · 2e trimestre 2022" {
		t.Errorf("periods = %q", got)
	}
	out := render(t, th, "", "404.html", nil)
	if !strings.Contains(out, "Vue d’ensemble") {
		t.Errorf("the menu is not in French:\n%s", out)
	}
	if err := th.Err(); err != nil {
		t.Error(err)
	}
}

func TestTf(t *testing.T) {
	th, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		key  string
		args []string
		want string
	}{
		{"report.cases", []string{"n", "1.234"}, "1.234 vụ việc"},
		{"register.dates", []string{"from", "{to}", "to", "B"}, "phát hiện {to} – B"}, // values are not scanned again
		{"report.cases", nil, "{n} vụ việc"},
	} {
		if got := th.Tf(tt.key, tt.args...); got != tt.want {
			t.Errorf("Tf(%q, %q) = %q, want %q", tt.key, tt.args, got, tt.want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"themes/plain":                          "a file, not a folder",
		"themes/nomain/layouts/x.html":          `<p>no main</p>`,
		"themes/badtpl/layouts/partials/x.html": `{{if}}`,
		"themes/keys/i18n/en.yaml":              "only_en: x\n",
		"themes/dup/i18n/vi.yaml":               "a: x\na: y\n",
		"themes/nested/i18n/vi.yaml":            "a:\n  b: x\n",
		"themes/nul/i18n/vi.yaml":               "a:\n",
		"themes/places/i18n/vi.yaml":            strings.Replace(defaultStrings(t, "vi"), `report.cases: "{n} vụ việc"`, `report.cases: "vụ việc"`, 1),
		"themes/fmtplace/i18n/vi.yaml":          strings.Replace(defaultStrings(t, "vi"), `format.year: "năm {year}"`, `format.year: "năm {nam}"`, 1),
		"themes/months/i18n/vi.yaml":            strings.Replace(defaultStrings(t, "vi"), `, tháng Mười Hai"`, `"`, 1),
	})
	tests := []struct {
		opt  Options
		want string
	}{
		{Options{SiteDir: site, Name: "missing"}, "themes/missing not found"},
		{Options{Name: "missing"}, "no site folder"},
		{Options{SiteDir: site, Name: "plain"}, "not a folder"},
		{Options{SiteDir: site, Name: "nomain"}, `themes/nomain/layouts/x.html: a page layout must define "main"`},
		{Options{SiteDir: site, Name: "badtpl"}, "themes/badtpl/layouts/partials/x.html"},
		{Options{SiteDir: site, Name: "keys"}, `i18n/vi.yaml has no key "only_en"`},
		{Options{SiteDir: site, Name: "dup"}, `key "a" given twice`},
		{Options{SiteDir: site, Name: "nested"}, `"a" must be a key with a text value`},
		{Options{SiteDir: site, Name: "nul"}, `"a" must be a key with a text value`},
		{Options{Lang: "fr"}, "no i18n/fr.yaml in the theme (it has en, vi)"},
		{Options{SiteDir: site, Name: "places", Lang: "en"}, `"report.cases" has places [{n}] in i18n/en.yaml but [] in i18n/vi.yaml`},
		{Options{SiteDir: site, Name: "fmtplace"}, `"format.year" in i18n/vi.yaml has the place {nam}`},
		{Options{SiteDir: site, Name: "months"}, `format.month_names in i18n/vi.yaml has 11 names, not 12`},
		{Options{Nav: []NavItem{{Key: "nav.nothing", Href: "index.html"}}}, `navigation: no interface string "nav.nothing"`},
		{Options{Nav: []NavItem{{Title: "x", Href: "/index.html"}}}, "must be relative"},
		{Options{Nav: []NavItem{{Title: "x", Href: "https://example.com/"}}}, "must be relative"},
	}
	for _, tt := range tests {
		_, err := Load(tt.opt)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%s): %v, want an error with %q", tt.opt.Name, err, tt.want)
		}
	}
}

func TestOverrideFileByFile(t *testing.T) {
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"themes/default/assets/css/site.css":          "body{color:red}",
		"themes/default/assets/img/logo.svg":          "<svg/>",
		"themes/default/assets/.DS_Store":             "junk",
		"themes/default/layouts/partials/footer.html": `<footer>chân trang riêng</footer>`,
		"themes/tinh/layouts/partials/footer.html":    `<footer>theme tinh</footer>`,
	})
	for _, name := range []string{"default", "tinh"} {
		th := load(t, Options{SiteDir: site, Name: name})
		out := t.TempDir()
		if err := th.CopyAssets(publish.NewTree(out)); err != nil {
			t.Fatal(err)
		}
		css, _ := os.ReadFile(filepath.Join(out, "assets/css/site.css"))
		js, _ := os.ReadFile(filepath.Join(out, "assets/js/site.js"))
		ech, _ := os.ReadFile(filepath.Join(out, "assets/vendor/echarts-5.6.0/echarts.min.js"))
		lic, _ := os.ReadFile(filepath.Join(out, "assets/vendor/echarts-5.6.0/LICENSE"))
		if (name == "default") != (string(css) == "body{color:red}") {
			t.Errorf("%s: site.css overridden = %v", name, string(css) == "body{color:red}")
		}
		if !bytes.Contains(js, []byte("echarts.init")) || len(ech) < 500000 || !bytes.Contains(lic, []byte("Apache License")) {
			t.Errorf("%s: default assets not copied", name)
		}
		if _, err := os.Stat(filepath.Join(out, "assets/.DS_Store")); err == nil {
			t.Errorf("%s: hidden file copied", name)
		}
		page := render(t, th, "", "404.html", nil)
		want := map[string]string{"default": "chân trang riêng", "tinh": "theme tinh"}[name]
		if !strings.Contains(page, want) || strings.Contains(page, "Tạo bởi") {
			t.Errorf("%s: footer not replaced:\n%s", name, page)
		}
		if !strings.Contains(page, `class="site-header"`) {
			t.Errorf("%s: default header lost", name)
		}
	}
}

func TestMissingKey(t *testing.T) {
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"themes/default/layouts/uses.html": `{{define "main"}}{{t "no_such_key"}}{{end}}`,
	})
	th := load(t, Options{SiteDir: site})
	err := th.Write(publish.NewTree(t.TempDir()), "", "uses.html", th.Page("", "", nil))
	if err == nil || !strings.Contains(err.Error(), `"no_such_key"`) {
		t.Errorf("Write with a missing key: %v", err)
	}

	th = load(t, Options{})
	if th.Err() != nil {
		t.Fatal(th.Err())
	}
	if got := th.T("chart_data"); got != "Bảng số liệu" {
		t.Errorf("T(chart_data) = %q", got)
	}
	if got := load(t, Options{Lang: "en"}).T("chart_data"); got != "Data table" {
		t.Errorf("en T(chart_data) = %q", got)
	}
	th.T("zzz_missing")
	th.T("aaa_missing")
	err = th.Err()
	if err == nil || !strings.Contains(err.Error(), `"aaa_missing", "zzz_missing"`) {
		t.Errorf("Err after missing keys: %v", err)
	}
	// Later writes fail too, so the build cannot miss it.
	if err := th.Write(publish.NewTree(t.TempDir()), "", "404.html", th.Page("", "", nil)); err == nil {
		t.Error("Write after a missing key gave no error")
	}
}

func TestI18nFilesAgree(t *testing.T) {
	vi := readStrings(t, "vi")
	en := readStrings(t, "en")
	for k := range vi {
		if _, ok := en[k]; !ok {
			t.Errorf("en.yaml lacks %q", k)
		}
	}
	for k := range en {
		if _, ok := vi[k]; !ok {
			t.Errorf("vi.yaml lacks %q", k)
		}
	}
}

func readStrings(t *testing.T, lang string) map[string]string {
	b, err := os.ReadFile("../../themes/default/i18n/" + lang + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := parseStrings(lang, b)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// hostile holds what data may carry to break out of every context.
const hostile = `</script><script>alert(1)</script> ]]> "quoted" 'single' <!-- & onerror=alert(1)`

func hostileChart() Chart {
	return Chart{
		ID:        "by-district",
		Title:     "Tiêu đề " + hostile,
		AriaLabel: "Nhãn " + hostile,
		Option: map[string]any{
			"title":  map[string]any{"text": hostile},
			"xAxis":  map[string]any{"type": "category", "data": []string{hostile, "Bến Lức"}},
			"yAxis":  map[string]any{"type": "value"},
			"series": []any{map[string]any{"type": "bar", "name": hostile, "data": []int{3, 1234}}},
		},
		Table: Table{
			Caption: "Bảng " + hostile,
			Head:    []string{"Huyện " + hostile, "Số vụ"},
			Rows: []Row{
				{Cells: []Cell{{Text: hostile, Href: "../x/index.html?" + hostile}, {Text: "3", Value: "3"}}},
				{Cells: []Cell{{Text: "Bến Lức", Class: "overdue"}, {Text: "1.234", Value: "1234"}}},
			},
			Numeric: []bool{false, true},
		},
		CSVName: "by-district.csv",
	}
}

func TestChartEscaping(t *testing.T) {
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"themes/default/layouts/chart.html": `{{define "main"}}{{template "chart" .Data}}{{end}}`,
	})
	th := load(t, Options{SiteDir: site})
	c := hostileChart()
	out := render(t, th, "a/", "chart.html", c)

	for _, bad := range []string{"<script>alert", "\"quoted\"", "<!--"} {
		if strings.Contains(out, bad) {
			t.Errorf("page holds %q unescaped", bad)
		}
	}
	checkTags(t, "chart", out)
	found := 0
	for _, tg := range tags(out) {
		if tg.name == "div" && tg.attrs["id"] == "by-district" {
			found++
			if tg.attrs["aria-label"] != c.AriaLabel || tg.attrs["role"] != "img" || tg.attrs["class"] != "chart" {
				t.Errorf("chart element attributes %q", tg.attrs)
			}
		}
	}
	if found != 1 {
		t.Errorf("%d chart elements, want 1", found)
	}
	// The only script elements are the two of the shell and the JSON block.
	if n := strings.Count(out, "<script"); n != 3 {
		t.Errorf("%d <script> tags, want 3", n)
	}
	if n := strings.Count(out, "</script>"); n != 3 {
		t.Errorf("%d </script> tags, want 3", n)
	}

	// The JSON block decodes to the very option given.
	m := regexp.MustCompile(`(?s)<script type="application/json" class="chart-option" data-for="by-district">(.*?)</script>`).FindStringSubmatch(out)
	if m == nil {
		t.Fatal("no chart-option block")
	}
	var got, want any
	if err := json.Unmarshal([]byte(m[1]), &got); err != nil {
		t.Fatalf("option block is not JSON: %v\n%s", err, m[1])
	}
	b, _ := json.Marshal(c.Option)
	_ = json.Unmarshal(b, &want)
	if !jsonEqual(got, want) {
		t.Errorf("option block decodes to %v, want %v", got, want)
	}

	// Attributes and text hold the strings, escaped, and decode back.
	label := regexp.MustCompile(`<div class="chart" id="by-district" role="img" aria-label="([^"]*)"`).FindStringSubmatch(out)
	if label == nil || html.UnescapeString(label[1]) != c.AriaLabel {
		t.Errorf("aria-label = %v", label)
	}
	for _, text := range []string{c.Title, c.Table.Caption, c.Table.Head[0]} {
		if !strings.Contains(out, html.EscapeString(text)) && !strings.Contains(out, escapeText(text)) {
			t.Errorf("page lacks escaped %q", text)
		}
	}
	for _, want := range []string{
		`<td class="num" data-value="1234">1.234</td>`,
		`<td class="overdue">Bến Lức</td>`,
		`<th scope="col" class="num">Số vụ</th>`,
		`<details class="chart-data" open>`,
		`<summary>Bảng số liệu</summary>`,
		`data-name="by-district.csv"`,
		`data-download="png"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// escapeText is how html/template writes text: it also escapes + and quotes
// as numeric references.
func escapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestOptionJSON(t *testing.T) {
	tests := []struct {
		name   string
		option any
		want   string
		err    string
	}{
		{"map", map[string]any{"b": 1, "a": "<x>&"}, `{"a":"\u003cx\u003e\u0026","b":1}`, ""},
		{"raw", json.RawMessage(`{"a": "</script>"}`), `{"a":"\u003c/script\u003e"}`, ""},
		{"go-echarts", fakeChart{}, `{"series":[]}`, ""},
		{"function", map[string]any{"formatter": "__f__function(v){return v}__f__"}, "", "JavaScript function"},
		{"array", []int{1}, "", "JSON object"},
		{"unencodable", map[string]any{"f": func() {}}, "", "chart c"},
	}
	for _, tt := range tests {
		got, err := Chart{ID: "c", Option: tt.option}.OptionJSON()
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: %s, %v; want %s", tt.name, got, err, tt.want)
		}
	}
}

type fakeChart struct{}

func (fakeChart) JSON() map[string]interface{} { return map[string]interface{}{"series": []int{}} }

// tag is a start tag of a rendered page.
type tag struct {
	name  string
	attrs map[string]string
}

// tags reads the start tags of html/template output: attribute values are
// quoted, so a quote ends them and ">" inside one is written &gt;. The text
// of script elements is skipped as the HTML parser would.
func tags(page string) []tag {
	var out []tag
	for i := 0; i < len(page); i++ {
		if page[i] != '<' || i+1 >= len(page) || !isLetter(page[i+1]) {
			continue
		}
		j := i + 1
		for j < len(page) && isLetter(page[j]) || j < len(page) && page[j] >= '0' && page[j] <= '9' {
			j++
		}
		tg := tag{name: strings.ToLower(page[i+1 : j]), attrs: map[string]string{}}
		for j < len(page) && page[j] != '>' {
			for j < len(page) && (page[j] == ' ' || page[j] == '\n' || page[j] == '/') {
				j++
			}
			k := j
			for j < len(page) && !strings.ContainsRune(" =>\n", rune(page[j])) {
				j++
			}
			name := strings.ToLower(page[k:j])
			val := ""
			if j < len(page) && page[j] == '=' {
				j++
				if j < len(page) && page[j] == '"' {
					end := strings.IndexByte(page[j+1:], '"')
					val = page[j+1 : j+1+end]
					j += end + 2
				} else {
					k = j
					for j < len(page) && page[j] != ' ' && page[j] != '>' {
						j++
					}
					val = page[k:j]
				}
			}
			if name != "" {
				tg.attrs[name] = html.UnescapeString(val)
			}
		}
		out = append(out, tg)
		i = j
		if tg.name == "script" {
			end := strings.Index(page[i:], "</script")
			if end < 0 {
				break
			}
			i += end
		}
	}
	return out
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// checkTags fails on anything the CSP would block or that runs code: event
// handler and style attributes, style elements, and scripts other than
// local files and JSON data blocks.
func checkTags(t *testing.T, name, page string) {
	t.Helper()
	for _, tg := range tags(page) {
		for a := range tg.attrs {
			if strings.HasPrefix(a, "on") || a == "style" {
				t.Errorf("%s: <%s> has attribute %s", name, tg.name, a)
			}
		}
		switch tg.name {
		case "style":
			t.Errorf("%s: <style> element", name)
		case "script":
			if tg.attrs["type"] != "application/json" && tg.attrs["src"] == "" {
				t.Errorf("%s: inline executable script", name)
			}
		}
	}
}

func TestTagsReader(t *testing.T) {
	got := tags(`<p>x</p><img src=x onerror="alert(1)"><script>if (a<b) {}</script><a href="a&amp;b" title="x &gt; y">`)
	want := []tag{
		{"p", map[string]string{}},
		{"img", map[string]string{"src": "x", "onerror": "alert(1)"}},
		{"script", map[string]string{}},
		{"a", map[string]string{"href": "a&b", "title": "x > y"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tags = %q, want %q", got, want)
	}
}

// urlAttr finds every src and href; html/template always writes them in
// double quotes.
var urlAttr = regexp.MustCompile(`\s(?:src|href|action|srcset|poster|data)="([^"]*)"`)

func checkLocalURLs(t *testing.T, name, page string) {
	t.Helper()
	for _, m := range urlAttr.FindAllStringSubmatch(page, -1) {
		u := html.UnescapeString(m[1])
		if strings.HasPrefix(u, "#") {
			continue
		}
		if u == "" || strings.HasPrefix(u, "/") || strings.HasPrefix(u, `\`) || strings.Contains(strings.SplitN(u, "/", 2)[0], ":") {
			t.Errorf("%s: URL %q is not relative to the page", name, u)
		}
	}
}

func TestShell(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		th := load(t, Options{Lang: lang, Nav: nav, AsOf: period.New(2022, time.May, 3)})
		page := render(t, th, "404.html", "404.html", nil)
		for _, want := range []string{
			`<!doctype html>`,
			`<html lang="` + lang + `">`,
			`<meta charset="utf-8">`,
			`<meta name="viewport" content="width=device-width, initial-scale=1">`,
			`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'">`,
			`<script defer src="assets/js/site.js"></script>`,
			`<script defer src="assets/vendor/echarts-5.6.0/echarts.min.js"></script>`,
			`href="index.html"`,
			`03/05/2022`,
			`giamsat`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s 404 page lacks %s", lang, want)
			}
		}
		checkTags(t, lang+" 404", page)
		checkLocalURLs(t, lang+" 404", page)
	}
}

type sampleData struct {
	Period string
	Total  int
	Rate   float64
	Change float64
	Fines  int64
	AsOf   period.Date
	Mean   float64
	Chart  Chart
	Table  Table
}

func sample() sampleData {
	c := hostileChart()
	return sampleData{
		Period: "2022-Q2", Total: 1234567, Rate: 0.991, Change: -0.05, Fines: 7500000,
		AsOf: period.New(2022, time.April, 5), Mean: 7.5, Chart: c,
		Table: Table{ID: "cases", Sortable: true, Head: []string{"Mã", "Ngày"}, Rows: []Row{
			{Cells: []Cell{{Text: "BL-2022-0012", Href: "../../cases/1/index.html"}, {Text: "05/04/2022", Value: "2022-04-05"}}},
		}},
	}
}

func TestGolden(t *testing.T) {
	th := load(t, Options{SiteDir: "testdata/site", Nav: nav, AsOf: period.New(2022, time.May, 3)})
	page := render(t, th, "reports/2022-Q2/", "sample.html", sample())
	for _, want := range []string{"Quý II/2022: 1.234.567 · 99,1% · −5% · 7.500.000 đ · 05/04/2022 · 7,5", `<table class="data sortable" id="cases">`} {
		if !strings.Contains(page, want) {
			t.Errorf("sample page lacks %s", want)
		}
	}
	checkTags(t, "sample", page)
	checkLocalURLs(t, "sample", page)
	golden := "testdata/golden/sample.html"
	if *update {
		if err := os.WriteFile(golden, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if page != string(want) {
		t.Errorf("page differs from %s (go test -update rewrites it):\n%s", golden, page)
	}
}

func TestFuncErrors(t *testing.T) {
	tests := []struct{ tpl, want string }{
		{`{{num "x"}}`, "num: cannot format a string"},
		{`{{money 1.5}}`, "money: cannot format a float64"},
		{`{{date 3}}`, "date: cannot format a int"},
		{`{{period "2022-13"}}`, `period "2022-13"`},
		{`{{pct nil}}`, "pct"},
	}
	for _, tt := range tests {
		site := t.TempDir()
		writeFiles(t, site, map[string]string{
			"themes/default/layouts/f.html": `{{define "main"}}` + tt.tpl + `{{end}}`,
		})
		th := load(t, Options{SiteDir: site})
		err := th.Write(publish.NewTree(t.TempDir()), "", "f.html", th.Page("", "", nil))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.tpl, err, tt.want)
		}
	}
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"themes/default/layouts/f.html": `{{define "main"}}{{num .Data.A}}|{{num .Data.B}}|{{num .Data.C}}|{{dec .Data.C}}|{{dec .Data.C 2}}|{{date .Data.T}}|{{period .Data.P}}|{{longdate "Long An" .Data.D}}{{end}}`,
	})
	th := load(t, Options{SiteDir: site})
	data := map[string]any{
		"A": uint8(7), "B": int64(-1234), "C": 1234.567,
		"T": time.Date(2022, 4, 30, 20, 0, 0, 0, time.UTC), // 1 May in Vietnam
		"P": period.Period{Kind: period.Half, Year: 2022, N: 2},
		"D": period.New(2022, time.February, 5),
	}
	page := render(t, th, "", "f.html", data)
	if want := "7|−1.234|1.235|1.234,6|1.234,57|01/05/2022|6 tháng cuối năm 2022|Long An, ngày 05 tháng 02 năm 2022"; !strings.Contains(page, want) {
		t.Errorf("funcs gave:\n%s\nwant %s", page, want)
	}
}

func FuzzParseStrings(f *testing.F) {
	for _, s := range []string{"a: b\n", "a: x\na: y\n", "- a\n", "a:\n  b: c\n", "", "a: &x b\nc: *x\n", "a: !!binary aGk=\n"} {
		f.Add([]byte(s))
	}
	if b, err := os.ReadFile("../../themes/default/i18n/vi.yaml"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := parseStrings("f.yaml", b)
		if err != nil {
			return
		}
		// What was read survives writing it out and reading it again.
		out, err := yaml.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		again, err := parseStrings("again.yaml", out)
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if !reflect.DeepEqual(m, again) {
			t.Fatalf("%q read back as %q", m, again)
		}
	})
}

// A chart's table goes below it from four columns on: beside the chart,
// the table and the chart would both be too narrow.
func TestChartWide(t *testing.T) {
	for cols, want := range map[int]bool{2: false, 3: false, 4: true, 9: true} {
		c := Chart{Table: Table{Head: make([]string, cols)}}
		if got := c.Wide(); got != want {
			t.Errorf("%d columns: Wide() = %v, want %v", cols, got, want)
		}
	}
}
