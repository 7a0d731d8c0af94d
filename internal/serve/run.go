package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"giamsat/internal/build"
)

// Run serves the site at addr (host:port) until ctx is done. It listens
// first, so that a port in use is said at once, and watches the files
// before the first build, so that a file saved during it is not missed.
// Pages asked for before the first build is done get a page that loads
// the site when it is there. A *build.UsageError from the first build ends
// the run.
func Run(ctx context.Context, opt Options, addr string, stdout io.Writer) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s, err := New(opt)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		s.Close()
		return fmt.Errorf("serve: %w (cổng đã có chương trình khác dùng? hãy chọn cổng khác bằng --port)", err)
	}
	w, err := s.watcher()
	if err != nil {
		ln.Close()
		s.Close()
		return err
	}
	watching := make(chan struct{})
	go func() {
		s.loop(ctx, w)
		close(watching)
	}()
	srv := &http.Server{Handler: hostsFor(ln.Addr()).guard(s.Handler()), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	host, port, _ := net.SplitHostPort(ln.Addr().String())
	url := "http://" + net.JoinHostPort(host, port) + "/"
	fmt.Fprintf(stdout, "giamsat: đang phục vụ trang tại %s (Ctrl-C để dừng)\n", url)
	fmt.Fprintf(stdout, "giamsat: serving the site at %s (Ctrl-C stops)\n", url)
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		fmt.Fprintln(stdout, "giamsat: cảnh báo: mọi máy trong mạng xem được trang này / warning: any machine on the network can see this site")
	}
	// A mistake in the options (an --out inside the site) fails every
	// build the same way: say it and stop rather than serve nothing.
	if _, _, err = s.Build(ctx); !errors.As(err, new(*build.UsageError)) {
		err = nil
		select {
		case <-ctx.Done():
		case err = <-served:
		}
	}
	cancel()
	<-watching
	// Close ends the event streams, which Shutdown would wait for.
	cerr := s.Close()
	shutdown, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	serr := srv.Shutdown(shutdown)
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	if err == nil && serr != nil {
		err = fmt.Errorf("serve: %w", serr)
	}
	if err == nil && cerr != nil {
		err = fmt.Errorf("serve: removing %s: %w", s.out, cerr)
	}
	return err
}
