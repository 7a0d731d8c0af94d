package content

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/publish"
	"giamsat/internal/site"
	"giamsat/internal/theme"
)

func testConfig() *site.Config {
	return &site.Config{Categories: []site.Item{
		{Key: "child-violence", Name: "Hình ảnh, video bạo lực liên quan đến trẻ em"},
		{Key: "child-privacy", Name: "Lộ thông tin cá nhân của trẻ em"},
		{Key: "insult", Name: "Xúc phạm danh dự, nhân phẩm"},
		{Key: "false-news", Name: "Tin giả, tin sai sự thật"},
	}}
}

// writeSite makes a site folder holding files (path → text).
func writeSite(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const minimal = "---\nkind: Công văn\nnumber: 1/X\nissuer: Sở\nissued_on: 2022-04-05\nsubject: Thử\n"

func TestLoadTestdata(t *testing.T) {
	set, diags := Load("testdata/site", testConfig())
	if len(diags) > 0 {
		t.Fatalf("diags:\n%s", diags.Text("en"))
	}
	got := []string{}
	for _, d := range set.Directives() {
		got = append(got, d.Slug)
	}
	if want := []string{"ke-hoach-mau", "283-ttra-2022", "cong-van-mau"}; !slices.Equal(got, want) {
		t.Errorf("directives newest first = %v, want %v", got, want)
	}
	d := set.Directive("cong-van-mau")
	if d == nil {
		t.Fatal("no cong-van-mau")
	}
	want := Directive{
		Slug: "cong-van-mau", File: "content/directives/cong-van-mau.md", Kind: "Công văn",
		Number: "05/STTTT-TTra", Title: "Công văn 05/STTTT-TTra", ParentIssuer: "UBND TỈNH LONG AN",
		Issuer: "Sở Thông tin và Truyền thông", IssuedOn: period.New(2022, 1, 5), Place: "Long An",
		Subject: "triển khai thực hiện Công văn số 283/TTra-BC&TTTTM", Urgency: "KHẨN", Internal: true,
		Signer: Signer{Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Hồ Văn Dân"},
	}
	if d.Slug != want.Slug || d.File != want.File || d.Kind != want.Kind || d.Number != want.Number ||
		d.Title != want.Title || d.ParentIssuer != want.ParentIssuer || d.Issuer != want.Issuer ||
		d.IssuedOn != want.IssuedOn || d.Place != want.Place || d.Subject != want.Subject ||
		d.Urgency != want.Urgency || d.Internal != want.Internal || d.Signer != want.Signer {
		t.Errorf("got %+v\nwant %+v", *d, want)
	}
	if !slices.Equal(d.Recipients, []string{"Đội Liên ngành kiểm tra về TTTT tỉnh;", "Phòng Văn hóa và Thông tin các huyện, thị xã, thành phố."}) {
		t.Errorf("recipients %q", d.Recipients)
	}
	if !slices.Equal(d.CC, []string{"Như trên;", "Giám đốc, PGĐ Sở TTTT;", "Lưu: VT, TTra."}) {
		t.Errorf("cc %q", d.CC)
	}
	// Categories come back in site order, whatever order they were written in.
	if !slices.Equal(d.Categories, []string{"child-violence", "child-privacy"}) {
		t.Errorf("categories %q", d.Categories)
	}
	if len(d.Attachments) != 1 || d.Attachments[0].Path != "files/phu-luc.pdf" || d.Attachments[0].Size != 27 {
		t.Errorf("attachments %+v", d.Attachments)
	}
	if by := set.Directive("283-ttra-2022").ImplementedBy; !slices.Equal(by, []string{"cong-van-mau"}) {
		t.Errorf("283 implemented by %q", by)
	}
	if !strings.Contains(string(d.Body), `<h2 id="1-noi-dung-thuc-hien">1. Nội dung thực hiện</h2>`) || !strings.Contains(string(d.Body), "<table>") {
		t.Errorf("body:\n%s", d.Body)
	}
	var privacy []string
	for _, d := range set.ByCategory("child-privacy") {
		privacy = append(privacy, d.Href())
	}
	if want := []string{"directives/283-ttra-2022/index.html", "directives/cong-van-mau/index.html"}; !slices.Equal(privacy, want) {
		t.Errorf("ByCategory(child-privacy) = %q, want %q", privacy, want)
	}
	if got := set.ByCategory("insult"); len(got) != 0 {
		t.Errorf("ByCategory(insult) = %v", got)
	}
	if !strings.Contains(string(set.Intro()), "<strong>thử nghiệm</strong>") {
		t.Errorf("intro %q", set.Intro())
	}
	menu := set.MenuPages()
	if want := []theme.NavItem{{Title: "Quy trình báo cáo", Href: "huong-dan/quy-trinh/index.html"}, {Title: "Giới thiệu", Href: "gioi-thieu/index.html"}}; !slices.Equal(menu, want) {
		t.Errorf("menu %+v, want %+v", menu, want)
	}
}

func TestEncodings(t *testing.T) {
	text := minimal + "---\nDòng một\n\nDòng hai\n"
	for name, data := range map[string]string{
		"plain": text,
		"bom":   "\uFEFF" + text,
		"crlf":  strings.ReplaceAll(text, "\n", "\r\n"),
		"both":  "\uFEFF" + strings.ReplaceAll(text, "\n", "\r\n"),
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeSite(t, map[string]string{"content/directives/a.md": data})
			set, diags := Load(dir, testConfig())
			if len(diags) > 0 {
				t.Fatal(diags.Text("en"))
			}
			d := set.Directive("a")
			if d.Number != "1/X" || d.IssuedOn != period.New(2022, 4, 5) {
				t.Errorf("got %+v", d)
			}
			if want := "<p>Dòng một</p>\n<p>Dòng hai</p>\n"; string(d.Body) != want {
				t.Errorf("body %q, want %q", d.Body, want)
			}
		})
	}
	dir := writeSite(t, map[string]string{
		"content/a.md": "---\ntitle: x\n---\nTi\xe9ng Vi\xe9t\n",
		"content/b.md": "\xff\xfe-\x00-\x00",
	})
	_, diags := Load(dir, testConfig())
	text = diags.Text("en")
	for _, want := range []string{"content/a.md:4:3: the file is not UTF-8", "content/b.md:1:1: the file is saved as UTF-16"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
}

// TestErrors checks each front matter problem is reported at the place to
// fix, with what to do.
func TestErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // substrings of the English diagnostics, FILE:LINE:COL first
	}{
		{"unknown field", map[string]string{
			"content/directives/a.md": minimal + "issued_in: 2022-04-05\n---\n",
		}, []string{`content/directives/a.md:7:1: unknown field "issued_in"; did you mean "issued_on"?`}},
		{"unknown signer field", map[string]string{
			"content/directives/a.md": minimal + "signer:\n  name: A\n  titel: B\n---\n",
		}, []string{`content/directives/a.md:9:3: unknown field "titel"; did you mean "title"?`}},
		{"duplicate key", map[string]string{
			"content/directives/a.md": minimal + "subject: Lần hai\n---\n",
		}, []string{`content/directives/a.md:7:1: the key "subject" is given twice (lines 6 and 7)`}},
		{"bad date", map[string]string{
			"content/directives/a.md": strings.Replace(minimal, "2022-04-05", "31/04/2022", 1) + "---\n",
		}, []string{`content/directives/a.md:5:12: "31/04/2022" is not a day in the calendar`}},
		{"not a date", map[string]string{
			"content/directives/a.md": strings.Replace(minimal, "2022-04-05", "04-05-2022", 1) + "---\n",
		}, []string{`content/directives/a.md:5:12: "04-05-2022" is not a date`}},
		{"missing fields", map[string]string{
			"content/directives/a.md": "---\nplace: Long An\n---\n",
		}, []string{
			`content/directives/a.md:2:1: the document type (kind, e.g. Công văn) is missing`,
			`content/directives/a.md:2:1: the number and symbol`,
			`content/directives/a.md:2:1: the issuing body (issuer) is missing`,
			`content/directives/a.md:2:1: the date of issue (issued_on) is missing`,
			`content/directives/a.md:2:1: the subject`,
		}},
		{"unknown category", map[string]string{
			"content/directives/a.md": minimal + "categories: [child-violence, chld-privacy]\n---\n",
		}, []string{`content/directives/a.md:7:30: category "chld-privacy" is not in site.yaml; did you mean "child-privacy"?`}},
		{"unknown implements", map[string]string{
			"content/directives/a.md":             minimal + "implements:\n  - 283-ttra-2021\n---\n",
			"content/directives/283-ttra-2022.md": minimal + "---\n",
		}, []string{`content/directives/a.md:8:5: implements: no directive has the slug "283-ttra-2021"; did you mean "283-ttra-2022"?`}},
		{"implements itself", map[string]string{
			"content/directives/a.md": minimal + "implements: [a]\n---\n",
		}, []string{`content/directives/a.md:7:14: a directive cannot carry out itself`}},
		{"duplicate slug", map[string]string{
			"content/directives/a.md":      minimal + "---\n",
			"content/directives/2022/b.md": minimal + "slug: a\n---\n",
		}, []string{`content/directives/a.md: slug "a" is already used by content/directives/2022/b.md`}},
		{"bad slug", map[string]string{
			"content/directives/a.md": minimal + "slug: Công văn 5\n---\n",
		}, []string{`content/directives/a.md:7:7: slug "Công văn 5" is not valid: use lower-case letters without accents, digits and hyphens; write "cong-van-5"`}},
		{"bad file name", map[string]string{
			"content/directives/Công Văn.md": minimal + "---\n",
		}, []string{`content/directives/Công Văn.md: the name "Công Văn" cannot be part of a page address: use lower-case letters without accents, digits and hyphens; rename it "cong-van"`}},
		{"missing attachment", map[string]string{
			"content/directives/a.md": minimal + "attachments: [files/283.pdf]\n---\n",
		}, []string{`content/directives/a.md:7:15: attachment "files/283.pdf" is not there beside the directive`}},
		{"attachment climbs out", map[string]string{
			"content/directives/a.md": minimal + "attachments:\n  - ../../site.yaml\n---\n",
			"site.yaml":               "title: x\n",
		}, []string{`content/directives/a.md:8:5: attachment "../../site.yaml" leaves the directive's folder (..)`}},
		{"attachment climbs out midway", map[string]string{
			"content/directives/a.md": minimal + "attachments: [files/../../../site.yaml]\n---\n",
			"site.yaml":               "title: x\n",
		}, []string{`content/directives/a.md:7:15: attachment "files/../../../site.yaml" leaves the directive's folder (..)`}},
		{"attachment backslash", map[string]string{
			"content/directives/a.md": minimal + "attachments: ['..\\..\\site.yaml']\n---\n",
		}, []string{`content/directives/a.md:7:15: the path "..\\..\\site.yaml" uses \; separate folders with /`}},
		{"attachment absolute", map[string]string{
			"content/directives/a.md": minimal + "attachments: [/etc/passwd]\n---\n",
		}, []string{`content/directives/a.md:7:15: attachment "/etc/passwd" is an absolute path`}},
		{"attachment folder", map[string]string{
			"content/directives/a.md":         minimal + "attachments: [files]\n---\n",
			"content/directives/files/x.txt":  "x",
			"content/directives/files/y.txt":  "y",
			"content/directives/other/z.txt":  "z",
			"content/directives/other/zz.txt": "z",
		}, []string{`content/directives/a.md:7:15: "files" is not a file`}},
		{"bad urgency", map[string]string{
			"content/directives/a.md": minimal + "urgency: rất khẩn\n---\n",
		}, []string{`content/directives/a.md:7:10: urgency "rất khẩn" is not known; write one of: KHẨN, THƯỢNG KHẨN, HỎA TỐC`}},
		{"bad bool", map[string]string{
			"content/huong-dan/a.md": "---\ntitle: A\nmenu: có\n---\n",
		}, []string{`content/huong-dan/a.md:3:7: "có" is not true or false`}},
		{"bad weight", map[string]string{
			"content/a.md": "---\ntitle: A\nweight: nhất\n---\n",
		}, []string{`content/a.md:3:9: "nhất" is not a whole number`}},
		{"page without title", map[string]string{
			"content/a.md": "---\nmenu: true\n---\n",
		}, []string{`content/a.md:2:1: the page's title is missing: add title:`}},
		{"page unknown field", map[string]string{
			"content/a.md": "---\ntitle: A\nmenu: true\nwieght: 3\n---\n",
		}, []string{`content/a.md:4:1: unknown field "wieght"; did you mean "weight"?`}},
		{"page on a dashboard path", map[string]string{
			"content/cases.md": "---\ntitle: A\n---\n",
		}, []string{`content/cases.md: the page would be published at cases/, where the dashboard writes its own pages`}},
		{"two pages at one path", map[string]string{
			"content/a.md":         "---\ntitle: A\n---\n",
			"content/b.md":         "---\ntitle: B\nslug: a\n---\n",
			"content/ok/_index.md": "---\ntitle: OK\n---\n",
		}, []string{`content/b.md: this page and content/a.md are both published at a/`}},
		{"unclosed front matter", map[string]string{
			"content/a.md": "---\ntitle: A\n",
		}, []string{`content/a.md:1:1: the front matter opened with --- is never closed`}},
		{"list where text is wanted", map[string]string{
			"content/directives/a.md": minimal + "place: [Long An]\n---\n",
		}, []string{`content/directives/a.md:7:8: expected a single text value`}},
		{"front matter is a list", map[string]string{
			"content/directives/a.md": "---\n- kind: Công văn\n---\n",
		}, []string{`content/directives/a.md:2:1: expected fields written "name: value"`}},
		{"signer is text", map[string]string{
			"content/directives/a.md": minimal + "signer: Hồ Văn Dân\n---\n",
		}, []string{`content/directives/a.md:7:9: expected fields written "name: value" (authority, title, name)`}},
		{"signer without name", map[string]string{
			"content/directives/a.md": minimal + "signer: {authority: KT. GIÁM ĐỐC, title: PHÓ GIÁM ĐỐC}\n---\n",
		}, []string{`content/directives/a.md:7:9: the signer's name is missing: add name: under signer`}},
		{"date as a list", map[string]string{
			"content/directives/a.md": strings.Replace(minimal, "2022-04-05", "[2022-04-05]", 1) + "---\n",
		}, []string{`content/directives/a.md:5:12: expected a single text value`}},
		{"month first", map[string]string{
			"content/directives/a.md": strings.Replace(minimal, "2022-04-05", "04/13/2022", 1) + "---\n",
		}, []string{`content/directives/a.md:5:12: "04/13/2022" is not`}},
		{"empty number", map[string]string{
			"content/directives/a.md": strings.Replace(minimal, "1/X", `""`, 1) + "---\n",
		}, []string{`content/directives/a.md:3:9: the number and symbol (number, e.g. 283/TTra-BC&TTTTM) is missing`}},
		{"null date", map[string]string{
			"content/directives/a.md": strings.Replace(minimal, "2022-04-05", "~", 1) + "---\n",
		}, []string{`content/directives/a.md:5:12: the date of issue (issued_on) is missing`}},
		{"implements a mapping", map[string]string{
			"content/directives/a.md": minimal + "implements: {bo: true}\n---\n",
		}, []string{`content/directives/a.md:7:13: expected a list`}},
		{"recipients a mapping", map[string]string{
			"content/directives/a.md": minimal + "recipients:\n  phong: VHTT\n---\n",
		}, []string{`content/directives/a.md:8:3: expected a list`}},
		{"directive field on a page", map[string]string{
			"content/a.md": "---\ntitle: A\nkind: Công văn\n---\n",
		}, []string{`content/a.md:3:1: unknown field "kind"`}},
		{"page field misspelt", map[string]string{
			"content/a.md": "---\ntitle: A\nmneu: true\n---\n",
		}, []string{`content/a.md:3:1: unknown field "mneu"; did you mean "menu"?`}},
		{"category near a name", map[string]string{
			"content/directives/a.md": minimal + "categories: [tin gia]\n---\n",
		}, []string{`content/directives/a.md:7:14: category "tin gia" is not in site.yaml`}},
		{"yaml syntax", map[string]string{
			"content/directives/a.md": minimal + "place: \"Long An\n---\n",
		}, []string{`content/directives/a.md:`, `YAML syntax error`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, tt.files)
			_, diags := Load(dir, testConfig())
			text := diags.Text("en")
			for _, want := range tt.want {
				if !strings.Contains(text, want) {
					t.Errorf("missing %q in\n%s", want, text)
				}
			}
			if len(diags) != len(tt.want) && tt.name != "yaml syntax" {
				t.Errorf("%d diagnostics, want %d:\n%s", len(diags), len(tt.want), text)
			}
			for _, d := range diags {
				if d.VI == "" || d.EN == "" {
					t.Errorf("diag without both languages: %+v", d)
				}
			}
		})
	}
}

// TestCategoryNames checks that a category may be written by its key or
// its display name, in any case or Unicode form, and comes back as keys.
func TestCategoryNames(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/directives/a.md": minimal + "categories:\n  - Tin giả, tin sai sự thật\n  - CHILD-VIOLENCE\n  - \"Xu\u0301c pha\u0323m danh dư\u0323, nhân phâ\u0309m\"\n---\n",
	})
	set, diags := Load(dir, testConfig())
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	if got, want := set.Directive("a").Categories, []string{"child-violence", "insult", "false-news"}; !slices.Equal(got, want) {
		t.Errorf("categories %q, want %q", got, want)
	}
}

func TestAttachmentSymlink(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.txt")
	if err := os.WriteFile(secret, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, map[string]string{
		"content/directives/a.md":         minimal + "attachments: [out.txt, in.txt, ext/secret.txt]\n---\n",
		"content/directives/files/ok.txt": "ok",
	})
	if err := os.Symlink(secret, filepath.Join(dir, "content/directives/out.txt")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	// A link that stays inside content/ is fine.
	if err := os.Symlink("files/ok.txt", filepath.Join(dir, "content/directives/in.txt")); err != nil {
		t.Fatal(err)
	}
	// A folder linked to one outside is outside too.
	if err := os.Symlink(outside, filepath.Join(dir, "content/directives/ext")); err != nil {
		t.Fatal(err)
	}
	// A linked document pointing outside is refused as well.
	if err := os.Symlink(secret, filepath.Join(dir, "content/leak.md")); err != nil {
		t.Fatal(err)
	}
	_, diags := Load(dir, testConfig())
	text := diags.Text("en")
	for _, want := range []string{
		`content/directives/a.md:7:15: attachment "out.txt" is a symbolic link to somewhere outside content/`,
		`content/directives/a.md:7:32: attachment "ext/secret.txt" is a symbolic link to somewhere outside content/`,
		`content/leak.md: the file is a symbolic link to somewhere outside content/`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	if len(diags) != 3 {
		t.Errorf("want 3 diagnostics:\n%s", text)
	}
}

func TestLinks(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/directives/bo.md":    strings.Replace(minimal, "2022-04-05", "2022-04-01", 1) + "---\n",
		"content/directives/tinh.md":  minimal + "implements: [bo]\n---\n",
		"content/directives/huyen.md": strings.Replace(minimal, "2022-04-05", "2022-04-10", 1) + "implements: [tinh, bo]\n---\n",
	})
	set, diags := Load(dir, testConfig())
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	for slug, want := range map[string][]string{"bo": {"huyen", "tinh"}, "tinh": {"huyen"}, "huyen": nil} {
		if got := set.Directive(slug).ImplementedBy; !slices.Equal(got, want) {
			t.Errorf("%s implemented by %q, want %q", slug, got, want)
		}
	}
	cases := []export.Case{
		{ID: "A", Basis: []string{"bo", "tinh"}, Pos: export.Pos{File: "data/a.yaml", Line: 4, Col: 5}},
		{ID: "B", Basis: []string{"tinhh"}, Pos: export.Pos{File: "data/b.yaml", Line: 12, Col: 5}},
		{ID: "C", Basis: []string{"283-ttra-2022"}, Pos: export.Pos{File: "data/a.yaml", Line: 20, Col: 5}},
	}
	got := set.CheckBasis(cases).Text("en")
	want := `data/a.yaml:20:5: basis: no directive has the slug "283-ttra-2022"; write the slug of a file in content/directives/ (its name without .md)
data/b.yaml:12:5: basis: no directive has the slug "tinhh"; did you mean "tinh"?
`
	if got != want {
		t.Errorf("CheckBasis:\n%s\nwant:\n%s", got, want)
	}
}

func TestPagePaths(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/huong-dan/quy-trinh.md": "---\ntitle: Quy trình\n---\n",
		"content/huong-dan/_index.md":    "---\ntitle: Hướng dẫn\n---\n",
		"content/a.md":                   "---\ntitle: A\nslug: b\n---\n",
		"content/directives/_index.md":   "Các văn bản chỉ đạo.\n",
		"content/.draft.md":              "not read",
		"content/.git/x.md":              "not read",
		"content/notes.txt":              "not read",
	})
	set, diags := Load(dir, testConfig())
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	var got []string
	for _, p := range set.Pages() {
		got = append(got, p.Path)
	}
	if want := []string{"b", "huong-dan", "huong-dan/quy-trinh"}; !slices.Equal(got, want) {
		t.Errorf("paths %q, want %q", got, want)
	}
	if set.listIntro == nil || !strings.Contains(string(set.listIntro.Body), "Các văn bản chỉ đạo.") {
		t.Errorf("list intro %+v", set.listIntro)
	}
	if len(set.MenuPages()) != 0 || set.Intro() != "" {
		t.Error("menu or intro not empty")
	}
}

func TestNoContent(t *testing.T) {
	set, diags := Load(t.TempDir(), testConfig())
	if len(diags) > 0 || len(set.Directives()) != 0 || len(set.Pages()) != 0 {
		t.Errorf("empty site: %v %+v", diags, set)
	}
}

// Issue 13, item 3: a child's phone or identity number in a directive's
// subject, recipients or body, or in a page, is refused at its line,
// masked in the message, however it is written.
func TestPersonalDataRefused(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/directives/a.md": minimal[:len(minimal)-len("subject: Thử\n")] +
			"subject: Về em B, SĐT 0912 345 678\n" + // line 6
			"recipients: [UBND huyện, \"Phụ huynh em C (CCCD 079\\u200b123456789)\"]\n" + // line 7
			"---\n" +
			"Theo https://thuvienphapluat.vn/van-ban/283 (được phép).\n" + // line 9
			"Liên hệ mẹ em: 0912&#8203;345&#8203;678.\n" + // line 10
			"CMND 301.234.567; phạt 7.500.000 đồng.\n", // line 11
		"content/huong-dan/trang.md": "---\ntitle: Trang\n---\nGọi ０９８７６５４３２１\n", // line 4
	})
	_, diags := Load(dir, testConfig())
	type at struct {
		file string
		line int
	}
	var got []at
	for _, d := range diags {
		got = append(got, at{d.File, d.Line})
		for _, secret := range []string{"0912 345 678", "123456789", "301.234.567", "０９８７６５４３２１"} {
			if strings.Contains(d.Text("vi")+d.Text("en"), secret) {
				t.Errorf("message shows %q: %s", secret, d.Text("en"))
			}
		}
	}
	want := []at{
		{"content/directives/a.md", 6}, {"content/directives/a.md", 7},
		{"content/directives/a.md", 10}, {"content/directives/a.md", 11},
		{"content/huong-dan/trang.md", 4},
	}
	if !slices.Equal(got, want) {
		t.Errorf("refused at %v, want %v:\n%s", got, want, diags.Text("en"))
	}
}

// Issue 13, item 4: an attachment swapped for a link between the check and
// the copy (here: after Load, before Render) is never published from
// outside content/, whether the file or a folder on its way is swapped.
func TestAttachmentSwappedAfterCheck(t *testing.T) {
	for _, swap := range []string{"files/a.pdf", "files"} {
		t.Run(swap, func(t *testing.T) {
			outside := t.TempDir()
			if err := os.WriteFile(filepath.Join(outside, "a.pdf"), []byte("secret"), 0o644); err != nil {
				t.Fatal(err)
			}
			dir := writeSite(t, map[string]string{
				"content/directives/a.md":        minimal + "attachments: [files/a.pdf]\n---\n",
				"content/directives/files/a.pdf": "%PDF-1.4 ours",
			})
			set, diags := Load(dir, testConfig())
			if len(diags) > 0 {
				t.Fatal(diags.Text("en"))
			}
			victim := filepath.Join(dir, "content/directives", filepath.FromSlash(swap))
			if err := os.RemoveAll(victim); err != nil {
				t.Fatal(err)
			}
			target := outside
			if swap == "files/a.pdf" {
				target = filepath.Join(outside, "a.pdf")
			}
			if err := os.Symlink(target, victim); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			th, err := theme.Load(theme.Options{Lang: "vi", SiteTitle: "T", Organization: "O"})
			if err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			_, err = Render(publish.NewTree(out), th, set, nil)
			if err == nil {
				t.Error("Render copied an attachment swapped for a link to outside content/")
			}
			if b, _ := os.ReadFile(filepath.Join(out, "directives/a/files/a.pdf")); strings.Contains(string(b), "secret") {
				t.Error("the file outside content/ was published")
			}
		})
	}
}

// Issue 13, item 8: every folder the dashboard writes at the top of the
// site is refused as a page's address (content/search.md was dropped while
// the search index listed it).
func TestReservedPaths(t *testing.T) {
	// content/directives/ holds directives, not pages.
	for _, name := range []string{"404", "assets", "cases", "categories", "data", "districts", "downloads", "reports", "search"} {
		file := "content/" + name + ".md"
		dir := writeSite(t, map[string]string{file: "---\ntitle: T\n---\nx\n"})
		_, diags := Load(dir, testConfig())
		if len(diags) != 1 || !strings.Contains(diags[0].EN, "where the dashboard writes its own pages") {
			t.Errorf("%s: got\n%s", file, diags.Text("en"))
		}
	}
}

// Issue 13, item 8: an attachment in a folder literally named %2e%2e (or
// with # or ? in its name) is linked so that a browser, resolving the link
// from the directive's page, asks for that very file.
func TestAttachmentHrefResolves(t *testing.T) {
	for _, p := range []string{"%2e%2e/x.pdf", "%2E%2e/%2e%2e/y.pdf", "a b/c#d?.pdf", "%/z.pdf", "bình thường.pdf"} {
		page, _ := url.Parse("http://host/noi-bo/directives/a/")
		ref, err := url.Parse(pathHref(p))
		if err != nil {
			t.Fatalf("%q: %v", p, err)
		}
		if got, want := page.ResolveReference(ref).Path, "/noi-bo/directives/a/"+p; got != want {
			t.Errorf("%q links to %q, want %q", p, got, want)
		}
	}
}
