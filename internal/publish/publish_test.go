package publish

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"giamsat/internal/fingerprint"
)

// snapshot maps every path under root to its type, mode and content hash,
// so that two snapshots are equal only for byte-identical trees.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	m := make(map[string]string)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			m[rel] = "dir " + info.Mode().String()
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		m[rel] = info.Mode().String() + " " + hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// stageFiles writes files into a build's staging folder as a build does.
func stageFiles(t *testing.T, s *Stage, files map[string]string) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := s.Tree().WriteFile(name, fingerprint.Sum{}, []byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
}

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// siblings lists the names beside out other than out, its lock file and
// its marker, which stay between builds.
func siblings(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); n != filepath.Base(out) && n != "."+filepath.Base(out)+".lock" && n != "."+filepath.Base(out)+".giamsat" {
			names = append(names, n)
		}
	}
	return names
}

func oldSite(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	writeTree(t, out, map[string]string{
		"index.html":          "<p>old</p>",
		"data/cases.csv":      "id\nA\n",
		"districts/x/a.html":  "x",
		".gitkeep":            "",
		".git/HEAD":           "ref: refs/heads/gh-pages\n",
		"assets/site.css":     "body{}",
		"only-in-old/old.txt": "gone after commit",
	})
	if err := mark(out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCommitReplacesContent(t *testing.T) {
	out := oldSite(t)
	s, err := Begin(out, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(s.Tree().Dir()) != filepath.Dir(out) {
		t.Fatalf("staging %s is not beside %s", s.Tree().Dir(), out)
	}
	stageFiles(t, s, map[string]string{"index.html": "<p>new</p>", "data/cases.csv": "id\nB\n"})
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	got := slices.Sorted(maps.Keys(snapshot(t, out)))
	want := []string{".", ".git", ".git/HEAD", ".gitkeep", "data", "data/cases.csv", "index.html"}
	if !slices.Equal(got, want) {
		t.Errorf("after commit out holds %q, want %q", got, want)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "<p>new</p>" {
		t.Errorf("index.html = %q, want the new page", b)
	}
	if b, _ := os.ReadFile(filepath.Join(out, ".git/HEAD")); !strings.Contains(string(b), "gh-pages") {
		t.Errorf(".git/HEAD = %q, want it carried over", b)
	}
	if left := siblings(t, out); len(left) > 0 {
		t.Errorf("left beside out: %q", left)
	}
	if err := s.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v", err)
	}
}

func TestCommitCreatesMissingFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site", "public")
	s, err := Begin(out, "", false)
	if err != nil {
		t.Fatal(err)
	}
	stageFiles(t, s, map[string]string{"index.html": "new"})
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(b) != "new" {
		t.Errorf("index.html = %q, %v", b, err)
	}
	if left := siblings(t, out); len(left) > 0 {
		t.Errorf("left beside out: %q", left)
	}
}

func TestAbortLeavesFolderIdentical(t *testing.T) {
	out := oldSite(t)
	before := snapshot(t, out)
	s, err := Begin(out, "", false)
	if err != nil {
		t.Fatal(err)
	}
	stageFiles(t, s, map[string]string{"index.html": "half a site", ".gitkeep": "x"})
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, out); !maps.Equal(before, after) {
		t.Errorf("Abort changed out:\nbefore %v\nafter  %v", before, after)
	}
	if left := siblings(t, out); len(left) > 0 {
		t.Errorf("left beside out: %q", left)
	}
	if err := s.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
}

func TestSecondBeginIsBusy(t *testing.T) {
	out := oldSite(t)
	s, err := Begin(out, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(out, "", false); !errors.Is(err, ErrBusy) {
		t.Fatalf("second Begin: %v, want ErrBusy", err)
	} else if !strings.Contains(err.Error(), "another build is running") {
		t.Errorf("error %q does not say another build is running", err)
	}
	if _, err := os.Stat(s.Tree().Dir()); err != nil {
		t.Errorf("a refused Begin disturbed the running build's staging folder: %v", err)
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	s2, err := Begin(out, "", false)
	if err != nil {
		t.Fatalf("Begin after the first build ended: %v", err)
	}
	s2.Abort()
}

func TestBeginRefusesAFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	writeTree(t, filepath.Dir(out), map[string]string{"public": "not a folder"})
	if _, err := Begin(out, "", false); err == nil {
		t.Fatal("Begin on a file succeeded")
	}
}

// TestRenameSwap covers the two-rename fallback, which Linux uses only
// where the file system cannot exchange folders.
func TestRenameSwap(t *testing.T) {
	out := oldSite(t)
	dir := sibling(out, "staging-1")
	writeTree(t, dir, map[string]string{"index.html": "new"})
	old, err := renameSwap(dir, out)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "new" {
		t.Errorf("out/index.html = %q, want new", b)
	}
	if b, _ := os.ReadFile(filepath.Join(old, "index.html")); string(b) != "<p>old</p>" {
		t.Errorf("old/index.html = %q, want the old page", b)
	}
}

// TestBeginRepairs sets up what a build killed at each point leaves behind.
func TestBeginRepairs(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, out string)
		want  string // out/index.html after Begin
	}{
		{"killed while writing", func(t *testing.T, out string) {
			writeTree(t, sibling(out, "staging-99"), map[string]string{"index.html": "half"})
		}, "<p>old</p>"},
		{"killed between the fallback's renames", func(t *testing.T, out string) {
			if err := os.Rename(out, sibling(out, "old-99")); err != nil {
				t.Fatal(err)
			}
			writeTree(t, sibling(out, "staging-99"), map[string]string{"index.html": "new"})
		}, "<p>old</p>"},
		{"killed while removing the old site after the fallback", func(t *testing.T, out string) {
			if err := os.Rename(out, sibling(out, "old-99")); err != nil {
				t.Fatal(err)
			}
			writeTree(t, out, map[string]string{"index.html": "new"})
		}, "new"},
		{"killed while removing the old site after an exchange", func(t *testing.T, out string) {
			if err := os.Rename(out, sibling(out, "staging-99")); err != nil {
				t.Fatal(err)
			}
			writeTree(t, out, map[string]string{"index.html": "new"})
		}, "new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := oldSite(t)
			tt.setup(t, out)
			s, err := Begin(out, "", false)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != tt.want {
				t.Errorf("index.html = %q, want %q", b, tt.want)
			}
			if _, err := os.Stat(filepath.Join(out, ".git", "HEAD")); err != nil {
				t.Errorf("the dot entries were not kept: %v", err)
			}
			if left := siblings(t, out); !slices.Equal(left, []string{filepath.Base(s.Tree().Dir())}) {
				t.Errorf("beside out: %q, want only this build's staging folder", left)
			}
		})
	}
}

// helperEnv makes the test binary act as a build that writes forever into
// the staging folder of the named output folder, until it is killed.
const helperEnv = "GIAMSAT_PUBLISH_HELPER_OUT"

func TestMain(m *testing.M) {
	if out := os.Getenv(helperEnv); out != "" {
		os.Exit(helperBuild(out))
	}
	os.Exit(m.Run())
}

func helperBuild(out string) int {
	s, err := Begin(out, "", false)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for i := 0; ; i++ {
		name := filepath.Join(s.Tree().Dir(), fmt.Sprintf("page-%d.html", i))
		if err := os.WriteFile(name, []byte(strings.Repeat("x", 4096)), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if i == 10 {
			fmt.Println("ready")
		}
	}
}

func TestKilledBuildLeavesFolderIdentical(t *testing.T) {
	out := oldSite(t)
	before := snapshot(t, out)

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan bool, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		ready <- line == "ready\n"
	}()
	select {
	case ok := <-ready:
		if !ok {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("helper build failed: %s", stderr.String())
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal("helper build never started writing")
	}

	// While it writes, a second build must be refused.
	if _, err := Begin(out, "", false); !errors.Is(err, ErrBusy) {
		t.Errorf("Begin during the helper build: %v, want ErrBusy", err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	if after := snapshot(t, out); !maps.Equal(before, after) {
		t.Fatal("killing a build changed the published folder")
	}
	if len(siblings(t, out)) == 0 {
		t.Fatal("the killed build left no staging folder; the test did not kill it mid-write")
	}
	// The kernel released the dead build's lock; the next build starts and
	// clears its leftovers without touching out.
	s, err := Begin(out, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if left := siblings(t, out); len(left) > 0 {
		t.Errorf("left beside out: %q", left)
	}
	if after := snapshot(t, out); !maps.Equal(before, after) {
		t.Error("the next build's Begin changed the published folder")
	}
}
