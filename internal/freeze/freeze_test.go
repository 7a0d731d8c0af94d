package freeze

import (
	"testing"
	"time"

	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/site"
	"giamsat/internal/stats"
)

const siteYAML = `title: T
organization: Sở Thông tin và Truyền thông tỉnh Long An
reports: {every: month, due_day: 5, close_after_days: 30}
districts:
  - {code: "1", name: Huyện A}
  - {code: "2", name: Huyện B}
categories: [{key: c, name: C}]
platforms: [{key: p, name: P}]
`

func config(t *testing.T) *site.Config {
	t.Helper()
	cfg, diags := site.Parse("site.yaml", []byte(siteYAML))
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	return cfg
}

func day(s string) period.Date {
	d, err := period.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// report is unit's April 2022 report exported on the day, with cases.
func report(unit, on string, cases ...export.Case) *export.File {
	at := day(on).Midnight().Add(8 * time.Hour)
	for i := range cases {
		cases[i].ExportedAt = at
	}
	return &export.File{File: "data/" + unit + "-" + on + ".yaml", Unit: unit, District: unit,
		Period: period.Period{Kind: period.Month, Year: 2022, N: 4}, ExportedAt: at, Cases: cases}
}

func kase(id, detected string, s export.Status) export.Case {
	c := export.Case{ID: id, DetectedOn: day(detected), District: "1", Platform: "p", Category: "c", Status: s, Offender: "unidentified"}
	if !s.Open() {
		c.ResolvedOn = c.DetectedOn
	}
	return c
}

var april = period.Period{Kind: period.Month, Year: 2022, N: 4}

// TestClosings: a period closes when it is due and every unit owing a
// report has sent it, at the latest close_after_days after the due day,
// and is frozen only once that day has come.
func TestClosings(t *testing.T) {
	tests := []struct {
		name     string
		b        string // the day unit B reported; "" for never
		asOf     string
		day      string
		complete bool
		frozen   bool
	}{
		{"all before the due day: closes on it", "2022-05-04", "2022-06-30", "2022-05-05", true, true},
		{"the last one late: closes when it came", "2022-05-19", "2022-06-30", "2022-05-19", true, true},
		{"one missing: due + 30 days", "", "2022-06-30", "2022-06-04", false, true},
		{"one later than due + 30: due + 30", "2022-06-20", "2022-06-30", "2022-06-04", false, true},
		{"not yet closed on as_of", "", "2022-05-20", "2022-06-04", false, false},
		{"closed on as_of itself", "2022-05-20", "2022-05-20", "2022-05-20", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config(t)
			exports := []*export.File{report("1", "2022-05-03", kase("A-1", "2022-04-10", export.Detected))}
			if tt.b != "" {
				exports = append(exports, report("2", tt.b))
			}
			cases := exports[0].Cases
			x := stats.Compute(stats.Input{Site: cfg, Cases: cases, Exports: exports, AsOf: day(tt.asOf)})
			c := Closings(cfg, x)[april]
			if c.Day != day(tt.day) || c.Complete != tt.complete || c.Frozen != tt.frozen || c.Due != day("2022-05-05") {
				t.Errorf("closing %+v, want day %s complete %v frozen %v", c, tt.day, tt.complete, tt.frozen)
			}
			if tt.frozen != (c.Seq > 0) {
				t.Errorf("seq %d for frozen %v", c.Seq, tt.frozen)
			}
		})
	}
}

// TestSeq numbers the frozen reports of a calendar year in order of
// closing day, then kind: April's report before the quarter's when both
// close on the same day.
func TestSeq(t *testing.T) {
	cfg := config(t)
	var exports []*export.File
	for m := 1; m <= 6; m++ {
		for _, u := range []string{"1", "2"} {
			e := report(u, period.New(2022, time.Month(m+1), 1).String())
			e.Period.N = m
			exports = append(exports, e)
		}
	}
	x := stats.Compute(stats.Input{Site: cfg, Exports: exports, AsOf: day("2022-08-01")})
	cs := Closings(cfg, x)
	q2 := period.Period{Kind: period.Quarter, Year: 2022, N: 2}
	june := period.Period{Kind: period.Month, Year: 2022, N: 6}
	if cs[june].Day != cs[q2].Day || cs[june].Seq+1 != cs[q2].Seq {
		t.Errorf("June %+v, Q2 %+v: same day, the month first", cs[june], cs[q2])
	}
	if jan := cs[period.Period{Kind: period.Month, Year: 2022, N: 1}]; jan.Seq != 1 {
		t.Errorf("January is report %d, want 1", jan.Seq)
	}
	if y := cs[period.Period{Kind: period.Year, Year: 2022}]; y.Frozen || y.Seq != 0 {
		t.Errorf("the year is not over, yet %+v", y)
	}
}

// TestFigures: a correction exported after the closing day does not reach
// the frozen figures; one exported before it does, and so does a case
// whose detection day was corrected into the month before the close.
func TestFigures(t *testing.T) {
	cfg := config(t)
	exports := []*export.File{
		report("1", "2022-05-03", kase("A-1", "2022-04-10", export.Detected), kase("A-2", "2022-03-28", export.Detected)),
		report("2", "2022-05-04"),
	}
	// Before the close (5 May): A-2 was really detected in April.
	fix := report("1", "2022-05-05", kase("A-2", "2022-04-02", export.Removed))
	fix.Period, fix.District = period.Period{}, ""
	// After the close: A-1 removed, and a case found late.
	late := report("1", "2022-06-10", kase("A-1", "2022-04-10", export.Removed), kase("A-3", "2022-04-20", export.Detected))
	late.Period, late.District = period.Period{}, ""
	exports = append(exports, fix, late)

	x := stats.Compute(stats.Input{Site: cfg, Exports: exports, AsOf: day("2022-06-30")})
	cs := Closings(cfg, x)
	fz := Figures(cfg, exports, cs)[april]
	if fz == nil {
		t.Fatal("April is not frozen")
	}
	c := fz.Summary.Counts(april, "", "")
	if c.Total != 2 || c.Open != 1 || c.Status(export.Removed) != 1 || fz.AsOf != day("2022-05-05") {
		t.Errorf("frozen April: %+v as of %s, want A-1 open and A-2 removed as of 05/05/2022", c, fz.AsOf)
	}
	if m := fz.Province(april.Prev()); m.Total != 0 {
		t.Errorf("frozen March holds %d cases, want none (A-2 moved to April)", m.Total)
	}
}
