package content

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"giamsat/internal/theme"
)

// Render writes into outDir the page of every directive with its
// attachments (directives/<slug>/), the list of directives
// (directives/index.html) and the plain pages at their paths. figures
// holds each category's current figures, by category key, for the
// directive pages' links to the dashboards. It returns the number of pages
// written.
func Render(outDir string, th *theme.Theme, set *Set, figures map[string]Figures) (int, error) {
	f := th.Format()
	pages := 0
	for _, d := range set.directives {
		path := "directives/" + d.Slug + "/"
		if err := th.Write(outDir, path, "directive.html", th.Page(path, d.Title, set.directiveView(d, figures, f))); err != nil {
			return pages, err
		}
		pages++
		for _, a := range d.Attachments {
			if err := copyFile(a.Src, filepath.Join(outDir, "directives", d.Slug, filepath.FromSlash(a.Path))); err != nil {
				return pages, fmt.Errorf("%s: attachment %s: %w", d.File, a.Path, err)
			}
		}
	}
	if err := th.Write(outDir, "directives/", "directives.html", th.Page("directives/", th.T("directives_title"), set.listView(f))); err != nil {
		return pages, err
	}
	pages++
	for _, p := range set.pages {
		path := p.Path + "/"
		if err := th.Write(outDir, path, "page.html", th.Page(path, p.Title, &PageView{Title: p.Title, Body: p.Body})); err != nil {
			return pages, err
		}
		pages++
	}
	return pages, nil
}

// copyFile copies an attachment as it is.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
