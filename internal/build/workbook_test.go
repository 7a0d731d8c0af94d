package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"giamsat/internal/parsecache"
	"giamsat/internal/site"
	"giamsat/internal/workbook"
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

// A workbook's cells reach the site as text: a case id that a spreadsheet
// would run as a formula is guarded in cases.csv, and a summary holding a
// formula is escaped on the register page.
func TestWorkbookCellsStayText(t *testing.T) {
	src := copySite(t)
	cfg, diags := site.Load(src)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	tpl, err := workbook.Template(cfg, workbook.TemplateOptions{District: "803"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(tpl))
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellStr(workbook.SheetHeader, "B2", "Phòng VHTT Bến Lức")
	f.SetCellStr(workbook.SheetHeader, "B5", "10/06/2022")
	f.SetSheetRow(workbook.SheetCases, "A2", &[]any{"-2022-77", "02/06/2022", nil, "facebook", "child-violence",
		`=HYPERLINK("x","<b>bấm</b>")`, nil, "unidentified", "detected"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(src, "data", "2022", "06"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "data", "2022", "06", "ben-luc.xlsx"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, diags, err := Run(context.Background(), Options{Source: src, Out: out}); err != nil || len(diags) > 0 {
		t.Fatalf("build: %v\n%s", err, diags.Text("en"))
	}
	csv, _ := os.ReadFile(filepath.Join(out, "data", "cases.csv"))
	if !strings.Contains(string(csv), "\r\n'-2022-77,803,") {
		t.Errorf("cases.csv does not guard the id:\n%s", csv)
	}
	// The summary is published in the search index only, as JSON that
	// escapes markup; no published file holds it raw.
	found := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		b, _ := os.ReadFile(p)
		if bytes.Contains(b, []byte("<b>bấm")) {
			t.Errorf("%s holds the summary's markup unescaped", p)
		}
		if bytes.Contains(b, []byte(`=HYPERLINK(\"x\",\"\u003cb\u003ebấm`)) {
			found++
		}
		return nil
	})
	if found == 0 {
		t.Error("the summary is not in the search index, escaped")
	}
}

// A workbook's reading is kept in the parse cache like a YAML file's: the
// second build decodes neither; a saved workbook is decoded again.
func TestWorkbookCached(t *testing.T) {
	src := copySite(t)
	cfg, _ := site.Load(src)
	x, err := workbook.Template(cfg, workbook.TemplateOptions{District: "803"})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := excelize.OpenReader(bytes.NewReader(x))
	f.SetCellStr(workbook.SheetHeader, "B2", "Phòng VHTT Bến Lức")
	f.SetCellStr(workbook.SheetHeader, "B5", "10/06/2022")
	f.SetSheetRow(workbook.SheetCases, "A2", &[]any{"BL-2022-0077", "02/06/2022", nil, "facebook", "child-violence", "Clip", nil, "unidentified", "detected"})
	name := filepath.Join(src, "data", "2022", "05", "ben-luc.xlsx")
	if err := f.SaveAs(name); err != nil {
		t.Fatal(err)
	}
	store := parsecache.NewMemory()
	first, diags, _ := buildWith(t, src, store, "v1")
	if len(diags) > 0 || first.Decoded != first.Files || first.Files != 4 {
		t.Fatalf("first build: %+v %v", first, diags)
	}
	second, _, _ := buildWith(t, src, store, "v1")
	if second.Decoded != 0 {
		t.Errorf("second build decoded %d files", second.Decoded)
	}
	f.SetCellStr(workbook.SheetCases, "F2", "Clip đã sửa")
	if err := f.SaveAs(name); err != nil {
		t.Fatal(err)
	}
	third, _, _ := buildWith(t, src, store, "v1")
	if third.Decoded != 1 {
		t.Errorf("after the workbook was saved, %d files decoded", third.Decoded)
	}
}

// A workbook over its size limit is refused before it is read.
func TestWorkbookTooLarge(t *testing.T) {
	src := copySite(t)
	name := filepath.Join(src, "data", "2022", "05", "big.xlsx")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: nothing is written but the size.
	if err := f.Truncate(workbook.MaxFileSize + 1<<20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, diags, _ := buildWith(t, src, nil, "")
	if len(diags) != 1 || diags[0].File != "data/2022/05/big.xlsx" || !strings.Contains(diags[0].EN, "the workbook is 17 MB, over the 16 MB limit") {
		t.Errorf("got %s", diags.Text("en"))
	}
}
