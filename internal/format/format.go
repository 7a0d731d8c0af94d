// Package format writes numbers, money, percentages, dates and periods the
// way readers of the site's language expect them: in Vietnamese "1.234.567",
// "99,1%", "7.500.000 đ", "05/04/2022", "Quý II/2022"; in English
// "1,234,567", "99.1%", "7,500,000 VND", "05/04/2022", "Q2 2022".
//
// Dates are day-first in both languages: the tables are read next to
// Vietnamese documents, and a month-first date would be misread there.
package format

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"giamsat/internal/period"
)

// Minus is the sign written before negative numbers and falling changes:
// U+2212, which screen readers read as "minus" and which is as wide as "+".
const Minus = "−"

// Formatter formats values in one language. The zero Formatter writes
// Vietnamese.
type Formatter struct {
	en bool
	p  *message.Printer
	w  *Words // nil: the built-in words of the language
}

// Words are the words a Formatter writes around figures. A theme's i18n
// files give them (format.* keys), so that a site can reword them and a
// third language can have its own; {n}, {year}, {roman} and {name} are
// filled in.
type Words struct {
	Month      string     // "tháng {n}/{year}", "{name} {year}"
	MonthNames [12]string // for {name}
	Quarter    string     // "Quý {roman}/{year}", "Q{n} {year}"
	Half       [2]string  // "6 tháng đầu năm {year}", "H1 {year}"
	Year       string     // "năm {year}", "{year}"
	Money      string     // "{n} đ", "{n} VND"
}

// New returns a Formatter for lang: "vi" (or "") is Vietnamese; English
// and any third language a theme adds group digits the English way (a
// theme gives the words with WithWords).
func New(lang string) Formatter {
	if lang != "vi" && lang != "" {
		return Formatter{en: true, p: message.NewPrinter(language.English)}
	}
	return Formatter{p: message.NewPrinter(language.Vietnamese)}
}

// WithWords returns f writing w's words for periods and amounts.
func (f Formatter) WithWords(w Words) Formatter {
	f.w = &w
	return f
}

// fill puts the values of the {name} places of tmpl.
func fill(tmpl string, pairs ...string) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		tmpl = strings.ReplaceAll(tmpl, pairs[i], pairs[i+1])
	}
	return tmpl
}

func (f Formatter) printer() *message.Printer {
	if f.p == nil {
		return message.NewPrinter(language.Vietnamese)
	}
	return f.p
}

func (f Formatter) decimalMark() string {
	if f.en {
		return "."
	}
	return ","
}

// Num writes an integer with thousands grouped: 1.234.567 (vi), 1,234,567 (en).
func (f Formatter) Num(n int64) string {
	if n < 0 {
		// x/text writes an ASCII hyphen; keep the sign the same everywhere.
		if n == math.MinInt64 {
			return Minus + f.printer().Sprintf("%d", uint64(1<<63))
		}
		return Minus + f.Num(-n)
	}
	return f.printer().Sprintf("%d", n)
}

// Dec writes x rounded to at most digits decimals, without trailing zeros:
// Dec(7.5, 1) is "7,5" (vi), Dec(91.0, 1) is "91", Dec(1234.56, 2) is "1.234,56".
// Rounding is half away from zero. NaN and infinities give "—".
func (f Formatter) Dec(x float64, digits int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "—"
	}
	if digits < 0 {
		digits = 0
	}
	if digits > 6 {
		digits = 6
	}
	scale := math.Pow10(digits)
	r := math.Round(math.Abs(x) * scale)
	if r >= 1<<62 {
		// Beyond int64: no reader needs these digits, but say something true.
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	units := int64(r)
	whole, frac := units/int64(scale), units%int64(scale)
	s := f.Num(whole)
	if frac != 0 {
		fs := strconv.FormatInt(frac, 10)
		fs = strings.Repeat("0", digits-len(fs)) + fs
		s += f.decimalMark() + strings.TrimRight(fs, "0")
	}
	if x < 0 && units != 0 {
		s = Minus + s
	}
	return s
}

// Pct writes a ratio as a percentage with at most one decimal:
// Pct(0.991) is "99,1%" (vi), "99.1%" (en); Pct(0.91) is "91%".
func (f Formatter) Pct(ratio float64) string {
	s := f.Dec(ratio*100, 1)
	if s == "—" {
		return s
	}
	return s + "%"
}

// Change writes a relative change as a signed whole percentage: Change(0.12)
// is "+12%", Change(-0.05) is "−5%", and a change that rounds to zero is "0%".
// Callers decide what to show when the previous value is zero (no ratio).
func (f Formatter) Change(ratio float64) string {
	s := f.Dec(ratio*100, 0)
	switch {
	case s == "—":
		return s
	case s == "0":
	case ratio > 0:
		s = "+" + s
	}
	return s + "%"
}

// Money writes an amount of đồng: "7.500.000 đ" (vi), "7,500,000 VND" (en).
func (f Formatter) Money(vnd int64) string {
	if f.w != nil {
		return fill(f.w.Money, "{n}", f.Num(vnd))
	}
	if f.en {
		return f.Num(vnd) + " VND"
	}
	return f.Num(vnd) + " đ"
}

// Date writes d as dd/mm/yyyy in both languages, or "" for no date.
func (f Formatter) Date(d period.Date) string {
	return d.VN()
}

// DateRange writes "15/03/2022 – 14/04/2022".
func (f Formatter) DateRange(first, last period.Date) string {
	return f.Date(first) + " – " + f.Date(last)
}

// LongDate writes the place and date line of a letter. In Vietnamese it
// follows Decree 30/2020: "Long An, ngày 05 tháng 4 năm 2022", with a leading
// zero for days under 10 and for months 1 and 2 (so that nothing can be
// written in front of them). In English: "Long An, 5 April 2022". An empty
// place leaves out the place and its comma.
func (f Formatter) LongDate(place string, d period.Date) string {
	if d.IsZero() {
		return place
	}
	y, m, day := d.YMD()
	var s string
	if f.en {
		s = strconv.Itoa(day) + " " + m.String() + " " + strconv.Itoa(y)
	} else {
		month := strconv.Itoa(int(m))
		if m <= time.February {
			month = "0" + month
		}
		s = "ngày " + twoDigits(day) + " tháng " + month + " năm " + strconv.Itoa(y)
	}
	if place == "" {
		return s
	}
	return place + ", " + s
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

var roman = [...]string{"", "I", "II", "III", "IV"}

// Period names p the way a report does, in lower case for use inside a
// sentence: "tháng 4/2022", "Quý II/2022", "6 tháng đầu năm 2022",
// "6 tháng cuối năm 2022", "năm 2022"; English "April 2022", "Q2 2022",
// "H1 2022", "2022". "Quý" keeps its capital, as official reports write it.
// Use Capital at the start of a sentence or heading.
func (f Formatter) Period(p period.Period) string {
	if !valid(p) {
		return p.String()
	}
	y := strconv.Itoa(p.Year)
	if w := f.w; w != nil {
		n := strconv.Itoa(p.N)
		switch p.Kind {
		case period.Month:
			return fill(w.Month, "{n}", n, "{year}", y, "{name}", w.MonthNames[p.N-1])
		case period.Quarter:
			return fill(w.Quarter, "{n}", n, "{year}", y, "{roman}", roman[p.N])
		case period.Half:
			return fill(w.Half[p.N-1], "{year}", y)
		case period.Year:
			return fill(w.Year, "{year}", y)
		}
		return ""
	}
	switch p.Kind {
	case period.Month:
		if f.en {
			return time.Month(p.N).String() + " " + y
		}
		return "tháng " + strconv.Itoa(p.N) + "/" + y
	case period.Quarter:
		if f.en {
			return "Q" + strconv.Itoa(p.N) + " " + y
		}
		return "Quý " + roman[p.N] + "/" + y
	case period.Half:
		if f.en {
			return "H" + strconv.Itoa(p.N) + " " + y
		}
		if p.N == 1 {
			return "6 tháng đầu năm " + y
		}
		return "6 tháng cuối năm " + y
	case period.Year:
		if f.en {
			return y
		}
		return "năm " + y
	}
	return ""
}

// valid reports whether p's number fits its kind; a Period built by hand
// may not.
func valid(p period.Period) bool {
	switch p.Kind {
	case period.Month:
		return p.N >= 1 && p.N <= 12
	case period.Quarter:
		return p.N >= 1 && p.N <= 4
	case period.Half:
		return p.N >= 1 && p.N <= 2
	}
	return true
}

// Capital upper-cases the first letter of s: "tháng 4/2022" → "Tháng 4/2022".
func Capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
