package acceptance

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"giamsat/internal/build"
	"giamsat/internal/sample"
)

// A test binary started with these variables set builds one site and
// exits: the time-zone test runs builds in child processes whose TZ it
// chooses, because a process reads its local zone once, at start.
const (
	envSource = "GIAMSAT_ACCEPTANCE_SOURCE"
	envOut    = "GIAMSAT_ACCEPTANCE_OUT"
)

func TestMain(m *testing.M) {
	if src, out := os.Getenv(envSource), os.Getenv(envOut); src != "" && out != "" {
		if err := buildSite(src, out); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	tmp, err := os.MkdirTemp("", "giamsat-acceptance-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	scratch = tmp
	code := m.Run()
	os.RemoveAll(tmp)
	os.Exit(code)
}

// scratch holds the sites the tests share; set once by TestMain.
var scratch string

// buildSite builds the site in src into out as giamsat build does.
func buildSite(src, out string) error {
	_, diags, err := build.Run(context.Background(), build.Options{Source: src, Out: out})
	if err != nil {
		return fmt.Errorf("build %s: %w", src, err)
	}
	if len(diags) > 0 {
		return fmt.Errorf("build %s: %d problems, the first: %v", src, len(diags), diags[0])
	}
	return nil
}

// site is a built site: its source folder and its output.
type site struct {
	name     string
	src, out string
}

// exampleRoot is the example site: the repository root.
func exampleRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "site.yaml")); err != nil {
		t.Fatalf("no example site at %s: %v", root, err)
	}
	return root
}

var exampleOnce = sync.OnceValues(func() (site, error) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return site{}, err
	}
	s := site{name: "example", src: root, out: filepath.Join(scratch, "example")}
	return s, buildSite(s.src, s.out)
})

// example returns the example site, built once for all tests.
func example(t testing.TB) site {
	t.Helper()
	exampleRoot(t)
	s, err := exampleOnce()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sampleOptions are the generated sites the tests run on besides the
// example: a small province, one with made-up districts beyond Long An's
// 15 (no tile positions for them), and one with reports but no case.
var sampleOptions = []sample.Options{
	{Cases: 300, Seed: 2, Districts: 5, Years: 2},
	{Cases: 800, Seed: 3, Districts: 18, Years: 1, FromYear: 2023},
	{Cases: 0, Seed: 4, Districts: 2, Years: 1},
}

var samplesOnce = sync.OnceValues(func() ([]site, error) {
	var out []site
	for _, opt := range sampleOptions {
		name := fmt.Sprintf("sample-%d-cases-seed-%d", opt.Cases, opt.Seed)
		s := site{name: name, src: filepath.Join(scratch, name+"-src"), out: filepath.Join(scratch, name)}
		if err := sample.Write(s.src, opt); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := buildSite(s.src, s.out); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, s)
	}
	return out, nil
})

// samples returns the generated sites, built once for all tests.
func samples(t testing.TB) []site {
	t.Helper()
	s, err := samplesOnce()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// allSites is the example and every sample.
func allSites(t testing.TB) []site {
	return append([]site{example(t)}, samples(t)...)
}

// files lists the regular files under dir, slash-separated and sorted.
func files(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// siteConfig is what the tests read of site.yaml, on their own.
type siteConfig struct {
	Language  string
	Theme     string
	Districts []struct {
		Code, Name, Short string
		Tile              []int
	}
	Categories []struct{ Key, Name string }
	Platforms  []struct{ Key, Name string }
}

func readConfig(t testing.TB, src string) siteConfig {
	t.Helper()
	var c siteConfig
	if err := yaml.Unmarshal(read(t, filepath.Join(src, "site.yaml")), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// readCSV reads a download: a UTF-8 BOM, then RFC 4180 records with a
// header row. It returns the rows as maps from column name to cell.
func readCSV(t testing.TB, name string) []map[string]string {
	t.Helper()
	b := read(t, name)
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Errorf("%s: no UTF-8 byte order mark", name)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: no header row", name)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := make(map[string]string, len(rec))
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// atoi reads a CSV integer; an empty cell is 0.
func atoi(t testing.TB, s string) int64 {
	t.Helper()
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("not an integer: %q", s)
	}
	return n
}

// sameTree reports the differences between two output folders, file by
// file, byte by byte.
func sameTree(t *testing.T, a, b string) {
	t.Helper()
	fa, fb := files(t, a), files(t, b)
	if !slices.Equal(fa, fb) {
		var only []string
		for _, f := range fa {
			if !slices.Contains(fb, f) {
				only = append(only, "-"+f)
			}
		}
		for _, f := range fb {
			if !slices.Contains(fa, f) {
				only = append(only, "+"+f)
			}
		}
		t.Errorf("the builds wrote different files: %s", strings.Join(only[:min(len(only), 10)], " "))
		return
	}
	var differ []string
	for _, f := range fa {
		if !bytes.Equal(read(t, filepath.Join(a, f)), read(t, filepath.Join(b, f))) {
			differ = append(differ, f)
		}
	}
	if len(differ) > 0 {
		t.Errorf("%d of %d files differ, e.g. %s", len(differ), len(fa), strings.Join(differ[:min(len(differ), 5)], ", "))
	}
}
