// Package browsertest starts the headless Chromium that the browser tests
// of several packages drive, the same way everywhere: found on PATH or by
// CHROME_BIN, with background networking off, and mandatory when CI is set.
package browsertest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// names are the commands that may start Chromium or Chrome, in the order
// they are tried on PATH.
var names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell"}

// Find returns the browser to drive, or why there is none, saying how to
// get one.
func Find() (path, missing string) {
	if p := os.Getenv("CHROME_BIN"); p != "" {
		if p, err := exec.LookPath(p); err == nil {
			return p, ""
		}
		return "", "CHROME_BIN=" + p + " is not a program; point it at Chromium or Chrome"
	}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p, ""
		}
	}
	return "", "no Chromium or Chrome on PATH (looked for " + strings.Join(names, ", ") + "); install Chromium (apt-get install chromium) or set CHROME_BIN=/path/to/chrome"
}

// Mandatory reports whether browser tests must run: in CI a missing
// browser is a failure, not a reason to skip.
func Mandatory() bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv("CI")))
	return v != "" && v != "0" && v != "false"
}

// Options are the allocator options for a headless browser at path with
// its own profile folder: no sandbox (tests run as root in containers), no
// GPU, and nothing the browser would fetch on its own.
func Options(path, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
}

// Start starts a browser for one test and stops it when the test ends. It
// skips the test when there is no browser, unless Mandatory.
func Start(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	path, missing := Find()
	if path == "" {
		if Mandatory() {
			t.Fatal(missing)
		}
		t.Skip(missing)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), Options(path, t.TempDir())...)
	ctx, cancel := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

// Tool finds the first of names on PATH, for the tests that read what the
// site prints or downloads (pdftotext, soffice): without it the test
// skips, unless Mandatory, as a missing browser would.
func Tool(t testing.TB, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := names[0] + " not on PATH (apt-get install poppler-utils libreoffice-writer-nogui)"
	if Mandatory() {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Command runs a tool and returns its output, failing the test with its
// error output when it fails.
func Command(t testing.TB, ctx context.Context, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.CommandContext(ctx, name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}
