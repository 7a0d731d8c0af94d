package parsecache

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func identity(t *testing.T, name string) FileID {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	id, ok := Identify(info)
	if !ok {
		t.Skipf("no file identities on %s", runtime.GOOS)
	}
	return id
}

func TestFiles(t *testing.T) {
	name := filepath.Join(t.TempDir(), "a.yaml")
	if err := os.WriteFile(name, []byte("export: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	id := identity(t, name)
	sum := SumOf([]byte("export: {}\n"))

	// Read right after it was written: not remembered, as a change in the
	// same clock tick would go unseen.
	f := NewFiles()
	f.Remember("data/a.yaml", id, sum, time.Now())
	if _, ok := f.Sum("data/a.yaml", id); ok {
		t.Error("a file changed just before its reading was remembered")
	}

	// Read well after: remembered, under its path and identity only.
	later := time.Unix(0, id.ChangeTime).Add(racyWindow + time.Second)
	f.Remember("data/a.yaml", id, sum, later)
	if got, ok := f.Sum("data/a.yaml", id); !ok || got != sum {
		t.Errorf("Sum = %x, %v; want the sum remembered", got, ok)
	}
	if _, ok := f.Sum("data/b.yaml", id); ok {
		t.Error("found under another path")
	}

	// Any change to the file changes its identity, even one that keeps
	// its size and sets its mtime back.
	info, _ := os.Stat(name)
	if err := os.WriteFile(name, []byte("export: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(name, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.Sum("data/a.yaml", identity(t, name)); ok {
		t.Error("a changed file was found by its old identity")
	}
}

func TestFilesStores(t *testing.T) {
	id := FileID{Size: 10, ModTime: 1, ChangeTime: 2, Inode: 3, Device: 4}
	sum := SumOf([]byte("x"))
	stores := map[string]Store{"disk": NewDisk(t.TempDir()), "memory": NewMemory()}
	for name, s := range stores {
		t.Run(name, func(t *testing.T) {
			if s.Files("site").Len() != 0 {
				t.Fatal("a new store has files")
			}
			f := NewFiles()
			f.Keep("data/a.yaml", id, sum)
			s.SaveFiles("site", f)
			got := s.Files("site")
			if got, ok := got.Sum("data/a.yaml", id); !ok || got != sum {
				t.Errorf("Sum = %x, %v after saving", got, ok)
			}
			if s.Files("other-site").Len() != 0 {
				t.Error("another site's files were found")
			}
			// What Files returns is the caller's: changing it changes
			// nothing stored.
			got.Keep("data/b.yaml", id, sum)
			if s.Files("site").Len() != 1 {
				t.Error("a change to the returned files reached the store")
			}
		})
	}
}

func TestDiskFilesDamaged(t *testing.T) {
	dir := t.TempDir()
	s := NewDisk(dir)
	f := NewFiles()
	f.Keep("data/a.yaml", FileID{Size: 1}, SumOf(nil))
	s.SaveFiles("site", f)
	name := s.filesPath("site")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-3] ^= 4
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if s.Files("site").Len() != 0 {
		t.Error("damaged files were trusted")
	}
}
