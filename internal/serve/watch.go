package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"giamsat/internal/diag"
)

// watched are the folders of a site whose files make the site; the site
// folder itself is watched for site.yaml and for these appearing.
var watched = []string{"data", "content", "themes"}

// watcher watches the site folder and every folder under data/, content/
// and themes/: fsnotify watches one folder, not its subfolders.
func (s *Server) watcher() (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("serve: watching files: %w", err)
	}
	// The folder holding the site is watched too: a site folder deleted
	// and made again (restored from a copy, checked out anew) is a new
	// folder, whose watches must be made again when it appears.
	if err := w.Add(filepath.Dir(s.source)); err != nil {
		w.Close()
		return nil, fmt.Errorf("serve: watching %s: %w", filepath.Dir(s.source), err)
	}
	if err := s.watchSite(w); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// watchSite watches the site folder and the folders of its files.
func (s *Server) watchSite(w *fsnotify.Watcher) error {
	if err := w.Add(s.source); err != nil {
		return fmt.Errorf("serve: watching %s: %w", s.opt.Source, err)
	}
	for _, name := range watched {
		if err := addTree(w, filepath.Join(s.source, name)); err != nil {
			return err
		}
	}
	return nil
}

// addTree watches dir and every folder under it, but for hidden ones
// (.git). A dir that is gone, or not a folder, is not an error: it may
// have been removed again already.
func addTree(w *fsnotify.Watcher, dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && hidden(d.Name()) {
			return fs.SkipDir
		}
		if err := w.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("serve: watching %s: %w", dir, err)
	}
	return nil
}

// loop rebuilds once the files have been quiet for the debounce time after
// a change, and watches the folders that appear.
func (s *Server) loop(ctx context.Context, w *fsnotify.Watcher) {
	defer w.Close()
	quiet := time.NewTimer(s.opt.Debounce)
	quiet.Stop()
	defer quiet.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if s.relevant(w, ev) {
				quiet.Reset(s.opt.Debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			// An overflow lost events: rebuild, since something changed.
			fmt.Fprintln(s.opt.Log, "giamsat: watching files:", err)
			quiet.Reset(s.opt.Debounce)
		case <-quiet.C:
			s.Build(ctx)
		}
	}
}

// relevant reports whether ev changes the site, and watches a folder it
// created. Hidden files and editors' backups and locks (.x.swp, x~, #x#)
// are no part of the site; a change of permissions changes nothing.
func (s *Server) relevant(w *fsnotify.Watcher, ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	if ev.Name == s.source {
		// The site folder itself went or came back.
		if ev.Has(fsnotify.Create) {
			if err := s.watchSite(w); err != nil {
				fmt.Fprintln(s.opt.Log, "giamsat:", diag.Printable(err.Error()))
			}
		}
		return true
	}
	rel, err := filepath.Rel(s.source, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for _, p := range parts {
		if hidden(p) {
			return false
		}
	}
	if len(parts) == 1 && parts[0] == "site.yaml" {
		return true
	}
	top := false
	for _, name := range watched {
		top = top || parts[0] == name
	}
	if !top {
		return false
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			if err := addTree(w, ev.Name); err != nil {
				fmt.Fprintln(s.opt.Log, "giamsat:", diag.Printable(err.Error()))
			}
		}
	}
	return true
}

// hidden reports whether a file or folder name is no part of a site.
// Excel's lock file beside an open workbook (~$name.xlsx) is one.
func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "~$")
}
