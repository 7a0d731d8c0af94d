//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// settle writes out what earlier steps left to write (a deleted site, a
// generated one), so that the disk's catching up is not counted in the
// next measured run.
func settle() { syscall.Sync() }

// maxRSS is a finished process's peak resident memory in bytes.
func maxRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return ru.Maxrss // bytes there
	}
	return ru.Maxrss * 1024 // kilobytes
}
