package render

import (
	"encoding/binary"
	"html/template"
	"slices"
	"strings"

	"giamsat/internal/address"
	"giamsat/internal/export"
	"giamsat/internal/fingerprint"
	"giamsat/internal/period"
	"giamsat/internal/stats"
	"giamsat/internal/theme"
)

// The case register is most of a large site's bytes: every case is a row
// of the province's register and of its district's. Its rows are written
// here, straight into a buffer, rather than through the generic table
// partial: a template walks each cell by reflection, which costs some 60 µs
// a row, twenty times what the page's bytes do. The markup is the table
// partial's, byte for byte (TestRegisterRowsMatchPartial holds them
// together), so the site script and style sheet treat both alike.

// rowWriter writes register rows. Every name is escaped once, every date
// and count formatted once; the page jobs of every register share it and
// only read it.
type rowWriter struct {
	cases    []export.Case
	overdue  []bool // per case: stats.Summary.Overdue
	asOf     period.Date
	district map[string]string // code → escaped name
	category map[string]string
	platform map[string]string
	status   map[export.Status]string
	referral map[string]string // key → escaped " (name)"
	late     string            // escaped " · quá hạn"

	// sum fingerprints the names and words above and asOf: with the
	// theme's (which holds the date and number forms), all a row takes
	// besides its case.
	sum fingerprint.Sum

	// Formatted dates and day counts, for the range the cases span:
	// index d-first, n-days0.
	first     period.Date
	dateVN    []string
	dateISO   []string
	days0     int
	daysText  []string
	daysValue []string
}

// newRowWriter prepares the rows of every register: the province's and
// each district's.
func (r *renderer) newRowWriter() *rowWriter {
	w := &rowWriter{
		cases:    r.in.Cases,
		overdue:  r.x.Overdue,
		asOf:     r.x.AsOf,
		district: make(map[string]string, len(r.districtName)),
		category: make(map[string]string, len(r.category)),
		platform: make(map[string]string, len(r.platform)),
		status:   make(map[export.Status]string, len(export.Statuses)),
		referral: make(map[string]string, len(r.cfg.Referrals)),
		late:     escapeHTML(" · " + r.t("dashboard.overdue")),
	}
	for k, v := range r.districtName {
		w.district[k] = escapeHTML(v)
	}
	for k, v := range r.category {
		w.category[k] = escapeHTML(v)
	}
	for k, v := range r.platform {
		w.platform[k] = escapeHTML(v)
	}
	for _, s := range export.Statuses {
		w.status[s] = escapeHTML(r.statusName(s))
	}
	for _, t := range r.cfg.Referrals {
		w.referral[t.Key] = escapeHTML(" (" + t.Name + ")")
	}
	h := fingerprint.New()
	if err := h.Value([]any{w.district, w.category, w.platform, w.status, w.referral, w.late, w.asOf}); err != nil {
		panic(err) // maps of strings and a date always fingerprint
	}
	w.sum = h.Sum()

	var lo, hi period.Date
	minDays, maxDays := 0, 0
	seen := false
	for i := range r.in.Cases {
		c := &r.in.Cases[i]
		n := stats.DaysOpen(c, w.asOf)
		for _, d := range []period.Date{c.DetectedOn, c.ResolvedOn} {
			if d.IsZero() {
				continue
			}
			if !seen {
				lo, hi, minDays, maxDays, seen = d, d, n, n, true
			}
			lo, hi = min(lo, d), max(hi, d)
		}
		minDays, maxDays = min(minDays, n), max(maxDays, n)
	}
	if !seen {
		return w
	}
	w.first = lo
	for d := lo; d <= hi; d++ {
		w.dateVN = append(w.dateVN, escapeHTML(r.f.Date(d)))
		w.dateISO = append(w.dateISO, escapeHTML(d.String()))
	}
	w.days0 = minDays
	for n := minDays; n <= maxDays; n++ {
		// As num writes it: the raw value only when the text differs.
		cell := r.num(int64(n))
		w.daysText = append(w.daysText, escapeHTML(cell.Text))
		w.daysValue = append(w.daysValue, escapeHTML(cell.Value))
	}
	return w
}

// CaseList is a table of cases, the register's or a district's open
// cases: the head for the "case-list" partial, the rows written in Go.
type CaseList struct {
	Table theme.Table // the head only
	Rows  RegisterRows
	// Columns names the columns for the register script
	// (registerColumns); "" for a list the script leaves alone.
	Columns string
}

// RegisterRows are the rows of a register page, made only when the page
// is rendered: a page kept from an earlier build is recognised by the
// fingerprint of what its rows show, at a fraction of making them.
type RegisterRows struct {
	w        *rowWriter
	idx      []int32
	from, to int
	// register adds what only the register shows: each row's anchor
	// (search links to it) and the case's summary after its id. A
	// district's list of open cases is the table partial's markup.
	register bool
}

// Len is the number of rows.
func (r RegisterRows) Len() int { return r.to - r.from }

// HTML returns the rows as the table partial writes them.
func (r RegisterRows) HTML() template.HTML { return r.w.rows(r.idx, r.from, r.to, r.register) }

// Fingerprint adds the writer's names and words and, per case, every value
// row writes (TestRowsFingerprintCoversRow keeps the two in step).
func (r RegisterRows) Fingerprint(h *fingerprint.Hasher) error {
	h.Bytes(r.w.sum[:])
	b := make([]byte, 0, (r.to-r.from)*80)
	if r.register {
		b = append(b, 1)
	}
	for k := r.from; k < r.to; k++ {
		i := int32(k)
		if r.idx != nil {
			i = r.idx[k]
		}
		c := &r.w.cases[i]
		summary := ""
		if r.register {
			summary = c.Summary
		}
		for _, s := range []string{c.ID, c.District, c.Category, c.Platform, string(c.Status), c.ReferredTo, summary} {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
		b = binary.AppendVarint(b, int64(c.DetectedOn))
		b = binary.AppendVarint(b, int64(c.ResolvedOn))
		b = binary.AppendVarint(b, int64(stats.DaysOpen(c, r.w.asOf)))
		if r.w.overdue[i] {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	h.Bytes(b)
	return nil
}

// rows returns the rows of cases idx[from:to] (cases from:to when idx is
// nil) as the table partial writes them: each row a newline, then <tr>;
// register rows with their anchor and summary.
func (w *rowWriter) rows(idx []int32, from, to int, register bool) template.HTML {
	b := make([]byte, 0, (to-from)*512)
	for k := from; k < to; k++ {
		i := int32(k)
		if idx != nil {
			i = idx[k]
		}
		b = w.row(b, i, register)
	}
	return template.HTML(b)
}

// row writes case i. An overdue row carries the class on every cell (twice
// on the status cell, as the partial joins the row's class to the cell's)
// and a mark in the status cell, so that the mark survives printing and
// screen readers; the days-open column is numeric.
func (w *rowWriter) row(b []byte, i int32, register bool) []byte {
	c := &w.cases[i]
	class, statusClass, numClass := "", "", "num"
	if w.overdue[i] {
		class, statusClass, numClass = "overdue", "overdue overdue", "num overdue"
	}
	if register {
		b = append(b, "\n<tr id=\""...)
		b = append(b, address.CaseAnchor(c.ID)...)
		b = append(b, "\">"...)
		b = cell(b, class, "", escapeHTML(c.ID))
		// The span carries the line clamp: a table cell cannot.
		summaryClass := "summary"
		if class != "" {
			summaryClass += " " + class
		}
		b = cell(b, summaryClass, "", "<span>"+clipSummary(c.Summary)+"</span>")
	} else {
		b = append(b, "\n<tr>"...)
		b = cell(b, class, "", escapeHTML(c.ID))
	}
	b = cell(b, class, "", w.name(w.district, c.District))
	b = cell(b, class, "", w.name(w.category, c.Category))
	b = cell(b, class, "", w.name(w.platform, c.Platform))

	status := w.status[c.Status]
	if status == "" {
		status = escapeHTML(string(c.Status))
	}
	if w.overdue[i] {
		status += w.late
	}
	if c.Status == export.Referred && c.ReferredTo != "" {
		ref, ok := w.referral[c.ReferredTo]
		if !ok {
			ref = escapeHTML(" (" + c.ReferredTo + ")")
		}
		status += ref
	}
	b = cell(b, statusClass, "", status)
	b = cell(b, class, w.iso(c.DetectedOn), w.vn(c.DetectedOn))
	b = cell(b, class, w.iso(c.ResolvedOn), w.vn(c.ResolvedOn))
	n := stats.DaysOpen(c, w.asOf) - w.days0
	b = cell(b, numClass, w.daysValue[n], w.daysText[n])
	return append(b, "</tr>"...)
}

// name is the escaped display name of key; an unknown key shows as itself.
func (w *rowWriter) name(names map[string]string, key string) string {
	if s, ok := names[key]; ok {
		return s
	}
	return escapeHTML(key)
}

func (w *rowWriter) vn(d period.Date) string {
	if d.IsZero() {
		return ""
	}
	return w.dateVN[d-w.first]
}

func (w *rowWriter) iso(d period.Date) string {
	if d.IsZero() {
		return ""
	}
	return w.dateISO[d-w.first]
}

// cell writes <td class="…" data-value="…">text</td>, leaving out empty
// attributes; class, value and text are escaped already.
func cell(b []byte, class, value, text string) []byte {
	b = append(b, "<td"...)
	if class != "" {
		b = append(b, ` class="`...)
		b = append(b, class...)
		b = append(b, '"')
	}
	if value != "" {
		b = append(b, ` data-value="`...)
		b = append(b, value...)
		b = append(b, '"')
	}
	b = append(b, '>')
	b = append(b, text...)
	return append(b, "</td>"...)
}

// clipSummary is a summary as a register row shows it, escaped: whole
// when it fits summaryBytes, else cut after the last word that fits with
// "…" (the full text is in the search and the exports).
func clipSummary(s string) string {
	e := escapeHTML(s)
	if len(e) <= summaryBytes {
		return e
	}
	const more = " …"
	var b strings.Builder
	lastSpace := 0
	for _, r := range s {
		piece := escapeHTML(string(r))
		if b.Len()+len(piece) > summaryBytes-len(more) {
			break
		}
		if r == ' ' {
			lastSpace = b.Len()
		}
		b.WriteString(piece)
	}
	out := b.String()
	if lastSpace > len(out)/2 {
		out = out[:lastSpace]
	}
	return out + more
}

// htmlEscapes are the replacements html/template makes in text and in
// quoted attribute values.
var htmlEscapes = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

// escapeHTML escapes s as html/template does where the table partial puts
// it, so that both paths give the same bytes.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "\x00\"&'+<>") {
		return s
	}
	return htmlEscapes.Replace(s)
}

// registerHead is the head of a list of cases without its rows: the
// columns of caseTable, the last (days open) numeric.
func (r *renderer) registerHead() theme.Table {
	head := r.caseTable().Head
	numeric := make([]bool, len(head))
	numeric[len(numeric)-1] = true
	return theme.Table{ID: "case-register", Head: head, Numeric: numeric, Sortable: true}
}

// registerPageHead is the head of a register page: the summary after the
// id. The register script sorts it across all pages, so the table is not
// one the site script sorts in place.
func (r *renderer) registerPageHead() theme.Table {
	t := r.registerHead()
	t.Head = slices.Insert(slices.Clone(t.Head), 1, r.t("register.summary"))
	t.Numeric = slices.Insert(t.Numeric, 1, false)
	t.Sortable = false
	return t
}
