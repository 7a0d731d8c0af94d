package diag

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"data/Bến Lức/2022-04.yaml", "data/Bến Lức/2022-04.yaml"},
		{"Hòa\u0300 Thuỷ", "Hòa\u0300 Thuỷ"}, // combining marks are letters' parts
		{"a\tb", "a\tb"},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"\x1b]0;title\x07", `\x1b]0;title\x07`},
		{"a.yaml\nsite.yaml:1: ok", `a.yaml\x0asite.yaml:1: ok`},
		{"x\rcover", `x\x0dcover`},
		{"\x7f\u0085\u009b", `\x7f\u0085\u009b`},
		{"\x9b31m", `\x9b31m`},
		{"abc\u202edcba", `abc\u202edcba`},
		{"\u2066x\u2069 \u200f \u061c", `\u2066x\u2069 \u200f \u061c`},
		{"line\u2028sep\u2029", `line\u2028sep\u2029`},
		{"zero\u200bwidth\ufeff", `zero\u200bwidth\ufeff`},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTextIsPrintable(t *testing.T) {
	d := At("data/\x1b[2Jx\u202e.yaml", 3, 5, "giá trị \"\x1b]0;pwned\x07\"", "value \"\x1b]0;pwned\x07\" \u202eevil")
	want := `data/\x1b[2Jx\u202e.yaml:3:5: value "\x1b]0;pwned\x07" \u202eevil`
	if got := d.Text("en"); got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	if got := (List{d}).Text("vi"); strings.ContainsAny(got, "\x1b\x07\u202e") || strings.Count(got, "\n") != 1 {
		t.Errorf("List.Text = %q", got)
	}
}

// FuzzPrintable: whatever goes in, what comes out is valid UTF-8 with no
// character that acts on a terminal, and text with none is unchanged.
func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"", "Bến Lức", "\x1b[31m", "a\nb", "\u202e", "\xff\xfe", "\x9b", "\u2028", "\\x1b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Printable(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Printable(%q) = %q is not UTF-8", s, got)
		}
		for _, r := range got {
			if r != '\t' && (unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)) {
				t.Fatalf("Printable(%q) = %q keeps %U", s, got, r)
			}
		}
		if utf8.ValidString(s) && strings.IndexFunc(s, unsafe) < 0 && got != s {
			t.Fatalf("Printable(%q) = %q changed safe text", s, got)
		}
	})
}

// Issue 13, item 3: a file name holding personal data is masked wherever
// a message shows it.
func TestFileNameMasked(t *testing.T) {
	d := At("data/em-0912345678.yaml", 3, 1, "lỗi", "error")
	for _, lang := range []string{"vi", "en"} {
		if got := d.Text(lang); strings.Contains(got, "0912345678") || !strings.Contains(got, "09******78") {
			t.Errorf("%s: %q, want the number in the file name masked", lang, got)
		}
	}
	if got := Printable("open data/0912\u200b345678.yaml: permission denied"); strings.Contains(got, "345678") {
		t.Errorf("Printable left the number: %q", got)
	}
}

func TestCell(t *testing.T) {
	tests := []struct {
		row, col int
		want     string
	}{
		{12, 3, "Vụ việc!C12"}, {1, 26, "Vụ việc!Z1"}, {2, 27, "Vụ việc!AA2"}, {5, 16384, "Vụ việc!XFD5"}, {0, 0, "Vụ việc"},
	}
	for _, tt := range tests {
		if got := Cell("Vụ việc", tt.row, tt.col); got != tt.want {
			t.Errorf("Cell(%d, %d) = %q, want %q", tt.row, tt.col, got, tt.want)
		}
	}
	d := InSheet("data/x.xlsx", "Vụ việc", 12, 3, "vi", "en")
	if got := d.Text("vi"); got != "data/x.xlsx: Vụ việc!C12: vi" {
		t.Errorf("Text = %q", got)
	}
}
