//go:build unix

package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lock is an advisory lock on a file: the kernel drops it when the process
// dies, so a killed build never leaves the folder locked.
type lock struct{ f *os.File }

func acquire(path string) (*lock, error) {
	// Not through a link: O_CREATE would make, or lock, a file wherever
	// it points.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0o644)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, &LinkError{Path: path}
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, ErrBusy
		}
		return nil, err
	}
	return &lock{f}, nil
}

// release unlocks by closing; the lock file stays, since removing it would
// let a waiting build lock a file no one else can see.
func (l *lock) release() { l.f.Close() }
