//go:build !unix

package plainfile

import "os"

// Open opens name for reading.
func Open(name string) (*os.File, error) { return os.Open(name) }

// CreateNew creates name for writing; it fails if anything is there.
func CreateNew(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// OpenIn opens name for reading within root.
func OpenIn(root *os.Root, name string) (*os.File, error) { return root.Open(name) }
