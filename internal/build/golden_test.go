package build

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"giamsat/internal/sample"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestOutputUnchanged holds the published trees of the example site and of
// sample sites to hashes recorded before a change that must not alter the
// output (a refactoring). A change meant to alter pages regenerates them
// with `go test ./internal/build -update` and shows the new hashes in its
// diff.
func TestOutputUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("builds three sites")
	}
	sites := []struct {
		name string
		make func(t *testing.T) string
	}{
		{"example", func(*testing.T) string { return filepath.Join("..", "..") }},
		{"sample-15", sampleSite(sample.Options{Cases: 3000, Seed: 5, Years: 2})},
		{"sample-40", sampleSite(sample.Options{Cases: 2000, Seed: 9, Years: 1, Districts: 40})},
		{"sample-en", english(sampleSite(sample.Options{Cases: 1500, Seed: 2, Years: 2}))},
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if _, diags, err := Run(context.Background(), Options{Source: s.make(t), Out: out}); err != nil || len(diags) > 0 {
				t.Fatalf("build: %v %v", err, diags)
			}
			hashes := snapshot(t, out)
			var b strings.Builder
			for _, name := range slices.Sorted(maps.Keys(hashes)) {
				fmt.Fprintf(&b, "%s  %s\n", hashes[name], name)
			}
			golden := filepath.Join("testdata", "golden", s.name+".sha256")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to record)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("the published tree differs from %s:\n%s", golden, lineDiff(string(want), got))
			}
		})
	}
}

func sampleSite(opt sample.Options) func(t *testing.T) string {
	return func(t *testing.T) string {
		dir := filepath.Join(t.TempDir(), "site")
		if err := sample.Write(dir, opt); err != nil {
			t.Fatal(err)
		}
		return dir
	}
}

// english switches a site's interface to English.
func english(site func(t *testing.T) string) func(t *testing.T) string {
	return func(t *testing.T) string {
		dir := site(t)
		path := filepath.Join(dir, "site.yaml")
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		b = []byte(strings.Replace(string(b), "language: vi ", "language: en ", 1))
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
}

// lineDiff lists the lines only one side has, up to 20 of them.
func lineDiff(want, got string) string {
	w := strings.Split(want, "\n")
	g := strings.Split(got, "\n")
	var out []string
	for _, l := range w {
		if !slices.Contains(g, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			out = append(out, "+ "+l)
		}
	}
	if len(out) > 20 {
		out = append(out[:20], fmt.Sprintf("… %d more", len(out)-20))
	}
	return strings.Join(out, "\n")
}
