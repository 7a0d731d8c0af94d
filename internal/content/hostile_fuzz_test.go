package content

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzAttachments writes any text as a directive's attachment path, in a
// folder that holds real files, a subfolder and symbolic links to a file
// and a folder outside content/, and checks that whatever is accepted is
// a file inside content/ that will be written inside the directive's own
// output folder.
func FuzzAttachments(f *testing.F) {
	for _, s := range []string{
		"files/a.pdf", "./files/a.pdf", "files//a.pdf", "files/../files/a.pdf", "../secret.txt",
		"../../outside/secret.txt", "/etc/passwd", "C:/x.pdf", `files\a.pdf`, "link.txt", "dirlink/secret.txt",
		"files", ".", "", "index.html", "files/../../directives/files/a.pdf", "%2e%2e/secret.txt",
		"files/a.pdf\x00", "~/x", "files/a.pdf/", "javascript:alert(1)",
	} {
		f.Add(s)
	}
	site := f.TempDir()
	mkfile := func(rel string) {
		p := filepath.Join(site, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(rel), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	mkfile("content/directives/files/a.pdf")
	mkfile("content/secret.txt")
	mkfile("outside/secret.txt")
	dir := filepath.Join(site, "content", "directives")
	for link, target := range map[string]string{"link.txt": "../../outside/secret.txt", "dirlink": "../../outside"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			f.Skip("no symbolic links here:", err)
		}
	}
	root := filepath.Join(site, "content")
	cfg := testConfig()
	f.Fuzz(func(t *testing.T, p string) {
		q, err := json.Marshal(p)
		if err != nil {
			return
		}
		data := minimal + "attachments: [" + string(q) + "]\n---\n"
		l := &loader{root: root, realRoot: root, md: newMarkdown(),
			set: &Set{bySlug: map[string]*Directive{}, categories: cfg.Categories}, pages: map[string]*Page{}}
		l.add("directives/f.md", l.decode("directives/f.md", []byte(data)))
		for _, d := range l.set.directives {
			for _, a := range d.Attachments {
				if a.Path != path.Clean(a.Path) || path.IsAbs(a.Path) || strings.HasPrefix(a.Path, "..") || strings.Contains(a.Path, `\`) {
					t.Fatalf("%q accepted as %q", p, a.Path)
				}
				if !filepath.IsLocal(a.Src) {
					t.Fatalf("%q reads %s, outside content/", p, a.Src)
				}
				out := filepath.Join("/out/directives", d.Slug)
				if dst := filepath.Join(out, filepath.FromSlash(a.Path)); !strings.HasPrefix(dst, out+string(filepath.Separator)) {
					t.Fatalf("%q would be written to %s", p, dst)
				}
			}
		}
	})
}
