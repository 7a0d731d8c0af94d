package build

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"giamsat/internal/parsecache"
	"giamsat/internal/sample"
)

// reuseSite is a sample site whose registers span several pages, so that
// a change touches some pages and not others.
func reuseSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := sample.Write(dir, sample.Options{Cases: 1500, Seed: 5, Years: 1, Districts: 3}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// rebuild builds src into out, keeping what earlier builds into out left
// when it may, and returns the summary and the output.
func rebuild(t *testing.T, src, out string, cache parsecache.Store) (Summary, map[string]string) {
	t.Helper()
	sum, diags, err := Run(context.Background(), Options{Source: src, Out: out, Cache: cache, Version: "v1"})
	if err != nil || len(diags) > 0 {
		t.Fatalf("Run: %v %v", err, diags)
	}
	return sum, snapshot(t, out)
}

// fresh builds src from nothing, without cache or earlier output.
func fresh(t *testing.T, src string) map[string]string {
	t.Helper()
	_, _, files := buildWith(t, src, nil, "")
	return files
}

// A build that keeps files of earlier ones publishes exactly what a build
// from nothing publishes, after every kind of change between builds.
func TestReuseEqualsFreshBuild(t *testing.T) {
	src := reuseSite(t)
	out := filepath.Join(t.TempDir(), "public")
	cache := parsecache.NewMemory()
	dataFile := firstDataFile(t, src)
	steps := []struct {
		name     string
		change   func()
		wantKept bool
	}{
		{"first build", func() {}, false},
		{"second build, no earlier site to start from", func() {}, false},
		{"nothing changed", func() {}, true},
		{"a case added", func() { addCaseCopy(t, dataFile, "x1") }, true},
		{"another case added", func() { addCaseCopy(t, dataFile, "x2") }, true},
		{"a directive added", func() {
			writeFile(t, filepath.Join(src, "content/directives/12-stttt-2024.md"), "---\nkind: Công văn\nnumber: 12/STTTT\nissuer: Sở Thông tin và Truyền thông\nissued_on: 2024-03-01\nsubject: Thử\n---\nNội dung.\n")
		}, true},
		{"the site's title changed", func() { replaceIn(t, filepath.Join(src, "site.yaml"), "title: ", "title: Mới – ") }, false},
		{"a theme file overridden", func() {
			writeFile(t, filepath.Join(src, "themes/default/layouts/partials/footer.html"), "<footer>thử</footer>\n")
		}, false},
		{"the cases added taken out", func() { removeCaseCopies(t, dataFile) }, false},
		{"the same again", func() {}, true},
	}
	for _, st := range steps {
		st.change()
		sum, got := rebuild(t, src, out, cache)
		want := fresh(t, src)
		if !maps.Equal(got, want) {
			t.Fatalf("%s: the output differs from a build from nothing in:\n%s", st.name, diffFiles(want, got))
		}
		if st.wantKept != (sum.Kept > sum.Written/2) {
			t.Errorf("%s: kept %d of %d files", st.name, sum.Kept, sum.Written)
		}
		if sum.Kept > 0 && !strings.Contains(sum.Text(), "không đổi") {
			t.Errorf("%s: summary %q does not say how many files were kept", st.name, sum.Text())
		}
	}
}

// A file of the earlier site changed, removed or added by hand is never
// published as if the build had made it.
func TestReuseTrustsNoChangedFile(t *testing.T) {
	src := reuseSite(t)
	out := filepath.Join(t.TempDir(), "public")
	cache := parsecache.NewMemory()
	for range 2 {
		rebuild(t, src, out, cache)
	}
	want := fresh(t, src)
	spare := filepath.Join(filepath.Dir(out), ".public.spare")
	page := filepath.Join(spare, "cases", "index.html")
	info, err := os.Stat(page)
	if err != nil {
		t.Fatal(err)
	}
	// Same size, same mtime: only the change time tells.
	b, _ := os.ReadFile(page)
	copy(b[len(b)-20:], strings.Repeat("x", 20))
	writeFile(t, page, string(b))
	if err := os.Chtimes(page, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(spare, "index.html")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(spare, "stray", "index.html"), "not made by a build")
	writeFile(t, filepath.Join(spare, "districts", "stray.html"), "not made by a build")
	if err := os.Remove(filepath.Join(spare, "assets", "js", "site.js")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(spare, "assets", "js", "site.js"), 0o755); err != nil {
		t.Fatal(err)
	}
	sum, got := rebuild(t, src, out, cache)
	if !maps.Equal(got, want) {
		t.Fatalf("the output differs from a build from nothing in:\n%s", diffFiles(want, got))
	}
	if sum.Kept == 0 {
		t.Error("nothing was kept; the test shows nothing")
	}
}

// A damaged or foreign manifest makes the build write everything.
func TestReuseDamagedManifest(t *testing.T) {
	for name, damage := range map[string]func(string) string{
		"cut short":     func(s string) string { return s[:len(s)/2] },
		"other program": func(s string) string { return strings.Replace(s, "giamsat-manifest 1 ", "giamsat-manifest 1 00", 1) },
		"bad path":      func(s string) string { return strings.Replace(s, `"index.html"`, `"../index.html"`, 1) },
		"empty":         func(string) string { return "" },
	} {
		t.Run(name, func(t *testing.T) {
			src := reuseSite(t)
			out := filepath.Join(t.TempDir(), "public")
			cache := parsecache.NewMemory()
			for range 2 {
				rebuild(t, src, out, cache)
			}
			manifest := filepath.Join(filepath.Dir(out), ".public.spare.manifest")
			b, err := os.ReadFile(manifest)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, manifest, damage(string(b)))
			sum, got := rebuild(t, src, out, cache)
			if want := fresh(t, src); !maps.Equal(got, want) {
				t.Fatalf("the output differs from a build from nothing in:\n%s", diffFiles(want, got))
			}
			if sum.Kept != 0 {
				t.Errorf("kept %d files on the word of a damaged manifest", sum.Kept)
			}
		})
	}
}

// Without a cache (--no-cache) a build starts from nothing and leaves no
// spare site behind; another program's spare is not used either.
func TestReuseNeedsCacheAndSameProgram(t *testing.T) {
	src := reuseSite(t)
	out := filepath.Join(t.TempDir(), "public")
	cache := parsecache.NewMemory()
	for range 2 {
		rebuild(t, src, out, cache)
	}
	sum, _, err := Run(context.Background(), Options{Source: src, Out: out, Cache: cache, Version: "v2"})
	if err != nil || sum.Kept != 0 {
		t.Errorf("another version kept %d files (err %v)", sum.Kept, err)
	}
	if _, _, err := Run(context.Background(), Options{Source: src, Out: out}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".public.spare", ".public.manifest", ".public.spare.manifest"} {
		if _, err := os.Stat(filepath.Join(filepath.Dir(out), name)); err == nil {
			t.Errorf("a build without cache left %s beside the output", name)
		}
	}
}

func firstDataFile(t *testing.T, src string) string {
	t.Helper()
	var first string
	filepath.WalkDir(filepath.Join(src, "data"), func(p string, d os.DirEntry, err error) error {
		if err == nil && first == "" && strings.HasSuffix(p, ".yaml") {
			first = p
		}
		return err
	})
	if first == "" {
		t.Fatal("no data file")
	}
	return first
}

const copiesMark = "\n# test: copies\n"

// addCaseCopy adds to an export a copy of its first case under its id
// with suffix added.
func addCaseCopy(t *testing.T, name, suffix string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "\n  - id: ")
	if i < 0 {
		t.Fatalf("%s has no case", name)
	}
	block := s[i+1:]
	if j := strings.Index(block[1:], "\n  - id: "); j >= 0 {
		block = block[:j+2]
	}
	if k := strings.Index(block, copiesMark); k >= 0 {
		block = block[:k+1]
	}
	eol := strings.IndexByte(block, '\n')
	if !strings.Contains(s, copiesMark) {
		s = strings.TrimRight(s, "\n") + copiesMark
	}
	s += block[:eol] + "." + suffix + block[eol:]
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	// The file's time must move on even within the clock's granularity.
	writeFile(t, name, s)
	later := time.Now().Add(time.Duration(len(s)) * time.Millisecond)
	os.Chtimes(name, later, later)
}

func removeCaseCopies(t *testing.T, name string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if i := strings.Index(string(b), copiesMark); i >= 0 {
		writeFile(t, name, string(b[:i])+"\n")
	}
}
