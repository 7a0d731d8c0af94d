package workbook

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"giamsat/internal/diag"
	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/site"
)

// TemplateOptions fill in what the template can know in advance.
type TemplateOptions struct {
	District string        // a unit's code, name or alias from site.yaml; "" for none
	Period   period.Period // zero for none
}

// rowsPrepared is how many rows of the cases and events sheets carry the
// drop-down lists and date formats.
const rowsPrepared = 1000

// writer holds a workbook being written and its styles.
type writer struct {
	f   *excelize.File
	cfg *site.Config
	// per is the report's period: the unit lists hold the units in force
	// in it (after the 2025 reform, not the districts that ended).
	per                        period.Period
	heading, date, moment, txt int // style ids
}

// Template returns the workbook a unit fills, made from the site's lists.
func Template(cfg *site.Config, opt TemplateOptions) ([]byte, error) {
	w, err := newWriter(cfg, opt.Period)
	if err != nil {
		return nil, err
	}
	defer w.f.Close()
	district := ""
	if opt.District != "" {
		code, ok, _ := cfg.MatchDistrict(opt.District)
		if !ok {
			return nil, fmt.Errorf("--unit %q: no such unit in site.yaml (không có đơn vị này trong site.yaml)", opt.District)
		}
		district = cfg.DistrictByCode(code).Name
	}
	if err := w.headerValues(district, "", opt.Period.String(), nil); err != nil {
		return nil, err
	}
	return w.bytes()
}

// Write returns the workbook of an export read from YAML (or a workbook),
// as a unit would have filled the template.
func Write(e *export.File, cfg *site.Config) ([]byte, error) {
	w, err := newWriter(cfg, e.Period)
	if err != nil {
		return nil, err
	}
	defer w.f.Close()
	district := ""
	if d := cfg.DistrictByCode(e.District); d != nil {
		district = d.Name
	}
	per := ""
	if !e.Period.IsZero() {
		per = e.Period.String()
	}
	if err := w.headerValues(district, e.Unit, per, e); err != nil {
		return nil, err
	}
	if err := w.caseRows(e); err != nil {
		return nil, err
	}
	return w.bytes()
}

func newWriter(cfg *site.Config, per period.Period) (*writer, error) {
	w := &writer{f: excelize.NewFile(), cfg: cfg, per: per}
	steps := []func() error{w.styles, w.guide, w.lists, w.headerSheet,
		func() error { return w.table(SheetCases, caseColumns) },
		func() error { return w.table(SheetEvents, eventColumns) },
		w.validations}
	for _, step := range steps {
		if err := step(); err != nil {
			w.f.Close()
			return nil, fmt.Errorf("writing the workbook: %w", err)
		}
	}
	if i, err := w.f.GetSheetIndex(SheetGuide); err == nil {
		w.f.SetActiveSheet(i)
	}
	return w, nil
}

func (w *writer) styles() error {
	var err error
	new := func(s *excelize.Style) int {
		id, e := w.f.NewStyle(s)
		if e != nil && err == nil {
			err = e
		}
		return id
	}
	dd := "dd/mm/yyyy"
	dt := "dd/mm/yyyy hh:mm"
	w.heading = new(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}, Border: []excelize.Border{{Type: "bottom", Color: "7F7F7F", Style: 1}}})
	w.date = new(&excelize.Style{CustomNumFmt: &dd})
	w.moment = new(&excelize.Style{CustomNumFmt: &dt})
	w.txt = new(&excelize.Style{NumFmt: 49}) // "@": what is typed stays text (2024-11 is no date)
	return err
}

// guide writes the instructions sheet, the first one.
func (w *writer) guide() error {
	if err := w.f.SetSheetName("Sheet1", SheetGuide); err != nil {
		return err
	}
	lines := []string{
		"MẪU BÁO CÁO VỤ VIỆC HẰNG THÁNG — " + w.cfg.Organization,
		"",
		"1. Trang \"" + SheetHeader + "\": ghi đơn vị báo cáo, đơn vị hành chính, kỳ báo cáo (ví dụ 2024-11) và ngày xuất báo cáo; điền các số liệu rà soát nếu có.",
		"2. Trang \"" + SheetCases + "\": mỗi vụ việc một hàng. Chọn đơn vị, nền tảng, loại vi phạm, đối tượng, tình trạng và nơi chuyển đến từ danh sách thả xuống.",
		"   Ngày ghi dạng ngày/tháng/năm (12/04/2024). Vụ việc đã báo cáo kỳ trước mà nay có thay đổi: ghi lại cả hàng với cùng mã vụ việc và tình trạng mới.",
		"3. Trang \"" + SheetEvents + "\" (không bắt buộc): diễn biến xử lý của vụ việc, mỗi bước một hàng, ghi đúng mã vụ việc ở trang \"" + SheetCases + "\".",
		"4. Tình trạng: detected (mới phát hiện), requested (đã đề nghị gỡ, xử lý), referred (đã chuyển cơ quan khác, ghi \"Chuyển đến\"),",
		"   removed (đã gỡ), sanctioned (đã xử phạt, ghi \"Tiền phạt\"), closed (kết thúc). Ba tình trạng sau cần \"Ngày xử lý xong\".",
		"5. Đối tượng đăng tải: identified (đã xác định) hoặc unidentified (chưa xác định).",
		"6. Không ghi tên, số điện thoại, số định danh, địa chỉ, trường lớp của trẻ em vào \"Tóm tắt nội dung\" hay \"Ghi chú\": các ô này được công bố.",
		"   Số tiền ghi kèm đơn vị: 7.500.000 đồng.",
		"7. Không đổi tên trang, tên cột; không thêm trang hay cột khác. Có thể thêm dòng tiêu đề phía trên bảng, để trống dòng, ẩn dòng.",
		"8. Lưu dạng Excel Workbook (.xlsx), không đặt mật khẩu, không dùng macro; kiểm tra bằng lệnh: giamsat check.",
	}
	for i, l := range lines {
		if err := w.f.SetCellStr(SheetGuide, fmt.Sprintf("A%d", i+1), l); err != nil {
			return err
		}
	}
	if err := w.f.SetCellStyle(SheetGuide, "A1", "A1", w.heading); err != nil {
		return err
	}
	return w.f.SetColWidth(SheetGuide, "A", "A", 140)
}

// listColumns are the drop-down lists, each a column of the lists sheet.
func (w *writer) listColumns() [][]string {
	var districts, platforms, categories, referrals []string
	first, last := w.per.Span(w.cfg.Reports.PeriodStartDay)
	for _, d := range w.cfg.Districts {
		if w.per.IsZero() || d.Overlaps(first, last) {
			districts = append(districts, d.Name)
		}
	}
	for _, p := range w.cfg.Platforms {
		platforms = append(platforms, p.Name)
	}
	for _, c := range w.cfg.Categories {
		categories = append(categories, c.Name)
	}
	for _, r := range w.cfg.Referrals {
		referrals = append(referrals, r.Key)
	}
	statuses := make([]string, len(export.Statuses))
	for i, s := range export.Statuses {
		statuses[i] = string(s)
	}
	return [][]string{
		append([]string{"Đơn vị hành chính"}, districts...),
		append([]string{"Nền tảng"}, platforms...),
		append([]string{"Loại vi phạm"}, categories...),
		{"Đối tượng đăng tải", "identified", "unidentified"},
		append([]string{"Tình trạng"}, statuses...),
		append([]string{"Chuyển đến"}, referrals...),
		append([]string{"Hoạt động"}, export.Actions...),
	}
}

// lists writes the hidden sheet the drop-downs take their values from:
// a list written into the validation itself is limited to 255 characters,
// less than the names of fifteen districts.
func (w *writer) lists() error {
	if _, err := w.f.NewSheet(SheetLists); err != nil {
		return err
	}
	for c, col := range w.listColumns() {
		for r, v := range col {
			if err := w.f.SetCellStr(SheetLists, diag.ColumnName(c+1)+fmt.Sprint(r+1), v); err != nil {
				return err
			}
		}
		if err := w.f.SetColWidth(SheetLists, diag.ColumnName(c+1), diag.ColumnName(c+1), 30); err != nil {
			return err
		}
	}
	return w.f.SetSheetVisible(SheetLists, false)
}

// listRange is the range of the lists sheet holding list i.
func (w *writer) listRange(i int) string {
	n := len(w.listColumns()[i])
	c := diag.ColumnName(i + 1)
	return fmt.Sprintf("'%s'!$%s$2:$%s$%d", SheetLists, c, c, max(n, 2))
}

func (w *writer) headerSheet() error {
	s := SheetHeader
	if _, err := w.f.NewSheet(s); err != nil {
		return err
	}
	if err := w.headingRow(s, headerColumns); err != nil {
		return err
	}
	items := append([]column(nil), headerItems...)
	for _, m := range w.cfg.Metrics {
		items = append(items, column{key: m.Key, heading: m.Name, kind: number})
	}
	for i, it := range items {
		cell := fmt.Sprintf("A%d", i+2)
		if err := w.f.SetCellStr(s, cell, it.heading); err != nil {
			return err
		}
		if err := w.note(s, cell, it.key); err != nil {
			return err
		}
	}
	// Excel turns 2024-11 typed in a plain cell into a date.
	if err := w.f.SetCellStyle(s, "B4", "B4", w.txt); err != nil {
		return err
	}
	return w.f.SetCellStyle(s, "B5", "B5", w.moment)
}

// headerValues fills the header sheet's values; e gives the export time
// and metrics when not nil.
func (w *writer) headerValues(district, unit, per string, e *export.File) error {
	s := SheetHeader
	for cell, v := range map[string]string{"B2": unit, "B3": district, "B4": per} {
		if v != "" {
			if err := w.f.SetCellStr(s, cell, v); err != nil {
				return err
			}
		}
	}
	if e == nil {
		return nil
	}
	if err := w.f.SetCellFloat(s, "B5", toSerial(e.ExportedAt), -1, 64); err != nil {
		return err
	}
	for _, m := range e.Metrics {
		for i, it := range w.cfg.Metrics {
			if it.Key == m.Key {
				if err := w.f.SetCellInt(s, fmt.Sprintf("B%d", len(headerItems)+2+i), m.Value); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// table writes a sheet of records: headings with their keys as notes,
// widths, the heading row frozen, date and text formats.
func (w *writer) table(s string, cols []column) error {
	if _, err := w.f.NewSheet(s); err != nil {
		return err
	}
	if err := w.headingRow(s, cols); err != nil {
		return err
	}
	// Column styles, not cell styles: a new cell takes its column's
	// format, and the template holds no empty cells for a reader to skip.
	for i, c := range cols {
		col := diag.ColumnName(i + 1)
		style := 0
		switch {
		case c.kind == date:
			style = w.date
		case c.key == "id":
			style = w.txt
		}
		if style != 0 {
			if err := w.f.SetColStyle(s, col, style); err != nil {
				return err
			}
		}
	}
	if err := w.f.SetCellStyle(s, "A1", diag.ColumnName(len(cols))+"1", w.heading); err != nil {
		return err
	}
	if err := w.printWide(s); err != nil {
		return err
	}
	return w.f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
}

// printWide prints a sheet landscape, all its columns on one A4 width.
func (w *writer) printWide(s string) error {
	landscape, a4, one, any := "landscape", 9, 1, 0
	fit := true
	if err := w.f.SetPageLayout(s, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &any}); err != nil {
		return err
	}
	return w.f.SetSheetProps(s, &excelize.SheetPropsOptions{FitToPage: &fit})
}

func (w *writer) headingRow(s string, cols []column) error {
	for i, c := range cols {
		col := diag.ColumnName(i + 1)
		if err := w.f.SetCellStr(s, col+"1", c.heading); err != nil {
			return err
		}
		if err := w.note(s, col+"1", c.key); err != nil {
			return err
		}
		if err := w.f.SetColWidth(s, col, col, c.width); err != nil {
			return err
		}
	}
	last := diag.ColumnName(len(cols))
	if err := w.f.SetRowHeight(s, 1, 32); err != nil {
		return err
	}
	return w.f.SetCellStyle(s, "A1", last+"1", w.heading)
}

// note puts a field's YAML key on its heading, for those who keep the
// YAML: a column is read by its heading or its key.
func (w *writer) note(s, cell, k string) error {
	return w.f.AddComment(s, excelize.Comment{Author: "giamsat", Cell: cell, Paragraph: []excelize.RichTextRun{{Text: k}}, Width: 140, Height: 30})
}

// validations adds the drop-down lists.
func (w *writer) validations() error {
	type drop struct {
		sheet, sqref string
		list         int
	}
	col := func(cols []column, key string) string {
		for i, c := range cols {
			if c.key == key {
				return diag.ColumnName(i + 1)
			}
		}
		return ""
	}
	span := func(cols []column, key string) string {
		c := col(cols, key)
		return fmt.Sprintf("%s2:%s%d", c, c, rowsPrepared+1)
	}
	drops := []drop{
		{SheetHeader, "B3", 0},
		{SheetCases, span(caseColumns, "district"), 0},
		{SheetCases, span(caseColumns, "platform"), 1},
		{SheetCases, span(caseColumns, "category"), 2},
		{SheetCases, span(caseColumns, "offender"), 3},
		{SheetCases, span(caseColumns, "status"), 4},
		{SheetCases, span(caseColumns, "referred_to"), 5},
		{SheetEvents, span(eventColumns, "action"), 6},
	}
	for _, d := range drops {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = d.sqref
		dv.SetSqrefDropList(w.listRange(d.list))
		dv.SetError(excelize.DataValidationErrorStyleWarning, "Giá trị không có trong danh sách",
			"Hãy chọn từ danh sách thả xuống; giamsat check sẽ báo nếu giá trị không đúng.")
		if err := w.f.AddDataValidation(d.sheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// caseRows writes an export's cases and their events.
func (w *writer) caseRows(e *export.File) error {
	r, er := 2, 2
	for i := range e.Cases {
		c := &e.Cases[i]
		if err := w.f.SetSheetRow(SheetCases, fmt.Sprintf("A%d", r), w.caseCells(c, e)); err != nil {
			return err
		}
		for _, ev := range c.Events {
			if err := w.f.SetSheetRow(SheetEvents, fmt.Sprintf("A%d", er), &[]any{c.ID, dateCell(ev.Date), ev.Action, ev.Note}); err != nil {
				return err
			}
			er++
		}
		r++
	}
	return nil
}

// caseCells is a case's row, in caseColumns order. Text goes in as text,
// never as a formula, whatever it starts with.
func (w *writer) caseCells(c *export.Case, e *export.File) *[]any {
	district := ""
	if c.District != e.District {
		district = w.cfg.DistrictByCode(c.District).Name
	}
	opt := func(ok bool, v int64) any {
		if !ok {
			return nil
		}
		return v
	}
	return &[]any{c.ID, dateCell(c.DetectedOn), district, itemName(w.cfg.Platforms, c.Platform), itemName(w.cfg.Categories, c.Category),
		c.Summary, opt(c.HasReach, c.Reach), c.Offender, string(c.Status), c.ReferredTo, dateCell(c.ResolvedOn),
		opt(c.HasFine, c.FineVND), c.PostURL, strings.Join(c.Basis, ", ")}
}

// dateCell is a date as an Excel serial, nil for none.
func dateCell(d period.Date) any {
	if d.IsZero() {
		return nil
	}
	return toSerial(d.Midnight())
}

func itemName(items []site.Item, k string) string {
	for _, it := range items {
		if it.Key == k {
			return it.Name
		}
	}
	return k
}

func (w *writer) bytes() ([]byte, error) {
	buf, err := w.f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("writing the workbook: %w", err)
	}
	return bytes.Clone(buf.Bytes()), nil
}
