package acceptance

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"giamsat/internal/period"
	"giamsat/internal/vntext"
)

// tally is what the pages show of a group of cases, counted here from
// data/cases.csv alone.
type tally struct {
	cases, open, overdue, referred, removed, requested int
	fines                                              int64
}

func (a *tally) add(t testing.TB, r map[string]string) {
	a.cases++
	switch r["status"] {
	case "detected", "requested", "referred":
		a.open++
	}
	switch r["status"] {
	case "referred":
		a.referred++
	case "removed":
		a.removed++
	case "requested":
		a.requested++
	}
	if r["overdue"] == "1" {
		a.overdue++
	}
	a.fines += atoi(t, r["fine_vnd"])
}

// viNumber reads a figure as the pages write it in Vietnamese: "1.234",
// "7.500.000 đ", "81,1%".
func viNumber(t testing.TB, s string) float64 {
	t.Helper()
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, " đ"), "%")
	s = strings.ReplaceAll(s, ".", "")
	s = strings.ReplaceAll(s, ",", ".")
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a Vietnamese number: %q", s)
	}
	return x
}

var viMonth = regexp.MustCompile(`^tháng (\d{1,2})/(\d{4})$`)

// TestFiguresMatchDownloads recounts, from the CSV downloads only, the
// figures the overview, district and report pages show, and checks the
// downloads against one another.
func TestFiguresMatchDownloads(t *testing.T) {
	for _, s := range append([]site{example(t)}, samples(t)[:2]...) {
		t.Run(s.name, func(t *testing.T) {
			cfg := readConfig(t, s.src)
			cases := readCSV(t, filepath.Join(s.out, "data/cases.csv"))
			districts := readCSV(t, filepath.Join(s.out, "data/districts.csv"))
			monthly := readCSV(t, filepath.Join(s.out, "data/monthly.csv"))

			// The downloads agree with one another.
			byCode := make(map[string]*tally)
			byMonth := make(map[string]int) // "2022-04|794|insult" → cases
			province := &tally{}
			for _, r := range cases {
				if byCode[r["district_code"]] == nil {
					byCode[r["district_code"]] = &tally{}
				}
				byCode[r["district_code"]].add(t, r)
				province.add(t, r)
				byMonth[r["detected_on"][:7]+"|"+r["district_code"]+"|"+r["category"]]++
			}
			for _, d := range districts {
				c := byCode[d["district_code"]]
				if c == nil {
					c = &tally{}
				}
				for col, want := range map[string]int{"total": c.cases, "open": c.open, "overdue": c.overdue, "referred": c.referred, "removed": c.removed} {
					if got := atoi(t, d[col]); got != int64(want) {
						t.Errorf("districts.csv %s %s = %d, cases.csv counts %d", d["district"], col, got, want)
					}
				}
				if got := atoi(t, d["fines_vnd"]); got != c.fines {
					t.Errorf("districts.csv %s fines = %d, cases.csv sums %d", d["district"], got, c.fines)
				}
			}
			sum := 0
			for _, m := range monthly {
				k := m["month"] + "|" + m["district_code"] + "|" + m["category"]
				if got := int(atoi(t, m["cases"])); got != byMonth[k] {
					t.Errorf("monthly.csv %s = %d, cases.csv counts %d", k, got, byMonth[k])
				}
				sum += int(atoi(t, m["cases"]))
			}
			if sum != len(cases) {
				t.Errorf("monthly.csv counts %d cases, cases.csv has %d", sum, len(cases))
			}
			if len(cases) == 0 {
				return
			}

			// The overview: all-period totals and the current month.
			doc := parse(t, read(t, filepath.Join(s.out, "index.html")))
			checkHeadline(t, s, "index.html", doc, cases, "")
			checkMonthTable(t, doc, cfg, monthly)
			checkDistrictBars(t, doc, districts)

			// Each district's page.
			for i, d := range cfg.Districts {
				name := d.Short
				if name == "" {
					name = d.Name
				}
				page := "districts/" + vntext.Slug(name) + "/index.html"
				checkHeadline(t, s, page, parse(t, read(t, filepath.Join(s.out, page))), cases, d.Code)
				if i == 0 {
					checkCompliance(t, s)
				}
			}

			// Each month's report: cases by district and category.
			months := make(map[string]bool)
			for _, m := range monthly {
				months[m["month"]] = true
			}
			data := readSiteData(t, s.src)
			for m := range months {
				checkReportTable(t, s, cfg, m, byMonth, data)
			}
		})
	}
}

// chartTable is the data table beside chart id.
func chartTable(t *testing.T, doc *html.Node, chartID string) table {
	t.Helper()
	fig := first(doc, id("fig-"+chartID))
	if fig == nil {
		t.Fatalf("no chart %s", chartID)
	}
	return readTable(first(fig, tag("table")))
}

// checkMonthTable compares the overview's cases-per-month table with
// monthly.csv: a row per month, a column per category, and the total.
func checkMonthTable(t *testing.T, doc *html.Node, cfg siteConfig, monthly []map[string]string) {
	t.Helper()
	want := make(map[string]int)
	for _, m := range monthly {
		n := int(atoi(t, m["cases"]))
		want[m["month"]+"|"+m["category"]] += n
		want[m["month"]+"|"] += n
	}
	tb := chartTable(t, doc, "chart-cases-by-month")
	if len(tb.rows) == 0 {
		t.Error("the cases-per-month table is empty")
	}
	for _, row := range tb.rows {
		m := viMonth.FindStringSubmatch(row[0])
		if m == nil {
			t.Errorf("month table row %q", row[0])
			continue
		}
		mm, _ := strconv.Atoi(m[1])
		month := fmt.Sprintf("%s-%02d", m[2], mm)
		for _, c := range cfg.Categories {
			i := tb.col(c.Name)
			if i < 0 {
				t.Fatalf("no column for %s in %v", c.Name, tb.head)
			}
			if got := viNumber(t, row[i]); got != float64(want[month+"|"+c.Key]) {
				t.Errorf("month table %s %s = %s, monthly.csv has %d", month, c.Key, row[i], want[month+"|"+c.Key])
			}
		}
		if got := viNumber(t, row[len(row)-1]); got != float64(want[month+"|"]) {
			t.Errorf("month table %s total = %s, monthly.csv has %d", month, row[len(row)-1], want[month+"|"])
		}
	}
}

// checkDistrictBars compares the cases-by-district table with
// districts.csv, and checks its order: most cases first.
func checkDistrictBars(t *testing.T, doc *html.Node, districts []map[string]string) {
	t.Helper()
	want := make(map[string]float64)
	for _, d := range districts {
		want[d["district"]] = float64(atoi(t, d["total"]))
	}
	tb := chartTable(t, doc, "chart-cases-by-district")
	if len(tb.rows) != len(districts) {
		t.Errorf("cases-by-district has %d rows, districts.csv %d", len(tb.rows), len(districts))
	}
	prev := math.Inf(1)
	for _, row := range tb.rows {
		got := viNumber(t, row[1])
		if w, ok := want[row[0]]; !ok || got != w {
			t.Errorf("cases-by-district %s = %s, districts.csv has %v", row[0], row[1], w)
		}
		if got > prev {
			t.Errorf("cases-by-district is not sorted, most first: %s (%s) after %v", row[0], row[1], prev)
		}
		prev = got
	}
}

// checkReportTable compares a month report's district × category table
// with the counts from cases.csv while the month is open, and with the
// figures recounted as of its closing day once it closed.
func checkReportTable(t *testing.T, s site, cfg siteConfig, month string, byMonth map[string]int, data siteData) {
	t.Helper()
	page := "reports/" + month + "/index.html"
	m, err := period.Parse(month)
	if err != nil {
		t.Fatal(err)
	}
	if f := data.freezeMonth(m); f.closed {
		byMonth = make(map[string]int)
		for k, n := range f.cells {
			byMonth[month+"|"+k] = n
		}
	}
	doc := parse(t, read(t, filepath.Join(s.out, page)))
	h := first(doc, id("by-district-title"))
	if h == nil {
		t.Errorf("%s: no district × category table", page)
		return
	}
	tb := readTable(first(h.Parent, tag("table")))
	code := make(map[string]string)
	for _, d := range cfg.Districts {
		code[d.Name] = d.Code
	}
	for _, row := range tb.rows {
		c, ok := code[row[0]]
		if !ok {
			continue // the province total row
		}
		total := 0
		for _, cat := range cfg.Categories {
			n := byMonth[month+"|"+c+"|"+cat.Key]
			total += n
			if got := viNumber(t, row[tb.col(cat.Name)]); got != float64(n) {
				t.Errorf("%s: %s × %s = %s, cases.csv counts %d", page, row[0], cat.Key, row[tb.col(cat.Name)], n)
			}
		}
		if got := viNumber(t, row[len(row)-1]); got != float64(total) {
			t.Errorf("%s: %s total = %s, cases.csv counts %d", page, row[0], row[len(row)-1], total)
		}
	}
}

var shortPeriod = regexp.MustCompile(`^(\d{1,2})/(\d{4})$`)

// checkCompliance compares the overview's report grid with reports.csv:
// each cell's status is the CSV's, and the grid shows the latest periods.
func checkCompliance(t *testing.T, s site) {
	t.Helper()
	status := make(map[string]string)
	var periods []string
	for _, r := range readCSV(t, filepath.Join(s.out, "data/reports.csv")) {
		status[r["period"]+"|"+r["district_code"]] = r["status"]
		if len(periods) == 0 || periods[len(periods)-1] != r["period"] {
			periods = append(periods, r["period"])
		}
	}
	code := make(map[string]string)
	for _, d := range readCSV(t, filepath.Join(s.out, "data/districts.csv")) {
		code[d["district"]] = d["district_code"]
	}
	doc := parse(t, read(t, filepath.Join(s.out, "index.html")))
	grid := first(doc, class("grid"))
	if grid == nil {
		if len(periods) > 0 {
			t.Error("index.html: no report grid, though reports are owed")
		}
		return
	}
	tb := readTable(grid)
	var cols []string
	for _, h := range tb.head[1:] {
		m := shortPeriod.FindStringSubmatch(h)
		if m == nil {
			t.Fatalf("grid heading %q", h)
		}
		mm, _ := strconv.Atoi(m[1])
		cols = append(cols, fmt.Sprintf("%s-%02d", m[2], mm))
	}
	if latest := periods[max(0, len(periods)-len(cols)):]; strings.Join(cols, " ") != strings.Join(latest, " ") {
		t.Errorf("grid periods %v, want the latest owed %v", cols, latest)
	}
	for i, row := range tb.rows {
		c := code[row[0]]
		for j, p := range cols {
			cell := tb.cell[i][j+1]
			if want := status[p+"|"+c]; !hasClass(cell, want) {
				t.Errorf("grid %s %s: class %q, reports.csv says %s", row[0], p, attr(cell, "class"), want)
			}
		}
	}
}
