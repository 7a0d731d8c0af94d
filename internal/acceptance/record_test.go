package acceptance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"giamsat/internal/period"
)

// recordSite is a province of two units whose April 2022 closed on 5 May
// (both reports in by the due day), after which unit A reported a case of
// April it had missed and the removal of another: a late correction.
var recordSite = map[string]string{
	"site.yaml": `title: Giám sát thông tin về trẻ em trên mạng
organization: Sở Thông tin và Truyền thông tỉnh Long An
reports:
  every: month
  due_day: 5
  number_format: "{seq}/BC-STTTT"
  parent: UBND TỈNH LONG AN
  signer: {authority: KT. GIÁM ĐỐC, title: PHÓ GIÁM ĐỐC, name: Hồ Văn Dân}
  recipients: [UBND tỉnh (để báo cáo), "Lưu: VT, TTra."]
districts:
  - {code: "803", name: Huyện Bến Lức, short: Bến Lức}
  - {code: "802", name: Huyện Đức Hòa, short: Đức Hòa}
categories: [{key: insult, name: "Xúc phạm danh dự, nhân phẩm"}]
platforms: [{key: facebook, name: Facebook}]
`,
	"data/ben-luc-04.yaml": `export: {unit: Phòng VHTT Bến Lức, district: "803", period: 2022-04, exported_at: 2022-05-03}
cases:
  - {id: BL-1, detected_on: 2022-04-10, platform: facebook, category: insult, summary: Bài viết xúc phạm học sinh, offender: unidentified, status: detected}
  - {id: BL-2, detected_on: 2022-04-12, platform: facebook, category: insult, summary: Bình luận xúc phạm, offender: unidentified, status: removed, resolved_on: 2022-04-20}
`,
	"data/duc-hoa-04.yaml": `export: {unit: Phòng VHTT Đức Hòa, district: "802", period: 2022-04, exported_at: 2022-05-04}
cases:
  - {id: DH-1, detected_on: 2022-04-15, platform: facebook, category: insult, summary: Ảnh chế xúc phạm, offender: unidentified, status: requested}
`,
	"data/ben-luc-05.yaml": `export: {unit: Phòng VHTT Bến Lức, district: "803", period: 2022-05, exported_at: 2022-06-03}
cases:
  - {id: BL-1, detected_on: 2022-04-10, platform: facebook, category: insult, summary: Bài viết xúc phạm học sinh, offender: unidentified, status: removed, resolved_on: 2022-05-10}
  - {id: BL-3, detected_on: 2022-04-28, platform: facebook, category: insult, summary: Bài viết phát hiện muộn, offender: unidentified, status: detected}
  - {id: BL-4, detected_on: 2022-05-02, platform: facebook, category: insult, summary: Bài viết tháng năm, offender: unidentified, status: detected}
`,
	"data/duc-hoa-05.yaml": `export: {unit: Phòng VHTT Đức Hòa, district: "802", period: 2022-05, exported_at: 2022-06-04}
cases: []
`,
}

// TestReportOfRecord builds recordSite and recounts April independently
// (freezeMonth): the report keeps the figures of its closing day and
// shows the correction beside them, while the dashboard and the downloads
// count the case found late.
func TestReportOfRecord(t *testing.T) {
	src, out := filepath.Join(t.TempDir(), "src"), filepath.Join(t.TempDir(), "out")
	for name, body := range recordSite {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := buildSite(src, out); err != nil {
		t.Fatal(err)
	}
	april := period.Period{Kind: period.Month, Year: 2022, N: 4}
	f := readSiteData(t, src).freezeMonth(april)
	if !f.closed || f.day != period.New(2022, 5, 5) || f.tally.cases != 3 || f.cells["803|insult"] != 2 {
		t.Fatalf("the recount: closed %v on %s, %d cases, Bến Lức %d; want closed 05/05/2022, 3, 2", f.closed, f.day, f.tally.cases, f.cells["803|insult"])
	}
	cases := readCSV(t, filepath.Join(out, "data/cases.csv"))
	now := 0
	for _, r := range cases {
		if strings.HasPrefix(r["detected_on"], "2022-04") {
			now++
		}
	}
	if now != 4 {
		t.Fatalf("cases.csv holds %d April cases, want 4", now)
	}

	doc := parse(t, read(t, filepath.Join(out, "reports/2022-04/index.html")))
	basis := text(first(doc, class("report-basis")))
	if !strings.Contains(basis, "Số liệu chốt ngày "+f.day.VN()) {
		t.Errorf("the report's basis %q names no closing day %s", basis, f.day.VN())
	}
	if n := text(first(doc, class("letter-number"))); n != "Số: 1/BC-STTTT" {
		t.Errorf("number %q", n)
	}
	narrative := text(first(doc, class("narrative")))
	if !strings.Contains(narrative, "phát hiện "+viGroup(int64(f.tally.cases))+" vụ việc") {
		t.Errorf("the narrative does not keep the frozen count %d: %s", f.tally.cases, narrative)
	}
	// The annex: the frozen count of each unit.
	tb := readTable(first(first(doc, id("by-district-title")).Parent, tag("table")))
	for _, row := range tb.rows {
		want := map[string]int{"Huyện Bến Lức": f.cells["803|insult"], "Huyện Đức Hòa": f.cells["802|insult"]}
		if w, ok := want[row[0]]; ok && viNumber(t, row[len(row)-1]) != float64(w) {
			t.Errorf("annex: %s = %s, frozen %d", row[0], row[len(row)-1], w)
		}
	}
	// The correction, beside the frozen figure: Bến Lức 2 → 3, the province 3 → 4.
	c := first(doc, id("corrections-title"))
	if c == nil {
		t.Fatal("no corrections section")
	}
	rows := readTable(first(c.Parent, tag("table"))).rows
	want := map[string]bool{
		"Huyện Bến Lức|Vụ việc phát hiện|2|3": true,
		"Toàn tỉnh|Vụ việc phát hiện|3|4":     true,
		"Toàn tỉnh|Đã gỡ bỏ|1|2":              true,
	}
	for _, row := range rows {
		delete(want, strings.Join(row, "|"))
	}
	for w := range want {
		t.Errorf("no correction row %s in %v", w, rows)
	}
	// May is not closed yet: provisional figures, no number.
	may := parse(t, read(t, filepath.Join(out, "reports/2022-05/index.html")))
	if b := text(first(may, class("report-basis"))); !strings.Contains(b, "tạm tính") {
		t.Errorf("May's basis %q does not say its figures are provisional", b)
	}
	if first(may, id("corrections-title")) != nil {
		t.Error("an open period shows corrections")
	}
}
