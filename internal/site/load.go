package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"giamsat/internal/diag"
	"giamsat/internal/period"
	"giamsat/internal/strictyaml"
	"giamsat/internal/vntext"
)

// FileName is the configuration file at the root of a site folder.
const FileName = "site.yaml"

// Load reads and validates dir/site.yaml.
func Load(dir string) (*Config, diag.List) {
	name := filepath.Join(dir, FileName)
	// Checked before opening: a huge file would cost its size in memory,
	// and opening a named pipe would never return.
	fi, err := os.Stat(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, diag.List{diag.At(FileName, 0, 0,
				fmt.Sprintf("không tìm thấy %s trong thư mục %s; hãy chạy lệnh trong thư mục của trang, hoặc chỉ ra thư mục đó bằng --source", FileName, dir),
				fmt.Sprintf("no %s in the folder %s; run the command in the site's folder, or name that folder with --source", FileName, dir))}
		}
		return nil, diag.List{readError(err)}
	}
	if !fi.Mode().IsRegular() {
		return nil, diag.List{diag.At(FileName, 0, 0,
			fmt.Sprintf("%s không phải một tệp thông thường; hãy thay bằng tệp cấu hình", FileName),
			fmt.Sprintf("%s is not a regular file; put the configuration file there", FileName))}
	}
	if fi.Size() > strictyaml.MaxFileSize {
		return nil, diag.List{strictyaml.TooLarge(FileName, fi.Size())}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, diag.List{readError(err)}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, strictyaml.MaxFileSize+1))
	if err != nil {
		return nil, diag.List{readError(err)}
	}
	return Parse(FileName, data)
}

func readError(err error) diag.Diag {
	return diag.At(FileName, 0, 0,
		fmt.Sprintf("không đọc được tệp (%v); kiểm tra quyền đọc tệp", err),
		fmt.Sprintf("cannot read the file (%v); check that it is readable", err))
}

var (
	topFields      = []string{"title", "organization", "language", "theme", "as_of", "overdue_after_days", "district_label", "reports", "publish", "map", "referral_bodies", "former_names", "districts", "categories", "platforms", "metrics"}
	reportsFields  = []string{"every", "due_day", "period_start_day", "close_after_days", "number_format", "place", "parent", "signer", "recipients"}
	signerFields   = []string{"authority", "title", "name"}
	publishFields  = []string{"post_links"}
	mapFields      = []string{"file", "code_property"}
	districtFields = []string{"code", "name", "short", "aliases", "tile", "population", "since", "until", "now_part_of", "group"}
	itemFields     = []string{"key", "name"}
)

// maxTile bounds the tile map's rows and columns: a grid of that size is
// already unreadable on a page.
const maxTile = 50

// Bounds on site.yaml, far above what a province needs, so that a slip
// (a pasted document as a name, a national list as a province's) is
// refused at its line instead of costing hours and gigabytes: every name
// is printed on many pages.
const (
	MaxUnits = 1000 // units under districts: a province has 60 to 170 communes
	MaxItems = 100  // entries of categories, platforms, metrics
	MaxText  = 500  // characters of any text: names, aliases, title
)

// parser holds what Parse needs while it reads one file.
type parser struct {
	file  string
	diags diag.List
}

func (p *parser) add(ds diag.List) { p.diags = append(p.diags, ds...) }

func (p *parser) at(n *yaml.Node, vi, en string) {
	p.diags = append(p.diags, strictyaml.At(p.file, n, vi, en))
}

// Parse reads and validates site.yaml from data; file names it in
// messages. Defaults are filled in and the Config is prepared for
// matching. The Config is nil only when the file could not be read as
// YAML at all.
func Parse(file string, data []byte) (*Config, diag.List) {
	p := &parser{file: file}
	root, diags := strictyaml.Decode(file, data)
	p.add(diags)
	if root == nil {
		if len(p.diags) == 0 {
			p.diags = diag.List{diag.At(file, 1, 0,
				"tệp cấu hình trống; hãy ghi ít nhất title, organization, districts, categories và platforms",
				"the configuration file is empty; give at least title, organization, districts, categories and platforms")}
		}
		return nil, p.diags
	}
	c := &Config{
		Language:         "vi",
		Theme:            "default",
		OverdueAfterDays: 15,
		Reports: Reports{Every: period.Month, DueDay: 5, PeriodStartDay: 1,
			CloseAfterDays: DefaultCloseAfterDays, NumberFormat: DefaultNumberFormat},
	}
	f, diags := strictyaml.Fields(file, root, topFields)
	p.add(diags)
	if f != nil {
		p.top(c, root, f)
	}
	if c.DistrictLabel == "" {
		c.DistrictLabel = "Huyện, thị xã, thành phố"
		if c.Language != "vi" {
			c.DistrictLabel = "District"
		}
	}
	if len(p.diags) == 0 {
		if err := c.Prepare(); err != nil {
			// Parse checked every collision with its place; this is a
			// bug, but still not a reason to crash.
			p.diags = append(p.diags, diag.At(file, 0, 0, err.Error(), err.Error()))
		}
	}
	p.diags.Sort()
	return c, compact(p.diags)
}

// compact drops the diags given twice: Decode and Fields both report a
// key given twice.
func compact(l diag.List) diag.List {
	out := l[:0]
	for i, d := range l {
		if i == 0 || d != l[i-1] {
			out = append(out, d)
		}
	}
	return out
}

func (p *parser) top(c *Config, root *yaml.Node, f map[string]*yaml.Node) {
	c.Title = p.required(root, f, "title")
	c.Organization = p.required(root, f, "organization")
	if n := f["language"]; !strictyaml.IsNull(n) {
		if lang, ok := p.strOK("language", n); languageCode(lang) {
			c.Language = lang
		} else if ok {
			p.at(n, fmt.Sprintf("language nhận vi, en hoặc mã của một ngôn ngữ mà giao diện có tệp i18n/MÃ.yaml (như fr), không nhận %q", lang),
				fmt.Sprintf("language takes vi, en or the code of a language the theme has an i18n/CODE.yaml for (such as fr), not %q", lang))
		}
	}
	if n := f["theme"]; !strictyaml.IsNull(n) {
		if s, ok := p.strOK("theme", n); validName(s) {
			c.Theme = s
		} else if ok {
			p.at(n, fmt.Sprintf("theme là tên một thư mục trong themes/ (chữ, số, dấu - _ .), không có dấu / hay \\, nhưng ở đây là %q", s),
				fmt.Sprintf("theme is the name of a folder under themes/ (letters, digits, - _ .), without / or \\, but found %q", s))
		}
	}
	if n := f["as_of"]; !strictyaml.IsNull(n) {
		if s := p.str("as_of", n); s != "" {
			d, err := period.ParseDate(s)
			if err == nil && !d.InWindow() {
				p.at(n, fmt.Sprintf("as_of %s nằm ngoài các năm %d–%d mà dữ liệu được phép có; hãy kiểm tra năm", s, period.FirstYear, period.LastYear),
					fmt.Sprintf("as_of %s is outside the years %d–%d the data may fall in; check the year", s, period.FirstYear, period.LastYear))
			} else if err != nil || len(s) != 10 || s[4] != '-' {
				p.at(n, fmt.Sprintf("as_of cần một ngày dạng YYYY-MM-DD có trên lịch (ví dụ 2022-06-30), hoặc để trống, nhưng ở đây là %q", s),
					fmt.Sprintf("as_of needs a calendar date written YYYY-MM-DD (for example 2022-06-30), or nothing, but found %q", s))
			} else {
				c.AsOf = d
			}
		}
	}
	if n := f["overdue_after_days"]; n != nil {
		c.OverdueAfterDays = p.intIn("overdue_after_days", n, 0, 3650, c.OverdueAfterDays)
	}
	if n := f["district_label"]; n != nil {
		c.DistrictLabel = p.str("district_label", n)
	}
	if n := f["reports"]; !strictyaml.IsNull(n) {
		p.reports(&c.Reports, n)
	}
	if n := f["publish"]; !strictyaml.IsNull(n) {
		pf, diags := strictyaml.Fields(p.file, n, publishFields)
		p.add(diags)
		if v := pf["post_links"]; v != nil {
			b, diags := strictyaml.Bool(p.file, "post_links", v)
			p.add(diags)
			c.Publish.PostLinks = b
		}
	}
	if n := f["map"]; !strictyaml.IsNull(n) {
		p.boundary(&c.Map, n)
	}
	c.Districts = p.districts(root, f["districts"])
	c.Categories = p.items("categories", root, f["categories"], true)
	c.Platforms = p.items("platforms", root, f["platforms"], true)
	c.Metrics = p.items("metrics", root, f["metrics"], false)
	if n := f["former_names"]; !strictyaml.IsNull(n) {
		c.FormerNames = p.formerNames(n)
	}
	if n := f["referral_bodies"]; !strictyaml.IsNull(n) {
		c.Referrals = p.referrals(root, n)
	}
}

func (p *parser) reports(r *Reports, n *yaml.Node) {
	f, diags := strictyaml.Fields(p.file, n, reportsFields)
	p.add(diags)
	if f == nil {
		return
	}
	if v := f["every"]; v != nil {
		s, ok := p.strOK("every", v)
		if k, known := period.ParseKind(s); known {
			r.Every = k
		} else if ok {
			p.at(v, fmt.Sprintf("reports.every chỉ nhận month (hằng tháng) hoặc quarter (hằng quý), không nhận %q", s),
				fmt.Sprintf("reports.every takes month or quarter, not %q", s))
		}
	}
	if v := f["due_day"]; v != nil {
		r.DueDay = p.intIn("due_day", v, 1, 28, r.DueDay)
	}
	if v := f["period_start_day"]; v != nil {
		r.PeriodStartDay = p.intIn("period_start_day", v, 1, 28, r.PeriodStartDay)
	}
	if v := f["close_after_days"]; v != nil {
		r.CloseAfterDays = p.intIn("close_after_days", v, 0, 366, r.CloseAfterDays)
	}
	if v := f["number_format"]; !strictyaml.IsNull(v) {
		s, ok := p.strOK("number_format", v)
		if ok && !strings.Contains(s, "{seq}") {
			p.at(v, fmt.Sprintf("reports.number_format cần có {seq}, chỗ điền số thứ tự của báo cáo (ví dụ \"{seq}/BC-STTTT\"), nhưng ở đây là %q", s),
				fmt.Sprintf("reports.number_format needs {seq}, where the report's sequence number goes (for example \"{seq}/BC-STTTT\"), but found %q", s))
		} else if bad := unknownPlace(s); ok && bad != "" {
			p.at(v, fmt.Sprintf("reports.number_format chỉ có thể chứa {seq} và {year}, không có %s", bad),
				fmt.Sprintf("reports.number_format may hold only {seq} and {year}, not %s", bad))
		} else if ok {
			r.NumberFormat = s
		}
	}
	if v := f["place"]; !strictyaml.IsNull(v) {
		r.Place = p.str("place", v)
	}
	if v := f["parent"]; !strictyaml.IsNull(v) {
		r.Parent = p.str("parent", v)
	}
	if v := f["signer"]; !strictyaml.IsNull(v) {
		r.Signer = p.signer(v)
	}
	if v := f["recipients"]; !strictyaml.IsNull(v) {
		items, diags := strictyaml.StringList(p.file, "recipients", v)
		p.add(diags)
		for j, it := range items {
			if j < len(v.Content) {
				p.add(strictyaml.Private(p.file, v.Content[j], "recipients", it, true))
			}
		}
		r.Recipients = items
	}
}

// signer reads reports.signer: authority and title optional, name required.
func (p *parser) signer(n *yaml.Node) Signer {
	f, diags := strictyaml.Fields(p.file, n, signerFields)
	p.add(diags)
	if f == nil {
		return Signer{}
	}
	var s Signer
	if v := f["authority"]; !strictyaml.IsNull(v) {
		s.Authority = p.str("authority", v)
	}
	if v := f["title"]; !strictyaml.IsNull(v) {
		s.Title = p.str("title", v)
	}
	s.Name = p.required(n, f, "name")
	return s
}

// unknownPlace returns the first {place} of s other than {seq} and
// {year}, or "".
func unknownPlace(s string) string {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return ""
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return s[i:]
		}
		if w := s[i : i+j+1]; w != "{seq}" && w != "{year}" {
			return w
		}
		s = s[i+j+1:]
	}
}

func (p *parser) str(field string, n *yaml.Node) string {
	s, _ := p.strOK(field, n)
	return s
}

// strOK is str that also says whether the node was text, so that a
// value check does not pile a second message on the first.
func (p *parser) strOK(field string, n *yaml.Node) (string, bool) {
	s, diags := strictyaml.String(p.file, field, n)
	p.add(diags)
	if k := utf8.RuneCountInString(s); k > MaxText {
		p.at(n, fmt.Sprintf("trường %s dài %d ký tự, quá mức tối đa %d; hãy rút gọn", field, k, MaxText),
			fmt.Sprintf("%s is %d characters long, more than the %d allowed; shorten it", field, k, MaxText))
		return "", false
	}
	// Names and titles are published on every page. Web addresses are
	// the Department's own choice here, not a post about a child.
	p.add(strictyaml.Private(p.file, n, field, s, true))
	return s, len(diags) == 0
}

// required reads a text field that must be there and not be empty.
func (p *parser) required(m *yaml.Node, f map[string]*yaml.Node, field string) string {
	n := f[field]
	if n == nil {
		p.diags = append(p.diags, strictyaml.Missing(p.file, m, field))
		return ""
	}
	s, ok := p.strOK(field, n)
	if s == "" && ok {
		p.at(n, fmt.Sprintf("trường %q không được để trống; hãy điền", field),
			fmt.Sprintf("%q must not be empty; fill it in", field))
	}
	return s
}

// intIn reads an integer in [lo, hi], keeping def when it is wrong.
func (p *parser) intIn(field string, n *yaml.Node, lo, hi int64, def int) int {
	v, diags := strictyaml.Int(p.file, field, n)
	if len(diags) > 0 {
		p.add(diags)
		return def
	}
	if v < lo || v > hi {
		p.at(n, fmt.Sprintf("%s phải từ %d đến %d, không phải %d", field, lo, hi, v),
			fmt.Sprintf("%s must be from %d to %d, not %d", field, lo, hi, v))
		return def
	}
	return int(v)
}

// name is a matching name read at a place, for the collision checks.
type name struct {
	text string
	n    *yaml.Node
	item int
}

// names checks that no two items of a list share a matching name; an
// item may give the same name twice (short = name).
type names struct {
	p    *parser
	list string
	seen map[string]name
}

// add reports whether nm is free to use.
func (ns *names) add(nm name) bool {
	k := vntext.Key(nm.text)
	if k == "" {
		return true
	}
	prev, ok := ns.seen[k]
	if !ok {
		ns.seen[k] = nm
		return true
	}
	if prev.item == nm.item {
		return true
	}
	ns.p.at(nm.n,
		fmt.Sprintf("%q trùng với %q ở dòng %d (một mục khác trong %s); mỗi tên, mã hay tên gọi khác chỉ được dùng cho một mục, hãy sửa hoặc xóa một trong hai", nm.text, prev.text, prev.n.Line, ns.list),
		fmt.Sprintf("%q is the same name as %q on line %d (another entry of %s); a name, code or alias may belong to one entry only: change or remove one of them", nm.text, prev.text, prev.n.Line, ns.list))
	return false
}

func (p *parser) districts(root, n *yaml.Node) []District {
	if strictyaml.IsNull(n) {
		p.diags = append(p.diags, strictyaml.Missing(p.file, root, "districts"))
		return nil
	}
	items, diags := strictyaml.Seq(p.file, "districts", n)
	p.add(diags)
	if len(diags) == 0 && len(items) == 0 {
		p.at(n, "districts cần ít nhất một đơn vị", "districts needs at least one unit")
	}
	if len(items) > MaxUnits {
		p.at(n, fmt.Sprintf("districts có %d đơn vị, nhiều hơn mức tối đa %d của một trang; hãy chia thành nhiều trang (mỗi tỉnh một trang)", len(items), MaxUnits),
			fmt.Sprintf("districts lists %d units, more than the %d a site may have; make one site per province", len(items), MaxUnits))
		return nil
	}
	ns := names{p: p, list: "districts", seen: map[string]name{}}
	codes := map[string]*yaml.Node{}
	slugs := map[string]*yaml.Node{}
	tiles := map[[2]int]*yaml.Node{}
	successors := map[int]*yaml.Node{} // now_part_of, by its unit's place in out
	var out []District
	for i, it := range items {
		f, diags := strictyaml.Fields(p.file, it, districtFields)
		p.add(diags)
		if f == nil {
			continue
		}
		var d District
		d.Code = p.required(it, f, "code")
		if d.Code != "" {
			if !validCode(d.Code) {
				p.at(f["code"], fmt.Sprintf("mã đơn vị %q chỉ được gồm chữ, số và dấu - (ví dụ \"794\")", d.Code),
					fmt.Sprintf("the unit code %q may hold only letters, digits and - (for example \"794\")", d.Code))
			} else if prev, ok := codes[d.Code]; ok {
				p.at(f["code"], fmt.Sprintf("mã %q đã dùng cho đơn vị ở dòng %d; mỗi đơn vị một mã riêng", d.Code, prev.Line),
					fmt.Sprintf("the code %q is already used by the unit on line %d; each unit has its own code", d.Code, prev.Line))
			} else {
				codes[d.Code] = f["code"]
				ns.add(name{d.Code, f["code"], i})
			}
		}
		// A short name that is another unit's name is reported once, not
		// again as the same page address.
		free := true
		d.Name = p.required(it, f, "name")
		if d.Name != "" {
			free = ns.add(name{d.Name, f["name"], i})
		}
		d.Short = d.Name
		if v := f["short"]; v != nil {
			if s := p.str("short", v); s != "" {
				d.Short = s
				free = ns.add(name{s, v, i})
			}
		}
		if d.Short != "" && free {
			pos := f["short"]
			if pos == nil {
				pos = f["name"]
			}
			if slug := vntext.Slug(d.Short); slug == "" {
				p.at(pos, fmt.Sprintf("tên ngắn %q không tạo được đường dẫn trang (cần có chữ hoặc số)", d.Short),
					fmt.Sprintf("the short name %q gives no page address (it needs letters or digits)", d.Short))
			} else if prev, ok := slugs[slug]; ok {
				p.at(pos, fmt.Sprintf("tên ngắn %q cho cùng đường dẫn trang districts/%s với đơn vị ở dòng %d; hãy đặt tên ngắn khác", d.Short, slug, prev.Line),
					fmt.Sprintf("the short name %q gives the same page address districts/%s as the unit on line %d; choose another short name", d.Short, slug, prev.Line))
			} else {
				slugs[slug] = pos
			}
		}
		if v := f["aliases"]; v != nil {
			d.Aliases, diags = strictyaml.StringList(p.file, "aliases", v)
			p.add(diags)
			for j, a := range d.Aliases {
				p.add(strictyaml.Private(p.file, v.Content[j], "aliases", a, true))
				ns.add(name{a, v.Content[j], i})
			}
		}
		if v := f["tile"]; v != nil {
			p.tile(&d, v, tiles)
		}
		if v := f["population"]; !strictyaml.IsNull(v) {
			pop, diags := strictyaml.Int(p.file, "population", v)
			p.add(diags)
			if len(diags) == 0 && pop <= 0 {
				p.at(v, "population phải là số dân lớn hơn 0, hoặc bỏ trường này", "population must be a number of people above 0, or leave the field out")
			} else {
				d.Population = pop
			}
		}
		if v := f["group"]; !strictyaml.IsNull(v) {
			d.Group = p.str("group", v)
			p.add(strictyaml.Private(p.file, v, "group", d.Group, true))
		}
		d.Dates = p.dates(f)
		if v := f["now_part_of"]; !strictyaml.IsNull(v) {
			codes, diags := strictyaml.StringList(p.file, "now_part_of", v)
			p.add(diags)
			d.NowPartOf = codes
			if d.Until.IsZero() {
				p.at(v, "now_part_of cần until: ngày cuối cùng đơn vị còn tồn tại (ví dụ 2025-06-30)",
					"now_part_of needs until: the last day the unit existed (for example 2025-06-30)")
			}
			successors[len(out)] = v
		}
		out = append(out, d)
	}
	p.successors(out, successors)
	return out
}

// successors checks now_part_of: each code names another unit of the list,
// one that exists after the former unit ended.
func (p *parser) successors(units []District, nodes map[int]*yaml.Node) {
	byCode := make(map[string]District, len(units))
	for _, d := range units {
		byCode[d.Code] = d
	}
	for i, d := range units {
		n := nodes[i]
		for j, code := range d.NowPartOf {
			at := n
			if j < len(n.Content) {
				at = n.Content[j]
			}
			s, ok := byCode[code]
			switch {
			case !ok:
				p.at(at, fmt.Sprintf("now_part_of: mã %s không phải một đơn vị trong danh sách districts", code),
					fmt.Sprintf("now_part_of: code %s is not a unit of districts", code))
			case code == d.Code:
				p.at(at, "now_part_of không thể là chính đơn vị này", "now_part_of cannot name the unit itself")
			case !d.Until.IsZero() && !s.In(d.Until.AddDays(1)):
				p.at(at, fmt.Sprintf("now_part_of: %s (%s) không tồn tại ngày %s, sau khi đơn vị này kết thúc", code, s.Name, d.Until.AddDays(1).VN()),
					fmt.Sprintf("now_part_of: %s (%s) does not exist on %s, after this unit ended", code, s.Name, d.Until.AddDays(1).VN()))
			}
		}
	}
}

// dates reads the optional since and until of an entry.
func (p *parser) dates(f map[string]*yaml.Node) Dates {
	var d Dates
	d.Since, _ = p.optDate(f, "since")
	d.Until, _ = p.optDate(f, "until")
	if !d.Since.IsZero() && !d.Until.IsZero() && d.Until < d.Since {
		p.at(f["until"], "until trước since", "until is before since")
	}
	return d
}

// optDate reads an optional date field written YYYY-MM-DD.
func (p *parser) optDate(f map[string]*yaml.Node, field string) (period.Date, bool) {
	v := f[field]
	if strictyaml.IsNull(v) {
		return 0, false
	}
	s := p.str(field, v)
	day, err := period.ParseDate(s)
	if err != nil || len(s) != 10 || !day.InWindow() {
		p.at(v, fmt.Sprintf("%s cần một ngày dạng YYYY-MM-DD, như 2025-07-01, nhưng ở đây là %q", field, s),
			fmt.Sprintf("%s needs a date written YYYY-MM-DD, such as 2025-07-01, but found %q", field, s))
		return 0, false
	}
	return day, true
}

func (p *parser) tile(d *District, v *yaml.Node, tiles map[[2]int]*yaml.Node) {
	bad := func() {
		p.at(v, fmt.Sprintf("tile cần hai số [hàng, cột], mỗi số từ 0 đến %d (ví dụ [2, 4])", maxTile-1),
			fmt.Sprintf("tile needs two numbers [row, column], each from 0 to %d (for example [2, 4])", maxTile-1))
	}
	if v.Kind != yaml.SequenceNode || len(v.Content) != 2 {
		bad()
		return
	}
	var rc [2]int
	for i, c := range v.Content {
		x, diags := strictyaml.Int(p.file, "tile", c)
		if len(diags) > 0 || x < 0 || x >= maxTile {
			bad()
			return
		}
		rc[i] = int(x)
	}
	if prev, ok := tiles[rc]; ok {
		p.at(v, fmt.Sprintf("ô [%d, %d] đã dành cho đơn vị ở dòng %d; mỗi đơn vị một ô riêng", rc[0], rc[1], prev.Line),
			fmt.Sprintf("the tile [%d, %d] is already taken by the unit on line %d; each unit needs its own tile", rc[0], rc[1], prev.Line))
		return
	}
	tiles[rc] = v
	d.Tile, d.HasTile = rc, true
}

func (p *parser) items(list string, root, n *yaml.Node, required bool) []Item {
	return p.itemsWith(list, root, n, required, nil, nil)
}

// itemsWith reads a list of key and name entries that may have the extra
// fields too; each, when not nil, reads them from the fields of every
// entry returned, in order.
func (p *parser) itemsWith(list string, root, n *yaml.Node, required bool, extra []string, each func(f map[string]*yaml.Node)) []Item {
	if strictyaml.IsNull(n) {
		if required {
			p.diags = append(p.diags, strictyaml.Missing(p.file, root, list))
		}
		return nil
	}
	seq, diags := strictyaml.Seq(p.file, list, n)
	p.add(diags)
	if required && len(diags) == 0 && len(seq) == 0 {
		p.at(n, fmt.Sprintf("%s cần ít nhất một mục", list), fmt.Sprintf("%s needs at least one entry", list))
	}
	if len(seq) > MaxItems {
		p.at(n, fmt.Sprintf("%s có %d mục, nhiều hơn mức tối đa %d", list, len(seq), MaxItems),
			fmt.Sprintf("%s lists %d entries, more than the %d allowed", list, len(seq), MaxItems))
		return nil
	}
	ns := names{p: p, list: list, seen: map[string]name{}}
	var out []Item
	fields := append(slices.Clip(itemFields), extra...)
	for i, it := range seq {
		f, diags := strictyaml.Fields(p.file, it, fields)
		p.add(diags)
		if f == nil {
			continue
		}
		if each != nil {
			each(f)
		}
		var item Item
		item.Key = p.required(it, f, "key")
		if item.Key != "" {
			if !validKey(item.Key) {
				p.at(f["key"], fmt.Sprintf("key %q chỉ được gồm chữ thường không dấu, số, dấu - và _, bắt đầu bằng chữ hoặc số, tối đa 64 ký tự (ví dụ child-violence)", item.Key),
					fmt.Sprintf("the key %q may hold only lower-case ASCII letters, digits, - and _, starting with a letter or digit, at most 64 (for example child-violence)", item.Key))
			}
			ns.add(name{item.Key, f["key"], i})
		}
		item.Name = p.required(it, f, "name")
		if item.Name != "" {
			ns.add(name{item.Name, f["name"], i})
		}
		out = append(out, item)
	}
	return out
}

// validKey is the form of category, platform and metric keys: they become
// folder names in the site (categories/child-violence/) and CSV values.
func validKey(s string) bool {
	if len(s) == 0 || len(s) > 64 || s[0] == '-' || s[0] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// validCode is the form of a unit code: it names the unit in CSV files.
func validCode(s string) bool {
	if len(s) == 0 || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// validName is a theme folder name: one path element, not hidden.
func validName(s string) bool {
	if s == "" || s[0] == '.' || len(s) > 64 {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.')
	})
}

// languageCode reports whether s is a language code a theme file can be
// named for: two or three lower-case letters ("vi", "en", "fr", "khm").
func languageCode(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// boundary reads map: a file name, or file and code_property.
func (p *parser) boundary(m *Map, n *yaml.Node) {
	m.Line, m.CodeProperty = n.Line, "code"
	fileNode := n
	if n.Kind == yaml.MappingNode {
		f, diags := strictyaml.Fields(p.file, n, mapFields)
		p.add(diags)
		fileNode = f["file"]
		if v := f["code_property"]; !strictyaml.IsNull(v) {
			if s := p.str("code_property", v); s != "" {
				m.CodeProperty = s
			}
		}
		if strictyaml.IsNull(fileNode) {
			p.at(n, "map cần file: đường dẫn tới tệp ranh giới GeoJSON, như ban-do/tinh.geojson",
				"map needs file: the path of the GeoJSON boundary file, such as ban-do/tinh.geojson")
			return
		}
	}
	s, ok := p.strOK("map", fileNode)
	if !ok {
		return
	}
	if clean := path.Clean(s); s == "" || strings.Contains(s, "\\") || path.IsAbs(s) || clean != s || clean == ".." || strings.HasPrefix(clean, "../") {
		p.at(fileNode, fmt.Sprintf("map.file là đường dẫn trong thư mục trang, viết bằng dấu /, như ban-do/tinh.geojson, nhưng ở đây là %q", s),
			fmt.Sprintf("map.file is a path inside the site folder written with /, such as ban-do/tinh.geojson, but found %q", s))
		return
	}
	m.File = s
}

// referrals reads referral_bodies: key and name, and the optional days the
// body takes cases from and until.
func (p *parser) referrals(root, n *yaml.Node) []Referral {
	var dates []Dates // each item's, in the order of the items
	items := p.itemsWith("referral_bodies", root, n, true, []string{"since", "until"}, func(f map[string]*yaml.Node) {
		dates = append(dates, p.dates(f))
	})
	out := make([]Referral, len(items))
	for i, it := range items {
		out[i] = Referral{Item: it, Dates: dates[i]}
	}
	return out
}

// formerNames reads former_names: the organisation's earlier names, each
// with until, in the order they were used.
func (p *parser) formerNames(n *yaml.Node) []FormerName {
	seq, diags := strictyaml.Seq(p.file, "former_names", n)
	p.add(diags)
	var out []FormerName
	for _, it := range seq {
		f, diags := strictyaml.Fields(p.file, it, []string{"name", "until"})
		p.add(diags)
		if f == nil {
			continue
		}
		name := p.required(it, f, "name")
		until, ok := p.optDate(f, "until")
		if f["until"] == nil {
			p.diags = append(p.diags, strictyaml.Missing(p.file, it, "until"))
		}
		if name == "" || !ok {
			continue
		}
		p.add(strictyaml.Private(p.file, f["name"], "name", name, true))
		if len(out) > 0 && until <= out[len(out)-1].Until {
			p.at(f["until"], "former_names theo thứ tự thời gian: until phải sau tên trước đó", "former_names go oldest first: until must come after the previous name's")
		}
		out = append(out, FormerName{Name: name, Until: until})
	}
	return out
}
