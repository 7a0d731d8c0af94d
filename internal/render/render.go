// Package render writes the dashboard's pages: the overview, a page per
// district, category and period, the case register and the downloads
// page. Every figure is computed here, in Go, into a view model; the
// theme's layouts only lay it out. Pages are written by a bounded pool of
// workers, each streaming its page straight to its file, so that a site of
// a million cases never holds more than a few pages in memory.
package render

import (
	"fmt"
	"html/template"
	"runtime"
	"sync"

	"giamsat/internal/export"
	"giamsat/internal/freeze"
	"giamsat/internal/period"
	"giamsat/internal/publish"
	"giamsat/internal/site"
	"giamsat/internal/stats"
	"giamsat/internal/theme"
)

// Input is everything the pages are made from.
type Input struct {
	Site       *site.Config
	Cases      []export.Case  // merged, one per id, sorted by id
	Exports    []*export.File // every export read
	Summary    *stats.Summary // stats.Compute of the same cases and exports
	Directives []DirectiveRef // newest first is not required: pages sort
	Intro      template.HTML  // content/_index.md, rendered; may be empty
	Map        MapRef         // the boundary map; zero for none
	// Closings says when each period's report closed (freeze.Closings);
	// Frozen holds each closed period's figures as they stood that day
	// (freeze.Figures). A period without a frozen summary is reported
	// with the current figures, as provisional.
	Closings map[period.Period]freeze.Closing
	Frozen   map[period.Period]*freeze.Frozen
}

// MapRef is the boundary map the build published: the asset's address
// from the site root and the name it registers its geometry under.
type MapRef struct {
	Asset, Name string
}

// DirectiveRef is what the dashboard shows of a directive: a link with its
// number, title and date, and the categories it concerns.
type DirectiveRef struct {
	Slug       string
	Number     string
	Title      string
	Date       period.Date
	Categories []string // category keys
}

// Site writes every dashboard page into out and returns how many it
// wrote. Assets, downloads and directive pages are written by others.
func Site(out *publish.Tree, th *theme.Theme, in Input) (pages int, err error) {
	if in.Site == nil || in.Summary == nil {
		return 0, fmt.Errorf("render: no site configuration or summary")
	}
	r := newRenderer(out, th, in)
	jobs := r.jobs()
	if err := run(jobs, runtime.GOMAXPROCS(0)); err != nil {
		return 0, err
	}
	return len(jobs), nil
}

// job writes one page.
type job func() error

// run runs the jobs on n workers and returns the first error; after an
// error no new job starts.
func run(jobs []job, n int) error {
	var (
		mu    sync.Mutex
		next  int
		first error
		wg    sync.WaitGroup
	)
	take := func() job {
		mu.Lock()
		defer mu.Unlock()
		if first != nil || next == len(jobs) {
			return nil
		}
		j := jobs[next]
		next++
		return j
	}
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if first == nil {
			first = err
		}
	}
	for range max(n, 1) {
		wg.Go(func() {
			for j := take(); j != nil; j = take() {
				if err := j(); err != nil {
					fail(err)
				}
			}
		})
	}
	wg.Wait()
	return first
}
