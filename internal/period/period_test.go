package period

import (
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  error
	}{
		{"2022-04-12", "2022-04-12", nil},
		{"12/04/2022", "2022-04-12", nil},
		{"5/4/2022", "2022-04-05", nil},
		{"05/4/2022", "2022-04-05", nil},
		{" 2022-02-28 ", "2022-02-28", nil},
		{"29/02/2024", "2024-02-29", nil},
		{"29/02/2022", "", ErrImpossible},
		{"31/04/2022", "", ErrImpossible},
		{"2022-13-01", "", ErrImpossible},
		{"00/01/2022", "", ErrImpossible},
		{"2022/04/12", "", ErrFormat},
		{"12-04-2022", "", ErrFormat},
		{"12/04/22", "", ErrFormat},
		{"2022-4-12", "", ErrFormat},
		{"April 12, 2022", "", ErrFormat},
		{"", "", ErrFormat},
		{"１２/04/2022", "", ErrFormat},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if !errors.Is(err, tt.err) {
			t.Errorf("ParseDate(%q) error = %v, want %v", tt.in, err, tt.err)
			continue
		}
		if got.String() != tt.want {
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestDayFirstNeverMonthFirst(t *testing.T) {
	// 04/12/2022 is the fourth of December in Vietnam, never April 12.
	d, err := ParseDate("04/12/2022")
	if err != nil || d.Month() != time.December || d.Day() != 4 {
		t.Fatalf("got %v, %v", d, err)
	}
	if _, err := ParseDate("12/31/2022"); err == nil {
		t.Fatal("month-first 12/31/2022 accepted")
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2022-05-03T08:00:00+07:00", "2022-05-03T08:00:00+07:00", true},
		{"2022-05-03T01:00:00Z", "2022-05-03T08:00:00+07:00", true},
		{"2022-05-03T20:00:00Z", "2022-05-04T03:00:00+07:00", true},
		{"2022-05-03", "2022-05-03T00:00:00+07:00", true},
		{"03/05/2022", "2022-05-03T00:00:00+07:00", true},
		{"2022-05-03T08:00:00", "", false},
		{"2022-02-30T08:00:00+07:00", "", false},
		{"yesterday", "", false},
	}
	for _, tt := range tests {
		got, err := ParseTime(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseTime(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && FormatTime(got) != tt.want {
			t.Errorf("ParseTime(%q) = %s, want %s", tt.in, FormatTime(got), tt.want)
		}
	}
}

func TestDateOfUsesVietnamTime(t *testing.T) {
	utc := time.Date(2022, 4, 30, 18, 30, 0, 0, time.UTC) // 01:30 on 1 May in Vietnam
	if got := DateOf(utc).String(); got != "2022-05-01" {
		t.Fatalf("DateOf = %s", got)
	}
}

func TestDateArithmetic(t *testing.T) {
	a, b := New(2022, 4, 12), New(2022, 4, 20)
	if b.Sub(a) != 8 || a.AddDays(8) != b {
		t.Fatal("Sub/AddDays disagree")
	}
	if New(2022, 13, 1).String() != "2023-01-01" || New(2022, 3, 0).String() != "2022-02-28" {
		t.Fatal("New does not normalise")
	}
	if a.VN() != "12/04/2022" || Date(0).String() != "" || !Date(0).IsZero() {
		t.Fatal("formatting")
	}
	if New(1, 1, 1).IsZero() {
		t.Fatal("first day of year 1 must not be the zero date")
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in   string
		want Period
		ok   bool
	}{
		{"2022-04", Period{Month, 2022, 4}, true},
		{"2022-Q2", Period{Quarter, 2022, 2}, true},
		{"2022-H1", Period{Half, 2022, 1}, true},
		{"2022-H2", Period{Half, 2022, 2}, true},
		{"2022", Period{Year, 2022, 0}, true},
		{"2022-13", Period{}, false},
		{"2022-Q5", Period{}, false},
		{"2022-H3", Period{}, false},
		{"2022-4", Period{}, false},
		{"04/2022", Period{}, false},
		{"", Period{}, false},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok && got.String() != tt.in {
			t.Errorf("String() = %q, want %q", got.String(), tt.in)
		}
	}
}

// The spans below are written out by hand from contract §4.
func TestSpanAndDue(t *testing.T) {
	tests := []struct {
		p                string
		start            int
		first, last, due string
	}{
		{"2022-04", 1, "2022-04-01", "2022-04-30", "2022-05-05"},
		{"2022-12", 1, "2022-12-01", "2022-12-31", "2023-01-05"},
		{"2022-02", 1, "2022-02-01", "2022-02-28", "2022-03-05"},
		{"2022-Q2", 1, "2022-04-01", "2022-06-30", "2022-07-05"},
		{"2022-H2", 1, "2022-07-01", "2022-12-31", "2023-01-05"},
		{"2022", 1, "2022-01-01", "2022-12-31", "2023-01-05"},
		{"2022-04", 15, "2022-03-15", "2022-04-14", "2022-05-05"},
		{"2022-01", 15, "2021-12-15", "2022-01-14", "2022-02-05"},
		{"2022-Q2", 15, "2022-03-15", "2022-06-14", "2022-07-05"},
		{"2022", 15, "2021-12-15", "2022-12-14", "2023-01-05"},
	}
	for _, tt := range tests {
		p, _ := Parse(tt.p)
		first, last := p.Span(tt.start)
		due := p.Due(tt.start, 5)
		if first.String() != tt.first || last.String() != tt.last || due.String() != tt.due {
			t.Errorf("%s start %d: %s..%s due %s; want %s..%s due %s", tt.p, tt.start, first, last, due, tt.first, tt.last, tt.due)
		}
	}
}

func TestOf(t *testing.T) {
	tests := []struct {
		date  string
		kind  Kind
		start int
		want  string
	}{
		{"2022-04-14", Month, 15, "2022-04"},
		{"2022-04-15", Month, 15, "2022-05"},
		{"2022-12-15", Month, 15, "2023-01"},
		{"2022-12-15", Year, 15, "2023"},
		{"2022-12-14", Year, 15, "2022"},
		{"2022-06-14", Quarter, 15, "2022-Q2"},
		{"2022-06-15", Quarter, 15, "2022-Q3"},
		{"2022-06-30", Quarter, 1, "2022-Q2"},
		{"2022-07-01", Half, 1, "2022-H2"},
		{"2022-04-30", Month, 1, "2022-04"},
	}
	for _, tt := range tests {
		d, _ := ParseDate(tt.date)
		p := Of(tt.kind, d, tt.start)
		if p.String() != tt.want {
			t.Errorf("Of(%s, %s, %d) = %s, want %s", tt.kind, tt.date, tt.start, p, tt.want)
		}
		if !p.Contains(d, tt.start) {
			t.Errorf("%s does not contain %s", p, tt.date)
		}
	}
}

func TestShift(t *testing.T) {
	tests := []struct{ p, next, prev string }{
		{"2022-12", "2023-01", "2022-11"},
		{"2022-01", "2022-02", "2021-12"},
		{"2022-Q4", "2023-Q1", "2022-Q3"},
		{"2022-Q1", "2022-Q2", "2021-Q4"},
		{"2022-H2", "2023-H1", "2022-H1"},
		{"2022", "2023", "2021"},
	}
	for _, tt := range tests {
		p, _ := Parse(tt.p)
		if p.Next().String() != tt.next || p.Prev().String() != tt.prev {
			t.Errorf("%s: next %s prev %s", tt.p, p.Next(), p.Prev())
		}
	}
	p, _ := Parse("2022-Q2")
	if p.YearAgo().String() != "2021-Q2" {
		t.Error("YearAgo")
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2022-04-12", "12/04/2022", "5/4/2022", "31/04/2022", "0/0/0000", "9999-12-31", "2022-05-03T08:00:00+07:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		// A date that parses must print back to a form that parses to itself.
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("%q → %s → %v, %v", s, d, again, err)
		}
		if vn, err := ParseDate(d.VN()); err != nil || vn != d {
			t.Fatalf("%q → %s → %v, %v", s, d.VN(), vn, err)
		}
		if _, err := ParseTime(s); err != nil {
			t.Fatalf("ParseTime rejects date %q: %v", s, err)
		}
	})
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2022-04", "2022-Q2", "2022-H1", "2022", "2022-13", "0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			return
		}
		if again, err := Parse(p.String()); err != nil || again != p {
			t.Fatalf("%q → %v → %v, %v", s, p, again, err)
		}
		for _, start := range []int{1, 15} {
			first, last := p.Span(start)
			if first > last || p.Next().Prev() != p {
				t.Fatalf("%v: bad span or shift", p)
			}
		}
	})
}
