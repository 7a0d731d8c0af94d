package strictyaml

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"giamsat/internal/diag"
	"giamsat/internal/period"
)

// want is one expected diag: its line and a piece of its English message.
type want struct {
	line int
	en   string
}

func check(t *testing.T, name string, got diag.List, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Errorf("%s: got %d diags, want %d:\n%s", name, len(got), len(wants), got.Text("en"))
		return
	}
	for i, w := range wants {
		if got[i].Line != w.line || !strings.Contains(got[i].EN, w.en) {
			t.Errorf("%s: diag %d = %s, want line %d containing %q", name, i, got[i].Text("en"), w.line, w.en)
		}
		if got[i].VI == "" || got[i].File != "f.yaml" {
			t.Errorf("%s: diag %d lacks Vietnamese text or file: %+v", name, i, got[i])
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		nilOK bool // the node is nil
		want  []want
	}{
		{"plain", "a: 1\nb: [x, y]\n", false, nil},
		{"bom", "\uFEFFa: 1\n", false, nil},
		{"crlf", "a: 1\r\nb: 2\r\n", false, nil},
		{"empty", "", true, nil},
		{"comments only", "# nothing\n", true, nil},
		{"null document", "---\n", true, nil},
		{"utf16 bom", "\xFF\xFEa\x00:\x00", true, []want{{1, "UTF-16"}}},
		{"utf16 no bom", "a\x00:\x00 \x001\x00", true, []want{{1, "UTF-16"}}},
		{"nul", "a: 1\nb: \x00\n", true, []want{{2, "NUL"}}},
		{"windows-1258", "a: 1\nname: Ho\xCC\xE0 B\xECnh\n", true, []want{{2, "Windows-1258"}}},
		{"tcvn3", "a: 1\nb: 2\nname: B\xAAn L\xF8c \xA9n\n", true, []want{{3, "TCVN3"}}},
		{"latin", "a: caf\xE9\n", true, []want{{1, "not UTF-8"}}},
		{"syntax", "a: 1\n b: 2\n", true, []want{{2, "YAML syntax error (mapping values"}}},
		{"tab", "a:\n\t- b\n", true, []want{{2, "Tab"}}},
		{"control", "a: 1\nb: x\x01y\n", true, []want{{2, "control character"}}},
		{"two documents", "a: 1\n---\nb: 2\n", true, []want{{2, "more than one YAML document"}}},
		{"anchor", "a: &x 1\nb: 2\n", true, []want{{1, "anchors"}}},
		{"alias", "a: [1]\nb: *x\n", true, []want{{2, "anchors"}}}, // undefined alias
		{"anchor and alias", "a: &x [1]\nb: *x\n", true, []want{{1, "anchors"}}},
		{"python tag", "a: !!python/object x\n", false, []want{{1, "tag"}}},
		{"custom tag", "a: !secret x\n", false, []want{{1, "tag"}}},
		{"str tag", "a: !!str 0912\n", false, nil},
		{"duplicate", "a: 1\nb: 2\na: 3\n", false, []want{{3, `"a" is given twice (lines 1 and 3)`}}},
		{"duplicate quoted", "x:\n  \"a\": 1\n  a: 2\n", false, []want{{3, "given twice (lines 2 and 3)"}}},
		{"duplicate nested", "l:\n  - {k: 1, k: 2}\n  - k: 1\n    k: 2\n", false, []want{{2, "given twice"}, {4, "given twice"}}},
		{"deep flow", strings.Repeat("[", 101) + strings.Repeat("]", 101), true, []want{{1, "more than 100 levels"}}},
		{"deep ok", strings.Repeat("[", 100) + strings.Repeat("]", 100), false, nil},
		{"very deep", strings.Repeat("[", 20000), true, []want{{1, "nesting deeper than 100"}}},
	}
	for _, tt := range tests {
		n, got := Decode("f.yaml", []byte(tt.data))
		if (n == nil) != tt.nilOK {
			t.Errorf("%s: node = %v, want nil %v", tt.name, n, tt.nilOK)
		}
		check(t, tt.name, got, tt.want)
	}
}

func TestDecodeDeepBlock(t *testing.T) {
	var b strings.Builder
	for i := range 101 {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	_, got := Decode("f.yaml", []byte(b.String()))
	// The keys of the 100th mapping, on line 100, are the 101st level.
	check(t, "deep block", got, []want{{100, "more than 100 levels"}})
}

func TestDecodeTooLarge(t *testing.T) {
	data := bytes.Repeat([]byte("a"), MaxFileSize+1)
	n, got := Decode("f.yaml", data)
	if n != nil {
		t.Fatal("node for a too large file")
	}
	check(t, "too large", got, []want{{0, "too large"}})
}

func TestBillionLaughs(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for c := 'b'; c <= 'z'; c++ {
		p := string(c - 1)
		b.WriteString(string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+p+",", 8) + "*" + p + "]\n")
	}
	start := time.Now()
	n, got := Decode("f.yaml", []byte(b.String()))
	if n != nil || len(got) != 1 || got[0].Line != 1 || !strings.Contains(got[0].EN, "anchors") {
		t.Errorf("got %v:\n%s", n, got.Text("en"))
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
}

func TestDecodeAt(t *testing.T) {
	n, got := DecodeAt("f.yaml", []byte("a: 1\nb: 2\na: 3\n"), 2)
	check(t, "shifted", got, []want{{4, "given twice (lines 2 and 4)"}})
	if n == nil || n.Content[2].Line != 3 {
		t.Errorf("node lines not shifted: %+v", n)
	}
	_, got = DecodeAt("f.yaml", []byte("a: 1\n b: 2\n"), 5)
	check(t, "shifted syntax", got, []want{{6, "syntax"}})
}

func node(t *testing.T, src string) *yaml.Node {
	t.Helper()
	n, diags := Decode("f.yaml", []byte(src))
	if len(diags) > 0 || n == nil {
		t.Fatalf("%q: %s", src, diags.Text("en"))
	}
	return n
}

func TestFields(t *testing.T) {
	known := []string{"status", "summary", "reach"}
	tests := []struct {
		name   string
		src    string
		fields []string
		want   []want
	}{
		{"known", "status: x\nreach: 1\n", []string{"reach", "status"}, nil},
		{"typo", "statsu: x\nreach: 1\n", []string{"reach"}, []want{{1, `unknown field "statsu"; did you mean "status"?`}}},
		{"unknown", "colour: x\n", nil, []want{{1, "the fields allowed here are: status, summary, reach"}}},
		{"case", "Status: x\n", nil, []want{{1, `did you mean "status"`}}},
		{"duplicate", "status: a\nstatus: b\n", []string{"status"}, []want{{2, "given twice"}}},
		{"not a mapping", "- a\n", nil, []want{{1, "found a list"}}},
		{"complex key", "? [a]\n: 1\n", nil, []want{{1, "field name must be text"}}},
	}
	for _, tt := range tests {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(tt.src), &doc); err != nil {
			t.Fatal(err)
		}
		f, got := Fields("f.yaml", doc.Content[0], known)
		var keys []string
		for _, k := range known {
			if f[k] != nil {
				keys = append(keys, k)
			}
		}
		if strings.Join(keys, ",") != strings.Join(sortedAs(tt.fields, known), ",") {
			t.Errorf("%s: fields %v, want %v", tt.name, keys, tt.fields)
		}
		check(t, tt.name, got, tt.want)
	}
}

func sortedAs(s, order []string) []string {
	var out []string
	for _, o := range order {
		for _, x := range s {
			if x == o {
				out = append(out, x)
			}
		}
	}
	return out
}

// value decodes "v: <src>" and returns the value node.
func value(t *testing.T, src string) *yaml.Node {
	t.Helper()
	return node(t, "v: "+src).Content[1]
}

func TestString(t *testing.T) {
	tests := []struct {
		src, want string
		bad       string
	}{
		{"0912345678", "0912345678", ""},
		{"0794", "0794", ""},
		{"true", "true", ""},
		{"'  Bến   Lức  '", "Bến   Lức", ""},
		{"\"Be\u0302\u0301n\"", "Bến", ""}, // NFD in, NFC out
		{"", "", ""},
		{"~", "", ""},
		{"|\n  a\n  b\n", "a\nb", ""},
		{"[a]", "", "needs a piece of text but found a list"},
		{"\"a\\u202Eb\"", "", "U+202E"},
		{"\"a\\x1bb\"", "", "U+001B"},
		{"\"a\\u0085b\"", "", "U+0085"},
	}
	for _, tt := range tests {
		got, diags := String("f.yaml", "v", value(t, tt.src))
		if tt.bad != "" {
			check(t, tt.src, diags, []want{{1, tt.bad}})
			continue
		}
		if got != tt.want || len(diags) > 0 {
			t.Errorf("String(%q) = %q, %v; want %q", tt.src, got, diags, tt.want)
		}
	}
}

func TestInt(t *testing.T) {
	tests := []struct {
		src  string
		want int64
		bad  string
	}{
		{"15000", 15000, ""},
		{"0", 0, ""},
		{"-3", -3, ""},
		{"abc", 0, `found the value "abc"`},
		{"15.000", 0, "digits only"},
		{"7.500.000", 0, "digits only"},
		{"\"15000\"", 0, "without dots, commas or quotes"},
		{"1_000", 0, "digits only"},
		{"0x10", 0, "digits only"},
		{"1.5", 0, "digits only"},
		{"99999999999999999999", 0, "too large"},
		{"", 0, "found nothing"},
		{"0912345678", 0, `found the value "09******78"`}, // masked: it is a phone number
	}
	for _, tt := range tests {
		got, diags := Int("f.yaml", "v", value(t, tt.src))
		if tt.bad != "" {
			check(t, tt.src, diags, []want{{1, tt.bad}})
			continue
		}
		if got != tt.want || len(diags) > 0 {
			t.Errorf("Int(%q) = %d, %v; want %d", tt.src, got, diags, tt.want)
		}
	}
}

func TestBool(t *testing.T) {
	for src, want := range map[string]bool{"true": true, "false": false, "True": true, "FALSE": false} {
		if got, diags := Bool("f.yaml", "v", value(t, src)); got != want || len(diags) > 0 {
			t.Errorf("Bool(%q) = %v, %v", src, got, diags)
		}
	}
	for _, src := range []string{"yes", "no", "\"true\"", "1", ""} {
		_, diags := Bool("f.yaml", "v", value(t, src))
		check(t, src, diags, []want{{1, "takes true or false"}})
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		src  string
		want period.Date
		bad  string
	}{
		{"2022-04-12", period.New(2022, 4, 12), ""},
		{"12/04/2022", period.New(2022, 4, 12), ""},
		{"1/4/2022", period.New(2022, 4, 1), ""},
		{"\"2022-04-12\"", period.New(2022, 4, 12), ""},
		{"31/04/2022", 0, "not in the calendar"},
		{"2022-02-29", 0, "not in the calendar"},
		{"04/30/2022", 0, "month first"},
		{"2022/04/12", 0, "month-first dates are not accepted"},
		{"12-04-2022", 0, "YYYY-MM-DD"},
		{"20220412", 0, "YYYY-MM-DD"},
		{"", 0, "found nothing"},
		{"[2022-04-12]", 0, "found a list"},
	}
	for _, tt := range tests {
		got, diags := Date("f.yaml", "v", value(t, tt.src))
		if tt.bad != "" {
			check(t, tt.src, diags, []want{{1, tt.bad}})
			continue
		}
		if got != tt.want || len(diags) > 0 {
			t.Errorf("Date(%q) = %v, %v; want %v", tt.src, got, diags, tt.want)
		}
	}
	// The two kinds of error read differently in Vietnamese too.
	_, a := Date("f.yaml", "v", value(t, "31/04/2022"))
	_, b := Date("f.yaml", "v", value(t, "2022/04/12"))
	if !strings.Contains(a[0].VI, "không có trên lịch") || !strings.Contains(b[0].VI, "không dùng dạng tháng trước ngày") {
		t.Errorf("vi messages:\n%s\n%s", a[0].VI, b[0].VI)
	}
}

func TestTime(t *testing.T) {
	tests := []struct {
		src  string
		want string
		bad  string
	}{
		{"2022-05-03T08:00:00+07:00", "2022-05-03T08:00:00+07:00", ""},
		{"2022-05-03T01:00:00Z", "2022-05-03T08:00:00+07:00", ""},
		{"2022-05-03", "2022-05-03T00:00:00+07:00", ""},
		{"03/05/2022", "2022-05-03T00:00:00+07:00", ""},
		{"2022-05-03 08:00", "", "date-time"},
		{"2022-04-31T08:00:00+07:00", "", "not in the calendar"},
		{"soon", "", "date-time"},
	}
	for _, tt := range tests {
		got, diags := Time("f.yaml", "v", value(t, tt.src))
		if tt.bad != "" {
			check(t, tt.src, diags, []want{{1, tt.bad}})
			continue
		}
		if period.FormatTime(got) != tt.want || len(diags) > 0 {
			t.Errorf("Time(%q) = %v, %v; want %v", tt.src, got, diags, tt.want)
		}
	}
}

func TestStringList(t *testing.T) {
	got, diags := StringList("f.yaml", "v", value(t, "[a, ' b ', 0912]"))
	if strings.Join(got, "|") != "a|b|0912" || len(diags) > 0 {
		t.Errorf("got %q, %v", got, diags)
	}
	if got, diags := StringList("f.yaml", "v", value(t, "")); got != nil || diags != nil {
		t.Errorf("null: %q, %v", got, diags)
	}
	_, diags = StringList("f.yaml", "v", value(t, "a"))
	check(t, "scalar", diags, []want{{1, "needs a list"}})
	_, diags = StringList("f.yaml", "v", value(t, "\n  - a\n  - [b]\n"))
	check(t, "nested", diags, []want{{3, "found a list"}})
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"a: 1\n", "\uFEFFa: 1\r\n", "a: &x 1\nb: *x\n", "a: 1\na: 2\n", "[[[[1]]]]",
		"a:\n  - {b: c, b: d}\n", "\xFF\xFEa\x00", "B\xECnh", "---\na: 1\n---\n", "a: !!binary x",
		"? [a]\n: b\n", "a: |\n  x\n  y\n", "\"\\u202e\"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n, diags := Decode("f.yaml", data)
		for _, d := range diags {
			if d.VI == "" || d.EN == "" || d.File != "f.yaml" {
				t.Fatalf("bad diag %+v", d)
			}
		}
		if n == nil {
			return
		}
		var walk func(n *yaml.Node, depth int)
		walk = func(n *yaml.Node, depth int) {
			if n.Kind == yaml.AliasNode || n.Anchor != "" || depth > MaxDepth {
				t.Fatalf("accepted alias, anchor or depth %d", depth)
			}
			for _, c := range n.Content {
				walk(c, depth+1)
			}
		}
		walk(n, 1)
	})
}

// Issue 13, item 8: a syntax error names the column where the line shows
// the character at fault.
func TestSyntaxErrorColumn(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
	}{
		{"a: 1\nb: c: d\n", 2, 5},                  // mapping values are not allowed
		{"a: 1\nb:\n\t- x\n", 3, 1},                // a tab indents
		{"a: 1\nb: @x\n", 2, 4},                    // @ starts a value
		{"a: 1\nlist:\n  - `x`\n", 3, 5},           // ` starts a value
		{"a: 1\nb: \"Đức Hòa\": d\n", 2, 0},        // not sure where: no column
		{"a: 1\nb: x\x01y\n", 2, 5},                // a control character
		{"title: Tiêu đề\nghi chú: a: b\n", 2, 11}, // columns count characters
	}
	for _, tt := range tests {
		_, diags := Decode("f.yaml", []byte(tt.src))
		if len(diags) != 1 || diags[0].Line != tt.line || diags[0].Col != tt.col {
			t.Errorf("%q: got\n%swant %d:%d", tt.src, diags.Text("en"), tt.line, tt.col)
		}
	}
}
