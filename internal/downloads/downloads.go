// Package downloads writes the CSV files of the data contract (§5):
// data/cases.csv, districts.csv, monthly.csv and reports.csv. They are
// UTF-8 with a BOM so that Excel opens Vietnamese correctly, RFC 4180 with
// CRLF line ends, and guarded against formula injection: a text cell that
// Excel would run (=, +, -, @, tab or CR first) is prefixed with ' as
// OWASP advises. Numeric cells are never altered.
package downloads

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"giamsat/internal/address"
	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/publish"
	"giamsat/internal/site"
	"giamsat/internal/stats"
)

// File describes one download: its name under data/ and its columns.
type File struct {
	Name    string
	Columns []string
}

// Files lists the downloads in the order the downloads page shows them.
func Files() []File {
	return []File{
		{"cases.csv", names(caseColumns(nil, period.Date(0), 0))},
		{"districts.csv", names(districtColumns)},
		{"monthly.csv", names(monthlyColumns)},
		{"reports.csv", names(reportColumns)},
	}
}

// column is one column of a file: its header and how a row fills its cell.
// Each file is one list of them, so a header and its cells cannot drift
// apart, and a new column is one line.
type column[R any] struct {
	name string
	cell func(t *table, row R)
}

func names[R any](cols []column[R]) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.name
	}
	return out
}

// Write writes the four files into data/ of out. Cases are the merged cases,
// one per id.
func Write(out *publish.Tree, cfg *site.Config, cases []export.Case, sum *stats.Summary) error {
	writers := map[string]func(io.Writer) error{
		"cases.csv":     func(w io.Writer) error { return WriteCases(w, cfg, cases, sum.AsOf) },
		"districts.csv": func(w io.Writer) error { return WriteDistricts(w, sum.Districts) },
		"monthly.csv":   func(w io.Writer) error { return WriteMonthly(w, sum.Monthly) },
		"reports.csv":   func(w io.Writer) error { return WriteReports(w, sum.Reports) },
	}
	for _, f := range Files() {
		if err := writeFile(out, address.DataFile(f.Name), writers[f.Name]); err != nil {
			return fmt.Errorf("downloads: %w", err)
		}
	}
	return nil
}

func writeFile(out *publish.Tree, path string, write func(io.Writer) error) (err error) {
	f, err := out.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// writeRows writes a whole file: the BOM, the header, a line per row.
func writeRows[R any](w io.Writer, cols []column[R], rows []R) error {
	t := &table{b: bufio.NewWriterSize(w, 64<<10), first: true, scratch: make([]byte, 0, 24)}
	t.b.WriteString("\uFEFF")
	for _, c := range cols {
		t.text(c.name)
	}
	t.end()
	for _, r := range rows {
		for _, c := range cols {
			c.cell(t, r)
		}
		t.end()
	}
	return t.b.Flush()
}

// caseColumns are cases.csv's columns: names gives each district's name,
// and overdue is as of asOf with the site's overdue_after_days.
func caseColumns(names map[string]string, asOf period.Date, overdueAfterDays int) []column[*export.Case] {
	return []column[*export.Case]{
		{"id", func(t *table, c *export.Case) { t.text(c.ID) }},
		{"district_code", func(t *table, c *export.Case) { t.text(c.District) }},
		{"district", func(t *table, c *export.Case) { t.text(names[c.District]) }},
		{"category", func(t *table, c *export.Case) { t.text(c.Category) }},
		{"platform", func(t *table, c *export.Case) { t.text(c.Platform) }},
		{"status", func(t *table, c *export.Case) { t.text(string(c.Status)) }},
		{"detected_on", func(t *table, c *export.Case) { t.date(c.DetectedOn) }},
		{"resolved_on", func(t *table, c *export.Case) { t.date(c.ResolvedOn) }},
		{"referred_to", func(t *table, c *export.Case) { t.text(c.ReferredTo) }},
		{"fine_vnd", func(t *table, c *export.Case) { t.optional(c.FineVND, c.HasFine) }},
		{"reach", func(t *table, c *export.Case) { t.optional(c.Reach, c.HasReach) }},
		{"overdue", func(t *table, c *export.Case) { t.flag(stats.PastDue(c, asOf, overdueAfterDays)) }},
	}
}

// WriteCases writes cases.csv: one row per case, sorted by id (byte order),
// overdue at asOf with the site's overdue_after_days. Any subset of the
// cases may be written, so a page can offer its own.
func WriteCases(w io.Writer, cfg *site.Config, cases []export.Case, asOf period.Date) error {
	names := make(map[string]string, len(cfg.Districts))
	for _, d := range cfg.Districts {
		names[d.Code] = d.Name
	}
	order := make([]*export.Case, len(cases))
	for i := range cases {
		order[i] = &cases[i]
	}
	// Merged cases come sorted; anything else is sorted here, by pointer,
	// never by copying a million records.
	byID := func(a, b *export.Case) int { return strings.Compare(a.ID, b.ID) }
	if !slices.IsSortedFunc(order, byID) {
		slices.SortStableFunc(order, byID)
	}
	return writeRows(w, caseColumns(names, asOf, cfg.OverdueAfterDays), order)
}

var districtColumns = []column[stats.District]{
	{"district_code", func(t *table, d stats.District) { t.text(d.Code) }},
	{"district", func(t *table, d stats.District) { t.text(d.Name) }},
	{"total", func(t *table, d stats.District) { t.int(int64(d.Total)) }},
	{"open", func(t *table, d stats.District) { t.int(int64(d.Open)) }},
	{"overdue", func(t *table, d stats.District) { t.int(int64(d.PastDue)) }},
	{"removed", func(t *table, d stats.District) { t.int(int64(d.Status(export.Removed))) }},
	{"sanctioned", func(t *table, d stats.District) { t.int(int64(d.Status(export.Sanctioned))) }},
	{"referred", func(t *table, d stats.District) { t.int(int64(d.Status(export.Referred))) }},
	{"closed", func(t *table, d stats.District) { t.int(int64(d.Status(export.Closed))) }},
	{"fines_vnd", func(t *table, d stats.District) { t.int(d.FinesVND) }},
	{"median_days_to_resolve", func(t *table, d stats.District) {
		if d.HasMedian {
			// Days are whole, so a median is n or n.5: "3", "3.5".
			t.raw(strconv.FormatFloat(d.MedianDaysToResolve, 'f', -1, 64))
		} else {
			t.text("")
		}
	}},
}

// WriteDistricts writes districts.csv from the summary's rows (site order).
func WriteDistricts(w io.Writer, rows []stats.District) error {
	return writeRows(w, districtColumns, rows)
}

var monthlyColumns = []column[stats.MonthCount]{
	{"month", func(t *table, m stats.MonthCount) { t.text(m.Month.String()) }},
	{"district_code", func(t *table, m stats.MonthCount) { t.text(m.District) }},
	{"category", func(t *table, m stats.MonthCount) { t.text(m.Category) }},
	{"cases", func(t *table, m stats.MonthCount) { t.int(int64(m.Cases)) }},
}

// WriteMonthly writes monthly.csv from the summary's rows (already sorted
// by month, district code, category key).
func WriteMonthly(w io.Writer, rows []stats.MonthCount) error {
	return writeRows(w, monthlyColumns, rows)
}

var reportColumns = []column[stats.Report]{
	{"period", func(t *table, r stats.Report) { t.text(r.Period.String()) }},
	{"district_code", func(t *table, r stats.Report) { t.text(r.District) }},
	{"status", func(t *table, r stats.Report) { t.text(string(r.Status)) }},
	{"exported_at", func(t *table, r stats.Report) {
		if r.ExportedAt.IsZero() {
			t.text("")
		} else {
			t.text(period.FormatTime(r.ExportedAt))
		}
	}},
}

// WriteReports writes reports.csv from the summary's rows (sorted by
// period, then site order).
func WriteReports(w io.Writer, rows []stats.Report) error {
	return writeRows(w, reportColumns, rows)
}

// table writes one CSV file. Write errors stick in the bufio.Writer and
// come out of flush, so cells need no error checks.
type table struct {
	b       *bufio.Writer
	first   bool
	scratch []byte
}

func (t *table) sep() {
	if !t.first {
		t.b.WriteByte(',')
	}
	t.first = false
}

// text writes a text cell, quoted when RFC 4180 asks for it and prefixed
// with ' when a spreadsheet would take it for a formula.
func (t *table) text(s string) {
	t.sep()
	quote := false
	for i := 0; i < len(s) && !quote; i++ {
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n'
	}
	if quote {
		t.b.WriteByte('"')
	}
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		t.b.WriteByte('\'')
	}
	if quote {
		for {
			i := strings.IndexByte(s, '"')
			if i < 0 {
				break
			}
			t.b.WriteString(s[:i+1])
			t.b.WriteByte('"')
			s = s[i+1:]
		}
	}
	t.b.WriteString(s)
	if quote {
		t.b.WriteByte('"')
	}
}

// raw writes a cell that needs neither quoting nor a guard.
func (t *table) raw(s string) {
	t.sep()
	t.b.WriteString(s)
}

// date writes d in ISO form, or an empty cell for no date, without the
// formatting Date.String does: a million rows carry two dates each.
func (t *table) date(d period.Date) {
	t.sep()
	if d.IsZero() {
		return
	}
	y, m, dd := d.YMD()
	b := t.scratch[:0]
	for p := 1000; p > y && p > 1; p /= 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+dd/10), byte('0'+dd%10))
	t.scratch = b
	t.b.Write(b)
}

func (t *table) int(n int64) {
	t.sep()
	t.scratch = strconv.AppendInt(t.scratch[:0], n, 10)
	t.b.Write(t.scratch)
}

// optional writes n, or an empty cell when the record gave none.
func (t *table) optional(n int64, given bool) {
	if given {
		t.int(n)
	} else {
		t.text("")
	}
}

// flag writes 1 or 0.
func (t *table) flag(b bool) {
	if b {
		t.int(1)
	} else {
		t.int(0)
	}
}

func (t *table) end() {
	t.b.WriteString("\r\n")
	t.first = true
}
