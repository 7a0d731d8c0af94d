package workbook

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"giamsat/internal/diag"
	"giamsat/internal/export"
	"giamsat/internal/site"
	"giamsat/internal/strictyaml"
	"giamsat/internal/vntext"
)

// refusedColumn prefixes the name a refused column is kept under: no
// field's key starts with it.
const refusedColumn = "\x00"

// headingRows is how far down a sheet its heading row is looked for: a
// unit may put a title or a few lines of its own above it.
const headingRows = 20

// builder turns one workbook's sheets into the YAML nodes of an export.
type builder struct {
	file     string
	cfg      *site.Config
	f        *excelize.File
	date1904 bool
	// decoded are the problems in the cases sheet's cells, which reject
	// their record; diags every other problem.
	decoded, diags diag.List
}

// Read reads a workbook export, as export.ReadFile reads a YAML one: the
// File is nil only when the workbook cannot be read at all. Every problem
// names the file and the cell, all of them at once.
func Read(file string, data []byte, cfg *site.Config) (*export.File, diag.List) {
	if d, bad := guard(file, data); bad {
		return nil, diag.List{d}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnpacked, UnzipXMLSizeLimit: MaxPart})
	if err != nil {
		return nil, diag.List{diag.At(file, 0, 0,
			fmt.Sprintf("không đọc được tệp Excel (%v); hãy lưu lại từ Excel dạng Excel Workbook (.xlsx)", err),
			fmt.Sprintf("cannot read the workbook (%v); save it again from Excel as an Excel Workbook (.xlsx)", err))}
	}
	defer f.Close()
	b := &builder{file: file, cfg: cfg, f: f}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		b.date1904 = *props.Date1904
	}
	root := b.tree()
	if root == nil {
		return nil, cellPlaces(b.diags)
	}
	e, diags := export.ReadTree(export.Tree{File: file, Root: root, Decoded: b.decoded, Place: place}, cfg)
	diags = cellPlaces(append(diags, b.diags...))
	diags.Sort()
	placeCases(e)
	return e, diags
}

// tree reads the sheets into the root of an export, or nil when the
// workbook is not one.
func (b *builder) tree() *yaml.Node {
	// Sheet names compare as headings do: a Mac may save them decomposed.
	known := map[string]int{}
	for name, no := range map[string]int{SheetHeader: headerSheet, SheetCases: casesSheet, SheetEvents: eventsSheet, SheetGuide: noSheet, SheetLists: noSheet} {
		known[headingKey(name)] = no
	}
	grids := map[int]*grid{}
	for _, name := range b.f.GetSheetList() {
		no, ok := known[headingKey(name)]
		if !ok {
			b.sheetDiag(name, fmt.Sprintf("trang tính %q không thuộc mẫu báo cáo; hãy chuyển nội dung sang trang %s hoặc %s, hoặc xóa trang này", name, SheetCases, SheetEvents),
				fmt.Sprintf("the sheet %q is not part of the template; move what it holds to the %s or %s sheet, or delete it", name, SheetCases, SheetEvents))
			continue
		}
		if no == noSheet {
			continue
		}
		if g, ok := b.load(name, no); ok {
			grids[no] = g
		}
	}
	for _, no := range []int{headerSheet, casesSheet} {
		if grids[no] == nil && !slices.ContainsFunc(b.diags, func(d diag.Diag) bool { return d.Sheet == sheetNames[no] }) {
			b.diags = append(b.diags, diag.At(b.file, 0, 0,
				fmt.Sprintf("tệp Excel không có trang %q của mẫu báo cáo; hãy dùng mẫu do lệnh giamsat template tạo", sheetNames[no]),
				fmt.Sprintf("the workbook has no %q sheet of the template; use the template giamsat template writes", sheetNames[no])))
		}
	}
	if grids[headerSheet] == nil || grids[casesSheet] == nil {
		return nil
	}
	cases, ids := b.cases(grids[casesSheet])
	if g := grids[eventsSheet]; g != nil {
		b.events(g, ids)
	}
	root := &yaml.Node{Kind: yaml.MappingNode}
	root.Content = append(root.Content, key("export", 0, 0), b.header(grids[headerSheet]), key("cases", 0, 0), cases)
	return root
}

// header reads the report's sheet of items into the export mapping.
func (b *builder) header(g *grid) *yaml.Node {
	head, cols, ok := b.headings(g, headerColumns)
	m := &yaml.Node{Kind: yaml.MappingNode, Line: head, Column: enc(g.no, 1)}
	if !ok {
		return m
	}
	metrics := &yaml.Node{Kind: yaml.MappingNode}
	items := make([]column, 0, len(headerItems)+len(b.cfg.Metrics))
	items = append(items, headerItems...)
	for _, mt := range b.cfg.Metrics {
		items = append(items, column{key: mt.Key, heading: mt.Name, kind: number})
	}
	seen := map[string]int{}
	for row := head + 1; row <= len(g.rows); row++ {
		ic, vc := cols["item"], cols["value"]
		label, value := strings.TrimSpace(g.at(row, ic).v), strings.TrimSpace(g.at(row, vc).v)
		if label == "" {
			if value != "" {
				b.cellDiag(g, row, vc, "giá trị này không có tên mục ở cột bên trái; hãy ghi tên mục hoặc xóa giá trị", "this value has no item name in the column on its left; name the item or delete the value")
			}
			continue
		}
		it, ok := find(items, label)
		if !ok {
			b.unknown(g, row, ic, label, headings(items))
			continue
		}
		if first, ok := seen[it.key]; ok {
			b.cellDiag(g, row, ic, fmt.Sprintf("mục %q đã ghi ở hàng %d; mỗi mục chỉ ghi một lần", label, first),
				fmt.Sprintf("the item %q is already given on row %d; give each item once", label, first))
			continue
		}
		seen[it.key] = row
		v := b.value(g, row, vc, it.kind)
		switch {
		case v == nil:
		case slices.ContainsFunc(headerItems, func(c column) bool { return c.key == it.key }):
			m.Content = append(m.Content, key(it.key, row, enc(g.no, ic)), v)
		case !strictyaml.IsNull(v):
			metrics.Content = append(metrics.Content, key(it.key, row, enc(g.no, ic)), v)
		}
	}
	if len(metrics.Content) > 0 {
		metrics.Line, metrics.Column = metrics.Content[0].Line, metrics.Content[0].Column
		m.Content = append(m.Content, key("metrics", metrics.Line, metrics.Column), metrics)
	}
	return m
}

// cases reads the cases sheet into the list of records, and the record
// of each id for the events sheet.
func (b *builder) cases(g *grid) (*yaml.Node, map[string]*yaml.Node) {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	ids := map[string]*yaml.Node{}
	head, cols, ok := b.headings(g, caseColumns)
	seq.Line, seq.Column = head, enc(g.no, 1)
	if !ok {
		// The events cannot be matched to cases not read.
		return seq, nil
	}
	for _, row := range b.dataRows(g, head, cols) {
		m := b.record(g, row, cols, caseColumns)
		seq.Content = append(seq.Content, m)
		if id := idOf(g, row, cols); id != "" {
			if _, dup := ids[id]; !dup {
				ids[id] = m
			}
		}
	}
	return seq, ids
}

// events reads the events sheet into the records of their cases.
func (b *builder) events(g *grid, ids map[string]*yaml.Node) {
	head, cols, ok := b.headings(g, eventColumns)
	if !ok || ids == nil {
		return
	}
	for _, row := range b.dataRows(g, head, cols) {
		id := idOf(g, row, cols)
		rec := ids[id]
		if rec == nil {
			vi, en := "hàng diễn biến này không ghi mã vụ việc; hãy ghi mã của vụ việc ở trang "+SheetCases, "this event gives no case id; write the id of its case on the "+SheetCases+" sheet"
			if id != "" {
				vi = fmt.Sprintf("không có vụ việc mã %q ở trang %s của tệp này; diễn biến phải thuộc một vụ việc ghi trong cùng tệp (nếu là vụ việc báo cáo trước đây, hãy ghi lại vụ việc đó ở trang %s)", strictyaml.Show(id), SheetCases, SheetCases)
				en = fmt.Sprintf("there is no case %q on the %s sheet of this file; an event belongs to a case given in the same file (for a case reported before, give it again on the %s sheet)", strictyaml.Show(id), SheetCases, SheetCases)
			}
			b.cellDiag(g, row, cols["id"], vi, en)
			continue
		}
		ev := b.record(g, row, cols, eventColumns[1:])
		evs := field(rec, "events")
		if evs == nil {
			evs = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: row, Column: enc(g.no, 1)}
			rec.Content = append(rec.Content, key("events", row, enc(g.no, 1)), evs)
		}
		evs.Content = append(evs.Content, ev)
	}
}

// headings finds a sheet's heading row and the column of each field in
// it. A heading that is no field, a field given twice and a required
// field missing are refused; ok is false only for a missing field, so
// that the rows are still read and every other problem reported. A
// refused column is kept under its own name, so that its values are not
// refused again as having no heading.
func (b *builder) headings(g *grid, fields []column) (row int, cols map[string]int, ok bool) {
	for r := 1; r <= min(len(g.rows), headingRows) && row == 0; r++ {
		n := 0
		for _, c := range g.rows[r-1] {
			if _, ok := find(fields, c.v); ok && strings.TrimSpace(c.v) != "" {
				n++
			}
		}
		if n >= 2 {
			row = r
		}
	}
	if row == 0 {
		b.sheetDiag(g.name, fmt.Sprintf("không tìm thấy hàng tiêu đề cột (%s) trong %d hàng đầu; hãy dùng mẫu do lệnh giamsat template tạo", strings.Join(headings(fields), ", "), headingRows),
			fmt.Sprintf("no row of column headings (%s) in the first %d rows; use the template giamsat template writes", strings.Join(headings(fields), ", "), headingRows))
		return 0, nil, false
	}
	ok = true
	cols = map[string]int{}
	for c, x := range g.rows[row-1] {
		h := strings.TrimSpace(x.v)
		if h == "" {
			continue
		}
		f, found := find(fields, h)
		switch {
		case !found:
			b.unknown(g, row, c+1, h, headings(fields))
			cols[refusedColumn+diag.ColumnName(c+1)] = c + 1
		case cols[f.key] != 0:
			b.cellDiag(g, row, c+1, fmt.Sprintf("cột %q đã có ở cột %s; hãy xóa một cột", h, diag.ColumnName(cols[f.key])),
				fmt.Sprintf("the column %q is already column %s; delete one of them", h, diag.ColumnName(cols[f.key])))
			cols[refusedColumn+diag.ColumnName(c+1)] = c + 1
		default:
			cols[f.key] = c + 1
		}
	}
	for _, f := range fields {
		if f.required && cols[f.key] == 0 {
			b.cellDiag(g, row, 1, fmt.Sprintf("trang thiếu cột bắt buộc %q (%s); hãy thêm cột đó", f.heading, f.key),
				fmt.Sprintf("the sheet lacks the required column %q (%s); add it", f.heading, f.key))
			ok = false
		}
	}
	return row, cols, ok
}

// unknown refuses a heading or item that is no field, suggesting the
// closest.
func (b *builder) unknown(g *grid, row, col int, s string, known []string) {
	s = strictyaml.Show(s)
	if sug, ok := vntext.Closest(s, known); ok {
		b.cellDiag(g, row, col, fmt.Sprintf("không có cột hay mục %q trong mẫu; có phải ý bạn là %q?", s, sug),
			fmt.Sprintf("there is no column or item %q in the template; did you mean %q?", s, sug))
		return
	}
	b.cellDiag(g, row, col, fmt.Sprintf("không có cột hay mục %q trong mẫu; hãy xóa nó hoặc dùng một trong: %s", s, strings.Join(known, ", ")),
		fmt.Sprintf("there is no column or item %q in the template; delete it or use one of: %s", s, strings.Join(known, ", ")))
}

// dataRows lists the rows under the headings that hold anything: blank
// rows, in the middle or at the end, are skipped. A value in a column
// with no heading is refused, once a column.
func (b *builder) dataRows(g *grid, head int, cols map[string]int) []int {
	headed := map[int]bool{}
	for _, c := range cols {
		headed[c] = true
	}
	reported := map[int]bool{}
	var rows []int
	for r := head + 1; r <= len(g.rows); r++ {
		if g.blank(r) {
			continue
		}
		rows = append(rows, r)
		for c, x := range g.rows[r-1] {
			if !headed[c+1] && !reported[c+1] && strings.TrimSpace(x.v) != "" {
				reported[c+1] = true
				b.cellDiag(g, r, c+1, "ô có giá trị nhưng cột của nó không có tiêu đề; hãy xóa giá trị hoặc chuyển vào đúng cột",
					"the cell has a value but its column has no heading; delete the value or move it to the right column")
			}
		}
	}
	return rows
}

// record reads one row into a mapping of the given fields.
func (b *builder) record(g *grid, row int, cols map[string]int, fields []column) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: row, Column: enc(g.no, 1)}
	for _, f := range fields {
		c := cols[f.key]
		if c == 0 {
			continue
		}
		if v := b.value(g, row, c, f.kind); v != nil {
			m.Content = append(m.Content, key(f.key, row, enc(g.no, c)), v)
		}
	}
	return m
}

// idOf is a row's case id, as the events sheet matches it.
func idOf(g *grid, row int, cols map[string]int) string {
	return strings.TrimSpace(norm.NFC.String(g.at(row, cols["id"]).v))
}

// field returns the value of key in mapping m.
func field(m *yaml.Node, k string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			return m.Content[i+1]
		}
	}
	return nil
}

func key(k string, line, col int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: col}
}
