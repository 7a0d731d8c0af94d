package content

import (
	"strings"
	"testing"
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
		{"attribute breakout", `[a](https://x.example/"onmouseover="alert(1))` + "\n", "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(t, tt.src)
			lower := strings.ToLower(got)
			for _, bad := range []string{"<script", "<img", "<iframe", "onerror", "javascript:", "vbscript:", "data:", "file:", `"onmouseover`} {
				if strings.Contains(lower, bad) && !strings.Contains(tt.keep, bad) {
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
