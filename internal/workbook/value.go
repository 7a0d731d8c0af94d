package workbook

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"giamsat/internal/period"
)

// value reads the cell at row, col of a field of kind k into the scalar
// the YAML reader validates: an empty cell is null (an optional field
// left out), a date is written as the YAML would write it, a number as
// digits. What cannot be read is left as text, and the validator says
// what is wrong with it, as it would in a YAML file.
func (b *builder) value(g *grid, row, col int, k kind) *yaml.Node {
	c := g.at(row, col)
	line, column := row, enc(g.no, col)
	s := strings.TrimSpace(c.v)
	if s == "" {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: line, Column: column}
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Line: line, Column: column}
	switch k {
	case date:
		n.Value = b.dateText(c, s, false)
	case moment:
		n.Value = b.dateText(c, s, true)
	case month:
		// Typed into a cell not formatted as text, 2024-11 is 1 November
		// 2024 to Excel; the month is what was meant.
		if t, ok := serialTime(s, b.date1904); c.num && ok {
			n.Value = t.Format("2006-01")
		}
	case number:
		if v, ok := whole(c, s); ok {
			n.Tag, n.Value = "!!int", v
		}
	case list:
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line, Column: column}
		for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
			if part = strings.TrimSpace(part); part != "" {
				seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: part, Line: line, Column: column})
			}
		}
		return seq
	}
	return n
}

// timeOfDay is a time after a date typed as text: "12/04/2024 08:30".
var timeOfDay = regexp.MustCompile(`^(\S+)\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$`)

// dateText writes a date cell as the YAML takes it. An Excel date (a
// number) becomes 2024-04-12, or with its time of day, for exported_at,
// 2024-04-12T08:30:00+07:00: Excel keeps no time zone, and the units are
// in Vietnam. A case date keeps only its day. Text is read as written,
// after a time of day is taken off (case dates) or joined to it
// (exported_at).
func (b *builder) dateText(c cell, s string, withTime bool) string {
	if c.num {
		t, ok := serialTime(s, b.date1904)
		if !ok {
			return s
		}
		if withTime && (t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0) {
			return period.FormatTime(t)
		}
		return period.DateOf(t).String()
	}
	m := timeOfDay.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	if !withTime {
		return m[1]
	}
	d, err := period.ParseDate(m[1])
	h, _ := strconv.Atoi(m[2])
	mi, _ := strconv.Atoi(m[3])
	sec, _ := strconv.Atoi(m[4])
	if err != nil || h > 23 || mi > 59 || sec > 59 {
		return s
	}
	y, mo, day := d.YMD()
	return period.FormatTime(time.Date(y, mo, day, h, mi, sec, 0, period.Zone()))
}

// Excel's day 0: 30 December 1899 in the 1900 system (which counts a 29
// February 1900 that never was, so the days before March 1900 are one
// off: no export is dated then, and the validator refuses such years),
// 1 January 1904 in the 1904 system of old Mac workbooks.
var (
	epoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// maxSerial is 31 December 9999, Excel's last day.
const maxSerial = 2958465

// serialTime reads an Excel date serial as a time in Vietnam, to the
// nearest second.
func serialTime(s string, date1904 bool) (time.Time, bool) {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || x < 0 || x > maxSerial {
		return time.Time{}, false
	}
	e := epoch1900
	if date1904 {
		e = epoch1904
	}
	days := math.Floor(x)
	secs := int(math.Round((x - days) * 86400))
	y, m, d := e.AddDate(0, 0, int(days)).Date()
	return time.Date(y, m, d, 0, 0, secs, 0, period.Zone()), true
}

// toSerial is the 1900-system serial of t's wall-clock time in Vietnam.
func toSerial(t time.Time) float64 {
	t = t.In(period.Zone())
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	secs := t.Hour()*3600 + t.Minute()*60 + t.Second()
	return math.Round(day.Sub(epoch1900).Hours()/24) + float64(secs)/86400
}

// grouped is a whole number written with thousands separators, as
// Vietnamese write them: 7.500.000, 7 500 000.
var grouped = regexp.MustCompile(`^\d{1,3}(?:[.\x{00A0} ]\d{3})+$`)

// whole reads a whole number: an Excel number with no fraction, or text
// of digits, with or without thousands separators. Anything else is left
// to the validator to refuse.
func whole(c cell, s string) (string, bool) {
	if c.num {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || x != math.Trunc(x) || math.Abs(x) >= 1<<53 {
			return "", false
		}
		return strconv.FormatInt(int64(x), 10), true
	}
	if grouped.MatchString(s) {
		s = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
	}
	if _, err := strconv.ParseInt(s, 10, 64); err != nil {
		return "", false
	}
	return s, true
}
