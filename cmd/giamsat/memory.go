package main

import (
	"os"
	"runtime/debug"
)

// tuneGC trades memory the budgets leave unused for processor time. A
// build allocates most of what it reads only briefly (the YAML trees of
// a file), and collecting four times less often than Go's default saves
// about a seventh of a cold build. The soft limit keeps a national site
// (a million cases hold some 1.5 GB) under 4 GB: near the limit the
// collector works harder instead. A GOGC or GOMEMLIMIT the user set is
// left as it is. serve, which keeps every reading in memory, runs under
// the same settings.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(3 << 30)
	}
}
