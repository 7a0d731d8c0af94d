// Package publish swaps a freshly built site into the output folder in one
// step, so that a reader, a web server or a killed build never sees half of
// one site and half of another: the new site is written into a staging
// folder beside the output folder and only exchanged with it when complete.
//
// The output folder's parent holds, besides it (for an output folder named
// public):
//
//	.public.lock          held while a build runs; kept between builds
//	.public.staging-PID   the site being built
//	.public.old-PID       the previous site, briefly, where the platform
//	                      cannot exchange two folders in one call
//	.public.manifest      what the site's files were made from
//	.public.spare         the site before it, which the next build starts
//	.public.spare.manifest  from instead of an empty folder (see Tree)
//	.public.giamsat       says that a giamsat build published the output
//	                      folder: a non-empty folder without it is not
//	                      published into unless forced
//
// None of these, nor the output folder itself, may be a symbolic link: the
// build deletes, moves and writes them, and refuses rather than do so
// wherever a link leads.
//
// Top-level entries of the output folder whose names start with a dot
// (.gitkeep, the .git of a deployment checkout, .nojekyll) are not the
// build's to remove: they move over to each new site.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ErrBusy is returned by Begin when another build holds the output folder.
var ErrBusy = errors.New("another build is running for this output folder")

// Stage is a site being built. Exactly one of Commit or Abort ends it;
// calling Abort after either is harmless, so it can be deferred.
type Stage struct {
	out  string // the output folder, absolute
	dir  string // the staging folder
	salt string
	tree *Tree
	lock *lock
	done bool
}

// Begin locks out against other builds, repairs what a killed build may
// have left beside it, and prepares the staging folder.
//
// salt names the program that makes the site (its version): a build
// starts from the site before the current one and keeps the files an
// earlier build made from the same inputs with the same salt, instead of
// an empty folder. "" starts from an empty folder and keeps nothing
// between builds.
func Begin(out, salt string, force bool) (*Stage, error) {
	out, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	// The folder that holds the output is the user's choice, links and
	// all; what the build deletes, moves and writes is in it, and is
	// checked not to be a link from here on.
	if parent, err = filepath.EvalSymlinks(parent); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	out = filepath.Join(parent, filepath.Base(out))
	if err := checkOwn(out, force); err != nil {
		return nil, err
	}
	lockPath := sibling(out, "lock")
	if isLink(lockPath) {
		return nil, &LinkError{Path: lockPath, Link: true}
	}
	l, err := acquire(lockPath)
	if err != nil {
		if errors.Is(err, ErrBusy) {
			return nil, fmt.Errorf("publish: %s: %w", out, err)
		}
		return nil, fmt.Errorf("publish: locking %s: %w", out, err)
	}
	if err := checkSiblings(out); err != nil {
		l.release()
		return nil, err
	}
	if err := repair(out); err != nil {
		l.release()
		return nil, fmt.Errorf("publish: cleaning up after an earlier build: %w", err)
	}
	dir := sibling(out, "staging-"+strconv.Itoa(os.Getpid()))
	tree, err := recycle(out, dir, salt)
	if err != nil {
		l.release()
		return nil, fmt.Errorf("publish: %w", err)
	}
	return &Stage{out: out, dir: dir, salt: salt, tree: tree, lock: l}, nil
}

func isLink(path string) bool {
	fi, err := os.Lstat(path)
	return err == nil && fi.Mode()&fs.ModeSymlink != 0
}

// recycle makes dir the staging folder: the spare site when its manifest
// was written with salt, an empty folder otherwise.
func recycle(out, dir, salt string) (*Tree, error) {
	spare, spareManifest := sibling(out, "spare"), sibling(out, "spare.manifest")
	var old map[string]entry
	if salt != "" {
		if m, err := loadManifest(spareManifest, salt); err == nil && os.Rename(spare, dir) == nil {
			if err := clean(dir); err != nil {
				return nil, err
			}
			old = m
		}
	} else {
		// Nothing will be kept: the manifest of the current site goes too.
		if err := removeFile(sibling(out, "manifest")); err != nil {
			return nil, err
		}
	}
	if err := removeFile(spareManifest); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(spare); err != nil {
		return nil, err
	}
	t := NewTree(dir)
	t.record = salt != ""
	if old == nil {
		return t, os.Mkdir(dir, 0o755)
	}
	t.old = old
	return t, nil
}

func removeFile(name string) error {
	if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Tree writes the new site.
func (s *Stage) Tree() *Tree { return s.tree }

// Commit makes the staged site the output folder. The old one becomes the
// spare the next build starts from, or is deleted when there is no salt.
func (s *Stage) Commit() error {
	if s.done {
		return errors.New("publish: stage already ended")
	}
	s.done = true
	defer s.lock.release()
	if err := s.tree.prune(); err != nil {
		os.RemoveAll(s.dir)
		return fmt.Errorf("publish: %w", err)
	}
	old, err := swap(s.dir, s.out)
	if err != nil {
		os.RemoveAll(s.dir)
		return fmt.Errorf("publish: %w", err)
	}
	if err := mark(s.out); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	manifest := sibling(s.out, "manifest")
	if old != "" {
		if err := carry(old, s.out); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		if err := s.retire(old, manifest); err != nil {
			return fmt.Errorf("publish: removing the previous site: %w", err)
		}
	}
	if s.salt == "" {
		return nil
	}
	if err := saveManifest(manifest, s.salt, s.tree.files); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// retire keeps the previous site, with its manifest, as the spare the next
// build starts from; without a salt it is deleted.
func (s *Stage) retire(old, manifest string) error {
	if s.salt == "" {
		return os.RemoveAll(old)
	}
	if err := os.Rename(old, sibling(s.out, "spare")); err != nil {
		return os.RemoveAll(old)
	}
	err := os.Rename(manifest, sibling(s.out, "spare.manifest"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Abort throws the staged site away; the output folder is untouched.
func (s *Stage) Abort() error {
	if s.done {
		return nil
	}
	s.done = true
	defer s.lock.release()
	if err := os.RemoveAll(s.dir); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// sibling names a helper file or folder next to out: public → .public.NAME.
func sibling(out, name string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+"."+name)
}

// leftovers lists the staging and old folders beside out, sorted.
func leftovers(out, kind string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		return nil, err
	}
	prefix := "." + filepath.Base(out) + "." + kind + "-"
	var paths []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			paths = append(paths, filepath.Join(filepath.Dir(out), e.Name()))
		}
	}
	slices.Sort(paths)
	return paths, nil
}

// repair runs with the lock held, so every staging or old folder beside
// out belongs to a build that died. If one died between the two renames of
// the fallback swap, out is missing and the old site is put back; then the
// dead builds' folders go, after handing their top-level dot entries to out.
func repair(out string) error {
	olds, err := leftovers(out, "old")
	if err != nil {
		return err
	}
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) && len(olds) > 0 {
		last := olds[len(olds)-1]
		if err := os.Rename(last, out); err != nil {
			return err
		}
		olds = olds[:len(olds)-1]
	}
	stagings, err := leftovers(out, "staging")
	if err != nil {
		return err
	}
	if err := removeFile(sibling(out, "manifest.tmp")); err != nil {
		return err
	}
	for _, dir := range append(olds, stagings...) {
		if err := carry(dir, out); err != nil {
			return err
		}
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
	}
	return nil
}

// carry moves the top-level dot entries of from into to, where to has no
// entry of that name. A missing to receives nothing.
func carry(from, to string) error {
	if _, err := os.Stat(to); err != nil {
		return nil
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			continue
		}
		dst := filepath.Join(to, e.Name())
		if _, err := os.Lstat(dst); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := os.Rename(filepath.Join(from, e.Name()), dst); err != nil {
			return err
		}
	}
	return nil
}

// renameSwap puts dir in out's place with two renames, for platforms (and
// file systems) that cannot exchange two folders in one call. A build
// killed between the renames leaves out missing; the next Begin restores it.
func renameSwap(dir, out string) (old string, err error) {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(dir, out)
	}
	old = sibling(out, "old-"+strconv.Itoa(os.Getpid()))
	if err := os.Rename(out, old); err != nil {
		return "", err
	}
	if err := os.Rename(dir, out); err != nil {
		if rerr := os.Rename(old, out); rerr != nil {
			return "", errors.Join(err, rerr)
		}
		return "", err
	}
	return old, nil
}
