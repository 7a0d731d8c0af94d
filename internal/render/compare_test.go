package render

import (
	"testing"

	"giamsat/internal/period"
)

// TestCountChange: a percentage only on a base of 10 or more, the two
// counts below it, and "chưa có số liệu" before the data.
func TestCountChange(t *testing.T) {
	cfg := fixtureConfig()
	cases := fixtureCases()
	r := newRenderer(nil, loadTheme(t, cfg), input(cfg, cases, fixtureExports(cases)))
	tests := []struct {
		cur, before int64
		known       bool
		want        Change
	}{
		{6, 3, true, Change{"3 → 6", "up"}},
		{0, 9, true, Change{"9 → 0", "down"}},
		{4, 4, true, Change{"4 → 4", "same"}},
		{20, 10, true, Change{"+100%", "up"}},
		{9, 12, true, Change{"−25%", "down"}},
		{10, 10, true, Change{"0%", "same"}},
		{6, 0, false, Change{"chưa có số liệu", ""}},
		{1234, 1000, true, Change{"+23%", "up"}},
	}
	for _, tt := range tests {
		if got := r.countChange(tt.cur, tt.before, tt.known, r.f.Num); got != tt.want {
			t.Errorf("countChange(%d, %d, %v) = %+v, want %+v", tt.cur, tt.before, tt.known, got, tt.want)
		}
	}

	// The fixture's data begin in March 2022 (its first case).
	month := func(s string) period.Period {
		p, err := period.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	for p, want := range map[string]bool{"2021-05": false, "2022-02": false, "2022-03": true, "2022-Q1": true, "2021": false, "2022-06": true} {
		if got := r.hasData(month(p), ""); got != want {
			t.Errorf("hasData(%s) = %v, want %v", p, got, want)
		}
	}
}
