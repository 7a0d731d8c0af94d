package acceptance

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"giamsat/internal/sample"
	"giamsat/themes"
)

// TestThemeOverride builds a site whose themes/custom/ folder holds two
// files, a partial and the stylesheet, with theme: custom in site.yaml:
// those two replace the default theme's, and every other file of the
// default theme is used as it is.
func TestThemeOverride(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	if err := sample.Write(src, sample.Options{Cases: 40, Seed: 9, Districts: 2, Years: 1}); err != nil {
		t.Fatal(err)
	}
	const footer = `<footer class="site-footer"><p class="custom-footer">Chân trang riêng của tỉnh</p></footer>`
	const css = "/* custom */ body { font-family: serif; }\n"
	write := func(rel, text string) {
		name := filepath.Join(src, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("themes/custom/layouts/partials/footer.html", footer)
	write("themes/custom/assets/css/site.css", css)
	cfg := string(read(t, filepath.Join(src, "site.yaml")))
	if strings.Contains(cfg, "\ntheme:") {
		t.Fatal("the sample's site.yaml names a theme: update the test")
	}
	write("site.yaml", cfg+"\ntheme: custom\n")

	out := filepath.Join(filepath.Dir(src), "out")
	if err := buildSite(src, out); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"index.html", "downloads/index.html", "reports/index.html", "404.html"} {
		b := read(t, filepath.Join(out, page))
		if !bytes.Contains(b, []byte(footer)) {
			t.Errorf("%s: the custom footer is not there", page)
		}
		if !bytes.Contains(b, []byte(`class="site-nav"`)) {
			t.Errorf("%s: the default navigation is gone", page)
		}
	}
	if got := string(read(t, filepath.Join(out, "assets/css/site.css"))); got != css {
		t.Errorf("assets/css/site.css is not the custom one: %.60q", got)
	}
	// Every other asset is the default theme's, byte for byte.
	err := fs.WalkDir(themes.Default, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "assets/css/site.css" {
			return err
		}
		want, err := fs.ReadFile(themes.Default, p)
		if err != nil {
			return err
		}
		if got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p))); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not the default theme's", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// A theme the site does not have is an error, and publishes nothing.
	write("site.yaml", cfg+"\ntheme: missing\n")
	bad := filepath.Join(filepath.Dir(src), "bad")
	if err := buildSite(src, bad); err == nil {
		t.Error("a missing theme folder built")
	}
	if _, err := os.Stat(filepath.Join(bad, "index.html")); err == nil {
		t.Error("a failed build published pages")
	}
}
