//go:build unix

package plainfile

import (
	"os"
	"syscall"
)

// Open opens name for reading, as os.Open does.
func Open(name string) (*os.File, error) {
	return open(name, syscall.O_RDONLY)
}

func open(name string, flag int) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, flag|syscall.O_CLOEXEC, 0o644)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}

// CreateNew creates name for writing; it fails if anything is there, a
// symbolic link included (O_EXCL never follows one).
func CreateNew(name string) (*os.File, error) {
	return open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_NOFOLLOW)
}

// OpenIn opens name for reading within root, as root.Open does, without
// waiting on a named pipe put in a file's place.
func OpenIn(root *os.Root, name string) (*os.File, error) {
	return root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
