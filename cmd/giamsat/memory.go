package main

import (
	"os"
	"runtime/debug"
)

// tuneGC trades memory the budgets leave unused for processor time. A
// build allocates most of what it reads only briefly (the YAML trees of
// a file), and collecting three times less often than Go's default saves
// processor time. Not four: since the figures of record and the register
// index, GOGC 400 took a site of 100,000 cases to 0.9–1.1 GB at its peak,
// over the 1 GB budget; 300 keeps it near 0.6 GB (GOGC=300 against 400,
// `giamsat build --no-cache`, measured with /usr/bin/time). The soft limit keeps a national site
// (a million cases hold some 1.5 GB) under 4 GB: near the limit the
// collector works harder instead. A GOGC or GOMEMLIMIT the user set is
// left as it is. serve, which keeps every reading in memory, runs under
// the same settings.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(3 << 30)
	}
}
