package privacy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A group is a maximal run of ASCII digits, text[start:end]. Groups joined
// by short separators ("0912 345 678", "028.3823.4567") form a chain, and
// a phone or identity number is any stretch of consecutive groups of a
// chain whose digits have the right form.
type group struct {
	start, end int
	// run numbers the amounts written with thousands separators
	// (7.500.000), from 1; 0 is no amount. An amount is never split, and
	// on its own is never personal data.
	run         int
	first, last bool // first and last group of its amount
}

// maxDigits is the most digits any form has (0084 and 11 more).
const maxDigits = 15

// scanNumbers appends the phone and identity numbers in text[lo:hi] to
// found. With phoneOnly, only phone numbers are looked for.
func scanNumbers(found []Finding, text string, lo, hi int, phoneOnly bool) []Finding {
	var buf [16]group
	groups := buf[:0]
	for i := lo; i < hi; {
		if !isDigit(text[i]) {
			i++
			continue
		}
		groups = chain(groups[:0], text, i, hi)
		i = groups[len(groups)-1].end
		markAmounts(groups, text)
		found = matchChain(found, text, groups, phoneOnly)
	}
	return found
}

// chain reads the groups of the chain that starts at text[i], up to hi.
func chain(groups []group, text string, i, hi int) []group {
	for {
		j := i
		for j < hi && isDigit(text[j]) {
			j++
		}
		groups = append(groups, group{start: i, end: j})
		k, seps := j, 0
		for k < hi && seps < 3 {
			r, size := utf8.DecodeRuneInString(text[k:hi])
			if !isSep(r) {
				break
			}
			k += size
			seps++
		}
		if seps == 0 || k >= hi || !isDigit(text[k]) {
			return groups
		}
		i = k
	}
}

// isSep reports whether r may stand between the digit groups of one
// number: "0912 345 678", "0912.345.678", "0912-345-678", "(028) 3823 4567".
func isSep(r rune) bool {
	switch r {
	case ' ', '.', '-', '(', ')', '\u00a0', '\u202f':
		return true
	}
	return false
}

// markAmounts marks the runs of groups joined by single dots that read as
// an amount of money: 1 to 3 digits without a leading zero, then groups of
// three, then the currency (see money). Without the currency a 9- or
// 12-digit run is read as what it also is, an identity number written with
// dots (301.234.567): the guard errs on the child's side.
func markAmounts(groups []group, text string) {
	for a := 0; a < len(groups); {
		b := a
		for b+1 < len(groups) && text[groups[b].end:groups[b+1].start] == "." {
			b++
		}
		if b > a && isAmount(groups[a:b+1], text) {
			for k := a; k <= b; k++ {
				groups[k].run = a + 1
			}
			groups[a].first = true
			groups[b].last = true
		}
		a = b + 1
	}
}

func isAmount(groups []group, text string) bool {
	first := groups[0]
	n := first.end - first.start
	if n > 3 || n > 1 && text[first.start] == '0' {
		return false
	}
	// A leading + makes it an international phone number.
	if first.start > 0 && text[first.start-1] == '+' {
		return false
	}
	for _, g := range groups[1:] {
		if g.end-g.start != 3 {
			return false
		}
	}
	return money(text[groups[len(groups)-1].end:])
}

// money reports whether s, the text after a number, starts with the
// currency: "đồng", "đ" (also "Đ", "đ/tháng"), "VNĐ" or "VND" in any case,
// after at most one space.
func money(s string) bool {
	if len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	r, _ := utf8.DecodeRuneInString(s)
	if r == 'đ' || r == 'Đ' {
		return true
	}
	if len(s) >= 3 && strings.EqualFold(s[:2], "vn") {
		r, size := utf8.DecodeRuneInString(s[2:])
		if r == 'd' || r == 'D' || r == 'đ' || r == 'Đ' {
			next, _ := utf8.DecodeRuneInString(s[2+size:])
			return !unicode.IsLetter(next)
		}
	}
	return false
}

// matchChain appends the numbers found in one chain, taking at each place
// the longest stretch of groups that matches.
func matchChain(found []Finding, text string, groups []group, phoneOnly bool) []Finding {
	for a := 0; a < len(groups); {
		if groups[a].run != 0 && !groups[a].first {
			a++
			continue
		}
		best, bestKind := -1, Kind("")
		var buf [maxDigits]byte
		digits := buf[:0]
		for b := a; b < len(groups); b++ {
			g := groups[b]
			if len(digits)+g.end-g.start > maxDigits {
				break
			}
			digits = append(digits, text[g.start:g.end]...)
			if len(digits) < 9 || g.run != 0 && (!g.last || g.run == groups[a].run) {
				continue
			}
			if k := classify(text, groups[a:b+1], digits, phoneOnly); k != "" {
				best, bestKind = b, k
			}
		}
		if best < 0 {
			a++
			continue
		}
		start, end := groups[a].start, groups[best].end
		if start > 0 && text[start-1] == '+' {
			start--
		}
		// "(028) 3823 4567", "(+84) 912 345 678": keep the brackets paired.
		if start > 0 && text[start-1] == '(' && strings.IndexByte(text[start:end], ')') >= 0 {
			start--
		}
		found = append(found, Finding{Kind: bestKind, Start: start, End: end})
		a = best + 1
	}
	return found
}

// classify returns what groups, whose digits are d, form, or "".
func classify(text string, groups []group, d []byte, phoneOnly bool) Kind {
	if isPhone(d) {
		return Phone
	}
	if phoneOnly || len(d) != 9 && len(d) != 12 {
		return ""
	}
	first, last := groups[0], groups[len(groups)-1]
	if first.start > 0 && text[first.start-1] == '+' {
		return ""
	}
	for _, g := range groups[1:] {
		if g.end-g.start != first.end-first.start {
			return ""
		}
	}
	if len(groups) > 1 && first.end-first.start < 3 {
		return ""
	}
	// Digits glued to a word belong to a code (BL-202200012), not to a
	// person.
	if gluedBefore(text, first.start) || gluedAfter(text, last.end) {
		return ""
	}
	return IDNumber
}

// isPhone reports whether d (digits only) is a Vietnamese mobile number
// (0 and 9 digits starting 3, 5, 7, 8 or 9) or landline (02 and 9 digits),
// written nationally or with the country code 84 (also 0084, and the
// common +84 0… slip).
func isPhone(d []byte) bool {
	if len(d) > 4 && string(d[:4]) == "0084" {
		d = d[2:]
	}
	if len(d) > 2 && string(d[:2]) == "84" {
		d = d[2:]
		if len(d) > 0 && d[0] == '0' {
			d = d[1:]
		}
	} else if len(d) > 0 && d[0] == '0' {
		d = d[1:]
	} else {
		return false
	}
	switch len(d) {
	case 9:
		switch d[0] {
		case '3', '5', '7', '8', '9':
			return true
		}
	case 10:
		return d[0] == '2'
	}
	return false
}

func gluedBefore(text string, i int) bool {
	r, size := utf8.DecodeLastRuneInString(text[:i])
	if r == '-' || r == '_' {
		r, _ = utf8.DecodeLastRuneInString(text[:i-size])
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return unicode.IsLetter(r)
}

func gluedAfter(text string, i int) bool {
	r, size := utf8.DecodeRuneInString(text[i:])
	if r == '-' || r == '_' {
		r, _ = utf8.DecodeRuneInString(text[i+size:])
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return unicode.IsLetter(r)
}
