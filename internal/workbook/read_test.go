package workbook

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"giamsat/internal/diag"
	"giamsat/internal/export"
	"giamsat/internal/period"
)

// filled returns a workbook made from the template for Bến Lức, 2024-11,
// with one case on row 2, changed by edit.
func filled(t testing.TB, edit func(f *excelize.File)) []byte {
	t.Helper()
	cfg := loadSite(t)
	tpl, err := Template(cfg, TemplateOptions{District: "803", Period: period.Period{Kind: period.Month, Year: 2024, N: 11}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(tpl))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellStr(SheetHeader, "B2", "Phòng Văn hóa và Thông tin huyện Bến Lức"))
	must(f.SetCellFloat(SheetHeader, "B5", toSerial(time.Date(2024, 12, 5, 10, 0, 0, 0, period.Zone())), -1, 64))
	must(f.SetSheetRow(SheetCases, "A2", &[]any{"BL-2024-0100", toSerial(time.Date(2024, 11, 5, 0, 0, 0, 0, period.Zone())), nil,
		"Facebook", "Tin giả, tin sai sự thật", "Tin sai về học sinh", nil, "unidentified", "removed", nil,
		toSerial(time.Date(2024, 11, 20, 0, 0, 0, 0, period.Zone()))}))
	if edit != nil {
		edit(f)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readOK(t *testing.T, data []byte) *export.File {
	t.Helper()
	e, diags := Read("data/2024/11/ben-luc.xlsx", data, loadSite(t))
	if len(diags) > 0 {
		t.Fatal(diags.Text("vi"))
	}
	return e
}

func set(t testing.TB, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

// What real sheets hold, each read as a careful person reads it.
func TestRealSheets(t *testing.T) {
	nov := func(d int) period.Date { return period.New(2024, 11, d) }
	tests := []struct {
		name  string
		edit  func(t *testing.T, f *excelize.File)
		check func(t *testing.T, e *export.File)
	}{
		{"template as filled", nil, func(t *testing.T, e *export.File) {
			c := e.Cases[0]
			if c.DetectedOn != nov(5) || c.ResolvedOn != nov(20) || c.District != "803" || c.Category != "false-news" || c.Platform != "facebook" {
				t.Errorf("case %+v", c)
			}
			if e.Period.String() != "2024-11" || e.ExportedAt.Format(time.RFC3339) != "2024-12-05T10:00:00+07:00" || e.District != "803" {
				t.Errorf("export %+v", e)
			}
		}},
		{"dates typed as text", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetCases, "B2", "6/11/2024")
			set(t, f, SheetCases, "K2", "2024-11-21")
			set(t, f, SheetHeader, "B5", "05/12/2024 08:30")
		}, func(t *testing.T, e *export.File) {
			if c := e.Cases[0]; c.DetectedOn != nov(6) || c.ResolvedOn != nov(21) {
				t.Errorf("dates %v %v", c.DetectedOn, c.ResolvedOn)
			}
			if got := period.FormatTime(e.ExportedAt); got != "2024-12-05T08:30:00+07:00" {
				t.Errorf("exported_at %s", got)
			}
		}},
		{"date-times", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetCases, "B2", toSerial(time.Date(2024, 11, 7, 16, 45, 0, 0, period.Zone())))
			set(t, f, SheetCases, "K2", "22/11/2024 09:15")
		}, func(t *testing.T, e *export.File) {
			if c := e.Cases[0]; c.DetectedOn != nov(7) || c.ResolvedOn != nov(22) {
				t.Errorf("dates %v %v", c.DetectedOn, c.ResolvedOn)
			}
		}},
		{"numbers stored as text, spaces around values", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetCases, "G2", " 1.500 ")
			set(t, f, SheetCases, "I2", "  sanctioned ")
			set(t, f, SheetCases, "L2", "7500000")
			set(t, f, SheetHeader, "B6", "878")
		}, func(t *testing.T, e *export.File) {
			c := e.Cases[0]
			if c.Reach != 1500 || !c.HasReach || c.Status != export.Sanctioned || c.FineVND != 7500000 {
				t.Errorf("case %+v", c)
			}
			if len(e.Metrics) != 1 || e.Metrics[0].Value != 878 {
				t.Errorf("metrics %+v", e.Metrics)
			}
		}},
		{"blank rows in the middle and at the end", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetCases, "A3", "   ")
			set(t, f, SheetCases, "A4", "BL-2024-0101")
			for i, v := range []any{"06/11/2024", nil, "TikTok", "child-privacy", "Lộ ảnh học sinh", nil, "identified", "detected"} {
				set(t, f, SheetCases, diag.ColumnName(i+2)+"4", v)
			}
			set(t, f, SheetCases, "F9", " ")
		}, func(t *testing.T, e *export.File) {
			if len(e.Cases) != 2 || e.Records != 2 || e.Cases[1].ID != "BL-2024-0101" {
				t.Errorf("cases %+v", e.Cases)
			}
		}},
		{"heading row moved down", func(t *testing.T, f *excelize.File) {
			if err := f.InsertRows(SheetCases, 1, 2); err != nil {
				t.Fatal(err)
			}
			set(t, f, SheetCases, "A1", "BÁO CÁO THÁNG 11/2024 — HUYỆN BẾN LỨC")
		}, func(t *testing.T, e *export.File) {
			if len(e.Cases) != 1 || e.Cases[0].Pos.Line != 4 || e.Cases[0].Pos.Sheet != SheetCases {
				t.Errorf("cases %+v", e.Cases)
			}
		}},
		{"columns reordered and named by key", func(t *testing.T, f *excelize.File) {
			// Swap platform (D) and category (E); call category by its key.
			set(t, f, SheetCases, "D1", "category")
			set(t, f, SheetCases, "E1", "Nền tảng")
			set(t, f, SheetCases, "D2", "false-news")
			set(t, f, SheetCases, "E2", "YouTube")
		}, func(t *testing.T, e *export.File) {
			if c := e.Cases[0]; c.Category != "false-news" || c.Platform != "youtube" {
				t.Errorf("case %+v", c)
			}
		}},
		{"hidden rows and sheets", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetEvents, "A2", "BL-2024-0100")
			set(t, f, SheetEvents, "B2", "05/11/2024")
			set(t, f, SheetEvents, "C2", "detected")
			if err := f.SetRowVisible(SheetCases, 2, false); err != nil {
				t.Fatal(err)
			}
			if err := f.SetSheetVisible(SheetEvents, false); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, e *export.File) {
			if len(e.Cases) != 1 || len(e.Cases[0].Events) != 1 || e.Cases[0].Events[0].Pos.Sheet != SheetEvents {
				t.Errorf("cases %+v", e.Cases)
			}
		}},
		{"merged cells", func(t *testing.T, f *excelize.File) {
			if err := f.SetSheetRow(SheetCases, "A3", &[]any{"BL-2024-0102", "07/11/2024", nil, "Facebook", "insult", "Bình luận xúc phạm", nil, "unidentified", nil, nil, "21/11/2024"}); err != nil {
				t.Fatal(err)
			}
			if err := f.MergeCell(SheetCases, "I2", "I3"); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, e *export.File) {
			if len(e.Cases) != 2 || e.Cases[1].Status != export.Removed {
				t.Errorf("cases %+v", e.Cases)
			}
		}},
		{"formula with its calculated value", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetCases, "G2", 1200)
			if err := f.SetCellFormula(SheetCases, "G2", "=SUM(1000,200)"); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, e *export.File) {
			if c := e.Cases[0]; c.Reach != 1200 {
				t.Errorf("reach %d", c.Reach)
			}
		}},
		{"1904 date system", func(t *testing.T, f *excelize.File) {
			yes := true
			if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
				t.Fatal(err)
			}
			// 1462 days fewer than the 1900 system counts.
			set(t, f, SheetCases, "B2", toSerial(time.Date(2024, 11, 8, 0, 0, 0, 0, period.Zone()))-1462)
			set(t, f, SheetHeader, "B5", toSerial(time.Date(2024, 12, 5, 10, 0, 0, 0, period.Zone()))-1462)
			set(t, f, SheetCases, "K2", toSerial(time.Date(2024, 11, 20, 0, 0, 0, 0, period.Zone()))-1462)
		}, func(t *testing.T, e *export.File) {
			if c := e.Cases[0]; c.DetectedOn != nov(8) || c.ResolvedOn != nov(20) {
				t.Errorf("dates %v %v", c.DetectedOn, c.ResolvedOn)
			}
		}},
		{"period Excel made a date of", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetHeader, "B4", toSerial(time.Date(2024, 11, 1, 0, 0, 0, 0, period.Zone())))
		}, func(t *testing.T, e *export.File) {
			if e.Period.String() != "2024-11" {
				t.Errorf("period %v", e.Period)
			}
		}},
		{"a case reported again with an event", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetEvents, "A2", " BL-2024-0100 ")
			set(t, f, SheetEvents, "B2", "20/11/2024")
			set(t, f, SheetEvents, "C2", "removed")
			set(t, f, SheetEvents, "D2", "Đã gỡ")
		}, func(t *testing.T, e *export.File) {
			if evs := e.Cases[0].Events; len(evs) != 1 || evs[0].Note != "Đã gỡ" || evs[0].Date != nov(20) {
				t.Errorf("events %+v", evs)
			}
		}},
		{"a sheet's name in capitals and decomposed", func(t *testing.T, f *excelize.File) {
			if err := f.SetSheetName(SheetCases, norm.NFD.String("VỤ VIỆC")); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, e *export.File) {
			if len(e.Cases) != 1 {
				t.Errorf("cases %+v", e.Cases)
			}
		}},
		{"text that looks like a formula stays text", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetCases, "F2", `=HYPERLINK("x","bấm vào")`)
		}, func(t *testing.T, e *export.File) {
			if s := e.Cases[0].Summary; s != `=HYPERLINK("x","bấm vào")` {
				t.Errorf("summary %q", s)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := filled(t, func(f *excelize.File) {
				if tt.edit != nil {
					tt.edit(t, f)
				}
			})
			tt.check(t, readOK(t, data))
		})
	}
}

// Every problem names the file, the sheet and the cell, all of them at
// once, in both languages.
func TestErrorsAtTheCell(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, f *excelize.File)
		want []string // English messages, each "FILE: Sheet!Cell: …" prefix and a fragment
	}{
		{"impossible date", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetCases, "B2", "31/04/2024")
		}, []string{"Vụ việc!B2: \"detected_on\" gives a day that is not in the calendar (31/04/2024)"}},
		{"unknown status and platform", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetCases, "I2", "removd")
			set(t, f, SheetCases, "D2", "Facebok")
		}, []string{"Vụ việc!D2: platform \"Facebok\" is not in the platforms of site.yaml; did you mean \"facebook\"?", "Vụ việc!I2: status does not take \"removd\"; did you mean \"removed\"?"}},
		{"required field empty", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetCases, "F2", "  ")
		}, []string{"Vụ việc!F2: \"summary\" must not be empty"}},
		{"extra column, and the rows still read", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetCases, "P1", "Người phụ trách")
			set(t, f, SheetCases, "P2", "Anh Bình")
			set(t, f, SheetCases, "B2", "31/04/2024")
		}, []string{"Vụ việc!P1: there is no column or item \"Người phụ trách\" in the template", "Vụ việc!B2: \"detected_on\" gives a day"}},
		{"value under no heading", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetCases, "R2", "ghi chú riêng")
		}, []string{"Vụ việc!R2: the cell has a value but its column has no heading"}},
		{"formula with no value", func(t *testing.T, f *excelize.File) {
			if err := f.SetCellFormula(SheetCases, "G2", "=A1*2"); err != nil {
				t.Fatal(err)
			}
		}, []string{"Vụ việc!G2: the cell holds a formula but no calculated value"}},
		{"case id twice", func(t *testing.T, f *excelize.File) {
			if err := f.SetSheetRow(SheetCases, "A3", &[]any{"BL-2024-0100", "07/11/2024", nil, "Facebook", "insult", "Bình luận", nil, "unidentified", "detected"}); err != nil {
				t.Fatal(err)
			}
		}, []string{"Vụ việc!A3: the case id \"BL-2024-0100\" is already used in cell Vụ việc!A2 of this file"}},
		{"event of no case", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetEvents, "A2", "BL-2024-0999")
			set(t, f, SheetEvents, "B2", "05/11/2024")
			set(t, f, SheetEvents, "C2", "detected")
		}, []string{"Diễn biến!A2: there is no case \"BL-2024-0999\" on the Vụ việc sheet"}},
		{"phone number in a summary", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetCases, "F2", "Gọi 0912345678 để biết")
		}, []string{"Vụ việc!F2: summary:"}},
		{"exported_at missing, unknown item, sheet not in the template", func(t *testing.T, f *excelize.File) {
			set(t, f, SheetHeader, "B5", "")
			set(t, f, SheetHeader, "A9", "Ngày gửii")
			if _, err := f.NewSheet("Pivot"); err != nil {
				t.Fatal(err)
			}
		}, []string{"Pivot: the sheet \"Pivot\" is not part of the template", "Thông tin báo cáo!A9: there is no column or item \"Ngày gửii\"", "Thông tin báo cáo!B5: \"exported_at\" must not be empty"}},
		{"a required column missing", func(t *testing.T, f *excelize.File) {
			if err := f.RemoveCol(SheetCases, "I"); err != nil {
				t.Fatal(err)
			}
			// Its events are not refused as having no case.
			set(t, f, SheetEvents, "A2", "BL-2024-0100")
			set(t, f, SheetEvents, "B2", "05/11/2024")
			set(t, f, SheetEvents, "C2", "detected")
		}, []string{"Vụ việc!A1: the sheet lacks the required column \"Tình trạng\" (status)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := filled(t, func(f *excelize.File) { tt.edit(t, f) })
			const file = "data/2024/11/ben-luc.xlsx"
			e, diags := Read(file, data, loadSite(t))
			if len(diags) != len(tt.want) {
				t.Errorf("got %d problems, want %d:\n%s", len(diags), len(tt.want), diags.Text("en"))
			}
			text := diags.Text("en")
			for _, w := range tt.want {
				if !strings.Contains(text, file+": "+w) {
					t.Errorf("no %q in\n%s", w, text)
				}
			}
			for _, d := range diags {
				if d.VI == "" || d.VI == d.EN {
					t.Errorf("no Vietnamese message: %+v", d)
				}
			}
			// A record whose row holds a problem is left out.
			for _, d := range diags {
				for _, c := range caseList(e) {
					if d.Sheet == SheetCases && d.Line == c.Pos.Line {
						t.Errorf("the case of row %d was kept: %s", d.Line, d.Error())
					}
				}
			}
		})
	}
}

// The message names the cell the way the issue shows it, in Vietnamese.
func TestMessageForm(t *testing.T) {
	data := filled(t, func(f *excelize.File) { set(t, f, SheetCases, "B2", "31/04/2024") })
	_, diags := Read("data/2024/11/my-yen.xlsx", data, loadSite(t))
	if len(diags) != 1 || !strings.HasPrefix(diags.Text("vi"), "data/2024/11/my-yen.xlsx: Vụ việc!B2: trường \"detected_on\" ghi một ngày không có trên lịch (31/04/2024)") {
		t.Errorf("got %s", diags.Text("vi"))
	}
}

func caseList(e *export.File) []export.Case {
	if e == nil {
		return nil
	}
	return e.Cases
}
