package acceptance

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"giamsat/internal/export"
	"giamsat/internal/period"
	siteconf "giamsat/internal/site"
	"giamsat/internal/workbook"
)

// frozen is a month report's figures of record, recounted here from the
// exports themselves: the closing day found from the reports' own dates,
// the records of the exports made by then, the latest record of each case
// winning, counted as of the closing day. Only the reading of the files is
// the program's (export.ReadFile: aliases, day-first dates, NFD text);
// what is kept and how it is counted is done here again.
type frozen struct {
	day                 period.Date
	closed              bool           // the closing day is on or before as_of
	cells               map[string]int // "code|category" → cases
	tally               tally
	closed_, sanctioned int
}

// siteData is a site's configuration and every export, read once.
type siteData struct {
	cfg     *siteconf.Config
	exports []*export.File
	asOf    period.Date
}

func readSiteData(t testing.TB, src string) siteData {
	t.Helper()
	cfg, diags := siteconf.Load(src)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	d := siteData{cfg: cfg}
	err := filepath.WalkDir(filepath.Join(src, "data"), func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(e.Name(), ".") && p != filepath.Join(src, "data") {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(filepath.Ext(p))
		if e.IsDir() || ext != ".yaml" && ext != ".xlsx" || strings.HasPrefix(e.Name(), "~$") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		read := export.ReadFile
		if ext == ".xlsx" {
			read = workbook.Read
		}
		f, diags := read(filepath.ToSlash(rel), b, cfg)
		if len(diags) > 0 {
			t.Fatal(diags.Text("en"))
		}
		d.exports = append(d.exports, f)
		if day := period.DateOf(f.ExportedAt); day > d.asOf {
			d.asOf = day
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.AsOf.IsZero() {
		d.asOf = cfg.AsOf
	}
	return d
}

// freezeMonth recounts month m of a site whose units report monthly.
func (d siteData) freezeMonth(m period.Period) frozen {
	cfg := d.cfg
	start := cfg.Reports.PeriodStartDay
	first, last := m.Span(start)
	due := m.Due(start, cfg.Reports.DueDay)
	latest := due.AddDays(cfg.Reports.CloseAfterDays)

	// Reports are owed from the earliest period any unit reported for.
	var earliest period.Period
	sent := make(map[string]period.Date) // unit → its first report for m
	for _, e := range d.exports {
		if e.District == "" || e.Period.Kind != period.Month {
			continue
		}
		if earliest.IsZero() || period.Compare(e.Period, earliest) < 0 {
			earliest = e.Period
		}
		if e.Period == m {
			day := period.DateOf(e.ExportedAt)
			if old, ok := sent[e.District]; !ok || day < old {
				sent[e.District] = day
			}
		}
	}
	f := frozen{day: latest, cells: make(map[string]int)}
	if !earliest.IsZero() && period.Compare(m, earliest) >= 0 {
		day, all := due, true
		for _, u := range cfg.Districts {
			if !u.Overlaps(first, last) {
				continue
			}
			s, ok := sent[u.Code]
			if !ok {
				all = false
				break
			}
			day = max(day, s)
		}
		if all && day <= latest {
			f.day = day
		}
	}
	f.closed = f.day <= d.asOf

	// The record of the latest export made by the closing day wins.
	won := make(map[string]*export.Case)
	when := make(map[string]time.Time)
	for _, e := range d.exports {
		if period.DateOf(e.ExportedAt) > f.day {
			continue
		}
		for i := range e.Cases {
			c := &e.Cases[i]
			if w, ok := when[c.ID]; !ok || e.ExportedAt.After(w) {
				won[c.ID], when[c.ID] = c, e.ExportedAt
			}
		}
	}
	for _, c := range won {
		if c.DetectedOn < first || c.DetectedOn > last {
			continue
		}
		f.cells[c.District+"|"+c.Category]++
		t := &f.tally
		t.cases++
		open := c.Status == export.Detected || c.Status == export.Requested || c.Status == export.Referred
		if open {
			t.open++
			if f.day.Sub(c.DetectedOn) > cfg.OverdueAfterDays {
				t.overdue++
			}
		}
		switch c.Status {
		case export.Referred:
			t.referred++
		case export.Removed:
			t.removed++
		case export.Requested:
			t.requested++
		case export.Sanctioned:
			f.sanctioned++
		case export.Closed:
			f.closed_++
		}
		t.fines += c.FineVND
	}
	return f
}
