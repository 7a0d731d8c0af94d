package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestCheckOutputIsSafeToPrint runs giamsat check on a site whose file
// names and values carry terminal escapes and bidirectional overrides:
// what reaches the terminal shows them as escapes, one message a line.
func TestCheckOutputIsSafeToPrint(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(src, os.DirFS("../../internal/build/testdata/site")); err != nil {
		t.Fatal(err)
	}
	head := "export:\n  unit: Phòng Văn hóa và Thông tin\n  exported_at: 2022-06-10\n"
	for rel, text := range map[string]string{
		"data/\x1b]0;pwned\x07\x1b[2J.yaml": head + "  statsu: x\ncases: []\n",
		"data/\u202eevil.yaml":              head + "cases:\n  - id: A-1\n    summary: \"a\\e[31mb \\u202e c\"\n",
		"data/x\nsite.yaml:1:1: ok.yaml":    head + "  \"\\u2066x\": 1\ncases: []\n",
	} {
		name := filepath.Join(src, filepath.FromSlash(rel))
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := runArgs("check", "--source", src)
	if code != exitData || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	for _, r := range stderr {
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)) {
			t.Fatalf("stderr holds %U:\n%q", r, stderr)
		}
	}
	for _, want := range []string{`data/\x1b]0;pwned\x07\x1b[2J.yaml:4:3:`, `data/\u202eevil.yaml:`, `data/x\x0asite.yaml:1:1: ok.yaml:4:3:`, `(U+001B)`, `"\u2066x"`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %s:\n%s", want, stderr)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !strings.HasPrefix(line, "data/") && !strings.HasPrefix(line, "giamsat:") {
			t.Errorf("a line that is not a message: %q", line)
		}
	}
}
