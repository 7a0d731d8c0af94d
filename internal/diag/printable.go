package diag

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"giamsat/internal/privacy"
)

// Printable returns s with every character that could act on a terminal
// or on the order of the text shown as an escape: control characters
// (ESC starts the sequences that recolour, retitle or rewrite a terminal,
// and a line feed could forge a line of output), bytes that are not UTF-8
// (0x9B is a control on some terminals), invisible formatting characters
// such as the bidirectional overrides that make text read backwards, and
// the line and paragraph separators. They become \x1b and \u202e, the way
// Go quotes them; everything else, Vietnamese included, is left as it is.
//
// What looks like a phone, identity number or email address is masked
// too: a message quotes file names, and a careless name
// (data/0912345678.yaml) is personal data on a screen and in a log.
func Printable(s string) string {
	s = privacy.MaskAll(s, true)
	i := strings.IndexFunc(s, unsafe)
	if i < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case r < utf8.RuneSelf && unsafe(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	return b.String()
}

// unsafe reports whether r is a character Printable escapes. Tab stays:
// it only moves the cursor forward.
func unsafe(r rune) bool {
	return r != '\t' && (unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp))
}
