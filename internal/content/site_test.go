package content_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"giamsat/internal/build"
	"giamsat/internal/content"
)

// The tests below build testdata/buildsite whole, through internal/build,
// to see the links that cross from the documents to the dashboard and back.
// Its figures, counted by hand from its two exports (as_of 2022-06-01,
// overdue after 15 days):
//
//	child-violence: BL-1 requested 12/04 (open, overdue), BL-2 removed → 2 cases, 1 open, 1 overdue
//	child-privacy:  TA-1 detected 20/05 (open, 12 days), TA-2 closed  → 2 cases, 1 open, 0 overdue
const buildsite = "testdata/buildsite"

var wantFigures = map[string][3]string{
	"child-violence": {"2", "1", "1"},
	"child-privacy":  {"2", "1", "0"},
}

// buildSite publishes the site in dir and returns the output folder.
func buildSite(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	_, diags, err := build.Run(context.Background(), build.Options{Source: dir, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", diags.Text("en"))
	}
	return out
}

// hrefs returns the links inside the elements of class, in order.
func hrefs(n *content.HTMLNode, class string) []string {
	var out []string
	for _, sec := range n.Find(class) {
		for _, a := range sec.FindTag("a") {
			out = append(out, a.Attr("href"))
		}
	}
	return out
}

func TestBuildLinks(t *testing.T) {
	out := buildSite(t, buildsite)
	page := func(p string) *content.HTMLNode { return content.ParseHTML(t, filepath.Join(out, p)) }

	for _, tt := range []struct {
		page, class string
		want        []string
	}{
		// implements ↔ carried out by
		{"directives/512-so/index.html", "doc-carries", []string{"../283-bo/index.html"}},
		{"directives/283-bo/index.html", "doc-carried-by", []string{"../512-so/index.html"}},
		// directive → the dashboards of its categories, in site order
		{"directives/512-so/index.html", "doc-dashboards", []string{"../../categories/child-violence/index.html"}},
		{"directives/283-bo/index.html", "doc-dashboards", []string{"../../categories/child-violence/index.html", "../../categories/child-privacy/index.html"}},
		// category → its directives, newest first
		{"categories/child-violence/index.html", "directives", []string{"../../directives/512-so/index.html", "../../directives/283-bo/index.html"}},
		{"categories/child-privacy/index.html", "directives", []string{"../../directives/283-bo/index.html"}},
		// district → the directives of the categories it has cases in
		{"districts/ben-luc/index.html", "directives", []string{"../../directives/512-so/index.html", "../../directives/283-bo/index.html"}},
		{"districts/tan-an/index.html", "directives", []string{"../../directives/283-bo/index.html"}},
	} {
		if got := hrefs(page(tt.page), tt.class); !slices.Equal(got, tt.want) {
			t.Errorf("%s .%s links %q, want %q", tt.page, tt.class, got, tt.want)
		}
	}

	// Every link from a directive page leads to a page that was written.
	for _, p := range []string{"directives/512-so/index.html", "directives/283-bo/index.html", "directives/index.html"} {
		page(p).Walk(func(n *content.HTMLNode) {
			href := n.Attr("href")
			if n.Attr("href") == "" || strings.Contains(href, ":") || strings.HasPrefix(href, "#") {
				return
			}
			target := filepath.Join(out, filepath.Dir(p), strings.SplitN(href, "#", 2)[0])
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s links to %s, which is not there", p, href)
			}
		})
	}
}

// TestBuildFigures checks the figures a directive shows for each of its
// categories: the hand count above, and the same as the category's own
// dashboard says.
func TestBuildFigures(t *testing.T) {
	out := buildSite(t, buildsite)
	doc := content.ParseHTML(t, filepath.Join(out, "directives/283-bo/index.html"))
	cards := doc.Find("doc-card")
	if len(cards) != 2 {
		t.Fatalf("%d category cards, want 2", len(cards))
	}
	for _, card := range cards {
		href := card.FindTag("a")[0].Attr("href")
		key := strings.TrimSuffix(strings.TrimPrefix(href, "../../categories/"), "/index.html")
		var got [3]string
		for i, dd := range card.FindTag("dd") {
			got[i] = dd.Text()
		}
		if got != wantFigures[key] {
			t.Errorf("%s on the directive: %q, want %q", key, got, wantFigures[key])
		}
		dash := content.ParseHTML(t, filepath.Join(out, "categories", key, "index.html"))
		var shown [3]string
		for i, class := range []string{"figure-cases", "figure-open", "figure-overdue"} {
			if f := dash.Find(class); len(f) == 1 {
				shown[i] = f[0].FindTag("dd")[0].Text()
			}
		}
		if got != shown {
			t.Errorf("%s: the directive shows %q, the category's dashboard %q", key, got, shown)
		}
	}
}

// TestBuildPages checks the plain pages: at their path, in the navigation
// when they ask for it, the introduction on the overview; and that no page
// has an id twice, even when a heading is named like a part of the layout.
func TestBuildPages(t *testing.T) {
	out := buildSite(t, buildsite)
	overview := content.ParseHTML(t, filepath.Join(out, "index.html"))
	if intro := overview.Find("intro"); len(intro) != 1 || !strings.Contains(intro[0].Text(), "Lời giới thiệu của trang thử.") {
		t.Errorf("the overview lacks the introduction")
	}
	for _, p := range []string{"huong-dan/quy-trinh/index.html", "gioi-thieu/index.html"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("page not at its path: %v", err)
		}
	}
	var nav []string
	for _, n := range overview.Find("site-nav") {
		for _, a := range n.FindTag("a") {
			nav = append(nav, a.Attr("href"))
		}
	}
	if !slices.Contains(nav, "huong-dan/quy-trinh/index.html") || slices.Contains(nav, "gioi-thieu/index.html") {
		t.Errorf("navigation %q: want the menu page and not the other", nav)
	}

	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		seen := map[string]bool{}
		content.ParseHTML(t, p).Walk(func(n *content.HTMLNode) {
			if id := n.Attr("id"); id != "" {
				if seen[id] {
					t.Errorf("%s: id %q twice", p, id)
				}
				seen[id] = true
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	overview.Find("intro")[0].Walk(func(n *content.HTMLNode) {
		if n.Attr("id") != "" {
			ids = append(ids, n.Attr("id"))
		}
	})
	if want := []string{"main-1", "headline-title-1", "muc-chart-status", "directives-title-1"}; !slices.Equal(ids, want) {
		t.Errorf("introduction heading ids %q, want %q", ids, want)
	}
}

// TestBuildBasis checks that a case citing a directive that does not
// exist fails the build at the case, and publishes nothing.
func TestBuildBasis(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(buildsite)); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "data/ben-luc-2022-04.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), "basis: [512-so, 283-bo]", "basis: [512-so, 283-b0]", 1))
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	_, diags, err := build.Run(context.Background(), build.Options{Source: dir, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	// BL-2 starts on line 15 of the export.
	want := `data/ben-luc-2022-04.yaml:15:5: basis: no directive has the slug "283-b0"; did you mean "283-bo"?` + "\n"
	if got := diags.Text("en"); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a site was published despite the error")
	}
}
