package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// giamsatBinary builds the command into a temporary folder, so that the
// tests below can run it as a process of its own and kill it.
func giamsatBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and kills real processes; skipped with -short")
	}
	if runtime.GOOS == "windows" {
		t.Skip("kills with SIGKILL and pauses with SIGSTOP")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build the command with")
	}
	bin := filepath.Join(t.TempDir(), "giamsat")
	if out, err := exec.Command(gobin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// command prepares a run of bin whose parse cache is kept in the test's
// own folder.
func command(bin, cache string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cache, "HOME="+cache)
	return cmd
}

// siteHash is one hash of everything under dir: paths, kinds and contents.
func siteHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(filepath.ToSlash(rel) + "\x00" + d.Type().String() + "\x00"))
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			h.Write(sum[:])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// beside lists what lies next to the output folder besides it and what
// publishing keeps there between builds.
func beside(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	// Kept between builds: the lock, the marker, and the previous site with the
	// manifests that let the next build start from it.
	kept := map[string]bool{filepath.Base(out): true}
	for _, k := range []string{"lock", "giamsat", "manifest", "spare", "spare.manifest"} {
		kept["."+filepath.Base(out)+"."+k] = true
	}
	var left []string
	for _, e := range entries {
		if !kept[e.Name()] {
			left = append(left, e.Name())
		}
	}
	return left
}

// killSite writes a generated site big enough that a build takes a
// while, and returns it with the folder the tests publish into.
func killSite(t *testing.T, bin, cache string) (src, out string) {
	t.Helper()
	dir := t.TempDir()
	src = filepath.Join(dir, "site")
	if b, err := command(bin, cache, "sample", "--cases", "4000", "--seed", "7", "--out", src).CombinedOutput(); err != nil {
		t.Fatalf("sample: %v\n%s", err, b)
	}
	return src, filepath.Join(dir, "www", "public")
}

// TestKillAtRandomPoints kills builds at random moments, twenty times. The
// published folder must always be a whole site, byte for byte the one
// before the killed build (or, when the kill came after the swap, the
// complete new one), and the next build must succeed and clean up.
// Builds alternate between two --as-of dates so that the two sites differ.
func TestKillAtRandomPoints(t *testing.T) {
	bin := giamsatBinary(t)
	cache := t.TempDir()
	src, out := killSite(t, bin, cache)
	asOf := []string{"2024-06-30", "2024-12-31"}
	want := make([]string, 2)
	var took time.Duration
	for i, d := range asOf {
		ref := filepath.Join(t.TempDir(), "public")
		start := time.Now()
		if b, err := command(bin, cache, "build", "--source", src, "--out", ref, "--as-of", d).CombinedOutput(); err != nil {
			t.Fatalf("build --as-of %s: %v\n%s", d, err, b)
		}
		took = max(took, time.Since(start)) // the slower of the two
		want[i] = siteHash(t, ref)
	}
	if want[0] == want[1] {
		t.Fatal("the two --as-of dates give the same site; the test could not tell them apart")
	}
	if b, err := command(bin, cache, "build", "--source", src, "--out", out, "--as-of", asOf[0]).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	t.Logf("a build takes about %v", took)

	rng := rand.New(rand.NewPCG(7, 2022))
	cur := 0
	midWrite := 0
	for i := range 20 {
		next := 1 - cur
		cmd := command(bin, cache, "build", "--source", src, "--out", out, "--as-of", asOf[next])
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if len(beside(t, out)) > 0 {
			midWrite++
		}
		switch got := siteHash(t, out); got {
		case want[cur]:
		case want[next]:
			cur = next // killed after the swap: the new site is whole
		default:
			t.Fatalf("kill %d: the published folder is neither the previous site nor the new one", i+1)
		}
		// The next build repairs what the killed one left and publishes.
		b, err := command(bin, cache, "build", "--source", src, "--out", out, "--as-of", asOf[next]).CombinedOutput()
		if err != nil {
			t.Fatalf("build after kill %d: %v\n%s", i+1, err, b)
		}
		if got := siteHash(t, out); got != want[next] {
			t.Fatalf("build after kill %d published a different site", i+1)
		}
		if left := beside(t, out); len(left) > 0 {
			t.Fatalf("after kill %d and a build, left beside the site: %q", i+1, left)
		}
		cur = next
	}
	t.Logf("%d of 20 kills hit a build while it was writing its staging folder", midWrite)
	if midWrite == 0 {
		t.Error("no kill hit a build while it wrote; the test proved nothing about that phase")
	}
}

// TestConcurrentBuilds: a build started while another writes into the same
// folder is refused with a clear message and exit status 1; the first one
// publishes. The first build is paused (SIGSTOP) while it holds the lock,
// so that the two overlap whatever the machine's speed; then both are also
// started at the very same moment.
func TestConcurrentBuilds(t *testing.T) {
	bin := giamsatBinary(t)
	cache := t.TempDir()
	src, out := killSite(t, bin, cache)
	ref := filepath.Join(t.TempDir(), "public")
	if b, err := command(bin, cache, "build", "--source", src, "--out", ref).CombinedOutput(); err != nil {
		t.Fatalf("reference build: %v\n%s", err, b)
	}
	want := siteHash(t, ref)

	first := command(bin, cache, "build", "--source", src, "--out", out)
	var firstOut bytes.Buffer
	first.Stdout, first.Stderr = &firstOut, &firstOut
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(beside(t, out)) == 0 {
		if time.Now().After(deadline) {
			first.Process.Kill()
			t.Fatalf("the first build never started writing:\n%s", firstOut.String())
		}
		time.Sleep(time.Millisecond)
	}
	first.Process.Signal(syscall.SIGSTOP)
	second, err := command(bin, cache, "build", "--source", src, "--out", out).CombinedOutput()
	first.Process.Signal(syscall.SIGCONT)
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code != 1 || !strings.Contains(string(second), "một lần build khác đang chạy cho thư mục này") ||
		!strings.Contains(string(second), "another build is running") {
		t.Errorf("second build: exit %d, output:\n%s", code, second)
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("first build: %v\n%s", err, firstOut.String())
	}
	if got := siteHash(t, out); got != want {
		t.Error("the published site is not the one a single build makes")
	}

	// Both at once: one or both publish (the second may start after the
	// first finished), and any refused one says why.
	cmds := []*exec.Cmd{
		command(bin, cache, "build", "--source", src, "--out", out),
		command(bin, cache, "build", "--source", src, "--out", out),
	}
	outs := make([]bytes.Buffer, 2)
	for i, c := range cmds {
		c.Stdout, c.Stderr = &outs[i], &outs[i]
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	published := 0
	for i, c := range cmds {
		err := c.Wait()
		switch ee, _ := err.(*exec.ExitError); {
		case err == nil:
			published++
		case ee != nil && ee.ExitCode() == 1 && strings.Contains(outs[i].String(), "another build is running"):
		default:
			t.Errorf("build %d at once: %v\n%s", i+1, err, outs[i].String())
		}
	}
	if published == 0 {
		t.Error("neither build published")
	}
	if got := siteHash(t, out); got != want {
		t.Error("two builds at once left a site that no single build makes")
	}
	if left := beside(t, out); len(left) > 0 {
		t.Errorf("left beside the site: %q", left)
	}
}
