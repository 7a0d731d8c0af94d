package publish

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// victim makes a folder outside the output, as a home folder would be, and
// returns it with a snapshot to compare against after the attack.
func victim(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "home")
	writeTree(t, dir, map[string]string{
		".ssh/id_ed25519": "secret key",
		".gitconfig":      "[user]\n",
		"notes.txt":       "mine",
	})
	return dir, snapshot(t, dir)
}

func symlink(t *testing.T, to, at string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(at), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(to, at); err != nil {
		t.Skip("no symbolic links here:", err)
	}
}

// Issue 13, item 1: nothing a build deletes, moves or writes may be
// reached through a link it did not make.
func TestBeginRefusesLinks(t *testing.T) {
	tests := []struct {
		name string
		// plant puts a link to home among the paths of a build into out.
		plant func(t *testing.T, out, home string)
		at    func(out string) string // the path the refusal names
	}{
		{"the output folder", func(t *testing.T, out, home string) {
			symlink(t, home, out)
		}, func(out string) string { return out }},
		{"the spare", func(t *testing.T, out, home string) {
			build(t, out, "v1", map[string]string{"index.html": "a"})
			build(t, out, "v1", map[string]string{"index.html": "b"})
			if err := os.RemoveAll(sibling(out, "spare")); err != nil {
				t.Fatal(err)
			}
			symlink(t, home, sibling(out, "spare"))
		}, func(out string) string { return sibling(out, "spare") }},
		{"a staging folder left by a killed build", func(t *testing.T, out, home string) {
			symlink(t, home, sibling(out, "staging-99"))
		}, func(out string) string { return sibling(out, "staging-99") }},
		{"an old site left by a killed build", func(t *testing.T, out, home string) {
			symlink(t, home, sibling(out, "old-99"))
		}, func(out string) string { return sibling(out, "old-99") }},
		{"the lock", func(t *testing.T, out, home string) {
			symlink(t, filepath.Join(home, ".gitconfig"), sibling(out, "lock"))
		}, func(out string) string { return sibling(out, "lock") }},
		{"the lock, dangling", func(t *testing.T, out, home string) {
			symlink(t, filepath.Join(home, "new-file"), sibling(out, "lock"))
		}, func(out string) string { return sibling(out, "lock") }},
		{"the manifest", func(t *testing.T, out, home string) {
			symlink(t, filepath.Join(home, "notes.txt"), sibling(out, "manifest"))
		}, func(out string) string { return sibling(out, "manifest") }},
		{"the manifest's temporary file", func(t *testing.T, out, home string) {
			symlink(t, filepath.Join(home, "notes.txt"), sibling(out, "manifest.tmp"))
		}, func(out string) string { return sibling(out, "manifest.tmp") }},
		{"the spare's manifest", func(t *testing.T, out, home string) {
			symlink(t, filepath.Join(home, "notes.txt"), sibling(out, "spare.manifest"))
		}, func(out string) string { return sibling(out, "spare.manifest") }},
		{"the marker", func(t *testing.T, out, home string) {
			symlink(t, filepath.Join(home, "notes.txt"), sibling(out, "giamsat"))
		}, func(out string) string { return sibling(out, "giamsat") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home, before := victim(t)
			out := filepath.Join(t.TempDir(), "public")
			tt.plant(t, out, home)
			for _, salt := range []string{"v1", ""} {
				s, err := Begin(out, salt, false)
				if err == nil {
					s.Abort()
					t.Fatalf("salt %q: Begin followed the link", salt)
				}
				var le *LinkError
				if !errors.As(err, &le) || !le.Link || le.Path != tt.at(out) {
					t.Errorf("salt %q: %v, want a LinkError naming %s", salt, err, tt.at(out))
				}
			}
			if after := snapshot(t, home); !maps.Equal(after, before) {
				t.Errorf("the folder behind the link changed:\nbefore %q\nafter  %q", before, after)
			}
		})
	}
}

// A pipe where the lock or the spare's manifest belongs would make a build
// hang or read what another program writes.
func TestBeginRefusesOtherKinds(t *testing.T) {
	for _, name := range []string{"lock", "spare.manifest"} {
		out := filepath.Join(t.TempDir(), "public")
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := mkfifo(sibling(out, name)); err != nil {
			t.Skip("no named pipes here:", err)
		}
		s, err := Begin(out, "v1", false)
		if err == nil {
			s.Abort()
			t.Fatalf("%s: a pipe was taken for what a build makes", name)
		}
		if le, ok := errors.AsType[*LinkError](err); !ok || le.Link {
			t.Errorf("%s: %v, want a LinkError for another kind of file", name, err)
		}
	}
}

// Links put inside the spare after it was published (it is a folder of
// ordinary files that anyone with write access to it can change) are
// removed, never followed: not when writing a file where the link is, not
// when making a folder, not when pruning.
func TestSpareLinksNotFollowed(t *testing.T) {
	home, before := victim(t)
	outside := filepath.Join(t.TempDir(), "outside.txt")
	if err := os.WriteFile(outside, []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "a", "districts/x/index.html": "x", "data/cases.csv": "id\n"}
	build(t, out, "v1", site)
	build(t, out, "v1", site) // the first site is now the spare
	spare := sibling(out, "spare")
	if err := os.RemoveAll(filepath.Join(spare, "districts")); err != nil {
		t.Fatal(err)
	}
	symlink(t, home, filepath.Join(spare, "districts"))                             // a folder the build writes into
	symlink(t, filepath.Join(home, ".gitconfig"), filepath.Join(spare, "new.html")) // a file it writes
	symlink(t, home, filepath.Join(spare, "stray"))                                 // a link it prunes
	if err := os.Remove(filepath.Join(spare, "data", "cases.csv")); err != nil {
		t.Fatal(err)
	}
	// A second name of a file outside, where the build writes a file.
	if err := os.Link(outside, filepath.Join(spare, "data", "cases.csv")); err != nil {
		t.Skip("no hard links here:", err)
	}

	next := map[string]string{"index.html": "b", "districts/x/index.html": "y", "new.html": "n", "data/cases.csv": "id\nA\n"}
	build(t, out, "v1", next)
	if got := snapshotFiles(t, out); !maps.Equal(got, next) {
		t.Errorf("published %q, want %q", got, next)
	}
	if after := snapshot(t, home); !maps.Equal(after, before) {
		t.Errorf("the folder behind the links changed:\nbefore %q\nafter  %q", before, after)
	}
	if b, _ := os.ReadFile(outside); string(b) != "outside" {
		t.Errorf("the file behind the hard link now holds %q", b)
	}
}

// Issue 13, item 2: a folder that holds files and that no giamsat build
// published is not published into without --force.
func TestBeginRefusesForeignFolder(t *testing.T) {
	home, before := victim(t)
	for i := range 7 {
		writeTree(t, home, map[string]string{"file" + string(rune('a'+i)): "x"})
	}
	before = snapshot(t, home)
	_, err := Begin(home, "v1", false)
	fe, ok := errors.AsType[*ForeignError](err)
	if !ok {
		t.Fatalf("Begin into a home folder: %v, want a ForeignError", err)
	}
	if want := []string{".gitconfig", ".ssh", "filea", "fileb", "filec"}; !slices.Equal(fe.Names, want) || fe.More != 5 {
		t.Errorf("named %q and %d more, want %q and 5 more", fe.Names, fe.More, want)
	}
	if after := snapshot(t, home); !maps.Equal(after, before) {
		t.Errorf("the refused folder changed")
	}
	if entries, _ := os.ReadDir(filepath.Dir(home)); len(entries) != 1 {
		t.Errorf("a refused build left files beside the folder: %d entries", len(entries))
	}

	// With force it is published into, and from then on it is a site.
	s, err := Begin(home, "v1", true)
	if err != nil {
		t.Fatal(err)
	}
	stageFiles(t, s, map[string]string{"index.html": "site"})
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(home, "v1", false); err != nil {
		t.Errorf("after a forced build the folder is still refused: %v", err)
	}
}

func TestBeginAcceptsEmptyAndPublished(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"missing":            nil,
		"empty":              {},
		"only placeholders":  {".gitkeep": "", ".nojekyll": "", ".htaccess": "Require all granted\n"},
		"an older site":      {"index.html": "old"}, // with the manifest older builds left
		"a site with marker": {"index.html": "old"},
	} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if files != nil {
				if err := os.MkdirAll(out, 0o755); err != nil {
					t.Fatal(err)
				}
				writeTree(t, out, files)
			}
			switch name {
			case "an older site":
				writeTree(t, filepath.Dir(out), map[string]string{".public.manifest": "giamsat-manifest 1 00\nend 0\n"})
			case "a site with marker":
				if err := mark(out); err != nil {
					t.Fatal(err)
				}
			}
			s, err := Begin(out, "v1", false)
			if err != nil {
				t.Fatal(err)
			}
			s.Abort()
		})
	}
}
