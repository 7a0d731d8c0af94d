package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errOut strings.Builder
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args       []string
		code       int
		stdout     string // must contain
		stderr     string // must contain
		quietOut   bool   // stdout must be empty
		quietError bool   // stderr must be empty
	}{
		{args: nil, code: 2, stderr: "Usage:", quietOut: true},
		{args: []string{"help"}, code: 0, stdout: "giamsat build", quietError: true},
		{args: []string{"--help"}, code: 0, stdout: "giamsat check", quietError: true},
		{args: []string{"-h"}, code: 0, stdout: "Exit status", quietError: true},
		{args: []string{"version"}, code: 0, stdout: "giamsat ", quietError: true},
		{args: []string{"--version"}, code: 0, stdout: "giamsat ", quietError: true},
		{args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`, quietOut: true},
		{args: []string{"build", "-h"}, code: 0, stdout: "Usage: giamsat build", quietError: true},
		{args: []string{"build", "--nope"}, code: 2, stderr: "flag provided but not defined: -nope", quietOut: true},
		{args: []string{"build", "site"}, code: 2, stderr: `unexpected argument "site"`, quietOut: true},
		{args: []string{"build", "--as-of", "2022-13-01"}, code: 2, stderr: "--as-of 2022-13-01", quietOut: true},
		{args: []string{"build", "--as-of", "31/04/2022"}, code: 2, stderr: "--as-of 31/04/2022", quietOut: true},
		{args: []string{"check", "--out", "x"}, code: 2, stderr: "-out", quietOut: true},
		{args: []string{"check", "--as-of", "2022-05-01"}, code: 2, stderr: "-as-of", quietOut: true},
		{args: []string{"sample"}, code: 2, stderr: "--cases N is required", quietOut: true},
		{args: []string{"sample", "--cases", "10"}, code: 2, stderr: "--out DIR is required", quietOut: true},
		{args: []string{"sample", "--cases", "-3", "--out", "x"}, code: 2, stderr: "--cases", quietOut: true},
		{args: []string{"sample", "--cases", "ten", "--out", "x"}, code: 2, stderr: "invalid value", quietOut: true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runArgs(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stdout %q does not contain %q", stdout, tt.stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.stderr)
			}
			if tt.quietOut && stdout != "" {
				t.Errorf("stdout not empty: %q", stdout)
			}
			if tt.quietError && stderr != "" {
				t.Errorf("stderr not empty: %q", stderr)
			}
		})
	}
}

func TestMissingSiteIsADataError(t *testing.T) {
	code, stdout, stderr := runArgs("check", "--source", t.TempDir())
	if code != 1 {
		t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "site.yaml") {
		t.Errorf("stderr does not name site.yaml: %s", stderr)
	}
}

// snapshot maps every path under root to a hash of its content.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	m := make(map[string]string)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		rel, _ := filepath.Rel(root, path)
		m[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// diagLine is one diagnostic: FILE:LINE:COL: message.
var diagLine = regexp.MustCompile(`^data/zz-broken\.yaml:\d+:\d+: \S`)

func TestEndToEnd(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runArgs("sample", "--cases", "120", "--seed", "7", "--out", src); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runArgs("check", "--source", src); code != 0 {
		t.Fatalf("check of the sample: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(src, "public")); err == nil {
		t.Fatal("check wrote public/")
	}

	code, stdout, stderr := runArgs("build", "--source", src)
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "giamsat: ") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("summary = %q, want one line", stdout)
	}
	public := filepath.Join(src, "public")
	for _, name := range []string{"index.html", "data/cases.csv", "data/districts.csv", "data/monthly.csv", "data/reports.csv"} {
		if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(name))); err != nil {
			t.Errorf("build did not write %s: %v", name, err)
		}
	}
	before := snapshot(t, public)

	// A second build of the same input is byte-identical.
	if code, _, stderr := runArgs("build", "--source", src); code != 0 {
		t.Fatalf("second build: exit %d: %s", code, stderr)
	}
	if again := snapshot(t, public); !maps.Equal(before, again) {
		t.Error("building the same input twice gave different output")
	}

	broken := `export:
  unit: Phòng Văn hóa và Thông tin
  exported_at: 2022-05-03
  statsu: x
cases:
  - id: ZZ-1
    detected_on: 31/04/2022
`
	if err := os.WriteFile(filepath.Join(src, "data", "zz-broken.yaml"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"check", "build"} {
		code, stdout, stderr := runArgs(cmd, "--source", src)
		if code != 1 {
			t.Fatalf("%s with a broken file: exit %d, want 1\nstdout: %s\nstderr: %s", cmd, code, stdout, stderr)
		}
		if stdout != "" {
			t.Errorf("%s: stdout %q, want nothing on failure", cmd, stdout)
		}
		// Progress lines, should reading be slow, start like the count.
		var lines []string
		all := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		for i, l := range all {
			if i == len(all)-1 || !strings.HasPrefix(l, "giamsat: ") {
				lines = append(lines, l)
			}
		}
		if len(lines) < 3 {
			t.Fatalf("%s: want at least two diagnostics and a count, got:\n%s", cmd, stderr)
		}
		for _, l := range lines[:len(lines)-1] {
			if !diagLine.MatchString(l) {
				t.Errorf("%s: %q is not FILE:LINE:COL: message", cmd, l)
			}
		}
		if last := lines[len(lines)-1]; !strings.HasPrefix(last, "giamsat: ") {
			t.Errorf("%s: last line %q is not the count", cmd, last)
		}
	}
	if after := snapshot(t, public); !maps.Equal(before, after) {
		t.Error("a failed build changed public/")
	}
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		if strings.Contains(e.Name(), "staging") || strings.Contains(e.Name(), ".old-") {
			t.Errorf("a failed build left %s", e.Name())
		}
	}
}
