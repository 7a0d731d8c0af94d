package publish

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"giamsat/internal/fingerprint"
)

// build runs one build of files (path → content, each made from the key
// of its content) through Begin and Commit, as a site build does, and
// returns which files it kept.
func build(t *testing.T, out, salt string, files map[string]string) []string {
	t.Helper()
	s, err := Begin(out, salt, false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	var kept []string
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		key := fingerprint.Bytes([]byte("made from " + files[rel]))
		if s.Tree().Keep(rel, key) {
			kept = append(kept, rel)
			continue
		}
		if err := s.Tree().WriteFile(rel, key, []byte(files[rel])); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	return kept
}

func TestTreeKeepsUnchangedFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	v1 := map[string]string{"index.html": "home", "a/index.html": "a", "a/b/index.html": "b", "data/x.csv": "x"}
	v2 := map[string]string{"index.html": "home 2", "a/index.html": "a", "c/index.html": "c"}
	steps := []struct {
		files map[string]string
		salt  string
		kept  []string
	}{
		{v1, "s", nil}, // nothing before it
		{v1, "s", nil}, // starts from an empty folder: no site before the last
		{v1, "s", []string{"a/b/index.html", "a/index.html", "data/x.csv", "index.html"}},
		{v2, "s", []string{"a/index.html"}}, // index.html changed, c is new
		{v2, "s", []string{"a/index.html"}}, // starts from v1's site
		{v2, "s", []string{"a/index.html", "c/index.html", "index.html"}},
		{v2, "other", nil}, // another program's files are not kept
		{v2, "", nil},
	}
	for i, st := range steps {
		if got := build(t, out, st.salt, st.files); !slices.Equal(got, st.kept) {
			t.Errorf("build %d kept %q, want %q", i+1, got, st.kept)
		}
		got := snapshotFiles(t, out)
		if !maps.Equal(got, st.files) {
			t.Errorf("build %d published %q, want %q", i+1, got, st.files)
		}
	}
	if left := siblings(t, out); len(left) > 0 {
		t.Errorf("after a build without salt, left beside out: %q", left)
	}
}

func TestTreeRefusesPathsOutside(t *testing.T) {
	tree := NewTree(t.TempDir())
	for _, rel := range []string{"", ".", "..", "../x", "/x", "a/../../x", "a//b", "a\\b", "./a"} {
		if err := tree.WriteFile(rel, fingerprint.Sum{}, nil); err == nil {
			t.Errorf("WriteFile(%q) succeeded", rel)
		}
	}
}

// snapshotFiles maps each file under root to its content.
func snapshotFiles(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		m[filepath.ToSlash(rel)] = string(b)
		return err
	})
	return m
}

func FuzzManifest(f *testing.F) {
	dir := f.TempDir()
	name := filepath.Join(dir, "m")
	files := map[string]entry{
		"index.html":       {key: fingerprint.Bytes([]byte("a"))},
		"a b/\"q\"\n.html": {key: fingerprint.Bytes([]byte("b"))},
	}
	if err := saveManifest(name, "salt", files); err != nil {
		f.Fatal(err)
	}
	seed, _ := os.ReadFile(name)
	f.Add(seed)
	f.Add([]byte("giamsat-manifest 1 73616c74\nend 0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in := filepath.Join(t.TempDir(), "m")
		os.WriteFile(in, data, 0o644)
		got, err := loadManifest(in, "salt")
		if err != nil {
			return
		}
		for rel := range got {
			if checkRel(rel) != nil {
				t.Fatalf("accepted path %q", rel)
			}
		}
		again := filepath.Join(t.TempDir(), "again")
		if err := saveManifest(again, "salt", got); err != nil {
			t.Fatal(err)
		}
		back, err := loadManifest(again, "salt")
		if err != nil || !maps.Equal(back, got) {
			t.Fatalf("manifest does not read back: %v", err)
		}
	})
}
