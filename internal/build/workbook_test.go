package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The example site keeps two units' months as workbooks filled from the
// template (dates typed as text, a blank row, an update of an earlier
// case); testdata/example-yaml holds the YAML they were made from. The
// site built either way publishes the same four downloads, byte for byte.
func TestWorkbooksPublishAsYAML(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site twice")
	}
	example := filepath.Join("..", "..")
	yamls := filepath.Join("testdata", "example-yaml")
	build := func(src string) string {
		out := filepath.Join(t.TempDir(), "public")
		if _, diags, err := Run(context.Background(), Options{Source: src, Out: out}); err != nil || len(diags) > 0 {
			t.Fatalf("build %s: %v\n%s", src, err, diags.Text("en"))
		}
		return out
	}
	withYAML := filepath.Join(t.TempDir(), "site")
	for _, dir := range []string{"data", "content", "themes"} {
		if err := os.CopyFS(filepath.Join(withYAML, dir), os.DirFS(filepath.Join(example, dir))); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, filepath.Join(example, "site.yaml"), filepath.Join(withYAML, "site.yaml"))
	replaced := 0
	err := filepath.WalkDir(yamls, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(yamls, p)
		dst := filepath.Join(withYAML, "data", rel)
		workbook := strings.TrimSuffix(dst, ".yaml") + ".xlsx"
		if _, err := os.Stat(workbook); err != nil {
			t.Errorf("%s has no workbook in the example site: %v", rel, err)
		}
		os.Remove(workbook)
		copyFile(t, p, dst)
		replaced++
		return nil
	})
	if err != nil || replaced < 2 {
		t.Fatalf("replaced %d workbooks: %v", replaced, err)
	}
	a, b := build(example), build(withYAML)
	for _, name := range []string{"cases.csv", "districts.csv", "monthly.csv", "reports.csv"} {
		x, err1 := os.ReadFile(filepath.Join(a, "data", name))
		y, err2 := os.ReadFile(filepath.Join(b, "data", name))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between the workbooks and the YAML", name)
		}
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
