package acceptance

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// parse reads a page into a tree.
func parse(t testing.TB, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

// all returns the elements under n, n included, that match, in document
// order.
func all(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// first returns the first element under n that matches, or nil.
func first(n *html.Node, match func(*html.Node) bool) *html.Node {
	if found := all(n, match); len(found) > 0 {
		return found[0]
	}
	return nil
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func class(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return hasClass(n, name) }
}

func id(v string) func(*html.Node) bool {
	return func(n *html.Node) bool { return attr(n, "id") == v }
}

// text is the text under n as a reader sees it: runs of space made one.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// table is a data table as text: its head and its body rows (tfoot rows,
// or rows marked total, included at the end as the layouts write them).
type table struct {
	head []string
	rows [][]string
	cell [][]*html.Node
}

func readTable(n *html.Node) table {
	var t table
	for _, th := range all(n, tag("th")) {
		if th.Parent != nil && th.Parent.Parent != nil && th.Parent.Parent.Data == "thead" {
			t.head = append(t.head, text(th))
		}
	}
	for _, tb := range all(n, tag("tbody")) {
		for _, tr := range all(tb, tag("tr")) {
			var row []string
			var cells []*html.Node
			for c := tr.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
					row = append(row, text(c))
					cells = append(cells, c)
				}
			}
			t.rows = append(t.rows, row)
			t.cell = append(t.cell, cells)
		}
	}
	return t
}

// col is the index of the column headed h, or -1.
func (t table) col(h string) int { return slices.Index(t.head, h) }
