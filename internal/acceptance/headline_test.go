package acceptance

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"giamsat/internal/build"
	"giamsat/internal/export"
	"giamsat/internal/period"
)

// The headline's rules, as the README states them; written here again,
// not read from the code.
const (
	longOpenDays = 90
	smallBase    = 10
)

// card is a headline card as shown: its value, the line under it, and its
// change.
type card struct{ value, sub, change string }

func cards(doc *html.Node) map[string]card {
	out := make(map[string]card)
	for _, f := range all(doc, class("figure")) {
		key := ""
		for _, c := range strings.Fields(attr(f, "class")) {
			if k, ok := strings.CutPrefix(c, "figure-"); ok {
				key = k
			}
		}
		var c card
		if n := first(f, class("value")); n != nil {
			c.value = text(n)
		}
		if n := first(f, class("sub")); n != nil {
			c.sub = text(n)
		}
		if n := first(f, class("change")); n != nil {
			c.change = text(n)
			if p := first(n, class("prev")); p != nil {
				c.change = strings.TrimSpace(strings.TrimSuffix(c.change, text(p)))
			}
		}
		out[key] = c
	}
	return out
}

var viDay = regexp.MustCompile(`(\d{2})/(\d{2})/(\d{4})`)

// dayOf reads "2022-04-05" as days since 1970.
func dayOf(t testing.TB, s string) int {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatalf("date %q: %v", s, err)
	}
	return int(d.Unix() / 86400)
}

func overdueDays(t testing.TB, src string) int {
	m := regexp.MustCompile(`(?m)^overdue_after_days:\s*(\d+)`).FindStringSubmatch(string(read(t, filepath.Join(src, "site.yaml"))))
	if m == nil {
		return 15
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// firstMonth is the first month the downloads have data for: a case
// detected or a report owed.
func firstMonth(t testing.TB, out string) string {
	first := ""
	see := func(m string) {
		if first == "" || m < first {
			first = m
		}
	}
	for _, r := range readCSV(t, filepath.Join(out, "data/monthly.csv")) {
		see(r["month"])
	}
	for _, r := range readCSV(t, filepath.Join(out, "data/reports.csv")) {
		if len(r["period"]) == 7 && r["period"][4] == '-' && r["period"][5] != 'Q' {
			see(r["period"])
		}
	}
	return first
}

// wantChange is how a page says cur against before: "chưa có số liệu"
// when the earlier month is before the data, the two counts when the
// earlier one is small, else a whole percentage with its sign.
func wantChange(cur, before int, known bool) string {
	switch {
	case !known:
		return "chưa có số liệu"
	case before < smallBase:
		return fmt.Sprintf("%s → %s", viGroup(int64(before)), viGroup(int64(cur)))
	}
	pct := int(math.Round(100 * float64(cur-before) / float64(before)))
	switch {
	case pct > 0:
		return fmt.Sprintf("+%s%%", viGroup(int64(pct)))
	case pct < 0:
		return fmt.Sprintf("−%s%%", viGroup(int64(-pct)))
	}
	return "0%"
}

// checkHeadline recounts from data/cases.csv alone the headline of a page
// (of one unit when code is set): the backlog at the day its heading
// names, and the flow of the month its second heading names, against the
// same month a year earlier.
func checkHeadline(t *testing.T, s site, page string, doc *html.Node, cases []map[string]string, code string) {
	t.Helper()
	got := cards(doc)
	heading := first(doc, id("headline-title"))
	if heading == nil {
		t.Errorf("%s: no headline", page)
		return
	}
	m := viDay.FindStringSubmatch(text(heading))
	if m == nil {
		t.Errorf("%s: headline %q names no day", page, text(heading))
		return
	}
	asOf := dayOf(t, m[3]+"-"+m[2]+"-"+m[1])
	days := overdueDays(t, s.src)

	want := map[string]int{}
	oldest, oldestID := -1, ""
	for _, r := range cases {
		if code != "" && r["district_code"] != code {
			continue
		}
		detected := dayOf(t, r["detected_on"])
		if detected > asOf {
			continue
		}
		age := asOf - detected
		switch r["status"] {
		case "detected", "requested":
			want["open"]++
			if age > days {
				want["overdue"]++
			}
			if age > longOpenDays {
				want["long"]++
			}
			if age > oldest || age == oldest && r["id"] < oldestID {
				oldest, oldestID = age, r["id"]
			}
		case "referred":
			want["waiting"]++
		}
	}
	for _, k := range []string{"open", "overdue", "long", "waiting"} {
		if g := viNumber(t, got[k].value); g != float64(want[k]) {
			t.Errorf("%s: %s shows %q, cases.csv counts %d at %s", page, k, got[k].value, want[k], m[0])
		}
	}
	if want["open"] > 0 {
		pct := 100 * float64(want["overdue"]) / float64(want["open"])
		if share := strings.Fields(got["overdue"].sub); len(share) == 0 || math.Abs(viNumber(t, share[0])-pct) > 0.05 {
			t.Errorf("%s: overdue share %q, cases.csv gives %.1f%%", page, got["overdue"].sub, pct)
		}
	}
	if oldest >= 0 {
		if w := viGroup(int64(oldest)) + " ngày"; got["oldest"].value != w || got["oldest"].sub != oldestID {
			t.Errorf("%s: oldest case %q %q, cases.csv gives %s %s", page, got["oldest"].value, got["oldest"].sub, w, oldestID)
		}
	}

	flow := first(doc, id("flow-title"))
	if flow == nil {
		return
	}
	mm := viMonth.FindStringSubmatch(text(first(flow, tag("a"))))
	if mm == nil {
		t.Errorf("%s: flow heading %q names no month", page, text(flow))
		return
	}
	n, _ := strconv.Atoi(mm[1])
	month := fmt.Sprintf("%s-%02d", mm[2], n)
	y, _ := strconv.Atoi(mm[2])
	ago := fmt.Sprintf("%d-%02d", y-1, n)
	count := map[string]int{}
	for _, r := range cases {
		if code != "" && r["district_code"] != code {
			continue
		}
		count["new|"+r["detected_on"][:7]]++
		if r["resolved_on"] != "" && dayOf(t, r["resolved_on"]) <= asOf {
			count["resolved|"+r["resolved_on"][:7]]++
		}
	}
	known := ago >= firstMonth(t, s.out)
	for _, k := range []string{"new", "resolved"} {
		cur, before := count[k+"|"+month], count[k+"|"+ago]
		if g := viNumber(t, got[k].value); g != float64(cur) {
			t.Errorf("%s: %s in %s shows %q, cases.csv counts %d", page, k, month, got[k].value, cur)
		}
		if w := wantChange(cur, before, known); got[k].change != w {
			t.Errorf("%s: %s in %s against %s: %q, want %q (%d then)", page, k, month, ago, got[k].change, w, before)
		}
	}
}

// TestHeadlineAtTwoDates builds the example at its own as_of and at a
// later day, and recounts the overview's headline, one unit's and the
// overview's unit table from the downloads.
func TestHeadlineAtTwoDates(t *testing.T) {
	later := site{name: "example-later", src: exampleRoot(t), out: filepath.Join(t.TempDir(), "out")}
	day, _ := period.ParseDate("2025-06-30")
	if _, diags, err := build.Run(t.Context(), build.Options{Source: later.src, Out: later.out, AsOf: day}); err != nil || len(diags) > 0 {
		t.Fatalf("build at 30/06/2025: %v %v", err, diags)
	}
	for _, s := range []site{example(t), later} {
		t.Run(s.name, func(t *testing.T) {
			cases := readCSV(t, filepath.Join(s.out, "data/cases.csv"))
			doc := parse(t, read(t, filepath.Join(s.out, "index.html")))
			if s.name == later.name && !strings.Contains(text(first(doc, id("headline-title"))), "30/06/2025") {
				t.Errorf("the headline is not at 30/06/2025: %q", text(first(doc, id("headline-title"))))
			}
			checkHeadline(t, s, "index.html", doc, cases, "")
			checkHeadline(t, s, "districts/ben-luc/index.html", parse(t, read(t, filepath.Join(s.out, "districts/ben-luc/index.html"))), cases, "803")
			checkUnitTable(t, s, doc, cases)
			data := readSiteData(t, s.src)
			checkHeadlineFromExports(t, data, "index.html", doc, "")
			checkHeadlineFromExports(t, data, "districts/ben-luc/index.html", parse(t, read(t, filepath.Join(s.out, "districts/ben-luc/index.html"))), "803")
		})
	}
}

// checkUnitTable recounts the overview's table of units: each unit's
// cases in hand and overdue, and the order, worst first.
func checkUnitTable(t *testing.T, s site, doc *html.Node, cases []map[string]string) {
	t.Helper()
	tbl := first(doc, id("unit-table"))
	if tbl == nil {
		t.Fatal("no unit table")
	}
	tb := readTable(tbl)
	m := viDay.FindStringSubmatch(text(first(doc, id("headline-title"))))
	asOf := dayOf(t, m[3]+"-"+m[2]+"-"+m[1])
	days := overdueDays(t, s.src)
	names := map[string]string{}
	for _, d := range readConfig(t, s.src).Districts {
		names[d.Name] = d.Code
	}
	col := func(h string) int { return slices.Index(tb.head, h) }
	cOpen, cOver, cWait := col("Đang xử lý"), col("Quá hạn"), col("Chờ cơ quan cấp trên")
	if cOpen < 0 || cOver < 0 || cWait < 0 {
		t.Fatalf("unit table heads %q", tb.head)
	}
	prev := math.MaxInt
	for _, row := range tb.rows {
		code, ok := names[row[0]]
		if !ok {
			t.Errorf("unit table row %q names no unit", row[0])
			continue
		}
		var open, over, wait int
		for _, r := range cases {
			if r["district_code"] != code || dayOf(t, r["detected_on"]) > asOf {
				continue
			}
			switch r["status"] {
			case "detected", "requested":
				open++
				if asOf-dayOf(t, r["detected_on"]) > days {
					over++
				}
			case "referred":
				wait++
			}
		}
		for _, c := range []struct {
			col  int
			want int
		}{{cOpen, open}, {cOver, over}, {cWait, wait}} {
			if g := viNumber(t, row[c.col]); g != float64(c.want) {
				t.Errorf("unit table %s %s = %s, cases.csv counts %d", row[0], tb.head[c.col], row[c.col], c.want)
			}
		}
		if over > prev {
			t.Errorf("unit table: %s (%d overdue) after a unit with %d: not worst first", row[0], over, prev)
		}
		prev = over
	}
}

// checkHeadlineFromExports recounts from the exports themselves the cards
// data/cases.csv cannot: the posters unknown among the cases in hand, the
// month's identified posters and the reports' counters (each unit's latest
// report for the month counted once).
func checkHeadlineFromExports(t *testing.T, d siteData, page string, doc *html.Node, code string) {
	t.Helper()
	got := cards(doc)
	m := viDay.FindStringSubmatch(text(first(doc, id("headline-title"))))
	asOf := dayOf(t, m[3]+"-"+m[2]+"-"+m[1])
	mm := viMonth.FindStringSubmatch(text(first(first(doc, id("flow-title")), tag("a"))))
	n, _ := strconv.Atoi(mm[1])
	month := fmt.Sprintf("%s-%02d", mm[2], n)

	// One record per case: the latest export's (then the file's name).
	latest := map[string]*export.Case{}
	from := map[string]*export.File{}
	for _, e := range d.exports {
		for i := range e.Cases {
			c := &e.Cases[i]
			if f := from[c.ID]; f == nil || e.ExportedAt.After(f.ExportedAt) || e.ExportedAt.Equal(f.ExportedAt) && e.File > f.File {
				latest[c.ID], from[c.ID] = c, e
			}
		}
	}
	unknown, identified, all := 0, 0, 0
	for _, c := range latest {
		if code != "" && c.District != code {
			continue
		}
		detected := dayOf(t, c.DetectedOn.String())
		if detected <= asOf && (c.Status == export.Detected || c.Status == export.Requested) && c.Offender != "identified" {
			unknown++
		}
		if strings.HasPrefix(c.DetectedOn.String(), month) {
			all++
			if c.Offender == "identified" {
				identified++
			}
		}
	}
	if g := viNumber(t, got["unidentified"].value); g != float64(unknown) {
		t.Errorf("%s: posters unknown shows %q, the exports give %d", page, got["unidentified"].value, unknown)
	}
	if w := viGroup(int64(identified)) + "/" + viGroup(int64(all)); all > 0 && got["identified"].value != w {
		t.Errorf("%s: identified in %s shows %q, the exports give %s", page, month, got["identified"].value, w)
	}

	type owed struct{ unit, month string }
	report := map[owed]*export.File{}
	for _, e := range d.exports {
		if e.District == "" || e.Period.Kind != period.Month || len(e.Metrics) == 0 || code != "" && e.District != code {
			continue
		}
		k := owed{e.District, e.Period.String()}
		if r := report[k]; r == nil || e.ExportedAt.After(r.ExportedAt) || e.ExportedAt.Equal(r.ExportedAt) && e.File < r.File {
			report[k] = e
		}
	}
	sums := map[string]int64{}
	for k, e := range report {
		if k.month == month {
			for _, m := range e.Metrics {
				sums[m.Key] += m.Value
			}
		}
	}
	for _, key := range []string{"posts_reviewed", "accounts_reviewed"} {
		c, shown := got["metric-"+key]
		want, given := sums[key]
		if shown != given || given && viNumber(t, c.value) != float64(want) {
			t.Errorf("%s: %s in %s shows %q (%v), the reports give %d (%v)", page, key, month, c.value, shown, want, given)
		}
	}
}
