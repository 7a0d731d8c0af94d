// Package hosting holds the web server configurations of docs/hosting.md
// and their test: nginx and Apache, when installed, are started on a
// built site with the very files the document gives, and asked for pages
// from an allowed and from a refused address. IIS cannot run here: its
// web.config is only checked for form and for the same headers.
package hosting

import (
	"context"
	"crypto/sha1"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"giamsat/internal/build"
)

const (
	user1, password1 = "canbo", "mật-khẩu-thử"
	secret           = "dot entries are never served"
)

// wantCSP is the policy the pages carry in their meta element, plus the
// directive only a header can carry.
func wantCSP(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../themes/default/layouts/_default/baseof.html")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]+)">`).FindSubmatch(data)
	if m == nil {
		t.Fatal("no CSP meta element in baseof.html")
	}
	return string(m[1]) + "; frame-ancestors 'none'"
}

func TestConfigsCarryThePagesCSP(t *testing.T) {
	csp := wantCSP(t)
	for _, name := range []string{"nginx.conf", "apache.conf", "web.config"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), `"`+csp+`"`) {
			t.Errorf("%s does not set the CSP %q", name, csp)
		}
	}
}

// TestIISConfig checks what can be checked without IIS: the file is
// well-formed XML, and it sets the headers, caching, error page and
// address restrictions the other two set.
func TestIISConfig(t *testing.T) {
	data, err := os.ReadFile("web.config")
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	headers := map[string]string{}
	var path []string
	var sawIP, sawVendor, saw404, sawNoCache bool
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("web.config is not well-formed XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			path = append(path, el.Name.Local)
			a := map[string]string{}
			for _, at := range el.Attr {
				a[at.Name.Local] = at.Value
			}
			p := strings.Join(path, "/")
			switch {
			case strings.HasSuffix(p, "customHeaders/add"):
				headers[a["name"]] = a["value"]
			case strings.HasSuffix(p, "ipSecurity") && a["allowUnlisted"] == "false":
				sawIP = true
			case strings.HasSuffix(p, "httpErrors/error") && a["statusCode"] == "404" && strings.HasSuffix(a["path"], "/404.html"):
				saw404 = true
			case strings.HasSuffix(p, "clientCache") && a["cacheControlMode"] == "DisableCache":
				sawNoCache = true
			case strings.HasSuffix(p, "clientCache") && a["cacheControlMaxAge"] == "365.00:00:00" && strings.Contains(a["cacheControlCustom"], "immutable"):
				sawVendor = strings.Contains(p, "location")
			}
		case xml.EndElement:
			path = path[:len(path)-1]
		}
	}
	for name, want := range commonHeaders(t) {
		if headers[name] != want {
			t.Errorf("header %s = %q, want %q", name, headers[name], want)
		}
	}
	if !sawIP || !sawVendor || !saw404 || !sawNoCache {
		t.Errorf("ipSecurity %v, vendor caching %v, 404 page %v, no-cache %v", sawIP, sawVendor, saw404, sawNoCache)
	}
}

// commonHeaders are the headers every response must carry, whatever the
// server.
func commonHeaders(t *testing.T) map[string]string {
	return map[string]string{
		"Content-Security-Policy":      wantCSP(t),
		"X-Content-Type-Options":       "nosniff",
		"X-Frame-Options":              "DENY",
		"Referrer-Policy":              "no-referrer",
		"Cross-Origin-Opener-Policy":   "same-origin",
		"Cross-Origin-Resource-Policy": "same-origin",
		"Permissions-Policy":           "camera=(), microphone=(), geolocation=(), payment=()",
	}
}

// site builds the build package's fixture into a fresh folder, adds a dot
// entry that must never be served, and returns the folder and the
// published site. Both are readable by others, for a server that drops
// its privileges.
func site(t *testing.T) (dir, public string) {
	t.Helper()
	dir = t.TempDir()
	public = filepath.Join(dir, "www", "public")
	_, diags, err := build.Run(context.Background(), build.Options{Source: "../../internal/build/testdata/site", Out: public})
	if err != nil || len(diags) > 0 {
		t.Fatalf("build: %v\n%s", err, diags.Text("en"))
	}
	if err := os.MkdirAll(filepath.Join(public, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(public, ".git", "config"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	// The document's way (htpasswd -B: bcrypt) when the tool is there.
	sum := sha1.Sum([]byte(password1))
	htpasswd := user1 + ":{SHA}" + base64.StdEncoding.EncodeToString(sum[:]) + "\n"
	if out, err := exec.Command("htpasswd", "-nbB", user1, password1).Output(); err == nil {
		htpasswd = strings.TrimSpace(string(out)) + "\n"
	}
	if err := os.WriteFile(filepath.Join(dir, "htpasswd"), []byte(htpasswd), 0o644); err != nil {
		t.Fatal(err)
	}
	for p := dir; p != filepath.Dir(p) && strings.HasPrefix(p, os.TempDir()); p = filepath.Dir(p) {
		os.Chmod(p, 0o755)
	}
	return dir, public
}

// config reads a configuration of the document and puts the test's
// paths and port in place of the document's, failing when one of the
// document's lines is not there to replace.
func config(t *testing.T, name string, replace ...string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for i := 0; i < len(replace); i += 2 {
		if !strings.Contains(s, replace[i]) {
			t.Fatalf("%s no longer holds %q", name, replace[i])
		}
		s = strings.ReplaceAll(s, replace[i], replace[i+1])
	}
	return s
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// start runs a server and waits until it answers on port.
func start(t *testing.T, port int, errorLog string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err == nil {
			c.Close()
			return
		}
		select {
		case err := <-exited:
			log, _ := os.ReadFile(errorLog)
			t.Fatalf("%s exited: %v\n%s\n%s", name, err, out.String(), log)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s does not answer on port %d", name, port)
		}
	}
}

// client makes requests from the local address from, so that the server
// sees an allowed (127.0.0.1) or a refused (127.0.0.2) reader.
func client(from string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}
	return &http.Client{
		Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

type response struct {
	code   int
	header http.Header
	body   string
}

func get(t *testing.T, c *http.Client, url string, auth ...string) response {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(auth) == 2 {
		req.SetBasicAuth(auth[0], auth[1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(body)}
}

// checkServer asks the server at base for what docs/hosting.md promises.
func checkServer(t *testing.T, base, public string) {
	inside, outside := client("127.0.0.1"), client("127.0.0.2")
	page404, err := os.ReadFile(filepath.Join(public, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	index, err := os.ReadFile(filepath.Join(public, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	const noCache, year = "private, no-cache", "max-age=31536000, immutable"
	tests := []struct {
		path        string
		code        int
		cache, kind string // Cache-Control, and the start of Content-Type
		body        string // when not "", the body must be this
	}{
		{"/", 200, noCache, "text/html", string(index)},
		{"/index.html", 200, noCache, "text/html", string(index)},
		{"/reports/index.html", 200, noCache, "text/html", ""},
		{"/reports/", 200, noCache, "text/html", ""},
		{"/assets/css/site.css", 200, noCache, "text/css", ""},
		{"/assets/js/site.js", 200, noCache, "", ""},
		{"/assets/vendor/echarts-5.6.0/echarts.min.js", 200, year, "", ""},
		{"/assets/vendor/echarts-5.6.0/LICENSE", 200, year, "", ""},
		{"/data/cases.csv", 200, noCache, "text/csv; charset=utf-8", ""},
		{"/no/such/page/", 404, "", "text/html", string(page404)},
		{"/no-such.html", 404, "", "text/html", string(page404)},
		{"/.git/config", 404, "", "", ""},
		{"/assets/", 0, "", "", ""}, // no listing: 403 or 404
	}
	for _, tt := range tests {
		r := get(t, inside, base+tt.path)
		switch {
		case tt.code == 0 && (r.code == 403 || r.code == 404):
		case r.code != tt.code:
			t.Errorf("%s: status %d, want %d", tt.path, r.code, tt.code)
		}
		for name, want := range commonHeaders(t) {
			if got := r.header.Values(name); len(got) != 1 || got[0] != want {
				t.Errorf("%s: %s = %q, want %q", tt.path, name, got, want)
			}
		}
		if got := r.header.Values("Cache-Control"); tt.cache != "" && (len(got) != 1 || got[0] != tt.cache) {
			t.Errorf("%s: Cache-Control = %q, want %q", tt.path, got, tt.cache)
		}
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, tt.kind) || strings.Count(ct, "charset") > 1 {
			t.Errorf("%s: Content-Type %q, want %s", tt.path, ct, tt.kind)
		}
		if ct := r.header.Get("Content-Type"); strings.HasSuffix(tt.path, ".js") && !strings.Contains(ct, "javascript") {
			t.Errorf("%s: Content-Type %q", tt.path, ct)
		}
		if tt.body != "" && r.body != tt.body {
			t.Errorf("%s: the body is not the published file (%d bytes)", tt.path, len(r.body))
		}
		if strings.Contains(r.body, secret) || strings.Contains(r.body, "Index of") {
			t.Errorf("%s: serves %q", tt.path, r.body)
		}
	}

	// From outside the allowed networks: only with the login.
	for _, tt := range []struct {
		auth []string
		code int
	}{
		{nil, 401},
		{[]string{user1, "sai"}, 401},
		{[]string{"ai-do", password1}, 401},
		{[]string{user1, password1}, 200},
	} {
		r := get(t, outside, base+"/index.html", tt.auth...)
		if r.code != tt.code {
			t.Errorf("from 127.0.0.2 with %q: status %d, want %d", tt.auth, r.code, tt.code)
		}
		if r.code == 401 && (!strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Basic") || strings.Contains(r.body, "<main")) {
			t.Errorf("from 127.0.0.2 with %q: %q, body %.100q", tt.auth, r.header.Get("WWW-Authenticate"), r.body)
		}
		if r.header.Get("Content-Security-Policy") == "" {
			t.Errorf("from 127.0.0.2 with %q: no CSP header", tt.auth)
		}
	}
	if r := get(t, outside, base+"/.git/config", user1, password1); r.code != 404 || strings.Contains(r.body, secret) {
		t.Errorf("/.git/config with the login: %d %q", r.code, r.body)
	}
}

// missing skips a test whose server is not installed; in CI, which
// installs the servers (.ci/run), it fails instead, so that a hosting test
// never passes there without having run.
func missing(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(why + "; .ci/run installs nginx and apache2")
	}
	t.Skip(why)
}

func TestNginx(t *testing.T) {
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		missing(t, "nginx is not installed")
	}
	mime := "/etc/nginx/mime.types"
	if _, err := os.Stat(mime); err != nil {
		missing(t, "no "+mime)
	}
	dir, public := site(t)
	port := freePort(t)
	server := config(t, "nginx.conf",
		"listen 80;", fmt.Sprintf("listen 127.0.0.1:%d;", port),
		"root /srv/giamsat/public;", "root "+public+";",
		"auth_basic_user_file /etc/nginx/giamsat.htpasswd;", "auth_basic_user_file "+filepath.Join(dir, "htpasswd")+";",
	)
	if err := os.WriteFile(filepath.Join(dir, "giamsat.conf"), []byte(server), 0o644); err != nil {
		t.Fatal(err)
	}
	main := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events { worker_connections 64; }
http {
    include %[2]s;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    include %[1]s/giamsat.conf;
}
`, dir, mime)
	if err := os.WriteFile(filepath.Join(dir, "nginx-main.conf"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(nginx, "-t", "-p", dir, "-c", filepath.Join(dir, "nginx-main.conf")).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
	start(t, port, filepath.Join(dir, "error.log"), nginx, "-p", dir, "-c", filepath.Join(dir, "nginx-main.conf"))
	checkServer(t, fmt.Sprintf("http://127.0.0.1:%d", port), public)
}

func TestApache(t *testing.T) {
	httpd, err := exec.LookPath("apache2")
	if err != nil {
		if httpd, err = exec.LookPath("httpd"); err != nil {
			missing(t, "Apache is not installed")
		}
	}
	modules := ""
	for _, dir := range []string{"/usr/lib/apache2/modules", "/usr/lib64/httpd/modules", "/usr/lib/httpd/modules"} {
		if _, err := os.Stat(filepath.Join(dir, "mod_headers.so")); err == nil {
			modules = dir
			break
		}
	}
	if modules == "" {
		missing(t, "no Apache modules folder found")
	}
	dir, public := site(t)
	port := freePort(t)
	vhost := config(t, "apache.conf",
		"<VirtualHost *:80>\n    ServerName", fmt.Sprintf("<VirtualHost 127.0.0.1:%d>\n    ServerName", port),
		`"/srv/giamsat/public"`, `"`+public+`"`,
		`"/etc/apache2/giamsat.htpasswd"`, `"`+filepath.Join(dir, "htpasswd")+`"`,
	)
	if err := os.WriteFile(filepath.Join(dir, "giamsat.conf"), []byte(vhost), 0o644); err != nil {
		t.Fatal(err)
	}
	var main strings.Builder
	fmt.Fprintf(&main, "ServerRoot %q\nListen 127.0.0.1:%d\nServerName localhost\nPidFile %q\nErrorLog %q\nDefaultRuntimeDir %q\nLogLevel warn\n",
		dir, port, filepath.Join(dir, "httpd.pid"), filepath.Join(dir, "error.log"), dir)
	for _, m := range []string{"mpm_prefork", "authz_core", "authz_host", "authz_user", "authn_core", "authn_file", "auth_basic", "headers", "mime", "dir", "alias"} {
		fmt.Fprintf(&main, "LoadModule %s_module %s/mod_%s.so\n", m, modules, m)
	}
	if _, err := os.Stat("/etc/mime.types"); err == nil {
		main.WriteString("TypesConfig /etc/mime.types\n")
	}
	// As root, Apache serves as an unprivileged user; the site folder is
	// readable by all (see site).
	if os.Geteuid() == 0 {
		for _, name := range []string{"www-data", "apache", "daemon"} {
			if u, err := user.Lookup(name); err == nil {
				g, _ := user.LookupGroupId(u.Gid)
				fmt.Fprintf(&main, "User %s\nGroup %s\n", u.Username, g.Name)
				break
			}
		}
	}
	fmt.Fprintf(&main, "Include %q\n", filepath.Join(dir, "giamsat.conf"))
	conf := filepath.Join(dir, "httpd.conf")
	if err := os.WriteFile(conf, []byte(main.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(httpd, "-t", "-f", conf).CombinedOutput(); err != nil {
		t.Fatalf("%s -t: %v\n%s", httpd, err, out)
	}
	start(t, port, filepath.Join(dir, "error.log"), httpd, "-X", "-f", conf)
	checkServer(t, fmt.Sprintf("http://127.0.0.1:%d", port), public)
}
