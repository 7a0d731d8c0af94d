package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"

	"giamsat/internal/build"
	"giamsat/internal/diag"
	"giamsat/internal/serve"
)

// runServe is "giamsat serve": build, serve and rebuild on every change
// until Ctrl-C.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve")
	opt := serve.Options{Log: stderr}
	// Without a version that names this very binary, serve's builds keep
	// no pages from earlier builds: it is slower, never wrong.
	opt.Version, _ = cacheVersion()
	var port int
	var bind string
	fs.StringVar(&opt.Source, "source", ".", "the site `folder`: site.yaml, data/, content/")
	fs.IntVar(&port, "port", 1313, "the `port` to serve on; 0 picks a free one")
	fs.StringVar(&bind, "bind", "127.0.0.1", "the `address` to listen on; 0.0.0.0 shows the site to the whole network")
	fs.StringVar(&opt.Out, "out", "", "publish the builds into this `folder` (default: a temporary folder, removed on exit; never SOURCE/public unless given)")
	fs.BoolVar(&opt.Force, "force", false, "publish into an --out folder that is not empty and that no giamsat build published")
	if code, ok := parse(fs, args, stdout, stderr); !ok {
		return code
	}
	if port < 0 || port > 65535 {
		return usageError(fs, fmt.Sprintf("--port %d: give 0 to 65535 (cổng từ 0 đến 65535)", port))
	}
	tuneGC()
	if err := serve.Run(ctx, opt, net.JoinHostPort(bind, strconv.Itoa(port)), stdout); err != nil {
		fmt.Fprintln(stderr, "giamsat:", diag.Printable(err.Error()))
		if _, ok := errors.AsType[*build.UsageError](err); ok {
			return exitUsage
		}
		return exitData
	}
	return exitOK
}
