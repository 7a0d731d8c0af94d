package serve

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"giamsat/internal/browsertest"
)

// browser starts headless Chromium, or skips the test when there is none.
func browser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.Start(t, 60*time.Second)
}

// In a real browser, under the site's Content-Security-Policy: a broken
// file puts the errors over the open page, as text; fixing it reloads the
// page without them.
func TestOverlayInBrowser(t *testing.T) {
	t.Parallel()
	dir := site(t)
	s, ts := server(t, dir)
	mustBuild(t, s)
	watch(t, s)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/cases/")); err != nil {
		t.Fatal(err)
	}
	// The page is connected when the server has its stream.
	for deadline := time.Now().Add(wait); ; time.Sleep(20 * time.Millisecond) {
		s.mu.Lock()
		n := len(s.subs)
		s.mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the page did not open the event stream")
		}
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.stillHere = 1`)); err != nil {
		t.Fatal(err)
	}

	file, id := onlyOnce(t, dir)
	rel, _ := filepath.Rel(dir, file)
	// The unknown field's name holds markup; the overlay must show it as text.
	edit(t, file, "id: "+id+"\n    detected_on:", "id: "+id+"\n    detected_on<b>x</b>:")
	if err := chromedp.Do(ctx, chromedp.WaitVisible("#giamsat-errors")); err != nil {
		t.Fatal(err)
	}
	type overlay struct {
		Text  string `json:"text"`
		Bold  bool   `json:"bold"`
		Still bool   `json:"still"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[overlay](`({
		text: document.getElementById('giamsat-errors').textContent,
		bold: document.querySelector('#giamsat-errors b') !== null,
		still: window.stillHere === 1,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.Text, filepath.ToSlash(rel)+":") || !strings.Contains(got.Text, "<b>x</b>") {
		t.Errorf("the overlay does not list the error with its place: %q", got.Text)
	}
	if got.Bold {
		t.Error("markup from the data became an element of the overlay")
	}
	if !got.Still {
		t.Error("the page reloaded after a failed build")
	}

	edit(t, file, "detected_on<b>x</b>:", "detected_on:")
	// The page reloads: the mark set on it is gone, and so are the errors.
	for deadline := time.Now().Add(wait); ; time.Sleep(50 * time.Millisecond) {
		// Evaluating fails while the page reloads; ask again.
		reloaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.stillHere === undefined && document.readyState === 'complete'`))
		if err == nil && reloaded {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page did not reload after the fix (%v)", err)
		}
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#giamsat-errors').length`))
	if err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Error("the errors are still shown after the fix")
	}
}
