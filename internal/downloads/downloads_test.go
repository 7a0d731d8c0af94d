package downloads

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/publish"
	"giamsat/internal/site"
	"giamsat/internal/stats"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const bom = "\uFEFF"

// hostileConfig has district names that need quoting or would run as
// formulas, in an order that is not code order.
func hostileConfig() *site.Config {
	return &site.Config{
		OverdueAfterDays: 15,
		Reports:          site.Reports{Every: period.Month, DueDay: 5, PeriodStartDay: 15},
		Districts: []site.District{
			{Code: "803", Name: "Huyện Bến Lức, Long An"},
			{Code: "794", Name: `Thành phố "Tân An"`},
			{Code: "802", Name: "Huyện Đức\nHòa"},
			{Code: "800", Name: `=HYPERLINK("http://example.invalid","x")`},
			{Code: "807", Name: "+Cần Giuộc"},
			{Code: "808", Name: "-Châu Thành"},
			{Code: "805", Name: "@Tân Trụ"},
			{Code: "806", Name: "\tCần Đước"},
			{Code: "801", Name: "\rĐức Huệ"},
		},
		Categories: []site.Item{{Key: "child-violence"}, {Key: "privacy"}},
		Platforms:  []site.Item{{Key: "facebook"}, {Key: "tiktok"}},
	}
}

func d(s string) period.Date {
	x, err := period.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return x
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func mp(s string) period.Period {
	p, err := period.Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

// fixture is the site the golden files are made from. AsOf is 2022-06-05.
func fixture() (*site.Config, []export.Case, []*export.File) {
	cfg := hostileConfig()
	cases := []export.Case{
		{ID: "-X1", DetectedOn: d("2022-04-14"), District: "800", Category: "privacy", Platform: "facebook", Status: export.Detected},
		{ID: "BL-2022-0012", DetectedOn: d("2022-04-12"), District: "803", Category: "child-violence", Platform: "facebook", Status: export.Referred, ReferredTo: "cuc-attt", Reach: 15000, HasReach: true},
		{ID: "BL-2022-0013", DetectedOn: d("2022-04-15"), District: "803", Category: "child-violence", Platform: "tiktok", Status: export.Sanctioned, ResolvedOn: d("2022-04-20"), FineVND: 7500000, HasFine: true},
		{ID: "BL-2022-0014", DetectedOn: d("2022-05-21"), District: "803", Category: "privacy", Platform: "tiktok", Status: export.Removed, ResolvedOn: d("2022-05-27"), Reach: 0, HasReach: true},
		{ID: "DH-1", DetectedOn: d("2022-05-02"), District: "802", Category: "privacy", Platform: "facebook", Status: export.Closed, ResolvedOn: d("2022-05-09")},
		{ID: "DH-2", DetectedOn: d("2022-05-22"), District: "802", Category: "privacy", Platform: "facebook", Status: export.Requested},
		{ID: "TA-1", DetectedOn: d("2022-03-15"), District: "794", Category: "child-violence", Platform: "facebook", Status: export.Removed, ResolvedOn: d("2022-03-16")},
		{ID: "TA-2", DetectedOn: d("2022-03-20"), District: "794", Category: "child-violence", Platform: "facebook", Status: export.Removed, ResolvedOn: d("2022-03-24")},
	}
	var exports []*export.File
	add := func(district, p, at string) {
		exports = append(exports, &export.File{File: district + "-" + p + ".yaml", District: district, Period: mp(p), ExportedAt: ts(at)})
	}
	add("803", "2022-04", "2022-05-05T23:59:59+07:00")
	add("794", "2022-04", "2022-05-05T17:00:00Z") // 00:00 on 06/05 in Vietnam
	add("802", "2022-05", "2022-06-05T08:00:00+07:00")
	return cfg, cases, exports
}

func TestGolden(t *testing.T) {
	cfg, cases, exports := fixture()
	sum := stats.Compute(stats.Input{Site: cfg, Cases: cases, Exports: exports})
	dir := t.TempDir()
	if err := Write(publish.NewTree(dir), cfg, cases, sum); err != nil {
		t.Fatal(err)
	}
	for _, f := range Files() {
		got, err := os.ReadFile(filepath.Join(dir, "data", f.Name))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "golden", f.Name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s:\n%q\nwant\n%q", f.Name, golden, got, want)
		}
	}
}

// parse reads a file back with encoding/csv after checking its BOM and
// header.
func parse(t *testing.T, name string, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte(bom)) {
		t.Fatalf("%s: no BOM", name)
	}
	r := csv.NewReader(bytes.NewReader(data[len(bom):]))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, f := range Files() {
		if f.Name == name && !slices.Equal(rows[0], f.Columns) {
			t.Errorf("%s: header %q, want %q", name, rows[0], f.Columns)
		}
	}
	return rows[1:]
}

// guarded is what a text cell must read as once parsed.
func guarded(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
		s = "'" + s
	}
	// encoding/csv reads a CRLF inside a quoted field as LF.
	return strings.ReplaceAll(s, "\r\n", "\n")
}

func TestHeaders(t *testing.T) {
	want := map[string]string{
		"cases.csv":     "id,district_code,district,category,platform,status,detected_on,resolved_on,referred_to,fine_vnd,reach,overdue",
		"districts.csv": "district_code,district,total,open,overdue,removed,sanctioned,referred,closed,fines_vnd,median_days_to_resolve",
		"monthly.csv":   "month,district_code,category,cases",
		"reports.csv":   "period,district_code,status,exported_at",
	}
	cfg := hostileConfig()
	writers := map[string]func(io.Writer) error{
		"cases.csv":     func(w io.Writer) error { return WriteCases(w, cfg, nil, 0) },
		"districts.csv": func(w io.Writer) error { return WriteDistricts(w, nil) },
		"monthly.csv":   func(w io.Writer) error { return WriteMonthly(w, nil) },
		"reports.csv":   func(w io.Writer) error { return WriteReports(w, nil) },
	}
	if len(Files()) != len(want) {
		t.Fatalf("%d files, want %d", len(Files()), len(want))
	}
	for _, f := range Files() {
		var b bytes.Buffer
		if err := writers[f.Name](&b); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); got != bom+want[f.Name]+"\r\n" {
			t.Errorf("%s: %q, want %q", f.Name, got, bom+want[f.Name]+"\r\n")
		}
	}
}

func TestCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Bến Lức", "Bến Lức"},
		{"a,b", `"a,b"`},
		{`say "hi"`, `"say ""hi"""`},
		{`"`, `""""`},
		{"two\nlines", "\"two\nlines\""},
		{"two\r\nlines", "\"two\r\nlines\""},
		{"=1+1", "'=1+1"},
		{"+84", "'+84"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "\"'\rx\""},
		{`=HYPERLINK("u","x")`, `"'=HYPERLINK(""u"",""x"")"`},
		{"a=1", "a=1"},
		{" -1", " -1"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		tb := &table{b: bufio.NewWriter(&b), first: true}
		tb.text(tt.in)
		tb.int(-5) // numbers are never guarded
		if err := tb.b.Flush(); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); got != tt.want+",-5" {
			t.Errorf("text(%q) = %q, want %q", tt.in, got, tt.want+",-5")
		}
	}
}

func TestCasesRows(t *testing.T) {
	cfg, cases, _ := fixture()
	asOf := d("2022-06-05")
	// Out of order on purpose: the file is sorted by id in byte order.
	shuffled := slices.Clone(cases)
	slices.Reverse(shuffled)
	var b bytes.Buffer
	if err := WriteCases(&b, cfg, shuffled, asOf); err != nil {
		t.Fatal(err)
	}
	rows := parse(t, "cases.csv", b.Bytes())
	if len(rows) != len(cases) {
		t.Fatalf("%d rows, want %d", len(rows), len(cases))
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r[0]
	}
	if want := []string{"'-X1", "BL-2022-0012", "BL-2022-0013", "BL-2022-0014", "DH-1", "DH-2", "TA-1", "TA-2"}; !slices.Equal(ids, want) {
		t.Errorf("ids %q, want %q", ids, want)
	}
	byID := map[string][]string{}
	for _, r := range rows {
		byID[strings.TrimPrefix(r[0], "'")] = r
	}
	name := map[string]string{}
	for _, x := range cfg.Districts {
		name[x.Code] = x.Name
	}
	for _, c := range cases {
		r := byID[c.ID]
		overdue := "0"
		if (c.Status == export.Detected || c.Status == export.Requested || c.Status == export.Referred) && int(asOf-c.DetectedOn) > 15 {
			overdue = "1"
		}
		fine, reach := "", ""
		if c.HasFine {
			fine = strconv.FormatInt(c.FineVND, 10)
		}
		if c.HasReach {
			reach = strconv.FormatInt(c.Reach, 10)
		}
		want := []string{guarded(c.ID), c.District, guarded(name[c.District]), c.Category, c.Platform, string(c.Status),
			c.DetectedOn.String(), c.ResolvedOn.String(), c.ReferredTo, fine, reach, overdue}
		if !slices.Equal(r, want) {
			t.Errorf("%s:\n got %q\nwant %q", c.ID, r, want)
		}
	}
	// Spot checks of what the loop above cannot see wrong by itself.
	if r := byID["-X1"]; r[11] != "1" || r[7] != "" || r[10] != "" {
		t.Errorf("-X1: %q, want overdue and empty resolved_on and reach", r)
	}
	if r := byID["DH-2"]; r[11] != "0" { // detected 22/05, 14 days before as_of
		t.Errorf("DH-2: %q, want not overdue", r)
	}
	if r := byID["BL-2022-0014"]; r[10] != "0" {
		t.Errorf("reach 0 written as %q", r[10])
	}
}

func TestDistrictsMedian(t *testing.T) {
	rows := []stats.District{
		{Code: "1", Name: "odd", Counts: stats.Counts{Total: 3, MedianDaysToResolve: 3, HasMedian: true}},
		{Code: "2", Name: "half", Counts: stats.Counts{Total: 4, MedianDaysToResolve: 3.5, HasMedian: true}},
		{Code: "3", Name: "none", Counts: stats.Counts{Total: 1, Open: 1}},
		{Code: "4", Name: "zero", Counts: stats.Counts{Total: 1, HasMedian: true}},
		{Code: "5", Name: "big", Counts: stats.Counts{Total: 2, FinesVND: 15000000, MedianDaysToResolve: 120.5, HasMedian: true}},
	}
	var b bytes.Buffer
	if err := WriteDistricts(&b, rows); err != nil {
		t.Fatal(err)
	}
	got := parse(t, "districts.csv", b.Bytes())
	want := []string{"3", "3.5", "", "0", "120.5"}
	for i, r := range got {
		if r[10] != want[i] {
			t.Errorf("%s: median %q, want %q", r[1], r[10], want[i])
		}
	}
	if got[4][9] != "15000000" || got[2][9] != "0" {
		t.Errorf("fines %q and %q, want 15000000 and 0", got[4][9], got[2][9])
	}
}

func TestDistrictsRows(t *testing.T) {
	cfg, cases, exports := fixture()
	sum := stats.Compute(stats.Input{Site: cfg, Cases: cases, Exports: exports})
	var b bytes.Buffer
	if err := WriteDistricts(&b, sum.Districts); err != nil {
		t.Fatal(err)
	}
	rows := parse(t, "districts.csv", b.Bytes())
	if len(rows) != len(cfg.Districts) {
		t.Fatalf("%d rows, want %d", len(rows), len(cfg.Districts))
	}
	// By hand from the fixture, in site order.
	want := [][]string{
		{"803", guarded("Huyện Bến Lức, Long An"), "3", "1", "1", "1", "1", "1", "0", "7500000", "5.5"},
		{"794", guarded(`Thành phố "Tân An"`), "2", "0", "0", "2", "0", "0", "0", "0", "2.5"},
		{"802", guarded("Huyện Đức\nHòa"), "2", "1", "0", "0", "0", "0", "1", "0", "7"},
		{"800", guarded(`=HYPERLINK("http://example.invalid","x")`), "1", "1", "1", "0", "0", "0", "0", "0", ""},
	}
	for i, w := range want {
		if !slices.Equal(rows[i], w) {
			t.Errorf("row %d:\n got %q\nwant %q", i, rows[i], w)
		}
	}
	for _, r := range rows[4:] {
		if r[2] != "0" || r[10] != "" || !strings.HasPrefix(r[1], "'") {
			t.Errorf("empty district %q: want zero counts, no median, a guarded name", r)
		}
	}
}

func TestMonthlyRows(t *testing.T) {
	cfg, cases, exports := fixture()
	sum := stats.Compute(stats.Input{Site: cfg, Cases: cases, Exports: exports})
	var b bytes.Buffer
	if err := WriteMonthly(&b, sum.Monthly); err != nil {
		t.Fatal(err)
	}
	// period_start_day 15: 14/04 is in 2022-04, 15/04 in 2022-05, 15/03
	// in 2022-04; sorted by month, district code, category.
	want := [][]string{
		{"2022-04", "794", "child-violence", "2"},
		{"2022-04", "800", "privacy", "1"},
		{"2022-04", "803", "child-violence", "1"},
		{"2022-05", "802", "privacy", "1"},
		{"2022-05", "803", "child-violence", "1"},
		{"2022-06", "802", "privacy", "1"},
		{"2022-06", "803", "privacy", "1"},
	}
	if got := parse(t, "monthly.csv", b.Bytes()); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestReportsRows(t *testing.T) {
	cfg, cases, exports := fixture()
	sum := stats.Compute(stats.Input{Site: cfg, Cases: cases, Exports: exports})
	var b bytes.Buffer
	if err := WriteReports(&b, sum.Reports); err != nil {
		t.Fatal(err)
	}
	rows := parse(t, "reports.csv", b.Bytes())
	// as_of 05/06: 2022-04 (due 05/05) and 2022-05 (due 05/06) are owed.
	if len(rows) != 2*len(cfg.Districts) {
		t.Fatalf("%d rows, want %d", len(rows), 2*len(cfg.Districts))
	}
	want := map[string][]string{
		"2022-04 803": {"2022-04", "803", "on-time", "2022-05-05T23:59:59+07:00"},
		"2022-04 794": {"2022-04", "794", "late", "2022-05-06T00:00:00+07:00"},
		"2022-05 802": {"2022-05", "802", "on-time", "2022-06-05T08:00:00+07:00"},
	}
	for i, r := range rows {
		p, dist := "2022-04", cfg.Districts[i%len(cfg.Districts)].Code
		if i >= len(cfg.Districts) {
			p = "2022-05"
		}
		w, ok := want[p+" "+dist]
		if !ok {
			w = []string{p, dist, "missing", ""}
		}
		if !slices.Equal(r, w) {
			t.Errorf("row %d: %q, want %q", i, r, w)
		}
	}
}

func TestLineEnds(t *testing.T) {
	cfg, cases, exports := fixture()
	sum := stats.Compute(stats.Input{Site: cfg, Cases: cases, Exports: exports})
	var b bytes.Buffer
	if err := WriteReports(&b, sum.Reports); err != nil {
		t.Fatal(err)
	}
	if n, crlf := bytes.Count(b.Bytes(), []byte("\n")), bytes.Count(b.Bytes(), []byte("\r\n")); n != crlf || n != len(sum.Reports)+1 {
		t.Errorf("%d line feeds, %d CRLF, want %d CRLF only", n, crlf, len(sum.Reports)+1)
	}
}

func TestWriteError(t *testing.T) {
	cfg, cases, exports := fixture()
	sum := stats.Compute(stats.Input{Site: cfg, Cases: cases, Exports: exports})
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "data"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(publish.NewTree(dir), cfg, cases, sum); err == nil {
		t.Error("writing under a file: no error")
	}
	if err := WriteMonthly(failWriter{}, sum.Monthly); err == nil {
		t.Error("failing writer: no error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

// FuzzText checks that any text survives a round trip through a CSV
// reader, guarded when it would run as a formula.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "Bến Lức", "a,b", `"q"`, "a\nb", "a\r\nb", "\r", "=1", "-", "@", "\t", "x\"\r\n\"y", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		tb := &table{b: bufio.NewWriter(&b), first: true}
		tb.text(s)
		tb.text("end")
		tb.end()
		if err := tb.b.Flush(); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&b).ReadAll()
		if err != nil {
			t.Fatalf("%q: %v", b.String(), err)
		}
		if len(rows) != 1 || len(rows[0]) != 2 || rows[0][1] != "end" {
			t.Fatalf("%q read back as %q", s, rows)
		}
		if got, want := rows[0][0], guarded(s); got != want {
			t.Errorf("%q read back as %q, want %q", s, got, want)
		}
	})
}

func BenchmarkWriteCases(b *testing.B) {
	cfg := hostileConfig()
	cases := make([]export.Case, 100_000)
	for i := range cases {
		c := &cases[i]
		c.ID = fmt.Sprintf("C%07d", i)
		c.District = cfg.Districts[i%len(cfg.Districts)].Code
		c.Category, c.Platform = "privacy", "facebook"
		c.DetectedOn = d("2022-01-01").AddDays(i % 700)
		c.Status = export.Statuses[i%len(export.Statuses)]
		if !c.Status.Open() {
			c.ResolvedOn = c.DetectedOn.AddDays(i % 30)
		}
		c.Reach, c.HasReach = int64(i), i%2 == 0
	}
	b.ResetTimer()
	for b.Loop() {
		if err := WriteCases(io.Discard, cfg, cases, d("2024-01-01")); err != nil {
			b.Fatal(err)
		}
	}
}
