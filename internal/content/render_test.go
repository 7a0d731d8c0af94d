package content

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"giamsat/internal/format"
	"giamsat/internal/publish"
	"giamsat/internal/theme"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// build renders testdata/site with the embedded default theme.
func build(t *testing.T, lang string) string {
	t.Helper()
	set, diags := Load("testdata/site", testConfig())
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	th, err := theme.Load(theme.Options{Lang: lang, SiteTitle: "Giám sát thử", Organization: "Sở thử", Nav: set.MenuPages()})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	figures := map[string]Figures{"child-violence": {Total: 1234, Open: 56, Overdue: 7}}
	n, err := Render(publish.NewTree(out), th, set, figures)
	if err != nil {
		t.Fatal(err)
	}
	// three directives, the list, two pages
	if n != 6 {
		t.Errorf("Render wrote %d pages, want 6", n)
	}
	return out
}

func TestGolden(t *testing.T) {
	out := build(t, "vi")
	for _, name := range []string{"directives/cong-van-mau/index.html", "directives/ke-hoach-mau/index.html", "directives/index.html", "huong-dan/quy-trinh/index.html"} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata/golden", strings.ReplaceAll(strings.TrimSuffix(name, "/index.html"), "/", "_")+".html")
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", name, golden, got)
		}
	}
	// Same input, same bytes.
	again := build(t, "vi")
	for _, name := range []string{"directives/cong-van-mau/index.html", "directives/index.html"} {
		a, _ := os.ReadFile(filepath.Join(out, name))
		b, _ := os.ReadFile(filepath.Join(again, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestLetterParts checks that every part of the test letter is shown in
// its place: the letterhead's two columns, the subject under the number,
// recipients, body, "Nơi nhận" on the left and the signer on the right.
func TestLetterParts(t *testing.T) {
	out := build(t, "vi")
	doc := parse(t, filepath.Join(out, "directives/cong-van-mau/index.html"))
	letter := one(t, doc, "letter")
	// The parts, top to bottom, as Decree 30/2020 lays them out.
	for _, tt := range []struct {
		in   *node
		want []string
	}{
		{letter, []string{"letter-head", "letter-marks", "letter-recipients", "letter-body", "letter-foot", "letter-attachments"}},
		{one(t, letter, "letter-issuer"), []string{"letter-parent", "letter-org", "letter-number", "letter-subject"}},
		{one(t, letter, "letter-nation"), []string{"letter-motto", "letter-motto-sub", "letter-date"}},
		{one(t, letter, "letter-signer"), []string{"letter-authority", "letter-position", "letter-name"}},
	} {
		if got := classes(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("parts of .%s in order: %q, want %q", tt.in.attr["class"], got, tt.want)
		}
	}
	head := one(t, letter, "letter-head")
	issuer, nation := one(t, head, "letter-issuer"), one(t, head, "letter-nation")
	if head.children[0] != issuer || head.children[1] != nation {
		t.Error("the letterhead is not issuer on the left, national motto on the right")
	}
	foot := one(t, letter, "letter-foot")
	cc, signer := one(t, foot, "letter-cc"), one(t, foot, "letter-signer")
	if foot.children[0] != cc || foot.children[1] != signer {
		t.Error("the foot is not Nơi nhận on the left, signer on the right")
	}
	for _, tt := range []struct {
		in    *node
		class string
		want  string
	}{
		{issuer, "letter-parent", "UBND TỈNH LONG AN"},
		{issuer, "letter-org", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"},
		{issuer, "letter-number", "Số: 05/STTTT-TTra"},
		{issuer, "letter-subject", "V/v triển khai thực hiện Công văn số 283/TTra-BC&TTTTM"},
		{nation, "letter-motto", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{nation, "letter-motto-sub", "Độc lập - Tự do - Hạnh phúc"},
		{nation, "letter-date", "Long An, ngày 05 tháng 01 năm 2022"},
		{letter, "letter-urgency", "KHẨN"},
		{letter, "letter-internal", "LƯU HÀNH NỘI BỘ"},
		{letter, "letter-recipients", "Kính gửi: Đội Liên ngành kiểm tra về TTTT tỉnh; Phòng Văn hóa và Thông tin các huyện, thị xã, thành phố."},
		{cc, "letter-label", "Nơi nhận:"},
		{signer, "letter-authority", "KT. GIÁM ĐỐC"},
		{signer, "letter-position", "PHÓ GIÁM ĐỐC"},
		{signer, "letter-name", "Hồ Văn Dân"},
		{letter, "letter-attachments", "phu-luc.pdf (27 B)"},
	} {
		if got := one(t, tt.in, tt.class).Text(); !strings.Contains(got, tt.want) {
			t.Errorf(".%s = %q, want %q", tt.class, got, tt.want)
		}
	}
	var ccItems []string
	for _, li := range cc.FindTag("li") {
		ccItems = append(ccItems, li.Text())
	}
	if want := []string{"Như trên;", "Giám đốc, PGĐ Sở TTTT;", "Lưu: VT, TTra."}; !slices.Equal(ccItems, want) {
		t.Errorf("Nơi nhận %q, want %q", ccItems, want)
	}
	body := one(t, letter, "letter-body")
	if !strings.Contains(body.Text(), "Sở Thông tin và Truyền thông đề nghị các đơn vị tăng cường giám sát.") || len(body.FindTag("table")) != 1 {
		t.Errorf("body: %q", body.Text())
	}
	if h := body.FindTag("h2"); len(h) != 1 || h[0].attr["id"] != "1-noi-dung-thuc-hien" {
		t.Errorf("body heading: %+v", h)
	}

	links := func(n *node) []string {
		var out []string
		for _, a := range n.FindTag("a") {
			out = append(out, a.attr["href"])
		}
		return out
	}
	if got := links(one(t, letter, "letter-attachments")); !slices.Equal(got, []string{"files/phu-luc.pdf"}) {
		t.Errorf("attachment links %q", got)
	}
	copied, err := os.ReadFile(filepath.Join(out, "directives/cong-van-mau/files/phu-luc.pdf"))
	orig, _ := os.ReadFile("testdata/site/content/directives/files/phu-luc.pdf")
	if err != nil || !bytes.Equal(copied, orig) {
		t.Errorf("attachment not copied as it is: %v", err)
	}
	if got := links(one(t, doc, "doc-carries")); !slices.Equal(got, []string{"../283-ttra-2022/index.html"}) {
		t.Errorf("carries out %q", got)
	}
	dash := one(t, doc, "doc-dashboards")
	if got := links(dash); !slices.Equal(got, []string{"../../categories/child-violence/index.html", "../../categories/child-privacy/index.html"}) {
		t.Errorf("dashboards %q", got)
	}
	// Figures as the build gave them, in the site's number format; a
	// category without figures shows zeros.
	if cards := dash.Find("doc-card"); len(cards) != 2 || !strings.Contains(cards[0].Text(), "1.234") ||
		!strings.Contains(cards[0].Text(), "56") || !strings.Contains(cards[1].Text(), "0") {
		t.Errorf("dashboard cards: %q", dash.Text())
	}

	// The other direction: the Ministry letter lists what carries it out.
	bo := parse(t, filepath.Join(out, "directives/283-ttra-2022/index.html"))
	if got := links(one(t, bo, "doc-carried-by")); !slices.Equal(got, []string{"../cong-van-mau/index.html"}) {
		t.Errorf("carried out by %q", got)
	}
	if len(bo.Find("doc-carries")) != 0 || len(bo.Find("letter-signer")) != 0 {
		t.Error("the Ministry letter shows parts it does not have")
	}
}

// classes lists the first class of each child of n, in order.
func classes(n *node) []string {
	var out []string
	for _, c := range n.children {
		if f := strings.Fields(c.attr["class"]); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// TestPlanHeading checks a document other than a công văn: its kind in
// capitals above the subject (no "V/v"), and no "Kính gửi" when it has no
// recipients.
func TestPlanHeading(t *testing.T) {
	out := build(t, "vi")
	doc := parse(t, filepath.Join(out, "directives/ke-hoach-mau/index.html"))
	letter := one(t, doc, "letter")
	if got, want := classes(letter), []string{"letter-head", "letter-heading", "letter-body", "letter-foot"}; !slices.Equal(got, want) {
		t.Errorf("parts %q, want %q", got, want)
	}
	if len(one(t, letter, "letter-issuer").Find("letter-subject")) != 0 {
		t.Error("a plan has a V/v line under its number")
	}
	heading := one(t, letter, "letter-heading")
	if got := one(t, heading, "letter-kind").Text(); got != "KẾ HOẠCH" {
		t.Errorf("kind %q", got)
	}
	if got := one(t, heading, "letter-subject").Text(); got != "Giám sát thông tin về trẻ em trên mạng năm 2023" {
		t.Errorf("subject %q", got)
	}
	body := one(t, letter, "letter-body")
	if len(body.Find("footnotes")) != 1 || len(body.FindTag("sup")) != 1 {
		t.Errorf("footnote not rendered: %q", body.Text())
	}
	// Lists show the subject without V/v too.
	list := parse(t, filepath.Join(out, "directives/index.html"))
	if !strings.Contains(list.Text(), "Giám sát thông tin về trẻ em trên mạng năm 2023") || strings.Contains(list.Text(), "V/v Giám sát") {
		t.Errorf("list: %q", list.Text())
	}
	carried := one(t, parse(t, filepath.Join(out, "directives/cong-van-mau/index.html")), "doc-carried-by")
	if got := carried.Text(); !strings.Contains(got, "Kế hoạch 12/KH-STTTT") || !strings.Contains(got, "Giám sát thông tin") || strings.Contains(got, "V/v") {
		t.Errorf("carried out by: %q", carried.Text())
	}
}

func TestList(t *testing.T) {
	out := build(t, "en")
	doc := parse(t, filepath.Join(out, "directives/index.html"))
	table := doc.FindTag("table")[0]
	if table.attr["id"] != "directive-list" {
		t.Fatalf("the filters' table has id %q", table.attr["id"])
	}
	// Year rows, then one row per directive: date, number, subject,
	// issuer and kind, the last two carrying the filters' values.
	var rows []string
	for _, tr := range table.FindTag("tbody")[0].FindTag("tr") {
		if tr.HasClass("doc-year") {
			rows = append(rows, "year "+tr.Text())
			continue
		}
		td := tr.FindTag("td")
		rows = append(rows, td[0].attr["data-value"]+" "+td[1].FindTag("a")[0].attr["href"]+" "+td[3].attr["data-value"]+" "+td[4].attr["data-value"])
	}
	want := []string{
		"year 2023",
		"2023-02-14 ke-hoach-mau/index.html so-thong-tin-va-truyen-thong ke-hoach",
		"year 2022",
		"2022-04-01 283-ttra-2022/index.html thanh-tra-bo-thong-tin-va-truyen-thong cong-van",
		"2022-01-05 cong-van-mau/index.html so-thong-tin-va-truyen-thong cong-van",
	}
	if !slices.Equal(rows, want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
	var selects []string
	for _, s := range doc.FindTag("select") {
		opts := []string{s.attr["data-filter-for"], s.attr["data-filter-col"]}
		for _, o := range s.FindTag("option") {
			opts = append(opts, o.attr["value"])
		}
		selects = append(selects, strings.Join(opts, " "))
	}
	if want := []string{
		"directive-list 3  so-thong-tin-va-truyen-thong thanh-tra-bo-thong-tin-va-truyen-thong",
		"directive-list 4  cong-van ke-hoach",
	}; !slices.Equal(selects, want) {
		t.Errorf("filters %q, want %q", selects, want)
	}
	// Without JavaScript the filters stay hidden and the table is the list.
	if _, ok := one(t, doc, "filters").attr["hidden"]; !ok {
		t.Error("filters shown without JavaScript")
	}
}

func TestListYears(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/directives/a.md": minimal + "---\n",
		"content/directives/b.md": strings.Replace(minimal, "2022-04-05", "2023-01-02", 1) + "---\n",
		"content/directives/c.md": strings.Replace(strings.Replace(minimal, "2022-04-05", "2021-12-31", 1), "Công văn", "Kế hoạch", 1) + "---\n",
		"content/directives/d.md": strings.Replace(minimal, "1/X", "0/X", 1) + "---\n",
	})
	set, diags := Load(dir, testConfig())
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	v := indexView(set, format.New("vi"))
	var got []string
	for _, y := range v.Years {
		var slugs []string
		for _, it := range y.Items {
			slugs = append(slugs, strings.TrimSuffix(it.Href, "/index.html")+" "+it.Date)
		}
		got = append(got, fmt.Sprint(y.Year, slugs))
	}
	want := []string{"2023 [b 02/01/2023]", "2022 [d 05/04/2022 a 05/04/2022]", "2021 [c 31/12/2021]"}
	if !slices.Equal(got, want) {
		t.Errorf("years %q, want %q", got, want)
	}
	if len(v.Kinds) != 2 || v.Kinds[0].Label != "Công văn" || v.Kinds[1].Label != "Kế hoạch" || v.Count != 4 {
		t.Errorf("kinds %+v, count %d", v.Kinds, v.Count)
	}
}

// indexView is the view of directives/index.html.
func indexView(set *Set, f format.Formatter) *ListView {
	pages := set.listPages()
	return set.listView(pages, set.listYears(pages), 0, f)
}
