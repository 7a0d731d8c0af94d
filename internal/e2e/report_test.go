package e2e

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"giamsat/internal/browsertest"
)

// command runs a tool for at most timeout.
func command(t *testing.T, timeout time.Duration, name string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return browsertest.Command(t, ctx, name, args...)
}

// monthReports are the month reports printed: the first closed month with
// corrections after its close, and one whose units reported late or not.
var monthReports = []string{"2022-04", "2024-04"}

// TestReportPrint prints month reports of the example site as Chromium
// prints them (the page size from the stylesheet) and reads the PDF with
// poppler: at most three A4 sheets, numbered at the top from the second
// on, as Decree 30/2020 numbers pages, and the letter before the annex.
func TestReportPrint(t *testing.T) {
	needBrowser(t)
	pdftotext, pdfinfo := browsertest.Tool(t, "pdftotext"), browsertest.Tool(t, "pdfinfo")
	dir := exampleSite(t)
	base := serve(t, dir)
	tb := newTab(t, base)
	for _, m := range monthReports {
		t.Run(m, func(t *testing.T) {
			tb.open(t, base+"reports/"+m+"/index.html")
			pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(t.TempDir(), m+".pdf")
			if err := os.WriteFile(name, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			pages := 0
			for line := range strings.Lines(string(command(t, time.Minute, pdfinfo, name))) {
				if v, ok := strings.CutPrefix(line, "Pages:"); ok {
					pages, _ = strconv.Atoi(strings.TrimSpace(v))
				}
			}
			if pages < 2 || pages > 3 {
				t.Errorf("the %s report prints on %d sheets, want 2 or 3 (the letter, then the annex)", m, pages)
			}
			for p := 1; p <= pages; p++ {
				n := strconv.Itoa(p)
				text := string(command(t, time.Minute, pdftotext, "-layout", "-f", n, "-l", n, name, "-"))
				first := ""
				for line := range strings.Lines(text) {
					if first = strings.TrimSpace(line); first != "" {
						break
					}
				}
				switch {
				case p == 1 && !strings.Contains(text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
					t.Errorf("sheet 1 is not the letter: %.200s", text)
				case p == 1 && first == "1":
					t.Error("sheet 1 is numbered; Decree 30/2020 numbers from the second")
				case p > 1 && first != n:
					t.Errorf("sheet %d starts %q, not its number", p, first)
				}
				if p == 2 && !strings.Contains(text, "PHỤ LỤC") && pages == 2 {
					t.Errorf("the annex does not start sheet 2: %.200s", text)
				}
			}
		})
	}
}

// TestReportDocx converts the Word file of a month report with LibreOffice
// (it opens, and prints on at most three sheets) and compares its text
// with the web page's: every paragraph of the narrative and every cell of
// the tables, in the page's order.
func TestReportDocx(t *testing.T) {
	soffice := browsertest.Tool(t, "soffice", "libreoffice")
	pdfinfo := browsertest.Tool(t, "pdfinfo")
	dir := exampleSite(t)
	m := monthReports[0]
	doc := filepath.Join(dir, "reports", m, "bao-cao-"+m+".docx")
	out := t.TempDir()
	profile := "-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(out, "profile"))
	for _, to := range []string{"txt:Text (encoded):UTF8", "pdf"} {
		command(t, 5*time.Minute, soffice, profile, "--headless", "--convert-to", to, "--outdir", out, doc)
	}
	base := filepath.Join(out, "bao-cao-"+m)
	info := string(command(t, time.Minute, pdfinfo, base+".pdf"))
	if !strings.Contains(info, "Pages:           2") && !strings.Contains(info, "Pages:           3") {
		t.Errorf("LibreOffice lays the .docx out on other than 2–3 sheets:\n%s", info)
	}
	b, err := os.ReadFile(base + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for l := range strings.Lines(strings.TrimPrefix(string(b), "\ufeff")) {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}

	page, err := os.ReadFile(filepath.Join(dir, "reports", m, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	want := webText(t, page)
	if len(want) < 50 {
		t.Fatalf("only %d paragraphs and cells read from the page", len(want))
	}
	i := 0
	for _, l := range lines {
		if i < len(want) && l == want[i] {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("the .docx lacks, in the page's order, %q (item %d of %d); its text:\n%s", want[i], i+1, len(want), strings.Join(lines, "\n"))
	}
}

// webText is the report page's narrative paragraphs and table cells, in
// order, each with its spaces collapsed; empty cells are left out.
func webText(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node, narrative bool)
	walk = func(n *html.Node, narrative bool) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "class" && strings.Contains(" "+a.Val+" ", " narrative ") {
					narrative = true
				}
				// The map stays on the screen: the document has its
				// figures in the annex's tables.
				if a.Key == "class" && strings.Contains(" "+a.Val+" ", " report-map ") {
					return
				}
			}
			if n.Data == "td" || n.Data == "th" || n.Data == "p" && narrative {
				if s := strings.Join(strings.Fields(textOf(n)), " "); s != "" {
					out = append(out, s)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, narrative)
		}
	}
	walk(doc, false)
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
