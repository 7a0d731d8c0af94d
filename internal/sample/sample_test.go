package sample

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"giamsat/internal/period"
	"giamsat/internal/privacy"
	"giamsat/internal/vntext"
)

// tree reads every file under dir, by slash path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func write(t *testing.T, opt Options) string {
	t.Helper()
	dir := t.TempDir()
	if err := Write(dir, opt); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestDeterministic(t *testing.T) {
	for _, opt := range []Options{
		{Cases: 600, Seed: 1},
		{Cases: 300, Seed: 42, Districts: 18, Years: 2, FromYear: 2021},
	} {
		a, b := tree(t, write(t, opt)), tree(t, write(t, opt))
		if len(a) != len(b) {
			t.Fatalf("%+v: %d files, then %d", opt, len(a), len(b))
		}
		for name, data := range a {
			if !bytes.Equal(data, b[name]) {
				t.Errorf("%+v: %s differs between two runs", opt, name)
			}
		}
		opt.Seed++
		c := tree(t, write(t, opt))
		same := len(a) == len(c)
		for name, data := range a {
			same = same && bytes.Equal(data, c[name])
		}
		if same {
			t.Errorf("%+v: seeds %d and %d wrote the same site", opt, opt.Seed-1, opt.Seed)
		}
	}
}

var idLine = regexp.MustCompile(`(?m)^  - id: ([A-Za-z0-9._-]{1,64})\r?$`)

func TestExactCount(t *testing.T) {
	for _, opt := range []Options{
		{Cases: 0},
		{Cases: 1, Seed: 3},
		{Cases: 7, Seed: 5, Districts: 3, Years: 1},
		{Cases: 1000, Seed: 9},
		{Cases: 2500, Seed: 11, Districts: 20, Years: 2},
	} {
		ids := map[string]bool{}
		files := tree(t, write(t, opt))
		reports := 0
		for name, data := range files {
			if !strings.HasPrefix(name, "data/") {
				continue
			}
			if !strings.HasPrefix(name, "data/toan-tinh/") {
				reports++
			}
			for _, m := range idLine.FindAllSubmatch(data, -1) {
				ids[string(m[1])] = true
			}
		}
		if len(ids) != opt.Cases {
			t.Errorf("%+v: %d unique ids, want %d", opt, len(ids), opt.Cases)
		}
		opt, _ = opt.withDefaults()
		if owed := opt.Districts * opt.Years * 12; reports > owed || reports < owed*9/10 {
			t.Errorf("%+v: %d district reports of %d owed", opt, reports, owed)
		}
	}
}

func TestForce(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(dir, Options{Cases: 50})
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "site.yaml")) {
		t.Fatalf("Write over an existing site.yaml: %v, want an error naming it", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); err == nil {
		t.Error("Write refused but wrote data/ anyway")
	}
	if err := Write(dir, Options{Cases: 50, Force: true}); err != nil {
		t.Fatal(err)
	}
	got, want := tree(t, dir), tree(t, write(t, Options{Cases: 50}))
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("with Force, %s differs from a fresh site", name)
		}
	}
}

func TestOptionsRejected(t *testing.T) {
	for _, opt := range []Options{{Cases: -1}, {Cases: 1, Years: -2}, {Cases: 1, FromYear: 12}} {
		if err := Write(t.TempDir(), opt); err == nil {
			t.Errorf("%+v: no error", opt)
		}
	}
}

func TestMoney(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1.000", 7500000: "7.500.000", 10000000: "10.000.000"} {
		if got := money(n); got != want {
			t.Errorf("money(%d) = %q, want %q", n, got, want)
		}
	}
}

// The types below read the generated files on their own, with yaml.v3, to
// check the contract's reading rules independently of internal/export.
type xSite struct {
	Title, Organization, Language string
	OverdueAfterDays              int `yaml:"overdue_after_days"`
	Reports                       struct {
		Every          string
		DueDay         int    `yaml:"due_day"`
		PeriodStartDay int    `yaml:"period_start_day"`
		CloseAfterDays int    `yaml:"close_after_days"`
		NumberFormat   string `yaml:"number_format"`
		Parent         string
		Signer         struct{ Authority, Title, Name string }
		Recipients     []string
	}
	Publish struct {
		PostLinks bool `yaml:"post_links"`
	}
	Map struct {
		File         string
		CodeProperty string `yaml:"code_property"`
	}
	DistrictLabel  string `yaml:"district_label"`
	ReferralBodies []struct {
		Key, Name, Since, Until string
	} `yaml:"referral_bodies"`
	Districts []struct {
		Code, Name, Short string
		Aliases           []string
		Tile              []int
	}
	Categories, Platforms, Metrics []struct{ Key, Name string }
}

type xExport struct {
	Export struct {
		Unit, District, Period string
		ExportedAt             string           `yaml:"exported_at"`
		Metrics                map[string]int64 `yaml:"metrics"`
	}
	Cases []xCase
}

type xCase struct {
	ID         string
	DetectedOn string `yaml:"detected_on"`
	District   string
	Platform   string
	Category   string
	Summary    string
	Reach      *int64
	Offender   string
	Status     string
	ReferredTo string `yaml:"referred_to"`
	ResolvedOn string `yaml:"resolved_on"`
	FineVND    *int64 `yaml:"fine_vnd"`
	PostURL    string `yaml:"post_url"`
	Basis      []string
	Events     []struct{ Date, Action, Note string }
}

func decode(t *testing.T, name string, data []byte, v any) {
	t.Helper()
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// TestRecordsFollowTheContract checks every record against the reading
// rules, and that the sample has the variety it promises.
func TestRecordsFollowTheContract(t *testing.T) {
	for _, opt := range []Options{{Cases: 2000, Seed: 1}, {Cases: 800, Seed: 77, Districts: 17, Years: 2}} {
		files := tree(t, write(t, opt))
		var site xSite
		decode(t, "site.yaml", files["site.yaml"], &site)
		districts, cats, plats := map[string]string{}, map[string]string{}, map[string]string{}
		for _, d := range site.Districts {
			for _, s := range append([]string{d.Code, d.Name, d.Short}, d.Aliases...) {
				districts[vntext.Key(s)] = d.Code
			}
		}
		for _, c := range site.Categories {
			cats[vntext.Key(c.Key)], cats[vntext.Key(c.Name)] = c.Key, c.Key
		}
		for _, p := range site.Platforms {
			plats[vntext.Key(p.Key)], plats[vntext.Key(p.Name)] = p.Key, p.Key
		}
		seen := map[string]string{} // id and exported_at → the record
		latest := map[string]time.Time{}
		final := map[string]xCase{}
		var asOf time.Time
		mess := map[string]int{}
		for name, data := range files {
			if !strings.HasPrefix(name, "data/") {
				continue
			}
			switch {
			case bytes.HasPrefix(data, []byte("\ufeff")):
				mess["bom"]++
			case bytes.Contains(data, []byte("\r\n")):
				mess["crlf"]++
			case !norm.NFC.IsNormal(data):
				mess["nfd"]++
			}
			var x xExport
			decode(t, name, data, &x)
			at, err := period.ParseTime(x.Export.ExportedAt)
			if err != nil || x.Export.Unit == "" {
				t.Fatalf("%s: exported_at %q: %v, unit %q", name, x.Export.ExportedAt, err, x.Export.Unit)
			}
			if at.After(asOf) {
				asOf = at
			}
			atDay := period.DateOf(at)
			if x.Export.District != "" {
				if _, ok := districts[vntext.Key(x.Export.District)]; !ok {
					t.Errorf("%s: export district %q unknown", name, x.Export.District)
				}
				if _, err := period.Parse(x.Export.Period); err != nil {
					t.Errorf("%s: period %q: %v", name, x.Export.Period, err)
				}
				if len(x.Cases) == 0 {
					mess["empty"]++
				}
			} else {
				mess["full export"]++
			}
			date := func(s, what string) period.Date {
				d, err := period.ParseDate(s)
				if err != nil {
					t.Fatalf("%s: %s %q: %v", name, what, s, err)
				}
				if d > atDay {
					t.Errorf("%s: %s %s after exported_at %s", name, what, s, x.Export.ExportedAt)
				}
				if !strings.Contains(s, "-") {
					mess["day-first"]++
				}
				return d
			}
			for _, c := range x.Cases {
				where := name + ": " + c.ID
				detected := date(c.DetectedOn, "detected_on")
				district := c.District
				if district == "" {
					district = x.Export.District
				} else {
					mess["case district"]++
				}
				if _, ok := districts[vntext.Key(district)]; !ok {
					t.Errorf("%s: district %q unknown", where, district)
				}
				if cats[vntext.Key(c.Category)] == "" || plats[vntext.Key(c.Platform)] == "" {
					t.Errorf("%s: category %q or platform %q unknown", where, c.Category, c.Platform)
				}
				if c.Summary == "" || c.Offender != "identified" && c.Offender != "unidentified" {
					t.Errorf("%s: summary %q, offender %q", where, c.Summary, c.Offender)
				}
				resolved := c.Status == "removed" || c.Status == "sanctioned" || c.Status == "closed"
				if resolved != (c.ResolvedOn != "") {
					t.Errorf("%s: status %s with resolved_on %q", where, c.Status, c.ResolvedOn)
				}
				if resolved && date(c.ResolvedOn, "resolved_on") < detected {
					t.Errorf("%s: resolved_on %s before detected_on %s", where, c.ResolvedOn, c.DetectedOn)
				}
				if (c.Status == "referred") != (c.ReferredTo != "") {
					t.Errorf("%s: status %s with referred_to %q", where, c.Status, c.ReferredTo)
				}
				switch c.ReferredTo {
				case "", "thanh-tra-so", "cuc-attt", "cuc-ptth":
				default:
					t.Errorf("%s: referred_to %q", where, c.ReferredTo)
				}
				if c.FineVND != nil && c.Status != "sanctioned" {
					t.Errorf("%s: fine_vnd on a %s case", where, c.Status)
				}
				if !strings.Contains(" detected requested referred removed sanctioned closed ", " "+c.Status+" ") {
					t.Errorf("%s: status %q", where, c.Status)
				}
				texts := []string{c.Summary}
				for _, e := range c.Events {
					date(e.Date, "event date")
					texts = append(texts, e.Note)
					if !strings.Contains(" detected verified takedown-requested removed sanctioned referred closed note ", " "+e.Action+" ") {
						t.Errorf("%s: action %q", where, e.Action)
					}
				}
				for _, s := range texts {
					if f := privacy.Scan(s, false); len(f) > 0 {
						t.Errorf("%s: %q fails the privacy guard: %v", where, s, f)
					}
				}
				for _, b := range c.Basis {
					if b != directiveSlug {
						t.Errorf("%s: basis %q", where, b)
					}
				}
				rec, _ := yaml.Marshal(c)
				key := c.ID + " " + at.String()
				if prev, ok := seen[key]; ok && prev != string(rec) {
					t.Errorf("%s: differs from another record of the same exported_at", where)
				}
				seen[key] = string(rec)
				if at.After(latest[c.ID]) {
					latest[c.ID], final[c.ID] = at, c
				}
			}
		}
		if len(final) != opt.Cases {
			t.Errorf("%+v: %d unique cases", opt, len(final))
		}
		statuses := map[string]int{}
		overdue := 0
		for _, c := range final {
			statuses[c.Status]++
			d, _ := period.ParseDate(c.DetectedOn)
			if (c.Status == "detected" || c.Status == "requested" || c.Status == "referred") && period.DateOf(asOf).Sub(d) > 15 {
				overdue++
			}
		}
		updates := len(seen) - len(final)
		t.Logf("%+v: %d records, %d updates, final statuses %v, %d overdue, mess %v", opt, len(seen), updates, statuses, overdue, mess)
		for _, s := range []string{"detected", "requested", "referred", "removed", "sanctioned", "closed"} {
			if statuses[s] == 0 {
				t.Errorf("%+v: no case ends %s", opt, s)
			}
		}
		if overdue == 0 || updates < opt.Cases/10 {
			t.Errorf("%+v: %d overdue, %d updates", opt, overdue, updates)
		}
		for _, m := range []string{"bom", "crlf", "nfd", "empty", "full export", "day-first", "case district"} {
			if mess[m] == 0 {
				t.Errorf("%+v: no %s", opt, m)
			}
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	for b.Loop() {
		if err := Write(b.TempDir(), Options{Cases: 20_000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// A province after the 2025 reform: communes and wards with five-digit
// codes in order, names that do not repeat even without tone marks, and a
// site.yaml that says what the units are.
func TestCommunes(t *testing.T) {
	for _, n := range []int{5, 96, 300, 1000} {
		ds := communes(n)
		if len(ds) != n {
			t.Fatalf("communes(%d) gave %d", n, len(ds))
		}
		slugs := map[string]bool{}
		for i, d := range ds {
			if len(d.Code) != 5 || i > 0 && d.Code <= ds[i-1].Code {
				t.Errorf("unit %d: code %q", i, d.Code)
			}
			if !strings.HasPrefix(d.Name, "Xã ") && !strings.HasPrefix(d.Name, "Phường ") {
				t.Errorf("unit %d: name %q", i, d.Name)
			}
			if s := vntext.Slug(d.Short); slugs[s] {
				t.Errorf("unit %d: %q repeats a name", i, d.Short)
			} else {
				slugs[s] = true
			}
		}
	}
	dir := write(t, Options{Cases: 300, Units: 40})
	b, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"district_label: Xã, phường", "Sở Văn hóa, Thể thao và Du lịch tỉnh Tây Ninh", `code: "27273"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("site.yaml lacks %q", want)
		}
	}
}
