package search_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"giamsat/internal/build"
	"giamsat/internal/sample"
)

// Every entry of a built site's index links to a page of the site, and a
// case's link to the register page that lists it: the register's paging
// and the index agree even when the register has several pages.
func TestIndexLinksResolve(t *testing.T) {
	dir := t.TempDir()
	if err := sample.Write(dir, sample.Options{Cases: 1200, Seed: 3, Years: 1, Districts: 3}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, diags, err := build.Run(context.Background(), build.Options{Source: dir, Out: out}); err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	js, err := os.ReadFile(filepath.Join(out, "search", "search-index.js"))
	if err != nil {
		t.Fatal(err)
	}
	var index struct{ Entries [][]any }
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(string(js), "window.giamsatSearch = "), ";\n")), &index); err != nil {
		t.Fatal(err)
	}
	pages := map[string]bool{}
	for _, e := range index.Entries {
		kind, title, href := e[0].(float64), e[1].(string), e[5].(string)
		page, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(href)))
		if err != nil {
			t.Errorf("%s: %v", title, err)
			continue
		}
		pages[href] = true
		// Overdue rows carry a class on every cell.
		if kind == 4 && !regexp.MustCompile(`<td( class="[^"]*")?>`+regexp.QuoteMeta(title)+`</td>`).Match(page) {
			t.Errorf("case %s links to %s, which does not list it", title, href)
		}
	}
	if !pages["cases/2/index.html"] || !pages["cases/3/index.html"] {
		t.Errorf("the cases should spread over three register pages; linked: %v", pages)
	}
}
