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
