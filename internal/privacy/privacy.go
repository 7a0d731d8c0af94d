// Package privacy finds personal data in text that is about to be
// published: phone numbers, identity numbers, email and web addresses.
// Case summaries and event notes go on the site as they are, and the site
// must never publish a child's personal information (Law on Children 2016,
// Article 21), so the build refuses text in which Scan finds anything.
//
// The scanner is written by hand rather than with regular expressions
// because the hard part is what it must not flag: amounts written the
// Vietnamese way (7.500.000), dates, years and case ids sit in the same
// text and differ from identity numbers only by context.
package privacy

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what a finding looks like.
type Kind string

const (
	Phone    Kind = "phone"     // Vietnamese mobile or landline number
	IDNumber Kind = "id-number" // CMND (9 digits) or CCCD (12 digits)
	Email    Kind = "email"
	URL      Kind = "url"
)

// Finding is one piece of text that looks like personal data. Start and
// End are byte offsets into the scanned text; Masked is the match as Mask
// shows it, safe to print.
type Finding struct {
	Kind       Kind
	Start, End int
	Masked     string
}

// Scan returns what in text looks like personal data, in text order and
// never overlapping. Web addresses are reported unless allowURLs (the
// site's publish.post_links); phone numbers inside an allowed address are
// still reported.
func Scan(text string, allowURLs bool) []Finding {
	norm, at := normalize(text)
	found := scan(norm, allowURLs)
	for i := range found {
		if at != nil {
			found[i].Start, found[i].End = at[found[i].Start], origEnd(text, at, found[i].End)
		}
		found[i].Masked = Mask(text[found[i].Start:found[i].End])
	}
	return found
}

func scan(text string, allowURLs bool) []Finding {
	var found []Finding
	pos := 0
	for _, l := range scanLinks(text) {
		found = scanNumbers(found, text, pos, l.Start, false)
		if l.Kind == URL && allowURLs {
			// Long numeric post and group ids are normal in links; a
			// phone number is not.
			found = scanNumbers(found, text, l.Start, l.End, true)
		} else {
			found = append(found, l)
		}
		pos = l.End
	}
	return scanNumbers(found, text, pos, len(text), false)
}

// MaskAll returns text with everything Scan finds in it masked.
func MaskAll(text string, allowURLs bool) string {
	found := Scan(text, allowURLs)
	if len(found) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, f := range found {
		b.WriteString(text[last:f.Start])
		b.WriteString(f.Masked)
		last = f.End
	}
	b.WriteString(text[last:])
	return b.String()
}

// Mask hides s except the first two and the last two of its letters and
// digits; separators stay, so the reader can still find the place. Text
// with four letters and digits or fewer is hidden entirely, and characters
// that could upset a terminal (controls, bidirectional overrides) are
// replaced too.
func Mask(s string) string {
	n := 0
	for _, r := range s {
		if significant(r) {
			n++
		}
	}
	keep := 2
	if n <= 2*keep {
		keep = 0
	}
	var b strings.Builder
	b.Grow(len(s))
	k := 0
	for _, r := range s {
		switch {
		case significant(r):
			if k < keep || k >= n-keep {
				b.WriteRune(r)
			} else {
				b.WriteByte('*')
			}
			k++
		case unicode.IsGraphic(r):
			b.WriteRune(r)
		default:
			b.WriteByte('*')
		}
	}
	return b.String()
}

func significant(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Describe returns the message for f in Vietnamese and in English: what
// was found (masked), why it cannot be published and what to do.
func (f Finding) Describe() (vi, en string) {
	var whatVI, whatEN, doVI, doEN string
	const (
		amountVI = "Hãy xóa thông tin này. Nếu đây là số tiền, hãy viết có dấu chấm phân cách hàng nghìn (ví dụ 100.000.000 đồng) để không bị nhầm là số định danh."
		amountEN = "Remove it. If it is an amount of money, write it with thousands separators (for example 100.000.000 đồng) so that it is not taken for an identity number."
	)
	switch f.Kind {
	case Phone:
		whatVI, whatEN = "số điện thoại", "a phone number"
		doVI, doEN = amountVI, amountEN
	case IDNumber:
		whatVI, whatEN = "số định danh CMND/CCCD", "an identity number (CMND/CCCD)"
		doVI, doEN = amountVI, amountEN
	case Email:
		whatVI, whatEN = "địa chỉ email", "an email address"
		doVI, doEN = "Hãy xóa địa chỉ này.", "Remove it."
	default:
		whatVI, whatEN = "địa chỉ web", "a web address"
		doVI = "Hãy xóa địa chỉ này; đường dẫn tới bài đăng ghi vào trường post_url, trường này chỉ được công bố khi publish.post_links là true."
		doEN = "Remove it; put the link to the post in post_url, which is published only when publish.post_links is true."
	}
	vi = fmt.Sprintf("phát hiện nội dung giống %s: %s. Nội dung này sẽ được công bố trên trang, nhưng thông tin cá nhân của trẻ em không được phép công bố (Luật Trẻ em 2016, Điều 21). %s", whatVI, f.Masked, doVI)
	en = fmt.Sprintf("found what looks like %s: %s. This text is published on the site, and a child's personal data must not be (Law on Children 2016, Art. 21). %s", whatEN, f.Masked, doEN)
	return vi, en
}

// scanLinks finds email and web addresses, in text order.
func scanLinks(text string) []Finding {
	var found []Finding
	for i := 0; i < len(text); {
		if !localByte(text[i]) || !wordStart(text, i) {
			i++
			continue
		}
		if n := schemeLen(text[i:]); n > 0 {
			if end := linkEnd(text, i+n); end > i+n {
				found = append(found, Finding{Kind: URL, Start: i, End: end})
				i = end
				continue
			}
		}
		if text[i]|0x20 == 'w' && hasPrefixFold(text[i:], "www.") && i+4 < len(text) && hostByte(text[i+4]) {
			end := linkEnd(text, i+4)
			found = append(found, Finding{Kind: URL, Start: i, End: end})
			i = end
			continue
		}
		// The local part of an email uses a superset of the characters
		// of a host name, so one word serves both tries.
		j := i
		for j < len(text) && localByte(text[j]) {
			j++
		}
		if j > i && j < len(text) && text[j] == '@' {
			if end, labels, tld := host(text, j+1); labels >= 2 && isLetters(tld) && len(tld) >= 2 {
				found = append(found, Finding{Kind: Email, Start: i, End: end})
				i = end
				continue
			}
		}
		if end, labels, tld := host(text, i); labels >= 2 && knownTLD(tld) &&
			end+1 < len(text) && text[end] == '/' {
			// A bare site name (facebook.com) names a platform, as the
			// word Facebook does; with a path it points at a page.
			if e := linkEnd(text, end+1); e > end+1 {
				found = append(found, Finding{Kind: URL, Start: i, End: e})
				i = e
				continue
			}
		}
		i = j
	}
	return found
}

// wordStart reports whether an address may begin at text[i]: the byte
// before it must not continue a word, a path or an address.
func wordStart(text string, i int) bool {
	if i == 0 {
		return true
	}
	c := text[i-1]
	return c >= utf8.RuneSelf || !(localByte(c) || c == '@' || c == '/')
}

// schemeLen returns the length of an http:// or https:// prefix of s, or 0.
func schemeLen(s string) int {
	if s[0]|0x20 != 'h' {
		return 0
	}
	for _, p := range [...]string{"http://", "https://"} {
		if hasPrefixFold(s, p) {
			return len(p)
		}
	}
	return 0
}

// linkEnd returns where an address that goes on from text[i] ends: at
// white space, a control character or a quote, less the punctuation that
// closes the sentence around it.
func linkEnd(text string, i int) int {
	end := i
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if unicode.IsSpace(r) || !unicode.IsGraphic(r) || strings.ContainsRune("\"<>`", r) {
			break
		}
		end += size
	}
	for end > i {
		r, size := utf8.DecodeLastRuneInString(text[i:end])
		if !strings.ContainsRune(".,;:!?)]}'\"”’»…", r) {
			break
		}
		end -= size
	}
	return end
}

// host reads a dotted host name from text[i:] and returns where it ends,
// how many labels it has and the last label.
func host(text string, i int) (end, labels int, tld string) {
	end = i
	for {
		j := end
		for j < len(text) && hostByte(text[j]) {
			j++
		}
		if j == end {
			return end, labels, tld
		}
		labels++
		tld = text[end:j]
		end = j
		if end+1 < len(text) && text[end] == '.' && hostByte(text[end+1]) {
			end++
			continue
		}
		return end, labels, tld
	}
}

// knownTLD lists the endings of bare addresses people write without
// http://; anything else (TP.HCM/…, 283.pdf/…) is not taken for one.
func knownTLD(s string) bool {
	switch strings.ToLower(s) {
	case "com", "net", "org", "vn", "info", "biz", "edu", "gov", "io", "me", "co",
		"tv", "ly", "gl", "be", "to", "cc", "app", "xyz", "site", "online", "top",
		"link", "asia", "us", "uk", "ru", "cn", "jp", "kr", "fm", "live", "news",
		"blog", "store", "shop", "vip", "club", "pro", "mobi":
		return true
	}
	return false
}

func hostByte(c byte) bool { return isAlnum(c) || c == '-' }

func localByte(c byte) bool {
	return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
