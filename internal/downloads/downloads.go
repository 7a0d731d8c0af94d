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
	"giamsat/internal/period"
	"giamsat/internal/publish"
	"giamsat/internal/report"
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
		{"cases.csv", []string{"id", "district_code", "district", "category", "platform", "status", "detected_on", "resolved_on", "referred_to", "fine_vnd", "reach", "overdue"}},
		{"districts.csv", []string{"district_code", "district", "total", "open", "overdue", "removed", "sanctioned", "referred", "closed", "fines_vnd", "median_days_to_resolve"}},
		{"monthly.csv", []string{"month", "district_code", "category", "cases"}},
		{"reports.csv", []string{"period", "district_code", "status", "exported_at"}},
	}
}

// Write writes the four files into data/ of out. Cases are the merged cases,
// one per id.
func Write(out *publish.Tree, cfg *site.Config, cases []report.Case, sum *stats.Summary) error {
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

// WriteCases writes cases.csv: one row per case, sorted by id (byte order),
// overdue at asOf with the site's overdue_after_days. Any subset of the
// cases may be written, so a page can offer its own.
func WriteCases(w io.Writer, cfg *site.Config, cases []report.Case, asOf period.Date) error {
	names := make(map[string]string, len(cfg.Districts))
	for _, d := range cfg.Districts {
		names[d.Code] = d.Name
	}
	order := make([]*report.Case, len(cases))
	for i := range cases {
		order[i] = &cases[i]
	}
	// Merged cases come sorted; anything else is sorted here, by pointer,
	// never by copying a million records.
	byID := func(a, b *report.Case) int { return strings.Compare(a.ID, b.ID) }
	if !slices.IsSortedFunc(order, byID) {
		slices.SortStableFunc(order, byID)
	}

	t := newTable(w, "cases.csv")
	for _, c := range order {
		t.text(c.ID)
		t.text(c.District)
		t.text(names[c.District])
		t.text(c.Category)
		t.text(c.Platform)
		t.text(string(c.Status))
		t.date(c.DetectedOn)
		t.date(c.ResolvedOn)
		t.text(c.ReferredTo)
		if c.HasFine {
			t.int(c.FineVND)
		} else {
			t.text("")
		}
		if c.HasReach {
			t.int(c.Reach)
		} else {
			t.text("")
		}
		if stats.IsOverdue(c, asOf, cfg.OverdueAfterDays) {
			t.int(1)
		} else {
			t.int(0)
		}
		t.end()
	}
	return t.flush()
}

// WriteDistricts writes districts.csv from the summary's rows (site order).
func WriteDistricts(w io.Writer, rows []stats.District) error {
	t := newTable(w, "districts.csv")
	for _, d := range rows {
		t.text(d.Code)
		t.text(d.Name)
		t.int(int64(d.Total))
		t.int(int64(d.Open))
		t.int(int64(d.Overdue))
		t.int(int64(d.Status(report.Removed)))
		t.int(int64(d.Status(report.Sanctioned)))
		t.int(int64(d.Status(report.Referred)))
		t.int(int64(d.Status(report.Closed)))
		t.int(d.FinesVND)
		if d.HasMedian {
			// Days are whole, so a median is n or n.5: "3", "3.5".
			t.raw(strconv.FormatFloat(d.MedianDaysToResolve, 'f', -1, 64))
		} else {
			t.text("")
		}
		t.end()
	}
	return t.flush()
}

// WriteMonthly writes monthly.csv from the summary's rows (already sorted
// by month, district code, category key).
func WriteMonthly(w io.Writer, rows []stats.MonthCount) error {
	t := newTable(w, "monthly.csv")
	for _, m := range rows {
		t.text(m.Month.String())
		t.text(m.District)
		t.text(m.Category)
		t.int(int64(m.Cases))
		t.end()
	}
	return t.flush()
}

// WriteReports writes reports.csv from the summary's rows (sorted by
// period, then site order).
func WriteReports(w io.Writer, rows []stats.Report) error {
	t := newTable(w, "reports.csv")
	for _, r := range rows {
		t.text(r.Period.String())
		t.text(r.District)
		t.text(string(r.Status))
		if r.ExportedAt.IsZero() {
			t.text("")
		} else {
			t.text(period.FormatTime(r.ExportedAt))
		}
		t.end()
	}
	return t.flush()
}

// table writes one CSV file. Write errors stick in the bufio.Writer and
// come out of flush, so cells need no error checks.
type table struct {
	b       *bufio.Writer
	first   bool
	scratch []byte
}

// newTable starts the named file: the BOM, then its header row.
func newTable(w io.Writer, name string) *table {
	t := &table{b: bufio.NewWriterSize(w, 64<<10), first: true, scratch: make([]byte, 0, 24)}
	t.b.WriteString("\uFEFF")
	for _, f := range Files() {
		if f.Name == name {
			for _, col := range f.Columns {
				t.text(col)
			}
		}
	}
	t.end()
	return t
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

func (t *table) end() {
	t.b.WriteString("\r\n")
	t.first = true
}

func (t *table) flush() error { return t.b.Flush() }
