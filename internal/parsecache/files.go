package parsecache

import (
	"io/fs"
	"slices"
	"sync"
	"time"

	"giamsat/internal/fileid"
)

// FileID is a file's identity on disk (see fileid.ID).
type FileID = fileid.ID

// Identify returns the identity of the file info describes (see fileid.Of).
func Identify(info fs.FileInfo) (FileID, bool) { return fileid.Of(info) }

// racyWindow is how long before its reading a file must have last changed
// for its identity to be remembered. File times are taken from a coarse
// clock: a change made just after the reading could carry the same times
// as the file had when it was read.
const racyWindow = 2 * time.Second

// Files remembers the sums of a site's data files by their path and
// identity, like git's index: a build looks each file up in the Files of
// the previous build, reads only the files not found there, and fills a
// new Files with every file it saw. It is safe for concurrent use.
type Files struct {
	mu sync.Mutex
	m  map[string]fileEntry
}

type fileEntry struct {
	id  FileID
	sum Sum
}

// NewFiles returns an empty Files.
func NewFiles() *Files { return &Files{m: make(map[string]fileEntry)} }

// Sum returns the sum of the file rel when it has the identity it had when
// the sum was taken.
func (f *Files) Sum(rel string, id FileID) (Sum, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	en, ok := f.m[rel]
	if !ok || en.id != id {
		return Sum{}, false
	}
	return en.sum, true
}

// Remember records the sum of the file rel, whose identity was taken
// before its bytes were read at readAt. A file changed within racyWindow
// before readAt is left out; its next reading will tell.
func (f *Files) Remember(rel string, id FileID, sum Sum, readAt time.Time) {
	limit := readAt.Add(-racyWindow).UnixNano()
	if id.ChangeTime >= limit || id.ModTime >= limit {
		return
	}
	f.Keep(rel, id, sum)
}

// Keep records what Sum found in an earlier Files.
func (f *Files) Keep(rel string, id FileID, sum Sum) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.m[rel] = fileEntry{id, sum}
}

// Len is the number of files recorded.
func (f *Files) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.m)
}

// clone returns a copy, so that a store's Files is not changed by a build
// holding it.
func (f *Files) clone() *Files {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := NewFiles()
	for k, v := range f.m {
		c.m[k] = v
	}
	return c
}

func (e *encoder) files(f *Files) {
	f.mu.Lock()
	defer f.mu.Unlock()
	names := make([]string, 0, len(f.m))
	for rel := range f.m {
		names = append(names, rel)
	}
	slices.Sort(names)
	e.count(len(names), false)
	for _, rel := range names {
		en := f.m[rel]
		e.str(rel)
		e.int(en.id.Size)
		e.int(en.id.ModTime)
		e.int(en.id.ChangeTime)
		e.uint(en.id.Inode)
		e.uint(en.id.Device)
		e.str(string(en.sum[:]))
	}
}

func (d *decoder) files() *Files {
	f := NewFiles()
	n, _ := d.count()
	for range n {
		rel := d.str()
		id := FileID{Size: d.int(), ModTime: d.int(), ChangeTime: d.int(), Inode: d.uint(), Device: d.uint()}
		sum := d.str()
		if len(sum) != len(Sum{}) {
			d.fail()
			break
		}
		f.m[rel] = fileEntry{id, Sum([]byte(sum))}
	}
	if d.off != len(d.b) {
		d.fail()
	}
	return f
}
