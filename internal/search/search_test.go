package search

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"giamsat/internal/content"
	"giamsat/internal/export"
	"giamsat/internal/format"
	"giamsat/internal/period"
	"giamsat/internal/publish"
	"giamsat/internal/render"
	"giamsat/internal/site"
	"giamsat/internal/theme"
)

// fixture is the site in testdata/site with three cases, sorted by id as
// the build passes them.
type fixture struct {
	cfg   *site.Config
	set   *content.Set
	cases []export.Case
}

func load(t testing.TB) fixture {
	t.Helper()
	dir := filepath.Join("testdata", "site")
	cfg, diags := site.Load(dir)
	if len(diags) > 0 {
		t.Fatalf("site.yaml:\n%s", diags.Text("en"))
	}
	set, diags := content.Load(dir, cfg)
	if len(diags) > 0 {
		t.Fatalf("content:\n%s", diags.Text("en"))
	}
	day := func(s string) period.Date {
		d, err := period.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	cases := []export.Case{
		{ID: "BL-2022-0012", DetectedOn: day("2022-04-12"), District: "803", Status: export.Removed, Summary: "Clip học sinh đánh nhau ở Bến Lức bị chia sẻ"},
		{ID: "DH-2022-0003", DetectedOn: day("2022-04-20"), District: "802", Status: export.Detected, Summary: "Bài viết lộ thông tin học sinh Đức Hòa"},
		{ID: "TA-2022-0001", DetectedOn: day("2022-03-01"), District: "794", Status: export.Closed, Summary: "Tin giả về dịch bệnh"},
	}
	return fixture{cfg, set, cases}
}

func (f fixture) input(maxCases int) Input {
	return Input{
		Site:          f.cfg,
		Content:       f.set,
		Cases:         f.cases,
		CaseHref:      func(i int) string { return fmt.Sprintf("cases/%d/index.html", i+1) },
		DistrictPaths: []string{"districts/tan-an", "districts/tan-hung", "districts/duc-hue", "districts/duc-hoa", "districts/ben-luc"},
		MaxCases:      maxCases,
		Format:        format.New("vi"),
		Status:        func(s export.Status) string { return "<" + string(s) + ">" },
	}
}

func TestBuild(t *testing.T) {
	x := Build(load(t).input(0))
	type row struct {
		kind                      Kind
		title, number, text, meta string
		href                      string
		foldTitle, foldNumber     string
	}
	want := []row{
		{District, "Thành phố Tân An", "794", "", "Tân An", "districts/tan-an/index.html", "thanh pho tan an", "794"},
		{District, "Huyện Tân Hưng", "796", "", "Tân Hưng", "districts/tan-hung/index.html", "huyen tan hung", "796"},
		{District, "Huyện Đức Huệ", "801", "", "Đức Huệ", "districts/duc-hue/index.html", "huyen duc hue", "801"},
		{District, "Huyện Đức Hòa", "802", "", "Đức Hòa", "districts/duc-hoa/index.html", "huyen duc hoa", "802"},
		{District, "Huyện Bến Lức", "803", "", "Bến Lức", "districts/ben-luc/index.html", "huyen ben luc", "803"},
		{Category, "Hình ảnh, video bạo lực liên quan đến trẻ em", "child-violence", "", "", "categories/child-violence/index.html", "hinh anh, video bao luc lien quan den tre em", "child-violence"},
		{Category, "Tin giả, tin sai sự thật", "false-news", "", "", "categories/false-news/index.html", "tin gia, tin sai su that", "false-news"},
		// Newest first.
		{Directive, "Công văn 512/STTTT-TTra", "512/STTTT-TTra", "Rà soát thông tin về trẻ em trên mạng", "05/04/2022 · Sở Thông tin và Truyền thông",
			"directives/512-stttt-2022/index.html", "cong van 512/stttt-ttra", "512/stttt-ttra"},
		{Directive, "Công văn 283/TTra-BC&TTTTM", "283/TTra-BC&TTTTM", "Triển khai thực hiện kết luận của Ủy ban Văn hóa, Giáo dục của Quốc hội", "01/04/2022 · Thanh tra Bộ Thông tin và Truyền thông",
			"directives/283-ttra-2022/index.html", "cong van 283/ttra-bc&ttttm", "283/ttra-bc&ttttm"},
		{Page, "Quy trình báo cáo", "", "Các bước Phòng Văn hóa và Thông tin gửi tệp báo cáo trước ngày 05 hằng tháng.", "", "huong-dan/quy-trinh/index.html", "quy trinh bao cao", ""},
		// Most recently detected first; the link is to the page of the
		// case's place in id order.
		{Case, "DH-2022-0003", "", "Bài viết lộ thông tin học sinh Đức Hòa", "20/04/2022 · Đức Hòa · <detected>", "cases/2/index.html", "dh-2022-0003", ""},
		{Case, "BL-2022-0012", "", "Clip học sinh đánh nhau ở Bến Lức bị chia sẻ", "12/04/2022 · Bến Lức · <removed>", "cases/1/index.html", "bl-2022-0012", ""},
		{Case, "TA-2022-0001", "", "Tin giả về dịch bệnh", "01/03/2022 · Tân An · <closed>", "cases/3/index.html", "ta-2022-0001", ""},
	}
	var got []row
	for _, e := range x.Entries {
		got = append(got, row{e.Kind, e.Title, e.Number, e.Text, e.Meta, e.Href, e.FoldTitle, e.FoldNumber})
	}
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d:\n got  %+v\n want %+v", i, got[i], want[i])
		}
	}
	if x.Cases != 3 || x.Indexed != 3 {
		t.Errorf("cases %d, indexed %d; want 3, 3", x.Cases, x.Indexed)
	}

	bodies := map[string][]string{
		// aliases and the short name, folded
		"Huyện Bến Lức": {"ben luc h. ben luc"},
		// subject, kind, issuer and the Markdown's text without its markup
		"Công văn 283/TTra-BC&TTTTM": {"trien khai thuc hien ket luan cua uy ban van hoa, giao duc cua quoc hoi cong van thanh tra bo thong tin va truyen thong de nghi cac so phoi hop xu ly nghiem cac truong hop dang tai hinh anh bao luc tre em, bao cao theo quy trinh cua bo."},
		// a link's text is kept, its address is not; <b> is a tag, not text
		"Công văn 512/STTTT-TTra": {"tieu chi ra soat : xem huong dan ."},
		"TA-2022-0001":            {"tin gia ve dich benh"},
	}
	for _, e := range x.Entries {
		for _, want := range bodies[e.Title] {
			if !strings.Contains(e.FoldBody, want) {
				t.Errorf("%s: body %q does not hold %q", e.Title, e.FoldBody, want)
			}
		}
		if strings.ContainsAny(e.FoldBody, "<>") || strings.Contains(e.FoldBody, "quy-trinh/index.html") {
			t.Errorf("%s: markup in the body: %q", e.Title, e.FoldBody)
		}
	}
}

func TestBuildLimitsCases(t *testing.T) {
	tests := []struct {
		max  int
		want []string
	}{
		{1, []string{"DH-2022-0003"}},
		{2, []string{"DH-2022-0003", "BL-2022-0012"}},
		{10, []string{"DH-2022-0003", "BL-2022-0012", "TA-2022-0001"}},
		{-1, nil},
	}
	for _, tt := range tests {
		x := Build(load(t).input(tt.max))
		var got []string
		for _, e := range x.Entries {
			if e.Kind == Case {
				got = append(got, e.Title)
			}
		}
		if !slices.Equal(got, tt.want) || x.Indexed != len(tt.want) || x.Cases != 3 {
			t.Errorf("MaxCases %d: %v (indexed %d of %d), want %v", tt.max, got, x.Indexed, x.Cases, tt.want)
		}
	}
}

// Cases detected the same day keep id order.
func TestBuildSameDay(t *testing.T) {
	f := load(t)
	for i := range f.cases {
		f.cases[i].DetectedOn = f.cases[0].DetectedOn
	}
	var got []string
	for _, e := range Build(f.input(0)).Entries {
		if e.Kind == Case {
			got = append(got, e.Title)
		}
	}
	if want := []string{"BL-2022-0012", "DH-2022-0003", "TA-2022-0001"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// Text from the data cannot end the script or a string in it, and reads
// back as it was.
func TestWriteJSEscapes(t *testing.T) {
	f := load(t)
	hostile := "</script><script>alert(1)</script> & \u2028\u2029 \"quoted\" \\ ]]>"
	f.cases[0].Summary = hostile
	x := Build(f.input(0))
	var b strings.Builder
	kinds := [numKinds]string{"a", "b", "c", "d", "e"}
	if err := x.WriteJS(&b, kinds); err != nil {
		t.Fatal(err)
	}
	js := b.String()
	if strings.ContainsAny(js, "<>&\u2028\u2029") {
		t.Errorf("unescaped character in %q", js)
	}
	const prefix, suffix = "window.giamsatSearch = ", ";\n"
	if !strings.HasPrefix(js, prefix) || !strings.HasSuffix(js, suffix) {
		t.Fatalf("not one assignment: %.60q", js)
	}
	var back struct {
		Kinds   []string
		Cases   int
		Indexed int
		Entries [][]any
	}
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(js, prefix), suffix)), &back); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back.Kinds, kinds[:]) || back.Cases != 3 || back.Indexed != 3 || len(back.Entries) != len(x.Entries) {
		t.Errorf("read back %v %d %d %d entries", back.Kinds, back.Cases, back.Indexed, len(back.Entries))
	}
	found := false
	for _, e := range back.Entries {
		if e[1] == "BL-2022-0012" {
			found = true
			if e[3] != hostile {
				t.Errorf("summary read back as %q", e[3])
			}
		}
	}
	if !found {
		t.Error("case BL-2022-0012 not in the index")
	}
}

// The index folds like the query: NFC and NFD, upper and lower case and
// đ all come out the same.
func TestFoldedFields(t *testing.T) {
	f := load(t)
	f.cases[0].ID = "ĐBL-1"
	f.cases[0].Summary = norm.NFD.String("ĐỨC HÒA  và   Bến Lức")
	for _, e := range Build(f.input(0)).Entries {
		if e.Kind == Case && e.Title == "ĐBL-1" {
			if e.FoldTitle != "dbl-1" || e.FoldBody != "duc hoa va ben luc" {
				t.Errorf("folded %q, %q", e.FoldTitle, e.FoldBody)
			}
			return
		}
	}
	t.Error("case not found")
}

func TestWrite(t *testing.T) {
	f := load(t)
	out := t.TempDir()
	th, err := theme.Load(theme.Options{Lang: "vi", SiteTitle: f.cfg.Title})
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(publish.NewTree(out), th, f.cfg, f.set, f.cases, render.CaseRegisterHref(th, f.cfg, f.cases)); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, "search", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<script defer src="search-index.js"></script>`,
		`<script defer src="../assets/js/search.js"></script>`,
		`data-root="../"`,
		`id="search-q"`,
		"Tìm trong cả 3 vụ việc",
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	js, err := os.ReadFile(filepath.Join(out, "search", "search-index.js"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"kinds":["Huyện, thị xã, thành phố","Loại vi phạm","Văn bản","Trang","Vụ việc"]`) {
		t.Errorf("kinds not named: %.200s", js)
	}
}
