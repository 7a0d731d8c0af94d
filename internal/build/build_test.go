package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"giamsat/internal/period"
)

const fixture = "testdata/site"

// snapshot maps every file under root to a hash of its content.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	m := make(map[string]string)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		rel, _ := filepath.Rel(root, path)
		m[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// copySite copies the fixture so that a test can change it.
func copySite(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	err := os.CopyFS(dst, os.DirFS(fixture))
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// csvRows returns a CSV's data rows (after the BOM and header) as lines.
func csvRows(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\r\n"), "\r\n")
	return lines[1:]
}

func TestBuildFixture(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	sum, diags, err := Run(context.Background(), Options{Source: fixture, Out: out})
	if err != nil || len(diags) > 0 {
		t.Fatalf("Run: %v\n%s", err, diags.Text("en"))
	}
	// The fixture: three export files (the dot-file and README.txt are not
	// read), four records, BL-2022-0001 reported twice.
	want := Summary{Lang: "vi", Out: out, Files: 3, Records: 4, Unique: 3, Updates: 1, Rejected: 0, Decoded: 3}
	got := sum
	got.Pages, got.Written, got.Elapsed = 0, 0, 0
	if got != want {
		t.Errorf("summary = %+v\nwant      %+v", got, want)
	}
	files := snapshot(t, out)
	if sum.Written != len(files) {
		t.Errorf("summary says %d files written, out holds %d", sum.Written, len(files))
	}
	pages := 0
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			pages++
		}
	}
	if sum.Pages != pages || pages == 0 {
		t.Errorf("summary says %d pages, out holds %d", sum.Pages, pages)
	}
	for _, name := range []string{"index.html", "data/cases.csv", "data/districts.csv", "data/monthly.csv", "data/reports.csv"} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s not written", name)
		}
	}
	if rows := csvRows(t, filepath.Join(out, "data", "cases.csv")); len(rows) != 3 {
		t.Errorf("cases.csv has %d rows, want 3 unique cases", len(rows))
	}
	// as_of is the latest export, 07/06/2022: April and May are owed
	// (May's report is due 05/06), two districts each.
	if rows := csvRows(t, filepath.Join(out, "data", "reports.csv")); len(rows) != 4 {
		t.Errorf("reports.csv has %d rows, want 4:\n%s", len(rows), strings.Join(rows, "\n"))
	}
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(index), "07/06/2022") || !strings.Contains(string(index), `href="downloads/index.html"`) {
		t.Errorf("index.html lacks the as-of date or the downloads link:\n%s", index)
	}
	downloadsPage, _ := os.ReadFile(filepath.Join(out, "downloads", "index.html"))
	if !strings.Contains(string(downloadsPage), `href="../data/cases.csv"`) {
		t.Errorf("downloads/index.html lacks the link to cases.csv:\n%s", downloadsPage)
	}
	for _, name := range []string{"404.html", "reports/index.html", "directives/index.html", "assets/js/site.js"} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s not written", name)
		}
	}
	if left := leftBeside(t, out); len(left) > 0 {
		t.Errorf("left beside out: %q", left)
	}
}

// leftBeside lists the staging or old folders left next to out.
func leftBeside(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".staging-") || strings.Contains(e.Name(), ".old-") {
			names = append(names, e.Name())
		}
	}
	return names
}

func TestAsOfOverridesSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	// On 01/06/2022 only April's reports (due 05/05) are owed.
	_, diags, err := Run(context.Background(), Options{Source: fixture, Out: out, AsOf: period.New(2022, 6, 1)})
	if err != nil || len(diags) > 0 {
		t.Fatalf("Run: %v\n%s", err, diags.Text("en"))
	}
	if rows := csvRows(t, filepath.Join(out, "data", "reports.csv")); len(rows) != 2 {
		t.Errorf("reports.csv has %d rows, want 2:\n%s", len(rows), strings.Join(rows, "\n"))
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, out := range []string{a, b} {
		if _, diags, err := Run(context.Background(), Options{Source: fixture, Out: out}); err != nil || len(diags) > 0 {
			t.Fatalf("Run: %v %v", err, diags)
		}
	}
	if !maps.Equal(snapshot(t, a), snapshot(t, b)) {
		t.Error("two builds of the same input differ")
	}
}

func TestCheckWritesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	sum, diags, err := Run(context.Background(), Options{Source: fixture, Out: out, CheckOnly: true})
	if err != nil || len(diags) > 0 {
		t.Fatalf("Run: %v\n%s", err, diags.Text("en"))
	}
	if sum.Files != 3 || sum.Written != 0 {
		t.Errorf("summary = %+v, want 3 files read and none written", sum)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
		t.Errorf("check wrote %v", entries)
	}
}

func TestFailedBuildPublishesNothing(t *testing.T) {
	src := copySite(t)
	out := filepath.Join(src, "public")
	if _, diags, err := Run(context.Background(), Options{Source: src}); err != nil || len(diags) > 0 {
		t.Fatalf("first build: %v %v", err, diags)
	}
	before := snapshot(t, out)

	broken := "export:\n  unit: Phòng Văn hóa và Thông tin\n  exported_at: 2022-06-10\n  statsu: x\ncases:\n  - id: TA-1\n    detected_on: 31/04/2022\n"
	if err := os.WriteFile(filepath.Join(src, "data", "2022", "05", "broken.yaml"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, diags, err := Run(context.Background(), Options{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) < 2 {
		t.Fatalf("want a diagnostic for the unknown field and one for the date, got %v", diags)
	}
	for i, d := range diags {
		if d.File != "data/2022/05/broken.yaml" || d.Line == 0 {
			t.Errorf("diagnostic %d: %+v, want one placed in data/2022/05/broken.yaml", i, d)
		}
		if i > 0 && diags[i-1].Line > d.Line {
			t.Errorf("diagnostics not sorted by line: %v", diags)
		}
	}
	if sum.Problems != len(diags) || sum.Files != 4 {
		t.Errorf("summary = %+v, want %d problems in 4 files", sum, len(diags))
	}
	if after := snapshot(t, out); !maps.Equal(before, after) {
		t.Error("a failed build changed the published folder")
	}
	if left := leftBeside(t, out); len(left) > 0 {
		t.Errorf("left beside out: %q", left)
	}
}

func TestSiteErrorsStopBeforeData(t *testing.T) {
	src := copySite(t)
	if err := os.WriteFile(filepath.Join(src, "site.yaml"), []byte("title: x\nlanguage: en\ndistricts: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, diags, err := Run(context.Background(), Options{Source: src, CheckOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) == 0 {
		t.Fatal("no diagnostics for a broken site.yaml")
	}
	for _, d := range diags {
		if d.File != "site.yaml" {
			t.Errorf("diagnostic outside site.yaml: %v", d)
		}
	}
	if sum.Files != 0 {
		t.Errorf("data was read after site.yaml failed: %+v", sum)
	}
}

func TestCancelledBuildPublishesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Run(ctx, Options{Source: fixture, Out: out}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a cancelled build created %s", out)
	}
}

func TestOutHoldingTheSourceIsRefused(t *testing.T) {
	src := copySite(t)
	before := snapshot(t, src)
	for _, out := range []string{src, filepath.Join(src, "data")} {
		var usage *UsageError
		if _, _, err := Run(context.Background(), Options{Source: src, Out: out}); !errors.As(err, &usage) {
			t.Errorf("Out %s: %v, want a UsageError", out, err)
		}
	}
	if after := snapshot(t, src); !maps.Equal(before, after) {
		t.Error("a refused build changed the site folder")
	}
}
