package e2e

import (
	"context"
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/chromedp/chromedp"

	"giamsat/internal/browsertest"
)

// env is what TestMain set up for the tests: a running browser, or the
// reason there is none. It is written once, before any test runs.
var env struct {
	browser context.Context // a chromedp context that holds the browser
	missing string          // why there is no browser; "" when there is one
	work    string          // a folder for the sites the tests build
}

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(run(m))
}

func run(m *testing.M) int {
	work, err := os.MkdirTemp("", "giamsat-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(work)
	env.work = work

	path, missing := browsertest.Find()
	switch {
	case path == "":
		env.missing = missing
		return m.Run()
	case testing.Short() && !browsertest.Mandatory():
		env.missing = "-short given; run without it to include them"
		return m.Run()
	}

	profile, err := os.MkdirTemp("", "giamsat-e2e-profile-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(profile)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(browsertest.Options(path, profile),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("font-render-hinting", "none"),
		// Anything that tries to reach a real host fails to resolve, even
		// past the per-tab block list.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	)...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	// The first call binds the browser's life to its context: no timeout.
	if err := chromedp.Do(ctx); err != nil {
		env.missing = fmt.Sprintf("%s did not start (%v); check that it runs headless, or set CHROME_BIN to another browser", path, err)
		return m.Run()
	}
	env.browser = ctx
	return m.Run()
}

// needBrowser skips the test, or fails it in CI, when there is no browser.
func needBrowser(t *testing.T) {
	t.Helper()
	if env.browser != nil {
		return
	}
	if browsertest.Mandatory() {
		t.Fatalf("CI is set, so the browser tests must run, but: %s", env.missing)
	}
	t.Skipf("browser tests skipped: %s (with CI set they are mandatory)", env.missing)
}
