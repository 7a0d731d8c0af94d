package period

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Kind is the length of a period.
type Kind uint8

const (
	None Kind = iota
	Month
	Quarter
	Half
	Year
)

// ParseKind reads the reports.every setting ("month" or "quarter").
func ParseKind(s string) (Kind, bool) {
	switch s {
	case "month":
		return Month, true
	case "quarter":
		return Quarter, true
	}
	return None, false
}

func (k Kind) String() string {
	return [...]string{"none", "month", "quarter", "half", "year"}[k]
}

// months is the number of calendar months a period of kind k spans.
func (k Kind) months() int {
	return [...]int{0, 1, 3, 6, 12}[k]
}

// Period is one reporting period. N is the month (1-12), quarter (1-4) or
// half (1-2) within Year; it is 0 for a year. The zero Period is "none".
type Period struct {
	Kind Kind
	Year int
	N    int
}

// ErrPeriod is returned for text that is not a period.
var ErrPeriod = errors.New("not a period: write YYYY-MM, YYYY-Qn, YYYY-H1, YYYY-H2 or YYYY")

// Parse reads YYYY-MM, YYYY-Qn, YYYY-H1, YYYY-H2 or YYYY.
func Parse(s string) (Period, error) {
	s = strings.TrimSpace(s)
	if len(s) < 4 {
		return Period{}, ErrPeriod
	}
	y, ok := digits(s[:4], 4, 4)
	if !ok || y < 1 {
		return Period{}, ErrPeriod
	}
	rest := s[4:]
	if rest == "" {
		return Period{Kind: Year, Year: y}, nil
	}
	if rest[0] != '-' || len(rest) < 2 {
		return Period{}, ErrPeriod
	}
	rest = rest[1:]
	switch {
	case len(rest) == 2 && (rest[0] == 'Q' || rest[0] == 'q'):
		if n, ok := digits(rest[1:], 1, 1); ok && n >= 1 && n <= 4 {
			return Period{Kind: Quarter, Year: y, N: n}, nil
		}
	case len(rest) == 2 && (rest[0] == 'H' || rest[0] == 'h'):
		if n, ok := digits(rest[1:], 1, 1); ok && n >= 1 && n <= 2 {
			return Period{Kind: Half, Year: y, N: n}, nil
		}
	case len(rest) == 2:
		if n, ok := digits(rest, 2, 2); ok && n >= 1 && n <= 12 {
			return Period{Kind: Month, Year: y, N: n}, nil
		}
	}
	return Period{}, ErrPeriod
}

// IsZero reports whether p is "no period".
func (p Period) IsZero() bool { return p.Kind == None }

// String gives the canonical form: 2022-04, 2022-Q2, 2022-H1, 2022.
func (p Period) String() string {
	switch p.Kind {
	case Month:
		return fmt.Sprintf("%04d-%02d", p.Year, p.N)
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", p.Year, p.N)
	case Half:
		return fmt.Sprintf("%04d-H%d", p.Year, p.N)
	case Year:
		return fmt.Sprintf("%04d", p.Year)
	}
	return ""
}

// firstMonth is the calendar month the period is named from.
func (p Period) firstMonth() time.Month {
	if p.Kind == Year {
		return time.January
	}
	return time.Month((p.N-1)*p.Kind.months() + 1)
}

// Span returns the first and last day of p. With startDay 1 these are
// calendar periods; with startDay 15 month 2022-04 runs 15/03 to 14/04
// (the state reporting cut-off of Decree 09/2019).
func (p Period) Span(startDay int) (first, last Date) {
	m1 := p.firstMonth()
	m2 := m1 + time.Month(p.Kind.months()) - 1
	if startDay <= 1 {
		return New(p.Year, m1, 1), New(p.Year, m2+1, 0)
	}
	return New(p.Year, m1-1, startDay), New(p.Year, m2, startDay-1)
}

// Due returns the day the report for p is due: dueDay of the month after
// the period's last day.
func (p Period) Due(startDay, dueDay int) Date {
	_, last := p.Span(startDay)
	y, m, _ := last.YMD()
	return New(y, m+1, dueDay)
}

// Contains reports whether d falls in p.
func (p Period) Contains(d Date, startDay int) bool {
	first, last := p.Span(startDay)
	return d >= first && d <= last
}

// Of returns the period of kind k that d falls in.
func Of(k Kind, d Date, startDay int) Period {
	y, m, day := d.YMD()
	if startDay > 1 && day >= startDay {
		// The days from the cut-off on belong to the next month's period.
		m++
		if m > time.December {
			m = time.January
			y++
		}
	}
	switch k {
	case Month:
		return Period{Kind: Month, Year: y, N: int(m)}
	case Quarter:
		return Period{Kind: Quarter, Year: y, N: (int(m)-1)/3 + 1}
	case Half:
		return Period{Kind: Half, Year: y, N: (int(m)-1)/6 + 1}
	case Year:
		return Period{Kind: Year, Year: y}
	}
	return Period{}
}

// MonthOf is Of(Month, d, startDay).
func MonthOf(d Date, startDay int) Period { return Of(Month, d, startDay) }

// Next returns the period after p, of the same kind.
func (p Period) Next() Period { return p.shift(1) }

// Prev returns the period before p, of the same kind.
func (p Period) Prev() Period { return p.shift(-1) }

// YearAgo returns the same period one year earlier.
func (p Period) YearAgo() Period { p.Year--; return p }

func (p Period) shift(by int) Period {
	if p.Kind == Year {
		p.Year += by
		return p
	}
	per := 12 / p.Kind.months()
	i := p.Year*per + (p.N - 1) + by
	p.Year, p.N = i/per, i%per+1
	return p
}

// Compare orders periods by start month, then longer first.
func Compare(a, b Period) int {
	if a.Year != b.Year {
		return a.Year - b.Year
	}
	if am, bm := a.firstMonth(), b.firstMonth(); am != bm {
		return int(am) - int(bm)
	}
	return int(b.Kind) - int(a.Kind)
}
