package acceptance

import (
	"fmt"
	"giamsat/internal/period"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"giamsat/internal/sample"
)

// viGroup writes n with its thousands grouped by dots: 1.234.567.
func viGroup(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// latestExport is the latest exported_at of the site's data, as a
// Vietnamese date: what the pages call "now" when site.yaml sets none.
func latestExport(t *testing.T, src string) time.Time {
	vn := time.FixedZone("ICT", 7*3600)
	var latest time.Time
	err := filepath.WalkDir(filepath.Join(src, "data"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".yaml" {
			return err
		}
		var f struct {
			Export struct {
				ExportedAt string `yaml:"exported_at"`
			}
		}
		if err := yaml.Unmarshal(read(t, p), &f); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		// A date-time, or a bare date (ISO or day first): midnight in Vietnam.
		at, err := time.Parse(time.RFC3339, f.Export.ExportedAt)
		for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
			if err != nil {
				at, err = time.ParseInLocation(layout, f.Export.ExportedAt, vn)
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if at.After(latest) {
			latest = at
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return latest.In(vn)
}

// viFigure is a figure cell as the Vietnamese pages write it: grouped by
// dots, decimals after a comma, an optional sign, đồng or percent; "mới"
// (new) where there was nothing before, "–" where a rate has no cases.
// A change on a small base is the two figures ("3 → 6"), and one before
// the data begin says so.
var viFigure = regexp.MustCompile(`^(?:[+−]?\d{1,3}(?:\.\d{3})*(?:,\d+)?(?: đ|%| điểm %)?|\d{1,3}(?:\.\d{3})*(?: đ)? → \d{1,3}(?:\.\d{3})*(?: đ)?|mới|chưa có số liệu|–)?$`)

// TestVietnameseForms checks the example site's numbers, dates, periods
// and money in Vietnamese form, and its tied names in Vietnamese order.
func TestVietnameseForms(t *testing.T) {
	s := example(t)

	asOf := latestExport(t, s.src).Format("02/01/2006")
	doc := parse(t, read(t, filepath.Join(s.out, "index.html")))
	if got := text(first(doc, class("as-of"))); got != "Số liệu tính đến ngày "+asOf {
		t.Errorf("index.html: %q, want the latest export's date %s", got, asOf)
	}

	for _, f := range files(t, s.out) {
		dashboard := f == "index.html" || strings.HasPrefix(f, "districts/") && !strings.Contains(f, "/cases/") ||
			strings.HasPrefix(f, "categories/") || strings.HasPrefix(f, "reports/")
		if !dashboard || path.Ext(f) != ".html" {
			continue
		}
		page := parse(t, read(t, filepath.Join(s.out, f)))
		for _, td := range all(page, func(n *html.Node) bool { return n.Data == "td" && hasClass(n, "num") }) {
			if v := text(td); !viFigure.MatchString(v) {
				t.Errorf("%s: figure %q is not in Vietnamese form", f, v)
			}
		}
	}

	// Periods, date spans, the narrative's count and money: April 2024
	// closed, so its figures are those of its closing day.
	apr := readSiteData(t, s.src).freezeMonth(period.Period{Kind: period.Month, Year: 2024, N: 4})
	april, fines := int64(apr.tally.cases), apr.tally.fines
	for page, want := range map[string]string{
		"reports/2024-04/index.html": "BÁO CÁO Kết quả giám sát thông tin về trẻ em trên mạng tháng 4/2024",
		"reports/2024-Q2/index.html": "BÁO CÁO Kết quả giám sát thông tin về trẻ em trên mạng Quý II/2024",
		"reports/2024/index.html":    "BÁO CÁO Kết quả giám sát thông tin về trẻ em trên mạng năm 2024",
	} {
		if got := text(first(parse(t, read(t, filepath.Join(s.out, page))), tag("h1"))); got != want {
			t.Errorf("%s: title %q, want %q", page, got, want)
		}
	}
	report := parse(t, read(t, filepath.Join(s.out, "reports/2024-04/index.html")))
	if got := text(first(report, class("span"))); !strings.HasPrefix(got, "01/04/2024 – 30/04/2024") {
		t.Errorf("April report span %q", got)
	}
	narrative := text(first(report, class("narrative")))
	for _, want := range []string{
		"Trong tháng 4/2024, toàn tỉnh phát hiện " + viGroup(april) + " vụ việc",
		"tổng số tiền " + viGroup(fines) + " đ",
	} {
		if !strings.Contains(narrative, want) {
			t.Errorf("April narrative lacks %q: %s", want, narrative)
		}
	}

	// Names with the same count stand in Vietnamese alphabetical order
	// (Đ after D, Ư after U), which byte order would not give.
	col := collate.New(language.Vietnamese)
	tb := chartTable(t, doc, "chart-cases-by-district")
	ties := 0
	for i := 1; i < len(tb.rows); i++ {
		a, b := tb.rows[i-1], tb.rows[i]
		if a[1] == b[1] {
			ties++
			if col.CompareString(a[0], b[0]) > 0 {
				t.Errorf("tied districts %q before %q: not in Vietnamese order", a[0], b[0])
			}
		}
	}
	if ties == 0 {
		t.Log("no tied counts in the example site: the order of ties is tested in package render")
	}
}

// TestEnglishSite builds a sample site with language: en and checks that
// the dashboard speaks English: its words, periods, numbers and money, and
// none of the Vietnamese interface strings.
func TestEnglishSite(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	if err := sample.Write(src, sample.Options{Cases: 200, Seed: 11, Districts: 4, Years: 1}); err != nil {
		t.Fatal(err)
	}
	cfg := string(read(t, filepath.Join(src, "site.yaml")))
	en := regexp.MustCompile(`(?m)^language: vi\b`).ReplaceAllString(cfg, "language: en")
	if en == cfg {
		t.Fatal("the sample's site.yaml has no language: vi line: update the test")
	}
	if err := os.WriteFile(filepath.Join(src, "site.yaml"), []byte(en), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(filepath.Dir(src), "out")
	if err := buildSite(src, out); err != nil {
		t.Fatal(err)
	}

	// The cases in hand, as the first card shows them: its label, then its
	// figure in English form, counted from cases.csv.
	var inHand int64
	for _, r := range readCSV(t, filepath.Join(out, "data/cases.csv")) {
		if r["status"] == "detected" || r["status"] == "requested" {
			inHand++
		}
	}
	enGroup := func(n int64) string { return strings.ReplaceAll(viGroup(n), ".", ",") }
	pages := map[string][]string{
		"index.html": {"Data as of", "Backlog on", "In hand " + enGroup(inHand), "Overdue", "Awaiting a higher body", "New cases", "Units to watch",
			"Data table", "Periodic reports received", "Overview"},
		"reports/2022-04/index.html": {"REPORT", "April 2022", "the province detected", "Compared with the previous period"},
		"reports/2022-Q2/index.html": {"REPORT", "Q2 2022"},
		"downloads/index.html":       {"Downloads", "Column", "Meaning"},
		"404.html":                   {"Page not found"},
	}
	viWords := []string{"Số liệu tính đến", "Kỳ này", "Bảng số liệu", "Tổng quan", "Vụ việc phát hiện", "Tải dữ liệu",
		"Báo cáo theo kỳ", "vụ việc", "Đúng hạn", "Trễ hạn", "Chưa gửi", "Tổng:", "tháng ", "Quý ", "0 đ"}
	for page, want := range pages {
		doc := parse(t, read(t, filepath.Join(out, page)))
		if lang := attr(first(doc, tag("html")), "lang"); lang != "en" {
			t.Errorf("%s: lang=%q", page, lang)
		}
		body := text(first(doc, tag("body")))
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: no %q", page, w)
			}
		}
		// The interface, not the data: names from site.yaml, the
		// introduction from content/ and directive titles stay Vietnamese,
		// so they are taken out first.
		for _, n := range all(doc, func(n *html.Node) bool { return hasClass(n, "intro") || hasClass(n, "dated") }) {
			n.Parent.RemoveChild(n)
		}
		ui := text(first(doc, tag("body")))
		for _, name := range siteNames(t, src) {
			ui = strings.ReplaceAll(ui, name, "")
		}
		for _, w := range viWords {
			if i := strings.Index(ui, w); i >= 0 {
				t.Errorf("%s: Vietnamese interface text %q on an English site: …%s…", page, w, ui[max(0, i-60):min(len(ui), i+40)])
			}
		}
	}
}

// siteNames lists the names site.yaml gives, longest first.
func siteNames(t *testing.T, src string) []string {
	c := readConfig(t, src)
	var names []string
	for _, d := range c.Districts {
		names = append(names, d.Name, d.Short)
	}
	for _, x := range append(c.Categories, c.Platforms...) {
		names = append(names, x.Name)
	}
	var f struct{ Title, Organization string }
	if err := yaml.Unmarshal(read(t, filepath.Join(src, "site.yaml")), &f); err != nil {
		t.Fatal(err)
	}
	names = append(names, f.Title, f.Organization)
	// Longest first, so that a name inside another goes with it.
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if len(names[j]) > len(names[i]) {
				names[i], names[j] = names[j], names[i]
			}
		}
	}
	return names
}
