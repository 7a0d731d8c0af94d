package search

import (
	"context"
	"net/url"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/text/unicode/norm"

	"giamsat/internal/browsertest"
	"giamsat/internal/publish"
	"giamsat/internal/render"
	"giamsat/internal/theme"
)

// browser starts headless Chromium, or skips the test when there is none.
func browser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.Start(t, 60*time.Second)
}

// The search script, run on the written page opened from disk, finds
// entries with and without diacritics and ranks them as search.js says.
// The expected lists are worked out by hand from testdata/site.
func TestSearchInBrowser(t *testing.T) {
	f := load(t)
	out := t.TempDir()
	th, err := theme.Load(theme.Options{Lang: "vi", SiteTitle: f.cfg.Title})
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(publish.NewTree(out), th, f.cfg, f.set, f.cases, render.CaseRegisterHref(th, f.cfg, f.cases)); err != nil {
		t.Fatal(err)
	}
	if err := th.CopyAssets(publish.NewTree(out)); err != nil {
		t.Fatal(err)
	}
	page := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(out, "search", "index.html"))}).String()
	ctx := browser(t)

	// The query in the address is searched on load: a link to a search
	// works, and the index arrived by <script src> from file://.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(page+"?q="+url.QueryEscape("ben luc")),
		chromedp.WaitVisible("#search-results li"),
	); err != nil {
		t.Fatal(err)
	}
	titles, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](resultTitles))
	if err != nil {
		t.Fatal(err)
	}
	status, err := chromedp.Run(ctx, chromedp.Text("#search-status"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Huyện Bến Lức", "Công văn 512/STTTT-TTra", "BL-2022-0012"}; !slices.Equal(titles, want) {
		t.Errorf("from the address: got %q, want %q", titles, want)
	}
	if status != "3 kết quả" {
		t.Errorf("status %q", status)
	}

	tests := []struct {
		query string
		want  []string
	}{
		// A title match comes before body matches, which keep index order
		// (directives before cases).
		{"ben luc", []string{"Huyện Bến Lức", "Công văn 512/STTTT-TTra", "BL-2022-0012"}},
		{"Bến Lức", []string{"Huyện Bến Lức", "Công văn 512/STTTT-TTra", "BL-2022-0012"}},
		{"  BẾN   LỨC ", []string{"Huyện Bến Lức", "Công văn 512/STTTT-TTra", "BL-2022-0012"}},
		{norm.NFD.String("bến lức"), []string{"Huyện Bến Lức", "Công văn 512/STTTT-TTra", "BL-2022-0012"}},
		// Đức Huệ is not Đức Hòa. 283's subject holds both words apart
		// ("Văn hóa, Giáo dục"): after the case that holds the phrase,
		// though directives come before cases in the index.
		{"duc hoa", []string{"Huyện Đức Hòa", "DH-2022-0003", "Công văn 283/TTra-BC&TTTTM"}},
		{"Đức Hòa", []string{"Huyện Đức Hòa", "DH-2022-0003", "Công văn 283/TTra-BC&TTTTM"}},
		{"Đức Hoà", []string{"Huyện Đức Hòa", "DH-2022-0003", "Công văn 283/TTra-BC&TTTTM"}},
		{"đức huệ", []string{"Huyện Đức Huệ"}},
		// Both hold "tan" and "an"; only Tân An holds the phrase.
		{"tan an", []string{"Thành phố Tân An", "Huyện Tân Hưng"}},
		// A number match before a document that cites the number.
		{"283", []string{"Công văn 283/TTra-BC&TTTTM", "Công văn 512/STTTT-TTra"}},
		{"283/ttra-bc&ttttm", []string{"Công văn 283/TTra-BC&TTTTM", "Công văn 512/STTTT-TTra"}},
		// The page's title before a directive that is earlier in the
		// index but has the words in its body only.
		{"quy trinh", []string{"Quy trình báo cáo", "Công văn 283/TTra-BC&TTTTM"}},
		{"xử lý nghiêm", []string{"Công văn 283/TTra-BC&TTTTM"}},
		// Cases by id and summary, most recent first.
		{"bl-2022-0012", []string{"BL-2022-0012"}},
		{"hoc sinh", []string{"DH-2022-0003", "BL-2022-0012"}},
		// Words match inside words: 283 holds "thông tin" and "giáo dục",
		// after the case that holds the phrase.
		{"tin gia", []string{"Tin giả, tin sai sự thật", "TA-2022-0001", "Công văn 283/TTra-BC&TTTTM"}},
		{"child-violence", []string{"Hình ảnh, video bạo lực liên quan đến trẻ em"}},
		{"không có đâu", nil},
		{"   ", nil},
	}
	for _, tt := range tests {
		got, err := typeQuery(ctx, tt.query, resultTitles)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.query, got, tt.want)
		}
	}

	// Links lead from the search page to the pages, relative.
	hrefs, err := typeQuery(ctx, "duc hoa", `[...document.querySelectorAll('#search-results li a')].map(a => a.getAttribute('href'))`)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"../districts/duc-hoa/index.html", "../cases/index.html#c-DH-2022-0003", "../directives/283-ttra-2022/index.html"}; !slices.Equal(hrefs, want) {
		t.Errorf("links %q, want %q", hrefs, want)
	}
}

const resultTitles = `[...document.querySelectorAll('#search-results li a')].map(a => a.textContent)`

// typeQuery puts query in the search box as typing would, then evaluates
// read on the results.
func typeQuery(ctx context.Context, query, read string) ([]string, error) {
	if err := chromedp.Do(ctx, chromedp.SetValue("#search-q", query)); err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](`document.getElementById('search-q').dispatchEvent(new Event('input')), `+read))
}
