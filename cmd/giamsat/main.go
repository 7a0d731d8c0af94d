// Command giamsat builds the monitoring site of a Department of Information
// and Communications from its districts' case exports. This file only
// parses the command line; the work is done in internal/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"

	"giamsat/internal/build"
	"giamsat/internal/diag"
	"giamsat/internal/period"
	"giamsat/internal/sample"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK    = 0
	exitData  = 1 // problems in the data, or a build that could not finish
	exitUsage = 2
)

const usage = `giamsat builds a static monitoring site from case exports.
giamsat dựng trang giám sát tĩnh từ các tệp báo cáo vụ việc.

Usage:
  giamsat build  [--source SOURCE] [--out DIR] [--as-of YYYY-MM-DD]
                 [--cache-dir DIR] [--no-cache] [--force]
      Read and check site.yaml and data/, then publish the site to --out
      (default SOURCE/public), replacing it only when everything succeeded.
      A non-empty folder that no giamsat build published is refused
      unless --force.
      Data files unchanged since an earlier run are read from the cache.
      Đọc, kiểm tra dữ liệu rồi xuất bản trang.
  giamsat check  [--source SOURCE] [--cache-dir DIR] [--no-cache]
      Read and check everything; write nothing.
      Chỉ đọc và kiểm tra, không ghi gì.
  giamsat serve  [--source SOURCE] [--port 1313] [--bind 127.0.0.1] [--out DIR]
                 [--force]
      Build, serve the site and rebuild it whenever a file changes; open
      pages reload, and show the errors until the data is fixed.
      Xem trước: dựng, phục vụ trang và tự dựng lại khi sửa tệp.
  giamsat new site DIR
      Write a new site, ready to edit and build, into a new or empty folder.
      Tạo trang mới trong một thư mục trống.
  giamsat sample --cases N --out DIR [--seed S] [--years Y] [--from-year Y]
                 [--districts D] [--units U] [--reform YYYY-MM-DD] [--force]
      Write an example site with N generated cases, the same for the same seed:
      districts (before 2025), --units communes (after), or --reform a
      province that changes from one to the other on that day.
      Tạo một trang mẫu với N vụ việc.
  giamsat template --out FILE.xlsx [--source SOURCE] [--unit CODE]
                 [--period 2024-11] [--force]
      Write the Excel workbook a unit fills, made from site.yaml's lists.
      Tạo mẫu báo cáo Excel cho đơn vị điền.
  giamsat convert FILE.xlsx [--out FILE.yaml] [--source SOURCE] [--force]
  giamsat convert FILE.yaml --out FILE.xlsx [--source SOURCE] [--force]
      Check an export and write it in the other form: a workbook as YAML
      (to standard output without --out), a YAML export as a workbook.
      Chuyển tệp báo cáo giữa Excel và YAML.
  giamsat version
      Print the version.
  giamsat help
      Print this help.

Exit status: 0 success, 1 problems in the data (each printed as
FILE:LINE:COL: message) or a failed build, 2 wrong usage.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		return runBuild(ctx, rest, stdout, stderr, false)
	case "check":
		return runBuild(ctx, rest, stdout, stderr, true)
	case "sample":
		return runSample(rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "new":
		return runNew(rest, stdout, stderr)
	case "template":
		return runTemplate(rest, stdout, stderr)
	case "convert":
		return runConvert(rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "giamsat", version(), runtime.Version())
		return exitOK
	case "help", "--help", "-help", "-h":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "giamsat: unknown command %q (lệnh không có)\n\n%s", diag.Printable(cmd), usage)
		return exitUsage
	}
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer, check bool) int {
	name := "build"
	if check {
		name = "check"
	}
	fs := newFlagSet(name)
	var opt build.Options
	fs.StringVar(&opt.Source, "source", ".", "the site `folder`: site.yaml, data/, content/")
	var asOf string
	if !check {
		fs.StringVar(&opt.Out, "out", "", "publish into this `folder` (default SOURCE/public)")
		fs.StringVar(&asOf, "as-of", "", "the `date` figures are computed at, instead of site.yaml as_of")
		fs.BoolVar(&opt.Force, "force", false, "publish into an --out folder that is not empty and that no giamsat build published")
	}
	cache := cacheFlags(fs)
	if code, ok := parse(fs, args, stdout, stderr); !ok {
		return code
	}
	opt.Cache, opt.Version = cache.store()
	tuneGC()
	if asOf != "" {
		d, err := period.ParseDate(asOf)
		if err != nil {
			return usageError(fs, fmt.Sprintf("--as-of %s: %v (dùng dạng YYYY-MM-DD)", asOf, err))
		}
		if !d.InWindow() {
			return usageError(fs, fmt.Sprintf("--as-of %s: give a date in the years %d–%d (ngày trong các năm %d–%d)", asOf, period.FirstYear, period.LastYear, period.FirstYear, period.LastYear))
		}
		opt.AsOf = d
	}
	opt.CheckOnly = check
	opt.Progress = stderr

	sum, diags, err := build.Run(ctx, opt)
	trimCache(opt.Cache)
	if len(diags) > 0 {
		fmt.Fprint(stderr, diags.Text(sum.Lang))
		fmt.Fprintln(stderr, sum.Text())
		return exitData
	}
	if err != nil {
		fmt.Fprintln(stderr, "giamsat:", diag.Printable(err.Error()))
		if _, ok := errors.AsType[*build.UsageError](err); ok {
			return exitUsage
		}
		return exitData
	}
	fmt.Fprintln(stdout, sum.Text())
	return exitOK
}

func runSample(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("sample")
	var opt sample.Options
	var out string
	fs.IntVar(&opt.Cases, "cases", 0, "how many `cases` to generate (required)")
	fs.Int64Var(&opt.Seed, "seed", 1, "the random `seed`: the same seed writes the same site")
	fs.StringVar(&out, "out", "", "write the site into this `folder` (required)")
	fs.IntVar(&opt.Years, "years", 0, "`years` of monthly reports (default: the sample's own)")
	fs.IntVar(&opt.FromYear, "from-year", 0, "the first `year` of reports (default: the sample's own)")
	fs.IntVar(&opt.Districts, "districts", 0, "`N` districts: fewer than Long An's 15 takes the first ones, more adds made-up ones (default 15)")
	fs.IntVar(&opt.Units, "units", 0, "a province after the 2025 reform: `N` communes and wards with five-digit codes, reporting from 2026")
	var reform string
	fs.StringVar(&reform, "reform", "", "a province that changes from districts to communes on this `date` (YYYY-MM-DD, as 2025-07-01)")
	fs.BoolVar(&opt.Force, "force", false, "write into a folder that is not empty")
	if code, ok := parse(fs, args, stdout, stderr); !ok {
		return code
	}
	switch {
	case opt.Cases <= 0:
		return usageError(fs, "--cases N is required and must be above 0 (cần --cases N > 0)")
	case out == "":
		return usageError(fs, "--out DIR is required (cần --out DIR)")
	case opt.Years < 0 || opt.FromYear < 0 || opt.Districts < 0 || opt.Units < 0:
		return usageError(fs, "--years, --from-year, --districts and --units cannot be negative (không được âm)")
	case opt.Units > 0 && opt.Districts > 0 && reform == "":
		return usageError(fs, "--units (communes, after 2025) and --districts (before) go together only with --reform (chỉ dùng chung khi có --reform)")
	}
	if reform != "" {
		d, err := period.ParseDate(reform)
		if err != nil || len(reform) != 10 || !d.InWindow() {
			return usageError(fs, "--reform takes a date written YYYY-MM-DD, such as 2025-07-01 (--reform cần ngày dạng YYYY-MM-DD)")
		}
		opt.Reform = d
	}
	if err := sample.Write(out, opt); err != nil {
		fmt.Fprintln(stderr, "giamsat:", diag.Printable(err.Error()))
		return exitData
	}
	fmt.Fprintf(stdout, "giamsat: %d cases written to %s\n", opt.Cases, diag.Printable(out))
	return exitOK
}

// newFlagSet makes a subcommand's flags.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("giamsat "+name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: giamsat %s [flags]\n", name)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, which must be flags only. When ok is false the run
// ends with code: asked-for help goes to stdout with success, a mistake to
// stderr with the usage status.
func parse(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	var msg strings.Builder
	fs.SetOutput(&msg)
	err := fs.Parse(args)
	fs.SetOutput(stderr)
	switch {
	case err != nil:
		return parseFailed(fs, err, msg.String(), stdout, stderr), false
	case fs.NArg() > 0:
		return usageError(fs, fmt.Sprintf("unexpected argument %q (đối số thừa)", fs.Arg(0))), false
	}
	return 0, true
}

// parseFailed ends a run whose flags did not parse: asked-for help goes to
// stdout with success, a mistake to stderr with the usage status.
func parseFailed(fs *flag.FlagSet, err error, msg string, stdout, stderr io.Writer) int {
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, msg)
		return exitOK
	}
	fmt.Fprint(stderr, msg)
	return exitUsage
}

// usageError reports a mistake on the command line, then the usage.
func usageError(fs *flag.FlagSet, msg string) int {
	fmt.Fprintf(fs.Output(), "%s: %s\n", fs.Name(), diag.Printable(msg))
	fs.Usage()
	return exitUsage
}

// version is the module version when built with go install, else "(devel)".
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
