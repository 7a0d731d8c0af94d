// Package vntext holds the Vietnamese text rules the site relies on:
// matching names as a person means them (case, spacing, Unicode form and
// old/new tone-mark placement ignored), ASCII slugs, search folding,
// Vietnamese collation and the suggestion of a closest name.
package vntext

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// isTone reports whether r is one of the five combining tone marks. The
// vowel marks (circumflex, breve, horn) are part of the letter and stay.
func isTone(r rune) bool {
	switch r {
	case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
		return true
	}
	return false
}

// Key returns the form two names share when a person would call them the
// same: "Hoà" and "Hòa", "Thuỷ" and "Thủy", NFC and NFD, "  bến   LỨC "
// and "Bến Lức" all have one key. Tone marks are kept (Hòa is not Hoa) but
// moved to the end of their word, so where a typist put them does not count.
func Key(s string) string {
	fields := strings.Fields(strings.ToLower(norm.NFD.String(s)))
	var b strings.Builder
	for i, w := range fields {
		if i > 0 {
			b.WriteByte(' ')
		}
		var tones []rune
		for _, r := range w {
			if isTone(r) {
				tones = append(tones, r)
				continue
			}
			b.WriteRune(r)
		}
		slices.Sort(tones)
		for _, r := range tones {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Fold strips every diacritic and lowercases: "Đức Hòa" → "duc hoa". It is
// what search compares, so that a reader may type without accents.
func Fold(s string) string {
	if f, ok := foldLatin(s); ok {
		return f
	}
	return foldSlow(s)
}

// foldSlow is Fold by its definition: decompose, drop the marks, lower
// the letters, collapse the spaces.
func foldSlow(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Precomposed Latin letters, Vietnamese's among them, fold one by one to
// what foldSlow makes of them. The search index folds every document's
// text, and decomposing it whole costs several times more.
const (
	latin1First, latin1Last = 0xC0, 0x24F    // Latin-1 letters, Latin Extended-A and -B
	latinXFirst, latinXLast = 0x1E00, 0x1EFF // Latin Extended Additional: ạ ả ấ … ỹ
)

// latinFolds holds foldSlow of each letter of the two ranges, in order.
var latinFolds = func() []string {
	var t []string
	for _, span := range [][2]rune{{latin1First, latin1Last}, {latinXFirst, latinXLast}} {
		for r := span[0]; r <= span[1]; r++ {
			t = append(t, foldSlow(string(r)))
		}
	}
	return t
}()

// foldLatin folds text made only of ASCII and the letters of latinFolds;
// ok is false for any other text, which foldSlow must fold.
func foldLatin(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	space := false
	for _, r := range s {
		var f string
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r':
			space = true
			continue
		case r < 0x80:
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
			continue
		case latin1First <= r && r <= latin1Last:
			f = latinFolds[r-latin1First]
		case latinXFirst <= r && r <= latinXLast:
			f = latinFolds[latin1Last-latin1First+1+r-latinXFirst]
		default:
			return "", false
		}
		if f == "" {
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, f...)
	}
	return string(b), true
}

// Slug makes an ASCII path segment from a name: "Đức Hòa" → "duc-hoa".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// Closest returns the candidate nearest to input, when it is near enough to
// be what the person meant. Candidates are compared by their Key and by
// their Fold, so "Ben Luc" typed without accents still finds "Bến Lức".
func Closest(input string, candidates []string) (string, bool) {
	in, inFold := []rune(Key(input)), []rune(Fold(input))
	best, bestDist := "", -1
	for _, c := range candidates {
		d := min(distance(in, []rune(Key(c))), distance(inFold, []rune(Fold(c))))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 {
		return "", false
	}
	limit := max(2, len(in)/3)
	return best, bestDist <= limit
}

// distance is the Levenshtein edit distance.
func distance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Collator sorts names in Vietnamese alphabetical order (a ă â b c d đ e ê
// …). A Collator is not safe for concurrent use: make one per goroutine.
type Collator struct{ c *collate.Collator }

// NewCollator returns a Vietnamese collator.
func NewCollator() Collator {
	return Collator{c: collate.New(language.Vietnamese)}
}

// Compare orders a and b the Vietnamese way.
func (c Collator) Compare(a, b string) int {
	return c.c.CompareString(norm.NFC.String(a), norm.NFC.String(b))
}

// SortFunc sorts s in Vietnamese order of name(x), keeping ties stable.
func SortFunc[T any](s []T, name func(T) string) {
	c := NewCollator()
	slices.SortStableFunc(s, func(a, b T) int { return c.Compare(name(a), name(b)) })
}
