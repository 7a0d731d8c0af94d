package period

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Zone is Asia/Ho_Chi_Minh.
var zone = time.FixedZone("ICT", 7*3600)

// Zone returns the fixed UTC+07:00 zone all periods use.
func Zone() *time.Location { return zone }

// Date is a civil date, counted in days since 0001-01-01 plus one, so that
// the zero value means "no date".
type Date int32

const unixToInternal = 719162 // days from 0001-01-01 to 1970-01-01

// New returns the date y-m-d, normalising out-of-range months and days the
// way time.Date does (month 13 is January of the next year).
func New(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date(t.Unix()/86400 + unixToInternal + 1)
}

// DateOf returns the date of t in Vietnam time.
func DateOf(t time.Time) Date {
	t = t.In(zone)
	return New(t.Year(), t.Month(), t.Day())
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d == 0 }

func (d Date) time() time.Time {
	return time.Unix(int64(d-1-unixToInternal)*86400, 0).UTC()
}

// YMD returns the year, month and day.
func (d Date) YMD() (int, time.Month, int) {
	t := d.time()
	return t.Year(), t.Month(), t.Day()
}

// Year returns the year of d.
func (d Date) Year() int { y, _, _ := d.YMD(); return y }

// Month returns the month of d.
func (d Date) Month() time.Month { _, m, _ := d.YMD(); return m }

// Day returns the day of the month of d.
func (d Date) Day() int { _, _, dd := d.YMD(); return dd }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// Sub returns the number of days from e to d.
func (d Date) Sub(e Date) int { return int(d - e) }

// Midnight returns the start of d in Vietnam time.
func (d Date) Midnight() time.Time {
	y, m, dd := d.YMD()
	return time.Date(y, m, dd, 0, 0, 0, 0, zone)
}

// String returns the ISO form 2022-04-05, or "" for no date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.YMD()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), dd)
}

// VN returns the Vietnamese form 05/04/2022, or "" for no date.
func (d Date) VN() string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.YMD()
	return fmt.Sprintf("%02d/%02d/%04d", dd, int(m), y)
}

// Errors returned by the parsers; callers turn them into messages.
var (
	ErrFormat     = errors.New("not a date in the form YYYY-MM-DD or DD/MM/YYYY")
	ErrImpossible = errors.New("no such day in the calendar")
)

// ParseDate reads YYYY-MM-DD or the Vietnamese day-first DD/MM/YYYY (also
// D/M/YYYY). Month-first is never accepted: 04/12/2022 is 4 December.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	var y, m, d int
	var ok bool
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, ok = digits(s[0:4], 4, 4)
		if ok {
			m, ok = digits(s[5:7], 2, 2)
		}
		if ok {
			d, ok = digits(s[8:10], 2, 2)
		}
	case strings.Count(s, "/") == 2:
		parts := strings.Split(s, "/")
		d, ok = digits(parts[0], 1, 2)
		if ok {
			m, ok = digits(parts[1], 1, 2)
		}
		if ok {
			y, ok = digits(parts[2], 4, 4)
		}
	}
	if !ok {
		return 0, ErrFormat
	}
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return 0, ErrImpossible
	}
	return New(y, time.Month(m), d), nil
}

// ParseTime reads an RFC 3339 date-time, or a date as ParseDate does, which
// then means midnight in Vietnam time. The result is in Vietnam time.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (strings.ContainsAny(s[10:11], "Tt ")) {
		t, err := time.Parse(time.RFC3339, strings.Replace(s, " ", "T", 1))
		if err != nil {
			if _, derr := ParseDate(s[:10]); derr == ErrImpossible {
				return time.Time{}, ErrImpossible
			}
			return time.Time{}, fmt.Errorf("not an RFC 3339 date-time (2022-05-03T08:00:00+07:00): %w", ErrFormat)
		}
		// The offset can carry a moment out of the years a Date holds
		// (0000-12-31T00:00:00Z is year 0 in Vietnam, which is no date).
		if y := t.In(zone).Year(); y < 1 || y > 9999 {
			return time.Time{}, ErrImpossible
		}
		return t.In(zone), nil
	}
	d, err := ParseDate(s)
	if err != nil {
		return time.Time{}, err
	}
	return d.Midnight(), nil
}

// FormatTime writes t in RFC 3339 with the +07:00 offset.
func FormatTime(t time.Time) string { return t.In(zone).Format(time.RFC3339) }

func digits(s string, min, max int) (int, bool) {
	if len(s) < min || len(s) > max {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// The years a site's data may fall in. A date outside them is a typing
// slip (0001, 9999, 2202) and would cost a page for every month between it
// and the rest of the data: one case dated 0001-01-01 made 34,451 pages.
const (
	FirstYear = 2000
	LastYear  = 2099
)

// InWindow reports whether d falls in the years FirstYear to LastYear.
func (d Date) InWindow() bool {
	y := d.Year()
	return y >= FirstYear && y <= LastYear
}
