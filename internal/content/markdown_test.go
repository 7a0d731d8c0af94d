package content

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"giamsat/themes"
)

func render(t *testing.T, src string) string {
	t.Helper()
	html, err := convert(newMarkdown(), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return string(html)
}

// TestUnsafeMarkdown checks that nothing a document says can run script or
// fetch from outside the site.
func TestUnsafeMarkdown(t *testing.T) {
	tests := []struct {
		name, src string
		keep      string // text that must remain visible
	}{
		{"script block", "<script>alert(1)</script>\n", ""},
		{"inline script", "Xin <script>alert(1)</script> chào\n", "chào"},
		{"img onerror", `<img src=x onerror="alert(1)">` + "\n", ""},
		{"inline img onerror", `Ảnh <img src=x onerror=alert(1)> đây` + "\n", "đây"},
		{"iframe", "<iframe src=\"https://evil.example\"></iframe>\n", ""},
		{"javascript link", "[bấm](javascript:alert(1))\n", "bấm"},
		{"javascript upper", "[bấm](JaVaScRiPt:alert(1))\n", "bấm"},
		{"javascript entity", "[bấm](&#106;avascript:alert(1))\n", "bấm"},
		{"javascript tab", "[bấm](<java\tscript:alert(1)>)\n", "bấm"},
		{"vbscript link", "[bấm](vbscript:msgbox)\n", "bấm"},
		{"data link", "[tệp](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n", "tệp"},
		{"data png link", "[ảnh](data:image/png;base64,iVBORw0KGgo=)\n", "ảnh"},
		{"data image", "![ảnh](data:image/svg+xml;base64,PHN2Zz4=)\n", "ảnh"},
		{"javascript image", "![ảnh](javascript:alert(1))\n", "ảnh"},
		{"javascript autolink", "<javascript:alert(1)>\n", "javascript:alert(1)"},
		{"reference link", "[bấm][x]\n\n[x]: javascript:alert(1)\n", "bấm"},
		{"file link", "[tệp](file:///etc/passwd)\n", "tệp"},
		{"vbscript mixed case", "[bấm](VbScRiPt:msgbox(1))\n", "bấm"},
		{"data upper case", "[tệp](DATA:text/html,x)\n", "tệp"},
		{"javascript hex entity", "[bấm](&#x6A;avascript:alert(1))\n", "bấm"},
		{"javascript colon entity", "[bấm](javascript&colon;alert(1))\n", "bấm"},
		{"javascript tab entity", "[bấm](java&Tab;script:alert(1))\n", "bấm"},
		{"javascript numeric tab", "[bấm](java&#9;script:alert(1))\n", "bấm"},
		{"javascript newline entity", "[bấm](java&NewLine;script:alert(1))\n", "bấm"},
		{"javascript leading spaces", "[bấm](<  javascript:alert(1)>)\n", "bấm"},
		{"javascript control char", "[bấm](<\x01javascript:alert(1)>)\n", "bấm"},
		{"vbscript autolink", "<VBScript:msgbox(1)>\n", "VBScript:msgbox(1)"},
		{"data autolink", "<data:text/html;base64,PHNjcmlwdD4=>\n", "data:text/html;base64,PHNjcmlwdD4="},
		{"attribute breakout", `[a](https://x.example/"onmouseover="alert(1))` + "\n", "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(t, tt.src)
			lower := strings.ToLower(got)
			for _, bad := range []string{"<script", "<img", "<iframe", "onerror", "javascript:", "vbscript:", "data:", "file:", `"onmouseover`} {
				if strings.Contains(lower, bad) && !strings.Contains(strings.ToLower(tt.keep), bad) {
					t.Errorf("%q survived:\n%s", bad, got)
				}
			}
			if tt.keep != "" && !strings.Contains(got, tt.keep) {
				t.Errorf("text %q lost:\n%s", tt.keep, got)
			}
			if strings.Contains(tt.keep, ":") && strings.Contains(got, "<a") {
				t.Errorf("unsafe autolink still a link:\n%s", got)
			}
		})
	}
}

// TestRawHTML pins down what happens to HTML written in a document: it
// is dropped (goldmark leaves an "omitted" comment in its place), and the
// text between the tags stays.
func TestRawHTML(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Xin <b>chào</b> các bạn\n", "<p>Xin <!-- raw HTML omitted -->chào<!-- raw HTML omitted --> các bạn</p>\n"},
		{"<div onclick=\"alert(1)\">\nkhối\n</div>\n", "<!-- raw HTML omitted -->\n"},
		{"<!-- ghi chú -->\n", "<!-- raw HTML omitted -->\n"},
		{"`<b>mã</b>`\n", "<p><code>&lt;b&gt;mã&lt;/b&gt;</code></p>\n"},
		{"\\<b\\> viết bằng dấu \\\n", "<p>&lt;b&gt; viết bằng dấu \\</p>\n"},
	}
	for _, tt := range tests {
		if got := render(t, tt.src); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

func TestSafeMarkdown(t *testing.T) {
	tests := []struct{ src, want string }{
		{"[Luật Trẻ em](https://vbpl.vn/luat)\n", `<p><a href="https://vbpl.vn/luat">Luật Trẻ em</a></p>`},
		{"[quy trình](../../huong-dan/quy-trinh/index.html#cac-buoc)\n", `<p><a href="../../huong-dan/quy-trinh/index.html#cac-buoc">quy trình</a></p>`},
		{"[thư](mailto:stttt@longan.gov.vn)\n", `<p><a href="mailto:stttt@longan.gov.vn">thư</a></p>`},
		{"Xem https://mic.gov.vn ngay\n", `<p>Xem <a href="https://mic.gov.vn">https://mic.gov.vn</a> ngay</p>`},
		{"![sơ đồ](files/so-do.png)\n", `<p><img src="files/so-do.png" alt="sơ đồ"></p>`},
		// An image elsewhere would be fetched by the reader's browser: it
		// becomes a link to it instead.
		{"![logo](https://evil.example/t.gif)\n", `<p><a href="https://evil.example/t.gif">logo</a></p>`},
		{"~~cũ~~ mới\n", `<p><del>cũ</del> mới</p>`},
		{"Xem[^1].\n\n[^1]: Nghị định 15/2020.\n", `<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`},
		{"| A | B |\n|---|---|\n| 1 | 2 |\n", "<table>\n<thead>\n<tr>\n<th>A</th>"},
		{"a < b & c > d\n", "<p>a &lt; b &amp; c &gt; d</p>"},
	}
	for _, tt := range tests {
		if got := render(t, tt.src); !strings.Contains(got, tt.want) {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestHeadingIDs(t *testing.T) {
	src := "# Nơi nhận\n\n## Nơi nhận\n\n## Nơi nhận\n\n## Điều 1. Phạm vi\n\n## !!!\n\n## Thủ tục **hành chính**\n"
	got := render(t, src)
	for _, want := range []string{
		`<h1 id="noi-nhan">Nơi nhận</h1>`,
		`<h2 id="noi-nhan-1">Nơi nhận</h2>`,
		`<h2 id="noi-nhan-2">Nơi nhận</h2>`,
		`<h2 id="dieu-1-pham-vi">Điều 1. Phạm vi</h2>`,
		`<h2 id="muc">!!!</h2>`,
		`<h2 id="thu-tuc-hanh-chinh">Thủ tục <strong>hành chính</strong></h2>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	if got := render(t, "# Main\n"); !strings.Contains(got, `<h1 id="main-1">`) {
		t.Errorf("a heading took the layout's id main: %s", got)
	}
	// Ids start again on each document.
	if got := render(t, "# Nơi nhận\n"); !strings.Contains(got, `id="noi-nhan"`) {
		t.Errorf("second document: %s", got)
	}
}

// TestLayoutIDs keeps layoutID in step with the theme: every id written,
// literally or from a prefix and a name, by a layout that shows a document
// (and by the frame and partials around it) is one a heading may not take.
func TestLayoutIDs(t *testing.T) {
	idAttr := regexp.MustCompile(`id="([^"]*)"`)
	showsDocument := []string{"layouts/overview.html", "layouts/directive.html", "layouts/directives.html", "layouts/page.html"}
	err := fs.WalkDir(themes.Default, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if path.Dir(p) == "layouts" && !slices.Contains(showsDocument, p) {
			return nil
		}
		data, err := fs.ReadFile(themes.Default, p)
		if err != nil {
			return err
		}
		for _, m := range idAttr.FindAllStringSubmatch(string(data), -1) {
			id, _, templated := strings.Cut(m[1], "{{")
			switch {
			case templated && id == "":
				// The whole id comes from Go: the charts' (chart-…) and
				// the tables' (directive-list, case-register).
			case templated && !slices.Contains(layoutPrefixes, id):
				t.Errorf("%s: ids starting %q are not in layoutPrefixes", p, id)
			case !templated && !layoutID(id):
				t.Errorf("%s: id %q is not reserved by layoutID", p, id)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"main", "directive-list", "case-register", "headline-title", "chart-trend", "fig-chart-trend", "file-cases.csv"} {
		if !layoutID(id) {
			t.Errorf("layoutID(%q) = false", id)
		}
	}
	src := "# Main\n\n# Headline title\n\n# Chart trend\n\n# Chart trend\n\n# File cases\n"
	got := render(t, src)
	for _, want := range []string{`id="main-1"`, `id="headline-title-1"`, `id="muc-chart-trend"`, `id="muc-chart-trend-1"`, `id="muc-file-cases"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}
