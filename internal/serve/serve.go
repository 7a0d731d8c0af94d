// Package serve is the preview server staff edit a site with: it builds the
// site into a folder of its own, serves it over HTTP, rebuilds it when a
// file of the site changes and tells the open pages to reload, over
// Server-Sent Events, through a script it adds to every HTML page it
// serves (the built site never holds it). A build that fails publishes
// nothing, so the last good site stays served, and the pages show the
// build's errors over it until a build succeeds again.
//
// Rebuilds keep export readings in memory (parsecache.Memory), so that
// only the files that changed are decoded again.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"giamsat/internal/build"
	"giamsat/internal/diag"
	"giamsat/internal/parsecache"
)

// Options say what to serve.
type Options struct {
	Source string // the site folder
	// Out is the folder builds are published to; "" is a temporary folder
	// that Close removes, so that serving never touches the site's public/.
	Out string
	// Force publishes into an Out that is not empty and that no giamsat
	// build published (see build.Options).
	Force bool
	// Debounce is how long the files must be quiet before a rebuild: an
	// editor's save is often several events, a copied folder hundreds.
	// 0 is 100 ms.
	Debounce time.Duration
	// Log receives a line per build and the problems it found; nil for none.
	Log io.Writer
	// Version is the binary's version, part of the cache's keys.
	Version string
}

// Server builds, watches and serves one site.
type Server struct {
	opt     Options
	source  string // opt.Source, absolute: watch events name files by it
	out     string
	tmp     string // the temporary folder holding out; "" when Out was given
	cache   *parsecache.Memory
	buildMu sync.Mutex // one build at a time
	done    chan struct{}
	once    sync.Once
	// run tells this server's builds from another run's, whose pages may
	// still be open when it starts; it never reaches the built site.
	run string

	mu    sync.Mutex
	state state
	subs  map[chan struct{}]struct{} // event streams, told of each new state
}

// state is the outcome of the latest build the pages are told of.
type state struct {
	good   int      // good builds so far; the site served is the last
	errors []string // the latest build's problems, FILE:LINE:COL: message; nil when it was good
}

// New prepares a server for the site; nothing is built until Build.
func New(opt Options) (*Server, error) {
	if opt.Source == "" {
		opt.Source = "."
	}
	if opt.Debounce == 0 {
		opt.Debounce = 100 * time.Millisecond
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	source, err := filepath.Abs(opt.Source)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s := &Server{
		opt:    opt,
		source: source,
		out:    opt.Out,
		cache:  parsecache.NewMemory(),
		done:   make(chan struct{}),
		subs:   make(map[chan struct{}]struct{}),
	}
	if s.out == "" {
		tmp, err := os.MkdirTemp("", "giamsat-serve-")
		if err != nil {
			return nil, fmt.Errorf("serve: %w", err)
		}
		s.tmp, s.out = tmp, filepath.Join(tmp, "site")
	}
	s.run = strconv.FormatInt(time.Now().UnixNano(), 36)
	return s, nil
}

// Out is the folder the site is published to.
func (s *Server) Out() string { return s.out }

// Close ends the event streams, so that an http.Server's Shutdown does
// not wait for them, and removes the temporary output folder.
func (s *Server) Close() error {
	s.once.Do(func() { close(s.done) })
	if s.tmp != "" {
		return os.RemoveAll(s.tmp)
	}
	return nil
}

// Build builds the site once and tells the open pages: reload after a
// good build, the errors after a failed one. A build cancelled by ctx
// changes nothing.
func (s *Server) Build(ctx context.Context) (build.Summary, diag.List, error) {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	sum, diags, err := build.Run(ctx, build.Options{
		Source:  s.opt.Source,
		Out:     s.out,
		Force:   s.opt.Force,
		Cache:   s.cache,
		Version: s.opt.Version,
	})
	if ctx.Err() != nil {
		return sum, diags, err
	}
	// A build stopped by site.yaml reads no exports: keep their readings
	// for when it is fixed.
	if sum.Files > 0 {
		s.cache.Sweep()
	}
	var lines []string
	for _, d := range diags {
		lines = append(lines, d.Text(sum.Lang))
	}
	if err != nil {
		lines = append(lines, "giamsat: "+err.Error())
	}
	s.log(sum, diags, err)

	s.mu.Lock()
	if lines == nil {
		s.state.good++
	}
	s.state.errors = lines
	for ch := range s.subs {
		select {
		case ch <- struct{}{}:
		default: // already told; it reads the latest state
		}
	}
	s.mu.Unlock()
	return sum, diags, err
}

// id names the site served after good builds: it changes with every
// good build and between two runs of the server.
func (s *Server) id(good int) string { return s.run + "-" + strconv.Itoa(good) }

func (s *Server) log(sum build.Summary, diags diag.List, err error) {
	w := s.opt.Log
	if len(diags) > 0 {
		fmt.Fprint(w, diags.Text(sum.Lang))
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(w, "giamsat:", err)
	}
	fmt.Fprintln(w, sum.Text())
}

// current returns the state to show.
func (s *Server) current() state {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// subscribe returns a channel told of every new state, and the function
// that ends the subscription.
func (s *Server) subscribe() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	s.mu.Lock()
	s.subs[ch] = struct{}{}
	s.mu.Unlock()
	return ch, func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}
}
