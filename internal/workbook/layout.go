// Package workbook reads and writes the spreadsheet form of an export:
// the Excel workbook (.xlsx) a unit fills from the template giamsat
// writes. Reading turns the sheets into the same YAML nodes a YAML export
// decodes to and hands them to export.ReadTree, so that both forms are
// held to one set of rules and messages; every problem names its cell
// ("Vụ việc!C12"). Writing makes the template and converts an export to
// a workbook and back to YAML.
package workbook

import (
	"strings"

	"giamsat/internal/vntext"
)

// The sheets of the template. Only these may be in a workbook: a sheet
// of any other name is refused, so that nothing a unit typed is left out
// without a word.
const (
	SheetGuide  = "Hướng dẫn"
	SheetHeader = "Thông tin báo cáo"
	SheetCases  = "Vụ việc"
	SheetEvents = "Diễn biến"
	SheetLists  = "Danh mục"
)

// The sheets' numbers in node positions (see place.go).
const (
	noSheet = iota
	headerSheet
	casesSheet
	eventsSheet
)

var sheetNames = [...]string{noSheet: "", headerSheet: SheetHeader, casesSheet: SheetCases, eventsSheet: SheetEvents}

// kind is what a column holds, which decides how a cell is read.
type kind int

const (
	text   kind = iota
	date        // a case date: an Excel date, or text as the YAML takes it
	moment      // exported_at: a date-time, or a date meaning midnight
	number      // a whole number
	list        // texts separated by commas, semicolons or lines
	month       // a period: text; a date, when Excel made one of 2024-11
)

// column is one field of a sheet: the YAML key and the Vietnamese
// heading the template writes (the key is the heading's note).
type column struct {
	key, heading string
	kind         kind
	width        float64
	required     bool // the sheet is refused without this column
}

var caseColumns = []column{
	{"id", "Mã vụ việc", text, 16, true},
	{"detected_on", "Ngày phát hiện", date, 14, true},
	{"district", "Đơn vị hành chính", text, 22, false},
	{"platform", "Nền tảng", text, 18, true},
	{"category", "Loại vi phạm", text, 30, true},
	{"summary", "Tóm tắt nội dung", text, 60, true},
	{"reach", "Lượt tiếp cận", number, 12, false},
	{"offender", "Đối tượng đăng tải", text, 16, true},
	{"status", "Tình trạng", text, 14, true},
	{"referred_to", "Chuyển đến", text, 16, false},
	{"resolved_on", "Ngày xử lý xong", date, 14, false},
	{"fine_vnd", "Tiền phạt (đồng)", number, 14, false},
	{"post_url", "Đường dẫn bài viết", text, 30, false},
	{"basis", "Căn cứ (văn bản chỉ đạo)", list, 22, false},
}

var eventColumns = []column{
	{"id", "Mã vụ việc", text, 16, true},
	{"date", "Ngày", date, 14, true},
	{"action", "Hoạt động", text, 20, true},
	{"note", "Ghi chú", text, 50, false},
}

// The header sheet is two columns, item and value, one row an item.
var headerColumns = []column{
	{"item", "Mục", text, 34, true},
	{"value", "Giá trị", text, 46, true},
}

var headerItems = []column{
	{"unit", "Đơn vị báo cáo", text, 0, true},
	{"district", "Đơn vị hành chính", text, 0, false},
	{"period", "Kỳ báo cáo", month, 0, false},
	{"exported_at", "Ngày xuất báo cáo", moment, 0, true},
}

// headingKey is how headings are compared: case, spacing, Unicode form
// and tone-mark placement do not count, nor a trailing "*" or ":".
func headingKey(s string) string {
	return vntext.Key(strings.TrimRight(strings.TrimSpace(s), "*: "))
}

// find returns the column whose heading or key is s.
func find(cols []column, s string) (column, bool) {
	k := headingKey(s)
	for _, c := range cols {
		if k == headingKey(c.heading) || k == c.key {
			return c, true
		}
	}
	return column{}, false
}

func headings(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.heading
	}
	return out
}
