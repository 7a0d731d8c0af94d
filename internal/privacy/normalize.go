package privacy

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// normalize returns text as the scanner reads it, with at mapping each of
// its bytes (and its end) back to the offset in text it came from; at is
// nil when text is already in that form. People, and people hiding
// numbers, write digits and separators many ways that look alike on a
// page: the scanner sees ASCII digits, '-' and ' ' for all of them, and
// never sees format characters (zero-width spaces and joiners, soft
// hyphens), which split a number without showing.
func normalize(text string) (norm string, at []int) {
	// Most text, Vietnamese included, has nothing to fold: find the first
	// character that does before allocating anything.
	i := 0
	for i < len(text) {
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r != utf8.RuneError && fold(r) != r {
			break
		}
		i += size
	}
	if i == len(text) {
		return text, nil
	}
	b := make([]byte, 0, len(text))
	at = make([]int, 0, len(text)+1)
	for j := range i {
		b = append(b, text[j])
		at = append(at, j)
	}
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch c := fold(r); {
		case r == utf8.RuneError || c == r:
			for k := range size {
				b = append(b, text[i+k])
				at = append(at, i+k)
			}
		case c >= 0:
			b = append(b, byte(c))
			at = append(at, i)
		}
		i += size
	}
	return string(b), append(at, len(text))
}

// fold returns the ASCII character r stands for where it matters to the
// scanner, -1 for a character to drop, or r itself.
func fold(r rune) rune {
	switch {
	case r < utf8.RuneSelf,
		// Vietnamese letters and combining tone marks, most of what is
		// not ASCII here: no digit, dash, space or format character.
		r >= 0xC0 && r < 0x370, r >= 0x1E00 && r < 0x1F00:
		return r
	case unicode.Is(unicode.Cf, r):
		return -1
	case unicode.Is(unicode.Nd, r):
		return '0' + digitValue(r)
	case unicode.Is(unicode.Zs, r):
		return ' '
	case unicode.Is(unicode.Pd, r), r == '\u2212': // dashes, minus sign
		return '-'
	}
	// Full-width forms (．０９１２) fold to ASCII.
	if f := width.LookupRune(r).Folded(); f != 0 && f < utf8.RuneSelf {
		return f
	}
	return r
}

// digitValue is the value of a decimal digit: Unicode puts each script's
// digits 0 to 9 in a row, so the value is r's place in its row.
func digitValue(r rune) rune {
	n := rune(0)
	for unicode.Is(unicode.Nd, r-n-1) {
		n++
	}
	return n % 10
}

// origEnd is the offset in text where the normalized match ending at
// norm[:end] ends.
func origEnd(text string, at []int, end int) int {
	if end == 0 {
		return at[0]
	}
	i := at[end-1]
	_, size := utf8.DecodeRuneInString(text[i:])
	return i + size
}
