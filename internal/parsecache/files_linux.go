package parsecache

import (
	"io/fs"
	"syscall"
)

func identify(info fs.FileInfo) (FileID, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return FileID{}, false
	}
	return FileID{
		Size:       info.Size(),
		ModTime:    info.ModTime().UnixNano(),
		ChangeTime: st.Ctim.Nano(),
		Inode:      st.Ino,
		Device:     uint64(st.Dev),
	}, true
}
