package stats

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"giamsat/internal/export"
	"giamsat/internal/merge"
	"giamsat/internal/period"
	"giamsat/internal/sample"
	"giamsat/internal/site"
)

// sampleInput writes a sample site, edits its site.yaml with the given
// replacements, and reads it the way a build does: every export, merged,
// counted.
func sampleInput(tb testing.TB, opt sample.Options, edits ...string) fixture {
	tb.Helper()
	dir := tb.TempDir()
	if err := sample.Write(dir, opt); err != nil {
		tb.Fatal(err)
	}
	if len(edits) > 0 {
		name := filepath.Join(dir, site.FileName)
		b, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		text := strings.NewReplacer(edits...).Replace(string(b))
		if text == string(b) {
			tb.Fatalf("edits %q changed nothing in site.yaml", edits)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	cfg, diags := site.Load(dir)
	if cfg == nil {
		tb.Fatal(diags)
	}
	var exports []*export.File
	err := filepath.WalkDir(filepath.Join(dir, "data"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		// A period start day other than the sample's own makes some
		// records fall outside their report's period: they are left
		// out with a message, which is not what this test is about.
		if e, _ := export.ReadFile(filepath.ToSlash(rel), b, cfg); e != nil {
			exports = append(exports, e)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	res, _ := merge.Merge(exports)
	return withCases(cfg, res.Cases, exports)
}

// fixture is a site's cases and exports with their summary.
type fixture struct {
	Input
	Summary *Summary
}

func withCases(cfg *site.Config, cases []export.Case, exports []*export.File) fixture {
	in := Input{Site: cfg, Cases: cases, Exports: exports}
	return fixture{in, Compute(in)}
}

// oddCases are cases the reader would not let through, which the index
// must still count the way Group does: keys outside site.yaml,
// empty keys, a detection after as_of.
func oddCases(cfg *site.Config, asOf period.Date) []export.Case {
	d := cfg.Districts[0].Code
	cat, plat := cfg.Categories[0].Key, cfg.Platforms[0].Key
	mk := func(id, district, category, platform string, detected period.Date, status export.Status) export.Case {
		c := export.Case{ID: id, District: district, Category: category, Platform: platform, DetectedOn: detected,
			Status: status, Offender: "identified", Reach: 10, FineVND: 1000}
		if !status.Open() {
			c.ResolvedOn = detected.AddDays(3)
		}
		return c
	}
	return []export.Case{
		mk("ZZ-1", d, cat, "zalo", asOf.AddDays(-40), export.Detected),
		mk("ZZ-2", d, cat, "", asOf.AddDays(-40), export.Removed),
		mk("ZZ-3", d, "", plat, asOf.AddDays(-2), export.Requested),
		mk("ZZ-4", "999", cat, plat, asOf.AddDays(-100), export.Referred),
		mk("ZZ-5", "", "", "", asOf.AddDays(-100), export.Closed),
		mk("ZZ-6", d, cat, plat, asOf.AddDays(45), export.Detected),
		mk("ZZ-7", d, cat, plat, asOf.AddDays(45), export.Sanctioned),
		mk("ZZ-8", d, "unknown", plat, asOf.AddDays(400), export.Requested),
	}
}

// recount is the figures of the chosen cases, counted the plainest way
// (see want).
func recount(cases []export.Case, chosen []int, asOf period.Date, overdueAfter int) Counts {
	in := make(map[*export.Case]bool, len(chosen))
	for _, i := range chosen {
		in[&cases[i]] = true
	}
	return want(cases, func(c *export.Case) bool { return in[c] }, asOf, overdueAfter)
}

// wantIndex groups the cases by every key the index keeps, one case and
// one key at a time, and recounts each group.
func wantIndex(in fixture) map[string]map[string]Counts {
	cfg := in.Site
	start := cfg.Reports.PeriodStartDay
	groups := map[string]map[string][]int{}
	put := func(table, key string, i int) {
		if groups[table] == nil {
			groups[table] = map[string][]int{}
		}
		groups[table][key] = append(groups[table][key], i)
	}
	for i, c := range in.Cases {
		if c.Category != "" {
			put("category", c.Category, i)
		}
		if c.Platform != "" {
			put("platform", c.Platform, i)
		}
		put("district|category", c.District+"|"+c.Category, i)
		put("district|platform", c.District+"|"+c.Platform, i)
		put("category|platform", c.Category+"|"+c.Platform, i)
		// The period by its dates, not by period.Of.
		y, m, d := c.DetectedOn.YMD()
		if start > 1 && d >= start {
			if m++; m > 12 {
				m, y = 1, y+1
			}
		}
		for _, p := range []string{fmt.Sprintf("%04d-%02d", y, m), fmt.Sprintf("%04d-Q%d", y, (m-1)/3+1), fmt.Sprintf("%04d", y)} {
			put("period", p, i)
			put("period|district", p+"|"+c.District, i)
			put("period|category", p+"|"+c.Category, i)
		}
	}
	out := map[string]map[string]Counts{}
	for table, keys := range groups {
		out[table] = map[string]Counts{}
		for k, chosen := range keys {
			out[table][k] = recount(in.Cases, chosen, in.Summary.AsOf, cfg.OverdueAfterDays)
		}
	}
	return out
}

func TestGroupsAgainstNaiveGrouping(t *testing.T) {
	tests := []struct {
		name  string
		opt   sample.Options
		edits []string
		odd   bool
	}{
		{"calendar months", sample.Options{Cases: 1500, Seed: 1, Years: 2, Districts: 4}, nil, false},
		{"start day 15", sample.Options{Cases: 1500, Seed: 2, Years: 2, Districts: 3}, []string{"period_start_day: 1 ", "period_start_day: 15"}, false},
		{"start day 28, odd cases", sample.Options{Cases: 800, Seed: 3, Years: 1, Districts: 3}, []string{"period_start_day: 1 ", "period_start_day: 28"}, true},
		{"as_of before the last cases", sample.Options{Cases: 800, Seed: 4, Years: 2, Districts: 2},
			[]string{"overdue_after_days: 15", "overdue_after_days: 30\nas_of: 2022-08-14"}, true},
		{"no cases", sample.Options{Cases: 0, Seed: 5, Years: 1, Districts: 2}, nil, false},
		{"odd cases only", sample.Options{Cases: 0, Seed: 6, Years: 1, Districts: 2}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := sampleInput(t, tt.opt, tt.edits...)
			if tt.odd {
				asOf := in.Summary.AsOf
				if asOf.IsZero() {
					asOf = period.New(2022, 3, 10)
				}
				cases := append(slices.Clone(in.Cases), oddCases(in.Site, asOf)...)
				slices.SortFunc(cases, func(a, b export.Case) int { return strings.Compare(a.ID, b.ID) })
				in = withCases(in.Site, cases, in.Exports)
				in.AsOf = asOf
				in.Summary = Compute(in.Input)
			}
			if tt.opt.Cases > 0 && len(in.Cases) < tt.opt.Cases/2 {
				t.Fatalf("only %d cases read", len(in.Cases))
			}
			x := in.Summary
			want := wantIndex(in)
			for _, g := range []struct {
				table string
				got   map[string]Counts
			}{
				{"category", x.byCategory},
				{"platform", x.byPlatform},
				{"district|category", x.byDistrictCategory},
				{"district|platform", x.byDistrictPlatform},
				{"category|platform", x.byCategoryPlatform},
				{"period", x.byPeriod},
				{"period|district", x.byPeriodDistrict},
				{"period|category", x.byPeriodCategory},
			} {
				w := want[g.table]
				if len(g.got) != len(w) {
					t.Errorf("%s: %d groups, want %d: %v", g.table, len(g.got), len(w), slices.Sorted(maps.Keys(w)))
				}
				for k, wc := range w {
					if gc, ok := g.got[k]; !ok || gc != wc {
						t.Errorf("%s %q:\n got %+v\nwant %+v", g.table, k, gc, wc)
					}
				}
			}
			checkIndexCells(t, in, x)
			checkDistrictCases(t, in, x)
			checkReportsFor(t, in, x)
		})
	}
}

// checkIndexCells recounts cases per period, district and category.
func checkIndexCells(t *testing.T, in fixture, x *Summary) {
	t.Helper()
	want := map[string]int{}
	for _, c := range in.Cases {
		for _, k := range Kinds() {
			want[period.Of(k, c.DetectedOn, in.Site.Reports.PeriodStartDay).String()+"|"+c.District+"|"+c.Category]++
		}
	}
	if !maps.Equal(x.cells, want) {
		t.Errorf("cells differ:\n got %v\nwant %v", x.cells, want)
	}
}

func checkDistrictCases(t *testing.T, in fixture, x *Summary) {
	t.Helper()
	for j, d := range in.Site.Districts {
		var want []int32
		for i, c := range in.Cases {
			if c.District == d.Code {
				want = append(want, int32(i))
			}
		}
		if !slices.Equal(x.districtCases[j], want) {
			t.Errorf("district %s: cases %v, want %v", d.Code, x.districtCases[j], want)
		}
	}
}

// checkReportsFor compares reportsFor with the report rows whose period
// starts and ends within the asked one, found by dates.
func checkReportsFor(t *testing.T, in fixture, x *Summary) {
	t.Helper()
	start := in.Site.Reports.PeriodStartDay
	codes := []string{""}
	for _, d := range in.Site.Districts {
		codes = append(codes, d.Code)
	}
	var periods []period.Period
	for _, k := range Kinds() {
		periods = append(periods, x.Periods(k)...)
	}
	if len(in.Summary.Reports) > 0 && len(periods) == 0 {
		t.Fatal("reports but no periods")
	}
	for _, p := range periods {
		first, last := p.Span(start)
		for _, code := range codes {
			var want []Report
			for _, r := range in.Summary.Reports {
				f, l := r.Period.Span(start)
				if f >= first && l <= last && (code == "" || r.District == code) {
					want = append(want, r)
				}
			}
			if got := x.ReportsFor(p, code); !slices.Equal(got, want) {
				t.Errorf("reports of %s in %q: %d rows, want %d", p, code, len(got), len(want))
			}
		}
	}
}

// A site with no input at all, not even a sample's reports.
func TestGroupsEmpty(t *testing.T) {
	x := withCases(testConfig(1), nil, nil).Summary
	for name, m := range map[string]map[string]Counts{
		"category": x.byCategory, "platform": x.byPlatform, "period": x.byPeriod,
		"period|district": x.byPeriodDistrict, "district|category": x.byDistrictCategory,
	} {
		if len(m) != 0 {
			t.Errorf("%s: %v", name, m)
		}
	}
	if len(x.cells) != 0 || len(x.months) != 0 {
		t.Errorf("cells %v, months %v", x.cells, x.months)
	}
	if got := x.Counts(period.Period{Kind: period.Month, Year: 2022, N: 4}, "794", ""); got != (Counts{}) {
		t.Errorf("counts of an empty month = %+v", got)
	}
}
