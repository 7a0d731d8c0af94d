package strictyaml

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"giamsat/internal/diag"
	"giamsat/internal/privacy"
	"giamsat/internal/vntext"
)

// At places a message at node n.
func At(file string, n *yaml.Node, vi, en string) diag.Diag {
	return diag.At(file, n.Line, n.Column, vi, en)
}

// IsNull reports whether n is absent or written as nothing (`field:`,
// `~`, `null`).
func IsNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// Fields reads mapping n, whose keys must all be in known, into key →
// value node. An unknown key is an error that suggests the closest known
// one; a key given twice is reported (as Decode does) and its first value
// kept.
func Fields(file string, n *yaml.Node, known []string) (map[string]*yaml.Node, diag.List) {
	if n.Kind != yaml.MappingNode {
		vi, en := kind(n)
		return nil, diag.List{At(file, n,
			fmt.Sprintf("cần các trường dạng \"tên: giá trị\" (%s) nhưng ở đây là %s; hãy kiểm tra thụt lề", strings.Join(known, ", "), vi),
			fmt.Sprintf("expected fields written \"name: value\" (%s) but found %s; check the indentation", strings.Join(known, ", "), en))}
	}
	fields := make(map[string]*yaml.Node, len(n.Content)/2)
	var diags diag.List
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			diags = append(diags, At(file, k,
				"tên trường phải là chữ, không phải danh sách hay nhóm trường; hãy kiểm tra thụt lề",
				"a field name must be text, not a list or a mapping; check the indentation"))
			continue
		}
		if _, ok := fields[k.Value]; ok {
			for j := 0; j < i; j += 2 {
				if n.Content[j].Value == k.Value {
					diags = append(diags, duplicate(file, n.Content[j], k))
					break
				}
			}
			continue
		}
		if !contains(known, k.Value) {
			diags = append(diags, Unknown(file, k, known))
			continue
		}
		fields[k.Value] = v
	}
	return fields, diags
}

// Unknown is the error for key node k, which is none of known.
func Unknown(file string, k *yaml.Node, known []string) diag.Diag {
	if s, ok := vntext.Closest(k.Value, known); ok {
		return At(file, k,
			fmt.Sprintf("không có trường %q; có phải ý bạn là %q?", clip(k.Value), s),
			fmt.Sprintf("unknown field %q; did you mean %q?", clip(k.Value), s))
	}
	return At(file, k,
		fmt.Sprintf("không có trường %q; các trường dùng được ở đây: %s", clip(k.Value), strings.Join(known, ", ")),
		fmt.Sprintf("unknown field %q; the fields allowed here are: %s", clip(k.Value), strings.Join(known, ", ")))
}

// Missing is the error for a required field absent from the mapping at n.
func Missing(file string, n *yaml.Node, field string) diag.Diag {
	return At(file, n,
		fmt.Sprintf("thiếu trường bắt buộc %q; hãy bổ sung", field),
		fmt.Sprintf("the required field %q is missing; add it", field))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Private reports, at n, what in the published text of field looks like
// personal data, masked; web addresses pass when allowURLs.
func Private(file string, n *yaml.Node, field, text string, allowURLs bool) diag.List {
	var l diag.List
	for _, f := range privacy.Scan(text, allowURLs) {
		vi, en := f.Describe()
		l = append(l, At(file, n, fmt.Sprintf("trường %s: %s", field, vi), fmt.Sprintf("%s: %s", field, en)))
	}
	return l
}

// kind describes what n is, for messages.
func kind(n *yaml.Node) (vi, en string) {
	switch {
	case n.Kind == yaml.MappingNode:
		return "một nhóm trường", "a mapping of fields"
	case n.Kind == yaml.SequenceNode:
		return "một danh sách", "a list"
	case IsNull(n):
		return "giá trị trống", "nothing"
	}
	return fmt.Sprintf("giá trị %q", clip(n.Value)), fmt.Sprintf("the value %q", clip(n.Value))
}

// Show returns s ready to quote in a message: shortened, and with what
// looks like personal data masked. Messages are copied into logs and
// chats, and a phone number typed into the wrong field is still a phone
// number.
func Show(s string) string { return clip(s) }

func clip(s string) string {
	s = privacy.MaskAll(s, false)
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
