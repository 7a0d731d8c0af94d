package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tree maps every path under root, folders and links included, to what
// it is: a file's hash, a link's target, "dir" or the kind of a special
// file. Links are never followed and special files never opened.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	m := make(map[string]string)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			m[rel] = "dir"
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			m[rel] = "link " + target
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			m[rel] = hex.EncodeToString(sum[:])
		default:
			m[rel] = d.Type().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// hostileRoot lays out, in a fresh folder, the fixture site at site/ with
// a directive that has an attachment, and beside it outside/ holding
// files no build may read or touch.
func hostileRoot(t *testing.T) (root, src string) {
	t.Helper()
	root = t.TempDir()
	src = filepath.Join(root, "site")
	if err := os.CopyFS(src, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	for rel, text := range map[string]string{
		"outside/secret.yaml":                        "export:\n  unit: Bí mật\n  exported_at: 2022-06-10\ncases: []\n",
		"outside/secret.pdf":                         "secret",
		"outside/page.md":                            "---\ntitle: Bí mật\n---\nbí mật\n",
		"site/content/directives/cv-1.md":            directiveText(""),
		"site/content/directives/files/cv-1.pdf":     "%PDF-1.4 cv-1",
		"site/content/huong-dan/quy-trinh/_index.md": "---\ntitle: Quy trình\n---\nNội dung.\n",
	} {
		writeText(t, filepath.Join(root, filepath.FromSlash(rel)), text)
	}
	return root, src
}

// directiveText is a valid directive whose front matter ends with extra.
func directiveText(extra string) string {
	return "---\nkind: Công văn\nnumber: 1/STTTT\nissuer: Sở Thông tin và Truyền thông\nissued_on: 2022-04-05\n" +
		"subject: Thử\nattachments: [files/cv-1.pdf]\n" + extra + "---\nNội dung.\n"
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Skip("no symbolic links here:", err)
	}
}

// pathCase is a hostile change to a site and the diagnostic it must get.
type pathCase struct {
	name  string
	setup func(t *testing.T, root, src string)
	file  string // where the diagnostic must be; "" for none at all
	want  string // in its English message
}

// TestPathsLeavingTheirFolder: every way an input can name a place outside
// its folder is an error at the place, and a build refused for it changes
// nothing anywhere around the site.
func TestPathsLeavingTheirFolder(t *testing.T) {
	tests := []pathCase{
		{"data link to a file outside", func(t *testing.T, root, src string) {
			symlink(t, "../../../outside/secret.yaml", filepath.Join(src, "data/2022/05/secret.yaml"))
		}, "data/2022/05/secret.yaml", "symbolic link to somewhere outside data/"},
		{"data link by absolute path", func(t *testing.T, root, src string) {
			symlink(t, filepath.Join(root, "outside/secret.yaml"), filepath.Join(src, "data/abs.yaml"))
		}, "data/abs.yaml", "symbolic link to somewhere outside data/"},
		{"data link to nothing", func(t *testing.T, root, src string) {
			symlink(t, "gone.yaml", filepath.Join(src, "data/dangling.yaml"))
		}, "data/dangling.yaml", "symbolic link to somewhere outside data/ (or to nothing)"},
		{"data link to a device", func(t *testing.T, root, src string) {
			symlink(t, "/dev/zero", filepath.Join(src, "data/zero.yaml"))
		}, "data/zero.yaml", "outside data/"},
		{"data link to a folder outside", func(t *testing.T, root, src string) {
			writeText(t, filepath.Join(root, "outside/2023/ben-luc.yaml"), "export: {}\n")
			symlink(t, "../../outside/2023", filepath.Join(src, "data/2023"))
		}, "data/2023", "symbolic link to somewhere outside data/"},
		{"data link to a folder inside", func(t *testing.T, root, src string) {
			symlink(t, "2022", filepath.Join(src, "data/cu"))
		}, "data/cu", "does not read through folder links"},
		{"data folder named like an export", func(t *testing.T, root, src string) {
			writeText(t, filepath.Join(src, "data/x.yaml/a.txt"), "x")
		}, "", ""},
		{"content page link outside", func(t *testing.T, root, src string) {
			symlink(t, "../../outside/page.md", filepath.Join(src, "content/bi-mat.md"))
		}, "content/bi-mat.md", "symbolic link to somewhere outside content/"},
		{"attachment climbing out", func(t *testing.T, root, src string) {
			writeText(t, filepath.Join(src, "content/directives/cv-1.md"), directiveText("")[:strings.Index(directiveText(""), "attachments")]+"attachments: [../../../outside/secret.pdf]\n---\n")
		}, "content/directives/cv-1.md", "leaves the directive's folder"},
		{"attachment climbing out through a folder", func(t *testing.T, root, src string) {
			writeText(t, filepath.Join(src, "content/directives/cv-1.md"), directiveText("")[:strings.Index(directiveText(""), "attachments")]+"attachments: [files/../../../../outside/secret.pdf]\n---\n")
		}, "content/directives/cv-1.md", "leaves the directive's folder"},
		{"attachment by absolute path", func(t *testing.T, root, src string) {
			writeText(t, filepath.Join(src, "content/directives/cv-1.md"), directiveText("")[:strings.Index(directiveText(""), "attachments")]+"attachments: ["+filepath.ToSlash(filepath.Join(root, "outside/secret.pdf"))+"]\n---\n")
		}, "content/directives/cv-1.md", "absolute path"},
		{"attachment with backslashes", func(t *testing.T, root, src string) {
			writeText(t, filepath.Join(src, "content/directives/cv-1.md"), directiveText("")[:strings.Index(directiveText(""), "attachments")]+`attachments: ['..\..\..\outside\secret.pdf']`+"\n---\n")
		}, "content/directives/cv-1.md", `uses \`},
		{"attachment link outside", func(t *testing.T, root, src string) {
			symlink(t, "../../../../outside/secret.pdf", filepath.Join(src, "content/directives/files/link.pdf"))
			writeText(t, filepath.Join(src, "content/directives/cv-1.md"), directiveText("")[:strings.Index(directiveText(""), "attachments")]+"attachments: [files/link.pdf]\n---\n")
		}, "content/directives/cv-1.md", "symbolic link to somewhere outside content/"},
		{"attachment through a linked folder", func(t *testing.T, root, src string) {
			symlink(t, "../../../../outside", filepath.Join(src, "content/directives/files/out"))
			writeText(t, filepath.Join(src, "content/directives/cv-1.md"), directiveText("")[:strings.Index(directiveText(""), "attachments")]+"attachments: [files/out/secret.pdf]\n---\n")
		}, "content/directives/cv-1.md", "symbolic link to somewhere outside content/"},
		{"directive slug climbing out", func(t *testing.T, root, src string) {
			writeText(t, filepath.Join(src, "content/directives/cv-1.md"), directiveText("slug: ../../../outside/x\n"))
		}, "content/directives/cv-1.md", "is not valid"},
		{"page slug climbing out", func(t *testing.T, root, src string) {
			writeText(t, filepath.Join(src, "content/huong-dan/quy-trinh/_index.md"), "---\ntitle: x\nslug: ../../x\n---\n")
		}, "content/huong-dan/quy-trinh/_index.md", "is not valid"},
		{"page folder not a slug", func(t *testing.T, root, src string) {
			writeText(t, filepath.Join(src, "content/Thư mục/b.md"), "---\ntitle: x\n---\n")
		}, "content/Thư mục/b.md", "cannot be part of a page address"},
		{"page over the dashboard", func(t *testing.T, root, src string) {
			writeText(t, filepath.Join(src, "content/assets/js/site.md"), "---\ntitle: x\n---\n")
		}, "content/assets/js/site.md", "where the dashboard writes its own pages"},
		{"case id climbing out", func(t *testing.T, root, src string) {
			replaceIn(t, filepath.Join(src, "data/2022/04/ben-luc.yaml"), "id: BL-2022-0001", "id: ../../../outside/x")
		}, "data/2022/04/ben-luc.yaml", "a case id holds"},
		{"case id of dots", func(t *testing.T, root, src string) {
			replaceIn(t, filepath.Join(src, "data/2022/04/ben-luc.yaml"), "id: BL-2022-0001", "id: ..")
		}, "data/2022/04/ben-luc.yaml", "a case id holds"},
		{"basis climbing out", func(t *testing.T, root, src string) {
			replaceIn(t, filepath.Join(src, "data/2022/04/ben-luc.yaml"), "status: requested", "status: requested\n    basis: [../cv-1]")
		}, "data/2022/04/ben-luc.yaml", "basis lists the slugs"},
		{"theme climbing out", func(t *testing.T, root, src string) {
			replaceIn(t, filepath.Join(src, "site.yaml"), "language: vi", "language: vi\ntheme: ../../outside")
		}, "site.yaml", "theme is the name of a folder"},
		{"category key climbing out", func(t *testing.T, root, src string) {
			replaceIn(t, filepath.Join(src, "site.yaml"), "key: child-privacy", "key: ../../outside")
		}, "site.yaml", ""},
		{"platform key climbing out", func(t *testing.T, root, src string) {
			replaceIn(t, filepath.Join(src, "site.yaml"), "key: tiktok", "key: /etc")
		}, "site.yaml", ""},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests, pathCase{"data named pipe", func(t *testing.T, root, src string) {
			if err := syscall.Mkfifo(filepath.Join(src, "data/pipe.yaml"), 0o644); err != nil {
				t.Skip("no named pipes:", err)
			}
		}, "data/pipe.yaml", "not a regular file"}, pathCase{"content named pipe", func(t *testing.T, root, src string) {
			if err := syscall.Mkfifo(filepath.Join(src, "content/pipe.md"), 0o644); err != nil {
				t.Skip("no named pipes:", err)
			}
		}, "content/pipe.md", "not a regular file"}, pathCase{"site.yaml named pipe", func(t *testing.T, root, src string) {
			os.Remove(filepath.Join(src, "site.yaml"))
			if err := syscall.Mkfifo(filepath.Join(src, "site.yaml"), 0o644); err != nil {
				t.Skip("no named pipes:", err)
			}
		}, "site.yaml", "not a regular file"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, src := hostileRoot(t)
			out := filepath.Join(root, "public")
			tt.setup(t, root, src)
			before := tree(t, root)
			done := make(chan struct{})
			var diags []string
			var err error
			go func() {
				defer close(done)
				_, ds, e := Run(context.Background(), Options{Source: src, Out: out})
				err = e
				for _, d := range ds {
					diags = append(diags, d.Text("en"))
				}
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("the build hangs")
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.file == "" {
				// Not an export at all: skipped, and the build succeeds.
				if len(diags) > 0 {
					t.Fatalf("diagnostics: %q", diags)
				}
				return
			}
			if !slices.ContainsFunc(diags, func(d string) bool {
				return strings.HasPrefix(d, tt.file+":") && strings.Contains(d, tt.want)
			}) {
				t.Fatalf("want a diagnostic in %s saying %q, got %q", tt.file, tt.want, diags)
			}
			if after := tree(t, root); !maps.Equal(before, after) {
				t.Errorf("a refused build changed the folders around it:\n%s", diffTrees(before, after))
			}
		})
	}
}

// TestNothingWrittenOutsideOut builds a site whose content is full of
// legitimate but unusual paths (links inside content/, nested pages,
// attachments in subfolders) and checks that every path the build created
// or changed is inside the output folder, apart from the lock file and
// the marker publish keeps beside it. An output folder that is a link is
// refused, and nothing changes.
func TestNothingWrittenOutsideOut(t *testing.T) {
	root, src := hostileRoot(t)
	writeText(t, filepath.Join(src, "content/directives/files/sub/ke-hoach.pdf"), "%PDF-1.4 sub")
	symlink(t, "cv-1.pdf", filepath.Join(src, "content/directives/files/alias.pdf"))
	writeText(t, filepath.Join(src, "content/directives/cv-1.md"), directiveText("")[:strings.Index(directiveText(""), "attachments")]+"attachments: [files/cv-1.pdf, ./files/sub/ke-hoach.pdf, files/alias.pdf]\n---\n")
	symlink(t, "huong-dan/quy-trinh/_index.md", filepath.Join(src, "content/lien-ket.md"))
	writeText(t, filepath.Join(root, "real-public", "old.html"), "old")
	symlink(t, "real-public", filepath.Join(root, "linked"))
	before := tree(t, root)
	_, _, err := Run(context.Background(), Options{Source: src, Out: filepath.Join(root, "linked")})
	if _, ok := errors.AsType[*UsageError](err); !ok || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("an output folder that is a link: %v, want it refused", err)
	}
	if after := tree(t, root); !maps.Equal(before, after) {
		t.Errorf("a refused build changed the folders around it:\n%s", diffTrees(before, after))
	}
	for _, out := range []string{filepath.Join(root, "deep", "er", "public")} {
		before := tree(t, root)
		_, diags, err := Run(context.Background(), Options{Source: src, Out: out})
		if err != nil || len(diags) > 0 {
			t.Fatalf("Run: %v\n%s", err, diags.Text("en"))
		}
		after := tree(t, root)
		outRel, _ := filepath.Rel(root, out)
		outRel = filepath.ToSlash(outRel)
		beside := filepath.ToSlash(filepath.Join(filepath.Dir(outRel), "."+filepath.Base(outRel)))
		for p, v := range after {
			if before[p] == v || p == outRel || strings.HasPrefix(p, outRel+"/") || p == beside+".lock" || p == beside+".giamsat" {
				continue
			}
			if v == "dir" && strings.HasPrefix(outRel, p+"/") {
				continue // the output folder's parents
			}
			t.Errorf("%s: the build wrote %s, outside %s", out, p, outRel)
		}
		for p := range before {
			if _, ok := after[p]; !ok && p != outRel && !strings.HasPrefix(p, outRel+"/") {
				t.Errorf("%s: the build removed %s, outside %s", out, p, outRel)
			}
		}
		for p, v := range after {
			if strings.HasPrefix(p, outRel+"/") && strings.HasPrefix(v, "link ") {
				t.Errorf("the site holds a link %s → %s", p, strings.TrimPrefix(v, "link "))
			}
		}
		for _, want := range []string{"directives/cv-1/files/sub/ke-hoach.pdf", "directives/cv-1/files/alias.pdf", "lien-ket/index.html"} {
			if _, ok := after[outRel+"/"+want]; !ok {
				t.Errorf("%s not published", want)
			}
		}
	}
}

func writeText(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func replaceIn(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s holds no %q", name, old)
	}
	writeText(t, name, strings.Replace(string(data), old, new, 1))
}

func diffTrees(a, b map[string]string) string {
	var lines []string
	for p, v := range b {
		if a[p] != v {
			lines = append(lines, "+ "+p+" "+v)
		}
	}
	for p := range a {
		if _, ok := b[p]; !ok {
			lines = append(lines, "- "+p)
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
