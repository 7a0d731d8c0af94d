package publish

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts dir in out's place. Where out exists the two are exchanged in
// one system call, so out is always a complete site; the old site is then
// at dir, which swap returns for removal.
func swap(dir, out string) (old string, err error) {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(dir, out)
	}
	err = unix.Renameat2(unix.AT_FDCWD, dir, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return dir, nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL):
		// Kernels before 3.15 and some file systems (older NFS, FUSE) cannot exchange.
		return renameSwap(dir, out)
	}
	return "", &os.LinkError{Op: "renameat2", Old: dir, New: out, Err: err}
}
