package parsecache

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestDiskTrim(t *testing.T) {
	_, _, e, d := testReading(t)
	dir := t.TempDir()
	s := NewDisk(dir)
	s.Put("old", e, d)
	s.Put("used", e, d)
	s.Put("new", e, d)
	weekAgo := time.Now().Add(-7 * 24 * time.Hour)
	for _, k := range []string{"old", "used"} {
		if err := os.Chtimes(s.path(k), weekAgo, weekAgo); err != nil {
			t.Fatal(err)
		}
	}
	// A reading used is kept, however old its file.
	if _, _, ok := s.Get("used"); !ok {
		t.Fatal("used: not found")
	}
	s.Trim(5 * 24 * time.Hour)
	for k, want := range map[string]bool{"old": false, "used": true, "new": true} {
		if _, _, ok := s.Get(k); ok != want {
			t.Errorf("%s found after Trim: %v, want %v", k, ok, want)
		}
	}
	// Once a day at most: a second Trim right after does nothing.
	if err := os.Chtimes(s.path("new"), weekAgo, weekAgo); err != nil {
		t.Fatal(err)
	}
	s.Trim(5 * 24 * time.Hour)
	if _, err := os.Stat(s.path("new")); err != nil {
		t.Error("a second Trim the same day removed an entry")
	}
	if _, err := os.Stat(filepath.Join(dir, "trimmed")); err != nil {
		t.Error("no trim mark")
	}
}
