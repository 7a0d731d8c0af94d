// Package plainfile opens regular files with the fewest calls to the
// system. os.Open and os.OpenFile try to register every file with the
// network poller, which regular files refuse after four or five calls; a
// build reads and writes thousands of files, and on a slow file system
// those calls are a measurable part of it.
package plainfile

import (
	"io"
)

// ReadFileMax reads the whole file, as os.ReadFile does, unless it is
// larger than max bytes: then it returns the file's size and no data.
func ReadFileMax(name string, max int64) (data []byte, size int64, err error) {
	f, err := Open(name)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if fi.Size() > max {
		return nil, fi.Size(), nil
	}
	data, err = readAll(f, fi.Size())
	return data, int64(len(data)), err
}

// readAll reads f to its end, sized for the size it had.
func readAll(f io.Reader, hint int64) ([]byte, error) {
	size := 512
	if hint > 0 && hint < 1<<30 {
		size = int(hint) + 1
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
