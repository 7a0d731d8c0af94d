package build

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestListData(t *testing.T) {
	src := t.TempDir()
	for _, name := range []string{
		"data/b.yaml", "data/a.yml", "data/2022/04/ben-luc.YAML", "data/2022/x.yaml",
		"data/.hidden.yaml", "data/.git/config.yaml", "data/notes.txt", "data/2022/~backup.yaml.bak",
		"content/x.yaml", "site.yaml",
	} {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := listData(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.rel)
	}
	want := []string{"data/2022/04/ben-luc.YAML", "data/2022/x.yaml", "data/a.yml", "data/b.yaml"}
	if !slices.Equal(got, want) {
		t.Errorf("listData = %q, want %q", got, want)
	}

	if files, err := listData(t.TempDir()); err != nil || len(files) != 0 {
		t.Errorf("without data/: %v, %v; want no files and no error", files, err)
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		v      int
		vi, en string
	}{
		{0, "0", "0"},
		{999, "999", "999"},
		{1000, "1.000", "1,000"},
		{2104, "2.104", "2,104"},
		{1234567, "1.234.567", "1,234,567"},
		{-45000, "-45.000", "-45,000"},
	}
	for _, tt := range tests {
		if got := number("vi", tt.v); got != tt.vi {
			t.Errorf("number(vi, %d) = %q, want %q", tt.v, got, tt.vi)
		}
		if got := number("en", tt.v); got != tt.en {
			t.Errorf("number(en, %d) = %q, want %q", tt.v, got, tt.en)
		}
	}
}

func TestSummaryText(t *testing.T) {
	base := Summary{Files: 432, Records: 2104, Unique: 1980, Updates: 124, Pages: 512, Written: 530, Elapsed: 1200 * time.Millisecond}
	tests := []struct {
		name string
		edit func(*Summary)
		want string
	}{
		{"vi build", func(s *Summary) { s.Lang = "vi" },
			"giamsat: 432 tệp, 2.104 bản ghi, 1.980 vụ việc (gộp 124 bản cập nhật, loại 0) → 512 trang, 530 tệp trong 1,2 giây"},
		{"en build", func(s *Summary) { s.Lang = "en" },
			"giamsat: 432 files, 2,104 records, 1,980 cases (124 updates merged, 0 rejected) → 512 pages, 530 files in 1.2 s"},
		{"en check", func(s *Summary) { s.Lang, s.Check, s.Elapsed = "en", true, 40*time.Millisecond },
			"giamsat: 432 files, 2,104 records, 1,980 cases (124 updates merged, 0 rejected): no problems, in 40 ms"},
		{"vi failed", func(s *Summary) { s.Lang, s.Rejected, s.Problems = "vi", 3, 5 },
			"giamsat: 432 tệp, 2.104 bản ghi, 1.980 vụ việc (gộp 124 bản cập nhật, loại 3): 5 lỗi, không xuất bản gì"},
		{"en one problem", func(s *Summary) { s.Lang, s.Rejected, s.Problems = "en", 1, 1 },
			"giamsat: 432 files, 2,104 records, 1,980 cases (124 updates merged, 1 rejected): 1 problem, nothing published"},
	}
	for _, tt := range tests {
		s := base
		tt.edit(&s)
		if got := s.Text(); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestCheckOut(t *testing.T) {
	src := t.TempDir()
	tests := []struct {
		out string
		ok  bool
	}{
		{filepath.Join(src, "public"), true},
		{filepath.Join(src, "build", "site"), true},
		{filepath.Join(filepath.Dir(src), "elsewhere"), true},
		{filepath.Join(src, "database"), true}, // only a prefix of data
		{src, false},
		{filepath.Dir(src), false},
		{filepath.Join(src, "data"), false},
		{filepath.Join(src, "data", "public"), false},
		{filepath.Join(src, "content", "x"), false},
		{filepath.Join(src, "themes"), false},
	}
	for _, tt := range tests {
		err := checkOut(src, tt.out, "en")
		if (err == nil) != tt.ok {
			t.Errorf("checkOut(%s) = %v, want ok %v", tt.out, err, tt.ok)
		}
	}
}

func TestProgress(t *testing.T) {
	many := make([]dataFile, 400)
	if p := newProgress(&bytes.Buffer{}, "en", many[:200]); p != nil {
		t.Error("progress shown for 200 small files")
	}
	if p := newProgress(&bytes.Buffer{}, "en", []dataFile{{"data/big.yaml", 9 << 20}}); p == nil {
		t.Error("no progress for 9 MB of data")
	}
	if p := newProgress(nil, "en", many); p != nil {
		t.Error("progress without a writer")
	}

	// Not a terminal, and slow enough: a line at each quarter, the last one
	// complete.
	var buf bytes.Buffer
	p := newProgress(&buf, "en", many)
	p.start = time.Time{}
	for range many {
		p.add(50)
	}
	p.finish()
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 4 || lines[3] != "giamsat: reading 400/400 files, 20,000 records" {
		t.Errorf("progress lines:\n%s", buf.String())
	}
	if strings.Contains(buf.String(), "\r") {
		t.Error("carriage return written to a file")
	}
}

func TestFastReadIsSilent(t *testing.T) {
	var buf bytes.Buffer
	many := make([]dataFile, 400)
	p := newProgress(&buf, "vi", many)
	for range many {
		p.add(1)
	}
	p.finish()
	if buf.Len() > 0 {
		t.Errorf("progress shown for a read under %v: %q", progressDelay, buf.String())
	}
}
