package export

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"giamsat/internal/diag"
	"giamsat/internal/format"
	"giamsat/internal/period"
	"giamsat/internal/site"
	"giamsat/internal/strictyaml"
	"giamsat/internal/vntext"
)

var (
	topFields    = []string{"export", "cases"}
	exportFields = []string{"unit", "district", "period", "exported_at", "metrics"}
	caseFields   = []string{"id", "detected_on", "district", "platform", "category", "summary", "reach", "offender", "status", "referred_to", "resolved_on", "fine_vnd", "post_url", "basis", "events"}
	eventFields  = []string{"date", "action", "note"}
	offenders    = []string{"identified", "unidentified"}
	statusNames  = func() []string {
		s := make([]string, len(Statuses))
		for i, st := range Statuses {
			s[i] = string(st)
		}
		return s
	}()
)

// reader holds what ReadTree needs while it reads one file.
type reader struct {
	file string
	cfg  *site.Config
	exp  *File
	asOf period.Date // the date of exported_at; zero when it is wrong
	// badDistrict: export.district is given but wrong; the cases that
	// rely on it are rejected with no message of their own.
	badDistrict bool
	ids         map[string]*yaml.Node // the id node of each case, by id
	place       func(line, col int) (vi, en string)
	referrals   []string // the keys of site.yaml's bodies, once asked for
	diags       diag.List
}

// Tree is an export decoded into YAML nodes, the form every front end
// gives ReadTree to validate: ReadFile decodes a YAML file into it, and a
// workbook reader builds one from its sheets, placing each node at a
// position it can turn back into a cell.
type Tree struct {
	File string
	Root *yaml.Node
	// Decoded are the problems found while decoding: they are reported,
	// and a case record holding the place of one is rejected.
	Decoded diag.List
	// Place says, for messages that point to another place in the file,
	// where a node's line and column are: "ở dòng 12", "on line 12" when
	// nil.
	Place func(line, col int) (vi, en string)
}

// ReadFile reads one export. file names it in messages (relative to the
// site folder, forward slashes) and in every Case's Pos. Every problem is
// reported; a case record with any problem is counted in Rejected and
// left out of Cases. The File is nil only when the file cannot be read
// as YAML at all.
func ReadFile(file string, data []byte, cfg *site.Config) (*File, diag.List) {
	root, diags := strictyaml.Decode(file, data)
	if root == nil {
		if len(diags) == 0 {
			diags = diag.List{diag.At(file, 1, 0,
				"tệp trống; một tệp dữ liệu cần phần export (đơn vị, ngày xuất) và danh sách cases (có thể rỗng: cases: [])",
				"the file is empty; an export needs an export section (unit, exported_at) and a cases list (which may be empty: cases: [])")}
		}
		return nil, diags
	}
	return ReadTree(Tree{File: file, Root: root, Decoded: diags}, cfg)
}

// ReadTree validates an export decoded into t, as ReadFile describes.
func ReadTree(t Tree, cfg *site.Config) (*File, diag.List) {
	file, root, diags := t.File, t.Root, t.Decoded
	r := &reader{file: file, cfg: cfg, diags: diags, place: t.Place}
	if r.place == nil {
		r.place = func(line, _ int) (string, string) {
			return fmt.Sprintf("ở dòng %d", line), fmt.Sprintf("on line %d", line)
		}
	}
	r.exp = &File{File: file}
	top, ds := strictyaml.Fields(file, root, topFields)
	r.add(ds)
	if top != nil {
		if n := top["export"]; strictyaml.IsNull(n) {
			r.diags = append(r.diags, strictyaml.Missing(file, root, "export"))
		} else {
			r.export(n)
		}
		if n := top["cases"]; n != nil {
			r.cases(n, diags)
		}
	}
	r.diags.Sort()
	return r.exp, compact(r.diags)
}

// compact drops diags given twice: Decode and Fields both report a key
// given twice.
func compact(l diag.List) diag.List {
	if len(l) == 0 {
		return nil
	}
	out := l[:1]
	for _, d := range l[1:] {
		if d != out[len(out)-1] {
			out = append(out, d)
		}
	}
	return out
}

func show(s string) string { return strictyaml.Show(s) }

func (r *reader) add(ds diag.List) { r.diags = append(r.diags, ds...) }

func (r *reader) at(n *yaml.Node, vi, en string) {
	r.diags = append(r.diags, strictyaml.At(r.file, n, vi, en))
}

func (r *reader) str(field string, n *yaml.Node) (string, bool) {
	s, ds := strictyaml.String(r.file, field, n)
	r.add(ds)
	if len(ds) > 0 {
		return s, false
	}
	max := MaxName
	if field == "summary" || field == "note" || field == "post_url" {
		max = MaxText
	}
	if k := utf8.RuneCountInString(s); k > max {
		r.at(n, fmt.Sprintf("trường %s dài %s ký tự, quá mức tối đa %s; hãy rút gọn", field, format.New("vi").Num(int64(k)), format.New("vi").Num(int64(max))),
			fmt.Sprintf("%s is %d characters long, more than the %d allowed; shorten it", field, k, max))
		return "", false
	}
	return s, true
}

// need returns the value of a required field, or nil after reporting it
// missing or empty.
func (r *reader) need(m *yaml.Node, f map[string]*yaml.Node, field string) *yaml.Node {
	n := f[field]
	if n == nil {
		r.diags = append(r.diags, strictyaml.Missing(r.file, m, field))
		return nil
	}
	if strictyaml.IsNull(n) || n.Kind == yaml.ScalarNode && strings.TrimSpace(n.Value) == "" {
		r.at(n, fmt.Sprintf("trường %q không được để trống; hãy điền", field),
			fmt.Sprintf("%q must not be empty; fill it in", field))
		return nil
	}
	return n
}

// text reads a required text field.
func (r *reader) text(m *yaml.Node, f map[string]*yaml.Node, field string) string {
	n := r.need(m, f, field)
	if n == nil {
		return ""
	}
	s, _ := r.str(field, n)
	return s
}

func (r *reader) export(n *yaml.Node) {
	f, ds := strictyaml.Fields(r.file, n, exportFields)
	r.add(ds)
	if f == nil {
		return
	}
	e := r.exp
	e.Unit = r.text(n, f, "unit")
	if v := f["unit"]; v != nil {
		r.private(v, "unit", e.Unit)
	}
	if v := f["district"]; !strictyaml.IsNull(v) {
		s, _ := r.str("district", v)
		if s != "" {
			e.District = r.district(v, s)
		}
		r.badDistrict = e.District == ""
	}
	if v := f["period"]; !strictyaml.IsNull(v) {
		if s, ok := r.str("period", v); ok {
			p, err := period.Parse(s)
			if err != nil {
				r.at(v, fmt.Sprintf("kỳ báo cáo %q không đúng dạng; hãy viết YYYY-MM (tháng: 2022-04), YYYY-Qn (quý: 2022-Q2), YYYY-H1 hay YYYY-H2 (6 tháng) hoặc YYYY (năm)", show(s)),
					fmt.Sprintf("the period %q is not in a known form; write YYYY-MM (month: 2022-04), YYYY-Qn (quarter: 2022-Q2), YYYY-H1 or YYYY-H2 (half) or YYYY (year)", show(s)))
			}
			if first, _ := p.Span(1); err == nil && !first.InWindow() {
				r.at(v, fmt.Sprintf("kỳ báo cáo %s nằm ngoài các năm %d–%d mà dữ liệu được phép có; hãy kiểm tra năm", show(s), period.FirstYear, period.LastYear),
					fmt.Sprintf("the period %s is outside the years %d–%d the data may fall in; check the year", show(s), period.FirstYear, period.LastYear))
				p = period.Period{}
			}
			e.Period = p
		}
	}
	if v := r.need(n, f, "exported_at"); v != nil {
		t, ds := strictyaml.Time(r.file, "exported_at", v)
		r.add(ds)
		if d := period.DateOf(t); len(ds) == 0 && !d.InWindow() {
			r.at(v, fmt.Sprintf("ngày xuất dữ liệu %s nằm ngoài các năm %d–%d mà dữ liệu được phép có; hãy kiểm tra năm", d.VN(), period.FirstYear, period.LastYear),
				fmt.Sprintf("exported_at %s is outside the years %d–%d the data may fall in; check the year", d, period.FirstYear, period.LastYear))
		} else if len(ds) == 0 {
			e.ExportedAt = t
			r.asOf = d
		}
	}
	if v := f["metrics"]; !strictyaml.IsNull(v) {
		r.metrics(v)
	}
	if v := f["district"]; e.District != "" && !e.Period.IsZero() {
		first, last := e.Period.Span(r.cfg.Reports.PeriodStartDay)
		if d := r.cfg.DistrictByCode(e.District); d != nil && !d.Overlaps(first, last) {
			vi, en := unitDates(d)
			r.at(v, fmt.Sprintf("%s không tồn tại trong kỳ %s (%s); hãy ghi đơn vị đang tồn tại trong kỳ đó", d.Name, e.Period, vi),
				fmt.Sprintf("%s did not exist in the period %s (%s); name the unit in force then", d.Name, e.Period, en))
			r.badDistrict = true
		}
	}
}

// unitDates says when a unit existed, in Vietnamese and English: "từ
// 01/07/2025", "đến 30/06/2025; nay thuộc 27943".
func unitDates(d *site.District) (vi, en string) {
	vi, en = d.Dates.Text()
	if len(d.NowPartOf) > 0 {
		vi += "; nay thuộc " + strings.Join(d.NowPartOf, ", ")
		en += "; now part of " + strings.Join(d.NowPartOf, ", ")
	}
	return vi, en
}

func (r *reader) metrics(n *yaml.Node) {
	keys := make([]string, len(r.cfg.Metrics))
	for i, m := range r.cfg.Metrics {
		keys[i] = m.Key
	}
	if len(keys) == 0 {
		r.at(n, "site.yaml không khai báo số liệu nào (metrics); hãy khai báo trong site.yaml hoặc xóa export.metrics",
			"site.yaml defines no metrics; define them under metrics in site.yaml or remove export.metrics")
		return
	}
	f, ds := strictyaml.Fields(r.file, n, keys)
	r.add(ds)
	for _, k := range keys {
		v := f[k]
		if v == nil {
			continue
		}
		x, ok := r.count(k, v)
		if ok {
			r.exp.Metrics = append(r.exp.Metrics, Metric{Key: k, Value: x})
		}
	}
}

// count reads a whole number ≥ 0.
func (r *reader) count(field string, n *yaml.Node) (int64, bool) {
	x, ds := strictyaml.Int(r.file, field, n)
	r.add(ds)
	if len(ds) > 0 {
		return 0, false
	}
	if x < 0 {
		r.at(n, fmt.Sprintf("trường %q không được là số âm (%d)", field, x),
			fmt.Sprintf("%q must not be negative (%d)", field, x))
		return 0, false
	}
	if x > MaxAmount {
		// The bound in words: as digits it would read as an identity
		// number to the privacy guard of the message itself.
		r.at(n, fmt.Sprintf("trường %q lớn hơn mức cho phép (tối đa 100 tỷ); hãy kiểm tra lại số", field),
			fmt.Sprintf("%q is above the largest accepted (at most 100 billion); check the number", field))
		return 0, false
	}
	return x, true
}

// district matches s against site.yaml, returning the code or "".
func (r *reader) district(n *yaml.Node, s string) string {
	code, ok, sug := r.cfg.MatchDistrict(s)
	if ok {
		return code
	}
	if sug != "" {
		r.at(n, fmt.Sprintf("không có đơn vị %q trong danh sách districts của site.yaml; có phải ý bạn là %q?", show(s), sug),
			fmt.Sprintf("there is no unit %q in the districts of site.yaml; did you mean %q?", show(s), sug))
	} else {
		r.at(n, fmt.Sprintf("không có đơn vị %q trong danh sách districts của site.yaml; hãy dùng mã, tên, tên ngắn hoặc tên gọi khác đã khai báo ở đó", show(s)),
			fmt.Sprintf("there is no unit %q in the districts of site.yaml; use a code, name, short name or alias listed there", show(s)))
	}
	return ""
}

// item matches s as a category or platform.
func (r *reader) item(n *yaml.Node, field, s string, match func(string) (string, bool, string)) string {
	key, ok, sug := match(s)
	if ok {
		return key
	}
	list := "categories"
	if field == "platform" {
		list = "platforms"
	}
	if sug != "" {
		r.at(n, fmt.Sprintf("%s %q không có trong danh sách %s của site.yaml; có phải ý bạn là %q?", field, show(s), list, sug),
			fmt.Sprintf("%s %q is not in the %s of site.yaml; did you mean %q?", field, show(s), list, sug))
	} else {
		r.at(n, fmt.Sprintf("%s %q không có trong danh sách %s của site.yaml; hãy dùng key hoặc tên đã khai báo ở đó", field, show(s), list),
			fmt.Sprintf("%s %q is not in the %s of site.yaml; use a key or name listed there", field, show(s), list))
	}
	return ""
}

// oneOf reports s, the value of field, unless it is one of allowed.
func (r *reader) oneOf(n *yaml.Node, field, s string, allowed []string) bool {
	if slices.Contains(allowed, s) {
		return true
	}
	all := strings.Join(allowed, ", ")
	if sug, ok := vntext.Closest(s, allowed); ok && s != "" {
		r.at(n, fmt.Sprintf("%s không nhận %q; có phải ý bạn là %q? (các giá trị: %s)", field, show(s), sug, all),
			fmt.Sprintf("%s does not take %q; did you mean %q? (the values are: %s)", field, show(s), sug, all))
	} else {
		r.at(n, fmt.Sprintf("%s không nhận %q; hãy dùng một trong các giá trị: %s", field, show(s), all),
			fmt.Sprintf("%s does not take %q; use one of: %s", field, show(s), all))
	}
	return false
}

// cases reads the records. decoded is what Decode reported: a record
// holding any of those places is rejected too.
func (r *reader) cases(n *yaml.Node, decoded diag.List) {
	items, ds := strictyaml.Seq(r.file, "cases", n)
	r.add(ds)
	r.exp.Records = len(items)
	if len(items) == 0 {
		return
	}
	tainted := taintedRecords(items, decoded)
	r.ids = make(map[string]*yaml.Node, len(items))
	r.exp.Cases = make([]Case, 0, len(items))
	for i, it := range items {
		c, ok := r.record(it)
		if ok && !tainted[i] {
			r.exp.Cases = append(r.exp.Cases, c)
		} else {
			r.exp.Rejected++
		}
	}
}

// taintedRecords marks the records that hold the place of a diag. Records
// follow one another in the file, so record i holds the places from its
// start up to the next record's start.
func taintedRecords(items []*yaml.Node, diags diag.List) []bool {
	tainted := make([]bool, len(items))
	for _, d := range diags {
		i, _ := slices.BinarySearchFunc(items, d, func(n *yaml.Node, d diag.Diag) int {
			return cmp.Or(cmp.Compare(n.Line, d.Line), cmp.Compare(n.Column, d.Col))
		})
		// i is the first record starting after d, or at d.
		if i < len(items) && items[i].Line == d.Line && items[i].Column == d.Col {
			tainted[i] = true
		} else if i > 0 {
			tainted[i-1] = true
		}
	}
	return tainted
}

// record reads one case; ok is false when it has any problem.
func (r *reader) record(n *yaml.Node) (Case, bool) {
	before := len(r.diags)
	f, ds := strictyaml.Fields(r.file, n, caseFields)
	r.add(ds)
	if f == nil {
		return Case{}, false
	}
	c := Case{
		Pos:        Pos{File: r.file, Line: n.Line, Col: n.Column},
		ExportedAt: r.exp.ExportedAt,
	}
	if v := r.need(n, f, "id"); v != nil {
		c.ID, _ = r.str("id", v)
		r.id(v, c.ID)
		// The id is published on every page that lists the case, in
		// cases.csv and in the search index.
		r.private(v, "id", c.ID)
	}
	if v := r.need(n, f, "detected_on"); v != nil {
		c.DetectedOn = r.date("detected_on", v)
	}
	if v := f["district"]; !strictyaml.IsNull(v) {
		if s, ok := r.str("district", v); ok {
			c.District = r.district(v, s)
		}
	} else if r.exp.District != "" || r.badDistrict {
		c.District = r.exp.District
	} else if v == nil {
		r.at(n, "thiếu trường \"district\": tệp không có export.district nên mỗi vụ việc phải ghi đơn vị; hãy bổ sung",
			"the field \"district\" is missing: the export gives no export.district, so each case must name its unit; add it")
	} else {
		r.need(n, f, "district")
	}
	if v := r.need(n, f, "platform"); v != nil {
		if s, ok := r.str("platform", v); ok {
			c.Platform = r.item(v, "platform", s, r.cfg.MatchPlatform)
		}
	}
	if v := r.need(n, f, "category"); v != nil {
		if s, ok := r.str("category", v); ok {
			c.Category = r.item(v, "category", s, r.cfg.MatchCategory)
		}
	}
	if v := r.need(n, f, "summary"); v != nil {
		c.Summary, _ = r.str("summary", v)
		r.private(v, "summary", c.Summary)
	}
	if v := f["reach"]; !strictyaml.IsNull(v) {
		c.Reach, c.HasReach = r.count("reach", v)
	}
	if v := r.need(n, f, "offender"); v != nil {
		if s, ok := r.str("offender", v); ok && r.oneOf(v, "offender", s, offenders) {
			c.Offender = s
		}
	}
	if v := r.need(n, f, "status"); v != nil {
		if s, ok := r.str("status", v); ok && r.oneOf(v, "status", s, statusNames) {
			c.Status = Status(s)
		}
	}
	r.statusFields(n, f, &c)
	if v := f["post_url"]; !strictyaml.IsNull(v) {
		if s, ok := r.str("post_url", v); ok {
			if u, err := url.Parse(s); err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || strings.ContainsAny(s, " \t\n") {
				r.at(v, "post_url cần một địa chỉ web đầy đủ bắt đầu bằng http:// hoặc https://",
					"post_url needs a full web address starting with http:// or https://")
			} else {
				c.PostURL = s
				if r.cfg.Publish.PostLinks {
					r.private(v, "post_url", s)
				}
			}
		}
	}
	if v := f["basis"]; !strictyaml.IsNull(v) {
		c.Basis = r.basis(v)
	}
	if v := f["events"]; !strictyaml.IsNull(v) {
		c.Events = r.events(v)
	}
	if c.ReferredTo != "" {
		r.referralInForce(f["referred_to"], &c)
	}
	if d := r.cfg.DistrictByCode(c.District); d != nil && !c.DetectedOn.IsZero() && !d.In(c.DetectedOn) && !r.badDistrict {
		at := f["district"]
		if strictyaml.IsNull(at) {
			at = f["detected_on"]
		}
		vi, en := unitDates(d)
		r.at(at, fmt.Sprintf("vụ việc phát hiện ngày %s, khi %s không còn hoặc chưa có (%s); hãy ghi đơn vị tồn tại vào ngày đó", c.DetectedOn.VN(), d.Name, vi),
			fmt.Sprintf("the case was detected on %s, when %s did not exist (%s); name the unit in force that day", c.DetectedOn.VN(), d.Name, en))
	}
	// Later checks need the record's own values; a record without an
	// export district is already wrong at the export.
	return c, len(r.diags) == before && c.District != ""
}

// id checks the form of a case id and that the file gives it once.
func (r *reader) id(n *yaml.Node, id string) {
	if !validID(id) {
		r.at(n, "mã vụ việc (id) chỉ gồm 1 đến 64 ký tự chữ không dấu, số và dấu . _ -, có ít nhất một chữ hoặc số (ví dụ BL-2022-0012)",
			"a case id holds 1 to 64 ASCII letters, digits and . _ -, with at least one letter or digit (for example BL-2022-0012)")
		return
	}
	if first, ok := r.ids[id]; ok {
		vi, en := r.place(first.Line, first.Column)
		r.at(n, fmt.Sprintf("mã vụ việc %q đã dùng %s của tệp này; mỗi vụ việc chỉ ghi một lần trong một tệp", show(id), vi),
			fmt.Sprintf("the case id %q is already used %s of this file; give each case once per file", show(id), en))
		return
	}
	r.ids[id] = n
}

func validID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	alnum := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			alnum = true
		case c == '.', c == '_', c == '-':
		default:
			return false
		}
	}
	// "." and ".." would name folders.
	return alnum
}

// date reads a case date, which cannot be after the export was made.
func (r *reader) date(field string, n *yaml.Node) period.Date {
	d, ds := strictyaml.Date(r.file, field, n)
	r.add(ds)
	if len(ds) > 0 {
		return 0
	}
	if !d.InWindow() {
		r.at(n, fmt.Sprintf("ngày %s (%s) nằm ngoài các năm %d–%d mà dữ liệu được phép có; hãy kiểm tra năm", d.VN(), field, period.FirstYear, period.LastYear),
			fmt.Sprintf("%s %s is outside the years %d–%d the data may fall in; check the year", field, d, period.FirstYear, period.LastYear))
		return 0
	}
	if earliest := period.New(r.asOf.Year()-MaxCaseYears, r.asOf.Month(), r.asOf.Day()); !r.asOf.IsZero() && d < earliest {
		r.at(n, fmt.Sprintf("ngày %s (%s) sớm hơn %d năm trước ngày xuất dữ liệu %s (export.exported_at); hãy kiểm tra ngày, tháng, năm", d.VN(), field, MaxCaseYears, r.asOf.VN()),
			fmt.Sprintf("%s %s is more than %d years before the export date %s (export.exported_at); check the day, month and year", field, d, MaxCaseYears, r.asOf))
		return 0
	}
	if !r.asOf.IsZero() && d > r.asOf {
		r.at(n, fmt.Sprintf("ngày %s (%s) sau ngày xuất dữ liệu %s (export.exported_at); hãy kiểm tra ngày, tháng, năm", d.VN(), field, r.asOf.VN()),
			fmt.Sprintf("%s %s is after the export date %s (export.exported_at); check the day, month and year", field, d, r.asOf))
		return 0
	}
	return d
}

// statusFields checks the fields that only some statuses take.
func (r *reader) statusFields(n *yaml.Node, f map[string]*yaml.Node, c *Case) {
	if c.Status == "" {
		// Unknown status: already reported, and nothing to check against.
		return
	}
	contradicts := func(v *yaml.Node, field, onlyVI, onlyEN string) {
		r.at(v, fmt.Sprintf("trường %s chỉ dùng khi status là %s, còn vụ việc này có status %s; hãy xóa %s hoặc sửa status", field, onlyVI, c.Status, field),
			fmt.Sprintf("%s goes only with status %s, but this case's status is %s; remove %s or change the status", field, onlyEN, c.Status, field))
	}
	v := f["referred_to"]
	switch {
	case c.Status == Referred:
		if v := r.need(n, f, "referred_to"); v != nil {
			if s, ok := r.str("referred_to", v); ok && r.oneOf(v, "referred_to", s, r.referralKeys()) {
				c.ReferredTo = s
			}
		}
	case !strictyaml.IsNull(v):
		contradicts(v, "referred_to", "referred", "referred")
	}

	v = f["resolved_on"]
	switch {
	case !c.Status.Open():
		if v := r.need(n, f, "resolved_on"); v != nil {
			c.ResolvedOn = r.date("resolved_on", v)
			if !c.ResolvedOn.IsZero() && !c.DetectedOn.IsZero() && c.ResolvedOn < c.DetectedOn {
				r.at(v, fmt.Sprintf("ngày xử lý xong (resolved_on %s) trước ngày phát hiện (detected_on %s); hãy kiểm tra hai ngày này", c.ResolvedOn.VN(), c.DetectedOn.VN()),
					fmt.Sprintf("resolved_on %s is before detected_on %s; check both dates", c.ResolvedOn, c.DetectedOn))
				c.ResolvedOn = 0
			}
		}
	case !strictyaml.IsNull(v):
		contradicts(v, "resolved_on", "removed, sanctioned hoặc closed", "removed, sanctioned or closed")
	}

	v = f["fine_vnd"]
	switch {
	case strictyaml.IsNull(v):
	case c.Status == Sanctioned:
		c.FineVND, c.HasFine = r.count("fine_vnd", v)
	default:
		contradicts(v, "fine_vnd", "sanctioned", "sanctioned")
	}
}

func (r *reader) basis(n *yaml.Node) []string {
	list, ds := strictyaml.StringList(r.file, "basis", n)
	r.add(ds)
	if len(ds) > 0 {
		return nil
	}
	for i, s := range list {
		it := n.Content[i]
		if !validSlug(s) {
			r.at(it, fmt.Sprintf("basis ghi tên rút gọn (slug) của văn bản chỉ đạo, chỉ gồm chữ thường không dấu, số và dấu - (ví dụ 283-ttra-2022), không phải %q", show(s)),
				fmt.Sprintf("basis lists the slugs of directives: lower-case ASCII letters, digits and - (for example 283-ttra-2022), not %q", show(s)))
		} else if slices.Contains(list[:i], s) {
			r.at(it, fmt.Sprintf("văn bản %q được ghi hai lần trong basis; hãy xóa một", show(s)),
				fmt.Sprintf("%q is listed twice in basis; remove one", show(s)))
		}
	}
	return list
}

// validSlug is the form of a directive's slug (vntext.Slug makes them).
func validSlug(s string) bool {
	if s == "" || len(s) > 128 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (r *reader) events(n *yaml.Node) []Event {
	items, ds := strictyaml.Seq(r.file, "events", n)
	r.add(ds)
	if len(items) == 0 {
		return nil
	}
	events := make([]Event, 0, len(items))
	for _, it := range items {
		f, ds := strictyaml.Fields(r.file, it, eventFields)
		r.add(ds)
		if f == nil {
			continue
		}
		e := Event{Pos: Pos{File: r.file, Line: it.Line, Col: it.Column}}
		if v := r.need(it, f, "date"); v != nil {
			e.Date = r.date("date", v)
		}
		if v := r.need(it, f, "action"); v != nil {
			if s, ok := r.str("action", v); ok && r.oneOf(v, "action", s, Actions) {
				e.Action = s
			}
		}
		if v := f["note"]; v != nil {
			e.Note, _ = r.str("note", v)
			r.private(v, "note", e.Note)
		}
		events = append(events, e)
	}
	slices.SortStableFunc(events, func(a, b Event) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), strings.Compare(a.Action, b.Action), strings.Compare(a.Note, b.Note))
	})
	return events
}

// private reports what in published text looks like personal data, masked.
func (r *reader) private(n *yaml.Node, field, text string) {
	r.add(strictyaml.Private(r.file, n, field, text, r.cfg.Publish.PostLinks))
}

// referralKeys are the keys referred_to takes, listed once per file.
func (r *reader) referralKeys() []string {
	if r.referrals == nil {
		r.referrals = make([]string, len(r.cfg.Referrals))
		for i, t := range r.cfg.Referrals {
			r.referrals[i] = t.Key
		}
	}
	return r.referrals
}

// referralInForce checks that the body a case was passed up to took cases
// when it was: on the day of its "referred" event; without one, on some
// day between its detection and the export (the referral happened then).
func (r *reader) referralInForce(n *yaml.Node, c *Case) {
	body, ok := r.cfg.Referral(c.ReferredTo)
	if !ok || c.DetectedOn.IsZero() {
		return
	}
	from, to := c.DetectedOn, r.asOf
	for _, e := range c.Events {
		if e.Action == "referred" {
			from, to = e.Date, e.Date
		}
	}
	if to.IsZero() || to < from {
		to = from
	}
	if body.Overlaps(from, to) {
		return
	}
	when := from.VN()
	if to != from {
		when += " – " + to.VN()
	}
	vi, en := body.Text()
	r.at(n, fmt.Sprintf("%s (%s) chỉ nhận vụ việc chuyển đến %s, còn vụ việc này chuyển ngày %s; hãy chọn cơ quan đang làm nhiệm vụ đó vào ngày chuyển", c.ReferredTo, body.Name, vi, when),
		fmt.Sprintf("%s (%s) takes cases passed up %s, but this one was passed up on %s; choose the body doing that work on that day", c.ReferredTo, body.Name, en, when))
}
