package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"giamsat/internal/diag"
	"giamsat/internal/publish"
	"giamsat/internal/theme"
)

// manyDirectives writes a site of n directives with short bodies: 60% of
// them in 2024, 30% in 2023, the rest in 2022, so that two years need
// several pages and the last does not. Some subjects are long and full of
// characters the page escapes, and two slugs look like years.
func manyDirectives(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	folder := filepath.Join(dir, "content", "directives")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		year := 2024
		switch {
		case i >= n*9/10:
			year = 2022
		case i >= n*6/10:
			year = 2023
		}
		subject := fmt.Sprintf("Việc số %d", i)
		if i%7 == 0 {
			subject += strings.Repeat(` "Tổ chức & cá nhân" <vi phạm>`, 8)
		}
		slug := fmt.Sprintf("cv-%d", i)
		switch i {
		case 0:
			slug = "2024"
		case 1:
			slug = "year-2024"
		}
		text := fmt.Sprintf("---\nkind: %s\nnumber: %d/STTTT-TTra\nissuer: %s\nissued_on: %d-%02d-%02d\nsubject: '%s'\n---\nTrân trọng./.\n",
			[]string{"Công văn", "Kế hoạch", "Chỉ thị"}[i%3], i, []string{"Sở Thông tin và Truyền thông", "UBND tỉnh Long An"}[i%2],
			year, i%12+1, i%28+1, strings.ReplaceAll(subject, "'", "''"))
		if err := os.WriteFile(filepath.Join(folder, slug+".md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func renderSite(t *testing.T, dir string) (string, *Set) {
	t.Helper()
	set, diags := Load(dir, testConfig())
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	th, err := theme.Load(theme.Options{Lang: "vi", SiteTitle: "Giám sát thử"})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, err := Render(publish.NewTree(out), th, set, nil); err != nil {
		t.Fatal(err)
	}
	return out, set
}

// listFiles returns the list pages of out: directives/index.html and the
// index.html files under directives/year_*/.
func listFiles(t *testing.T, out string) []string {
	t.Helper()
	files := []string{"directives/index.html"}
	err := filepath.WalkDir(filepath.Join(out, "directives"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "directives/year_") && d.Name() == "index.html" {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// resolve is the file a link on the page at file leads to, from the site
// root.
func resolve(file, href string) string { return path.Join(path.Dir(file), href) }

func TestListSplit(t *testing.T) {
	const n = 3000
	dir := manyDirectives(t, n)
	out, set := renderSite(t, dir)
	files := listFiles(t, out)
	if len(files) < 6 {
		t.Fatalf("%d list pages %q: the test wants the list split", len(files), files)
	}
	listed := map[string]string{} // directive page → list page
	for _, file := range files {
		b, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		if len(b) >= 300_000 {
			t.Errorf("%s is %d bytes", file, len(b))
		}
		doc := parse(t, filepath.Join(out, file))
		for _, tr := range doc.FindTag("tbody")[0].FindTag("tr") {
			if tr.HasClass("doc-year") {
				continue
			}
			target := resolve(file, tr.FindTag("a")[0].attr["href"])
			if other, ok := listed[target]; ok {
				t.Errorf("%s is listed on %s and %s", target, other, file)
			}
			listed[target] = file
		}
		// Every link into directives/ leads to a page that exists and
		// names index.html.
		doc.Walk(func(a *node) {
			href, ok := a.attr["href"]
			if a.tag != "a" || !ok || strings.HasPrefix(href, "#") || strings.Contains(href, "assets/") {
				return
			}
			if !strings.HasSuffix(href, "index.html") || strings.Contains(href, "://") || strings.HasPrefix(href, "/") {
				t.Errorf("%s: link %q", file, href)
			}
			if target := resolve(file, href); strings.HasPrefix(target, "directives/") {
				if _, err := os.Stat(filepath.Join(out, target)); err != nil {
					t.Errorf("%s: link %q leads nowhere", file, href)
				}
			}
		})
	}
	if len(listed) != n {
		t.Errorf("%d directives listed, want %d", len(listed), n)
	}
	for i, d := range set.Directives() {
		page := d.Href()
		list, ok := listed[page]
		if !ok {
			t.Errorf("%s is on no list page", page)
			continue
		}
		if i%20 != 0 {
			continue // reading every page takes long; a sample shows the rule
		}
		// The directive's link back leads to the list page holding it.
		crumbs := one(t, parse(t, filepath.Join(out, page)), "doc-crumbs")
		if back := resolve(page, crumbs.FindTag("a")[0].attr["href"]); back != list {
			t.Errorf("%s links back to %s, listed on %s", page, back, list)
		}
	}
	// The slugs that look like years keep their folders.
	for _, slug := range []string{"2024", "year-2024"} {
		if _, ok := listed["directives/"+slug+"/index.html"]; !ok {
			t.Errorf("directive %s not listed", slug)
		}
	}

	checkListPages(t, out, set)

	// Same directives, same pages.
	again, _ := renderSite(t, dir)
	if got := listFiles(t, again); !slices.Equal(got, files) {
		t.Fatalf("second build's list pages %q, first %q", got, files)
	}
	for _, file := range files {
		a, _ := os.ReadFile(filepath.Join(out, file))
		b, _ := os.ReadFile(filepath.Join(again, file))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", file)
		}
	}
}

// checkListPages checks where the years of manyDirectives(3000) go: whole
// years on the index while they fit, then a folder for each older year,
// and a year that does not fit one page going on over numbered pages.
func checkListPages(t *testing.T, out string, set *Set) {
	t.Helper()
	var got []string
	pages := set.listPages()
	for _, p := range pages {
		got = append(got, fmt.Sprintf("%s %d", p.dir, p.n))
	}
	// 2024 starts on the index and goes on in its folder; 2022 fits one page.
	want := []string{"directives/ 1", "directives/year_2024/2/ 2"}
	if !slices.Equal(got[:2], want) || got[len(got)-1] != "directives/year_2022/ 1" {
		t.Errorf("pages %q", got)
	}
	// The navigation of a middle page of 2023: every year with its count,
	// and the pager of 2023's pages.
	var mid int
	for i, p := range pages {
		if p.year == 2023 && p.n == 2 {
			mid = i
		}
	}
	doc := parse(t, filepath.Join(out, pages[mid].dir, "index.html"))
	var years []string
	for _, li := range one(t, doc, "doc-years").FindTag("li") {
		a := li.FindTag("a")[0]
		years = append(years, li.Text()+" "+a.attr["href"]+" "+a.attr["aria-current"])
	}
	if want := []string{"2024 (1.800) ../../index.html ", "2023 (900) ../index.html page", "2022 (300) ../../year_2022/index.html "}; !slices.Equal(years, want) {
		t.Errorf("years %q, want %q", years, want)
	}
	pager := one(t, doc, "pager").FindTag("a")
	if len(pager) < 2 || pager[0].attr["href"] != "../index.html" || pager[1].attr["aria-current"] != "page" || pager[1].attr["href"] != "index.html" {
		t.Errorf("pager of %s: %v", pages[mid].dir, pager)
	}
	if title := doc.FindTag("h1")[0].Text(); title != "Văn bản chỉ đạo năm 2023 · trang 2" {
		t.Errorf("title %q", title)
	}
	if !strings.Contains(one(t, doc, "note").Text(), "chỉ lọc các văn bản trên trang này") {
		t.Error("a page of a split list does not say its filters see only it")
	}
}

// TestListFewYears checks that a short list stays on one page without the
// year navigation, and that small years join the index whole.
func TestListFewYears(t *testing.T) {
	out, set := renderSite(t, manyDirectives(t, 30))
	if pages := set.listPages(); len(pages) != 1 || pages[0].to != 30 {
		t.Fatalf("pages %+v", pages)
	}
	doc := parse(t, filepath.Join(out, "directives/index.html"))
	if len(doc.Find("doc-years")) != 0 || len(doc.Find("pager")) != 0 || len(doc.Find("note")) != 0 {
		t.Error("a one-page list has navigation")
	}
}

// TestLoadWorkers checks that the set and the diagnostics do not depend
// on how many files are read at once, on a site where several files have
// problems and two directives claim the same slug.
func TestLoadWorkers(t *testing.T) {
	files := map[string]string{
		"content/_index.md":                  "# Giới thiệu\n",
		"content/directives/_index.md":       "Các văn bản.\n",
		"content/directives/bad-yaml.md":     "---\nkind: [\n---\n",
		"content/directives/no-subject.md":   strings.Replace(minimal, "subject: Thử\n", "", 1) + "---\n",
		"content/directives/latin1.md":       minimal + "---\nTr\xe2n tr\xf4ng\n",
		"content/directives/unknown.md":      minimal + "implements: [cv-1O]\n---\n",
		"content/directives/dup-a.md":        minimal + "slug: same\n---\n",
		"content/directives/dup-b.md":        minimal + "slug: same\n---\n",
		"content/directives/Bad Name.md":     minimal + "---\n",
		"content/huong-dan/khong-tieu-de.md": "---\nmenu: true\n---\nx\n",
		"content/huong-dan/quy-trinh.md":     "---\ntitle: Quy trình\n---\n## Bước 1\n",
		"content/cases/x.md":                 "---\ntitle: X\n---\n",
	}
	for i := range 40 {
		files[fmt.Sprintf("content/directives/cv-%d.md", i)] = strings.Replace(minimal, "1/X", fmt.Sprintf("%d/X", i), 1) +
			fmt.Sprintf("implements: [cv-%d]\n---\n# Nội dung\n\n| A | B |\n|---|---|\n| %d | [x](https://a.vn) |\n", (i+1)%40, i)
	}
	dir := writeSite(t, files)
	set, diags := load(dir, testConfig(), 1)
	if len(diags) < 7 || len(set.Directives()) < 40 {
		t.Fatalf("%d directives, %d problems: the test wants both", len(set.Directives()), len(diags))
	}
	for _, workers := range []int{2, 3, 8, 64} {
		for range 3 {
			got, gotDiags := load(dir, testConfig(), workers)
			if !slices.Equal(gotDiags, diags) {
				t.Fatalf("%d workers: problems\n%s\nwant\n%s", workers, gotDiags.Text("en"), diag.List(diags).Text("en"))
			}
			if !reflect.DeepEqual(got, set) {
				t.Fatalf("%d workers: the set differs", workers)
			}
		}
	}
}
