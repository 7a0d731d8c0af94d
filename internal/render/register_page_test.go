package render

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/vntext"
)

// registerRow is a row of a register page as a reader's browser parses it.
type registerRow struct {
	anchor, id, summary string
}

// readRegister reads every page of the register at dir (cases, cases/2 …)
// in page order: each page's rows.
func readRegister(t *testing.T, out, dir string) [][]registerRow {
	t.Helper()
	var pages [][]registerRow
	for p := 1; ; p++ {
		file := filepath.Join(out, filepath.FromSlash(dir), "index.html")
		if p > 1 {
			file = filepath.Join(out, filepath.FromSlash(dir), strconv.Itoa(p), "index.html")
		}
		b, err := os.ReadFile(file)
		if os.IsNotExist(err) && p > 1 {
			return pages
		}
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, parseRegisterRows(t, string(b)))
	}
}

// parseRegisterRows reads the rows of #case-register: each row's id
// attribute, its first cell's text and its second's.
func parseRegisterRows(t *testing.T, page string) []registerRow {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var rows []registerRow
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode && n.Data == "table" && id(n) == "case-register" {
			in = true
		}
		if in && n.Type == html.ElementNode && n.Data == "tr" && n.Parent.Data == "tbody" {
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.Data == "td" {
					cells = append(cells, textOf(c))
				}
			}
			if len(cells) < 2 {
				t.Fatalf("a register row of %d cells", len(cells))
			}
			rows = append(rows, registerRow{anchor: id(n), id: cells[0], summary: cells[1]})
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, false)
	return rows
}

// id is an element's id attribute.
func id(n *html.Node) string {
	if k := slices.IndexFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "id" }); k >= 0 {
		return n.Attr[k].Val
	}
	return ""
}

// newestFirst is the register's order, written here again: detected_on
// descending, then id ascending.
func newestFirst(cases []export.Case, keep func(c *export.Case) bool) []string {
	var picked []export.Case
	for i := range cases {
		if keep == nil || keep(&cases[i]) {
			picked = append(picked, cases[i])
		}
	}
	slices.SortFunc(picked, func(a, b export.Case) int {
		if a.DetectedOn != b.DetectedOn {
			if a.DetectedOn > b.DetectedOn {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	ids := make([]string, len(picked))
	for i, c := range picked {
		ids[i] = c.ID
	}
	return ids
}

// unanchor reads an anchor back into the id it names: the inverse of
// the scheme the README states, written here again.
func unanchor(t *testing.T, a string) string {
	t.Helper()
	if !regexp.MustCompile(`^c-([A-Za-z0-9.\-]|_[0-9A-F]{2})*$`).MatchString(a) {
		t.Fatalf("anchor %q is not c- and letters, digits, - . or _XX", a)
	}
	var b []byte
	for i := 2; i < len(a); i++ {
		if a[i] == '_' {
			n, _ := strconv.ParseUint(a[i+1:i+3], 16, 8)
			b = append(b, byte(n))
			i += 2
			continue
		}
		b = append(b, a[i])
	}
	return string(b)
}

// The registers list their cases newest first across all their pages, every
// row with an anchor that names its case, and each case's summary shown as
// text, markup and quotes included.
func TestRegisterOrderAnchorsSummaries(t *testing.T) {
	in := bigInput(1500)
	in.Cases[3].Summary = `Nội dung <script>alert("x")</script> & 'quoted' + "more"`
	in.Cases[4].ID = `Đ/2022 "1"<b>`
	in.Cases[5].ID = "A_B"
	in.Cases[6].ID = "A_5FB" // what a careless scheme would make of A_B
	slices.SortFunc(in.Cases, func(a, b export.Case) int { return strings.Compare(a.ID, b.ID) })
	in = input(in.Site, in.Cases, in.Exports)
	out := renderSite(t, loadTheme(t, in.Site), in)

	registers := map[string]func(c *export.Case) bool{"cases": nil}
	for i, slug := range []string{"tan-an", "ben-luc"} {
		code := in.Site.Districts[i].Code
		registers["districts/"+slug+"/cases"] = func(c *export.Case) bool { return c.District == code }
	}
	summaries := map[string]string{}
	for _, c := range in.Cases {
		summaries[c.ID] = c.Summary
	}
	for dir, keep := range registers {
		pages := readRegister(t, out, dir)
		if len(pages) < 2 {
			t.Errorf("%s: %d pages; the test wants several", dir, len(pages))
		}
		var got []string
		anchors := map[string]bool{}
		for p, rows := range pages {
			for _, r := range rows {
				got = append(got, r.id)
				if anchors[r.anchor] {
					t.Errorf("%s page %d: anchor %q twice", dir, p+1, r.anchor)
				}
				anchors[r.anchor] = true
				if id := unanchor(t, r.anchor); id != r.id {
					t.Errorf("%s page %d: the row of %q has the anchor %q, which names %q", dir, p+1, r.id, r.anchor, id)
				}
				if r.summary != summaries[r.id] {
					t.Errorf("%s page %d: case %q shows the summary %q; want %q", dir, p+1, r.id, r.summary, summaries[r.id])
				}
			}
		}
		if want := newestFirst(in.Cases, keep); !slices.Equal(got, want) {
			t.Errorf("%s lists %d cases %q…; want %d newest first %q…", dir, len(got), got[:min(5, len(got))], len(want), want[:min(5, len(want))])
		}
	}
	for _, f := range htmlFiles(t, out) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), `<script>alert(`) {
			t.Errorf("%s: a summary's markup reached the page as markup", f)
		}
	}
}

// A summary longer than a row shows is cut after a word, marked, and
// never in the middle of an escape; a short one is whole.
func TestClipSummary(t *testing.T) {
	if got := clipSummary(`a "b" <c>`); got != "a &#34;b&#34; &lt;c&gt;" {
		t.Errorf("short summary shown as %q", got)
	}
	long := strings.Repeat(`Nội dung "xấu" <b>&`+" ", 200)
	got := clipSummary(long)
	if len(got) > summaryBytes || !strings.HasSuffix(got, " …") || !utf8.ValidString(got) {
		t.Fatalf("clipped to %d bytes %q; want at most %d ending in \" …\"", len(got), got[max(0, len(got)-40):], summaryBytes)
	}
	text := html.UnescapeString(strings.TrimSuffix(got, " …"))
	if !strings.HasPrefix(long, text) || long[len(text)] != ' ' {
		t.Errorf("clipped text %q is not the start of the summary cut after a word", text[max(0, len(text)-40):])
	}
}

// No register page passes 300 KB, even when every summary is as long as
// the exports allow and made of the characters escaping lengthens most,
// and the ids are long.
func TestRegisterPageBudget(t *testing.T) {
	in := bigInput(3000)
	worst := strings.Repeat(`"<&'+ Đồng`, export.MaxText/10)
	for i := range in.Cases {
		in.Cases[i].Summary = worst
		in.Cases[i].ID = strings.Repeat("Đ", 40) + in.Cases[i].ID
	}
	in = input(in.Site, in.Cases, in.Exports)
	out := renderSite(t, loadTheme(t, in.Site), in)
	files, _ := filepath.Glob(filepath.Join(out, "cases", "*", "index.html"))
	if len(files) < 3 {
		t.Fatalf("%d register pages; the test wants several", len(files))
	}
	for _, f := range append(files, filepath.Join(out, "cases", "index.html")) {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if st.Size() >= 300_000 {
			t.Errorf("%s is %d bytes, want < 300 KB", f, st.Size())
		}
	}
}

// registerIndex is cases/index.js read back.
type registerIndex struct {
	Epoch, AsOf                            int
	Units, Categories, Platforms, Statuses []string
	Open                                   []int
	Months                                 []string
	MonthStarts                            []int
	Pages                                  []int
	UnitPages                              [][]int
	ID                                     []string
	Unit, Category, Platform, Status       []int
	Detected, Resolved, Overdue            []int
}

func readRegisterIndex(t *testing.T, out string) registerIndex {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "cases", "index.js"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	const prefix, suffix = "window.giamsatRegister = ", ";\n"
	if !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, suffix) {
		t.Fatalf("cases/index.js is not one assignment: %.80q", s)
	}
	var x registerIndex
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(s, prefix), suffix)), &x); err != nil {
		t.Fatal(err)
	}
	return x
}

// The register index holds, for every case in id order, what the pages
// show of it, and where each register's pages start: recounted here from
// the cases and from the pages themselves.
func TestRegisterIndex(t *testing.T) {
	in := bigInput(1500)
	in.Cases[7].ID = "BL-𝔸-1" // a character of two UTF-16 units
	slices.SortFunc(in.Cases, func(a, b export.Case) int { return strings.Compare(a.ID, b.ID) })
	in = input(in.Site, in.Cases, in.Exports)
	out := renderSite(t, loadTheme(t, in.Site), in)
	x := readRegisterIndex(t, out)
	cfg := in.Site
	n := len(in.Cases)
	for name, col := range map[string]int{"id": len(x.ID), "unit": len(x.Unit), "category": len(x.Category), "platform": len(x.Platform),
		"status": len(x.Status), "detected": len(x.Detected), "resolved": len(x.Resolved), "overdue": len(x.Overdue)} {
		if col != n {
			t.Fatalf("column %s has %d entries for %d cases", name, col, n)
		}
	}
	if len(x.Units) != len(cfg.Districts) || len(x.Categories) != len(cfg.Categories) || len(x.Statuses) != len(export.Statuses) {
		t.Fatalf("names: %d units, %d categories, %d statuses", len(x.Units), len(x.Categories), len(x.Statuses))
	}
	day := func(d period.Date) int {
		y, m, dd := d.YMD()
		return int(period.New(y, m, dd)-period.New(1970, 1, 1)) - x.Epoch
	}
	prev := []uint16{}
	for i, c := range in.Cases {
		// Front coding, read back in UTF-16 units as the script does.
		e := x.ID[i]
		shared := int(e[0]) - '0'
		cur := append(append([]uint16(nil), prev[:shared]...), utf16Of(e[1:])...)
		if got := stringOf(cur); got != c.ID {
			t.Errorf("case %d: id %q read back as %q", i, c.ID, got)
		}
		prev = cur
		if u := x.Unit[i]; u < 0 || cfg.Districts[u].Code != c.District {
			t.Errorf("%s: unit %d; want the unit of code %s", c.ID, u, c.District)
		}
		if k := x.Category[i]; cfg.Categories[k].Key != c.Category {
			t.Errorf("%s: category %d; want %s", c.ID, k, c.Category)
		}
		if k := x.Platform[i]; cfg.Platforms[k].Key != c.Platform {
			t.Errorf("%s: platform %d; want %s", c.ID, k, c.Platform)
		}
		if k := x.Status[i]; export.Statuses[k] != c.Status || (x.Open[k] == 1) != c.Status.Open() {
			t.Errorf("%s: status %d; want %s", c.ID, k, c.Status)
		}
		if x.Detected[i] != day(c.DetectedOn) {
			t.Errorf("%s: detected %d; want %d", c.ID, x.Detected[i], day(c.DetectedOn))
		}
		want := 0
		if !c.ResolvedOn.IsZero() {
			want = day(c.ResolvedOn) - day(c.DetectedOn) + 1
		}
		if x.Resolved[i] != want {
			t.Errorf("%s: resolved %d; want %d", c.ID, x.Resolved[i], want)
		}
		if (x.Overdue[i] == 1) != in.Summary.Overdue[i] {
			t.Errorf("%s: overdue %d", c.ID, x.Overdue[i])
		}
		// The month, as the filter finds it: the last that starts on or
		// before the day.
		m := -1
		for k, s := range x.MonthStarts {
			if s <= x.Detected[i] {
				m = k
			}
		}
		if want := period.MonthOf(c.DetectedOn, cfg.Reports.PeriodStartDay).String(); m < 0 || x.Months[m] != want {
			t.Errorf("%s: month %d; want %s", c.ID, m, want)
		}
	}
	if x.AsOf != day(in.Summary.AsOf) {
		t.Errorf("asOf %d; want %d", x.AsOf, day(in.Summary.AsOf))
	}

	// Page starts, from the pages as written.
	starts := func(dir string) []int {
		var s []int
		k := 0
		for _, rows := range readRegister(t, out, dir) {
			s = append(s, k)
			k += len(rows)
		}
		return s
	}
	if got := starts("cases"); !slices.Equal(x.Pages, got) {
		t.Errorf("pages start at %v; the register's at %v", x.Pages, got)
	}
	for u, slug := range []string{"tan-an", "ben-luc"} {
		if got := starts("districts/" + slug + "/cases"); !slices.Equal(x.UnitPages[u], got) {
			t.Errorf("unit %d's pages start at %v; its register's at %v", u, x.UnitPages[u], got)
		}
	}

	// The folded summaries, for the text filter.
	b, err := os.ReadFile(filepath.Join(out, "cases", "text.js"))
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(string(b), "window.giamsatRegisterText = "), ";\n")), &text); err != nil {
		t.Fatal(err)
	}
	if len(text) != n {
		t.Fatalf("%d summaries for %d cases", len(text), n)
	}
	for i, c := range in.Cases {
		if text[i] != vntext.Fold(c.Summary) {
			t.Errorf("%s: summary %q; want %q folded", c.ID, text[i], c.Summary)
		}
	}
}

func utf16Of(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
			continue
		}
		out = append(out, uint16(r))
	}
	return out
}

func stringOf(u []uint16) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		if u[i] >= 0xD800 && u[i] < 0xDC00 && i+1 < len(u) {
			b.WriteRune(0x10000 + (rune(u[i])-0xD800)<<10 + rune(u[i+1]) - 0xDC00)
			i++
			continue
		}
		b.WriteRune(rune(u[i]))
	}
	return b.String()
}

// The search links each case to its row: the page of the province's
// register that lists it, and its anchor there.
func TestCaseRegisterHref(t *testing.T) {
	in := bigInput(1500)
	th := loadTheme(t, in.Site)
	out := renderSite(t, th, in)
	where := map[string]string{}
	for p, rows := range readRegister(t, out, "cases") {
		file := "cases/index.html"
		if p > 0 {
			file = "cases/" + strconv.Itoa(p+1) + "/index.html"
		}
		for _, r := range rows {
			where[r.id] = file + "#" + r.anchor
		}
	}
	href := CaseRegisterHref(th, in.Site, in.Cases)
	pages := map[string]bool{}
	for i, c := range in.Cases {
		if got := href(i); got != where[c.ID] {
			t.Errorf("%s: linked as %s; its row is %s", c.ID, got, where[c.ID])
		}
		pages[strings.Split(href(i), "#")[0]] = true
	}
	if len(pages) < 3 {
		t.Errorf("links to %d pages; the test wants several", len(pages))
	}
}
