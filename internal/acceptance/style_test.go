package acceptance

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestStylesheet reads the published stylesheet for what print and the
// reader's colour setting need: A4 pages; in print no navigation, page
// breaks before the sections that start a sheet, table rows never split
// and table heads repeated; a dark palette when the system asks for one.
// Package e2e prints and screenshots the pages in a browser.
func TestStylesheet(t *testing.T) {
	css := string(read(t, filepath.Join(example(t).out, "assets/css/site.css")))
	css = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(css, "")
	printCSS := block(t, css, "@media print")
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`@page\s*\{[^}]*size:\s*A4`),
		regexp.MustCompile(`@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{[^}]*--bg:`),
	} {
		if !want.MatchString(css) {
			t.Errorf("site.css lacks %s", want)
		}
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`\.site-nav[^{]*\{[^}]*display:\s*none`),
		regexp.MustCompile(`\.page-break\s*\{[^}]*break-before:\s*page`),
		regexp.MustCompile(`(?:^|[\s,])tr[,\s][^{]*\{[^}]*break-inside:\s*avoid`),
		regexp.MustCompile(`thead\s*\{[^}]*display:\s*table-header-group`),
	} {
		if !want.MatchString(printCSS) {
			t.Errorf("the print stylesheet lacks %s", want)
		}
	}
	// The layouts mark the sections that start a sheet. A report is a
	// letter and its annex, which follows without forcing a sheet (docs.css).
	if doc := parse(t, read(t, filepath.Join(example(t).out, "reports/2024-04/index.html"))); len(all(doc, class("page-break"))) != 0 {
		t.Error("reports/2024-04/index.html: a section forces a printed page")
	}
	for _, page := range []string{"index.html", "districts/ben-luc/index.html"} {
		doc := parse(t, read(t, filepath.Join(example(t).out, page)))
		if len(all(doc, class("page-break"))) < 2 {
			t.Errorf("%s: fewer than two sections start a printed page", page)
		}
	}
}

// block returns the body of the CSS block that starts with head.
func block(t *testing.T, css, head string) string {
	i := strings.Index(css, head)
	if i < 0 {
		t.Fatalf("site.css has no %s", head)
	}
	depth := 0
	for j := i; j < len(css); j++ {
		switch css[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return css[i : j+1]
			}
		}
	}
	t.Fatalf("%s is not closed", head)
	return ""
}
