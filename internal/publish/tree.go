package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"giamsat/internal/fileid"
	"giamsat/internal/fingerprint"
	"giamsat/internal/plainfile"
)

// Tree is the folder a build writes a site into, by paths relative to it
// with forward slashes. A Tree made by Begin may start as the site of an
// earlier build: a file the build would make again from the same inputs
// is then kept (Keep) instead of being made and written again, and
// whatever the build does not make again is removed before the site is
// published.
type Tree struct {
	dir    string
	record bool // the files' identities are wanted for a manifest

	mu    sync.Mutex
	kept  int
	old   map[string]entry // what the folder held when the build began
	files map[string]entry // what this build made or kept
	dirs  map[string]bool  // folders known to exist, relative
}

// entry is a file of a tree: the fingerprint of what it was made from, and
// its identity on disk, so that a file changed since (by hand, or by a
// build that did not finish) is never taken for the one recorded.
type entry struct {
	key fingerprint.Sum
	id  fileid.ID
}

// NewTree returns a Tree writing into dir, which must exist; it reuses
// nothing.
func NewTree(dir string) *Tree {
	return &Tree{dir: dir, files: make(map[string]entry), dirs: map[string]bool{".": true}}
}

// Dir is the folder the tree writes into.
func (t *Tree) Dir() string { return t.dir }

// Remembers reports whether the tree records what its files were made
// from, for a later build to keep them: when it does not, fingerprints
// are not worth computing.
func (t *Tree) Remembers() bool { return t.record }

// Keep reports whether the file at rel was made by an earlier build from
// inputs with the fingerprint key and is still as that build left it; the
// file is then part of this build's site as it is, and the caller need
// not make it.
func (t *Tree) Keep(rel string, key fingerprint.Sum) bool {
	if key.IsZero() {
		return false
	}
	t.mu.Lock()
	e, ok := t.old[rel]
	t.mu.Unlock()
	if !ok || e.key != key {
		return false
	}
	fi, err := os.Lstat(t.path(rel))
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	if id, ok := fileid.Of(fi); !ok || id != e.id {
		return false
	}
	t.mu.Lock()
	t.files[rel] = e
	t.kept++
	t.mu.Unlock()
	return true
}

// WriteFile writes data at rel, made from inputs with the fingerprint key;
// a zero key stands for the data's own fingerprint.
func (t *Tree) WriteFile(rel string, key fingerprint.Sum, data []byte) error {
	if key.IsZero() && t.record {
		key = fingerprint.Bytes(data)
		if t.Keep(rel, key) {
			return nil
		}
	}
	f, err := t.create(rel)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return t.finish(rel, key, f, err)
}

// Create opens a new file at rel for a caller that streams it; closing it
// records the file under the fingerprint of what was written.
func (t *Tree) Create(rel string) (io.WriteCloser, error) {
	f, err := t.create(rel)
	if err != nil {
		return nil, err
	}
	return &streamed{t: t, rel: rel, f: f, h: fingerprint.New()}, nil
}

type streamed struct {
	t   *Tree
	rel string
	f   *os.File
	h   *fingerprint.Hasher
	err error
}

func (s *streamed) Write(p []byte) (int, error) {
	n, err := s.f.Write(p)
	s.h.Raw(p[:n])
	if err != nil && s.err == nil {
		s.err = err
	}
	return n, err
}

func (s *streamed) Close() error {
	if s.f == nil {
		return errors.New("publish: file already closed")
	}
	f := s.f
	s.f = nil
	return s.t.finish(s.rel, s.h.Sum(), f, s.err)
}

// create makes a new file at rel. A file already there is unlinked first
// rather than overwritten: a web server or browser still reading the old
// one from the previous site keeps its bytes, and a link or a second name
// of another file, put there by someone else, is never written through.
func (t *Tree) create(rel string) (*os.File, error) {
	if err := checkRel(rel); err != nil {
		return nil, err
	}
	if err := t.mkdir(path.Dir(rel)); err != nil {
		return nil, err
	}
	name := t.path(rel)
	f, err := plainfile.CreateNew(name)
	if errors.Is(err, fs.ErrExist) {
		if err := os.Remove(name); err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
		f, err = plainfile.CreateNew(name)
	}
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	return f, nil
}

// finish closes f and records it, or reports the first error.
func (t *Tree) finish(rel string, key fingerprint.Sum, f *os.File, err error) error {
	var id fileid.ID
	if err == nil && t.record {
		var fi os.FileInfo
		if fi, err = f.Stat(); err == nil {
			// Where the file system gives no trustworthy identity, the
			// zero one recorded never matches a file: nothing is reused.
			id, _ = fileid.Of(fi)
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("publish: %s: %w", rel, err)
	}
	t.mu.Lock()
	t.files[rel] = entry{key: key, id: id}
	t.mu.Unlock()
	return nil
}

// mkdir makes the folder rel and its parents, asking the file system only
// about folders not seen yet. Whatever stands in a folder's place in a
// tree that started from an earlier site (its file, a link) is removed,
// never entered.
func (t *Tree) mkdir(rel string) error {
	t.mu.Lock()
	known := t.dirs[rel]
	t.mu.Unlock()
	if known {
		return nil
	}
	if rel != "." {
		if err := t.mkdir(path.Dir(rel)); err != nil {
			return err
		}
	}
	name := t.path(rel)
	err := os.Mkdir(name, 0o755)
	if errors.Is(err, fs.ErrExist) {
		fi, lerr := os.Lstat(name)
		switch {
		case lerr != nil:
			err = lerr
		case fi.IsDir():
			err = nil
		case t.old != nil:
			// The earlier site's file, or a link put in the spare since.
			if err = os.Remove(name); err == nil {
				err = os.Mkdir(name, 0o755)
			}
		default:
			err = fmt.Errorf("%s is in the way of a folder", name)
		}
	}
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	t.mu.Lock()
	t.dirs[rel] = true
	t.mu.Unlock()
	return nil
}

func (t *Tree) path(rel string) string { return filepath.Join(t.dir, filepath.FromSlash(rel)) }

// checkRel refuses paths that would leave the tree.
func checkRel(rel string) error {
	if rel == "" || strings.HasPrefix(rel, "/") || strings.Contains(rel, "\\") || path.Clean(rel) != rel || rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return fmt.Errorf("publish: %q is not a clean relative path", rel)
	}
	return nil
}

// Counts says how many files the site has.
type Counts struct {
	Files int // made or kept by this build
	Pages int // of those, HTML pages
	Kept  int // of those, kept as an earlier build made them
}

// Counts counts the files of the site so far.
func (t *Tree) Counts() Counts {
	t.mu.Lock()
	defer t.mu.Unlock()
	c := Counts{Files: len(t.files), Kept: t.kept}
	for rel := range t.files {
		if strings.HasSuffix(rel, ".html") {
			c.Pages++
		}
	}
	return c
}

// prune removes from the folder everything this build did not make or
// keep: files of the earlier site it started from, and the folders left
// empty.
func (t *Tree) prune() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.old == nil {
		return nil // it started empty: it holds only what the build made
	}
	var walk func(dir string) (empty bool, err error)
	walk = func(dir string) (bool, error) {
		entries, err := os.ReadDir(t.path(dir))
		if err != nil {
			return false, err
		}
		left := len(entries)
		for _, e := range entries {
			rel := path.Join(dir, e.Name())
			if e.IsDir() {
				empty, err := walk(rel)
				if err != nil {
					return false, err
				}
				if !empty {
					continue
				}
			} else if _, ok := t.files[rel]; ok {
				continue
			}
			if err := os.RemoveAll(t.path(rel)); err != nil {
				return false, err
			}
			left--
		}
		return left == 0, nil
	}
	_, err := walk(".")
	return err
}
