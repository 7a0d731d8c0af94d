// Package plainfile opens regular files with the fewest calls to the
// system. os.Open and os.OpenFile try to register every file with the
// network poller, which regular files refuse after four or five calls; a
// build reads and writes thousands of files, and on a slow file system
// those calls are a measurable part of it.
package plainfile

import (
	"io"
)

// ReadFile reads the whole file, as os.ReadFile does.
func ReadFile(name string) ([]byte, error) {
	f, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 512
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 && fi.Size() < 1<<30 {
		size = int(fi.Size()) + 1
	}
	data := make([]byte, 0, size)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
