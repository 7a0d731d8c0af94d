package site

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"giamsat/internal/period"
)

func TestLoad(t *testing.T) {
	c, diags := Load("testdata")
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	if c.Title != "Giám sát thông tin về trẻ em trên mạng" || c.Organization != "Sở Thông tin và Truyền thông tỉnh Long An" {
		t.Errorf("title, organization: %q, %q", c.Title, c.Organization)
	}
	// Defaults, and what the file sets.
	if c.Language != "vi" || c.Theme != "default" || c.OverdueAfterDays != 15 || !c.AsOf.IsZero() ||
		c.DistrictLabel != "Huyện, thị xã, thành phố" {
		t.Errorf("defaults: %+v", c)
	}
	if !reflect.DeepEqual(c.Reports, Reports{Every: period.Quarter, DueDay: 5, PeriodStartDay: 15, CloseAfterDays: DefaultCloseAfterDays, NumberFormat: DefaultNumberFormat}) || !c.Publish.PostLinks {
		t.Errorf("reports, publish: %+v %+v", c.Reports, c.Publish)
	}
	if len(c.Districts) != 3 || len(c.Categories) != 2 || len(c.Platforms) != 2 || len(c.Metrics) != 1 {
		t.Fatalf("lists: %+v", c)
	}
	d := c.Districts[0]
	if d.Code != "794" || d.Short != "Tân An" || len(d.Aliases) != 2 || !d.HasTile || d.Tile != [2]int{2, 4} {
		t.Errorf("district: %+v", d)
	}
	if b := c.Districts[2]; b.HasTile || b.Population != 0 || c.Districts[1].Population != 250000 {
		t.Errorf("optional district fields: %+v %+v", b, c.Districts[1])
	}
}

func TestLoadMissing(t *testing.T) {
	c, diags := Load(t.TempDir())
	if c != nil || len(diags) != 1 || diags[0].File != "site.yaml" || !strings.Contains(diags[0].EN, "no site.yaml") {
		t.Errorf("got %v, %s", c, diags.Text("en"))
	}
}

func TestLoadTooLarge(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: no need to write 64 MB to test the limit.
	if err := f.Truncate(65 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, diags := Load(dir)
	if len(diags) != 1 || !strings.Contains(diags[0].EN, "too large") {
		t.Errorf("got %s", diags.Text("en"))
	}
}

const minimal = `title: T
organization: O
districts:
  - {code: "1", name: Huyện A}
categories: [{key: c, name: C}]
platforms: [{key: p, name: P}]
`

func TestParseDefaults(t *testing.T) {
	c, diags := Parse("site.yaml", []byte(minimal+"language: en\n"))
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	if c.Language != "en" || c.DistrictLabel != "District" || c.Reports.Every != period.Month || c.Reports.DueDay != 5 ||
		c.Reports.PeriodStartDay != 1 || c.Publish.PostLinks || c.Districts[0].Short != "Huyện A" {
		t.Errorf("defaults: %+v", c)
	}
	c, diags = Parse("site.yaml", []byte(minimal+"as_of: 2022-06-30\ndistrict_label: Xã, phường\ntheme: dark-2\noverdue_after_days: 0\n"))
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	if c.AsOf != period.New(2022, 6, 30) || c.DistrictLabel != "Xã, phường" || c.Theme != "dark-2" || c.OverdueAfterDays != 0 {
		t.Errorf("settings: %+v", c)
	}
}

// TestReportsDocument reads the keys of the period reports as documents:
// their defaults, and the place of the date line from the organisation's
// name of the day when none is given.
func TestReportsDocument(t *testing.T) {
	c, diags := Parse("site.yaml", []byte(strings.Replace(minimal, "organization: O", "organization: Sở Văn hóa, Thể thao và Du lịch tỉnh Tây Ninh", 1)+"former_names: [{name: Sở Thông tin và Truyền thông tỉnh Long An, until: 2025-02-28}]\n"))
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	r := c.Reports
	if r.CloseAfterDays != 30 || r.NumberFormat != "{seq}/BC" || r.Parent != "" || r.Signer != (Signer{}) || r.Recipients != nil {
		t.Errorf("defaults: %+v", r)
	}
	if p := c.PlaceOn(period.New(2025, 2, 28)); p != "Long An" {
		t.Errorf("place before the merger %q", p)
	}
	if p := c.PlaceOn(period.New(2025, 3, 1)); p != "Tây Ninh" {
		t.Errorf("place after the merger %q", p)
	}
	c, diags = Parse("site.yaml", []byte(minimal+`reports:
  close_after_days: 45
  number_format: "{seq}/BC-STTTT-{year}"
  place: Tân An
  parent: UBND TỈNH LONG AN
  signer: {authority: KT. GIÁM ĐỐC, title: PHÓ GIÁM ĐỐC, name: Hồ Văn Dân}
  recipients: [UBND tỉnh, "Lưu: VT, TTra."]
`))
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	r = c.Reports
	if r.CloseAfterDays != 45 || r.NumberFormat != "{seq}/BC-STTTT-{year}" || c.PlaceOn(0) != "Tân An" || r.Parent != "UBND TỈNH LONG AN" ||
		r.Signer != (Signer{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hồ Văn Dân"}) || len(r.Recipients) != 2 || r.Recipients[1] != "Lưu: VT, TTra." {
		t.Errorf("settings: %+v", r)
	}
}

// TestParseErrors gives, for each rule, a site.yaml that breaks it: the
// minimal file with a line appended or changed.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		add  string // appended to minimal, unless replace
		from string // replaced in minimal by add
		line int
		en   string
	}{
		{"unknown field", "lanugage: vi\n", "", 7, `did you mean "language"`},
		{"language", "language: Tiếng Việt\n", "", 7, "such as fr"},
		{"map outside the site", "map: ../ban-do.geojson\n", "", 7, "map.file is a path inside the site folder"},
		{"map absolute", "map: {file: /etc/x.geojson}\n", "", 7, "map.file is a path inside the site folder"},
		{"map without file", "map: {code_property: ma}\n", "", 7, "map needs file"},
		{"map unknown field", "map: {file: a.geojson, code: ma}\n", "", 7, "code"},
		{"referral date", "referral_bodies: [{key: thanh-tra-tinh, name: Thanh tra tỉnh, since: 1/7/2025}]\n", "", 7, "since needs a date written YYYY-MM-DD"},
		{"referral order", "referral_bodies: [{key: a, name: A, since: 2025-07-01, until: 2025-01-01}]\n", "", 7, "until is before since"},
		{"referral key", "referral_bodies: [{key: Thanh Tra, name: A}]\n", "", 7, "may hold only lower-case"},
		{"theme slash", "theme: ../x\n", "", 7, "without / or"},
		{"theme hidden", "theme: .git\n", "", 7, "without / or"},
		{"as_of format", "as_of: 30/06/2022\n", "", 7, "YYYY-MM-DD"},
		{"as_of impossible", "as_of: 2022-02-30\n", "", 7, "YYYY-MM-DD"},
		{"overdue negative", "overdue_after_days: -1\n", "", 7, "from 0 to 3650"},
		{"overdue text", "overdue_after_days: abc\n", "", 7, "whole number"},
		{"every", "reports: {every: week}\n", "", 7, "month or quarter"},
		{"due_day", "reports: {due_day: 29}\n", "", 7, "from 1 to 28"},
		{"due_day zero", "reports: {due_day: 0}\n", "", 7, "from 1 to 28"},
		{"period_start_day", "reports: {period_start_day: 31}\n", "", 7, "from 1 to 28"},
		{"reports unknown", "reports: {evry: month}\n", "", 7, `did you mean "every"`},
		{"reports key misspelt", "reports: {number_fromat: \"{seq}/BC\"}\n", "", 7, `did you mean "number_format"`},
		{"number without seq", "reports: {number_format: BC-STTTT}\n", "", 7, "needs {seq}"},
		{"number place", "reports: {number_format: \"{seq}/{so}\"}\n", "", 7, "only {seq} and {year}, not {so}"},
		{"close_after_days", "reports: {close_after_days: -3}\n", "", 7, "from 0 to 366"},
		{"signer without name", "reports: {signer: {title: GIÁM ĐỐC}}\n", "", 7, `"name" is missing`},
		{"signer unknown", "reports: {signer: {name: A, chuc_vu: B}}\n", "", 7, "chuc_vu"},
		{"recipients not a list", "reports: {recipients: Lưu VT}\n", "", 7, "list"},
		{"post_links", "publish: {post_links: yes}\n", "", 7, "true or false"},
		{"title missing", "", "title: T\n", 1, `"title" is missing`},
		{"title empty", "title: ''\n", "title: T\n", 1, "must not be empty"},
		{"districts missing", "", "districts:\n  - {code: \"1\", name: Huyện A}\n", 1, `"districts" is missing`},
		{"districts empty", "districts: []\n", "districts:\n  - {code: \"1\", name: Huyện A}\n", 3, "at least one"},
		{"categories missing", "", "categories: [{key: c, name: C}]\n", 1, `"categories" is missing`},
		{"platforms empty", "platforms: []\n", "platforms: [{key: p, name: P}]\n", 6, "at least one"},
		{"code missing", "  - {name: Huyện B}\n", "categories", 5, `"code" is missing`},
		{"code form", "  - {code: 8 0, name: Huyện B}\n", "categories", 5, "only letters, digits"},
		{"code twice", "  - {code: \"1\", name: Huyện B}\n", "categories", 5, `the code "1" is already used by the unit on line 4`},
		{"name twice", "  - {code: \"2\", name: huyện a}\n", "categories", 5, `the same name as "Huyện A" on line 4`},
		{"alias collides", "  - {code: \"2\", name: Huyện B, aliases: [Huyện A]}\n", "categories", 5, `the same name as "Huyện A" on line 4`},
		{"short slug", "  - {code: \"2\", name: Huyện B, short: Huyen-A}\n", "categories", 5, "same page address districts/huyen-a"},
		{"tile range", "  - {code: \"2\", name: B, tile: [1, 50]}\n", "categories", 5, "from 0 to 49"},
		{"tile shape", "  - {code: \"2\", name: B, tile: 3}\n", "categories", 5, "two numbers"},
		{"tile twice", "  - {code: \"2\", name: B, tile: [1, 1]}\n  - {code: \"3\", name: C, tile: [1, 1]}\n", "categories", 6, "already taken by the unit on line 5"},
		{"population", "  - {code: \"2\", name: B, population: 0}\n", "categories", 5, "above 0"},
		{"district field", "  - {code: \"2\", name: B, alias: [x]}\n", "categories", 5, `did you mean "aliases"`},
		{"category key", "metrics: [{key: Posts Reviewed, name: M}]\n", "", 7, "lower-case ASCII"},
		{"category twice", "metrics: [{key: m, name: M}, {key: n, name: m}]\n", "", 7, `"m" is the same name as "m" on line 7`},
		{"title phone", "title: 'Gọi 0912 345 678'\n", "title: T\n", 1, "title: found what looks like a phone number: 09** *** *78"},
		{"organization email", "organization: 'Sở, em.a@gmail.com'\n", "organization: O\n", 2, "organization: found what looks like an email address"},
		{"name identity number", "  - {code: \"2\", name: 'Huyện 079123456789'}\n", "categories", 5, "name: found what looks like an identity number"},
		{"alias phone", "  - {code: \"2\", name: B, aliases: ['0912345678']}\n", "categories", 5, "aliases: found what looks like a phone number"},
		// Issue 13, item 7: bounds.
		{"as_of year 1", "as_of: 0001-01-01\n", "", 7, "outside the years 2000–2099"},
		{"as_of 9999", "as_of: 9999-12-31\n", "", 7, "outside the years 2000–2099"},
		{"name 1 MB", "  - {code: \"2\", name: " + strings.Repeat("a", 1<<20) + "}\n", "categories", 5, "name is 1048576 characters long, more than the 500 allowed"},
		{"units 1001", "districts:\n" + strings.Repeat("  - {code: \"1\", name: A}\n", 1001), "districts:\n  - {code: \"1\", name: Huyện A}\n", 4, "lists 1001 units, more than the 1000"},
		{"metrics 101", "metrics: [" + strings.Repeat("{key: m, name: M},", 101) + "]\n", "", 7, "metrics lists 101 entries, more than the 100"},
		{"duplicate key", "title: U\n", "", 7, `"title" is given twice (lines 1 and 7)`},
	}
	for _, tt := range tests {
		src := minimal + tt.add
		switch {
		case tt.from == "categories":
			src = strings.Replace(minimal, "categories", strings.TrimSuffix(tt.add, "\n")+"\ncategories", 1)
		case tt.from != "":
			src = strings.Replace(minimal, tt.from, tt.add, 1)
		}
		_, diags := Parse("site.yaml", []byte(src))
		if len(diags) != 1 || diags[0].Line != tt.line || !strings.Contains(diags[0].EN, tt.en) || diags[0].VI == "" {
			t.Errorf("%s: got\n%swant line %d: %s\n--- source:\n%s", tt.name, diags.Text("en"), tt.line, tt.en, src)
		}
	}
}

func TestParseAllErrorsSorted(t *testing.T) {
	src := "language: Français\ntitle: T\norganization: O\nreports: {due_day: 40, every: day}\n" +
		"districts: [{code: \"1\", name: A}, {code: \"1\", name: B}]\ncategories: [{key: c, name: C}]\nplatforms: [{key: p, name: P}]\n"
	_, diags := Parse("site.yaml", []byte(src))
	if len(diags) != 4 {
		t.Fatalf("got\n%s", diags.Text("en"))
	}
	for i, line := range []int{1, 4, 4, 5} {
		if diags[i].Line != line {
			t.Errorf("diag %d at line %d, want %d", i, diags[i].Line, line)
		}
	}
	if diags[1].Col >= diags[2].Col {
		t.Errorf("not sorted by column: %s", diags.Text("en"))
	}
	if !strings.Contains(diags[0].VI, "language nhận vi, en hoặc mã") {
		t.Errorf("vi: %s", diags[0].VI)
	}
}

func TestMatch(t *testing.T) {
	c, diags := Load("testdata")
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	districts := []struct{ in, code, suggest string }{
		{"794", "794", ""},
		{"Tân An", "794", ""},
		{"tân  an", "794", ""},
		{"TP. Tân An", "794", ""},
		{"Thành phố Tân An", "794", ""},
		{norm.NFD.String("Đức Hòa"), "802", ""},
		{"Đức Hoà", "802", ""}, // old tone placement
		{"HUYỆN ĐỨC HÒA", "802", ""},
		{"Ben Luc", "", "Bến Lức"},
		{"Bến Lứcc", "", "Bến Lức"},
		{"Hà Nội", "", ""},
		{"", "", ""},
	}
	for _, tt := range districts {
		code, ok, sug := c.MatchDistrict(tt.in)
		if code != tt.code || ok != (tt.code != "") || sug != tt.suggest {
			t.Errorf("MatchDistrict(%q) = %q, %v, %q; want %q, suggestion %q", tt.in, code, ok, sug, tt.code, tt.suggest)
		}
	}
	if key, ok, _ := c.MatchCategory("Lộ thông tin cá nhân của trẻ em"); !ok || key != "child-privacy" {
		t.Errorf("category by name: %q %v", key, ok)
	}
	if key, ok, _ := c.MatchCategory("child-violence"); !ok || key != "child-violence" {
		t.Errorf("category by key: %q %v", key, ok)
	}
	if _, ok, sug := c.MatchCategory("child-violense"); ok || sug != "child-violence" {
		t.Errorf("category near miss: %v %q", ok, sug)
	}
	if key, ok, _ := c.MatchPlatform("TIKTOK"); !ok || key != "tiktok" {
		t.Errorf("platform: %q %v", key, ok)
	}
	if _, ok, sug := c.MatchPlatform("facebok"); ok || sug != "facebook" {
		t.Errorf("platform near miss: %v %q", ok, sug)
	}
	if d := c.DistrictByCode("803"); d == nil || d.Short != "Bến Lức" {
		t.Errorf("DistrictByCode: %+v", d)
	}
	if c.DistrictByCode("Bến Lức") != nil || c.Category("x") != nil || c.Platform("Facebook") != nil {
		t.Error("lookups must take codes and keys only")
	}
	if c.Category("child-privacy").Name != "Lộ thông tin cá nhân của trẻ em" || c.Platform("facebook").Name != "Facebook" {
		t.Error("Category, Platform")
	}
}

func TestPrepareByHand(t *testing.T) {
	c := &Config{
		Districts:  []District{{Code: "1", Name: "Huyện A", Short: "A"}},
		Categories: []Item{{Key: "c", Name: "C"}},
		Platforms:  []Item{{Key: "p", Name: "P"}},
	}
	if err := c.Prepare(); err != nil {
		t.Fatal(err)
	}
	if code, ok, _ := c.MatchDistrict("a"); !ok || code != "1" {
		t.Errorf("hand-built: %q %v", code, ok)
	}
	c.Districts = append(c.Districts, District{Code: "2", Name: "huyện a"})
	if err := c.Prepare(); err == nil {
		t.Error("colliding names accepted")
	}
}

func FuzzParse(f *testing.F) {
	data, err := os.ReadFile("testdata/site.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(minimal))
	f.Add([]byte(minimal + "reports: {every: quarter, due_day: 28}\nmetrics: [{key: m, name: M}]\n"))
	f.Add([]byte("districts: [{code: \"1\", name: A, aliases: [a, A]}]\n"))
	f.Add([]byte("districts: [{code: 1, name: A, tile: [0, 0]}, {code: 2, name: B, tile: [0, 0]}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, diags := Parse("site.yaml", data)
		if len(diags) > 0 || c == nil {
			return
		}
		// A valid config matches each of its own names to itself.
		for _, d := range c.Districts {
			for _, n := range append([]string{d.Code, d.Name, d.Short}, d.Aliases...) {
				if code, ok, _ := c.MatchDistrict(n); !ok || code != d.Code {
					t.Fatalf("%q matched %q, %v; want %q", n, code, ok, d.Code)
				}
			}
		}
		for _, it := range c.Categories {
			if key, ok, _ := c.MatchCategory(it.Name); !ok || key != it.Key {
				t.Fatalf("category %q matched %q", it.Name, key)
			}
		}
	})
}

func TestMap(t *testing.T) {
	for _, tt := range []struct{ src, file, prop string }{
		{"map: ban-do/tinh.geojson\n", "ban-do/tinh.geojson", "code"},
		{"map:\n  file: ban-do/tinh.geojson\n  code_property: ma_xa\n", "ban-do/tinh.geojson", "ma_xa"},
		{"", "", ""},
	} {
		c, diags := Parse("site.yaml", []byte(minimal+tt.src))
		if len(diags) > 0 {
			t.Fatalf("%q: %v", tt.src, diags)
		}
		if c.Map.File != tt.file || c.Map.CodeProperty != tt.prop {
			t.Errorf("%q: map %+v", tt.src, c.Map)
		}
	}
}

func TestReferrals(t *testing.T) {
	c, diags := Parse("site.yaml", []byte(minimal))
	if len(diags) > 0 || len(c.Referrals) != 3 || c.Referrals[0].Key != "thanh-tra-so" {
		t.Fatalf("defaults: %+v %v", c.Referrals, diags)
	}
	c, diags = Parse("site.yaml", []byte(minimal+"referral_bodies:\n  - {key: thanh-tra-so, name: Thanh tra Sở, until: 2025-06-30}\n  - {key: thanh-tra-tinh, name: Thanh tra tỉnh, since: 2025-07-01}\n"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	old, _ := c.Referral("thanh-tra-so")
	now, _ := c.Referral("thanh-tra-tinh")
	day := period.New(2025, 6, 30)
	if !old.In(day) || old.In(day.AddDays(1)) || now.In(day) || !now.In(day.AddDays(1)) || len(c.Referrals) != 2 {
		t.Errorf("referrals %+v", c.Referrals)
	}
}

// Units across the 2025 reform: a district ends and names the communes
// that took it over, which begin the next day.
func TestReform(t *testing.T) {
	const reform = `title: T
organization: O
districts:
  - {code: "803", name: Huyện Bến Lức, until: 2025-06-30, now_part_of: ["27700", "27703"]}
  - {code: "27700", name: Xã Bến Lức, since: 2025-07-01}
  - {code: "27703", name: Xã Mỹ Yên, since: 2025-07-01}
categories: [{key: c, name: C}]
platforms: [{key: p, name: P}]
`
	c, diags := Parse("site.yaml", []byte(reform))
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	old, now := c.Districts[0], c.Districts[1]
	end := period.New(2025, 6, 30)
	if !old.In(end) || old.In(end.AddDays(1)) || now.In(end) || !now.In(end.AddDays(1)) ||
		!slices.Equal(old.NowPartOf, []string{"27700", "27703"}) {
		t.Errorf("units %+v", c.Districts)
	}
	if !old.Overlaps(period.New(2025, 6, 1), end) || old.Overlaps(end.AddDays(1), end.AddDays(30)) {
		t.Error("Overlaps")
	}
	for _, tt := range []struct{ from, to, want string }{
		{`now_part_of: ["27700", "27703"]`, `now_part_of: ["27799"]`, "now_part_of: code 27799 is not a unit of districts"},
		{`now_part_of: ["27700", "27703"]`, `now_part_of: ["803"]`, "cannot name the unit itself"},
		{`until: 2025-06-30, `, ``, "now_part_of needs until"},
		{`since: 2025-07-01}
  - {code: "27703"`, `since: 2025-08-01}
  - {code: "27703"`, "27700 (Xã Bến Lức) does not exist on 01/07/2025"},
		{`until: 2025-06-30`, `until: 30/6/2025`, "until needs a date written YYYY-MM-DD"},
	} {
		src := strings.Replace(reform, tt.from, tt.to, 1)
		if src == reform {
			t.Fatalf("%q not in the source", tt.from)
		}
		_, diags := Parse("site.yaml", []byte(src))
		if !strings.Contains(diags.Text("en"), tt.want) {
			t.Errorf("%s: got %s", tt.want, diags.Text("en"))
		}
	}
}

func TestFormerNames(t *testing.T) {
	c, diags := Parse("site.yaml", []byte(minimal+"former_names:\n  - {name: Sở Thông tin và Truyền thông tỉnh Long An, until: 2025-02-28}\n"))
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	if got := c.OrganizationOn(period.New(2025, 2, 28)); got != "Sở Thông tin và Truyền thông tỉnh Long An" {
		t.Errorf("on the last day: %q", got)
	}
	if got := c.OrganizationOn(period.New(2025, 3, 1)); got != "O" {
		t.Errorf("the day after: %q", got)
	}
	_, diags = Parse("site.yaml", []byte(minimal+"former_names:\n  - {name: A, until: 2025-02-28}\n  - {name: B, until: 2024-01-01}\n  - {name: C}\n"))
	for _, want := range []string{"former_names go oldest first", `"until" is missing`} {
		if !strings.Contains(diags.Text("en"), want) {
			t.Errorf("lacks %q: %s", want, diags.Text("en"))
		}
	}
}
