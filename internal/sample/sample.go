// Package sample writes a complete, valid example site of any size:
// site.yaml, monthly district reports under data/ and a directive under
// content/. The data has the mess real exports have (day-first dates,
// districts by alias or code, names instead of keys, BOM, CRLF and NFD
// files, late and missing reports, cases reported again with a newer
// status) and is the same byte for byte for the same options.
package sample

import (
	"cmp"
	"container/heap"
	"errors"
	"fmt"
	"io/fs"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"giamsat/internal/period"
)

// Options say what to generate.
type Options struct {
	Cases     int   // unique cases across data/
	Seed      int64 // the same seed writes the same site
	Years     int   // of monthly reports; default 3
	FromYear  int   // the first report is for January of this year; default 2022
	Districts int   // 0: Long An's 15; fewer: the first ones; more: made-up ones after
	// Units above 0 makes a province after the 2025 reform instead: that
	// many communes and wards with five-digit codes, reporting through 2026
	// unless Years and FromYear say otherwise.
	Units int
	// Reform, when set, makes a province that changes on that day from its
	// districts (which end the day before, each naming the communes that
	// took it over) to its communes (Units of them; default three a
	// district), reporting the year before the reform and the year of it.
	Reform period.Date
	Force  bool // overwrite files that exist
}

func (o Options) withDefaults() (Options, error) {
	if o.Years == 0 {
		switch {
		case !o.Reform.IsZero():
			o.Years = 2
		case o.Units > 0:
			o.Years = 1 // 2026, the first whole year after the reform
		default:
			o.Years = 3
		}
	}
	if o.FromYear == 0 {
		switch {
		case !o.Reform.IsZero():
			o.FromYear = o.Reform.Year() - 1
		case o.Units > 0:
			o.FromYear = 2026
		default:
			o.FromYear = 2022
		}
	}
	if o.Districts == 0 {
		o.Districts = len(longAn())
	}
	switch {
	case o.Cases < 0:
		return o, errors.New("sample: the number of cases cannot be negative")
	case o.Years < 0 || o.Years > 100:
		return o, fmt.Errorf("sample: %d years: give 1 to 100", o.Years)
	case o.FromYear < 1000 || o.FromYear+o.Years > 9999:
		return o, fmt.Errorf("sample: years from %d: give a four-digit year", o.FromYear)
	case o.Districts < 0 || o.Districts > 100_000:
		return o, fmt.Errorf("sample: %d districts: give 1 to 100000", o.Districts)
	case o.Units < 0 || o.Units > 1000:
		return o, fmt.Errorf("sample: %d units: give 1 to 1000", o.Units)
	}
	return o, nil
}

// Write writes the site into dir. Unless opt.Force, it writes nothing when
// any file it would write exists already, and says which.
func Write(dir string, opt Options) error {
	opt, err := opt.withDefaults()
	if err != nil {
		return err
	}
	p := newPlan(opt)
	if !opt.Force {
		for _, f := range p.files() {
			if _, err := os.Lstat(filepath.Join(dir, f)); err == nil {
				return fmt.Errorf("sample: %s already exists; choose an empty folder or overwrite with --force (tệp đã có; hãy chọn thư mục trống hoặc dùng --force để ghi đè)", filepath.Join(dir, f))
			} else if !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("sample: %w", err)
			}
		}
	}
	for _, f := range []struct{ name, text string }{
		{"site.yaml", siteYAML(p.districts, p.opt.Units > 0 || !p.opt.Reform.IsZero())},
		{"content/_index.md", p.indexMD()},
		{"content/directives/" + directiveSlug + ".md", directiveMD},
		{boundaryFile, boundaries(p.districts, opt.Seed)},
	} {
		if err := writeFile(filepath.Join(dir, f.name), []byte(f.text), opt.Force); err != nil {
			return err
		}
	}
	prov, err := p.writeDistricts(dir)
	if err != nil {
		return err
	}
	if p.hasProvince() {
		w := &writer{st: style{crlf: true}}
		w.b = append(w.b, "# Trích xuất toàn bộ vụ việc từ hệ thống theo dõi của Sở, ngày "+period.DateOf(p.provAt).VN()+"\n"...)
		w.line(0, "export", "")
		w.line(2, "unit", scalar(p.department()))
		w.line(2, "exported_at", period.FormatTime(p.provAt))
		w.line(0, "cases", "")
		for _, b := range prov {
			w.b = append(w.b, b...)
		}
		if err := writeFile(filepath.Join(dir, p.provFile()), w.bytes(), opt.Force); err != nil {
			return err
		}
	}
	return nil
}

// plan is everything decided before any case is made: how many cases each
// district detects each month, and when (or whether) each report is sent.
type plan struct {
	opt       Options
	districts []district
	months    []period.Period
	counts    [][]int  // [district][month] cases detected
	sched     [][]slot // [district][month] the month's report

	// One full export from the Department's case system: the cases the
	// first few districts detected in one month, as they stood weeks later.
	provMonth     int
	provDistricts int
	provAt        time.Time
}

func (p *plan) indexMD() string {
	if p.opt.Units > 0 && p.opt.Reform.IsZero() {
		return indexCommunalMD
	}
	return indexMD
}

// department is the body whose case system the provincial export comes
// from: before the 2025 reform the Inspectorate of the Department of
// Information and Communications; after it, the Department of Culture,
// Sports and Tourism, which took over the management of online information.
func (p *plan) department() string {
	if p.opt.Units > 0 && (p.opt.Reform.IsZero() || period.DateOf(p.provAt) >= p.opt.Reform) {
		return "Sở Văn hóa, Thể thao và Du lịch tỉnh Tây Ninh"
	}
	return "Thanh tra Sở Thông tin và Truyền thông tỉnh Long An"
}

// inForce reports whether unit d existed in month m.
func (p *plan) inForce(d, m int) bool {
	first, last := p.months[m].Span(1)
	u := p.districts[d]
	return (u.Since.IsZero() || last >= u.Since) && (u.Until.IsZero() || first <= u.Until)
}

// slot is one monthly report.
type slot struct {
	at      time.Time
	bare    bool // exported_at written as a date alone (midnight)
	missing bool
}

func newPlan(opt Options) *plan {
	p := &plan{opt: opt, districts: districts(opt.Districts)}
	switch {
	case !opt.Reform.IsZero():
		p.districts = reformed(p.districts, opt.Units, opt.Reform)
	case opt.Units > 0:
		p.districts = communes(opt.Units)
	}
	for per := (period.Period{Kind: period.Month, Year: opt.FromYear, N: 1}); len(p.months) < 12*opt.Years; per = per.Next() {
		p.months = append(p.months, per)
	}
	p.allocate()
	p.sched = make([][]slot, len(p.districts))
	for i := range p.districts {
		p.sched[i] = p.schedule(i)
	}
	p.provMonth = len(p.months) / 2
	p.provDistricts = min(4, len(p.districts))
	_, last := p.months[p.provMonth].Next().Span(1)
	p.provAt = last.Midnight().Add(16*time.Hour + 30*time.Minute)
	return p
}

// rng returns the random source of one stream of decisions, so that each
// district can be generated on its own, in any order, in parallel.
func (p *plan) rng(stream, index int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(p.opt.Seed), uint64(stream)<<32|uint64(index)))
}

const (
	streamAllocate = iota + 1
	streamSchedule
	streamCases
)

// allocate spreads exactly opt.Cases cases over districts and months, in
// proportion to random weights: larger districts and later years detect
// more, summer more than Tết, and a few months nothing at all.
func (p *plan) allocate() {
	r := p.rng(streamAllocate, 0)
	nd, nm := len(p.districts), len(p.months)
	weights := make([]uint64, nd*nm)
	var total uint64
	for d := range p.districts {
		size := float64(p.districts[d].Size) * (0.7 + 0.6*r.Float64())
		for m, per := range p.months {
			w := size * (1 + 0.12*float64(m/12)) * (0.6 + 0.8*r.Float64())
			switch per.N {
			case 6, 7, 8:
				w *= 1.2
			case 2:
				w *= 0.8
			}
			if r.IntN(100) < 4 || !p.inForce(d, m) {
				w = 0
			}
			weights[d*nm+m] = uint64(w * 1000)
			total += weights[d*nm+m]
		}
	}
	if total == 0 {
		weights[0], total = 1, 1
	}
	// Cumulative rounding: the counts add up to exactly opt.Cases.
	p.counts = make([][]int, nd)
	var cum, prev uint64
	for d := range p.districts {
		p.counts[d] = make([]int, nm)
		for m := range nm {
			cum += weights[d*nm+m]
			hi, lo := bits.Mul64(uint64(p.opt.Cases), cum)
			upto, _ := bits.Div64(hi, lo, total)
			p.counts[d][m] = int(upto - prev)
			prev = upto
		}
	}
}

// schedule decides when district d sends each monthly report: mostly by
// the due day (the 5th of the next month), some late, a few never. The
// last one is always sent, so every case is reported at least once.
func (p *plan) schedule(d int) []slot {
	r := p.rng(streamSchedule, d)
	s := make([]slot, len(p.months))
	lastMonth := len(p.months) - 1
	for lastMonth > 0 && !p.inForce(d, lastMonth) {
		lastMonth--
	}
	for m, per := range p.months {
		_, last := per.Span(1)
		var day int
		switch x := r.IntN(100); {
		case !p.inForce(d, m):
			s[m].missing = true // not owed: the unit did not exist
			continue
		case x < 3 && m < lastMonth:
			s[m].missing = true
			continue
		case x < 13:
			day = 8 + r.IntN(13)
		default:
			day = 1 + r.IntN(5)
		}
		at := last.AddDays(day).Midnight()
		if r.IntN(100) < 5 {
			s[m].bare = true
		} else {
			at = at.Add(time.Duration(7+r.IntN(10))*time.Hour + time.Duration(r.IntN(60))*time.Minute)
		}
		s[m].at = at
	}
	return s
}

// reportFile is where district d's report for month m goes.
func (p *plan) reportFile(d, m int) string {
	per := p.months[m]
	return "data/" + strconv.Itoa(per.Year) + "/" + p.districts[d].Slug + "/" + per.String() + ".yaml"
}

func (p *plan) provFile() string {
	return "data/toan-tinh/trich-xuat-" + period.DateOf(p.provAt).String() + ".yaml"
}

func (p *plan) hasProvince() bool {
	for d := range p.provDistricts {
		if p.counts[d][p.provMonth] > 0 {
			return true
		}
	}
	return false
}

// files lists every file Write writes, relative to the site folder.
func (p *plan) files() []string {
	files := []string{"site.yaml", "content/_index.md", "content/directives/" + directiveSlug + ".md", boundaryFile}
	for d := range p.districts {
		for m := range p.months {
			if !p.sched[d][m].missing {
				files = append(files, p.reportFile(d, m))
			}
		}
	}
	if p.hasProvince() {
		files = append(files, p.provFile())
	}
	return files
}

// writeDistricts writes every district's reports, districts in parallel,
// and returns each one's part of the province export.
func (p *plan) writeDistricts(dir string) ([][]byte, error) {
	prov := make([][]byte, len(p.districts))
	errs := make([]error, len(p.districts))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for d := range next {
				prov[d], errs[d] = p.writeDistrict(dir, d)
			}
		})
	}
	for d := range p.districts {
		next <- d
	}
	close(next)
	wg.Wait()
	return prov, errors.Join(errs...)
}

// writeDistrict makes up district d's cases month by month and writes its
// reports. A case goes into the first report sent after it was detected,
// and again into the first report sent after each change of its status,
// so only the cases still open are held in memory.
func (p *plan) writeDistrict(dir string, di int) (prov []byte, err error) {
	d := &p.districts[di]
	r := p.rng(streamCases, di)
	var pending queue
	seq, n := 0, 0
	provDay := period.DateOf(p.provAt)
	for m, per := range p.months {
		if per.N == 1 {
			n = 0 // case numbers start again each year
		}
		first, last := per.Span(1)
		days := make([]int, p.counts[di][m])
		for i := range days {
			days[i] = r.IntN(last.Sub(first) + 1)
		}
		slices.Sort(days)
		for _, day := range days {
			seq++
			n++
			id := fmt.Sprintf("%s-%d-%04d", d.Prefix, per.Year, n)
			s := newStory(r, seq, id, first.AddDays(day), d, p.opt.Reform)
			s.next = s.detected
			heap.Push(&pending, s)
			if m == p.provMonth && di < p.provDistricts {
				w := &writer{}
				w.record(s, provDay, d.Code)
				prov = append(prov, w.b...)
			}
		}
		sl := p.sched[di][m]
		if sl.missing {
			continue
		}
		day := period.DateOf(sl.at)
		var due []*story
		for len(pending) > 0 && pending[0].next <= day {
			due = append(due, heap.Pop(&pending).(*story))
		}
		slices.SortFunc(due, func(a, b *story) int { return cmp.Compare(a.seq, b.seq) })
		if err := p.writeReport(dir, r, di, m, day, due); err != nil {
			return nil, err
		}
		for _, s := range due {
			if s.next = s.changeAfter(day); !s.next.IsZero() {
				heap.Push(&pending, s)
			}
		}
	}
	return prov, nil
}

// writeReport writes district d's report for month m, sent on day, with
// the cases due in it.
func (p *plan) writeReport(dir string, r *rand.Rand, di, m int, day period.Date, due []*story) error {
	d := &p.districts[di]
	sl := p.sched[di][m]
	w := &writer{st: reportStyle(r, d)}
	unit := "Phòng Văn hóa và Thông tin " + d.unit()
	if r.IntN(100) < 20 {
		unit = "Phòng VH&TT " + d.unit()
	}
	if p.opt.Units > 0 {
		unit = "Phòng Văn hóa - Xã hội " + d.unit()
		if r.IntN(100) < 20 {
			unit = "UBND " + d.unit()
		}
	}
	if r.IntN(100) < 30 {
		w.b = append(w.b, "# Báo cáo kết quả giám sát tháng "+strconv.Itoa(p.months[m].N)+"/"+strconv.Itoa(p.months[m].Year)+" - "+unit+"\n"...)
	}
	w.line(0, "export", "")
	w.line(2, "unit", scalar(unit))
	w.line(2, "district", scalar(districtForm(r, d)))
	w.line(2, "period", p.months[m].String())
	w.line(2, "exported_at", w.exportedAt(sl.at, sl.bare))
	if r.IntN(100) < 92 {
		posts := strconv.Itoa(d.Size*40 + 30*len(due) + r.IntN(400))
		if r.IntN(2) == 0 {
			w.line(2, "metrics", "{posts_reviewed: "+posts+"}")
		} else {
			w.line(2, "metrics", "")
			w.line(4, "posts_reviewed", posts)
			w.line(4, "accounts_reviewed", strconv.Itoa(d.Size*5+r.IntN(60)))
		}
	}
	if len(due) == 0 {
		w.line(0, "cases", "[]")
	} else {
		w.line(0, "cases", "")
	}
	for _, s := range due {
		w.record(s, day, w.st.caseDistrict)
	}
	return writeFile(filepath.Join(dir, p.reportFile(di, m)), w.bytes(), p.opt.Force)
}

// queue holds the cases waiting for their next report, earliest first.
type queue []*story

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, j int) bool {
	if q[i].next != q[j].next {
		return q[i].next < q[j].next
	}
	return q[i].seq < q[j].seq
}
func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any)   { *q = append(*q, x.(*story)) }
func (q *queue) Pop() any {
	old := *q
	s := old[len(old)-1]
	*q = old[:len(old)-1]
	return s
}

// writeFile writes a file, making its folder; unless force, it never
// replaces one that exists.
func writeFile(name string, data []byte, force bool) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("sample: %w", err)
	}
	flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if !force {
		flag |= os.O_EXCL
	}
	f, err := os.OpenFile(name, flag, 0o644)
	if err != nil {
		return fmt.Errorf("sample: %w", err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sample: %w", err)
	}
	return nil
}
