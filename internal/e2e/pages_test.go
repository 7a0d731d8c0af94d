package e2e

import "testing"

// tabsPerCheck is how many pages are checked at once: two tabs keep two
// cores busy without starving the browser's own processes.
const tabsPerCheck = 2

// TestEveryPage opens every page of the example site and of a sample site,
// served under a sub-path and from disk, and fails on anything a reader
// would be let down by: an error, a failed or outside request, a chart not
// drawn or without its table, a CSP not in force.
func TestEveryPage(t *testing.T) {
	needBrowser(t)
	for _, s := range []struct {
		name string
		dir  func(*testing.T) string
	}{
		{"example", exampleSite},
		{"sample", sampleSite},
	} {
		t.Run(s.name, func(t *testing.T) {
			dir := s.dir(t)
			list := pages(t, dir)
			t.Run("http", func(t *testing.T) { checkPages(t, serve(t, dir), list) })
			t.Run("file", func(t *testing.T) { checkPages(t, fileURL(dir), list) })
		})
	}
}

// checkPages checks each page of list, a path relative to base, in a
// subtest of its own.
func checkPages(t *testing.T, base string, list []string) {
	pool := make(chan *tab, tabsPerCheck)
	for range tabsPerCheck {
		pool <- newTab(t, base)
	}
	for _, p := range list {
		t.Run(p, func(t *testing.T) {
			t.Parallel()
			tb := <-pool
			defer func() { pool <- tb }()
			for _, problem := range tb.check(base + p) {
				t.Error(problem)
			}
		})
	}
}
