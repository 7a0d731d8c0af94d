package docx

import (
	"bytes"
	"context"
	"giamsat/internal/browsertest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// squash drops whitespace and normalises, since a PDF's text breaks lines,
// stretches justified spaces and may decompose or ligate letters.
func squash(s string) string {
	return strings.Join(strings.Fields(norm.NFKC.String(s)), "")
}

// TestOpensInLibreOffice converts the sample report to PDF as the
// Department's staff would see it printed. Set DOCX_KEEP to a directory to
// keep the .docx and .pdf for a look.
func TestOpensInLibreOffice(t *testing.T) {
	soffice := browsertest.Tool(t, "soffice", "libreoffice")
	pdftotext, pdfinfo := browsertest.Tool(t, "pdftotext"), browsertest.Tool(t, "pdfinfo")
	dir := t.TempDir()
	doc := writeDoc(t, sampleReport())
	src := filepath.Join(dir, "report.docx")
	if err := os.WriteFile(src, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 120*time.Second)
	defer cancel()
	browsertest.Command(t, ctx, soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "lo"),
		"--convert-to", "pdf", "--outdir", dir, src)
	pdf := filepath.Join(dir, "report.pdf")
	if keep := os.Getenv("DOCX_KEEP"); keep != "" {
		for _, f := range []string{src, pdf} {
			if b, err := os.ReadFile(f); err == nil {
				_ = os.WriteFile(filepath.Join(keep, filepath.Base(f)), b, 0o644)
			}
		}
	}

	info := string(browsertest.Command(t, ctx, pdfinfo, pdf))
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", info)
	}
	if n, _ := strconv.Atoi(m[1]); n > 3 || n < 2 {
		t.Errorf("pages = %d, want 2 or 3", n)
	}

	// -raw keeps the order LibreOffice laid the text out in, cell by cell,
	// which is the document's order. A page after the first opens with its
	// number, which would cut a paragraph running over in two.
	raw := strings.Split(string(browsertest.Command(t, ctx, pdftotext, "-raw", pdf, "-")), "\f")
	for i := 1; i < len(raw); i++ {
		raw[i] = strings.TrimPrefix(raw[i], strconv.Itoa(i+1)+"\n")
	}
	got := squash(strings.Join(raw, ""))
	want, err := Text(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	at := 0
	for _, item := range want {
		i := strings.Index(got[at:], squash(item))
		if i < 0 {
			t.Errorf("%q missing from the PDF, or out of order, after %q", item, got[max(0, at-40):at])
			continue
		}
		at += i + len(squash(item))
	}

	// The page number stands alone at the top centre from page 2 on: its
	// box lies in the top margin (20 mm) and centred on the text width.
	bbox := string(browsertest.Command(t, ctx, pdftotext, "-bbox", "-f", "1", "-l", "2", pdf, "-"))
	pages := strings.Split(bbox, "<page ")[1:]
	if len(pages) != 2 {
		t.Fatalf("bbox: %d pages", len(pages))
	}
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	const top, centre = 20 / 25.4 * 72, (30 + (210-30-15)/2.0) / 25.4 * 72
	for p, page := range pages {
		var inMargin []string
		for _, w := range word.FindAllStringSubmatch(page, -1) {
			x0, _ := strconv.ParseFloat(w[1], 64)
			x1, _ := strconv.ParseFloat(w[3], 64)
			y1, _ := strconv.ParseFloat(w[4], 64)
			if y1 < top {
				inMargin = append(inMargin, w[5])
				if c := (x0 + x1) / 2; c < centre-15 || c > centre+15 {
					t.Errorf("page %d: %q at x %.0f pt, want centred at %.0f", p+1, w[5], c, centre)
				}
			}
		}
		want := []string{strconv.Itoa(p + 1)}
		if p == 0 {
			want = nil // the first page carries no number
		}
		if strings.Join(inMargin, " ") != strings.Join(want, " ") {
			t.Errorf("page %d: top margin holds %q, want %q", p+1, inMargin, want)
		}
	}
}
