package acceptance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"giamsat/internal/vntext"
)

// TestEveryPage checks, on the example site and every sample, that every
// page the site must have is there, that every HTML file parses with its
// tags balanced, and that every link and asset it names is a file of the
// output reached by a relative path: nothing leaves the site.
func TestEveryPage(t *testing.T) {
	for _, s := range allSites(t) {
		t.Run(s.name, func(t *testing.T) {
			have := make(map[string]bool)
			for _, f := range files(t, s.out) {
				have[f] = true
			}
			for _, want := range expectedFiles(t, s) {
				if !have[want] {
					t.Errorf("missing %s", want)
				}
			}
			var head struct{ Title, Organization string }
			if err := yaml.Unmarshal(read(t, filepath.Join(s.src, "site.yaml")), &head); err != nil {
				t.Fatal(err)
			}
			pages, echarts := 0, 0
			for f := range have {
				if path.Base(f) == "echarts.min.js" {
					echarts++
				}
				switch path.Ext(f) {
				case ".html":
					pages++
					checkPage(t, s.out, f)
					checkShell(t, s.out, f, head.Title, head.Organization)
				case ".css":
					checkCSS(t, s.out, f)
				case ".js":
					checkScript(t, s.out, f)
				}
			}
			if pages < 10 {
				t.Errorf("only %d pages", pages)
			}
			if echarts != 1 {
				t.Errorf("%d copies of ECharts, want one that every page shares", echarts)
			}
		})
	}
}

// asciiPage is a page path as the contract has it: ASCII slugs, pretty
// URLs (a folder with its index.html), or a file at the root.
var asciiPage = regexp.MustCompile(`^(?:[A-Za-z0-9-]+/)*index\.html$|^404\.html$`)

// checkShell: every page has a pretty ASCII path, the navigation bar, and
// the site's title and organisation from site.yaml.
func checkShell(t *testing.T, out, rel, title, org string) {
	if !asciiPage.MatchString(rel) {
		t.Errorf("%s: not an ASCII pretty URL", rel)
	}
	doc := parse(t, read(t, filepath.Join(out, rel)))
	if first(doc, class("site-nav")) == nil {
		t.Errorf("%s: no navigation bar", rel)
	}
	if got := text(first(doc, class("site-title"))); got != title {
		t.Errorf("%s: site title %q, site.yaml says %q", rel, got, title)
	}
	if got := text(first(doc, class("site-org"))); got != org {
		t.Errorf("%s: organisation %q, site.yaml says %q", rel, got, org)
	}
}

// expectedFiles lists what the site must publish, worked out from its
// site.yaml, its content folder and its CSV downloads.
func expectedFiles(t *testing.T, s site) []string {
	cfg := readConfig(t, s.src)
	want := []string{
		"index.html", "404.html", "downloads/index.html", "reports/index.html", "cases/index.html",
		"directives/index.html",
		"data/cases.csv", "data/districts.csv", "data/monthly.csv", "data/reports.csv",
		"assets/css/site.css", "assets/js/site.js",
		"assets/vendor/echarts-5.6.0/echarts.min.js", "assets/vendor/echarts-5.6.0/LICENSE",
	}
	for _, d := range cfg.Districts {
		name := d.Short
		if name == "" {
			name = d.Name
		}
		dir := "districts/" + vntext.Slug(name)
		want = append(want, dir+"/index.html", dir+"/cases/index.html")
	}
	for _, c := range cfg.Categories {
		want = append(want, "categories/"+c.Key+"/index.html")
	}
	// A report for every month with a case or a report owed, and for its
	// quarter and year.
	periods := make(map[string]bool)
	addMonth := func(m string) {
		var y, n int
		if _, err := fmt.Sscanf(m, "%d-%d", &y, &n); err != nil {
			t.Fatalf("bad month %q", m)
		}
		periods[m] = true
		periods[fmt.Sprintf("%d-Q%d", y, (n+2)/3)] = true
		periods[fmt.Sprint(y)] = true
	}
	for _, r := range readCSV(t, filepath.Join(s.out, "data/monthly.csv")) {
		addMonth(r["month"])
	}
	for _, r := range readCSV(t, filepath.Join(s.out, "data/reports.csv")) {
		addMonth(r["period"])
	}
	for p := range periods {
		want = append(want, "reports/"+p+"/index.html")
	}
	docs, _ := filepath.Glob(filepath.Join(s.src, "content", "directives", "*.md"))
	for _, d := range docs {
		if base := filepath.Base(d); base != "_index.md" && !hasSlug(t, d) {
			want = append(want, "directives/"+strings.TrimSuffix(base, ".md")+"/index.html")
		}
	}
	return want
}

// hasSlug reports whether a directive names its own slug in its front
// matter (its page is then not at its file name).
func hasSlug(t *testing.T, file string) bool {
	front, _, _ := strings.Cut(strings.TrimPrefix(string(read(t, file)), "---\n"), "\n---")
	return regexp.MustCompile(`(?m)^slug:`).MatchString(front)
}

// voidElements have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// urlAttrs are the attributes whose value a browser loads or follows.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "poster": true,
	"srcset": true, "data": true, "cite": true, "background": true, "xlink:href": true, "manifest": true}

// checkPage reads one page token by token: its tags balance; it has the
// CSP; no attribute is an event handler or an inline style (the CSP
// would block either); every script is the site's own file or a JSON data
// block that parses; every link and asset stays inside the site.
func checkPage(t *testing.T, out, rel string) {
	b := read(t, filepath.Join(out, rel))
	z := html.NewTokenizer(bytes.NewReader(b))
	var stack []string
	ids := make(map[string]bool)
	var links []string
	csp, jsonBlock := false, false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if tt == html.StartTagToken && !voidElements[tok.Data] {
				stack = append(stack, tok.Data)
			}
			attrs := make(map[string]string)
			for _, a := range tok.Attr {
				attrs[a.Key] = a.Val
				switch {
				case strings.HasPrefix(a.Key, "on"):
					t.Errorf("%s: event handler %s=%q on <%s>", rel, a.Key, a.Val, tok.Data)
				case a.Key == "style":
					t.Errorf("%s: inline style on <%s>, which the CSP blocks", rel, tok.Data)
				case a.Key == "id":
					if ids[a.Val] {
						t.Errorf("%s: id %q twice", rel, a.Val)
					}
					ids[a.Val] = true
				case urlAttrs[a.Key]:
					links = append(links, a.Val)
				}
			}
			switch tok.Data {
			case "script":
				jsonBlock = attrs["type"] == "application/json"
				if _, ok := attrs["src"]; !ok && !jsonBlock {
					t.Errorf("%s: inline script", rel)
				}
			case "style":
				t.Errorf("%s: <style> element, which the CSP blocks", rel)
			case "meta":
				if strings.EqualFold(attrs["http-equiv"], "Content-Security-Policy") {
					csp = strings.Contains(attrs["content"], "script-src 'self'") && !strings.Contains(attrs["content"], "unsafe-inline")
				}
				if strings.EqualFold(attrs["http-equiv"], "refresh") {
					t.Errorf("%s: meta refresh", rel)
				}
			case "base":
				t.Errorf("%s: <base> changes where relative links lead", rel)
			}
		case html.EndTagToken:
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				t.Errorf("%s: </%s> does not close the open %v", rel, tok.Data, stack)
				return
			}
			stack = stack[:len(stack)-1]
			jsonBlock = false
		case html.TextToken:
			if jsonBlock && !json.Valid([]byte(tok.Data)) {
				t.Errorf("%s: a JSON data block does not parse", rel)
			}
			if jsonBlock && strings.Contains(tok.Data, "://") {
				t.Errorf("%s: a JSON data block holds a URL", rel)
			}
		}
	}
	if len(stack) > 0 {
		t.Errorf("%s: unclosed %v", rel, stack)
	}
	if !csp {
		t.Errorf("%s: no Content-Security-Policy allowing only the site's own scripts", rel)
	}
	for _, l := range links {
		checkLink(t, out, rel, l, ids)
	}
}

// checkLink follows one link of page rel: relative, naming a file of the
// output (a folder link must name its index.html, so that the site works
// from disk), or a fragment of the page itself.
func checkLink(t *testing.T, out, rel, href string, ids map[string]bool) {
	u, err := url.Parse(href)
	switch {
	case err != nil:
		t.Errorf("%s: link %q does not parse", rel, href)
		return
	case u.Scheme != "" || u.Host != "" || strings.HasPrefix(href, "/") || strings.HasPrefix(href, `\`):
		t.Errorf("%s: link %q leaves the site", rel, href)
		return
	case u.Path == "":
		if u.Fragment != "" && !ids[u.Fragment] {
			t.Errorf("%s: link %q: no such id in the page", rel, href)
		}
		return
	}
	target := path.Join(path.Dir(rel), u.Path)
	if target == ".." || strings.HasPrefix(target, "../") {
		t.Errorf("%s: link %q leaves the output folder", rel, href)
		return
	}
	st, err := os.Stat(filepath.Join(out, filepath.FromSlash(target)))
	switch {
	case err != nil:
		t.Errorf("%s: link %q names no file of the output", rel, href)
	case st.IsDir():
		t.Errorf("%s: link %q names a folder; from disk it would list the folder: name index.html", rel, href)
	}
}

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]*)`)

// checkCSS: a stylesheet loads nothing from outside the site.
func checkCSS(t *testing.T, out, rel string) {
	b := string(read(t, filepath.Join(out, rel)))
	if strings.Contains(b, "@import") {
		t.Errorf("%s: @import", rel)
	}
	for _, m := range cssURL.FindAllStringSubmatch(b, -1) {
		if u := m[1]; strings.Contains(u, "//") || strings.HasPrefix(u, "/") {
			t.Errorf("%s: url(%s) leaves the site", rel, u)
		}
	}
}

// checkScript: the site's own scripts name no address outside the site.
// The vendored ECharts is left out: its URLs are XML namespaces, never
// fetched.
func checkScript(t *testing.T, out, rel string) {
	if strings.HasPrefix(rel, "assets/vendor/") {
		return
	}
	b := string(read(t, filepath.Join(out, rel)))
	if loc := webAddress.FindStringIndex(b); loc != nil {
		t.Errorf("%s: an address: %q", rel, b[loc[0]:min(len(b), loc[1]+30)])
	}
}

var webAddress = regexp.MustCompile(`(?i)\b(?:https?|wss?|ftp)://`)
