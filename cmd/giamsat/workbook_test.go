package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// giamsat template writes the workbook; giamsat convert takes it to YAML
// and the YAML back to a workbook, and refuses what it must.
func TestTemplateAndConvert(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "..")
	tpl := filepath.Join(dir, "ben-luc.xlsx")
	if code, _, stderr := runArgs("template", "--source", src, "--out", tpl, "--unit", "803", "--period", "2024-11"); code != exitOK {
		t.Fatalf("template: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runArgs("template", "--source", src, "--out", tpl); code != exitData || !strings.Contains(stderr, "--force") {
		t.Errorf("template over a file: exit %d: %s", code, stderr)
	}
	for _, bad := range [][]string{{"--out", tpl, "--period", "11/2024"}, {"--out", tpl, "--unit", "999", "--force"}, {}} {
		if code, _, _ := runArgs(append([]string{"template", "--source", src}, bad...)...); code == exitOK {
			t.Errorf("template %v: exit 0", bad)
		}
	}
	// The empty template is no export yet: its problems are printed.
	if code, _, stderr := runArgs("convert", tpl, "--source", src); code != exitData || !strings.Contains(stderr, "Thông tin báo cáo!B5") {
		t.Errorf("convert of the empty template: exit %d: %s", code, stderr)
	}

	yaml := filepath.Join(src, "data", "2024", "ben-luc", "2024-11.yaml")
	xlsx := filepath.Join(dir, "2024-11.xlsx")
	if code, _, stderr := runArgs("convert", yaml, "--source", src, "--out", xlsx); code != exitOK {
		t.Fatalf("convert to xlsx: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runArgs("convert", "--source", src, xlsx)
	if code != exitOK || !strings.Contains(stdout, "id: BL-2024-0048") || !strings.Contains(stdout, "exported_at: 2024-12-05T10:01:00+07:00") {
		t.Fatalf("convert to YAML: exit %d: %s%s", code, stdout, stderr)
	}
	out := filepath.Join(dir, "back.yaml")
	if code, _, stderr := runArgs("convert", xlsx, "--source", src, "--out", out); code != exitOK {
		t.Fatalf("convert --out: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(out); string(b) != stdout {
		t.Error("--out wrote something else than standard output")
	}
	if code, _, _ := runArgs("convert", yaml, "--source", src); code != exitUsage {
		t.Errorf("YAML to a workbook on standard output: exit %d", code)
	}
	if code, _, _ := runArgs("convert", "a.xlsx", "b.xlsx"); code != exitUsage {
		t.Errorf("two files: exit %d", code)
	}
	if code, stdout, _ := runArgs("help"); code != exitOK || !strings.Contains(stdout, "giamsat template") || !strings.Contains(stdout, "giamsat convert") {
		t.Error("help does not list template and convert")
	}
}
