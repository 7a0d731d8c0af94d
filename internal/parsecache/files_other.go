//go:build !linux && !darwin

package parsecache

import "io/fs"

func identify(fs.FileInfo) (FileID, bool) { return FileID{}, false }
