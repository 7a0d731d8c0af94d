package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"giamsat/internal/downloads"
	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/publish"
	"giamsat/internal/site"
	"giamsat/internal/stats"
	"giamsat/internal/theme"
)

// Text from the data that holds markup: it must show as text everywhere.
const (
	evilCategory = `Bạo lực <script>alert(1)</script>`
	evilPlatform = `Mạng ]]></script><img src=x onerror=alert(1)>`
	evilDistrict = `Tân "Trụ" onerror=alert(1)`
)

func fixtureConfig() *site.Config {
	cfg := &site.Config{
		Title:            "Giám sát thông tin về trẻ em trên mạng",
		Organization:     "Sở Thông tin và Truyền thông tỉnh Long An",
		Language:         "vi",
		Theme:            "default",
		OverdueAfterDays: 15,
		DistrictLabel:    "Huyện, thị xã, thành phố",
		Reports:          site.Reports{Every: period.Month, DueDay: 5, PeriodStartDay: 1},
		Districts: []site.District{
			{Code: "794", Name: "Thành phố Tân An", Short: "Tân An", Tile: [2]int{2, 4}, HasTile: true, Population: 145000},
			{Code: "803", Name: "Huyện Bến Lức", Short: "Bến Lức", Tile: [2]int{1, 5}, HasTile: true},
			{Code: "805", Name: "Huyện " + evilDistrict, Short: evilDistrict, Tile: [2]int{2, 5}, HasTile: true},
		},
		Categories: []site.Item{
			{Key: "child-violence", Name: evilCategory},
			{Key: "privacy", Name: "Lộ thông tin cá nhân của trẻ em"},
			{Key: "sexual", Name: "Nội dung khiêu dâm trẻ em"},
		},
		Platforms: []site.Item{
			{Key: "facebook", Name: "Facebook"},
			{Key: "tiktok", Name: evilPlatform},
		},
	}
	if err := cfg.Prepare(); err != nil {
		panic(err)
	}
	return cfg
}

func day(s string) period.Date {
	d, err := period.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func stamp(s string) time.Time {
	t, err := period.ParseTime(s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureCases are a handful of cases whose figures the tests recount.
func fixtureCases() []export.Case {
	mk := func(id, district, category, platform, detected string, status export.Status, resolved string, fine int64) export.Case {
		c := export.Case{ID: id, District: district, Category: category, Platform: platform, DetectedOn: day(detected),
			Status: status, Offender: "unidentified", Summary: "Nội dung <script>alert(1)</script>"}
		if resolved != "" {
			c.ResolvedOn = day(resolved)
		}
		if status == export.Referred {
			c.ReferredTo = "cuc-attt"
		}
		if fine > 0 {
			c.FineVND, c.HasFine = fine, true
		}
		return c
	}
	return []export.Case{
		mk("BL-2022-0001", "803", "child-violence", "facebook", "2022-03-02", export.Removed, "2022-03-10", 0),
		mk("BL-2022-0002", "803", "privacy", "tiktok", "2022-04-03", export.Requested, "", 0),
		mk("BL-2022-0003", "803", "privacy", "facebook", "2022-04-20", export.Detected, "", 0),
		mk("BL-2022-0004", "803", "sexual", "facebook", "2022-05-02", export.Sanctioned, "2022-05-20", 7500000),
		mk("TA-2022-0001", "794", "child-violence", "tiktok", "2022-04-01", export.Referred, "", 0),
		mk("TA-2022-0002", "794", "child-violence", "facebook", "2022-05-11", export.Removed, "2022-05-15", 0),
		mk("TA-2022-0003", "794", "privacy", "facebook", "2022-05-25", export.Requested, "", 0),
		mk("TT-2022-0001", "805", "sexual", "tiktok", "2022-05-28", export.Closed, "2022-05-30", 0),
		mk("TT-2022-0002", "805", "privacy", "facebook", "2022-04-12", export.Removed, "2022-04-13", 0),
	}
}

func fixtureExports(cases []export.Case) []*export.File {
	return []*export.File{
		{File: "data/2022/04/ben-luc.yaml", Unit: "Phòng VH-TT Bến Lức", District: "803", Period: period.Period{Kind: period.Month, Year: 2022, N: 4},
			ExportedAt: stamp("2022-05-03T08:00:00+07:00")},
		{File: "data/2022/04/tan-an.yaml", Unit: "Phòng VH-TT Tân An", District: "794", Period: period.Period{Kind: period.Month, Year: 2022, N: 4},
			ExportedAt: stamp("2022-05-09T08:00:00+07:00")},
		{File: "data/2022/05/ben-luc.yaml", Unit: "Phòng VH-TT Bến Lức", District: "803", Period: period.Period{Kind: period.Month, Year: 2022, N: 5},
			ExportedAt: stamp("2022-06-04T08:00:00+07:00")},
		{File: "data/all.yaml", Unit: "Sở", ExportedAt: stamp("2022-06-06T10:00:00+07:00"), Cases: cases},
	}
}

func fixtureDirectives() []DirectiveRef {
	return []DirectiveRef{
		{Slug: "283-ttra-2022", Number: "283/TTra-BC&TTTTM", Title: "Triển khai <b>kết luận</b>", Date: day("2022-04-01"), Categories: []string{"child-violence"}},
		{Slug: "05-stttt-2022", Number: "05/STTTT-TTra", Title: "Tăng cường giám sát", Date: day("2022-04-05"), Categories: []string{"sexual"}},
	}
}

func input(cfg *site.Config, cases []export.Case, exports []*export.File) Input {
	sum := stats.Compute(stats.Input{Site: cfg, Cases: cases, Exports: exports})
	return Input{Site: cfg, Cases: cases, Exports: exports, Summary: sum, Directives: fixtureDirectives(),
		Intro: "<p>Giới thiệu</p>"}
}

func loadTheme(t testing.TB, cfg *site.Config) *theme.Theme {
	t.Helper()
	th, err := theme.Load(theme.Options{SiteDir: t.TempDir(), Name: cfg.Theme, Lang: cfg.Language, SiteTitle: cfg.Title, Organization: cfg.Organization})
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// renderSite renders in into a new folder with what the rest of the build
// would put beside the pages (assets, downloads, directive pages), so that
// every link can be followed.
func renderSite(t testing.TB, th *theme.Theme, in Input) string {
	t.Helper()
	out := t.TempDir()
	tree := publish.NewTree(out)
	if _, err := Site(tree, th, in); err != nil {
		t.Fatal(err)
	}
	if err := th.CopyAssets(tree); err != nil {
		t.Fatal(err)
	}
	if err := downloads.Write(tree, in.Site, in.Cases, in.Summary); err != nil {
		t.Fatal(err)
	}
	pages := []string{"directives", "404.html"}
	for _, d := range in.Directives {
		pages = append(pages, "directives/"+d.Slug)
	}
	for _, p := range pages {
		file := filepath.Join(out, p)
		if !strings.HasSuffix(p, ".html") {
			file = filepath.Join(file, "index.html")
		}
		if _, err := os.Stat(file); err == nil {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte("<!DOCTYPE html><title>x</title>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func htmlFiles(t testing.TB, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// voids are the elements without an end tag.
var voids = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// checkPage parses one page: its tags balance, no attribute is an event
// handler, every script is a JSON data block or a local file, and every
// href and src is relative and names a file of the output.
func checkPage(t *testing.T, out, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(out, file)
	z := html.NewTokenizer(bytes.NewReader(data))
	var stack []string
	inJSON := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if tt == html.StartTagToken && !voids[tok.Data] {
				stack = append(stack, tok.Data)
			}
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				attrs[a.Key] = a.Val
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: event handler attribute %s=%q on <%s>", rel, a.Key, a.Val, tok.Data)
				}
				if a.Key == "href" || a.Key == "src" {
					checkLink(t, out, file, a.Val)
				}
			}
			if tok.Data == "img" {
				t.Errorf("%s: unexpected <img>", rel)
			}
			if tok.Data == "script" {
				_, hasSrc := attrs["src"]
				inJSON = attrs["type"] == "application/json"
				if !inJSON && !hasSrc {
					t.Errorf("%s: inline executable script", rel)
				}
			}
		case html.EndTagToken:
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				t.Errorf("%s: </%s> does not close the open <%v>", rel, tok.Data, stack)
				return
			}
			stack = stack[:len(stack)-1]
			inJSON = false
		case html.TextToken:
			if inJSON {
				var v any
				if err := json.Unmarshal([]byte(tok.Data), &v); err != nil {
					t.Errorf("%s: chart data is not JSON: %v", rel, err)
				}
			}
		}
	}
	if z.Err() != nil && z.Err().Error() != "EOF" {
		t.Errorf("%s: %v", rel, z.Err())
	}
	if len(stack) > 0 {
		t.Errorf("%s: unclosed %v", rel, stack)
	}
}

func checkLink(t *testing.T, out, file, href string) {
	rel, _ := filepath.Rel(out, file)
	u, err := url.Parse(href)
	if err != nil {
		t.Errorf("%s: bad link %q", rel, href)
		return
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(href, "/") {
		t.Errorf("%s: link leaves the site: %q", rel, href)
		return
	}
	if u.Path == "" {
		return // a fragment
	}
	if strings.HasSuffix(u.Path, "/") {
		t.Errorf("%s: link %q does not name index.html", rel, href)
	}
	target := filepath.Join(filepath.Dir(file), filepath.FromSlash(u.Path))
	if !strings.HasPrefix(target, out) {
		t.Errorf("%s: link %q leaves the output", rel, href)
	}
	if st, err := os.Stat(target); err != nil || st.IsDir() {
		t.Errorf("%s: link %q names no file", rel, href)
	}
}

func TestPages(t *testing.T) {
	cfg := fixtureConfig()
	cases := fixtureCases()
	in := input(cfg, cases, fixtureExports(cases))
	th := loadTheme(t, cfg)
	out := renderSite(t, th, in)

	for _, want := range []string{
		"index.html", "downloads/index.html", "cases/index.html",
		"districts/tan-an/index.html", "districts/ben-luc/index.html", "districts/ben-luc/cases/index.html",
		"categories/privacy/index.html",
		"reports/2022-03/index.html", "reports/2022-04/index.html", "reports/2022-05/index.html",
		"reports/2022-Q2/index.html", "reports/2022/index.html",
	} {
		if _, err := os.Stat(filepath.Join(out, want)); err != nil {
			t.Errorf("missing %s", want)
		}
	}
	for _, f := range htmlFiles(t, out) {
		checkPage(t, out, f)
	}
}

func TestMarkupInDataIsText(t *testing.T) {
	cfg := fixtureConfig()
	cases := fixtureCases()
	in := input(cfg, cases, fixtureExports(cases))
	out := renderSite(t, loadTheme(t, cfg), in)
	for _, f := range htmlFiles(t, out) {
		b, _ := os.ReadFile(f)
		for _, bad := range []string{"<script>alert", "<img", "<b>kết luận", `"Trụ"`, "]]></script>"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s holds %q unescaped", f, bad)
			}
		}
	}
	// The names are there, as text.
	b, _ := os.ReadFile(filepath.Join(out, "categories/child-violence/index.html"))
	if !bytes.Contains(b, []byte("Bạo lực &lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Errorf("the category name is not shown as text")
	}
}

func TestDeterministic(t *testing.T) {
	cfg := fixtureConfig()
	cases := fixtureCases()
	in := input(cfg, cases, fixtureExports(cases))
	th := loadTheme(t, cfg)
	a, b := renderSite(t, th, in), renderSite(t, th, in)
	files := htmlFiles(t, a)
	if len(files) != len(htmlFiles(t, b)) {
		t.Fatal("different page counts")
	}
	for _, f := range files {
		rel, _ := filepath.Rel(a, f)
		x, _ := os.ReadFile(f)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two renders", rel)
		}
	}
}

// figureValues reads the headline figures of a page: key → value and
// the line under it, as shown.
func figureValues(t *testing.T, file string) map[string][2]string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][2]string{}
	var walk func(n *html.Node, key string)
	walk = func(n *html.Node, key string) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "class" && strings.HasPrefix(a.Val, "figure figure-") {
					key = strings.TrimPrefix(a.Val, "figure figure-")
				}
				if a.Key == "class" && key != "" && (a.Val == "value" || a.Val == "sub") {
					v := out[key]
					if a.Val == "value" {
						v[0] = strings.TrimSpace(textOf(n))
					} else {
						v[1] = strings.TrimSpace(textOf(n))
					}
					out[key] = v
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, key)
		}
	}
	walk(doc, "")
	return out
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

// TestFigures recounts the headline figures with plain loops: the
// backlog at as_of (6 June 2022, the latest exported_at) and the flow of
// the current month, the latest with a case (May 2022 here).
func TestFigures(t *testing.T) {
	cfg := fixtureConfig()
	cases := fixtureCases()
	exports := fixtureExports(cases)
	in := input(cfg, cases, exports)
	out := renderSite(t, loadTheme(t, cfg), in)
	asOf := day("2022-06-06")
	inMay := func(d period.Date) bool { return d >= day("2022-05-01") && d <= day("2022-05-31") }

	count := func(district string) map[string]int {
		m := map[string]int{}
		for _, c := range cases {
			if district != "" && c.District != district {
				continue
			}
			age := int(asOf - c.DetectedOn)
			switch c.Status {
			case export.Detected, export.Requested:
				m["open"]++
				if age > 15 {
					m["overdue"]++
				}
				if age > 90 {
					m["long"]++
				}
				if c.Offender != "identified" {
					m["unidentified"]++
				}
			case export.Referred:
				m["waiting"]++
			}
			if inMay(c.DetectedOn) {
				m["new"]++
			}
			if !c.ResolvedOn.IsZero() && inMay(c.ResolvedOn) {
				m["resolved"]++
			}
		}
		return m
	}
	pages := map[string]string{"": "index.html", "803": "districts/ben-luc/index.html", "794": "districts/tan-an/index.html"}
	for district, page := range pages {
		got := figureValues(t, filepath.Join(out, page))
		want := count(district)
		for _, k := range []string{"open", "overdue", "long", "waiting", "unidentified", "new", "resolved"} {
			if w := fmt.Sprint(want[k]); got[k][0] != w {
				t.Errorf("%s %s = %q, want %s", page, k, got[k][0], w)
			}
		}
	}
	// The oldest case in hand: BL-2022-0002, detected 3 April, 64 days.
	got := figureValues(t, filepath.Join(out, "index.html"))
	if got["oldest"][0] != "64 ngày" || got["oldest"][1] != "BL-2022-0002" {
		t.Errorf("oldest = %q, want 64 ngày, BL-2022-0002", got["oldest"])
	}
}

// bigInput makes n cases spread over districts, categories, platforms and
// three years, the same for the same n.
func bigInput(n int) Input {
	cfg := fixtureConfig()
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	cases := make([]export.Case, n)
	start := day("2022-01-01")
	for i := range cases {
		d := cfg.Districts[rng.IntN(len(cfg.Districts))]
		c := export.Case{
			ID:         fmt.Sprintf("C-%07d", i),
			District:   d.Code,
			Category:   cfg.Categories[rng.IntN(len(cfg.Categories))].Key,
			Platform:   cfg.Platforms[rng.IntN(len(cfg.Platforms))].Key,
			DetectedOn: start.AddDays(rng.IntN(900)),
			Status:     export.Statuses[rng.IntN(len(export.Statuses))],
			Offender:   "unidentified",
		}
		if c.Status == export.Referred {
			c.ReferredTo = "cuc-ptth"
		}
		if !c.Status.Open() {
			c.ResolvedOn = c.DetectedOn.AddDays(rng.IntN(30))
		}
		cases[i] = c
	}
	exports := []*export.File{{File: "data/all.yaml", Unit: "Sở", ExportedAt: start.AddDays(930).Midnight(), Cases: cases}}
	for m := (period.Period{Kind: period.Month, Year: 2022, N: 1}); m.Year < 2024 || m.N < 6; m = m.Next() {
		for _, d := range cfg.Districts[:2] {
			exports = append(exports, &export.File{File: path.Join("data", m.String(), d.Code+".yaml"), Unit: d.Name, District: d.Code,
				Period: m, ExportedAt: m.Due(1, 5).AddDays(rng.IntN(6) - 2).Midnight()})
		}
	}
	return input(cfg, cases, exports)
}

func TestLargestPage(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 cases")
	}
	in := bigInput(20000)
	out := renderSite(t, loadTheme(t, in.Site), in)
	var largest int64
	var name string
	for _, f := range htmlFiles(t, out) {
		st, _ := os.Stat(f)
		if st.Size() > largest {
			largest, name = st.Size(), f
		}
	}
	if largest >= 300_000 {
		t.Errorf("%s is %d bytes, want < 300 KB", name, largest)
	}
	if _, err := os.Stat(filepath.Join(out, "cases/2/index.html")); err != nil {
		t.Errorf("the register is not split into pages")
	}
}

func TestPager(t *testing.T) {
	tests := []struct {
		page, pages int
		want        string
	}{
		{1, 1, ""},
		{1, 3, "[1] 2 3"},
		{5, 40, "1 2 3 4 [5] 6 7 8 … 40"},
		{40, 40, "1 … 37 38 39 [40]"},
	}
	for _, tt := range tests {
		var parts []string
		for _, l := range pager("cases/5", "cases", tt.page, tt.pages) {
			s := l.Text
			if l.Current {
				s = "[" + s + "]"
			}
			parts = append(parts, s)
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("pager(%d, %d) = %q, want %q", tt.page, tt.pages, got, tt.want)
		}
	}
	if got := pager("cases/2", "cases", 2, 3)[0].Href; got != "../../cases/index.html" {
		t.Errorf("first page link = %q", got)
	}
}

func BenchmarkRender(b *testing.B) {
	in := bigInput(20000)
	th := loadTheme(b, in.Site)
	for b.Loop() {
		if _, err := Site(publish.NewTree(b.TempDir()), th, in); err != nil {
			b.Fatal(err)
		}
	}
}

func TestEnglish(t *testing.T) {
	cfg := fixtureConfig()
	cfg.Language = "en"
	cases := fixtureCases()
	in := input(cfg, cases, fixtureExports(cases))
	out := renderSite(t, loadTheme(t, cfg), in)
	b, err := os.ReadFile(filepath.Join(out, "reports/2022-05/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("the province detected 4 cases")) {
		t.Errorf("no English narrative in the May report")
	}
}

// A site with no data yet still gets every page it links.
func TestEmptySite(t *testing.T) {
	cfg := fixtureConfig()
	in := input(cfg, nil, nil)
	out := renderSite(t, loadTheme(t, cfg), in)
	for _, f := range htmlFiles(t, out) {
		checkPage(t, out, f)
	}
}

// TestVietnameseOrder: districts with the same count stand in Vietnamese
// alphabetical order (A Ă Â B … D Đ … O Ô Ơ …), which byte order would
// not give: the expected order comes from x/text/collate, not vntext.
func TestVietnameseOrder(t *testing.T) {
	cfg := fixtureConfig()
	names := []string{"Ơn Hòa", "Đức Hòa", "Bến Lức", "Ấp Bắc", "Dương Minh Châu", "Ô Môn", "An Phú", "Ăn Quả"}
	cfg.Districts = nil
	for i, n := range names {
		cfg.Districts = append(cfg.Districts, site.District{Code: fmt.Sprint(900 + i), Name: n, Short: n})
	}
	if err := cfg.Prepare(); err != nil {
		t.Fatal(err)
	}
	out := renderSite(t, loadTheme(t, cfg), input(cfg, nil, nil))
	doc, err := html.Parse(bytes.NewReader(mustRead(t, filepath.Join(out, "index.html"))))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode && n.Data == "figure" {
			in = false
			for _, a := range n.Attr {
				in = in || a.Key == "id" && a.Val == "fig-chart-cases-by-district"
			}
		}
		if in && n.Type == html.ElementNode && n.Data == "tr" && n.Parent.Data == "tbody" {
			got = append(got, strings.TrimSpace(textOf(n.FirstChild)))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, false)
	want := slices.Clone(names)
	collate.New(language.Vietnamese).SortStrings(want)
	if !slices.Equal(got, want) {
		t.Errorf("tied districts in order %q, want %q", got, want)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTone: more cases is bad news, a higher removal rate good news, and
// fines neither; the colour of a change follows.
func TestTone(t *testing.T) {
	tests := []struct {
		trend  string
		better int
		want   string
	}{
		{"up", lowerIsBetter, "bad"},
		{"down", lowerIsBetter, "good"},
		{"same", lowerIsBetter, ""},
		{"up", higherIsBetter, "good"},
		{"down", higherIsBetter, "bad"},
		{"up", neutral, ""},
		{"down", neutral, ""},
	}
	for _, tt := range tests {
		if got := tone(tt.trend, tt.better); got != tt.want {
			t.Errorf("tone(%s, %d) = %q, want %q", tt.trend, tt.better, got, tt.want)
		}
	}
	// On a page: May 2022 compared with May 2021, before the data begin,
	// says so, with no direction and no colour.
	cfg := fixtureConfig()
	cases := fixtureCases()
	out := renderSite(t, loadTheme(t, cfg), input(cfg, cases, fixtureExports(cases)))
	b := mustRead(t, filepath.Join(out, "index.html"))
	_, fig, _ := bytes.Cut(b, []byte(`<div class="figure figure-new">`))
	fig, _, _ = bytes.Cut(fig, []byte(`</div>`))
	if !bytes.Contains(fig, []byte(`<dd class="change ">chưa có số liệu`)) {
		t.Errorf("May 2022 against May 2021, before any data, is not said as such: %s", fig)
	}
}

// District and category pages name the newest related directives only, so
// that thousands of directives do not make every such page long.
func TestRelatedDirectivesCapped(t *testing.T) {
	in := bigInput(300)
	key := in.Site.Categories[0].Key
	in.Directives = nil
	for i := range 45 {
		in.Directives = append(in.Directives, DirectiveRef{Slug: fmt.Sprintf("cv-%02d", 45-i), Number: fmt.Sprintf("%d/STTTT", 45-i),
			Title: "Văn bản", Date: day("2024-01-01").AddDays(45 - i), Categories: []string{key}})
	}
	out := renderSite(t, loadTheme(t, in.Site), in)
	page, err := os.ReadFile(filepath.Join(out, "categories", key, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	section := string(page[strings.Index(string(page), `<section class="directives"`):])
	section = section[:strings.Index(section, "</section>")]
	if n := strings.Count(section, `href="../../directives/cv-`); n != 20 {
		t.Errorf("the category page names %d directives, want the newest 20", n)
	}
	if !strings.Contains(section, "cv-45/") || strings.Contains(section, "cv-25/") {
		t.Error("the directives named are not the newest")
	}
	if !strings.Contains(section, "20 văn bản mới nhất trong 45") || !strings.Contains(section, `href="../../directives/index.html"`) {
		t.Errorf("no note and link to the whole list:\n%s", section)
	}
}
