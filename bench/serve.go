package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"time"

	"giamsat/internal/build"
	"giamsat/internal/parsecache"
)

// benchVersion stands for the binary's version, which cache keys and the
// pages kept between builds depend on: one process is one binary.
const benchVersion = "bench"

// serveRebuild does what a server does when an export changes: it built
// the site with its readings in memory, and builds it again. The first
// rebuild writes every page (there is no earlier site to start from); the
// ones after it keep what did not change. It prints the median wall time
// in milliseconds of the rebuilds after the first.
func serveRebuild(site, edit string) error {
	sameGCAsGiamsat()
	out, err := os.MkdirTemp("", "giamsat-bench-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	opt := build.Options{Source: site, Out: filepath.Join(out, "public"), Cache: parsecache.NewMemory(), Version: benchVersion}
	run := func() error {
		_, diags, err := build.Run(context.Background(), opt)
		if err == nil && len(diags) > 0 {
			err = diags.Err()
		}
		return err
	}
	if err := run(); err != nil {
		return err
	}
	defer restore(edit)
	var times []time.Duration
	for i := range 4 {
		if err := addCase(edit); err != nil {
			return err
		}
		start := time.Now()
		if err := run(); err != nil {
			return err
		}
		if i > 0 {
			times = append(times, time.Since(start))
		}
	}
	slices.Sort(times)
	fmt.Printf("%.1f\n", float64(times[len(times)/2].Microseconds())/1000)
	return nil
}

// sameGCAsGiamsat sets the collector as giamsat build and serve set it
// (cmd/giamsat/memory.go), so that builds run here cost what they cost
// there.
func sameGCAsGiamsat() {
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(3 << 30)
}

// profile writes a CPU profile of builds of site to file: n cold builds
// (every file decoded, filling an empty cacheDir if given), or with warm
// set, n rebuilds after one export changed each time, from a cache filled
// beforehand (in cacheDir, or in memory) and an output folder that two
// builds have already written, as a server's after its first rebuild.
func profile(site, file string, n int, warm bool, cacheDir string) error {
	out, err := os.MkdirTemp("", "giamsat-bench-profile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	opt := build.Options{Source: site, Out: filepath.Join(out, "public"), Version: benchVersion}
	if cacheDir != "" {
		opt.Cache = parsecache.NewDisk(cacheDir)
	}
	files, err := dataFiles(site)
	if err != nil {
		return err
	}
	edit := files[len(files)/2]
	defer restore(edit)
	if warm {
		if cacheDir == "" {
			opt.Cache = parsecache.NewMemory()
		}
		for i := range 2 {
			if i > 0 {
				if err := addCase(edit); err != nil {
					return err
				}
			}
			if _, _, err := build.Run(context.Background(), opt); err != nil {
				return err
			}
		}
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer f.Close()
	sameGCAsGiamsat()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	for range n {
		if warm {
			if err := addCase(edit); err != nil {
				return err
			}
		} else if cacheDir != "" {
			os.RemoveAll(cacheDir) // a cold build fills an empty cache
		}
		start := time.Now()
		sum, diags, err := build.Run(context.Background(), opt)
		if err == nil && len(diags) > 0 {
			err = diags.Err()
		}
		if err != nil {
			return err
		}
		fmt.Printf("%s: %d files decoded\n", time.Since(start).Round(time.Millisecond), sum.Decoded)
	}
	return nil
}
