//go:build !unix

package plainfile

import "os"

// Open opens name for reading.
func Open(name string) (*os.File, error) { return os.Open(name) }

// Create opens name for writing, created or emptied.
func Create(name string) (*os.File, error) { return os.Create(name) }
