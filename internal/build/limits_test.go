package build

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"giamsat/internal/diag"
	"giamsat/internal/export"
	"giamsat/internal/strictyaml"
)

// checkSite runs a check of src and returns its diagnostics, failing the
// test when the check takes a second or more.
func checkSite(t *testing.T, src string) diag.List {
	t.Helper()
	start := time.Now()
	_, diags, err := Run(context.Background(), Options{Source: src, CheckOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d >= time.Second {
		t.Errorf("the check took %v, want under a second", d)
	}
	return diags
}

// wantDiag fails unless diags holds exactly one diagnostic, at file:line,
// whose English message contains each of want.
func wantDiag(t *testing.T, diags diag.List, file string, line int, want ...string) {
	t.Helper()
	if len(diags) != 1 {
		t.Fatalf("want one diagnostic in %s, got:\n%s", file, diags.Text("en"))
	}
	d := diags[0]
	if d.File != file || d.Line != line {
		t.Errorf("diagnostic at %s:%d, want %s:%d: %s", d.File, d.Line, file, line, d.Text("en"))
	}
	for _, w := range want {
		if !strings.Contains(d.EN, w) {
			t.Errorf("message %q lacks %q", d.EN, w)
		}
	}
	if d.VI == "" || d.VI == d.EN {
		t.Errorf("no Vietnamese message: %+v", d)
	}
}

// TestOversizedFilesRefusedUnread: a file over 64 MB is refused from its
// size alone, so the message gives the real size and the build costs no
// memory for it. The files are sparse: they take no disk.
func TestOversizedFilesRefusedUnread(t *testing.T) {
	tests := []struct {
		rel      string
		size     int64
		want, vi string
	}{
		{"data/2022/05/huge.yaml", 10 << 30, "(10,240 MB, at most 64 MB)", "(10.240 MB, tối đa 64 MB)"},
		{"data/2022/05/just-over.yaml", strictyaml.MaxFileSize + 1, "(64.1 MB, at most 64 MB)", "(64,1 MB, tối đa 64 MB)"},
		{"data/2022/05/hundred.yml", 100 << 20, "(100 MB, at most 64 MB)", "(100 MB, tối đa 64 MB)"},
		{"content/huong-dan.md", 70 << 20, "(70 MB, at most 64 MB)", "(70 MB, tối đa 64 MB)"},
		{"site.yaml", 65 << 20, "(65 MB, at most 64 MB)", "(65 MB, tối đa 64 MB)"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.rel), func(t *testing.T) {
			src := copySite(t)
			name := filepath.Join(src, filepath.FromSlash(tt.rel))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(name, 0); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Truncate(tt.size); err != nil {
				t.Fatal(err)
			}
			f.Close()

			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			diags := checkSite(t, src)
			runtime.ReadMemStats(&after)
			wantDiag(t, diags, tt.rel, 0, tt.want, "split the data")
			if !strings.Contains(diags[0].VI, tt.vi) {
				t.Errorf("Vietnamese message %q lacks the size", diags[0].VI)
			}
			if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 {
				t.Errorf("checking allocated %d MB; the file was read", got>>20)
			}
		})
	}
}

// TestHostileYAMLRefusedFast: nesting past the limit and alias expansion
// are refused in under a second, at their line.
func TestHostileYAMLRefusedFast(t *testing.T) {
	head := "export:\n  unit: Phòng Văn hóa và Thông tin\n  exported_at: 2022-06-10\ncases:\n"
	var laughs strings.Builder
	laughs.WriteString(head + "  - id: A-1\n    summary: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i := 'b'; i <= 'z'; i++ {
		prev := string(i - 1)
		laughs.WriteString("    x" + string(i) + ": &" + string(i) + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n")
	}
	var block strings.Builder
	block.WriteString(head + "  - id: A-1\n    events:\n")
	for i := range 120 {
		block.WriteString(strings.Repeat("  ", i+3) + "k:\n")
	}
	tests := []struct {
		name, text string
		line       int
		want       string
	}{
		{"flow-101", head + "  - " + strings.Repeat("[", 101) + strings.Repeat("]", 101) + "\n", 5, "nested more than 100 levels"},
		{"block-120", block.String(), 7 + 96, "nested more than 100 levels"},
		// Far past yaml.v3's own limit: the parser gives up on its own, and
		// the message still names the line.
		{"flow-million", head + "  - " + strings.Repeat("[", 1_000_000) + "\n", 5, "nesting deeper than 100 levels"},
		{"billion-laughs", laughs.String(), 6, "anchors (&) and aliases (*)"},
		{"alias-to-nothing", head + "  - *nothing\n", 5, "anchors (&) and aliases (*)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := copySite(t)
			rel := "data/2022/05/" + tt.name + ".yaml"
			if err := os.WriteFile(filepath.Join(src, filepath.FromSlash(rel)), []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			wantDiag(t, checkSite(t, src), rel, tt.line, tt.want)
		})
	}
}

// Issue 13, items 6 and 7: amounts, dates and sizes past the bounds are
// refused at their line in well under a second, and nothing is built.
func TestBoundsRefusedFast(t *testing.T) {
	head := "export:\n  unit: Phòng Văn hóa và Thông tin\n  district: Bến Lức\n  exported_at: 2022-06-10\ncases:\n"
	record := func(extra string) string {
		return "  - id: X-1\n    detected_on: 2022-06-01\n    platform: facebook\n    category: child-violence\n" +
			"    summary: S\n    offender: identified\n" + extra
	}
	fined := func(id string) string {
		return strings.Replace(record("    status: sanctioned\n    resolved_on: 2022-06-05\n    fine_vnd: 9223372036854775807\n"), "X-1", id, 1)
	}
	tests := []struct {
		name, text string
		line       int
		want       string
	}{
		{"two max fines", head + fined("X-1") + fined("X-2"), 14, "above the largest accepted"},
		{"year 1", head + strings.Replace(record("    status: detected\n"), "2022-06-01", "0001-01-01", 1), 7, "outside the years 2000–2099"},
		{"export in 9999", strings.Replace(head, "2022-06-10", "9999-06-10", 1) + "  []\n", 4, "outside the years 2000–2099"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := copySite(t)
			rel := "data/2022/06/bounds.yaml"
			if err := os.MkdirAll(filepath.Join(src, "data/2022/06"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(src, filepath.FromSlash(rel)), []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			diags := checkSite(t, src)
			if tt.name == "two max fines" {
				// One message for each fine.
				if len(diags) != 2 || diags[0].Line != 14 || diags[1].Line != 23 {
					t.Fatalf("got\n%s", diags.Text("en"))
				}
				return
			}
			wantDiag(t, diags, rel, tt.line, tt.want)
			out := filepath.Join(t.TempDir(), "public")
			if _, diags, _ := Run(context.Background(), Options{Source: src, Out: out}); len(diags) == 0 {
				t.Error("built")
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a refused build wrote the output folder")
			}
		})
	}
}

func TestTooManyRecords(t *testing.T) {
	exports := []*export.File{{File: "data/a.yaml", Records: export.MaxRecords - 1}, {File: "data/b.yaml", Records: 1}}
	if _, over := tooManyRecords(exports); over {
		t.Error("refused at the bound")
	}
	exports = append(exports, &export.File{File: "data/c.yaml", Records: 1}, &export.File{File: "data/d.yaml", Records: 1})
	if d, over := tooManyRecords(exports); !over || d.File != "data/c.yaml" || d.Line != 1 || !strings.Contains(d.EN, "more than 10000000 case records") {
		t.Errorf("past the bound: %v %+v", over, d)
	}
}

// Every folder a build writes at the top of the site is refused as the
// address of a page under content/: a page there would be overwritten, or
// be dropped while the search index lists it.
func TestTopFoldersReserved(t *testing.T) {
	src := copySite(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, diags, err := Run(context.Background(), Options{Source: src, Out: out}); err != nil || len(diags) > 0 {
		t.Fatalf("Run: %v\n%s", err, diags.Text("en"))
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".html")
		if name == "index" {
			continue
		}
		page := filepath.Join(src, "content", name+".md")
		if _, err := os.Stat(filepath.Join(src, "content", name)); err == nil {
			continue // a folder of the site's own pages
		}
		writeText(t, page, "---\ntitle: T\n---\nx\n")
		diags := checkSite(t, src)
		if len(diags) != 1 || !strings.Contains(diags[0].EN, "where the dashboard writes its own pages") {
			t.Errorf("content/%s.md: got\n%s", name, diags.Text("en"))
		}
		os.Remove(page)
	}
}
