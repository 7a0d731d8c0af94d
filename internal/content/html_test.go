package content

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
)

// HTMLNode and ParseHTML let the tests outside the package (site_test.go,
// which builds whole sites through internal/build) read pages the same way.
type HTMLNode = node

// ParseHTML reads an HTML file into a tree of nodes.
func ParseHTML(t *testing.T, file string) *HTMLNode { return parse(t, file) }

// node is an element of a parsed page: enough of a DOM to ask where a
// part of the letter ended up.
type node struct {
	tag      string
	attr     map[string]string
	children []*node
	parent   *node
	text     strings.Builder // all text inside, children included
}

func (n *node) HasClass(c string) bool { return slices.Contains(strings.Fields(n.attr["class"]), c) }

func (n *node) Find(class string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.HasClass(class) {
			out = append(out, c)
		}
		out = append(out, c.Find(class)...)
	}
	return out
}

func (n *node) FindTag(tag string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.tag == tag {
			out = append(out, c)
		}
		out = append(out, c.FindTag(tag)...)
	}
	return out
}

func (n *node) Text() string { return strings.Join(strings.Fields(n.text.String()), " ") }

// parse reads HTML with encoding/xml's lenient mode, which knows HTML's
// void elements and entities.
func parse(t *testing.T, file string) *node {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	root := &node{tag: "#root"}
	cur := root
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{tag: tok.Name.Local, attr: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			cur.children = append(cur.children, n)
			cur = n
		case xml.EndElement:
			if cur.parent != nil {
				cur = cur.parent
			}
		case xml.CharData:
			for n := cur; n != nil; n = n.parent {
				n.text.Write(tok)
			}
		}
	}
	return root
}

// one returns the single element of class inside n.
func one(t *testing.T, n *node, class string) *node {
	t.Helper()
	found := n.Find(class)
	if len(found) != 1 {
		t.Fatalf("%d elements of class %q, want 1", len(found), class)
	}
	return found[0]
}

// Attr returns an attribute's value, "" when absent.
func (n *node) Attr(name string) string { return n.attr[name] }

// Walk calls f for n and every element inside it, in document order.
func (n *node) Walk(f func(*node)) {
	f(n)
	for _, c := range n.children {
		c.Walk(f)
	}
}
