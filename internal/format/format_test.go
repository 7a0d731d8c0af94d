package format

import (
	"math"
	"testing"
	"time"

	"giamsat/internal/period"
)

var (
	vi = New("vi")
	en = New("en")
)

func TestNum(t *testing.T) {
	tests := []struct {
		n      int64
		vi, en string
	}{
		{0, "0", "0"},
		{7, "7", "7"},
		{999, "999", "999"},
		{1000, "1.000", "1,000"},
		{1234, "1.234", "1,234"},
		{1234567, "1.234.567", "1,234,567"},
		{-1234, "−1.234", "−1,234"},
		{math.MaxInt64, "9.223.372.036.854.775.807", "9,223,372,036,854,775,807"},
		{math.MinInt64, "−9.223.372.036.854.775.808", "−9,223,372,036,854,775,808"},
	}
	for _, tt := range tests {
		if got := vi.Num(tt.n); got != tt.vi {
			t.Errorf("vi.Num(%d) = %q, want %q", tt.n, got, tt.vi)
		}
		if got := en.Num(tt.n); got != tt.en {
			t.Errorf("en.Num(%d) = %q, want %q", tt.n, got, tt.en)
		}
	}
}

func TestZeroFormatterIsVietnamese(t *testing.T) {
	var f Formatter
	if got := f.Num(1234567); got != "1.234.567" {
		t.Errorf("zero Formatter Num = %q", got)
	}
	if got := New("fr").Num(1234567); got != "1,234,567" {
		t.Errorf("a third language writes numbers the English way: %q", got)
	}
}

func TestDec(t *testing.T) {
	tests := []struct {
		x      float64
		digits int
		vi, en string
	}{
		{7.5, 1, "7,5", "7.5"},
		{91, 1, "91", "91"},
		{99.14, 1, "99,1", "99.1"},
		{99.15, 1, "99,2", "99.2"}, // 99.15 is stored as 99.150000000000006
		{0.25, 1, "0,3", "0.3"},    // half away from zero
		{-0.25, 1, "−0,3", "−0.3"},
		{-0.04, 1, "0", "0"}, // no "−0"
		{1234.56, 2, "1.234,56", "1,234.56"},
		{1234.5, 2, "1.234,5", "1,234.5"},
		{1234567.891, 0, "1.234.568", "1,234,568"},
		{0.05, 2, "0,05", "0.05"},
		{12.5, -1, "13", "13"},
		{math.NaN(), 1, "—", "—"},
		{math.Inf(1), 1, "—", "—"},
	}
	for _, tt := range tests {
		if got := vi.Dec(tt.x, tt.digits); got != tt.vi {
			t.Errorf("vi.Dec(%v, %d) = %q, want %q", tt.x, tt.digits, got, tt.vi)
		}
		if got := en.Dec(tt.x, tt.digits); got != tt.en {
			t.Errorf("en.Dec(%v, %d) = %q, want %q", tt.x, tt.digits, got, tt.en)
		}
	}
}

func TestPctAndChange(t *testing.T) {
	tests := []struct {
		name   string
		f      func(Formatter, float64) string
		x      float64
		vi, en string
	}{
		{"pct", Formatter.Pct, 0.991, "99,1%", "99.1%"},
		{"pct", Formatter.Pct, 0.91, "91%", "91%"},
		{"pct", Formatter.Pct, 1, "100%", "100%"},
		{"pct", Formatter.Pct, 0, "0%", "0%"},
		{"pct", Formatter.Pct, 37.0 / 40, "92,5%", "92.5%"},
		{"pct", Formatter.Pct, 12.345, "1.234,5%", "1,234.5%"},
		{"pct", Formatter.Pct, math.NaN(), "—", "—"},
		{"change", Formatter.Change, 0.12, "+12%", "+12%"},
		{"change", Formatter.Change, -0.05, "−5%", "−5%"},
		{"change", Formatter.Change, 0.004, "0%", "0%"},
		{"change", Formatter.Change, -0.004, "0%", "0%"},
		{"change", Formatter.Change, 37.0/33 - 1, "+12%", "+12%"},
		{"change", Formatter.Change, 15, "+1.500%", "+1,500%"},
		{"change", Formatter.Change, math.Inf(1), "—", "—"},
	}
	for _, tt := range tests {
		if got := tt.f(vi, tt.x); got != tt.vi {
			t.Errorf("vi %s(%v) = %q, want %q", tt.name, tt.x, got, tt.vi)
		}
		if got := tt.f(en, tt.x); got != tt.en {
			t.Errorf("en %s(%v) = %q, want %q", tt.name, tt.x, got, tt.en)
		}
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		vnd    int64
		vi, en string
	}{
		{7500000, "7.500.000 đ", "7,500,000 VND"},
		{0, "0 đ", "0 VND"},
		{10000000, "10.000.000 đ", "10,000,000 VND"},
	}
	for _, tt := range tests {
		if got := vi.Money(tt.vnd); got != tt.vi {
			t.Errorf("vi.Money(%d) = %q, want %q", tt.vnd, got, tt.vi)
		}
		if got := en.Money(tt.vnd); got != tt.en {
			t.Errorf("en.Money(%d) = %q, want %q", tt.vnd, got, tt.en)
		}
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		d            period.Date
		date         string
		longVI, long string
	}{
		{period.New(2022, time.April, 5), "05/04/2022", "Long An, ngày 05 tháng 4 năm 2022", "Long An, 5 April 2022"},
		{period.New(2022, time.January, 15), "15/01/2022", "Long An, ngày 15 tháng 01 năm 2022", "Long An, 15 January 2022"},
		{period.New(2022, time.February, 9), "09/02/2022", "Long An, ngày 09 tháng 02 năm 2022", "Long An, 9 February 2022"},
		{period.New(2022, time.March, 10), "10/03/2022", "Long An, ngày 10 tháng 3 năm 2022", "Long An, 10 March 2022"},
		{period.New(2021, time.December, 31), "31/12/2021", "Long An, ngày 31 tháng 12 năm 2021", "Long An, 31 December 2021"},
		{0, "", "Long An", "Long An"},
	}
	for _, tt := range tests {
		for _, f := range []Formatter{vi, en} {
			if got := f.Date(tt.d); got != tt.date {
				t.Errorf("%+v.Date(%v) = %q, want %q", f, tt.d, got, tt.date)
			}
		}
		if got := vi.LongDate("Long An", tt.d); got != tt.longVI {
			t.Errorf("vi.LongDate(%v) = %q, want %q", tt.d, got, tt.longVI)
		}
		if got := en.LongDate("Long An", tt.d); got != tt.long {
			t.Errorf("en.LongDate(%v) = %q, want %q", tt.d, got, tt.long)
		}
	}
	if got := vi.LongDate("", period.New(2022, time.April, 1)); got != "ngày 01 tháng 4 năm 2022" {
		t.Errorf("LongDate without place = %q", got)
	}
	a, b := period.New(2022, time.March, 15), period.New(2022, time.April, 14)
	if got := vi.DateRange(a, b); got != "15/03/2022 – 14/04/2022" {
		t.Errorf("DateRange = %q", got)
	}
}

func TestPeriod(t *testing.T) {
	tests := []struct {
		p      string
		vi, en string
	}{
		{"2022-04", "tháng 4/2022", "April 2022"},
		{"2022-12", "tháng 12/2022", "December 2022"},
		{"2022-Q1", "Quý I/2022", "Q1 2022"},
		{"2022-Q2", "Quý II/2022", "Q2 2022"},
		{"2022-Q3", "Quý III/2022", "Q3 2022"},
		{"2022-Q4", "Quý IV/2022", "Q4 2022"},
		{"2022-H1", "6 tháng đầu năm 2022", "H1 2022"},
		{"2022-H2", "6 tháng cuối năm 2022", "H2 2022"},
		{"2022", "năm 2022", "2022"},
	}
	for _, tt := range tests {
		p, err := period.Parse(tt.p)
		if err != nil {
			t.Fatal(err)
		}
		if got := vi.Period(p); got != tt.vi {
			t.Errorf("vi.Period(%s) = %q, want %q", tt.p, got, tt.vi)
		}
		if got := en.Period(p); got != tt.en {
			t.Errorf("en.Period(%s) = %q, want %q", tt.p, got, tt.en)
		}
	}
	if got := vi.Period(period.Period{}); got != "" {
		t.Errorf("Period(zero) = %q", got)
	}
	// A hand-built period out of range falls back to its code, never panics.
	if got := vi.Period(period.Period{Kind: period.Quarter, Year: 2022, N: 7}); got != "2022-Q7" {
		t.Errorf("Period(Q7) = %q", got)
	}
}

func TestCapital(t *testing.T) {
	tests := []struct{ in, want string }{
		{"tháng 4/2022", "Tháng 4/2022"},
		{"đức hòa", "Đức hòa"},
		{"ấp", "Ấp"},
		{"", ""},
		{"Quý II/2022", "Quý II/2022"},
		{"6 tháng", "6 tháng"},
	}
	for _, tt := range tests {
		if got := Capital(tt.in); got != tt.want {
			t.Errorf("Capital(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
