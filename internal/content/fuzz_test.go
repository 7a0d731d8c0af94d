package content

import (
	"bytes"
	"os"
	"path/filepath"
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
			l.parse(rel, data)
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
