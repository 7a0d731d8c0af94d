package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"giamsat/internal/sample"
)

// A boundary file with a problem stops the build at it, naming the file and
// the feature; nothing is published. A good one is published as an asset
// the pages load from the site.
func TestBoundaryFile(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := sample.Write(src, sample.Options{Cases: 200, Seed: 4, Units: 12}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, diags, err := Run(context.Background(), Options{Source: src, Out: out}); err != nil || len(diags) > 0 {
		t.Fatalf("build: %v %v", err, diags)
	}
	assets, _ := filepath.Glob(filepath.Join(out, "assets", "map-*.js"))
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if len(assets) != 1 || !strings.Contains(string(index), `<script defer src="assets/`+filepath.Base(assets[0])+`"></script>`) {
		t.Fatalf("map assets %v; the overview does not load it", assets)
	}

	// The first feature's code mistyped.
	file := filepath.Join(src, "ban-do", "tinh.geojson")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), `"code":"27000"`, `"code":"27090"`, 1))
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "public")
	_, diags, err := Run(context.Background(), Options{Source: src, Out: fresh})
	if err != nil {
		t.Fatal(err)
	}
	text := diags.Text("en")
	for _, want := range []string{
		`ban-do/tinh.geojson: feature 1 ("Phường Tân Bình"): code 27090 is not a unit in site.yaml; did you mean 27000?`,
		`ban-do/tinh.geojson: unit 27000 (Phường Tân Bình) has no boundary in the file`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("problems lack %q:\n%s", want, text)
		}
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("something was published: %v", err)
	}
}
