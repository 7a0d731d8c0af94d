package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 13, items 1 and 2, as a user meets them: --out at a link, or at a
// folder of other files, is refused with exit status 2 and a message that
// says why and names what was found; nothing there changes.
func TestBuildRefusesForeignOut(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runArgs("sample", "--cases", "30", "--seed", "3", "--out", src); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, stderr)
	}
	home := filepath.Join(t.TempDir(), "home")
	for name, content := range map[string]string{".ssh/id_ed25519": "key", ".gitconfig": "[user]", "thesis.odt": "draft"} {
		p := filepath.Join(home, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, home)
	link := filepath.Join(t.TempDir(), "out-link")
	if err := os.Symlink(home, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}

	for _, tt := range []struct {
		out  string
		want []string
	}{
		{link, []string{"out-link", "symbolic link"}},
		{home, []string{".gitconfig", ".ssh", "thesis.odt", "--force"}},
	} {
		code, stdout, stderr := runArgs("build", "--source", src, "--out", tt.out)
		if code != exitUsage || stdout != "" {
			t.Errorf("build --out %s: exit %d, stdout %q; want %d and nothing", tt.out, code, stdout, exitUsage)
		}
		for _, w := range tt.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("build --out %s: message %q does not name %q", tt.out, stderr, w)
			}
		}
		if after := snapshot(t, home); len(after) != len(before) {
			t.Errorf("build --out %s changed the folder: %q", tt.out, after)
		}
	}

	if code, _, stderr := runArgs("build", "--source", src, "--out", home, "--force"); code != 0 {
		t.Fatalf("build --force: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(home, "index.html")); err != nil {
		t.Errorf("build --force did not publish: %v", err)
	}
	// From then on it is a site that giamsat published.
	if code, _, stderr := runArgs("build", "--source", src, "--out", home); code != 0 {
		t.Errorf("build after --force: exit %d: %s", code, stderr)
	}
}

// Issue 13, item 8: a folder name holding terminal escape codes or a
// bidirectional override is printed escaped by new site and sample.
func TestFolderNamesPrintedSafely(t *testing.T) {
	base := t.TempDir()
	for _, args := range [][]string{
		{"new", "site", filepath.Join(base, "a\x1b[31mred\u202egnp.exe")},
		{"sample", "--cases", "5", "--out", filepath.Join(base, "b\x1b]0;title\x07\r")},
	} {
		code, stdout, stderr := runArgs(args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", args[0], code, stderr)
		}
		for _, raw := range []string{"\x1b", "\u202e", "\x07", "\r"} {
			if strings.Contains(stdout+stderr, raw) {
				t.Errorf("%s printed %q raw:\n%q", args[0], raw, stdout+stderr)
			}
		}
		if !strings.Contains(stdout, `\x1b`) {
			t.Errorf("%s: the escape is not shown as \\x1b: %q", args[0], stdout)
		}
	}
}
