package privacy

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzMask checks what the masked text in a message may hold: never the
// whole of what was found, never a character that steers a terminal or
// reorders text, and no more characters than the original.
func FuzzMask(f *testing.F) {
	for _, s := range []string{
		"0912345678", "+84 912 345 678", "079123456789", "a@b.vn", "https://x.vn/0912345678",
		"abcd", "abcde", "\x1b[31m0912345678\x1b[0m", "0912\u202e345678", "09\u200b12345678",
		"\xff0912345678", "٠٩١٢٣٤٥٦٧٨", "𝟎𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := Mask(s)
		checkMasked(t, s, m)
		for _, fd := range Scan(s, false) {
			match := s[fd.Start:fd.End]
			if fd.Masked != Mask(match) {
				t.Fatalf("finding %q masked as %q, Mask gives %q", match, fd.Masked, Mask(match))
			}
			checkMasked(t, match, fd.Masked)
		}
	})
}

func checkMasked(t *testing.T, s, m string) {
	t.Helper()
	if utf8.RuneCountInString(m) > utf8.RuneCountInString(s) {
		t.Fatalf("Mask(%q) = %q is longer", s, m)
	}
	for _, r := range m {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			t.Fatalf("Mask(%q) = %q keeps %U", s, m, r)
		}
	}
	var sig []rune
	for _, r := range s {
		if significant(r) {
			sig = append(sig, r)
		}
	}
	if len(sig) == 0 {
		return
	}
	// The significant characters in order must not all survive.
	if len(sig) > 0 && strings.Contains(m, string(sig)) || len(sig) > 4 && m == s {
		t.Fatalf("Mask(%q) = %q shows it all", s, m)
	}
	hidden := 0
	for _, r := range m {
		if r == '*' {
			hidden++
		}
	}
	if hidden == 0 {
		t.Fatalf("Mask(%q) = %q hides nothing", s, m)
	}
}
