package content

import (
	"bytes"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"giamsat/internal/vntext"
)

// newMarkdown returns the converter every document goes through: CommonMark
// with GFM tables, strikethrough, autolinks and footnotes. Raw HTML stays
// off (goldmark's default): a document is text, never markup that runs.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.Footnote),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(safeLinks{}, 0)),
		),
	)
}

// convert renders one Markdown body. Each document gets its own heading
// ids, so "Nơi nhận" is noi-nhan on every page that has one.
func convert(md goldmark.Markdown, src []byte) (template.HTML, error) {
	var buf bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	if err := md.Convert(src, &buf, parser.WithContext(ctx)); err != nil {
		return "", err
	}
	// The renderer escapes all text and drops raw HTML and unsafe links.
	return template.HTML(buf.String()), nil //nolint:gosec
}

// headingIDs gives headings ASCII ids a reader can type into the address
// bar: "Nơi nhận" → noi-nhan, a second one noi-nhan-1.
type headingIDs struct{ used map[string]bool }

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

// The theme's pages use these ids themselves, and a document is shown
// inside them (the overview's introduction beside its charts): a heading
// "Main" must not break the skip link to <main id="main">. TestLayoutIDs
// keeps the lists in step with the layouts.
var (
	layoutIDs      = []string{"main", "directive-list", "case-register"}
	layoutPrefixes = []string{"chart-", "fig-", "file-"} // ids made from a chart's or a file's name
)

// layoutID reports whether the layouts may use id.
func layoutID(id string) bool {
	return slices.Contains(layoutIDs, id) || strings.HasSuffix(id, "-title") ||
		slices.ContainsFunc(layoutPrefixes, func(p string) bool { return strings.HasPrefix(id, p) })
}

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := vntext.Slug(string(value))
	if base == "" {
		base = "muc" // "mục" (section): the heading has no letter or digit
	}
	// A number at the end frees a name the layouts use; it cannot free one
	// that starts like theirs.
	if slices.ContainsFunc(layoutPrefixes, func(p string) bool { return strings.HasPrefix(base, p) }) {
		base = "muc-" + base
	}
	id := base
	for n := 1; h.used[id] || layoutID(id); n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	h.used[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }

// safeLinks removes what could run script or fetch from outside the site:
// links whose scheme is not http, https, mailto or tel lose their link and
// keep their text (goldmark's own check lets data:image/png through and
// compares bytes as written), and an image from another site becomes a
// plain link to it, because the published site requests nothing outside.
type safeLinks struct{}

func (safeLinks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var unwrap, external []ast.Node
	var autolinks []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !safeURL(n.Destination) {
				unwrap = append(unwrap, n)
			}
		case *ast.Image:
			switch {
			case !safeURL(n.Destination):
				unwrap = append(unwrap, n)
			case isExternal(n.Destination):
				external = append(external, n)
			}
		case *ast.AutoLink:
			if !safeURL(n.URL(src)) {
				autolinks = append(autolinks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unwrap {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	for _, n := range external {
		img := n.(*ast.Image)
		link := ast.NewLink()
		link.Destination = img.Destination
		link.Title = img.Title
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		if !link.HasChildren() {
			link.AppendChild(link, ast.NewString(img.Destination))
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
	for _, n := range autolinks {
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(src)))
	}
}

// safeURL reports whether a link may keep its address. Relative addresses
// and the schemes a reader expects pass; anything else (javascript:,
// vbscript:, data:, file:, and tricks such as entities, upper case or tabs
// inside the scheme) does not.
func safeURL(dest []byte) bool {
	s := string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))))
	s = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1 // browsers ignore these inside a scheme
		}
		return r
	}, s)
	end := strings.IndexAny(s, "/?#")
	if end < 0 {
		end = len(s)
	}
	colon := strings.IndexByte(s[:end], ':')
	if colon < 0 {
		return true
	}
	switch strings.ToLower(s[:colon]) {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}

// isExternal reports whether an address points outside the site.
func isExternal(dest []byte) bool {
	s := strings.TrimSpace(string(dest))
	return strings.HasPrefix(s, "//") || strings.Contains(strings.SplitN(s, "/", 2)[0], ":")
}
