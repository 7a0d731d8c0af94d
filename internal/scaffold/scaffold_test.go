package scaffold

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"giamsat/internal/build"
)

// The new site builds at once, with no problem, into pages a reader can
// open: the sample export's cases and the sample directive are on them.
func TestNewSiteBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "trang-moi")
	written, err := Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".gitignore", "README.md", "content/directives/01-kh-stttt-2024.md", "data/2024/01/mau-mot.yaml", "site.yaml"}
	if !slices.Equal(written, want) {
		t.Errorf("wrote %q, want %q", written, want)
	}
	sum, diags, err := build.Run(context.Background(), build.Options{Source: dir})
	if len(diags) > 0 {
		t.Fatalf("the new site has problems:\n%s", diags.Text("vi"))
	}
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files != 1 || sum.Unique != 2 || sum.Rejected != 0 {
		t.Errorf("summary %+v: want 1 file, 2 cases", sum)
	}
	pages := map[string][]string{
		"public/directives/01-kh-stttt-2024/index.html": {"01/KH-STTTT", "thông tin về trẻ em trên mạng năm 2024"},
		"public/districts/mau-mot/index.html":           {"Huyện Mẫu Một"},
		"public/search/search-index.js":                 {"MM-2024-0001", "MM-2024-0002"},
		"public/index.html":                             {"Sở Thông tin và Truyền thông tỉnh Mẫu"},
	}
	for name, texts := range pages {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Error(err)
			continue
		}
		for _, s := range texts {
			if !strings.Contains(string(b), s) {
				t.Errorf("%s does not show %q", name, s)
			}
		}
	}
}

// The README and the comments are for staff: in Vietnamese, and they
// name the commands that exist.
func TestTemplateText(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir); err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"giamsat serve", "giamsat check", "giamsat build", "Thêm báo cáo", "Thêm văn bản chỉ đạo"} {
		if !strings.Contains(string(readme), s) {
			t.Errorf("README lacks %q", s)
		}
	}
	siteYAML, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(siteYAML), "ĐỔI"); n < 2 {
		t.Errorf("site.yaml marks %d placeholders with ĐỔI, want the title and the districts at least", n)
	}
}

func TestRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "ghi-chu.txt")
	if err := os.WriteFile(mine, []byte("của tôi"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir); err == nil || !strings.Contains(err.Error(), "not empty") || !strings.Contains(err.Error(), "thư mục đã có tệp") {
		t.Fatalf("Write into a non-empty folder: %v", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries after a refusal, want only the file that was there", len(entries))
	}
	// A hidden file counts too: .git means someone's repository.
	hidden := t.TempDir()
	if err := os.Mkdir(filepath.Join(hidden, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(hidden); err == nil {
		t.Error("Write into a folder holding .git succeeded")
	}
	// A file where the folder should be.
	if _, err := Write(mine); err == nil {
		t.Error("Write over a file succeeded")
	}
}

// An empty folder that exists is fine.
func TestEmptyFolder(t *testing.T) {
	if _, err := Write(t.TempDir()); err != nil {
		t.Fatal(err)
	}
}
