// Package fileid tells whether a file is still the one seen earlier
// without reading it, from what the file system says of it.
package fileid

import "io/fs"

// ID is what the file system tells of a file without reading it: its
// size, the times of its last change of content (mtime) and of any change
// at all (ctime), and which file it is. Programs can set a file's mtime
// back; its ctime they cannot, so the same identity means the same bytes.
type ID struct {
	Size                int64
	ModTime, ChangeTime int64 // Unix nanoseconds
	Inode, Device       uint64
}

// Of returns the identity of the file info describes. ok is false where
// the system does not tell a change time and an inode: without them an
// identity is not to be trusted, and the file must be read.
func Of(info fs.FileInfo) (ID, bool) { return identify(info) }
