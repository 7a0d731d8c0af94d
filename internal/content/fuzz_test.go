package content

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzFrontMatter(f *testing.F) {
	for _, name := range []string{"cong-van-mau.md", "283-ttra-2022.md"} {
		data, err := os.ReadFile(filepath.Join("testdata/site/content/directives", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "---", "---\n---\n", "---\r\n---\r\nx", "\uFEFF---\nkind: a\n---\n",
		minimal + "---\n", minimal + "signer: x\n---\n", minimal + "signer: {name: [a]}\n---\n",
		minimal + "attachments: [../x, /x, 'a\\b', .]\n---\n", minimal + "implements: [a, a]\n---\n",
		minimal + "categories: {a: b}\n---\n", minimal + "a: &x 1\nb: *x\n---\n",
		"---\n- a\n- b\n---\n", "---\n\"\n---\n", "---\nkind: [\n---\n# x\n",
		"---\ntitle: x\n---\n<script>x</script>[a](javascript:x)\n",
	} {
		f.Add([]byte(s))
	}
	root := f.TempDir()
	cfg := testConfig()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, rel := range []string{"directives/f.md", "f.md"} {
			l := &loader{root: root, realRoot: root, md: newMarkdown(),
				set: &Set{bySlug: map[string]*Directive{}, categories: cfg.Categories}, pages: map[string]*Page{}}
			l.add(rel, l.decode(rel, data))
			l.link()
			lines := bytes.Count(data, []byte("\n")) + 1
			for _, d := range l.diags {
				if d.VI == "" || d.EN == "" || !utf8.ValidString(d.VI) || !utf8.ValidString(d.EN) {
					t.Errorf("bad message %+v", d)
				}
				if d.Line < 0 || d.Line > lines {
					t.Errorf("line %d outside the file's %d lines: %+v", d.Line, lines, d)
				}
			}
			if len(l.diags) > 0 {
				continue
			}
			for _, d := range l.set.directives {
				if !slugPattern.MatchString(d.Slug) || d.Number == "" || d.IssuedOn.IsZero() {
					t.Errorf("accepted an incomplete directive %+v", d)
				}
				if bytes.Contains(bytes.ToLower([]byte(d.Body)), []byte("<script")) {
					t.Errorf("script in body %s", d.Body)
				}
			}
		}
	})
}

// FuzzMarkdown checks that whatever a document says, the HTML has no
// element that runs script and no link or image whose address, as a
// browser reads it, has a scheme other than http, https, mailto or tel.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"[a](javascript:alert(1))", "[a](&#106;avascript:x)", "[a](java&Tab;script:x)", "<javascript:x>",
		"![a](data:image/png;base64,AA==)", "[a][r]\n\n[r]: vbscript:x", "<script>x</script>", "<img src=x onerror=y>",
		"www.example.com/a?b=<c>", "[a](<java\nscript:x>)", "[a](https://x/\"onmouseover=\"y)", "# Nơi nhận\n\n# Nơi nhận",
		"a[^1]\n\n[^1]: [b](javascript:x)", "| a |\n|---|\n| [b](data:x) |", "~~[a](vbscript:x)~~",
	} {
		f.Add(s)
	}
	attr := regexp.MustCompile(`(?i)\s(href|src)="([^"]*)"`)
	tag := regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>`)
	quoted := regexp.MustCompile(`"[^"]*"`)
	name := regexp.MustCompile(`([^\s=]+)=`)
	md := newMarkdown()
	f.Fuzz(func(t *testing.T, src string) {
		out, err := convert(md, []byte(src))
		if err != nil {
			return
		}
		// Text is escaped, so every "<" left in the output opens an
		// element the renderer made.
		for _, m := range tag.FindAllStringSubmatch(string(out), -1) {
			switch strings.ToLower(m[1]) {
			case "script", "iframe", "object", "embed", "svg", "style", "math", "form", "input", "base", "meta", "link":
				t.Errorf("element <%s> in the output of %q", m[1], src)
			}
			for _, a := range name.FindAllStringSubmatch(quoted.ReplaceAllString(m[2], ""), -1) {
				if n := strings.ToLower(a[1]); strings.HasPrefix(n, "on") || n == "style" || n == "srcdoc" || n == "formaction" {
					t.Errorf("attribute %s in the output of %q", a[1], src)
				}
			}
		}
		for _, m := range attr.FindAllStringSubmatch(string(out), -1) {
			switch s := browserScheme(html.UnescapeString(m[2])); s {
			case "", "http", "https", "mailto", "tel":
			default:
				t.Errorf("%s=%q has the scheme %q, from %q", m[1], m[2], s, src)
			}
		}
	})
}

// browserScheme reads an address's scheme the way the URL standard does:
// leading and trailing spaces and controls, and tabs and newlines
// anywhere, are dropped first. "" when it has none (a relative address).
func browserScheme(u string) string {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	m := regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*):`).FindStringSubmatch(u)
	if m == nil {
		return ""
	}
	return strings.ToLower(m[1])
}
