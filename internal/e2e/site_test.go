package e2e

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"giamsat/internal/build"
	"giamsat/internal/sample"
)

// subPath is where the local server puts the site, as an office's
// intranet would: nothing may assume the site sits at the server's root.
const subPath = "/noi-bo/giamsat/"

// A builtSite is a site the tests build once and share.
type builtSite struct {
	once sync.Once
	dir  string // the published folder
	err  error
}

var sites struct {
	example, sampled, hostile builtSite
}

// get builds the site the first time it is asked for: make prepares the
// site folder in src (nothing for the example, which is the repository).
func (b *builtSite) get(t *testing.T, name string, source func(dir string) (string, error)) string {
	t.Helper()
	b.once.Do(func() {
		src, err := source(filepath.Join(env.work, name+"-src"))
		if err != nil {
			b.err = err
			return
		}
		b.dir = filepath.Join(env.work, name)
		b.err = buildSite(src, b.dir)
	})
	if b.err != nil {
		t.Fatalf("building the %s site: %v", name, b.err)
	}
	return b.dir
}

// exampleSite is the example site at the root of the repository.
func exampleSite(t *testing.T) string {
	return sites.example.get(t, "example", func(string) (string, error) {
		return filepath.Abs(filepath.Join("..", ".."))
	})
}

// sampleSite is a generated site of 300 cases in one year: unlike the
// example's three, it has no year before to compare with.
func sampleSite(t *testing.T) string {
	return sites.sampled.get(t, "sample", func(dir string) (string, error) {
		return dir, sample.Write(dir, sample.Options{Cases: 300, Seed: 7, Years: 1})
	})
}

// hostileSite is testdata/hostile: a site whose data and documents carry
// script payloads in every field that reaches a page.
func hostileSite(t *testing.T) string {
	return sites.hostile.get(t, "hostile", func(dir string) (string, error) {
		return dir, os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "hostile")))
	})
}

func buildSite(src, out string) error {
	_, diags, err := build.Run(context.Background(), build.Options{Source: src, Out: out})
	if err != nil {
		return err
	}
	if len(diags) > 0 {
		return errors.New(diags.Text("en"))
	}
	return nil
}

// serve serves dir under subPath on a local server and returns the site's
// address, ending in a slash.
func serve(t *testing.T, dir string) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(subPath, http.StripPrefix(strings.TrimSuffix(subPath, "/"), files(dir)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + subPath
}

// files serves the files of dir as a plain static host does, answering a
// folder with its index.html. Unlike http.FileServer it does not redirect
// …/index.html to …/, so that the pages are loaded at the very addresses
// their links name.
func files(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, name, st.ModTime(), f)
	})
}

// fileURL is the file:// address of the site in dir, ending in a slash.
func fileURL(dir string) string {
	return "file://" + filepath.ToSlash(dir) + "/"
}

var registerPage = regexp.MustCompile(`(^|/)cases/([0-9]+)/index\.html$`)

// pages lists the HTML pages of the site in dir, as slash paths relative
// to it, sorted. Of the numbered pages of each case register it keeps the
// second and the last: the pages between them are made by the same
// template from the same kind of rows, and a large site has thousands.
func pages(t *testing.T, dir string) []string {
	t.Helper()
	var all []string
	last := map[string]int{} // register folder → highest page number
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if m := registerPage.FindStringSubmatch(rel); m != nil {
			n, _ := strconv.Atoi(m[2])
			reg := strings.TrimSuffix(rel, m[2]+"/index.html")
			last[reg] = max(last[reg], n)
		}
		all = append(all, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	keep := all[:0]
	for _, rel := range all {
		if m := registerPage.FindStringSubmatch(rel); m != nil {
			n, _ := strconv.Atoi(m[2])
			if n != 2 && n != last[strings.TrimSuffix(rel, m[2]+"/index.html")] {
				continue
			}
		}
		keep = append(keep, rel)
	}
	slices.Sort(keep)
	if len(keep) == 0 {
		t.Fatalf("no pages in %s", dir)
	}
	return keep
}
