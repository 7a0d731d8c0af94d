package serve

import (
	"net"
	"net/http"
	"os"
	"strings"
)

// hosts is the set of names a browser may use for the server, so that a
// page of another site cannot reach it by pointing its own name at this
// machine (DNS rebinding): such requests carry that name in Host.
type hosts struct {
	port  string
	names map[string]bool // host names and addresses, lower case, IPv6 without brackets
}

// hostsFor is the set for a server listening on addr: localhost and the
// address itself; for an address that is every interface (0.0.0.0, ::),
// every address of the machine's interfaces and its host name.
func hostsFor(addr net.Addr) hosts {
	host, port, _ := net.SplitHostPort(addr.String())
	h := hosts{port: port, names: map[string]bool{"localhost": true, strings.ToLower(host): true}}
	ip := net.ParseIP(host)
	switch {
	case ip != nil && ip.IsLoopback():
		h.names["127.0.0.1"], h.names["::1"] = true, true
	case ip != nil && ip.IsUnspecified():
		h.names["127.0.0.1"], h.names["::1"] = true, true
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok {
					h.names[n.IP.String()] = true
				}
			}
		}
		if name, err := os.Hostname(); err == nil {
			h.names[strings.ToLower(name)] = true
		}
	}
	return h
}

// allows reports whether a request's Host header names this server.
func (h hosts) allows(hostHeader string) bool {
	host, port, err := net.SplitHostPort(hostHeader)
	if err != nil {
		// No port: the default one of http.
		host, port = hostHeader, "80"
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if ip := net.ParseIP(host); ip != nil {
		host = ip.String()
	}
	return port == h.port && h.names[host]
}

// guard answers 421 Misdirected Request to a request for another host.
func (h hosts) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !h.allows(r.Host) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusMisdirectedRequest)
			w.Write([]byte("giamsat serve: this preview answers only to its own address (localhost or the address it listens on), not to the name in this request.\n" +
				"giamsat serve: bản xem trước chỉ trả lời địa chỉ của chính nó (localhost hoặc địa chỉ đang nghe).\n"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
