package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"gopkg.in/yaml.v3"

	"giamsat/internal/address"
	"giamsat/internal/diag"
	"giamsat/internal/plainfile"
	"giamsat/internal/privacy"
	"giamsat/internal/site"
	"giamsat/internal/strictyaml"
	"giamsat/internal/vntext"
)

// Front matter fields, in the order the README documents them.
var (
	directiveFields = []string{"kind", "number", "title", "parent_issuer", "issuer", "issued_on", "place",
		"subject", "urgency", "internal", "recipients", "signer", "cc", "implements", "categories",
		"attachments", "slug"}
	pageFields   = []string{"title", "menu", "weight", "slug"}
	signerFields = []string{"authority", "title", "name"}
)

// urgencies are the marks Decree 30/2020 allows on an urgent document.
var urgencies = []string{"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Load reads every dir/content/**/*.md. Files and folders whose name starts
// with a dot are skipped. A missing content/ folder is an empty set. The
// diagnostics are every problem found; the set is only to be used when
// there are none.
func Load(dir string, cfg *site.Config) (*Set, diag.List) {
	return load(dir, cfg, runtime.GOMAXPROCS(0))
}

// load is Load on the given number of workers. Reading, front matter and
// Markdown run on all of them, file by file; what links documents to
// each other (slugs, output paths, implements) follows in walk order, so
// the set and the diagnostics do not depend on the number.
func load(dir string, cfg *site.Config, workers int) (*Set, diag.List) {
	l := &loader{
		dir:   dir,
		root:  filepath.Join(dir, "content"),
		md:    newMarkdown(),
		set:   &Set{bySlug: map[string]*Directive{}},
		pages: map[string]*Page{},
	}
	if cfg != nil {
		l.set.categories = cfg.Categories
	}
	files, err := l.walk()
	if err != nil {
		l.diags = append(l.diags, diag.At("content", 0, 0,
			fmt.Sprintf("không đọc được thư mục content/: %v; hãy kiểm tra quyền đọc", err),
			fmt.Sprintf("cannot read the content/ folder: %v; check that it can be read", err)))
	}
	read := make([]readFile, len(files))
	jobs := make([]func() error, len(files))
	for i, f := range files {
		jobs[i] = func() error {
			read[i] = l.read(f)
			return nil
		}
	}
	runJobs(jobs, workers)
	for i, r := range read {
		l.add(files[i].rel, r)
	}
	l.link()
	l.diags.Sort()
	return l.set, slices.Compact(l.diags)
}

type loader struct {
	dir, root string
	realRoot  string // root with symlinks resolved, for the inside-content/ check
	md        goldmark.Markdown
	set       *Set
	pages     map[string]*Page // by output path
	refs      []ref
	diags     diag.List
}

// ref is an implements entry, checked once every directive is known.
type ref struct {
	from      *Directive
	slug      string
	line, col int
}

// docFile is a document found by walk: its path and its path under
// content/ with forward slashes.
// docFile is a document found by the walk. The walk does not follow
// links to folders, so a file that is not itself a link lies in content/.
type docFile struct {
	path, rel string
	link      bool // a symbolic link, to be resolved and checked
	regular   bool // a regular file (for a link: not known yet)
}

// walk lists the documents, in lexical order.
func (l *loader) walk() ([]docFile, error) {
	if _, err := os.Stat(l.root); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	real, err := filepath.EvalSymlinks(l.root)
	if err != nil {
		return nil, err
	}
	if l.realRoot, err = filepath.Abs(real); err != nil {
		return nil, err
	}
	l.set.root = l.realRoot
	var files []docFile
	err = filepath.WalkDir(l.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != l.root {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		rel, err := filepath.Rel(l.root, p)
		if err != nil {
			return err
		}
		link := d.Type()&fs.ModeSymlink != 0
		files = append(files, docFile{p, filepath.ToSlash(rel), link, d.Type().IsRegular()})
		return nil
	})
	return files, err
}

// readFile is one document read, split and converted, with the problems
// found so far.
type readFile struct {
	doc   *document
	diags diag.List
}

// read reads the document at p, content/rel. It runs on many goroutines
// at once: it only reads the loader's settings and the shared converter
// (goldmark's parsers and renderers keep their state in the context of
// each conversion).
func (l *loader) read(f docFile) readFile {
	p, rel := f.path, f.rel
	name := "content/" + rel
	one := func(vi, en string) readFile { return readFile{diags: diag.List{diag.At(name, 0, 0, vi, en)}} }
	if f.link && !l.inside(p) {
		return one("tệp là liên kết tượng trưng trỏ ra ngoài thư mục content/; hãy chép tệp vào content/",
			"the file is a symbolic link to somewhere outside content/; copy the file into content/")
	}
	// Checked before reading: a huge file would cost its size in memory,
	// and a named pipe would never end. The walk said what a file that is
	// not a link is; a link's target is asked.
	regular := f.regular
	if f.link {
		fi, err := os.Stat(p)
		regular = err != nil || fi.Mode().IsRegular() // reading reports the error
	}
	if !regular {
		return one("đây không phải một tệp thông thường (có thể là ống dẫn hay thiết bị); hãy xóa nó khỏi content/",
			"this is not a regular file (a pipe or a device, perhaps); remove it from content/")
	}
	data, size, err := plainfile.ReadFileMax(p, strictyaml.MaxFileSize)
	if err == nil && data == nil && size > strictyaml.MaxFileSize {
		return readFile{diags: diag.List{strictyaml.TooLarge(name, size)}}
	}
	if err != nil {
		return one(fmt.Sprintf("không đọc được tệp: %v", err), fmt.Sprintf("cannot read the file: %v", err))
	}
	return l.decode(rel, data)
}

// decode splits and converts the text of content/rel; like read, it runs
// on many goroutines at once.
func (l *loader) decode(rel string, data []byte) readFile {
	doc, ds := parseFile("content/"+rel, data)
	if doc != nil {
		doc.html, doc.htmlErr = convert(l.md, doc.body)
	}
	return readFile{doc, ds}
}

// add adds what read found in content/rel to the set.
func (l *loader) add(rel string, r readFile) {
	l.diags = append(l.diags, r.diags...)
	doc := r.doc
	if doc == nil {
		return
	}
	switch {
	case rel == "_index.md":
		l.set.intro = l.page(doc, "", "", "")
	case rel == address.Directives+"/_index.md":
		l.set.listIntro = l.page(doc, "", "", "")
	case strings.HasPrefix(rel, address.Directives+"/"):
		folder := filepath.Join(l.root, filepath.FromSlash(path.Dir(rel)))
		l.directive(doc, folder, strings.TrimSuffix(path.Base(rel), ".md"))
	default:
		l.addPage(doc, rel)
	}
}

// inside reports whether p, symlinks resolved, is within content/.
func (l *loader) inside(p string) bool {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return false
	}
	if real, err = filepath.Abs(real); err != nil {
		return false
	}
	r, err := filepath.Rel(l.realRoot, real)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}

// document is a file split into its checked front matter and its body.
type document struct {
	file     string
	fields   map[string]*yaml.Node
	node     *yaml.Node // the front matter mapping; nil when there is none
	body     []byte
	bodyLine int
	html     template.HTML // body converted
	htmlErr  error
}

// parseFile checks the encoding and splits off the front matter. The
// field names are checked later, when the kind of document is known.
func parseFile(file string, data []byte) (*document, diag.List) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, diag.List{diag.At(file, 1, 1,
			"tệp được lưu bằng UTF-16; hãy lưu lại bằng UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8)",
			"the file is saved as UTF-16; save it again as UTF-8 (in the editor: Save with Encoding → UTF-8)")}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		line, col := invalidAt(data)
		return nil, diag.List{diag.At(file, line, col,
			"tệp không phải UTF-8 (có thể là Windows-1258 hoặc TCVN3); hãy lưu lại bằng UTF-8",
			"the file is not UTF-8 (perhaps Windows-1258 or TCVN3); save it again as UTF-8")}
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	doc := &document{file: file, body: data, bodyLine: 1}
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if !isFence(first) {
		return doc, private(file, doc.body, doc.bodyLine)
	}
	// Find the closing fence; line numbers count from the opening one.
	line, off := 2, 0
	for off <= len(rest) {
		next := bytes.IndexByte(rest[off:], '\n')
		end := len(rest)
		if next >= 0 {
			end = off + next
		}
		if isFence(rest[off:end]) {
			// Keys given twice come back with the node: the rest of the
			// file is still checked (Fields reports them again; Load
			// drops the repeat).
			node, ds := strictyaml.DecodeAt(file, rest[:off], 2)
			if node == nil && len(ds) > 0 {
				return nil, ds
			}
			doc.node = node
			doc.body = rest[min(end+1, len(rest)):]
			doc.bodyLine = line + 1
			return doc, append(ds, private(file, doc.body, doc.bodyLine)...)
		}
		if next < 0 {
			break
		}
		off = end + 1
		line++
	}
	return nil, diag.List{diag.At(file, 1, 1,
		"phần thông tin đầu tệp mở bằng --- nhưng không có dòng --- đóng lại; hãy thêm một dòng --- sau phần đó",
		"the front matter opened with --- is never closed; add a line --- after it")}
}

// private reports what in a document's body, which is published, looks
// like personal data, at its line. Character references (&#8203;) are read
// as the browser shows them, so that they cannot split a number unseen.
// Links are allowed: directives cite documents on the web.
func private(file string, body []byte, firstLine int) diag.List {
	var l diag.List
	for i, line := range strings.Split(string(body), "\n") {
		text := html.UnescapeString(line)
		for _, p := range privacy.Scan(text, true) {
			vi, en := p.Describe()
			l = append(l, diag.At(file, firstLine+i, utf8.RuneCountInString(text[:p.Start])+1, vi, en))
		}
	}
	return l
}

func isFence(line []byte) bool { return string(bytes.TrimRight(line, " \t\r")) == "---" }

// invalidAt returns the line and column of the first byte that is not UTF-8.
func invalidAt(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}

// fieldsOf checks the front matter's field names against known.
func (l *loader) fieldsOf(doc *document, known []string) bool {
	if doc.node == nil {
		doc.fields = map[string]*yaml.Node{}
		return true
	}
	fields, ds := strictyaml.Fields(doc.file, doc.node, known)
	l.diags = append(l.diags, ds...)
	if fields == nil {
		return false
	}
	doc.fields = fields
	return true
}

// addPage makes a plain page of content/rel.
func (l *loader) addPage(doc *document, rel string) {
	dir, base := path.Split(strings.TrimSuffix(rel, ".md"))
	if base == "_index" {
		dir, base = path.Split(strings.TrimSuffix(dir, "/"))
	}
	p := l.page(doc, dir, base, rel)
	if p == nil {
		return
	}
	if other, ok := l.pages[p.Path]; ok {
		l.diags = append(l.diags, diag.At(doc.file, 0, 0,
			fmt.Sprintf("trang này và %s cùng ra địa chỉ %s/; hãy đổi tên một tệp hoặc đặt slug khác", other.File, p.Path),
			fmt.Sprintf("this page and %s are both published at %s/; rename one file or give it another slug", other.File, p.Path)))
		return
	}
	l.pages[p.Path] = p
	l.set.pages = append(l.set.pages, p)
}

// page reads a page's front matter and body. dir and base make its output
// path; rel is "" for the introductions, which have no path of their own.
func (l *loader) page(doc *document, dir, base, rel string) *Page {
	if !l.fieldsOf(doc, pageFields) {
		return nil
	}
	p := &Page{File: doc.file}
	n := len(l.diags)
	f := fieldReader{l: l, file: doc.file}
	p.Title = f.str(doc.fields["title"])
	p.Menu = f.boolean(doc.fields["menu"])
	p.Weight = f.integer(doc.fields["weight"])
	if rel != "" {
		if p.Title == "" {
			l.missing(doc, "title", "tiêu đề trang", "the page's title")
		}
		if s := doc.fields["slug"]; s != nil {
			base = f.slug(s)
		} else if !slugPattern.MatchString(base) {
			l.badName(doc.file, base)
		}
		for _, seg := range strings.Split(strings.TrimSuffix(dir, "/"), "/") {
			if seg != "" && !slugPattern.MatchString(seg) {
				l.badName(doc.file, seg)
			}
		}
		p.Path = dir + base
		if first, _, _ := strings.Cut(p.Path, "/"); address.Reserved(first) {
			l.diags = append(l.diags, diag.At(doc.file, 0, 0,
				fmt.Sprintf("trang sẽ ra địa chỉ %s/, trùng với phần trang do bảng số liệu tạo ra; hãy đặt tệp vào thư mục khác", p.Path),
				fmt.Sprintf("the page would be published at %s/, where the dashboard writes its own pages; put the file in another folder", p.Path)))
		}
	}
	body, err := doc.html, doc.htmlErr
	if err != nil {
		l.diags = append(l.diags, diag.At(doc.file, doc.bodyLine, 0,
			fmt.Sprintf("không chuyển được nội dung Markdown: %v", err), fmt.Sprintf("cannot convert the Markdown: %v", err)))
	}
	p.Body = body
	if len(l.diags) > n {
		return nil
	}
	return p
}

func (l *loader) badName(file, name string) {
	want := vntext.Slug(name)
	if want == "" {
		want = "trang"
	}
	l.diags = append(l.diags, diag.At(file, 0, 0,
		fmt.Sprintf("tên %q không dùng được trong địa chỉ trang: chỉ chữ thường không dấu, số và dấu gạch ngang; hãy đổi tên thành %q hoặc đặt slug: trong phần đầu tệp", name, want),
		fmt.Sprintf("the name %q cannot be part of a page address: use lower-case letters without accents, digits and hyphens; rename it %q or set slug: in the front matter", name, want)))
}

// missing reports a required field that is absent or empty.
func (l *loader) missing(doc *document, field, vi, en string) {
	line, col := 1, 1
	if n := doc.fields[field]; n != nil {
		line, col = n.Line, n.Column
	} else if doc.node != nil {
		line, col = doc.node.Line, doc.node.Column
	}
	l.diags = append(l.diags, diag.At(doc.file, line, col,
		fmt.Sprintf("thiếu %s: hãy thêm %s: vào phần thông tin đầu tệp (giữa hai dòng ---)", vi, field),
		fmt.Sprintf("%s is missing: add %s: to the front matter (between the --- lines)", en, field)))
}

// sortDirectives orders newest first; a day's documents by number, then slug.
func sortDirectives(ds []*Directive) {
	slices.SortFunc(ds, func(a, b *Directive) int {
		return cmp.Or(cmp.Compare(b.IssuedOn, a.IssuedOn), strings.Compare(a.Number, b.Number), strings.Compare(a.Slug, b.Slug))
	})
}
