package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"giamsat/internal/address"
)

// The server's own paths, beside the site's.
const (
	prefix     = "/__giamsat/"
	scriptPath = prefix + "reload.js"
	eventsPath = prefix + "events"
)

//go:embed reload.js
var reloadJS []byte

// Handler serves the last good site, the reload script and the event
// stream.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+scriptPath, s.script)
	mux.HandleFunc("GET "+eventsPath, s.events)
	mux.HandleFunc("GET /", s.file)
	return mux
}

func (s *Server) script(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(reloadJS)
}

// file serves a file of the site; an HTML page gets the reload script.
// Nothing is cached by the browser: the next build may change anything.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	st := s.current()
	if st.good == 0 {
		s.page(w, http.StatusServiceUnavailable, st, notBuilt)
		return
	}
	name := r.URL.Path
	if !strings.HasPrefix(name, "/") {
		name = "/" + name
	}
	// http.Dir cleans the path and keeps it inside the folder.
	root := http.Dir(s.out)
	f, err := root.Open(name)
	if err == nil {
		var fi fs.FileInfo
		if fi, err = f.Stat(); err == nil && fi.IsDir() {
			f.Close()
			if !strings.HasSuffix(r.URL.Path, "/") {
				// Relative links inside the folder's index.html need the slash.
				http.Redirect(w, r, path.Base(r.URL.Path)+"/"+query(r.URL), http.StatusMovedPermanently)
				return
			}
			name = path.Join(name, address.Index(""))
			f, err = root.Open(name)
		}
	}
	if err != nil {
		s.notFound(w, st)
		return
	}
	defer f.Close()
	if path.Ext(name) != ".html" {
		// A zero time: no Last-Modified, so no 304 for a file a rebuild
		// replaced within the same second.
		http.ServeContent(w, r, name, time.Time{}, f)
		return
	}
	b, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(inject(b, s.id(st.good))))
}

func query(u *url.URL) string {
	if u.RawQuery == "" {
		return ""
	}
	return "?" + u.RawQuery
}

// notFound serves the site's 404 page with the 404 status.
func (s *Server) notFound(w http.ResponseWriter, st state) {
	f, err := http.Dir(s.out).Open("/" + address.NotFoundPage)
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	defer f.Close()
	page, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(inject(page, s.id(st.good)))
}

// notBuilt is the page served until a build succeeds; the reload script
// shows the errors over it and loads the site once it is there.
const notBuilt = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>giamsat</title></head>
<body><h1>Trang chưa dựng xong</h1>
<p>Trang đang được dựng, hoặc dữ liệu có lỗi (xem khung lỗi). Trang này tự tải lại khi dựng xong.</p>
<p lang="en">The site is being built, or its data has errors (see the box). This page reloads when the site is built.</p>
</body></html>
`

func (s *Server) page(w http.ResponseWriter, status int, st state, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(inject([]byte(body), s.id(st.good)))
}

// inject adds the reload script before </body>, or at the end. The script
// learns from its address which build the page is from.
func inject(page []byte, id string) []byte {
	tag := `<script src="` + scriptPath + `?site=` + url.QueryEscape(id) + `"></script>`
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}

// events streams the site's state to a page: "site" with the id of the
// site served when the stream starts, "reload" after each good build,
// "errors" with the problems (a JSON array of FILE:LINE:COL: message
// lines) after each failed one and at the start while the latest build
// failed.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	changed, cancel := s.subscribe()
	defer cancel()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	st := s.current()
	fmt.Fprintf(w, "retry: 1000\n\n")
	send(w, "site", s.id(st.good))
	if st.errors != nil {
		send(w, "errors", jsonLines(st.errors))
	}
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-changed:
			next := s.current()
			switch {
			case next.errors != nil:
				send(w, "errors", jsonLines(next.errors))
			case next.good != st.good:
				send(w, "reload", s.id(next.good))
			}
			st = next
			flusher.Flush()
		}
	}
}

// send writes one event; data must be one line.
func send(w io.Writer, event, data string) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, data)
}

// jsonLines is lines as a JSON array: one line whatever the messages hold.
func jsonLines(lines []string) string {
	b, err := json.Marshal(lines)
	if err != nil {
		// A []string always encodes.
		panic(err)
	}
	return string(b)
}
