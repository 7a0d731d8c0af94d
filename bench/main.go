// Command bench measures giamsat against its performance budgets (issue 8)
// and against Hugo. Run it from the repository root:
//
//	go run ./bench [-sizes 10000,100000,1000000] [-runs 3] [-dir DIR]
//
// For each size it makes a sample site (15 districts, 5 years of monthly
// reports), then measures, as separate processes so that peak memory is
// each one's own: the parse floor (reading and decoding the exports with
// yaml.v3 into plain structs on all cores, nothing else), a cold build
// (empty cache), a warm build after one export changed, and the rebuild a
// server does after one export changed (build.Run twice in one process
// with an in-memory cache). Figures are medians of -runs runs. With hugo
// on PATH it also builds the same Markdown documents with both.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	if len(os.Args) > 1 {
		// The measured parts run in child processes of this command.
		switch os.Args[1] {
		case "floor":
			must(floor(os.Args[2]))
			return
		case "serve":
			must(serveRebuild(os.Args[2], os.Args[3]))
			return
		case "profile":
			// go run ./bench profile [-warm] [-cache-dir DIR] [-n N] SITE FILE.pprof
			fs := flag.NewFlagSet("profile", flag.ExitOnError)
			warm := fs.Bool("warm", false, "profile rebuilds after one export changed, from an in-memory cache")
			n := fs.Int("n", 3, "builds to profile")
			cacheDir := fs.String("cache-dir", "", "the cache `folder`: emptied before each cold build; with -warm, filled first (default: in memory)")
			fs.Parse(os.Args[2:])
			if fs.NArg() != 2 {
				must(fmt.Errorf("usage: bench profile [-warm] [-cache-dir DIR] [-n N] SITE FILE.pprof"))
			}
			must(profile(fs.Arg(0), fs.Arg(1), *n, *warm, *cacheDir))
			return
		}
	}
	sizes := flag.String("sizes", "10000,100000,1000000", "comma-separated `cases` of the sample sites")
	runs := flag.Int("runs", 3, "runs of each measurement; the table shows medians")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "giamsat-bench"), "work `folder`: sites, outputs, caches")
	keep := flag.Bool("keep", false, "keep the sample sites (they are large) for the next run")
	docs := flag.String("docs", "2000,10000", "comma-separated numbers of Markdown `documents` for the Hugo table; empty for none")
	flag.Parse()
	b := &bench{dir: *dir, runs: *runs, keep: *keep, out: os.Stdout}
	must(b.run(ints(*sizes), ints(*docs)))
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func ints(s string) []int {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(strings.ReplaceAll(f, "_", ""))
		must(err)
		out = append(out, n)
	}
	return out
}

type bench struct {
	dir  string
	runs int
	keep bool
	out  io.Writer
	bin  string // the giamsat binary under test
	self string // this command's binary, for its child processes
}

// measure is one child process's wall time, processor time (user and
// system; it says less about other load on the machine than wall time
// does) and peak resident memory.
type measure struct {
	wall, cpu time.Duration
	maxRSS    int64 // bytes
	stdout    string
}

// exec runs a command and measures it; its output is returned, its
// errors shown.
func (b *bench) exec(name string, args ...string) (measure, error) {
	cmd := exec.Command(name, args...)
	var stdout strings.Builder
	var stderr strings.Builder
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	settle()
	start := time.Now()
	err := cmd.Run()
	m := measure{wall: time.Since(start), stdout: stdout.String()}
	if err != nil {
		return m, fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, stderr.String())
	}
	m.maxRSS = maxRSS(cmd.ProcessState)
	m.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return m, nil
}

// median runs f b.runs times and returns the medians of its measures.
func (b *bench) median(f func() (measure, error)) (measure, error) {
	var ms []measure
	for range b.runs {
		m, err := f()
		if err != nil {
			return m, err
		}
		ms = append(ms, m)
	}
	return medianOf(ms), nil
}

// medianOf is the last measure with each figure the median of all.
func medianOf(ms []measure) measure {
	var walls, cpus []time.Duration
	var rss []int64
	for _, m := range ms {
		walls = append(walls, m.wall)
		cpus = append(cpus, m.cpu)
		rss = append(rss, m.maxRSS)
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(rss)
	last := ms[len(ms)-1]
	last.wall, last.cpu, last.maxRSS = walls[len(walls)/2], cpus[len(cpus)/2], rss[len(rss)/2]
	return last
}

func (b *bench) run(sizes, docs []int) error {
	if err := os.MkdirAll(b.dir, 0o755); err != nil {
		return err
	}
	b.bin = filepath.Join(b.dir, "giamsat")
	b.self = filepath.Join(b.dir, "bench")
	for _, c := range [][]string{
		{"go", "build", "-o", b.bin, "./cmd/giamsat"},
		{"go", "build", "-o", b.self, "./bench"},
	} {
		if _, err := b.exec(c[0], c[1:]...); err != nil {
			return err
		}
	}
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(b.out, "giamsat bench: %d cores, GOMAXPROCS %d, %s, median of %d runs; load average at start %s\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), b.runs, strings.Join(strings.Fields(string(load))[:3], " "))

	var rows []sizeRow
	for _, n := range sizes {
		r, err := b.size(n)
		if err != nil {
			return err
		}
		rows = append(rows, r)
		fmt.Fprintf(os.Stderr, "bench: %d cases done\n", n)
	}
	printSizes(b.out, rows)

	if len(docs) > 0 {
		hugo, err := exec.LookPath("hugo")
		if err != nil {
			fmt.Fprintln(b.out, "\nhugo is not installed: no Hugo table (apt-get install hugo)")
		} else {
			var drows []docRow
			for _, n := range docs {
				r, err := b.documents(hugo, n)
				if err != nil {
					return err
				}
				drows = append(drows, r)
			}
			printDocs(b.out, drows)
		}
	}
	load, _ = os.ReadFile("/proc/loadavg")
	fmt.Fprintf(b.out, "load average at the end: %s\n", strings.Join(strings.Fields(string(load))[:3], " "))
	return nil
}
