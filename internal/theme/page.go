package theme

import (
	"bytes"
	"fmt"
	"strings"

	"giamsat/internal/address"
	"giamsat/internal/fingerprint"
	"giamsat/internal/publish"
)

// Page is what a layout renders: the view model in Data and what the shell
// needs around it.
type Page struct {
	// Root leads from the page back to the site root: "" for index.html,
	// "../../" for districts/ben-luc/index.html. Every link in a layout is
	// {{$.Root}} + a path from the root, so the site works under any
	// sub-path and from file://.
	Root  string
	Path  string // as given to Page: "", "districts/ben-luc/", "404.html"
	Lang  string
	Title string // the page's own title; the shell adds " · " and the site title
	Site  Site
	Nav   []NavItem
	Data  any
}

// Page returns the page at path, which is either a folder ("" for the
// root, "districts/ben-luc/") written as its index.html, or a file name
// ending in ".html" ("404.html").
func (t *Theme) Page(path, title string, data any) *Page {
	path = normPath(path)
	nav := make([]NavItem, len(t.nav))
	copy(nav, t.nav)
	for i := range nav {
		nav[i].Current = isCurrent(nav[i].Href, path)
	}
	return &Page{
		Root:  rootOf(path),
		Path:  path,
		Lang:  t.lang,
		Title: title,
		Site: Site{
			Title:        t.opt.SiteTitle,
			Organization: t.opt.Organization,
			AsOf:         t.format.Date(t.opt.AsOf),
		},
		Nav:  nav,
		Data: data,
	}
}

// Rel returns the link from the page to target, a path from the site root.
func (p *Page) Rel(target string) string { return p.Root + target }

// normPath writes a folder path with one trailing slash and no leading
// one; "" stays "" and file paths stay as they are.
func normPath(p string) string {
	p = strings.TrimPrefix(p, "./")
	if p == "" || p == "/" || p == address.Index("") {
		return ""
	}
	if strings.HasSuffix(p, ".html") {
		return p
	}
	return strings.TrimSuffix(p, "/") + "/"
}

// outFile is the output file of a normalised page path, relative to outDir.
func outFile(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return p + address.Index("")
	}
	return p
}

// rootOf counts the folders between the page's file and the root.
func rootOf(p string) string {
	return strings.Repeat("../", strings.Count(outFile(p), "/"))
}

// checkPath refuses paths that would leave the output folder or that a
// browser would not read as a plain relative path.
func checkPath(p string) error {
	if strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\:?#\x00") {
		return fmt.Errorf("theme: page path %q: write a relative path with forward slashes", p)
	}
	for _, seg := range strings.Split(strings.TrimSuffix(outFile(p), "/"), "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Errorf("theme: page path %q: empty, . or .. segment", p)
		}
	}
	return nil
}

// isCurrent reports whether the page at path belongs to the navigation
// item href: the home link only for the home page, any other link for
// every page in its folder.
func isCurrent(href, path string) bool {
	dir := strings.TrimSuffix(href, address.Index(""))
	if dir == "" {
		return path == ""
	}
	return path == href || strings.HasPrefix(path, dir)
}

// isRelative reports whether href is a path relative to the site root.
func isRelative(href string) bool {
	return href != "" && !strings.HasPrefix(href, "/") && !strings.Contains(href, ":") && !strings.HasPrefix(href, "\\")
}

// Write renders layout (a name under layouts/, "index.html") with page into
// out: path "districts/ben-luc/" is written to districts/ben-luc/index.html,
// "404.html" to 404.html. path must be the one the page was made with,
// since its links depend on it. A page an earlier build rendered from the
// same layout, theme and view model is kept as it is, not rendered again.
func (t *Theme) Write(out *publish.Tree, path, layout string, page *Page) error {
	path = normPath(path)
	if err := checkPath(path); err != nil {
		return err
	}
	if page.Path != path {
		return fmt.Errorf("theme: page made for %q written to %q: its relative links would break", page.Path, path)
	}
	tm, ok := t.layouts[layout]
	if !ok {
		return fmt.Errorf("theme: no layout %q (have %s)", layout, strings.Join(t.Layouts(), ", "))
	}
	var key fingerprint.Sum
	if out.Remembers() {
		key = t.pageKey(layout, page)
		if out.Keep(outFile(path), key) {
			return nil
		}
	}
	var buf bytes.Buffer
	if err := tm.ExecuteTemplate(&buf, "baseof", page); err != nil {
		return fmt.Errorf("theme: %s for %s: %w", layout, outFile(path), err)
	}
	if err := t.Err(); err != nil {
		return err
	}
	return out.WriteFile(outFile(path), key, buf.Bytes())
}

// pageKey is the fingerprint of what a page's bytes are made from, or the
// zero Sum when part of its view model cannot be fingerprinted; the page
// is then rendered every time, and only written when its bytes changed.
func (t *Theme) pageKey(layout string, page *Page) fingerprint.Sum {
	h := fingerprint.New()
	h.Bytes(t.sum[:])
	h.String(layout)
	if err := h.Value(page); err != nil {
		return fingerprint.Sum{}
	}
	return h.Sum()
}

// CopyAssets copies the theme's assets/ folder to assets/. Call it once
// per build: every page links the same files, so browsers cache them.
func (t *Theme) CopyAssets(out *publish.Tree) error {
	for _, f := range t.files {
		if !strings.HasPrefix(f.name, address.Assets+"/") {
			continue
		}
		b, err := t.read(f)
		if err != nil {
			return err
		}
		if err := out.WriteFile(f.name, fingerprint.Sum{}, b); err != nil {
			return fmt.Errorf("theme: %w", err)
		}
	}
	return nil
}
