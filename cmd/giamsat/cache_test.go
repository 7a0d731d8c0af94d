package main

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// entries counts the readings a cache folder holds.
func entries(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(filepath.Join(dir, "readings"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

func TestCacheFlags(t *testing.T) {
	tmp := t.TempDir()
	src := filepath.Join(tmp, "site")
	if code, _, stderr := runArgs("sample", "--cases", "60", "--seed", "3", "--years", "1", "--districts", "2", "--out", src); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, stderr)
	}
	cache := filepath.Join(tmp, "cache")
	cold := filepath.Join(tmp, "cold")
	if code, _, stderr := runArgs("build", "--source", src, "--out", cold, "--no-cache", "--cache-dir", cache); code != 0 {
		t.Fatalf("build --no-cache: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(cache); err == nil {
		t.Error("--no-cache wrote the cache folder")
	}

	if code, _, stderr := runArgs("check", "--source", src, "--cache-dir", cache); code != 0 {
		t.Fatalf("check: exit %d: %s", code, stderr)
	}
	n := entries(t, cache)
	if n == 0 {
		t.Fatal("check --cache-dir left no readings")
	}
	warm := filepath.Join(tmp, "warm")
	if code, _, stderr := runArgs("build", "--source", src, "--out", warm, "--cache-dir", cache); code != 0 {
		t.Fatalf("build from the cache: exit %d: %s", code, stderr)
	}
	if entries(t, cache) != n {
		t.Errorf("a build of unchanged files added readings: %d, then %d", n, entries(t, cache))
	}
	if !maps.Equal(snapshot(t, cold), snapshot(t, warm)) {
		t.Error("the build from the cache differs from the build without it")
	}
}
