package export

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"giamsat/internal/diag"
	"giamsat/internal/period"
	"giamsat/internal/site"
)

func loadSite(t testing.TB) *site.Config {
	t.Helper()
	cfg, diags := site.Load("testdata")
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	return cfg
}

func TestReadExample(t *testing.T) {
	cfg := loadSite(t)
	data, err := os.ReadFile("testdata/export.yaml")
	if err != nil {
		t.Fatal(err)
	}
	e, diags := ReadFile("data/2022/04/ben-luc.yaml", data, cfg)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	at := time.Date(2022, 5, 3, 8, 0, 0, 0, period.Zone())
	if e.File != "data/2022/04/ben-luc.yaml" || e.Unit != "Phòng Văn hóa và Thông tin huyện Bến Lức" || e.District != "803" ||
		e.Period != (period.Period{Kind: period.Month, Year: 2022, N: 4}) || !e.ExportedAt.Equal(at) || !e.IsReport(period.Month) {
		t.Errorf("export: %+v", e)
	}
	// Metrics come in site.yaml order, not file order.
	if !slices.Equal(e.Metrics, []Metric{{"posts_reviewed", 1250}, {"accounts_checked", 40}}) {
		t.Errorf("metrics: %+v", e.Metrics)
	}
	if e.Records != 3 || e.Rejected != 0 || len(e.Cases) != 3 {
		t.Fatalf("records %d, rejected %d, cases %d", e.Records, e.Rejected, len(e.Cases))
	}
	c := e.Cases[0]
	want := Case{
		ID: "BL-2022-0012", DetectedOn: period.New(2022, 4, 12), District: "803", Platform: "facebook",
		Category: "child-violence", Summary: "Clip học sinh đánh nhau bị chia sẻ, lộ mặt các em",
		Reach: 15000, HasReach: true, Offender: "unidentified", Status: Referred, ReferredTo: "cuc-attt",
		PostURL: "https://www.facebook.com/groups/123/posts/456", Basis: []string{"283-ttra-2022"},
		Pos: Pos{File: "data/2022/04/ben-luc.yaml", Line: 9, Col: 5}, ExportedAt: at,
	}
	events := c.Events
	c.Events = nil
	if fmt.Sprint(c) != fmt.Sprint(want) {
		t.Errorf("case:\n got %+v\nwant %+v", c, want)
	}
	// Sorted by date; the note-less event keeps an empty note.
	var got []string
	for _, ev := range events {
		got = append(got, fmt.Sprintf("%s %s %q %d:%d", ev.Date, ev.Action, ev.Note, ev.Pos.Line, ev.Pos.Col))
	}
	wantEvents := []string{
		`2022-04-12 detected "" 27:9`,
		`2022-04-13 takedown-requested "Đã đề nghị quản trị viên gỡ bài" 24:9`,
		`2022-04-20 referred "Chuyển Cục An toàn thông tin" 21:9`,
	}
	if !slices.Equal(got, wantEvents) {
		t.Errorf("events:\n%s", strings.Join(got, "\n"))
	}
	s := e.Cases[1]
	if s.District != "794" || s.Platform != "tiktok" || s.Category != "child-privacy" || s.Status != Sanctioned ||
		s.ResolvedOn != period.New(2022, 4, 28) || !s.HasFine || s.FineVND != 7500000 || s.HasReach {
		t.Errorf("second case: %+v", s)
	}
	if d := e.Cases[2]; d.District != "803" || d.Status != Detected || !d.ResolvedOn.IsZero() || d.Pos.Line != 39 {
		t.Errorf("third case: %+v", d)
	}
}

// record is one case written field by field, in this order, so that a
// test can change or drop one field and find the line it is on.
var recordFields = []string{"id", "detected_on", "district", "platform", "category", "summary", "reach", "offender", "status", "referred_to", "resolved_on", "fine_vnd", "post_url", "basis", "events"}

var baseRecord = map[string]string{
	"id":          "BL-2022-0001",
	"detected_on": "2022-04-12",
	"platform":    "facebook",
	"category":    "child-violence",
	"summary":     "Clip học sinh đánh nhau, phạt 7.500.000 đồng",
	"offender":    "unidentified",
	"status":      "detected",
}

// exportHead is the export section; records start on line 7, column 5.
const exportHead = `export:
  unit: Phòng Văn hóa và Thông tin huyện Bến Lức
  district: Bến Lức
  period: 2022-04
  exported_at: 2022-05-03T08:00:00+07:00
cases:
`

// file writes the export with one record: the base record changed by
// with ("-" drops a field). Extra fields not in recordFields go last.
func file(with map[string]string) string {
	var b strings.Builder
	b.WriteString(exportHead)
	prefix := "  - "
	fields := slices.Clone(recordFields)
	for k := range with {
		if !slices.Contains(fields, k) {
			fields = append(fields, k)
		}
	}
	slices.Sort(fields[len(recordFields):])
	for _, k := range fields {
		v, ok := with[k]
		if !ok {
			v, ok = baseRecord[k]
		}
		if !ok || v == "-" {
			continue
		}
		b.WriteString(prefix + k + ": " + v + "\n")
		prefix = "    "
	}
	return b.String()
}

// posOf returns the line and column of the value of field in src.
func posOf(t *testing.T, src, field string) (int, int) {
	t.Helper()
	for i, l := range strings.Split(src, "\n") {
		if i < 6 {
			continue // the export section
		}
		trimmed := strings.TrimLeft(strings.TrimPrefix(l, "  - "), " ")
		if strings.HasPrefix(trimmed, field+":") {
			return i + 1, len(l) - len(trimmed) + len(field) + 3
		}
	}
	t.Fatalf("no %s in\n%s", field, src)
	return 0, 0
}

// TestRules has, for each reading rule of a case, a record that breaks it
// and one that keeps it. at is where the error is: a field's value, "key:"
// and a field for its key, or "" for the record itself (line 7, col 5).
func TestRules(t *testing.T) {
	cfg := loadSite(t)
	tests := []struct {
		name string
		with map[string]string
		at   string
		en   string // "" means the record is valid
	}{
		// id
		{"id missing", map[string]string{"id": "-"}, "", `"id" is missing`},
		{"id empty", map[string]string{"id": `""`}, "id", `"id" must not be empty`},
		{"id space", map[string]string{"id": "BL 1"}, "id", "a case id holds 1 to 64"},
		{"id slash", map[string]string{"id": "../x"}, "id", "a case id holds 1 to 64"},
		{"id dots", map[string]string{"id": ".."}, "id", "at least one letter or digit"},
		{"id long", map[string]string{"id": strings.Repeat("a", 65)}, "id", "1 to 64"},
		{"id ok", map[string]string{"id": "BL-2022.0001_b"}, "", ""},
		{"id 64", map[string]string{"id": strings.Repeat("a", 64)}, "", ""},
		{"id number", map[string]string{"id": "12"}, "", ""},
		{"id phone", map[string]string{"id": "0912345678"}, "id", "id: found what looks like a phone number: 09******78"},
		{"id identity number", map[string]string{"id": "079123456789"}, "id", "id: found what looks like an identity number"},
		{"id code", map[string]string{"id": "LA-2022-04-0912345"}, "", ""},
		// detected_on
		{"detected missing", map[string]string{"detected_on": "-"}, "", `"detected_on" is missing`},
		{"detected format", map[string]string{"detected_on": "2022/04/12"}, "detected_on", "month-first dates are not accepted"},
		{"detected impossible", map[string]string{"detected_on": "31/04/2022"}, "detected_on", "not in the calendar (31/04/2022)"},
		{"detected month first", map[string]string{"detected_on": "04/30/2022"}, "detected_on", "month first"},
		{"detected after export", map[string]string{"detected_on": "2022-05-04"}, "detected_on", "after the export date 2022-05-03"},
		{"detected day first", map[string]string{"detected_on": "1/4/2022"}, "", ""},
		{"detected export day", map[string]string{"detected_on": "03/05/2022"}, "", ""},
		// district
		{"district near miss", map[string]string{"district": "Ben Luc"}, "district", `did you mean "Bến Lức"`},
		{"district unknown", map[string]string{"district": "Hà Nội"}, "district", "use a code, name, short name or alias"},
		{"district alias", map[string]string{"district": "tp.  tân an"}, "", ""},
		{"district code", map[string]string{"district": `"802"`}, "", ""},
		{"district old tones", map[string]string{"district": "Đức Hoà"}, "", ""},
		{"district NFD", map[string]string{"district": norm.NFD.String("Huyện Đức Hòa")}, "", ""},
		// platform, category
		{"platform missing", map[string]string{"platform": "-"}, "", `"platform" is missing`},
		{"platform near miss", map[string]string{"platform": "facebok"}, "platform", `platform "facebok" is not in the platforms of site.yaml; did you mean "facebook"?`},
		{"platform name", map[string]string{"platform": "TikTok"}, "", ""},
		{"category missing", map[string]string{"category": "-"}, "", `"category" is missing`},
		{"category near miss", map[string]string{"category": "child-violense"}, "category", `did you mean "child-violence"`},
		{"category unknown", map[string]string{"category": "spam"}, "category", "use a key or name listed there"},
		{"category name", map[string]string{"category": "lộ thông tin cá nhân của trẻ em"}, "", ""},
		// summary
		{"summary missing", map[string]string{"summary": "-"}, "", `"summary" is missing`},
		{"summary empty", map[string]string{"summary": `"  "`}, "summary", `"summary" must not be empty`},
		{"summary list", map[string]string{"summary": "[a]"}, "summary", "needs a piece of text"},
		{"summary phone", map[string]string{"summary": "Liên hệ 0912 345 678"}, "summary", "phone number: 09** *** *78"},
		{"summary phone, zero-width", map[string]string{"summary": `"Liên hệ 0912\u200b345\u2060678"`}, "summary", "phone number: 09**"},
		{"summary phone, full-width", map[string]string{"summary": "Liên hệ ０９１２３４５６７８"}, "summary", "phone number: ０９"},
		{"summary CMND with dots", map[string]string{"summary": "CMND 301.234.567"}, "summary", "identity number (CMND/CCCD): 30*.***.*67"},
		{"summary fine", map[string]string{"summary": "Phạt 301.234.567 đồng, 7.500.000 đ"}, "", ""},
		{"summary id number", map[string]string{"summary": "CCCD 079123456789"}, "summary", "identity number (CMND/CCCD): 07********89"},
		{"summary email", map[string]string{"summary": "'em: be.na@gmail.com'"}, "summary", "an email address"},
		{"summary url", map[string]string{"summary": "xem facebook.com/be.na"}, "summary", "a web address"},
		{"summary bidi", map[string]string{"summary": `"a\u202Eb"`}, "summary", "invisible control character"},
		{"summary amount", map[string]string{"summary": "Phạt 7.500.000 đồng, 15000 lượt xem"}, "", ""},
		// reach
		{"reach negative", map[string]string{"reach": "-1"}, "reach", "must not be negative"},
		{"reach text", map[string]string{"reach": "nhiều"}, "reach", "whole number"},
		{"reach separators", map[string]string{"reach": "15.000"}, "reach", "without dots"},
		{"reach ok", map[string]string{"reach": "15000"}, "", ""},
		// Issue 13, items 6 and 7: bounds.
		{"reach at bound", map[string]string{"reach": "100000000000"}, "", ""},
		{"reach over bound", map[string]string{"reach": "100000000001"}, "reach", "above the largest accepted (at most 100 billion)"},
		{"fine max int64", map[string]string{"status": "sanctioned", "resolved_on": "2022-04-20", "fine_vnd": "9223372036854775807"}, "fine_vnd", "above the largest accepted"},
		{"detected year 1", map[string]string{"detected_on": "0001-01-01"}, "detected_on", "outside the years 2000–2099"},
		{"detected 11 years early", map[string]string{"detected_on": "2011-05-02"}, "detected_on", "more than 10 years before the export date 2022-05-03"},
		{"detected 10 years early", map[string]string{"detected_on": "2012-05-03"}, "", ""},
		{"event year 1", map[string]string{"events": "[{date: 0001-01-01, action: note}]"}, "events", "outside the years 2000–2099"},
		{"summary 2000", map[string]string{"summary": strings.Repeat("ạ", 2000)}, "", ""},
		{"summary 2001", map[string]string{"summary": strings.Repeat("ạ", 2001)}, "summary", "2001 characters long, more than the 2000 allowed"},
		{"reach empty", map[string]string{"reach": ""}, "", ""},
		// offender
		{"offender missing", map[string]string{"offender": "-"}, "", `"offender" is missing`},
		{"offender typo", map[string]string{"offender": "unidentifed"}, "offender", `did you mean "unidentified"`},
		{"offender other", map[string]string{"offender": "police"}, "offender", "use one of: identified, unidentified"},
		{"offender identified", map[string]string{"offender": "identified"}, "", ""},
		// status
		{"status missing", map[string]string{"status": "-"}, "", `"status" is missing`},
		{"status typo", map[string]string{"status": "referd"}, "status", `did you mean "referred"`},
		{"status requested", map[string]string{"status": "requested"}, "", ""},
		// referred_to
		{"referred without", map[string]string{"status": "referred"}, "", `"referred_to" is missing`},
		{"referred unknown", map[string]string{"status": "referred", "referred_to": "cuc-atttt"}, "referred_to", `did you mean "cuc-attt"`},
		{"referred_to not referred", map[string]string{"referred_to": "cuc-attt"}, "referred_to", "referred_to goes only with status referred, but this case's status is detected"},
		{"referred ok", map[string]string{"status": "referred", "referred_to": "thanh-tra-so"}, "", ""},
		// resolved_on
		{"resolved without", map[string]string{"status": "removed"}, "", `"resolved_on" is missing`},
		{"resolved open", map[string]string{"resolved_on": "2022-04-20"}, "resolved_on", "goes only with status removed, sanctioned or closed"},
		{"resolved before", map[string]string{"status": "closed", "resolved_on": "2022-04-11"}, "resolved_on", "resolved_on 2022-04-11 is before detected_on 2022-04-12"},
		{"resolved after export", map[string]string{"status": "closed", "resolved_on": "2022-05-04"}, "resolved_on", "after the export date"},
		{"resolved bad", map[string]string{"status": "closed", "resolved_on": "2022-13-01"}, "resolved_on", "not in the calendar"},
		{"resolved same day", map[string]string{"status": "removed", "resolved_on": "12/04/2022"}, "", ""},
		// fine_vnd
		{"fine not sanctioned", map[string]string{"status": "removed", "resolved_on": "2022-04-20", "fine_vnd": "7500000"}, "fine_vnd", "fine_vnd goes only with status sanctioned"},
		{"fine negative", map[string]string{"status": "sanctioned", "resolved_on": "2022-04-20", "fine_vnd": "-5"}, "fine_vnd", "must not be negative"},
		{"fine dots", map[string]string{"status": "sanctioned", "resolved_on": "2022-04-20", "fine_vnd": "7.500.000"}, "fine_vnd", "digits only"},
		{"fine ok", map[string]string{"status": "sanctioned", "resolved_on": "2022-04-20", "fine_vnd": "7500000"}, "", ""},
		{"sanctioned without fine", map[string]string{"status": "sanctioned", "resolved_on": "2022-04-20"}, "", ""},
		// post_url
		{"post_url scheme", map[string]string{"post_url": "ftp://x.vn/a"}, "post_url", "http:// or https://"},
		{"post_url bare", map[string]string{"post_url": "facebook.com/x"}, "post_url", "http:// or https://"},
		{"post_url ok", map[string]string{"post_url": "https://facebook.com/groups/1/posts/2"}, "", ""},
		// basis
		{"basis slug", map[string]string{"basis": "[Công văn 283]"}, "basis", "lists the slugs of directives"},
		{"basis scalar", map[string]string{"basis": "283-ttra-2022"}, "basis", "needs a list"},
		{"basis twice", map[string]string{"basis": "[a-1, a-1]"}, "basis", `"a-1" is listed twice`},
		{"basis ok", map[string]string{"basis": "[283-ttra-2022, 15-2020-nd-cp]"}, "", ""},
		// events
		{"event date missing", map[string]string{"events": "[{action: note}]"}, "events", `"date" is missing`},
		{"event date late", map[string]string{"events": "[{date: 2022-06-01, action: note}]"}, "events", "date 2022-06-01 is after the export date"},
		{"event action", map[string]string{"events": "[{date: 2022-04-13, action: removd}]"}, "events", `did you mean "removed"`},
		{"event action missing", map[string]string{"events": "[{date: 2022-04-13}]"}, "events", `"action" is missing`},
		{"event note phone", map[string]string{"events": "[{date: 2022-04-13, action: note, note: gọi 0987654321}]"}, "events", "note: found what looks like a phone number: 09******21"},
		{"event field", map[string]string{"events": "[{date: 2022-04-13, action: note, notes: x}]"}, "events", `did you mean "note"`},
		{"events scalar", map[string]string{"events": "detected"}, "events", "needs a list"},
		{"events ok", map[string]string{"events": "[{date: 2022-04-13, action: verified, note: Đã xác minh}]"}, "", ""},
		// unknown and repeated fields
		{"unknown field", map[string]string{"statsu": "removed"}, "key:statsu", `unknown field "statsu"; did you mean "status"?`},
	}
	for _, tt := range tests {
		src := file(tt.with)
		e, diags := ReadFile("data/x.yaml", []byte(src), cfg)
		if e == nil {
			t.Errorf("%s: no export:\n%s", tt.name, diags.Text("en"))
			continue
		}
		if tt.en == "" {
			if len(diags) > 0 || len(e.Cases) != 1 || e.Rejected != 0 || e.Records != 1 {
				t.Errorf("%s: want a valid record, got %d cases, %d rejected:\n%s---\n%s", tt.name, len(e.Cases), e.Rejected, diags.Text("en"), src)
			}
			continue
		}
		line, col := 7, 5
		switch {
		case strings.HasPrefix(tt.at, "key:"):
			line, col = posOf(t, src, tt.at[4:])
			col -= len(tt.at[4:]) + 2
		case tt.at != "":
			line, col = posOf(t, src, tt.at)
		}

		if len(diags) != 1 || diags[0].Line != line || !strings.Contains(diags[0].EN, tt.en) {
			t.Errorf("%s: got\n%swant %d:%d %s\n---\n%s", tt.name, diags.Text("en"), line, col, tt.en, src)
			continue
		}
		// In a flow list the place is the item's, further right.
		if flow := tt.at == "events" || tt.at == "basis"; flow && diags[0].Col < col || !flow && diags[0].Col != col {
			t.Errorf("%s: at column %d, want %d", tt.name, diags[0].Col, col)
		}
		if diags[0].File != "data/x.yaml" || diags[0].VI == "" || diags[0].VI == diags[0].EN {
			t.Errorf("%s: file or Vietnamese message: %+v", tt.name, diags[0])
		}
		if len(e.Cases) != 0 || e.Rejected != 1 || e.Records != 1 {
			t.Errorf("%s: %d cases, %d rejected, %d records; want the record rejected", tt.name, len(e.Cases), e.Rejected, e.Records)
		}
	}
}

// TestMessagesVI checks that a few messages read right in Vietnamese.
func TestMessagesVI(t *testing.T) {
	cfg := loadSite(t)
	tests := []struct {
		with map[string]string
		vi   string
	}{
		{map[string]string{"district": "Ben Luc"}, `không có đơn vị "Ben Luc" trong danh sách districts của site.yaml; có phải ý bạn là "Bến Lức"?`},
		{map[string]string{"detected_on": "31/04/2022"}, `trường "detected_on" ghi một ngày không có trên lịch (31/04/2022)`},
		{map[string]string{"detected_on": "2022/04/12"}, "không dùng dạng tháng trước ngày"},
		{map[string]string{"statsu": "x"}, `không có trường "statsu"; có phải ý bạn là "status"?`},
		{map[string]string{"fine_vnd": "1"}, "trường fine_vnd chỉ dùng khi status là sanctioned, còn vụ việc này có status detected"},
		{map[string]string{"summary": "SĐT 0912345678"}, "trường summary: phát hiện nội dung giống số điện thoại: 09******78"},
		{map[string]string{"detected_on": "2022-05-10"}, "ngày 10/05/2022 (detected_on) sau ngày xuất dữ liệu 03/05/2022"},
	}
	for _, tt := range tests {
		_, diags := ReadFile("data/x.yaml", []byte(file(tt.with)), cfg)
		if len(diags) != 1 || !strings.Contains(diags[0].VI, tt.vi) {
			t.Errorf("%v: got\n%s want %s", tt.with, diags.Text("vi"), tt.vi)
		}
	}
}

func TestPrivacyNeverInFull(t *testing.T) {
	cfg := loadSite(t)
	src := file(map[string]string{
		"summary": "Em A, SĐT 0912 345 678, CCCD 079123456789",
		"events":  "[{date: 2022-04-13, action: note, note: mẹ em 0387654321}]",
		"reach":   "0912345678", // wrong field, still masked in the message
	})
	_, diags := ReadFile("data/x.yaml", []byte(src), cfg)
	if len(diags) != 4 {
		t.Fatalf("got\n%s", diags.Text("en"))
	}
	for _, lang := range []string{"vi", "en"} {
		text := diags.Text(lang)
		for _, secret := range []string{"0912 345 678", "079123456789", "0387654321", "0912345678"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s messages show %q:\n%s", lang, secret, text)
			}
		}
	}
}

func TestPostLinks(t *testing.T) {
	cfg := loadSite(t)
	src := file(map[string]string{"summary": "Bài https://facebook.com/groups/1/posts/2"})
	if _, diags := ReadFile("data/x.yaml", []byte(src), cfg); len(diags) != 1 {
		t.Errorf("link in summary without post_links: %s", diags.Text("en"))
	}
	allow := *cfg
	allow.Publish.PostLinks = true
	if _, diags := ReadFile("data/x.yaml", []byte(src), &allow); len(diags) != 0 {
		t.Errorf("link in summary with post_links: %s", diags.Text("en"))
	}
}

func TestNormalised(t *testing.T) {
	cfg := loadSite(t)
	nfd := norm.NFD.String("Clip học sinh ở Đức Hòa")
	e, diags := ReadFile("data/x.yaml", []byte(file(map[string]string{"summary": "'  " + nfd + "  '"})), cfg)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	if got := e.Cases[0].Summary; got != "Clip học sinh ở Đức Hòa" || !norm.NFC.IsNormalString(got) {
		t.Errorf("summary %q", got)
	}
}

// TestExportRules covers the export section and the file as a whole.
func TestExportRules(t *testing.T) {
	cfg := loadSite(t)
	record := "cases:\n  - {id: A-1, detected_on: 2022-04-12, platform: facebook, category: child-violence, summary: S, offender: identified, status: detected}\n"
	tests := []struct {
		name   string
		src    string
		line   int
		en     string
		reject int // records rejected
	}{
		{"ok", "export: {unit: U, exported_at: 2022-05-03, district: '803'}\n" + record, 0, "", 0},
		{"no cases", "export: {unit: U, exported_at: 2022-05-03}\ncases: []\n", 0, "", 0},
		{"cases absent", "export: {unit: U, exported_at: 2022-05-03}\n", 0, "", 0},
		{"period forms", "export: {unit: U, exported_at: 2022-07-03, period: 2022-Q2}\ncases: []\n", 0, "", 0},
		{"metrics", "export: {unit: U, exported_at: 2022-05-03, metrics: {posts_reviewed: 0}}\ncases: []\n", 0, "", 0},
		{"export missing", "cases: []\n", 1, `"export" is missing`, 0},
		{"unit missing", "export: {exported_at: 2022-05-03}\ncases: []\n", 1, `"unit" is missing`, 0},
		{"exported_at missing", "export: {unit: U}\ncases: []\n", 1, `"exported_at" is missing`, 0},
		{"exported_at bad", "export: {unit: U, exported_at: 2022-05-03 8h}\ncases: []\n", 1, "needs a date-time", 0},
		{"exported_at month first", "export: {unit: U, exported_at: 05/30/2022}\ncases: []\n", 1, "month first", 0},
		{"period bad", "export: {unit: U, exported_at: 2022-05-03, period: 2022-13}\ncases: []\n", 1, "the period \"2022-13\" is not in a known form", 0},
		{"district bad", "export:\n  unit: U\n  exported_at: 2022-05-03\n  district: Ben Lucc\n" + record, 4, `did you mean "Bến Lức"`, 1},
		{"metrics unknown", "export: {unit: U, exported_at: 2022-05-03, metrics: {posts_reviwed: 1}}\ncases: []\n", 1, `did you mean "posts_reviewed"`, 0},
		{"metrics negative", "export: {unit: U, exported_at: 2022-05-03, metrics: {posts_reviewed: -1}}\ncases: []\n", 1, "must not be negative", 0},
		{"unknown top", "export: {unit: U, exported_at: 2022-05-03}\ncase: []\n", 2, `did you mean "cases"`, 0},
		{"cases not a list", "export: {unit: U, exported_at: 2022-05-03}\ncases: {id: A}\n", 2, "needs a list", 0},
		{"record not a mapping", "export: {unit: U, exported_at: 2022-05-03}\ncases: [A-1]\n", 2, "expected fields", 1},
		{"no district anywhere", "export: {unit: U, exported_at: 2022-05-03}\n" + record, 3, `"district" is missing: the export gives no export.district`, 1},
		{"exported_at 9999", "export: {unit: U, exported_at: 9999-12-31}\ncases: []\n", 1, "exported_at 9999-12-31 is outside the years 2000–2099", 0},
		{"period 9999", "export: {unit: U, exported_at: 2022-05-03, period: 9999-12}\ncases: []\n", 1, "the period 9999-12 is outside the years 2000–2099", 0},
		{"unit 1 MB", "export: {unit: " + strings.Repeat("a", 1<<20) + ", exported_at: 2022-05-03}\ncases: []\n", 1, "unit is 1048576 characters long, more than the 500 allowed", 0},
		{"same id twice", "export: {unit: U, exported_at: 2022-05-03, district: Tân An}\n" + record + strings.TrimPrefix(record, "cases:\n"), 4, `"A-1" is already used on line 3`, 1},
	}
	for _, tt := range tests {
		e, diags := ReadFile("data/x.yaml", []byte(tt.src), cfg)
		if e == nil {
			t.Errorf("%s: nil export: %s", tt.name, diags.Text("en"))
			continue
		}
		if tt.en == "" {
			if len(diags) > 0 || e.Rejected != 0 {
				t.Errorf("%s: %s", tt.name, diags.Text("en"))
			}
			continue
		}
		if len(diags) != 1 || diags[0].Line != tt.line || !strings.Contains(diags[0].EN, tt.en) || e.Rejected != tt.reject {
			t.Errorf("%s: rejected %d, got\n%swant line %d: %s", tt.name, e.Rejected, diags.Text("en"), tt.line, tt.en)
		}
	}
}

func TestUnreadable(t *testing.T) {
	cfg := loadSite(t)
	tests := []struct{ name, src, en string }{
		{"empty", "", "the file is empty"},
		{"windows-1258", "export: {unit: Ph\xF2ng V\xE3n ho\xE1, exported_at: 2022-05-03}\ncases: []\n# B\xECnh Ho\xCC\xE0\n", "not UTF-8"},
		{"utf-16", "\xFF\xFEe\x00x\x00", "UTF-16"},
		{"syntax", "export:\n  unit: U\n exported_at: x\n", "YAML syntax error"},
		{"alias", "export: &e {unit: U, exported_at: 2022-05-03}\ncases: []\nagain: *e\n", "anchors"},
	}
	for _, tt := range tests {
		e, diags := ReadFile("data/x.yaml", []byte(tt.src), cfg)
		if e != nil || len(diags) != 1 || !strings.Contains(diags[0].EN, tt.en) {
			t.Errorf("%s: export %v, got\n%s", tt.name, e, diags.Text("en"))
		}
	}
}

// TestAllErrorsOnePass: every problem of a file is reported at once, in
// file order, and only the bad records are left out.
func TestAllErrorsOnePass(t *testing.T) {
	cfg := loadSite(t)
	src := exportHead +
		"  - {id: A-1, detected_on: 2022-04-12, platform: facebok, category: child-violence, summary: S, offender: identified, status: detected}\n" +
		"  - {id: A-2, detected_on: 2022-04-12, platform: facebook, category: child-violence, summary: S, offender: identified, status: detected}\n" +
		"  - {id: A-3, detected_on: 31/04/2022, platform: facebook, category: x, summary: S, offender: identified, status: detected}\n" +
		"  - {id: A-4, detected_on: 2022-04-12, platform: facebook, category: child-violence, summary: S, offender: identified, status: detected, !!binary x: 1}\n" +
		"  - {id: A-5, detected_on: 2022-04-12, platform: facebook, category: child-violence, summary: S, offender: identified, status: detected, reach: 1, reach: 2}\n"
	e, diags := ReadFile("data/x.yaml", []byte(src), cfg)
	want := []string{
		`data/x.yaml:7:50: platform "facebok" is not in the platforms`,
		`data/x.yaml:9:28: "detected_on" gives a day that is not in the calendar`,
		`data/x.yaml:9:70: category "x" is not in the categories`,
		`data/x.yaml:10:138: the YAML tag "!!binary" is not accepted`,
		`data/x.yaml:10:138: unknown field "x"`,
		`data/x.yaml:11:148: the key "reach" is given twice (lines 11 and 11)`,
	}
	if len(diags) != len(want) {
		t.Fatalf("got\n%s", diags.Text("en"))
	}
	for i, w := range want {
		if !strings.HasPrefix(diags[i].Text("en"), w) {
			t.Errorf("diag %d = %s, want %s…", i, diags[i].Text("en"), w)
		}
	}
	sorted := slices.Clone(diags)
	sorted.Sort()
	if !slices.Equal(sorted, diags) {
		t.Error("diags not sorted")
	}
	if e.Records != 5 || e.Rejected != 4 || len(e.Cases) != 1 || e.Cases[0].ID != "A-2" {
		t.Errorf("records %d, rejected %d, cases %+v", e.Records, e.Rejected, e.Cases)
	}
}

func TestDuplicateKey(t *testing.T) {
	cfg := loadSite(t)
	src := file(map[string]string{"summary": "S\n    status: requested"})
	e, diags := ReadFile("data/x.yaml", []byte(src), cfg)
	// Decode and Fields both see it; it is reported once.
	if len(diags) != 1 || diags[0].Line != 14 || diags[0].Col != 5 ||
		!strings.Contains(diags[0].EN, `the key "status" is given twice (lines 12 and 14); keep only one`) ||
		!strings.Contains(diags[0].VI, `trường "status" được ghi hai lần (dòng 12 và dòng 14)`) {
		t.Errorf("got\n%s", diags.Text("en"))
	}
	if e.Rejected != 1 || len(e.Cases) != 0 {
		t.Errorf("record with a key given twice not rejected")
	}
}

func TestTaintedRecords(t *testing.T) {
	cfg := loadSite(t)
	// A tag only Decode reports, in the second record, on its first line.
	src := exportHead +
		"  - {id: A-1, detected_on: 2022-04-12, platform: facebook, category: child-violence, summary: S, offender: identified, status: detected}\n" +
		"  - id: A-2\n    summary: !!binary eA==\n    detected_on: 2022-04-12\n    platform: facebook\n    category: child-violence\n    offender: identified\n    status: detected\n"
	e, diags := ReadFile("data/x.yaml", []byte(src), cfg)
	if len(diags) != 1 || diags[0].Line != 9 || e.Rejected != 1 || len(e.Cases) != 1 || e.Cases[0].ID != "A-1" {
		t.Errorf("rejected %d, cases %d:\n%s", e.Rejected, len(e.Cases), diags.Text("en"))
	}
}

func TestEventsSorted(t *testing.T) {
	cfg := loadSite(t)
	src := file(map[string]string{"events": `
      - {date: 2022-04-14, action: note, note: b}
      - {date: 2022-04-13, action: verified}
      - {date: 2022-04-14, action: note, note: a}
      - {date: 13/04/2022, action: detected}
      - {date: 2022-04-14, action: closed}`})
	e, diags := ReadFile("data/x.yaml", []byte(src), cfg)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	var got []string
	for _, ev := range e.Cases[0].Events {
		got = append(got, ev.Date.String()+" "+ev.Action+" "+ev.Note)
	}
	want := []string{"2022-04-13 detected ", "2022-04-13 verified ", "2022-04-14 closed ", "2022-04-14 note a", "2022-04-14 note b"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q", got)
	}
}

func TestCasePosAndTime(t *testing.T) {
	cfg := loadSite(t)
	src := exportHead + "  - {id: A-1, detected_on: 2022-04-12, platform: facebook, category: child-violence, summary: S, offender: identified, status: detected}\n" +
		"\n  -   id: A-2\n      detected_on: 2022-04-12\n      platform: facebook\n      category: child-violence\n      summary: S\n      offender: identified\n      status: detected\n"
	e, diags := ReadFile("d/x.yaml", []byte(src), cfg)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	if p := e.Cases[0].Pos; p != (Pos{File: "d/x.yaml", Line: 7, Col: 5}) {
		t.Errorf("flow record at %+v", p)
	}
	if p := e.Cases[1].Pos; p != (Pos{File: "d/x.yaml", Line: 9, Col: 7}) {
		t.Errorf("block record at %+v", p)
	}
	for _, c := range e.Cases {
		if !c.ExportedAt.Equal(e.ExportedAt) || c.ExportedAt.IsZero() {
			t.Errorf("ExportedAt %v", c.ExportedAt)
		}
	}
}

func TestCRLFAndBOM(t *testing.T) {
	cfg := loadSite(t)
	src := "\uFEFF" + strings.ReplaceAll(file(map[string]string{"summary": "|\n      dòng một\n      dòng hai"}), "\n", "\r\n")
	e, diags := ReadFile("data/x.yaml", []byte(src), cfg)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	if got := e.Cases[0].Summary; got != "dòng một\ndòng hai" {
		t.Errorf("summary %q", got)
	}
}

// seedFiles are the seed corpus of FuzzReadFile besides testdata/fuzz.
func seedFiles(t testing.TB) [][]byte {
	data, err := os.ReadFile("testdata/export.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return [][]byte{data, []byte(file(nil)), []byte(file(map[string]string{"status": "referred", "events": "[{date: 2022-04-13, action: note}]"}))}
}

func FuzzReadFile(f *testing.F) {
	cfg := loadSite(f)
	for _, s := range seedFiles(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, diags := ReadFile("data/x.yaml", data, cfg)
		checkDiags(t, diags)
		if e == nil {
			if len(diags) == 0 {
				t.Fatal("nil export without a diag")
			}
			return
		}
		if len(e.Cases)+e.Rejected != e.Records {
			t.Fatalf("%d cases + %d rejected != %d records", len(e.Cases), e.Rejected, e.Records)
		}
		if e.Rejected > 0 && len(diags) == 0 {
			t.Fatal("records rejected without a diag")
		}
		for _, c := range e.Cases {
			checkCase(t, cfg, e, &c)
		}
	})
}

func checkDiags(t *testing.T, diags diag.List) {
	for i, d := range diags {
		if d.File != "data/x.yaml" || d.VI == "" || d.EN == "" {
			t.Fatalf("bad diag %+v", d)
		}
		if i > 0 && diags[i-1] == d {
			t.Fatalf("diag twice: %s", d.Text("en"))
		}
	}
	sorted := slices.Clone(diags)
	sorted.Sort()
	if !slices.Equal(sorted, diags) {
		t.Fatal("diags not sorted")
	}
}

// checkCase states what every accepted case holds, whatever the input.
func checkCase(t *testing.T, cfg *site.Config, e *File, c *Case) {
	switch {
	case !validID(c.ID):
		t.Fatalf("id %q", c.ID)
	case c.DetectedOn.IsZero() || !e.ExportedAt.IsZero() && c.DetectedOn > period.DateOf(e.ExportedAt):
		t.Fatalf("detected_on %v", c.DetectedOn)
	case cfg.DistrictByCode(c.District) == nil || cfg.Platform(c.Platform) == nil || cfg.Category(c.Category) == nil:
		t.Fatalf("references %q %q %q", c.District, c.Platform, c.Category)
	case c.Summary == "" || !norm.NFC.IsNormalString(c.Summary):
		t.Fatalf("summary %q", c.Summary)
	case !slices.Contains(Statuses, c.Status):
		t.Fatalf("status %q", c.Status)
	case c.Status.Open() != c.ResolvedOn.IsZero():
		t.Fatalf("status %s with resolved_on %v", c.Status, c.ResolvedOn)
	case !c.ResolvedOn.IsZero() && c.ResolvedOn < c.DetectedOn:
		t.Fatalf("resolved before detected")
	case (c.Status == Referred) != (c.ReferredTo != ""):
		t.Fatalf("status %s referred to %q", c.Status, c.ReferredTo)
	case c.HasFine && (c.Status != Sanctioned || c.FineVND < 0):
		t.Fatalf("fine %d with %s", c.FineVND, c.Status)
	case c.Reach < 0:
		t.Fatalf("reach %d", c.Reach)
	}
	for i, ev := range c.Events {
		if !slices.Contains(Actions, ev.Action) || ev.Date.IsZero() {
			t.Fatalf("event %+v", ev)
		}
		if i > 0 && c.Events[i-1].Date > ev.Date {
			t.Fatal("events not sorted")
		}
	}
}

// benchFile is an export of n records of the usual mix.
func benchFile(n int) []byte {
	var b strings.Builder
	b.WriteString(exportHead)
	for i := range n {
		fmt.Fprintf(&b, "  - id: BL-2022-%05d\n    detected_on: %02d/04/2022\n    platform: facebook\n    category: child-violence\n", i, i%28+1)
		b.WriteString("    summary: Clip học sinh đánh nhau bị chia sẻ, lộ mặt các em; đã phạt 7.500.000 đồng\n")
		b.WriteString("    reach: 15000\n    offender: unidentified\n")
		if i%2 == 0 {
			b.WriteString("    status: removed\n    resolved_on: 2022-04-29\n")
		} else {
			b.WriteString("    status: referred\n    referred_to: cuc-attt\n")
		}
		b.WriteString("    events:\n      - date: 2022-04-29\n        action: takedown-requested\n        note: Đã đề nghị quản trị viên gỡ bài\n")
	}
	return []byte(b.String())
}

func BenchmarkReadFile(b *testing.B) {
	cfg := loadSite(b)
	data := benchFile(1000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		e, diags := ReadFile("data/x.yaml", data, cfg)
		if len(diags) > 0 || len(e.Cases) != 1000 {
			b.Fatal(diags.Text("en"))
		}
	}
}

// BenchmarkYAMLNode is the floor BenchmarkReadFile stands on: yaml.v3
// decoding the same file into a node tree, nothing checked.
func BenchmarkYAMLNode(b *testing.B) {
	data := benchFile(1000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			b.Fatal(err)
		}
	}
}

// A case passed up to a body on a day the body did not take such cases is
// refused at referred_to: the day is the record's "referred" event, or its
// detection.
func TestReferralInForce(t *testing.T) {
	cfg := loadSite(t)
	cfg.Referrals = []site.Referral{
		{Item: site.Item{Key: "thanh-tra-so", Name: "Thanh tra Sở"}, Dates: site.Dates{Until: period.New(2022, 3, 31)}},
		{Item: site.Item{Key: "thanh-tra-tinh", Name: "Thanh tra tỉnh"}, Dates: site.Dates{Since: period.New(2022, 4, 1)}},
	}
	for _, tt := range []struct {
		name string
		with map[string]string
		en   string
	}{
		{"after its end", map[string]string{"status": "referred", "referred_to": "thanh-tra-so", "detected_on": "2022-04-12"},
			"thanh-tra-so (Thanh tra Sở) takes cases passed up until 31/03/2022, but this one was passed up on 12/04/2022 – 03/05/2022"},
		{"its successor", map[string]string{"status": "referred", "referred_to": "thanh-tra-tinh", "detected_on": "2022-04-12"}, ""},
		{"referred before the end", map[string]string{"status": "referred", "referred_to": "thanh-tra-so", "detected_on": "2022-03-20",
			"events": "[{date: 2022-03-20, action: detected}, {date: 2022-03-30, action: referred}]"}, ""},
		{"successor before its start", map[string]string{"status": "referred", "referred_to": "thanh-tra-tinh", "detected_on": "2022-03-20",
			"events": "[{date: 2022-03-20, action: detected}, {date: 2022-03-30, action: referred}]"}, "but this one was passed up on 30/03/2022"},
	} {
		e, diags := ReadFile("data/x.yaml", []byte(file(tt.with)), cfg)
		if e == nil {
			t.Fatalf("%s: %s", tt.name, diags.Text("en"))
		}
		switch {
		case tt.en == "" && len(diags) > 0:
			t.Errorf("%s: %s", tt.name, diags.Text("en"))
		case tt.en != "" && (len(diags) != 1 || !strings.Contains(diags[0].EN, tt.en)):
			t.Errorf("%s: got %s, want %q", tt.name, diags.Text("en"), tt.en)
		}
	}
}

// A unit that had ended, or had not begun, is refused where the export
// names it: at export.district for its period, at a case's district (or,
// when the case takes the export's, its detection day) for its day.
func TestUnitInForce(t *testing.T) {
	cfg := loadSite(t)
	for i := range cfg.Districts {
		if cfg.Districts[i].Code == "803" { // Bến Lức
			cfg.Districts[i].Until = period.New(2022, 4, 15)
			cfg.Districts[i].NowPartOf = []string{"802"}
		}
		if cfg.Districts[i].Code == "802" { // Đức Hòa
			cfg.Districts[i].Since = period.New(2022, 4, 16)
		}
	}
	for _, tt := range []struct {
		name, src, want string
	}{
		{"detected while in force", file(map[string]string{"detected_on": "2022-04-12"}), ""},
		{"detected after its end", file(map[string]string{"detected_on": "2022-04-20"}),
			"the case was detected on 20/04/2022, when Huyện Bến Lức did not exist (until 15/04/2022; now part of 802)"},
		{"a case's own district before its start", file(map[string]string{"district": "Đức Hòa", "detected_on": "2022-04-12"}),
			"the case was detected on 12/04/2022, when Huyện Đức Hòa did not exist (from 16/04/2022)"},
		{"export for a period after its end", strings.Replace(file(nil), "period: 2022-04", "period: 2022-05", 1),
			"Huyện Bến Lức did not exist in the period 2022-05 (until 15/04/2022; now part of 802)"},
	} {
		_, diags := ReadFile("data/x.yaml", []byte(tt.src), cfg)
		text := diags.Text("en")
		if tt.want == "" && len(diags) > 0 || tt.want != "" && !strings.Contains(text, tt.want) {
			t.Errorf("%s: got %s, want %q", tt.name, text, tt.want)
		}
	}
}
