package stats

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"

	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/site"
)

// testConfig has its districts out of code order, so that tests see the
// difference between site order and code order.
func testConfig(startDay int) *site.Config {
	return &site.Config{
		OverdueAfterDays: 15,
		Reports:          site.Reports{Every: period.Month, DueDay: 5, PeriodStartDay: startDay},
		Districts: []site.District{
			{Code: "803", Name: "Huyện Bến Lức", Short: "Bến Lức"},
			{Code: "794", Name: "Thành phố Tân An", Short: "Tân An"},
			{Code: "802", Name: "Huyện Đức Hòa", Short: "Đức Hòa"},
		},
		Categories: []site.Item{{Key: "child-violence", Name: "Bạo lực"}, {Key: "privacy", Name: "Lộ thông tin"}},
		Platforms:  []site.Item{{Key: "facebook", Name: "Facebook"}, {Key: "tiktok", Name: "TikTok"}},
	}
}

func date(s string) period.Date {
	d, err := period.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func month(s string) period.Period {
	p, err := period.Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

func TestStatusIndexFollowsStatuses(t *testing.T) {
	for i, s := range export.Statuses {
		if got := statusIndex(s); got != i {
			t.Errorf("statusIndex(%s) = %d, want %d", s, got, i)
		}
	}
}

func TestIsOverdue(t *testing.T) {
	asOf := date("2022-05-31")
	tests := []struct {
		detected string
		status   export.Status
		want     bool
	}{
		{"2022-05-16", export.Detected, false}, // exactly 15 days
		{"2022-05-15", export.Detected, true},  // 16 days
		{"2022-05-15", export.Requested, true},
		{"2022-05-15", export.Referred, false}, // waits on another body
		{"2022-01-01", export.Removed, false},
		{"2022-01-01", export.Sanctioned, false},
		{"2022-01-01", export.Closed, false},
		{"2022-05-31", export.Detected, false},
	}
	for _, tt := range tests {
		c := &export.Case{DetectedOn: date(tt.detected), Status: tt.status}
		if got := IsOverdue(c, asOf, 15); got != tt.want {
			t.Errorf("IsOverdue(%s, %s) = %v, want %v", tt.detected, tt.status, got, tt.want)
		}
	}
}

func TestDaysOpen(t *testing.T) {
	asOf := date("2022-05-31")
	open := &export.Case{DetectedOn: date("2022-05-01"), Status: export.Referred}
	done := &export.Case{DetectedOn: date("2022-05-01"), Status: export.Removed, ResolvedOn: date("2022-05-04")}
	if got := DaysOpen(open, asOf); got != 30 {
		t.Errorf("open case: %d days, want 30", got)
	}
	if got := DaysOpen(done, asOf); got != 3 {
		t.Errorf("resolved case: %d days, want 3", got)
	}
}

func resolved(detected string, days int) export.Case {
	d := date(detected)
	return export.Case{DetectedOn: d, Status: export.Removed, ResolvedOn: d.AddDays(days)}
}

func TestMedian(t *testing.T) {
	open := export.Case{DetectedOn: date("2022-04-01"), Status: export.Detected}
	tests := []struct {
		name  string
		cases []export.Case
		want  float64
		has   bool
	}{
		{"none", nil, 0, false},
		{"only open", []export.Case{open}, 0, false},
		{"one", []export.Case{resolved("2022-04-01", 7)}, 7, true},
		{"odd", []export.Case{resolved("2022-04-01", 9), resolved("2022-04-02", 1), resolved("2022-04-03", 4)}, 4, true},
		{"even, half day", []export.Case{resolved("2022-04-01", 3), resolved("2022-04-01", 4), open, resolved("2022-04-01", 1), resolved("2022-04-01", 10)}, 3.5, true},
		{"even, whole", []export.Case{resolved("2022-04-01", 2), resolved("2022-04-01", 4)}, 3, true},
		{"same day", []export.Case{resolved("2022-04-01", 0), resolved("2022-04-01", 0)}, 0, true},
	}
	for _, tt := range tests {
		c := Tally(tt.cases, date("2022-06-01"), 15)
		if c.MedianDaysToResolve != tt.want || c.HasMedian != tt.has {
			t.Errorf("%s: median %v (%v), want %v (%v)", tt.name, c.MedianDaysToResolve, c.HasMedian, tt.want, tt.has)
		}
	}
}

func TestAsOf(t *testing.T) {
	cfg := testConfig(1)
	exports := []*export.File{
		{ExportedAt: ts("2022-05-03T08:00:00+07:00")},
		// 01:00 on 1 June in Vietnam, still 31 May in UTC.
		{ExportedAt: ts("2022-05-31T18:00:00Z")},
		{ExportedAt: ts("2022-05-20T08:00:00+07:00")},
	}
	if got := AsOf(cfg, exports); got != date("2022-06-01") {
		t.Errorf("AsOf = %s, want 2022-06-01", got)
	}
	if got := AsOf(cfg, nil); !got.IsZero() {
		t.Errorf("AsOf without exports = %s, want none", got)
	}
	cfg.AsOf = date("2022-04-30")
	if got := AsOf(cfg, exports); got != cfg.AsOf {
		t.Errorf("AsOf with as_of set = %s, want 2022-04-30", got)
	}
}

func TestMonthlyPeriodStartDay(t *testing.T) {
	cases := []export.Case{
		{ID: "a", DetectedOn: date("2022-04-14"), District: "794", Category: "privacy", Status: export.Detected},
		{ID: "b", DetectedOn: date("2022-04-15"), District: "794", Category: "privacy", Status: export.Detected},
		{ID: "c", DetectedOn: date("2021-12-15"), District: "794", Category: "privacy", Status: export.Detected},
	}
	tests := []struct {
		startDay int
		want     []string
	}{
		{1, []string{"2021-12 794 privacy 1", "2022-04 794 privacy 2"}},
		{15, []string{"2022-01 794 privacy 1", "2022-04 794 privacy 1", "2022-05 794 privacy 1"}},
	}
	for _, tt := range tests {
		sum := Compute(Input{Site: testConfig(tt.startDay), Cases: cases, AsOf: date("2022-06-01")})
		var got []string
		for _, m := range sum.Monthly {
			got = append(got, fmt.Sprintf("%s %s %s %d", m.Month, m.District, m.Category, m.Cases))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("start day %d: monthly %q, want %q", tt.startDay, got, tt.want)
		}
	}
}

func reportExport(district, p, at, file string) *export.File {
	return &export.File{File: file, District: district, Period: month(p), ExportedAt: ts(at)}
}

func TestReports(t *testing.T) {
	exports := []*export.File{
		// 2022-03 is the earliest period anyone reported; due 05/04.
		reportExport("803", "2022-03", "2022-04-05T23:59:59+07:00", "a.yaml"), // last second: on time
		reportExport("794", "2022-03", "2022-04-06T00:00:00+07:00", "b.yaml"), // first second after: late
		// 2022-04, due 05/05.
		reportExport("803", "2022-04", "2022-05-05T17:30:00Z", "c.yaml"),      // 00:30 on 06/05 in Vietnam: late
		reportExport("794", "2022-04", "2022-05-05T16:59:00Z", "d.yaml"),      // 23:59 on 05/05 in Vietnam: on time
		reportExport("794", "2022-04", "2022-05-01T08:00:00+07:00", "e.yaml"), // earlier report of the same: it counts
		reportExport("802", "2022-04", "2022-05-20T08:00:00+07:00", "f.yaml"),
		// Not reports: no district, another kind of period.
		{File: "g.yaml", Period: month("2022-02"), ExportedAt: ts("2022-03-01T08:00:00+07:00")},
		{File: "h.yaml", District: "802", Period: period.Period{Kind: period.Quarter, Year: 2021, N: 4}, ExportedAt: ts("2022-01-01T08:00:00+07:00")},
		// 2022-05 is due 05/06, after as_of: not owed yet, though reported.
		reportExport("802", "2022-05", "2022-06-01T08:00:00+07:00", "i.yaml"),
	}
	want := []string{
		"2022-03 803 on-time 2022-04-05 2022-04-05T23:59:59+07:00 a.yaml",
		"2022-03 794 late 2022-04-05 2022-04-06T00:00:00+07:00 b.yaml",
		"2022-03 802 missing 2022-04-05  ",
		"2022-04 803 late 2022-05-05 2022-05-06T00:30:00+07:00 c.yaml",
		"2022-04 794 on-time 2022-05-05 2022-05-01T08:00:00+07:00 e.yaml",
		"2022-04 802 late 2022-05-05 2022-05-20T08:00:00+07:00 f.yaml",
	}
	for _, asOf := range []string{"2022-05-05", "2022-06-04"} {
		sum := Compute(Input{Site: testConfig(1), Exports: exports, AsOf: date(asOf)})
		if got := reportLines(sum.Reports); !slices.Equal(got, want) {
			t.Errorf("as of %s:\n got %q\nwant %q", asOf, got, want)
		}
	}
	// One day before 2022-04 is due, only 2022-03 is owed.
	sum := Compute(Input{Site: testConfig(1), Exports: exports, AsOf: date("2022-05-04")})
	if got := reportLines(sum.Reports); !slices.Equal(got, want[:3]) {
		t.Errorf("as of 2022-05-04:\n got %q\nwant %q", got, want[:3])
	}
	// Before anything is due, nothing is owed.
	if sum := Compute(Input{Site: testConfig(1), Exports: exports, AsOf: date("2022-04-04")}); len(sum.Reports) != 0 {
		t.Errorf("as of 2022-04-04: %q, want none", reportLines(sum.Reports))
	}
	// No reports at all.
	if sum := Compute(Input{Site: testConfig(1), Exports: exports[6:8], AsOf: date("2023-01-01")}); len(sum.Reports) != 0 {
		t.Errorf("without reports: %q, want none", reportLines(sum.Reports))
	}
}

func TestReportsPeriodStartDay15(t *testing.T) {
	// With the cut-off on the 15th, 2022-04 ends on 14/04 and is due 05/05.
	exports := []*export.File{reportExport("803", "2022-04", "2022-05-05T10:00:00+07:00", "a.yaml")}
	sum := Compute(Input{Site: testConfig(15), Exports: exports, AsOf: date("2022-05-05")})
	got := reportLines(sum.Reports)
	want := []string{
		"2022-04 803 on-time 2022-05-05 2022-05-05T10:00:00+07:00 a.yaml",
		"2022-04 794 missing 2022-05-05  ",
		"2022-04 802 missing 2022-05-05  ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func reportLines(rs []Report) []string {
	var out []string
	for _, r := range rs {
		at := ""
		if !r.ExportedAt.IsZero() {
			at = period.FormatTime(r.ExportedAt)
		}
		out = append(out, fmt.Sprintf("%s %s %s %s %s %s", r.Period, r.District, r.Status, r.Due, at, r.File))
	}
	return out
}

// randomInput makes cases and district reports the way the reader would
// give them, with a few cases in a district the site does not list.
func randomInput(seed uint64, n int, startDay int) Input {
	r := rand.New(rand.NewPCG(seed, 1))
	cfg := testConfig(startDay)
	codes := []string{"803", "794", "802", "999"}
	first := date("2021-11-20")
	in := Input{Site: cfg, AsOf: date("2022-09-10")}
	for i := range n {
		c := export.Case{
			ID:         fmt.Sprintf("C%06d", i),
			DetectedOn: first.AddDays(r.IntN(290)),
			District:   codes[r.IntN(len(codes))],
			Category:   cfg.Categories[r.IntN(2)].Key,
			Platform:   cfg.Platforms[r.IntN(2)].Key,
			Status:     export.Statuses[r.IntN(len(export.Statuses))],
			Offender:   []string{"identified", "unidentified"}[r.IntN(2)],
		}
		if r.IntN(3) > 0 {
			c.Reach, c.HasReach = int64(r.IntN(100000)), true
		}
		if !c.Status.Open() {
			c.ResolvedOn = c.DetectedOn.AddDays(r.IntN(40))
		}
		if c.Status == export.Sanctioned && r.IntN(2) == 0 {
			c.FineVND, c.HasFine = 7500000, true
		}
		in.Cases = append(in.Cases, c)
	}
	for p := month("2021-12"); p.Year == 2021 || p.N <= 9; p = p.Next() {
		for _, code := range codes[:3] {
			for range r.IntN(3) { // none, one or two reports
				_, last := p.Span(startDay)
				at := last.Midnight().Add(time.Duration(r.IntN(40*24)) * time.Hour)
				in.Exports = append(in.Exports, &export.File{
					File: fmt.Sprintf("%s-%s-%d.yaml", code, p, len(in.Exports)), District: code, Period: p, ExportedAt: at,
				})
			}
		}
	}
	return in
}

// want recomputes the figures of one group the simplest way.
func want(cases []export.Case, keep func(*export.Case) bool, asOf period.Date, days int) Counts {
	var c Counts
	var took []int
	for i := range cases {
		x := &cases[i]
		if !keep(x) {
			continue
		}
		c.Total++
		open := x.Status == export.Detected || x.Status == export.Requested || x.Status == export.Referred
		if open {
			c.Open++
			age := asOf.Midnight().Sub(x.DetectedOn.Midnight()).Hours() / 24
			if age > float64(days) {
				c.PastDue++
				if x.Status != export.Referred {
					c.Overdue++
				}
			}
		} else if !x.ResolvedOn.IsZero() {
			took = append(took, max(0, int(x.ResolvedOn.Midnight().Sub(x.DetectedOn.Midnight()).Hours()/24)))
		}
		for j, s := range export.Statuses {
			if s == x.Status {
				c.ByStatus[j]++
			}
		}
		c.FinesVND += x.FineVND
		c.Reach += x.Reach
		if x.Offender == "identified" {
			c.Identified++
		}
	}
	sort.Ints(took)
	if n := len(took); n > 0 {
		c.HasMedian = true
		if n%2 == 1 {
			c.MedianDaysToResolve = float64(took[n/2])
		} else {
			c.MedianDaysToResolve = float64(took[n/2-1]+took[n/2]) / 2
		}
	}
	return c
}

func TestComputeAgainstSimpleLoops(t *testing.T) {
	for _, startDay := range []int{1, 15} {
		for seed := range uint64(4) {
			in := randomInput(seed, 3000, startDay)
			sum := Compute(in)
			name := fmt.Sprintf("start %d seed %d", startDay, seed)
			all := func(*export.Case) bool { return true }
			if w := want(in.Cases, all, in.AsOf, 15); sum.Total != w {
				t.Errorf("%s: total %+v, want %+v", name, sum.Total, w)
			}
			for i, d := range in.Site.Districts {
				got := sum.Districts[i]
				w := want(in.Cases, func(c *export.Case) bool { return c.District == d.Code }, in.AsOf, 15)
				if got.Code != d.Code || got.Name != d.Name || got.Counts != w {
					t.Errorf("%s: district %d = %+v, want %s %+v", name, i, got, d.Code, w)
				}
			}
			for i := range in.Cases {
				c := &in.Cases[i]
				old := c.Status.Open() && c.Status != export.Referred && int(in.AsOf-c.DetectedOn) > 15
				if sum.Overdue[i] != old {
					t.Fatalf("%s: Overdue[%d] = %v", name, i, sum.Overdue[i])
				}
			}
			checkMonthly(t, name, in, sum.Monthly)
			checkReports(t, name, in, sum.Reports)
		}
	}
}

func checkMonthly(t *testing.T, name string, in Input, got []MonthCount) {
	t.Helper()
	var rows []MonthCount
	codes := []string{"794", "802", "803", "999"} // byte order
	for p := month("2021-11"); p.Year < 2023; p = p.Next() {
		first, last := p.Span(in.Site.Reports.PeriodStartDay)
		for _, code := range codes {
			for _, cat := range []string{"child-violence", "privacy"} {
				n := 0
				for _, c := range in.Cases {
					if c.District == code && c.Category == cat && c.DetectedOn >= first && c.DetectedOn <= last {
						n++
					}
				}
				if n > 0 {
					rows = append(rows, MonthCount{Month: p, District: code, Category: cat, Cases: n})
				}
			}
		}
	}
	if !slices.Equal(got, rows) {
		t.Errorf("%s: monthly\n got %v\nwant %v", name, got, rows)
	}
}

func checkReports(t *testing.T, name string, in Input, got []Report) {
	t.Helper()
	start, dueDay := in.Site.Reports.PeriodStartDay, in.Site.Reports.DueDay
	var rows []Report
	for p := month("2021-01"); p.Year < 2023; p = p.Next() {
		_, last := p.Span(start)
		y, m, _ := last.YMD()
		due := period.New(y, m+1, dueDay)
		if due > in.AsOf {
			continue
		}
		earlier := false // is any report of this period or before?
		for _, e := range in.Exports {
			if period.Compare(e.Period, p) <= 0 {
				earlier = true
			}
		}
		if !earlier {
			continue
		}
		for _, d := range in.Site.Districts {
			r := Report{Period: p, District: d.Code, Status: Missing, Due: due}
			for _, e := range in.Exports {
				if e.Period == p && e.District == d.Code && (r.ExportedAt.IsZero() || e.ExportedAt.Before(r.ExportedAt)) {
					r.ExportedAt, r.File = e.ExportedAt, e.File
				}
			}
			if !r.ExportedAt.IsZero() {
				vn := r.ExportedAt.In(period.Zone())
				r.Status = OnTime
				if vn.Format("2006-01-02") > due.String() {
					r.Status = Late
				}
			}
			rows = append(rows, r)
		}
	}
	if len(got) != len(rows) {
		t.Fatalf("%s: %d report rows, want %d", name, len(got), len(rows))
	}
	for i := range rows {
		g, w := got[i], rows[i]
		if g.Period != w.Period || g.District != w.District || g.Status != w.Status || g.Due != w.Due || !g.ExportedAt.Equal(w.ExportedAt) || g.File != w.File {
			t.Errorf("%s: report %d = %+v, want %+v", name, i, g, w)
		}
	}
}

func TestGroup(t *testing.T) {
	in := randomInput(7, 2000, 1)
	got := Group(in.Cases, func(c *export.Case) string { return c.Platform }, in.AsOf, 15)
	if len(got) != 2 {
		t.Fatalf("%d groups, want 2", len(got))
	}
	for _, p := range in.Site.Platforms {
		w := want(in.Cases, func(c *export.Case) bool { return c.Platform == p.Key }, in.AsOf, 15)
		if got[p.Key] != w {
			t.Errorf("%s: %+v, want %+v", p.Key, got[p.Key], w)
		}
	}
	none := Group(in.Cases, func(*export.Case) string { return "" }, in.AsOf, 15)
	if len(none) != 0 {
		t.Errorf("empty keys made groups: %v", none)
	}
}

func BenchmarkCompute(b *testing.B) {
	in := randomInput(1, 100_000, 15)
	in.AsOf = 0 // found from the exports, as a build does
	b.ResetTimer()
	for b.Loop() {
		Compute(in)
	}
}

// A unit owes reports only for the periods it existed in: one that ended on
// 15 March owes March's, not April's; one that began on 1 April owes
// April's, not March's.
func TestReportsOnlyWhileInForce(t *testing.T) {
	cfg := testConfig(1)
	cfg.Districts[1].Until = date("2022-03-15") // 794
	cfg.Districts[2].Since = date("2022-04-01") // 802
	exports := []*export.File{
		reportExport("803", "2022-03", "2022-04-02T08:00:00+07:00", "a.yaml"),
		reportExport("803", "2022-04", "2022-05-02T08:00:00+07:00", "b.yaml"),
	}
	want := []string{
		"2022-03 803 on-time 2022-04-05 2022-04-02T08:00:00+07:00 a.yaml",
		"2022-03 794 missing 2022-04-05  ",
		"2022-04 803 on-time 2022-05-05 2022-05-02T08:00:00+07:00 b.yaml",
		"2022-04 802 missing 2022-05-05  ",
	}
	sum := Compute(Input{Site: cfg, Exports: exports, AsOf: date("2022-06-01")})
	if got := reportLines(sum.Reports); !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestPastDue(t *testing.T) {
	asOf := date("2022-05-31")
	for _, s := range export.Statuses {
		c := &export.Case{DetectedOn: date("2022-05-15"), Status: s}
		if got, want := PastDue(c, asOf, 15), s.Open(); got != want {
			t.Errorf("PastDue(%s) = %v, want %v", s, got, want)
		}
	}
}
