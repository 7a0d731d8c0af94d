package workbook

import (
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"giamsat/internal/export"
	"giamsat/internal/merge"
)

// A case reported in a workbook and in a YAML export with the same
// exported_at but different content is a conflict naming both places,
// the workbook's by its cell.
func TestConflictNamesTheCell(t *testing.T) {
	cfg := loadSite(t)
	book, diags := Read("data/a.xlsx", filled(t, nil), cfg)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	y, err := YAML(book, cfg)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(y), "Tin sai về học sinh", "Tin sai khác", 1)
	other, diags := export.ReadFile("data/b.yaml", []byte(changed), cfg)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	_, diags = merge.Merge([]*export.File{book, other})
	if text := diags.Text("en"); len(diags) != 1 || !strings.Contains(text, "data/a.xlsx: Vụ việc!A2") || !strings.Contains(text, "data/b.yaml:") {
		t.Errorf("got %s", text)
	}
}

// The example's workbooks were filled as a person fills them.
func TestExampleWorkbooks(t *testing.T) {
	for _, name := range []string{"../../data/2024/ben-luc/2024-12.xlsx", "../../data/2024/duc-hoa/2024-11.xlsx"} {
		f, err := excelize.OpenFile(name)
		if err != nil {
			t.Fatal(err)
		}
		text, blank := 0, 0
		rows, _ := f.GetRows(SheetCases, excelize.Options{RawCellValue: true})
		for _, row := range rows[1:] {
			if len(row) == 0 {
				blank++
				continue
			}
			// A raw Excel date is a serial number; a typed one has slashes.
			if len(row) > 1 && strings.Contains(row[1], "/") {
				text++
			}
		}
		f.Close()
		if text == 0 || blank == 0 {
			t.Errorf("%s: %d dates typed as text, %d blank rows", name, text, blank)
		}
		data, _ := os.ReadFile(name)
		if _, diags := Read("x.xlsx", data, loadSite(t)); len(diags) > 0 {
			t.Error(diags.Text("en"))
		}
	}
}
