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
// case's link to its row on the register page that lists it (the row's
// anchor): the register's order and paging and the index agree even when
// the register has several pages.
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
		file, anchor, _ := strings.Cut(href, "#")
		page, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
		if err != nil {
			t.Errorf("%s: %v", title, err)
			continue
		}
		pages[file] = true
		if kind != 4 {
			continue
		}
		// The anchor is the id of the case's row, and the row's first
		// cell is the case's id (overdue rows carry a class on every cell).
		row := regexp.MustCompile(`<tr id="` + regexp.QuoteMeta(anchor) + `"><td( class="[^"]*")?>` + regexp.QuoteMeta(title) + `</td>`)
		if anchor == "" || !row.Match(page) {
			t.Errorf("case %s links to %s, which has no row of that id for it", title, href)
		}
	}
	if !pages["cases/2/index.html"] || !pages["cases/3/index.html"] {
		t.Errorf("the cases should spread over three register pages; linked: %v", pages)
	}
}
