package serve

import (
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Issue 13, item 8: serve answers only requests that name it, so that a
// web page whose name is rebound to 127.0.0.1 cannot read the preview.
func TestHostGuard(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("site")) })
	tests := []struct {
		listen string
		host   string
		want   int
	}{
		{"127.0.0.1:1313", "127.0.0.1:1313", 200},
		{"127.0.0.1:1313", "localhost:1313", 200},
		{"127.0.0.1:1313", "LOCALHOST:1313", 200},
		{"127.0.0.1:1313", "[::1]:1313", 200},
		{"127.0.0.1:1313", "evil.example:1313", 421},
		{"127.0.0.1:1313", "evil.example", 421},
		{"127.0.0.1:1313", "127.0.0.1:8080", 421},
		{"127.0.0.1:1313", "127.0.0.1", 421},
		{"127.0.0.1:1313", "", 421},
		{"127.0.0.1:1313", "localhost.:1313", 200},
		{"[::1]:1313", "[::1]:1313", 200},
		{"[::1]:1313", "[0:0::1]:1313", 200},
		{"[::1]:1313", "attacker.test:1313", 421},
		{"192.0.2.7:80", "192.0.2.7", 200},
		{"192.0.2.7:80", "192.0.2.7:80", 200},
		{"192.0.2.7:80", "rebind.attacker.test", 421},
		{"0.0.0.0:1313", "127.0.0.1:1313", 200},
		{"0.0.0.0:1313", "evil.example:1313", 421},
	}
	for _, tt := range tests {
		addr, err := net.ResolveTCPAddr("tcp", tt.listen)
		if err != nil {
			t.Fatal(err)
		}
		h := hostsFor(addr).guard(ok)
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = tt.host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != tt.want {
			t.Errorf("listening on %s, Host %q: %d, want %d", tt.listen, tt.host, w.Code, tt.want)
		}
	}
}
