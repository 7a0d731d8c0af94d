package acceptance

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"giamsat/internal/period"
	"giamsat/internal/sample"
)

// reformConfig is what this test reads of site.yaml itself: the units and
// their dates.
type reformConfig struct {
	Districts []struct {
		Code, Name, Since, Until string
		NowPartOf                []string `yaml:"now_part_of"`
	}
	Categories []struct{ Key, Name string }
}

// TestReformRecount builds a province that changes from districts to
// communes on 1 July 2025 and recounts, from the downloads and site.yaml
// and not with the program's code, the figures of a month before the
// change and a month after: which units a period report lists and their
// cases, the province's total, the reports owed and how each stands.
func TestReformRecount(t *testing.T) {
	src, out := filepath.Join(scratch, "reform-src"), filepath.Join(scratch, "reform")
	if err := sample.Write(src, sample.Options{Cases: 1500, Seed: 6, Districts: 5, Units: 12, Reform: period.New(2025, 7, 1)}); err != nil {
		t.Fatal(err)
	}
	if err := buildSite(src, out); err != nil {
		t.Fatal(err)
	}
	var cfg reformConfig
	if err := yaml.Unmarshal(read(t, filepath.Join(src, "site.yaml")), &cfg); err != nil {
		t.Fatal(err)
	}
	cases := readCSV(t, filepath.Join(out, "data/cases.csv"))
	reports := readCSV(t, filepath.Join(out, "data/reports.csv"))
	vn := time.FixedZone("ICT", 7*3600)

	for _, month := range []string{"2025-03", "2025-09"} {
		t.Run(month, func(t *testing.T) {
			first, _ := time.Parse("2006-01", month)
			last := first.AddDate(0, 1, -1)
			due := first.AddDate(0, 1, 4) // the 5th of the next month
			// The units that existed on some day of the month.
			existed := map[string]string{} // code → name
			for _, d := range cfg.Districts {
				since, until := d.Since, d.Until
				if (since == "" || since <= last.Format("2006-01-02")) && (until == "" || until >= first.Format("2006-01-02")) {
					existed[d.Code] = d.Name
				}
			}
			if len(existed) == 0 || len(existed) == len(cfg.Districts) {
				t.Fatalf("%d of %d units existed: the month does not test the change", len(existed), len(cfg.Districts))
			}
			// Cases by unit and category, from cases.csv.
			count := map[string]int{}
			total := 0
			for _, c := range cases {
				if strings.HasPrefix(c["detected_on"], month) {
					count[c["district_code"]+"|"+c["category"]]++
					total++
					if _, ok := existed[c["district_code"]]; !ok {
						t.Errorf("case %s of %s, which did not exist in %s", c["id"], c["district_code"], month)
					}
				}
			}
			page := "reports/" + month + "/index.html"
			doc := parse(t, read(t, filepath.Join(out, page)))
			tb := readTable(first0(t, doc, page))
			var listed []string
			for _, row := range tb.rows {
				code := ""
				for c, name := range existed {
					if name == row[0] {
						code = c
					}
				}
				if code == "" {
					if row[0] != "Toàn tỉnh" {
						t.Errorf("%s lists %s, which did not exist then", page, row[0])
					}
					continue
				}
				listed = append(listed, code)
				for _, cat := range cfg.Categories {
					if got, want := row[tb.col(cat.Name)], count[code+"|"+cat.Key]; viNumber(t, got) != float64(want) {
						t.Errorf("%s: %s × %s = %s, recounted %d", page, row[0], cat.Key, got, want)
					}
				}
			}
			if len(listed) != len(existed) {
				t.Errorf("%s lists %d units, %d existed", page, len(listed), len(existed))
			}
			if want := fmt.Sprintf("phát hiện %s vụ việc", viGroup(int64(total))); !strings.Contains(text(doc), want) {
				t.Errorf("%s does not say %q", page, want)
			}
			// The reports owed for the month: one per unit that existed,
			// each late when it came after the due day (Vietnam time).
			var owed []string
			for _, r := range reports {
				if r["period"] != month {
					continue
				}
				owed = append(owed, r["district_code"])
				want := "missing"
				if r["exported_at"] != "" {
					at, err := time.Parse(time.RFC3339, r["exported_at"])
					if err != nil {
						t.Fatal(err)
					}
					want = "on-time"
					if at.In(vn).Format("2006-01-02") > due.Format("2006-01-02") {
						want = "late"
					}
				}
				if r["status"] != want {
					t.Errorf("reports.csv %s %s: %s, recounted %s", month, r["district_code"], r["status"], want)
				}
			}
			var codes []string
			for c := range existed {
				codes = append(codes, c)
			}
			slices.Sort(codes)
			slices.Sort(owed)
			if !slices.Equal(owed, codes) {
				t.Errorf("reports owed for %s by %v; the units that existed: %v", month, owed, codes)
			}
		})
	}

	// The overview lists the former districts apart, and its grid shows
	// only the communes; a former district's page names its successors.
	doc := parse(t, read(t, filepath.Join(out, "index.html")))
	page := text(doc)
	if !strings.Contains(page, "Đơn vị trước sắp xếp") {
		t.Error("index.html does not list the former units apart")
	}
	ended := map[string]bool{}
	for _, d := range cfg.Districts {
		ended[d.Name] = d.Until != ""
	}
	for what, tb := range map[string]table{
		"the compliance grid":        readTable(first(doc, class("grid"))),
		"the chart of cases by unit": chartTable(t, doc, "chart-cases-by-district"),
	} {
		if len(tb.rows) == 0 {
			t.Errorf("%s is empty", what)
		}
		for _, row := range tb.rows {
			if ended[row[0]] {
				t.Errorf("%s lists %s, which had ended by as_of", what, row[0])
			}
		}
	}
	former := cfg.Districts[0]
	if former.Until == "" || len(former.NowPartOf) == 0 {
		t.Fatalf("the first unit %+v is not a former district", former)
	}
	unit := text(parse(t, read(t, filepath.Join(out, "districts", slug(t, out, former.Name), "index.html"))))
	if !strings.Contains(unit, "nay thuộc") {
		t.Errorf("%s's page does not name its successors", former.Name)
	}
}

// first0 is the report's unit × category table.
func first0(t *testing.T, doc *html.Node, page string) *html.Node {
	h := first(doc, id("by-district-title"))
	if h == nil {
		t.Fatalf("%s: no unit × category table", page)
	}
	return first(h.Parent, tag("table"))
}

// slug finds the folder of a unit's page by its name on the overview.
func slug(t *testing.T, out, name string) string {
	doc := parse(t, read(t, filepath.Join(out, "index.html")))
	for _, a := range all(doc, tag("a")) {
		if text(a) == name {
			return filepath.Base(filepath.Dir(attr(a, "href")))
		}
	}
	t.Fatalf("no link to %s on the overview", name)
	return ""
}
