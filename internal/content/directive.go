package content

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"giamsat/internal/address"
	"giamsat/internal/diag"
	"giamsat/internal/export"
	"giamsat/internal/site"
	"giamsat/internal/strictyaml"
	"giamsat/internal/vntext"
)

// directive reads a document under content/directives/; folder is where its
// attachments are looked up, name its file name without .md.
func (l *loader) directive(doc *document, folder, name string) {
	if !l.fieldsOf(doc, directiveFields) {
		return
	}
	n := len(l.diags)
	f := fieldReader{l: l, file: doc.file}
	fs := doc.fields
	d := &Directive{
		File:         doc.file,
		Kind:         f.str(fs["kind"]),
		Number:       f.str(fs["number"]),
		Title:        f.str(fs["title"]),
		ParentIssuer: f.str(fs["parent_issuer"]),
		Issuer:       f.str(fs["issuer"]),
		IssuedOn:     f.date(fs["issued_on"]),
		Place:        f.str(fs["place"]),
		Subject:      f.str(fs["subject"]),
		Internal:     f.boolean(fs["internal"]),
	}
	for _, req := range []struct{ field, value, vi, en string }{
		{"kind", d.Kind, "loại văn bản (kind, ví dụ Công văn)", "the document type (kind, e.g. Công văn)"},
		{"number", d.Number, "số và ký hiệu (number, ví dụ 283/TTra-BC&TTTTM)", "the number and symbol (number, e.g. 283/TTra-BC&TTTTM)"},
		{"issuer", d.Issuer, "cơ quan ban hành (issuer)", "the issuing body (issuer)"},
		{"subject", d.Subject, "trích yếu (subject, phần sau V/v)", "the subject (subject, the line after V/v)"},
	} {
		if req.value == "" {
			l.missing(doc, req.field, req.vi, req.en)
		}
	}
	// A date written wrongly was reported where it stands; only an absent
	// or empty one is missing.
	if n := fs["issued_on"]; strictyaml.IsNull(n) || n.Kind == yaml.ScalarNode && strings.TrimSpace(n.Value) == "" {
		l.missing(doc, "issued_on", "ngày ban hành (issued_on)", "the date of issue (issued_on)")
	}
	if d.Title == "" {
		d.Title = strings.TrimSpace(d.Kind + " " + d.Number)
	}
	if u := fs["urgency"]; u != nil {
		d.Urgency = l.urgency(f, u)
	}
	d.Recipients, _ = f.list(fs["recipients"])
	d.CC, _ = f.list(fs["cc"])
	if s := fs["signer"]; s != nil {
		d.Signer = l.signer(doc, s)
	}
	d.Categories = l.categories(f, fs["categories"])
	implements, nodes := f.list(fs["implements"])
	for i, slug := range implements {
		l.refs = append(l.refs, ref{from: d, slug: slug, line: nodes[i].Line, col: nodes[i].Column})
	}
	d.Implements = implements

	d.Slug = name
	slugNode := fs["slug"]
	if slugNode != nil {
		d.Slug = f.slug(slugNode)
	} else if !slugPattern.MatchString(name) {
		l.badName(doc.file, name)
	}
	d.Attachments = l.attachments(f, folder, fs["attachments"])

	body, err := doc.html, doc.htmlErr
	if err != nil {
		l.diags = append(l.diags, diag.At(doc.file, doc.bodyLine, 0,
			fmt.Sprintf("không chuyển được nội dung Markdown: %v", err), fmt.Sprintf("cannot convert the Markdown: %v", err)))
	}
	d.Body = body
	if len(l.diags) > n {
		return
	}
	if other := l.set.bySlug[d.Slug]; other != nil {
		line, col := 0, 0
		if slugNode != nil {
			line, col = slugNode.Line, slugNode.Column
		}
		l.diags = append(l.diags, diag.At(doc.file, line, col,
			fmt.Sprintf("slug %q đã dùng cho %s; mỗi văn bản cần một slug riêng: hãy đổi tên tệp hoặc đặt slug: khác", d.Slug, other.File),
			fmt.Sprintf("slug %q is already used by %s; each directive needs its own: rename the file or set another slug:", d.Slug, other.File)))
		return
	}
	l.set.bySlug[d.Slug] = d
	l.set.directives = append(l.set.directives, d)
}

func (l *loader) urgency(f fieldReader, n *yaml.Node) string {
	s := f.str(n)
	for _, u := range urgencies {
		if vntext.Key(u) == vntext.Key(s) {
			return u
		}
	}
	if s != "" {
		f.bad(n, fmt.Sprintf("độ khẩn %q không có; hãy viết một trong: %s", s, strings.Join(urgencies, ", ")),
			fmt.Sprintf("urgency %q is not known; write one of: %s", s, strings.Join(urgencies, ", ")))
	}
	return ""
}

func (l *loader) signer(doc *document, n *yaml.Node) Signer {
	sub := &document{file: doc.file, node: n}
	if !l.fieldsOf(sub, signerFields) {
		return Signer{}
	}
	f := fieldReader{l: l, file: doc.file}
	s := Signer{Authority: f.str(sub.fields["authority"]), Title: f.str(sub.fields["title"]), Name: f.str(sub.fields["name"])}
	if s.Name == "" {
		line, col := n.Line, n.Column
		if nn := sub.fields["name"]; nn != nil {
			line, col = nn.Line, nn.Column
		}
		l.diags = append(l.diags, diag.At(doc.file, line, col,
			"thiếu họ tên người ký: hãy thêm name: vào signer",
			"the signer's name is missing: add name: under signer"))
	}
	return s
}

// categories matches each entry against the site's category keys and
// names, and returns the keys in site order.
func (l *loader) categories(f fieldReader, n *yaml.Node) []string {
	names, nodes := f.list(n)
	var keys []string
	for i, s := range names {
		key := ""
		for _, c := range l.set.categories {
			if s == c.Key || vntext.Key(s) == vntext.Key(c.Key) || vntext.Key(s) == vntext.Key(c.Name) {
				key = c.Key
				break
			}
		}
		if key == "" {
			var all []string
			for _, c := range l.set.categories {
				all = append(all, c.Key)
			}
			vi := fmt.Sprintf("nhóm vi phạm %q không có trong site.yaml; hãy viết một khoá trong categories của site.yaml (%s)", s, strings.Join(all, ", "))
			en := fmt.Sprintf("category %q is not in site.yaml; write one of the keys under categories in site.yaml (%s)", s, strings.Join(all, ", "))
			if near, ok := vntext.Closest(s, all); ok {
				vi = fmt.Sprintf("nhóm vi phạm %q không có trong site.yaml; có phải là %q?", s, near)
				en = fmt.Sprintf("category %q is not in site.yaml; did you mean %q?", s, near)
			}
			f.bad(nodes[i], vi, en)
			continue
		}
		if !slices.Contains(keys, key) {
			keys = append(keys, key)
		}
	}
	order := func(key string) int {
		return slices.IndexFunc(l.set.categories, func(c site.Item) bool { return c.Key == key })
	}
	slices.SortFunc(keys, func(a, b string) int { return order(a) - order(b) })
	return keys
}

// attachments resolves each path against the directive's folder. A path
// may not climb out of that folder (..), be absolute, or be a symbolic link
// to somewhere outside content/: the site publishes only what content/ holds.
func (l *loader) attachments(f fieldReader, folder string, n *yaml.Node) []Attachment {
	paths, nodes := f.list(n)
	var out []Attachment
	for i, p := range paths {
		node := nodes[i]
		clean := path.Clean(p)
		switch {
		case strings.Contains(p, `\`):
			f.bad(node, fmt.Sprintf("đường dẫn %q dùng dấu \\; hãy dùng dấu / giữa các thư mục", p),
				fmt.Sprintf("the path %q uses \\; separate folders with /", p))
			continue
		case path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(p) != "":
			f.bad(node, fmt.Sprintf("tệp đính kèm %q là đường dẫn tuyệt đối; hãy chép tệp vào cạnh văn bản và viết đường dẫn tương đối, như files/ten-tep.pdf", p),
				fmt.Sprintf("attachment %q is an absolute path; copy the file beside the directive and write a relative path, such as files/name.pdf", p))
			continue
		case clean == ".." || strings.HasPrefix(clean, "../"):
			f.bad(node, fmt.Sprintf("tệp đính kèm %q nằm ngoài thư mục của văn bản (..); hãy chép tệp vào cạnh văn bản hoặc thư mục con của nó", p),
				fmt.Sprintf("attachment %q leaves the directive's folder (..); copy the file beside the directive or into a folder below it", p))
			continue
		case clean == address.Index(""):
			f.bad(node, "tệp đính kèm không được tên index.html (trùng với trang văn bản); hãy đổi tên tệp",
				"an attachment cannot be named index.html (the directive's own page); rename the file")
			continue
		case slices.ContainsFunc(out, func(a Attachment) bool { return a.Path == clean }):
			f.bad(node, fmt.Sprintf("tệp đính kèm %q ghi hai lần; hãy xoá một dòng", p),
				fmt.Sprintf("attachment %q is listed twice; delete one line", p))
			continue
		}
		src := filepath.Join(folder, filepath.FromSlash(clean))
		if _, err := os.Lstat(src); err != nil {
			f.bad(node, fmt.Sprintf("không có tệp đính kèm %q cạnh văn bản; hãy chép tệp vào đó hoặc sửa đường dẫn", p),
				fmt.Sprintf("attachment %q is not there beside the directive; copy the file there or correct the path", p))
			continue
		}
		if !l.inside(src) {
			f.bad(node, fmt.Sprintf("tệp đính kèm %q là liên kết tượng trưng trỏ ra ngoài content/; hãy chép chính tệp đó vào", p),
				fmt.Sprintf("attachment %q is a symbolic link to somewhere outside content/; copy the file itself there", p))
			continue
		}
		real, _ := filepath.EvalSymlinks(src)
		real, _ = filepath.Abs(real)
		rel, _ := filepath.Rel(l.realRoot, real)
		info, err := os.Stat(real)
		if err != nil || !info.Mode().IsRegular() {
			f.bad(node, fmt.Sprintf("%q không phải là một tệp (có thể là thư mục); hãy ghi từng tệp đính kèm", p),
				fmt.Sprintf("%q is not a file (a folder perhaps); list each attached file", p))
			continue
		}
		out = append(out, Attachment{Path: clean, Src: rel, Size: info.Size()})
	}
	return out
}

// link checks the implements references, fills in the reverse links and
// puts everything in its published order.
func (l *loader) link() {
	var slugs []string
	for _, d := range l.set.directives {
		slugs = append(slugs, d.Slug)
	}
	for _, r := range l.refs {
		if _, ok := l.set.bySlug[r.slug]; ok && r.slug != r.from.Slug {
			continue
		}
		vi, en := unknownSlug("implements", r.slug, slugs)
		if r.slug == r.from.Slug {
			vi = "văn bản không thể tự thực hiện chính nó; hãy xoá slug này khỏi implements"
			en = "a directive cannot carry out itself; remove this slug from implements"
		}
		l.diags = append(l.diags, diag.At(r.from.File, r.line, r.col, vi, en))
	}
	sortDirectives(l.set.directives)
	for _, d := range l.set.directives {
		for _, slug := range d.Implements {
			if t := l.set.bySlug[slug]; t != nil && t != d && !slices.Contains(t.ImplementedBy, d.Slug) {
				t.ImplementedBy = append(t.ImplementedBy, d.Slug)
			}
		}
	}
	slices.SortFunc(l.set.pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
}

func unknownSlug(field, slug string, slugs []string) (vi, en string) {
	vi = fmt.Sprintf("%s: không có văn bản nào có slug %q; hãy viết slug của một tệp trong content/directives/ (tên tệp bỏ .md)", field, slug)
	en = fmt.Sprintf("%s: no directive has the slug %q; write the slug of a file in content/directives/ (its name without .md)", field, slug)
	if near, ok := vntext.Closest(slug, slugs); ok {
		vi = fmt.Sprintf("%s: không có văn bản nào có slug %q; có phải là %q?", field, slug, near)
		en = fmt.Sprintf("%s: no directive has the slug %q; did you mean %q?", field, slug, near)
	}
	return vi, en
}

// CheckBasis checks that every case's basis names a directive. The
// problem is reported at the case, which is where it is fixed.
func (s *Set) CheckBasis(cases []export.Case) diag.List {
	var slugs []string
	for _, d := range s.directives {
		slugs = append(slugs, d.Slug)
	}
	var ds diag.List
	for i := range cases {
		c := &cases[i]
		for _, slug := range c.Basis {
			if s.bySlug[slug] != nil {
				continue
			}
			vi, en := unknownSlug("basis", slug, slugs)
			ds = append(ds, diag.At(c.Pos.File, c.Pos.Line, c.Pos.Col, vi, en))
		}
	}
	ds.Sort()
	return ds
}
