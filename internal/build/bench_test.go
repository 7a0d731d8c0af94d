package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"giamsat/internal/export"
	"giamsat/internal/freeze"
	"giamsat/internal/merge"
	"giamsat/internal/parsecache"
	"giamsat/internal/sample"
	"giamsat/internal/site"
	"giamsat/internal/stats"
)

// benchSite returns a sample site of n cases over five years, 15
// districts: made in the benchmark's temporary folder, or kept between
// runs in GIAMSAT_BENCH_DIR when it is set.
func benchSite(b *testing.B, n int) string {
	b.Helper()
	root := os.Getenv("GIAMSAT_BENCH_DIR")
	if root == "" {
		root = b.TempDir()
	}
	dir := filepath.Join(root, fmt.Sprintf("site-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "site.yaml")); err != nil {
		if err := sample.Write(dir, sample.Options{Cases: n, Seed: 1, Years: 5}); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// benchSizes are the sites' cases; GIAMSAT_BENCH_CASES=100000 sets others.
var benchSizes = func() []int {
	var sizes []int
	for _, f := range strings.Split(os.Getenv("GIAMSAT_BENCH_CASES"), ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			sizes = append(sizes, n)
		}
	}
	if len(sizes) == 0 {
		return []int{2_000, 20_000}
	}
	return sizes
}()

// readSite reads a sample site's configuration and exports.
func readSite(b *testing.B, dir string, cache parsecache.Store) (*site.Config, []*export.File) {
	b.Helper()
	cfg, diags := site.Load(dir)
	if len(diags) > 0 {
		b.Fatal(diags)
	}
	files, err := listData(dir)
	if err != nil {
		b.Fatal(err)
	}
	rd := newReading(dir, cfg, cache, "bench")
	var decoded int
	exports, diags, err := rd.all(context.Background(), files, nil, &decoded)
	if err != nil || len(diags) > 0 {
		b.Fatal(err, diags)
	}
	return cfg, exports
}

func BenchmarkRead(b *testing.B) {
	for _, n := range benchSizes {
		dir := benchSite(b, n)
		b.Run(fmt.Sprintf("cases=%d/decode", n), func(b *testing.B) {
			for b.Loop() {
				readSite(b, dir, nil)
			}
		})
		b.Run(fmt.Sprintf("cases=%d/disk-cache", n), func(b *testing.B) {
			cache := parsecache.NewDisk(b.TempDir())
			readSite(b, dir, cache)
			for b.Loop() {
				readSite(b, dir, cache)
			}
		})
		b.Run(fmt.Sprintf("cases=%d/memory-cache", n), func(b *testing.B) {
			cache := parsecache.NewMemory()
			readSite(b, dir, cache)
			for b.Loop() {
				readSite(b, dir, cache)
			}
		})
	}
}

func BenchmarkAggregate(b *testing.B) {
	for _, n := range benchSizes {
		cfg, exports := readSite(b, benchSite(b, n), nil)
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			for b.Loop() {
				res, _ := merge.Merge(exports)
				asOf := stats.AsOf(cfg, exports)
				stats.Compute(stats.Input{Site: cfg, Cases: res.Cases, Exports: exports, AsOf: asOf})
			}
		})
	}
}

// BenchmarkFreeze is the closed periods' figures of record (sixty months,
// twenty quarters and five years of a five-year site), beside
// BenchmarkAggregate's figures of the whole site.
func BenchmarkFreeze(b *testing.B) {
	for _, n := range benchSizes {
		cfg, exports := readSite(b, benchSite(b, n), nil)
		res, _ := merge.Merge(exports)
		x := stats.Compute(stats.Input{Site: cfg, Cases: res.Cases, Exports: exports, AsOf: stats.AsOf(cfg, exports)})
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			for b.Loop() {
				freeze.Figures(cfg, exports, freeze.Closings(cfg, x))
			}
		})
	}
}

// BenchmarkBuild is the whole build: cold (every file decoded) and warm
// (every reading from the cache).
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes {
		dir := benchSite(b, n)
		for _, warm := range []bool{false, true} {
			b.Run(fmt.Sprintf("cases=%d/warm=%v", n, warm), func(b *testing.B) {
				opt := Options{Source: dir, Out: filepath.Join(b.TempDir(), "public")}
				if warm {
					opt.Cache = parsecache.NewMemory()
					runBench(b, opt)
				}
				for b.Loop() {
					runBench(b, opt)
				}
			})
		}
	}
}

func runBench(b *testing.B, opt Options) {
	b.Helper()
	if _, diags, err := Run(context.Background(), opt); err != nil || len(diags) > 0 {
		b.Fatal(err, diags)
	}
}
