package serve

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"

	"giamsat/internal/sample"
)

// BenchmarkSaveToReload measures, on a site of 100,000 cases, the time from
// saving one export to the open page having the rebuilt site: the file
// event, the debounce, the rebuild (one file decoded, the others from the
// cache), the page told to reload and the page loaded again. Writing the
// site and its first build are not timed. Run it with
//
//	go test ./internal/serve -run '^$' -bench SaveToReload -benchtime 5x
func BenchmarkSaveToReload(b *testing.B) {
	if testing.Short() {
		b.Skip("writes and builds a site of 100,000 cases")
	}
	dir := b.TempDir()
	start := time.Now()
	if err := sample.Write(dir, sample.Options{Cases: 100_000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.Logf("sample written in %v", time.Since(start).Round(time.Millisecond))
	s, err := New(Options{Source: dir})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	start = time.Now()
	sum, diags, err := s.Build(context.Background())
	if err != nil || len(diags) > 0 {
		b.Fatal(err, diags)
	}
	b.Logf("first build: %d files, %d cases, %d pages in %v", sum.Files, sum.Unique, sum.Pages, time.Since(start).Round(time.Millisecond))

	w, err := s.watcher()
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	looped := make(chan struct{})
	go func() {
		s.loop(ctx, w)
		close(looped)
	}()
	defer func() {
		cancel()
		<-looped
	}()
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	defer s.Close() // before ts.Close: no stream is left open, but be sure
	changed, unsubscribe := s.subscribe()
	defer unsubscribe()

	file, _ := onlyOnce(b, dir)
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	// b.Loop runs the function once: the site above is written once, and
	// the timer starts here.
	for i := 0; b.Loop(); i++ {
		good := s.current().good
		edited := append([]byte("# lần sửa "+strconv.Itoa(i)+"\n"), orig...)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		for s.current().good == good {
			select {
			case <-changed:
			case <-time.After(5 * time.Minute):
				b.Fatal("no rebuild")
			}
			if errs := s.current().errors; errs != nil {
				b.Fatal(errs)
			}
		}
		resp, err := http.Get(ts.URL + "/")
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("page: %s", resp.Status)
		}
	}
	// One more rebuild, with the watching stopped, of the file as it was:
	// to count what a rebuild decodes.
	cancel()
	<-looped
	if err := os.WriteFile(file, orig, 0o644); err != nil {
		b.Fatal(err)
	}
	last, _, _ := s.Build(context.Background())
	b.ReportMetric(float64(last.Decoded), "files-decoded/op")
}
