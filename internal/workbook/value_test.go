package workbook

import (
	"testing"
	"time"

	"giamsat/internal/period"
)

func TestWhole(t *testing.T) {
	tests := []struct {
		c    cell
		want string
		ok   bool
	}{
		{cell{v: "7500000", num: true}, "7500000", true},
		{cell{v: "7.5E6", num: true}, "7500000", true},
		{cell{v: "1500.5", num: true}, "", false},
		{cell{v: "7500000"}, "7500000", true},
		{cell{v: "7.500.000"}, "7500000", true},
		{cell{v: "7 500 000"}, "7500000", true},
		{cell{v: "7\u00a0500"}, "7500", true},
		{cell{v: "15.00"}, "", false},
		{cell{v: "7,500,000"}, "", false},
		{cell{v: "mười"}, "", false},
	}
	for _, tt := range tests {
		got, ok := whole(tt.c, tt.c.v)
		if got != tt.want || ok != tt.ok {
			t.Errorf("whole(%+v) = %q, %v; want %q, %v", tt.c, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDateText(t *testing.T) {
	b1900, b1904 := &builder{}, &builder{date1904: true}
	nov5 := toSerial(time.Date(2024, 11, 5, 0, 0, 0, 0, period.Zone()))
	tests := []struct {
		b        *builder
		c        cell
		withTime bool
		want     string
	}{
		{b1900, cell{v: "45601", num: true}, false, "2024-11-05"},
		{b1904, cell{v: "44139", num: true}, false, "2024-11-05"},
		{b1900, cell{v: "45601.75", num: true}, false, "2024-11-05"},
		{b1900, cell{v: "45601.75", num: true}, true, "2024-11-05T18:00:00+07:00"},
		{b1900, cell{v: "45601", num: true}, true, "2024-11-05"},
		{b1900, cell{v: "05/11/2024"}, false, "05/11/2024"},
		{b1900, cell{v: "05/11/2024 08:30"}, false, "05/11/2024"},
		{b1900, cell{v: "05/11/2024 08:30"}, true, "2024-11-05T08:30:00+07:00"},
		{b1900, cell{v: "05/11/2024 25:30"}, true, "05/11/2024 25:30"},
		{b1900, cell{v: "-3", num: true}, false, "-3"},
	}
	if nov5 != 45601 {
		t.Fatalf("toSerial(5/11/2024) = %v", nov5)
	}
	for _, tt := range tests {
		if got := tt.b.dateText(tt.c, tt.c.v, tt.withTime); got != tt.want {
			t.Errorf("dateText(%+v, %v, 1904 %v) = %q, want %q", tt.c, tt.withTime, tt.b.date1904, got, tt.want)
		}
	}
}
