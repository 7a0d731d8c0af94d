package sample

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"giamsat/internal/period"
)

// style is how one export file is written. Real exports come from
// different hands and tools, and the reader must take them all.
type style struct {
	dates        int    // 0: 2022-04-05, 1: 05/04/2022, 2: 5/4/2022
	catName      bool   // categories by display name instead of key
	platName     bool   // platforms by display name instead of key
	caseDistrict string // written on every case when not ""
	bom          bool
	crlf         bool
	nfd          bool // Vietnamese in decomposed form, as some Mac tools save it
}

// oldTones rewrites a name with the old tone-mark placement (Hoà for Hòa),
// which the reader must take as the same name.
var oldTones = strings.NewReplacer(
	"òa", "oà", "óa", "oá", "ỏa", "oả", "õa", "oã", "ọa", "oạ",
	"ùy", "uỳ", "úy", "uý", "ủy", "uỷ", "ũy", "uỹ", "ụy", "uỵ",
)

// districtForm picks one of the ways staff write a district.
func districtForm(r *rand.Rand, d *district) string {
	switch x := r.IntN(100); {
	case x < 50:
		return d.Short
	case x < 65:
		return d.Name
	case x < 80 && len(d.Aliases) > 0:
		return d.Aliases[r.IntN(len(d.Aliases))]
	case x < 90:
		return d.Code
	default:
		return oldTones.Replace(d.Short)
	}
}

// reportStyle picks how one district report is written.
func reportStyle(r *rand.Rand, d *district) style {
	st := style{
		catName:  r.IntN(100) < 15,
		platName: r.IntN(100) < 15,
		bom:      r.IntN(100) < 5,
		crlf:     r.IntN(100) < 10,
		nfd:      r.IntN(100) < 5,
	}
	switch x := r.IntN(100); {
	case x < 70:
		st.dates = 0
	case x < 90:
		st.dates = 1
	default:
		st.dates = 2
	}
	if r.IntN(100) < 10 {
		st.caseDistrict = districtForm(r, d)
	}
	return st
}

// writer builds one export file in memory; files are small enough, and
// written one at a time.
type writer struct {
	b  []byte
	st style
}

func (w *writer) line(indent int, key, value string) {
	for range indent {
		w.b = append(w.b, ' ')
	}
	w.b = append(w.b, key...)
	w.b = append(w.b, ':')
	if value != "" {
		w.b = append(w.b, ' ')
		w.b = append(w.b, value...)
	}
	w.b = append(w.b, '\n')
}

func (w *writer) date(d period.Date) string {
	y, m, day := d.YMD()
	switch w.st.dates {
	case 1:
		return d.VN()
	case 2:
		return strconv.Itoa(day) + "/" + strconv.Itoa(int(m)) + "/" + strconv.Itoa(y)
	}
	return d.String()
}

// exportedAt writes when the export was made; bare is a date alone, which
// means midnight.
func (w *writer) exportedAt(t time.Time, bare bool) string {
	if bare {
		return w.date(period.DateOf(t))
	}
	return period.FormatTime(t)
}

// record writes story s as it stood on day.
func (w *writer) record(s *story, day period.Date, district string) {
	status, resolved, n := s.state(day)
	w.line(2, "- id", s.id)
	w.line(4, "detected_on", w.date(s.detected))
	if district != "" {
		w.line(4, "district", scalar(district))
	}
	if w.st.platName {
		w.line(4, "platform", scalar(platforms[s.platform].Name))
	} else {
		w.line(4, "platform", platforms[s.platform].Key)
	}
	if w.st.catName {
		w.line(4, "category", scalar(categories[s.category].Name))
	} else {
		w.line(4, "category", categories[s.category].Key)
	}
	w.line(4, "summary", scalar(s.summary))
	if s.reach >= 0 {
		w.line(4, "reach", strconv.FormatInt(s.reach, 10))
	}
	if s.identified {
		w.line(4, "offender", "identified")
	} else {
		w.line(4, "offender", "unidentified")
	}
	w.line(4, "status", status)
	if status == "referred" {
		w.line(4, "referred_to", s.referredTo)
	}
	if !resolved.IsZero() {
		w.line(4, "resolved_on", w.date(resolved))
	}
	if status == "sanctioned" && s.fine > 0 {
		w.line(4, "fine_vnd", strconv.FormatInt(s.fine, 10))
	}
	if s.postURL != "" {
		w.line(4, "post_url", s.postURL)
	}
	if s.basis {
		w.line(4, "basis", "["+directiveSlug+"]")
	}
	if s.history {
		w.line(4, "events", "")
		for _, e := range s.events[:n] {
			w.line(6, "- date", w.date(e.date))
			w.line(8, "action", e.action)
			if e.note != "" {
				w.line(8, "note", scalar(e.note))
			}
		}
	}
}

// bytes returns the file as the style saves it.
func (w *writer) bytes() []byte {
	b := w.b
	if w.st.nfd {
		b = norm.NFD.Bytes(b)
	}
	if w.st.crlf {
		b = bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
	}
	if w.st.bom {
		b = append([]byte("\ufeff"), b...)
	}
	return b
}

// scalar writes s as a YAML scalar: plain where YAML reads it back as the
// same string, double-quoted otherwise.
func scalar(s string) string {
	if plain(s) {
		return s
	}
	return strconv.Quote(s)
}

func plain(s string) bool {
	if s == "" || s != strings.TrimSpace(s) || strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@`0123456789.+~") {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") || strings.ContainsAny(s, "\t\n\r\"\\") {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "y", "n":
		return false
	}
	return true
}
