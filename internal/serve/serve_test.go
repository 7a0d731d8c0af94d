package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"giamsat/internal/export"
	"giamsat/internal/sample"
	siteconf "giamsat/internal/site"
	"giamsat/internal/workbook"
)

// site writes a small sample site and returns its folder.
func site(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := sample.Write(dir, sample.Options{Cases: 40, Seed: 6, Years: 1, Districts: 2}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// server is a Server for dir behind an httptest server. The Server is
// closed first, so that its event streams end and the test server's
// Close does not wait for them.
func server(t *testing.T, dir string) (*Server, *httptest.Server) {
	t.Helper()
	s, err := New(Options{Source: dir, Debounce: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s, ts
}

// mustBuild builds and fails the test on any problem.
func mustBuild(t *testing.T, s *Server) {
	t.Helper()
	_, diags, err := s.Build(context.Background())
	if len(diags) > 0 || err != nil {
		t.Fatalf("build: %v\n%s", err, diags.Text("en"))
	}
}

// watch starts watching the site until the test ends.
func watch(t *testing.T, s *Server) {
	t.Helper()
	w, err := s.watcher()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.loop(ctx, w)
		close(done)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

type event struct{ name, data string }

// stream reads the server's event stream as a page would.
type stream struct {
	t      *testing.T
	events chan event
}

func openStream(t *testing.T, base string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+eventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events served as %q", ct)
	}
	st := &stream{t: t, events: make(chan event, 100)}
	go func() {
		defer close(st.events)
		sc := bufio.NewScanner(resp.Body)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				st.events <- ev
				ev = event{}
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		resp.Body.Close()
	})
	return st
}

// next returns the next event, failing the test when none comes in time.
func (st *stream) next(within time.Duration) event {
	st.t.Helper()
	select {
	case ev, ok := <-st.events:
		if !ok {
			st.t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(within):
		st.t.Fatalf("no event within %v", within)
	}
	return event{}
}

// quiet fails the test when an event comes within d.
func (st *stream) quiet(d time.Duration) {
	st.t.Helper()
	select {
	case ev, ok := <-st.events:
		if ok {
			st.t.Errorf("unexpected event %q %s", ev.name, ev.data)
		}
	case <-time.After(d):
	}
}

var idLine = regexp.MustCompile(`(?m)^  - id: (\S+)`)

// onlyOnce finds a case reported in one export only: the file and its id.
func onlyOnce(t testing.TB, dir string) (file, id string) {
	t.Helper()
	count := map[string]int{}
	where := map[string]string{}
	err := filepath.WalkDir(filepath.Join(dir, "data"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range idLine.FindAllSubmatch(b, -1) {
			count[string(m[1])]++
			where[string(m[1])] = p
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for id, n := range count {
		if n == 1 {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		t.Fatal("every case of the sample is reported twice")
	}
	slices.Sort(ids)
	return where[ids[0]], ids[0]
}

// edit replaces old with new in the file, failing when old is not there.
func edit(t testing.TB, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not hold %q", file, old)
	}
	if err := os.WriteFile(file, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

const wait = 20 * time.Second

// Saving an export rebuilds the site; the open page is told to reload and
// the page served then shows the change.
func TestChangeShowsAfterRebuild(t *testing.T) {
	t.Parallel()
	dir := site(t)
	s, ts := server(t, dir)
	mustBuild(t, s)
	watch(t, s)
	file, id := onlyOnce(t, dir)
	_, page := get(t, ts.URL+"/cases/")
	if !strings.Contains(page, ">"+id+"<") || strings.Contains(page, "ZZ-TEST-0001") {
		t.Fatalf("the register before the change: %s there %v", id, strings.Contains(page, id))
	}
	st := openStream(t, ts.URL)
	first := st.next(wait)
	if first.name != "site" || first.data != s.id(1) {
		t.Fatalf("first event %+v, want site %s", first, s.id(1))
	}

	edit(t, file, "id: "+id, "id: ZZ-TEST-0001")
	if ev := st.next(wait); ev.name != "reload" || ev.data != s.id(2) {
		t.Fatalf("after the change: %+v, want reload %s", ev, s.id(2))
	}
	code, page := get(t, ts.URL+"/cases/")
	if code != http.StatusOK || !strings.Contains(page, ">ZZ-TEST-0001<") || strings.Contains(page, ">"+id+"<") {
		t.Errorf("the register after the change does not show it (status %d)", code)
	}
	if !strings.Contains(page, `<script src="/__giamsat/reload.js?site=`+s.id(2)+`"></script>`) {
		t.Error("the page served after the rebuild does not name the new build")
	}
}

// A folder created while serving is watched too: an export saved in it
// rebuilds the site.
func TestNewFolderWatched(t *testing.T) {
	t.Parallel()
	dir := site(t)
	s, ts := server(t, dir)
	mustBuild(t, s)
	watch(t, s)
	st := openStream(t, ts.URL)
	st.next(wait) // site

	file, id := onlyOnce(t, dir)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// The case moves to a file in a new folder, under another id.
	nested := filepath.Join(dir, "data", "moi", "sau", "tep.yaml")
	if err := os.MkdirAll(filepath.Dir(nested), 0o755); err != nil {
		t.Fatal(err)
	}
	if ev := st.next(wait); ev.name != "reload" {
		t.Fatalf("after the new folder: %+v", ev)
	}
	if err := os.WriteFile(nested, bytes.Replace(b, []byte("id: "+id), []byte("id: ZZ-TEST-0002"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	for {
		ev := st.next(wait)
		if ev.name != "reload" {
			t.Fatalf("after saving in the new folder: %+v", ev)
		}
		if _, page := get(t, ts.URL+"/cases/"); strings.Contains(page, ">ZZ-TEST-0002<") {
			return
		}
	}
}

// A broken export keeps the last good site served, and every page is told
// the errors, at once and when it opens later, until the file is fixed.
func TestBrokenFileKeepsLastGoodSite(t *testing.T) {
	t.Parallel()
	dir := site(t)
	s, ts := server(t, dir)
	mustBuild(t, s)
	watch(t, s)
	file, id := onlyOnce(t, dir)
	rel, err := filepath.Rel(dir, file)
	if err != nil {
		t.Fatal(err)
	}
	rel = filepath.ToSlash(rel)
	_, good := get(t, ts.URL+"/cases/")
	st := openStream(t, ts.URL)
	st.next(wait) // site

	// A misspelt field name, and a date that is not one, in the same case.
	edit(t, file, "id: "+id+"\n    detected_on:", "id: "+id+"\n    detected_onn:")
	ev := st.next(wait)
	if ev.name != "errors" {
		t.Fatalf("after breaking %s: %+v, want errors", rel, ev)
	}
	var lines []string
	if err := json.Unmarshal([]byte(ev.data), &lines); err != nil {
		t.Fatalf("errors %q: %v", ev.data, err)
	}
	at := regexp.MustCompile(`^` + regexp.QuoteMeta(rel) + `:\d+:\d+: .*detected_onn`)
	if !slices.ContainsFunc(lines, at.MatchString) {
		t.Errorf("the errors do not name %s:LINE:COL and the field: %q", rel, lines)
	}

	// The last good site is still served, as it was.
	code, page := get(t, ts.URL+"/cases/")
	if code != http.StatusOK || page != good {
		t.Errorf("after a failed build the page changed (status %d)", code)
	}
	// A page opened now learns the errors as soon as it connects.
	later := openStream(t, ts.URL)
	if ev := later.next(wait); ev.name != "site" || ev.data != s.id(1) {
		t.Errorf("a page opened after the failure: %+v", ev)
	}
	if ev := later.next(wait); ev.name != "errors" || ev.data != jsonLines(lines) {
		t.Errorf("a page opened after the failure is not told the errors: %+v", ev)
	}

	// Fixing the file clears them: pages reload, and a page opened then
	// is told no errors.
	edit(t, file, "detected_onn:", "detected_on:")
	for _, stm := range []*stream{st, later} {
		if ev := stm.next(wait); ev.name != "reload" || ev.data != s.id(2) {
			t.Errorf("after the fix: %+v, want reload %s", ev, s.id(2))
		}
	}
	fixed := openStream(t, ts.URL)
	if ev := fixed.next(wait); ev.name != "site" || ev.data != s.id(2) {
		t.Errorf("a page opened after the fix: %+v", ev)
	}
	fixed.quiet(300 * time.Millisecond)
	if errs := s.current().errors; errs != nil {
		t.Errorf("errors kept after the fix: %q", errs)
	}
}

// Rebuilds decode only the exports that changed.
func TestOnlyChangedFilesDecoded(t *testing.T) {
	t.Parallel()
	dir := site(t)
	s, _ := server(t, dir)
	ctx := context.Background()
	first, diags, err := s.Build(ctx)
	if err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	if first.Files < 10 || first.Decoded != first.Files {
		t.Fatalf("first build: %d files, %d decoded; want all of them", first.Files, first.Decoded)
	}
	file, _ := onlyOnce(t, dir)
	edit(t, file, "cases:", "# sửa lại\ncases:")
	sum, _, err := s.Build(ctx)
	if err != nil || sum.Decoded != 1 || sum.Files != first.Files {
		t.Errorf("after changing one file: %d of %d files decoded (%v); want 1", sum.Decoded, sum.Files, err)
	}
	sum, _, err = s.Build(ctx)
	if err != nil || sum.Decoded != 0 {
		t.Errorf("with nothing changed: %d files decoded (%v); want 0", sum.Decoded, err)
	}
	// A broken site.yaml reads no exports; once it is fixed, the
	// readings kept from before serve again.
	siteFile := filepath.Join(dir, "site.yaml")
	edit(t, siteFile, "overdue_after_days:", "overdue_after_dayz:")
	if _, diags, _ := s.Build(ctx); len(diags) == 0 {
		t.Fatal("a broken site.yaml built")
	}
	edit(t, siteFile, "overdue_after_dayz:", "overdue_after_days:")
	if sum, _, _ := s.Build(ctx); sum.Decoded != 0 {
		t.Errorf("after fixing site.yaml: %d files decoded; want 0", sum.Decoded)
	}
}

// Only HTML pages get the reload script; the built files never hold it,
// and serving writes nothing into the site folder.
func TestServedFiles(t *testing.T) {
	t.Parallel()
	dir := site(t)
	s, ts := server(t, dir)

	// Before the first build: a page that waits for it.
	code, page := get(t, ts.URL+"/")
	if code != http.StatusServiceUnavailable || !strings.Contains(page, scriptPath+"?site="+s.id(0)) {
		t.Errorf("before the first build: status %d, %q", code, page)
	}
	mustBuild(t, s)

	tests := []struct {
		path   string
		status int
		script bool
		holds  string
	}{
		{"/", 200, true, "<title>"},
		{"/index.html", 200, true, "<title>"},
		{"/cases/", 200, true, "case-register"},
		{"/search/", 200, true, "search-q"},
		{"/assets/css/site.css", 200, false, "--accent"},
		{"/search/search-index.js", 200, false, "window.giamsatSearch"},
		{"/data/cases.csv", 200, false, "id,"},
		{"/khong-co/", 404, true, "<title>"},
		{"/../site.yaml", 404, true, "<title>"},
		{"/%2e%2e/site.yaml", 404, true, "<title>"},
		{scriptPath, 200, false, "EventSource"},
	}
	for _, tt := range tests {
		code, body := get(t, ts.URL+tt.path)
		if code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, code, tt.status)
		}
		if has := strings.Contains(body, `<script src="`+scriptPath); has != tt.script {
			t.Errorf("%s: reload script %v, want %v", tt.path, has, tt.script)
		}
		if !strings.Contains(body, tt.holds) {
			t.Errorf("%s does not hold %q", tt.path, tt.holds)
		}
		if strings.Contains(body, "overdue_after_days") {
			t.Errorf("%s served a file from outside the site", tt.path)
		}
	}

	// A folder without its slash is redirected, so that its page's
	// relative links work.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(ts.URL + "/cases?x=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/cases/?x=1" {
		t.Errorf("/cases: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}

	err = filepath.WalkDir(s.Out(), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && bytes.Contains(b, []byte("__giamsat")) {
			t.Errorf("the built file %s holds the reload script", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("serving wrote the site's public/ (%v)", err)
	}
	out := s.Out()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Close left the output folder %s (%v)", out, err)
	}
}

func TestInject(t *testing.T) {
	tag := `<script src="/__giamsat/reload.js?site=a-1"></script>` + "\n"
	tests := []struct{ in, want string }{
		{"<html><body><p>x</p></body></html>", "<html><body><p>x</p>" + tag + "</body></html>"},
		{"<BODY>x</BODY>", "<BODY>x" + tag + "</BODY>"},
		// The last </body>: an earlier one may be text in a <pre>.
		{"<body><pre>&lt;/body&gt; </body></pre></body>", "<body><pre>&lt;/body&gt; </body></pre>" + tag + "</body>"},
		{"no body", "no body" + tag},
	}
	for _, tt := range tests {
		if got := string(inject([]byte(tt.in), "a-1")); got != tt.want {
			t.Errorf("inject(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRelevant(t *testing.T) {
	s, err := New(Options{Source: "/site"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tests := []struct {
		name string
		op   string
		want bool
	}{
		{"/site/site.yaml", "write", true},
		{"/site/data/2022/a.yaml", "write", true},
		{"/site/content/directives/x.md", "create", true},
		{"/site/themes/default/layouts/x.html", "remove", true},
		{"/site/data/2022/a.yaml", "chmod", false},
		{"/site/data/.a.yaml.swp", "write", false},
		{"/site/data/a.yaml~", "write", false},
		{"/site/data/2024/ben-luc.xlsx", "write", true},
		{"/site/data/2024/~$ben-luc.xlsx", "create", false},
		{"/site/content/#x.md#", "write", false},
		{"/site/data/.git/index", "write", false},
		{"/site/public/index.html", "write", false},
		{"/site/.public.staging-1", "create", false},
		{"/site/README.md", "write", false},
		{"/other/site.yaml", "write", false},
	}
	for _, tt := range tests {
		if got := s.relevant(nil, fsEvent(tt.name, tt.op)); got != tt.want {
			t.Errorf("%s %s: %v, want %v", tt.op, tt.name, got, tt.want)
		}
	}
}

// Run serves until its context is cancelled, then stops and cleans up.
func TestRunStops(t *testing.T) {
	t.Parallel()
	dir := site(t)
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- Run(ctx, Options{Source: dir}, "127.0.0.1:0", out) }()
	url := ""
	for deadline := time.Now().Add(wait); url == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(out.String()); m != "" {
			url = m
		}
	}
	if url == "" {
		t.Fatalf("no address printed: %q", out.String())
	}
	// An open event stream does not hold up the stop.
	st := openStream(t, strings.TrimSuffix(url, "/"))
	st.next(wait)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop")
	}
	if _, err := http.Get(url); err == nil {
		t.Error("still serving after Run returned")
	}
}

func fsEvent(name, op string) fsnotify.Event {
	ops := map[string]fsnotify.Op{"write": fsnotify.Write, "create": fsnotify.Create, "remove": fsnotify.Remove, "chmod": fsnotify.Chmod}
	return fsnotify.Event{Name: filepath.FromSlash(name), Op: ops[op]}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// Issue 13, item 8: the site folder deleted and made again (restored from
// a copy) is watched again: a change in the new folder shows.
func TestSiteFolderRecreated(t *testing.T) {
	t.Parallel()
	dir := site(t)
	s, ts := server(t, dir)
	mustBuild(t, s)
	watch(t, s)
	st := openStream(t, ts.URL)
	st.next(wait) // site

	file, id := onlyOnce(t, dir)
	backup := filepath.Join(t.TempDir(), "backup")
	if err := os.CopyFS(backup, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, file)
	edit(t, filepath.Join(backup, rel), "id: "+id, "id: ZZ-TEST-0003")
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	st.next(wait) // the build without a site fails
	if err := os.CopyFS(dir, os.DirFS(backup)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		st.next(wait)
		if _, page := get(t, ts.URL+"/cases/"); strings.Contains(page, ">ZZ-TEST-0003<") {
			// And the new folder's own changes are seen too.
			edit(t, file, "id: ZZ-TEST-0003", "id: ZZ-TEST-0004")
			for time.Now().Before(deadline) {
				st.next(wait)
				if _, page := get(t, ts.URL+"/cases/"); strings.Contains(page, ">ZZ-TEST-0004<") {
					return
				}
			}
			t.Fatal("a change in the recreated folder was not picked up")
		}
	}
	t.Fatal("the recreated site folder was not picked up")
}

// A workbook saved in data/ rebuilds the site like a YAML export; Excel's
// lock file beside it is not read.
func TestWorkbookSaveRebuilds(t *testing.T) {
	t.Parallel()
	dir := site(t)
	s, ts := server(t, dir)
	mustBuild(t, s)
	watch(t, s)
	st := openStream(t, ts.URL)
	st.next(wait) // site

	file, id := onlyOnce(t, dir)
	cfg, diags := siteconf.Load(dir)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	e, diags := export.ReadFile("x.yaml", data, cfg)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	for i := range e.Cases {
		if e.Cases[i].ID == id {
			e.Cases[i].ID = "ZZ-TEST-0009"
		}
	}
	book, err := workbook.Write(e, cfg)
	if err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(file, filepath.Ext(file))
	lock := filepath.Join(filepath.Dir(file), "~$"+filepath.Base(base)+".xlsx")
	if err := os.WriteFile(lock, []byte("giamsat\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+".xlsx", book, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	for {
		ev := st.next(wait)
		if ev.name != "reload" {
			t.Fatalf("after saving the workbook: %+v", ev)
		}
		if _, page := get(t, ts.URL+"/cases/"); strings.Contains(page, ">ZZ-TEST-0009<") && !strings.Contains(page, ">"+id+"<") {
			return
		}
	}
}
