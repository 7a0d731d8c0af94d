package content

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"

	"giamsat/internal/address"
	"giamsat/internal/fingerprint"
	"giamsat/internal/period"
	"giamsat/internal/plainfile"
	"giamsat/internal/publish"
	"giamsat/internal/theme"
)

// Render writes into out the page of every directive with its
// attachments (directives/<slug>/), the list of directives
// (directives/index.html and, when it is long, directives/year_<year>/
// and their further pages: see listPages) and the plain pages at their
// paths. figures holds each category's current figures, by category key,
// for the directive pages' links to the dashboards. It returns the number of pages
// written. The pages are written on every core: a site of ten thousand
// directives is mostly this.
func Render(out *publish.Tree, th *theme.Theme, set *Set, figures map[string]Figures) (int, error) {
	f := th.Format()
	// Attachments are opened within content/ at the moment they are
	// copied: a file swapped for a link to elsewhere after the check
	// cannot be reached.
	root, err := os.OpenRoot(set.root)
	if err != nil && hasAttachments(set) {
		return 0, err
	}
	if root != nil {
		defer root.Close()
	}
	pages := set.listPages()
	years := set.listYears(pages)
	jobs := make([]func() error, 0, len(set.directives)+len(pages)+len(set.pages))
	for _, p := range pages {
		for _, d := range set.directives[p.from:p.to] {
			jobs = append(jobs, func() error {
				path := address.Directive(d.Slug) + "/"
				if err := th.Write(out, path, "directive.html", th.Page(path, d.Title, set.directiveView(d, address.Between(path, p.dir), figures, f))); err != nil {
					return err
				}
				for _, a := range d.Attachments {
					if err := copyFile(out, root, a.Src, address.Attachment(d.Slug, a.Path)); err != nil {
						return fmt.Errorf("%s: attachment %s: %w", d.File, a.Path, err)
					}
				}
				return nil
			})
		}
	}
	for i, p := range pages {
		title := th.T("directives_title")
		if i > 0 {
			title += " " + f.Period(period.Period{Kind: period.Year, Year: p.year})
		}
		if p.n > 1 {
			title += " · " + th.T("directives_page") + " " + f.Num(int64(p.n))
		}
		jobs = append(jobs, func() error {
			v := set.listView(pages, years, i, f)
			v.Title = title
			return th.Write(out, p.dir, "directives.html", th.Page(p.dir, title, v))
		})
	}
	for _, p := range set.pages {
		jobs = append(jobs, func() error {
			path := p.Path + "/"
			return th.Write(out, path, "page.html", th.Page(path, p.Title, &PageView{Title: p.Title, Body: p.Body}))
		})
	}
	return runJobs(jobs, runtime.GOMAXPROCS(0))
}

// runJobs runs the jobs on n workers and returns how many succeeded and
// the error of the first that failed, in list order; after a failure no
// new job starts.
func runJobs(jobs []func() error, n int) (int, error) {
	errs := make([]error, len(jobs))
	var (
		next   atomic.Int64
		failed atomic.Bool
		done   atomic.Int64
		wg     sync.WaitGroup
	)
	for range max(1, min(n, len(jobs))) {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				if errs[i] = jobs[i](); errs[i] != nil {
					failed.Store(true)
				} else {
					done.Add(1)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return int(done.Load()), err
		}
	}
	return int(done.Load()), nil
}

// copyFile copies an attachment as it is, from the file it opens within
// root: a link on the way that leads out of root is refused by the open,
// and the file checked is the file read.
func copyFile(out *publish.Tree, root *os.Root, src, rel string) error {
	f, err := plainfile.OpenIn(root, src)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is no longer a file", src)
	}
	b, err := io.ReadAll(io.LimitReader(f, info.Size()+1))
	if err != nil {
		return err
	}
	return out.WriteFile(rel, fingerprint.Sum{}, b)
}

func hasAttachments(set *Set) bool {
	for _, d := range set.directives {
		if len(d.Attachments) > 0 {
			return true
		}
	}
	return false
}
