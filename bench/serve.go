package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"giamsat/internal/build"
	"giamsat/internal/parsecache"
)

// serveRebuild does what a server does when an export changes: it built
// the site once with its readings in memory, and builds it again. It
// prints the second build's wall time in milliseconds.
func serveRebuild(site, edit string) error {
	out, err := os.MkdirTemp("", "giamsat-bench-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	opt := build.Options{Source: site, Out: filepath.Join(out, "public"), Cache: parsecache.NewMemory()}
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
	if err := toggle(edit); err != nil {
		return err
	}
	defer restore(edit)
	start := time.Now()
	if err := run(); err != nil {
		return err
	}
	fmt.Printf("%.1f\n", float64(time.Since(start).Microseconds())/1000)
	return nil
}

// profile writes a CPU profile of builds of site to file: n cold builds
// (every file decoded, filling an empty cacheDir if given), or with warm
// set, n rebuilds after one export changed, from a cache filled
// beforehand: in cacheDir, or in memory.
func profile(site, file string, n int, warm bool, cacheDir string) error {
	out, err := os.MkdirTemp("", "giamsat-bench-profile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	opt := build.Options{Source: site, Out: filepath.Join(out, "public")}
	if cacheDir != "" {
		opt.Cache = parsecache.NewDisk(cacheDir)
	}
	if warm {
		if cacheDir == "" {
			opt.Cache = parsecache.NewMemory()
		}
		if _, _, err := build.Run(context.Background(), opt); err != nil {
			return err
		}
	}
	files, err := dataFiles(site)
	if err != nil {
		return err
	}
	edit := files[len(files)/2]
	defer restore(edit)
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	for range n {
		if warm {
			if err := toggle(edit); err != nil {
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
