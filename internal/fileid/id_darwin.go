package fileid

import (
	"io/fs"
	"syscall"
)

func identify(info fs.FileInfo) (ID, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return ID{}, false
	}
	return ID{
		Size:       info.Size(),
		ModTime:    info.ModTime().UnixNano(),
		ChangeTime: st.Ctimespec.Nano(),
		Inode:      st.Ino,
		Device:     uint64(st.Dev),
	}, true
}
