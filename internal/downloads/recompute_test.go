package downloads_test

// This test checks the published CSV figures against a second, deliberately
// naive reading of the generated exports: plain yaml.v3 into plain structs,
// names matched by stripping every diacritic, merging by a map. It shares no
// code with the reader, the merge or the aggregation it checks.

import (
	"context"
	"encoding/csv"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"giamsat/internal/build"
	"giamsat/internal/sample"
)

type naiveFile struct {
	Export struct {
		District   string `yaml:"district"`
		Period     string `yaml:"period"`
		ExportedAt string `yaml:"exported_at"`
	} `yaml:"export"`
	Cases []naiveCase `yaml:"cases"`
}

type naiveCase struct {
	ID         string `yaml:"id"`
	DetectedOn string `yaml:"detected_on"`
	District   string `yaml:"district"`
	Category   string `yaml:"category"`
	Platform   string `yaml:"platform"`
	Status     string `yaml:"status"`
	ResolvedOn string `yaml:"resolved_on"`
	ReferredTo string `yaml:"referred_to"`
	Fine       string `yaml:"fine_vnd"`

	at time.Time // the export's time, for the merge
}

type naiveSite struct {
	Districts []struct {
		Code    string   `yaml:"code"`
		Name    string   `yaml:"name"`
		Short   string   `yaml:"short"`
		Aliases []string `yaml:"aliases"`
	} `yaml:"districts"`
	Categories []struct {
		Key  string `yaml:"key"`
		Name string `yaml:"name"`
	} `yaml:"categories"`
	OverdueAfterDays int `yaml:"overdue_after_days"`
	Reports          struct {
		DueDay int `yaml:"due_day"`
	} `yaml:"reports"`
}

var vn = time.FixedZone("ICT", 7*3600)

// bare strips marks, spaces and punctuation: "TP. Tân An" and "tp tan an"
// become "tptanan". Old and new tone placement ("Hoà", "Hòa") agree too.
func bare(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r == 'đ':
			b.WriteRune('d')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func day(t *testing.T, s string) time.Time {
	t.Helper()
	for _, layout := range []string{"2006-01-02", "2/1/2006"} {
		if d, err := time.ParseInLocation(layout, s, vn); err == nil {
			return d
		}
	}
	if d, err := time.Parse(time.RFC3339, s); err == nil {
		return d
	}
	t.Fatalf("naive reader: cannot read the date %q", s)
	return time.Time{}
}

func days(a, b time.Time) int { return int(math.Round(b.Sub(a).Hours() / 24)) }

type naiveDistrict struct {
	total, open, overdue, removed, sanctioned, referred, closed int
	fines                                                       int64
	resolveDays                                                 []int
}

func TestCSVFiguresRecomputed(t *testing.T) {
	for _, seed := range []int64{1, 2, 3, 11} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			dir := t.TempDir()
			if err := sample.Write(dir, sample.Options{Cases: 400, Seed: seed, Years: 2}); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			_, diags, err := build.Run(context.Background(), build.Options{Source: dir, Out: out})
			if err != nil || len(diags) > 0 {
				t.Fatalf("build: %v %v", err, diags)
			}
			checkRecomputed(t, dir, out)
		})
	}
}

func checkRecomputed(t *testing.T, dir, out string) {
	var cfg naiveSite
	readYAML(t, filepath.Join(dir, "site.yaml"), &cfg)
	district := map[string]string{}
	category := map[string]string{}
	for _, d := range cfg.Districts {
		for _, n := range append([]string{d.Code, d.Name, d.Short}, d.Aliases...) {
			district[bare(n)] = d.Code
		}
	}
	for _, c := range cfg.Categories {
		category[bare(c.Key)], category[bare(c.Name)] = c.Key, c.Key
	}

	latest := map[string]naiveCase{}
	type owed struct{ period, code string }
	firstReport := map[owed]time.Time{}
	var asOf time.Time
	err := filepath.WalkDir(filepath.Join(dir, "data"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		var f naiveFile
		readYAML(t, p, &f)
		at := day(t, f.Export.ExportedAt)
		if at.After(asOf) {
			asOf = at
		}
		code := district[bare(f.Export.District)]
		if code != "" && f.Export.Period != "" {
			k := owed{f.Export.Period, code}
			if first, ok := firstReport[k]; !ok || at.Before(first) {
				firstReport[k] = at
			}
		}
		for _, c := range f.Cases {
			if c.District == "" {
				c.District = f.Export.District
			}
			c.at = at
			if prev, ok := latest[c.ID]; !ok || at.After(prev.at) {
				latest[c.ID] = c
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	asOfDay := time.Date(asOf.In(vn).Year(), asOf.In(vn).Month(), asOf.In(vn).Day(), 0, 0, 0, 0, vn)

	// districts.csv and monthly.csv
	byDistrict := map[string]*naiveDistrict{}
	monthly := map[string]int{}
	overdueIDs := map[string]bool{}
	for id, c := range latest {
		code := district[bare(c.District)]
		if code == "" {
			t.Fatalf("naive reader: case %s: unknown district %q", id, c.District)
		}
		d := byDistrict[code]
		if d == nil {
			d = &naiveDistrict{}
			byDistrict[code] = d
		}
		detected := day(t, c.DetectedOn)
		d.total++
		switch c.Status {
		case "detected", "requested", "referred":
			d.open++
			if days(detected, asOfDay) > cfg.OverdueAfterDays {
				d.overdue++
				overdueIDs[id] = true
			}
		default:
			d.resolveDays = append(d.resolveDays, days(detected, day(t, c.ResolvedOn)))
		}
		switch c.Status {
		case "removed":
			d.removed++
		case "sanctioned":
			d.sanctioned++
		case "referred":
			d.referred++
		case "closed":
			d.closed++
		}
		if c.Fine != "" {
			fine, err := strconv.ParseInt(strings.ReplaceAll(c.Fine, ".", ""), 10, 64)
			if err != nil {
				t.Fatalf("naive reader: case %s: fine %q", id, c.Fine)
			}
			d.fines += fine
		}
		monthly[detected.Format("2006-01")+","+code+","+category[bare(c.Category)]]++
	}

	rows := readCSV(t, filepath.Join(out, "data", "districts.csv"))
	if len(rows) != len(cfg.Districts) {
		t.Fatalf("districts.csv has %d rows, want %d", len(rows), len(cfg.Districts))
	}
	for _, r := range rows {
		d := byDistrict[r["district_code"]]
		if d == nil {
			d = &naiveDistrict{}
		}
		want := map[string]string{
			"total": fmt.Sprint(d.total), "open": fmt.Sprint(d.open), "overdue": fmt.Sprint(d.overdue),
			"removed": fmt.Sprint(d.removed), "sanctioned": fmt.Sprint(d.sanctioned), "referred": fmt.Sprint(d.referred),
			"closed": fmt.Sprint(d.closed), "fines_vnd": fmt.Sprint(d.fines), "median_days_to_resolve": median(d.resolveDays),
		}
		for col, w := range want {
			if r[col] != w {
				t.Errorf("districts.csv %s %s = %q, recomputed %q", r["district_code"], col, r[col], w)
			}
		}
	}

	got := map[string]int{}
	for _, r := range readCSV(t, filepath.Join(out, "data", "monthly.csv")) {
		n, _ := strconv.Atoi(r["cases"])
		got[r["month"]+","+r["district_code"]+","+r["category"]] = n
	}
	if !equalMaps(got, monthly) {
		t.Errorf("monthly.csv differs from the recount:\ngot  %v\nwant %v", got, monthly)
	}

	cases := readCSV(t, filepath.Join(out, "data", "cases.csv"))
	if len(cases) != len(latest) {
		t.Errorf("cases.csv has %d rows, recounted %d unique ids", len(cases), len(latest))
	}
	for _, r := range cases {
		c, ok := latest[r["id"]]
		if !ok {
			t.Errorf("cases.csv: %s is in no export", r["id"])
			continue
		}
		wantOverdue := "0"
		if overdueIDs[r["id"]] {
			wantOverdue = "1"
		}
		if r["status"] != c.Status || r["overdue"] != wantOverdue || r["district_code"] != district[bare(c.District)] {
			t.Errorf("cases.csv %s: status %s overdue %s district %s; recomputed %s %s %s",
				r["id"], r["status"], r["overdue"], r["district_code"], c.Status, wantOverdue, district[bare(c.District)])
		}
	}

	// reports.csv: every (month, district) from the first report to the last
	// month whose due day has passed, on time when the first export came by
	// the due day.
	var first time.Time
	for k := range firstReport {
		m, _ := time.ParseInLocation("2006-01", k.period, vn)
		if first.IsZero() || m.Before(first) {
			first = m
		}
	}
	wantReports := map[string]string{}
	for m := first; ; m = m.AddDate(0, 1, 0) {
		due := m.AddDate(0, 1, cfg.Reports.DueDay-1)
		if due.After(asOfDay) {
			break
		}
		for _, d := range cfg.Districts {
			status := "missing"
			if at, ok := firstReport[owed{m.Format("2006-01"), d.Code}]; ok {
				status = "late"
				if at.Before(due.AddDate(0, 0, 1)) {
					status = "on-time"
				}
			}
			wantReports[m.Format("2006-01")+","+d.Code] = status
		}
	}
	gotReports := map[string]string{}
	for _, r := range readCSV(t, filepath.Join(out, "data", "reports.csv")) {
		gotReports[r["period"]+","+r["district_code"]] = r["status"]
	}
	if !equalMaps(gotReports, wantReports) {
		t.Errorf("reports.csv differs from the recount:\ngot  %v\nwant %v", gotReports, wantReports)
	}
}

func median(xs []int) string {
	if len(xs) == 0 {
		return ""
	}
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return fmt.Sprint(xs[n/2])
	}
	sum := xs[n/2-1] + xs[n/2]
	if sum%2 == 0 {
		return fmt.Sprint(sum / 2)
	}
	return fmt.Sprintf("%d.5", sum/2)
}

func equalMaps[V comparable](a, b map[string]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("naive reader: %s: %v", path, err)
	}
}

// readCSV returns the rows as maps from column name to cell.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var rows []map[string]string
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, col := range records[0] {
			row[col] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}
