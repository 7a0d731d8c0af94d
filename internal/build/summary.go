package build

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Summary accounts for a run: every file and record read, and what was
// written.
type Summary struct {
	Lang  string // the site's language; "vi" when site.yaml could not be read
	Check bool   // nothing was to be written
	Out   string // the output folder, once publishing began

	Files    int // data files found
	Records  int // case records in them, valid or not
	Unique   int // cases after merging
	Updates  int // records that updated a case read earlier
	Rejected int // records left out because of errors
	Decoded  int // files decoded in this run rather than taken from the cache

	Pages   int // HTML pages published
	Written int // files published, pages included
	Kept    int // of those, files kept as an earlier build made them
	// Problems is the number of diagnostics; any publishes nothing.
	Problems int
	Elapsed  time.Duration
}

// Text is the one line a run ends with, in the site's language.
func (s Summary) Text() string {
	n := func(v int) string { return number(s.Lang, v) }
	var b strings.Builder
	b.WriteString("giamsat: ")
	b.WriteString(text(s.Lang,
		fmt.Sprintf("%s tệp, %s bản ghi, %s vụ việc (gộp %s bản cập nhật, loại %s)", n(s.Files), n(s.Records), n(s.Unique), n(s.Updates), n(s.Rejected)),
		fmt.Sprintf("%s files, %s records, %s cases (%s updates merged, %s rejected)", n(s.Files), n(s.Records), n(s.Unique), n(s.Updates), n(s.Rejected))))
	switch {
	case s.Problems > 0:
		b.WriteString(text(s.Lang,
			fmt.Sprintf(": %s lỗi, không xuất bản gì", n(s.Problems)),
			fmt.Sprintf(": %s %s, nothing published", n(s.Problems), plural(s.Problems, "problem", "problems"))))
	case s.Check:
		b.WriteString(text(s.Lang,
			fmt.Sprintf(": không có lỗi, trong %s", duration(s.Lang, s.Elapsed)),
			fmt.Sprintf(": no problems, in %s", duration(s.Lang, s.Elapsed))))
	default:
		b.WriteString(text(s.Lang,
			fmt.Sprintf(" → %s trang, %s tệp", n(s.Pages), n(s.Written)),
			fmt.Sprintf(" → %s pages, %s files", n(s.Pages), n(s.Written))))
		if s.Kept > 0 {
			b.WriteString(text(s.Lang,
				fmt.Sprintf(" (%s tệp không đổi)", n(s.Kept)),
				fmt.Sprintf(" (%s unchanged)", n(s.Kept))))
		}
		b.WriteString(text(s.Lang, " trong ", " in ") + duration(s.Lang, s.Elapsed))
	}
	return b.String()
}

// number groups thousands: 1.234.567 in Vietnamese, 1,234,567 in English.
func number(lang string, v int) string {
	digits := strconv.Itoa(v)
	sign := ""
	if v < 0 {
		sign, digits = "-", digits[1:]
	}
	sep := text(lang, ".", ",")
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// duration is milliseconds under a second, else seconds with one decimal
// (1,2 giây; 1.2 s).
func duration(lang string, d time.Duration) string {
	if d < time.Second {
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	}
	s := strconv.FormatFloat(d.Seconds(), 'f', 1, 64)
	if lang != "vi" && lang != "" {
		return s + " s"
	}
	return strings.Replace(s, ".", ",", 1) + " giây"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
