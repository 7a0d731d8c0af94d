package plainfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestReadBackWhatWasWritten(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 513, 100_000} {
		name := filepath.Join(dir, "f")
		os.Remove(name)
		f, err := CreateNew(name)
		if err != nil {
			t.Fatal(err)
		}
		want := bytes.Repeat([]byte("ạ"), size)
		if _, err := f.Write(want); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		got, n, err := ReadFileMax(name, int64(len(want)))
		if err != nil || !bytes.Equal(got, want) || n != int64(len(want)) {
			t.Errorf("size %d: read %d bytes back, err %v", size, len(got), err)
		}
		if len(want) > 0 {
			if got, n, err := ReadFileMax(name, int64(len(want)-1)); got != nil || n != int64(len(want)) || err != nil {
				t.Errorf("size %d over the limit: got %d bytes, size %d, err %v", size, len(got), n, err)
			}
		}
		if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o644&^umask() {
			t.Errorf("mode %v", fi.Mode())
		}
	}
	if _, _, err := ReadFileMax(filepath.Join(dir, "missing"), 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want ErrNotExist", err)
	}
	if _, err := CreateNew(filepath.Join(dir, "no", "folder")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("create in a missing folder: %v, want ErrNotExist", err)
	}
}

// A link in a new file's place is not written through: the build writes
// into folders that someone else may have put links into.
func TestCreateNewRefusesLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "outside")
	if err := os.WriteFile(target, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"link", "dangling"} {
		to := target
		if name == "dangling" {
			to = filepath.Join(dir, "nothing-yet")
		}
		if err := os.Symlink(to, filepath.Join(dir, name)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		if f, err := CreateNew(filepath.Join(dir, name)); err == nil {
			f.Close()
			t.Errorf("%s: created through a symbolic link", name)
		}
	}
	if got, _ := os.ReadFile(target); string(got) != "keep" {
		t.Errorf("the link's target now holds %q", got)
	}
	if _, err := os.Lstat(filepath.Join(dir, "nothing-yet")); err == nil {
		t.Error("a dangling link's target was created")
	}
}

// umask is the process's file creation mask, read through a file os
// creates.
func umask() os.FileMode {
	name := filepath.Join(os.TempDir(), "plainfile-umask")
	os.WriteFile(name, nil, 0o644)
	defer os.Remove(name)
	fi, _ := os.Stat(name)
	return 0o644 &^ fi.Mode().Perm()
}
