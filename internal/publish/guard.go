package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// LinkError is returned by Begin when the output folder, or a file or
// folder the build keeps beside it, is a symbolic link or something else a
// build never makes there (a pipe, a device). Every build deletes, moves
// and writes these paths; through a link it would do so wherever the link
// leads, so the build refuses instead of following it.
type LinkError struct {
	Path string // absolute
	Link bool   // a symbolic link; otherwise another kind of file
}

func (e *LinkError) Error() string {
	if e.Link {
		return fmt.Sprintf("publish: %s is a symbolic link, which a build does not follow", e.Path)
	}
	return fmt.Sprintf("publish: %s is not a file or folder a build made", e.Path)
}

// ForeignError is returned by Begin when the output folder holds files and
// no giamsat build published it: publishing there would move those files
// out of the way and delete them at the next build.
type ForeignError struct {
	Path  string   // the output folder, absolute
	Names []string // a few of the entries found, sorted
	More  int      // how many more there are
}

func (e *ForeignError) Error() string {
	return fmt.Sprintf("publish: %s is not empty and no giamsat build published it (it holds %q and %d more)", e.Path, e.Names, e.More)
}

// markerText is the content of the file beside the output folder that says
// a giamsat build published it.
const markerText = "giamsat: the folder beside this file is a site published by giamsat; builds replace it.\n"

// placeholders may be in an output folder that no build has published yet:
// the files people put in an empty folder to keep it in a repository or to
// configure the server.
var placeholders = []string{".gitkeep", ".keep", ".nojekyll", ".htaccess"}

// checkOwn refuses an output folder that is a link or not a folder, and,
// unless force, a non-empty one that no giamsat build published.
func checkOwn(out string, force bool) error {
	if err := checkKind(out, true); err != nil {
		return err
	}
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) || force {
		return nil
	}
	for _, name := range []string{"giamsat", "manifest", "spare.manifest"} {
		// Builds before the marker left a manifest beside the site.
		if fi, err := os.Lstat(sibling(out, name)); err == nil && fi.Mode().IsRegular() {
			return nil
		}
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if !slices.Contains(placeholders, e.Name()) {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return nil
	}
	const shown = 5
	err = &ForeignError{Path: out, Names: names[:min(shown, len(names))], More: max(0, len(names)-shown)}
	return err
}

// checkSiblings refuses links, and anything but what a build makes, among
// the paths a build uses beside out; it runs with the lock held, so no
// other build is making them.
func checkSiblings(out string) error {
	for _, name := range []string{"spare.manifest", "manifest", "manifest.tmp", "giamsat"} {
		if err := checkKind(sibling(out, name), false); err != nil {
			return err
		}
	}
	if err := checkKind(sibling(out, "spare"), true); err != nil {
		return err
	}
	for _, kind := range []string{"staging", "old"} {
		dirs, err := leftovers(out, kind)
		if err != nil {
			return err
		}
		for _, d := range dirs {
			if err := checkKind(d, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkKind refuses path if it is a link, or not a folder (dir) or a
// regular file (!dir); a missing path is fine.
func checkKind(path string, dir bool) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case fi.Mode()&fs.ModeSymlink != 0:
		return &LinkError{Path: path, Link: true}
	case dir && !fi.IsDir(), !dir && !fi.Mode().IsRegular():
		return &LinkError{Path: path}
	}
	return nil
}

// clean removes from the folder dir, which an earlier build left, every
// entry that is neither a regular file nor a folder: a link or a pipe put
// there since would otherwise be written or read through.
func clean(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir():
			if err := clean(path); err != nil {
				return err
			}
		case !e.Type().IsRegular():
			// Remove unlinks the link itself, never what it points to.
			if err := os.Remove(path); err != nil {
				return err
			}
		}
	}
	return nil
}

// mark writes the marker that says a giamsat build published out.
func mark(out string) error {
	name := sibling(out, "giamsat")
	if fi, err := os.Lstat(name); err == nil && fi.Mode().IsRegular() {
		return nil
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.WriteString(markerText)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
