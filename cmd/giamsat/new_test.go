package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewAndServeUsage(t *testing.T) {
	tests := []struct {
		args           []string
		code           int
		stdout, stderr string // must contain
	}{
		{[]string{"new"}, 2, "", "giamsat new site DIR"},
		{[]string{"new", "trang"}, 2, "", "giamsat new site DIR"},
		{[]string{"new", "site"}, 2, "", "give one folder"},
		{[]string{"new", "site", "a", "b"}, 2, "", "give one folder"},
		{[]string{"new", "site", "--force"}, 2, "", "unknown flag --force"},
		{[]string{"new", "-h"}, 0, "Usage: giamsat new site DIR", ""},
		{[]string{"serve", "-h"}, 0, "Usage: giamsat serve", ""},
		{[]string{"serve", "--port", "70000"}, 2, "", "--port 70000"},
		{[]string{"serve", "site"}, 2, "", `unexpected argument "site"`},
		{[]string{"help"}, 0, "giamsat serve", ""},
		{[]string{"help"}, 0, "giamsat new site DIR", ""},
	}
	for _, tt := range tests {
		code, stdout, stderr := runArgs(tt.args...)
		if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%q: exit %d\nstdout: %s\nstderr: %s\nwant exit %d, stdout with %q, stderr with %q",
				tt.args, code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
		}
	}
}

func TestNewSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "trang")
	code, stdout, stderr := runArgs("new", "site", dir)
	if code != 0 || !strings.Contains(stdout, "site.yaml") || stderr != "" {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	if code, _, stderr := runArgs("check", "--source", dir, "--no-cache"); code != 0 {
		t.Errorf("the new site does not check: %s", stderr)
	}
	// Again into the same folder, now full: refused, nothing changed.
	before, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runArgs("new", "site", dir); code != 1 || !strings.Contains(stderr, "not empty") {
		t.Errorf("into a full folder: exit %d, %s", code, stderr)
	}
	after, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil || string(after) != string(before) {
		t.Errorf("site.yaml changed by the refused run (%v)", err)
	}
}

// An --out that would put the builds inside the site stops serve at once.
func TestServeRefusesOutInsideSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "trang")
	if code, _, stderr := runArgs("new", "site", dir); code != 0 {
		t.Fatal(stderr)
	}
	code, _, stderr := runArgs("serve", "--source", dir, "--port", "0", "--out", filepath.Join(dir, "data", "xem"))
	if code != 2 || !strings.Contains(stderr, "--out") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
}
