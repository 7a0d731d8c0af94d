package content

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"giamsat/internal/diag"
	"giamsat/internal/period"
	"giamsat/internal/privacy"
	"giamsat/internal/strictyaml"
	"giamsat/internal/vntext"
)

// fieldReader turns front matter values into Go values, reporting a value
// of the wrong shape at its line and column. A nil node is an absent field
// and reads as the zero value.
type fieldReader struct {
	l    *loader
	file string
}

func (f fieldReader) bad(n *yaml.Node, vi, en string) {
	f.l.diags = append(f.l.diags, diag.At(f.file, n.Line, n.Column, vi, en))
}

// scalar returns a scalar's text, NFC and trimmed; false for any other node.
func (f fieldReader) scalar(n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	return strings.TrimSpace(norm.NFC.String(n.Value)), true
}

func (f fieldReader) str(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	s, ok := f.scalar(n)
	if !ok {
		f.bad(n, "cần một giá trị văn bản trên một dòng, không phải danh sách hay nhóm trường; hãy viết dạng khoá: giá trị",
			"expected a single text value, not a list or a mapping; write it as key: value")
	}
	// As in site.yaml and the exports: a control or bidirectional
	// formatting character hides or reorders what the reader sees.
	if r, bad := strictyaml.Hidden(s); bad {
		f.bad(n, fmt.Sprintf("giá trị chứa ký tự điều khiển không nhìn thấy (U+%04X); hãy gõ lại nội dung này", r),
			fmt.Sprintf("the value holds an invisible control character (U+%04X); type the text again", r))
	}
	// Front matter is published (subject, recipients, signer…): a
	// child's phone or identity number has no place in it. Links to
	// documents do.
	for _, p := range privacy.Scan(s, true) {
		vi, en := p.Describe()
		f.bad(n, vi, en)
	}
	return s
}

// list reads a sequence of texts; a single text is a list of one.
func (f fieldReader) list(n *yaml.Node) ([]string, []*yaml.Node) {
	if n == nil {
		return nil, nil
	}
	if n.Kind == yaml.ScalarNode {
		if s := f.str(n); s != "" {
			return []string{s}, []*yaml.Node{n}
		}
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		f.bad(n, "cần một danh sách: mỗi mục một dòng bắt đầu bằng \"- \", hoặc [a, b]",
			"expected a list: one item a line starting with \"- \", or [a, b]")
		return nil, nil
	}
	var out []string
	var nodes []*yaml.Node
	for _, c := range n.Content {
		s := f.str(c)
		if s == "" {
			f.bad(c, "mục trống trong danh sách; hãy xoá dòng này hoặc điền nội dung",
				"empty item in the list; delete the line or fill it in")
			continue
		}
		out = append(out, s)
		nodes = append(nodes, c)
	}
	return out, nodes
}

func (f fieldReader) date(n *yaml.Node) period.Date {
	s := f.str(n)
	if s == "" {
		return 0
	}
	d, err := period.ParseDate(s)
	switch {
	case errors.Is(err, period.ErrImpossible):
		f.bad(n, fmt.Sprintf("ngày %q không có trên lịch; hãy sửa lại ngày", s),
			fmt.Sprintf("%q is not a day in the calendar; correct the date", s))
	case err != nil:
		f.bad(n, fmt.Sprintf("%q không phải là ngày; hãy viết dạng 2022-04-05 hoặc 05/04/2022 (ngày trước tháng)", s),
			fmt.Sprintf("%q is not a date; write it as 2022-04-05 or 05/04/2022 (day first)", s))
	}
	return d
}

func (f fieldReader) boolean(n *yaml.Node) bool {
	if n == nil {
		return false
	}
	s, _ := f.scalar(n)
	switch strings.ToLower(s) {
	case "true":
		return true
	case "false", "":
		if n.Kind == yaml.ScalarNode {
			return false
		}
	}
	f.bad(n, fmt.Sprintf("%q không phải true hay false; hãy viết true (có) hoặc false (không)", s),
		fmt.Sprintf("%q is not true or false; write true or false", s))
	return false
}

func (f fieldReader) integer(n *yaml.Node) int {
	s := f.str(n)
	if s == "" {
		return 0
	}
	i, err := strconv.Atoi(s)
	if err != nil || n.Tag != "!!int" {
		f.bad(n, fmt.Sprintf("%q không phải số nguyên; hãy viết một số như 10", s),
			fmt.Sprintf("%q is not a whole number; write a number such as 10", s))
	}
	return i
}

// slug reads a slug field: lower-case ASCII letters, digits and hyphens.
func (f fieldReader) slug(n *yaml.Node) string {
	s := f.str(n)
	if !slugPattern.MatchString(s) {
		want := vntext.Slug(s)
		if want == "" {
			want = "cong-van-1"
		}
		f.bad(n, fmt.Sprintf("slug %q không hợp lệ: chỉ chữ thường không dấu, số và dấu gạch ngang; hãy viết %q", s, want),
			fmt.Sprintf("slug %q is not valid: use lower-case letters without accents, digits and hyphens; write %q", s, want))
	}
	return s
}
