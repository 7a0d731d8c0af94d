package render

import (
	"fmt"
	"html/template"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"giamsat/internal/export"
	"giamsat/internal/fingerprint"
	"giamsat/internal/period"
	"giamsat/internal/publish"
	"giamsat/internal/site"
	"giamsat/internal/stats"
	"giamsat/internal/theme"
)

// The register's rows are written in Go for speed; they must be what the
// theme's table partial writes for the same cases, byte for byte.
func TestRegisterRowsMatchPartial(t *testing.T) {
	partial, err := os.ReadFile("../../themes/default/layouts/partials/table.html")
	if err != nil {
		t.Fatal(err)
	}
	table := template.Must(template.New("table").Parse(string(partial)))

	for _, lang := range []string{"vi", "en"} {
		t.Run(lang, func(t *testing.T) {
			in := bigInput(300)
			cfg := *in.Site
			cfg.Language = lang
			// Names with every character the escaper changes.
			cfg.Platforms = append([]site.Item(nil), cfg.Platforms...)
			cfg.Platforms[0].Name = "Face'book + \"Meta\" & <co> \x00"
			in.Site = &cfg
			in.Cases[0].Status = export.Referred
			in.Cases[0].ReferredTo = "unknown-body" // shown as its key
			in.Cases[1].ID = "A+B'C"
			r := newRenderer(publish.NewTree(t.TempDir()), loadTheme(t, &cfg), in)

			var overdue int
			for _, o := range r.x.Overdue {
				if o {
					overdue++
				}
			}
			if overdue == 0 || overdue == len(in.Cases) {
				t.Fatalf("%d of %d cases overdue; the test needs both kinds", overdue, len(in.Cases))
			}

			for _, idx := range [][]int32{nil, r.x.DistrictCases(1)} {
				n := len(in.Cases)
				if idx != nil {
					n = len(idx)
				}
				tb := r.caseTable()
				tb.ID, tb.Sortable = "case-register", true
				for k := range n {
					i := int32(k)
					if idx != nil {
						i = idx[k]
					}
					tb.Rows = append(tb.Rows, r.caseRow(i))
				}
				var b strings.Builder
				if err := table.Execute(&b, tb); err != nil {
					t.Fatal(err)
				}
				want := b.String()
				want = want[strings.Index(want, "<tbody>")+len("<tbody>") : strings.Index(want, "\n</tbody>")]
				got := string(r.newRowWriter().rows(idx, 0, n, false))
				if got != want {
					t.Errorf("rows differ from the partial's at byte %d:\n got %q\nwant %q", firstDiff(got, want), clip(got, firstDiff(got, want)), clip(want, firstDiff(got, want)))
				}
				head := r.registerHead()
				for i := range tb.Head {
					if head.Head[i] != tb.Head[i] || head.IsNumeric(i) != tb.IsNumeric(i) {
						t.Errorf("register head column %d: %q numeric %v, the partial's %q %v", i, head.Head[i], head.IsNumeric(i), tb.Head[i], tb.IsNumeric(i))
					}
				}
				if len(head.Head) != len(tb.Head) {
					t.Errorf("register head %v, the partial's %v", head.Head, tb.Head)
				}
			}
		})
	}
}

func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func clip(s string, at int) string {
	return s[max(0, at-80):min(len(s), at+80)]
}

// BenchmarkRegisterRows is the rows of a 20,000-case register.
func BenchmarkRegisterRows(b *testing.B) {
	in := bigInput(20000)
	r := newRenderer(publish.NewTree(b.TempDir()), loadTheme(b, in.Site), in)
	w := r.newRowWriter()
	b.SetBytes(int64(len(w.rows(nil, 0, len(in.Cases), true))))
	for b.Loop() {
		w.rows(nil, 0, len(in.Cases), true)
	}
}

// The fingerprint of register rows stands in for the rows when deciding
// whether a page must be rendered again: any change of a case that changes
// its row must change the fingerprint. Every field of export.Case is
// changed in turn, so a field added to the row but not to the fingerprint
// fails here. Both kinds of rows: a register page's (with the summary)
// and a district's list of open cases.
func TestRowsFingerprintCoversRow(t *testing.T) {
	for _, register := range []bool{true, false} {
		t.Run(fmt.Sprint("register=", register), func(t *testing.T) { rowsFingerprintCoversRow(t, register) })
	}
}

func rowsFingerprintCoversRow(t *testing.T, register bool) {
	in := bigInput(200)
	for i := range in.Cases {
		in.Cases[i].Summary = fmt.Sprint("Tóm tắt ", i)
	}
	th := loadTheme(t, in.Site)
	base := newRenderer(publish.NewTree(t.TempDir()), th, in).newRowWriter()
	sum := func(w *rowWriter) fingerprint.Sum {
		h := fingerprint.New()
		if err := h.Value(RegisterRows{w: w, from: 0, to: len(w.cases), register: register}); err != nil {
			t.Fatal(err)
		}
		return h.Sum()
	}
	rows0, sum0 := string(base.rows(nil, 0, len(in.Cases), register)), sum(base)

	fields := reflect.TypeFor[export.Case]().NumField()
	for f := range fields {
		field := reflect.TypeFor[export.Case]().Field(f)
		name, isDate := field.Name, field.Type == reflect.TypeFor[period.Date]()
		tries := 8
		if isDate {
			tries = 3 // each makes a renderer again
		}
		for i := range tries {
			cases := slices.Clone(in.Cases)
			if !changeField(reflect.ValueOf(&cases[i]).Elem().Field(f)) {
				t.Fatalf("cannot change field %s; teach changeField its kind", name)
			}
			w := *base
			w.cases = cases
			if isDate {
				// The writer's tables of dates and day counts span the
				// cases' dates: make them again.
				changed := in
				changed.Cases = cases
				w = *newRenderer(publish.NewTree(t.TempDir()), th, changed).newRowWriter()
			}
			if string(w.rows(nil, 0, len(cases), register)) != rows0 && sum(&w) == sum0 {
				t.Errorf("changing %s of case %d changes its row but not the fingerprint", name, i)
			}
		}
	}
	// What a row takes from outside its case: whether it is overdue, the
	// as-of date (days open) and the names in site.yaml.
	flipped := *base
	flipped.overdue = slices.Clone(base.overdue)
	flipped.overdue[5] = !flipped.overdue[5]
	if sum(&flipped) == sum0 {
		t.Error("a case overdue or not gives the same fingerprint")
	}
	later := in
	later.Summary = new(*in.Summary)
	later.Summary.AsOf = in.Summary.AsOf.AddDays(3)
	if sum(newRenderer(publish.NewTree(t.TempDir()), th, later).newRowWriter()) == sum0 {
		t.Error("another as-of date gives the same fingerprint")
	}
	renamed := *in.Site
	renamed.Districts = slices.Clone(renamed.Districts)
	renamed.Districts[0].Name += " mới"
	other := in
	other.Site = &renamed
	if sum(newRenderer(publish.NewTree(t.TempDir()), loadTheme(t, &renamed), other).newRowWriter()) == sum0 {
		t.Error("a district renamed gives the same fingerprint")
	}
}

// changeField sets v to another value of its kind.
func changeField(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Field(i).CanSet() && changeField(v.Field(i)) {
				return true
			}
		}
		if t, ok := v.Addr().Interface().(*time.Time); ok {
			*t = t.Add(time.Hour)
			return true
		}
		return false
	default:
		return false
	}
	return true
}

// caseRow is one case of a list as the generic table partial takes it:
// the reference the rows written in Go are held to.
func (r *renderer) caseRow(i int32) theme.Row {
	c := &r.in.Cases[i]
	row := theme.Row{Cells: []theme.Cell{
		text(c.ID),
		text(r.districtName[c.District]),
		text(r.category[c.Category]),
		text(r.platform[c.Platform]),
		text(r.statusName(c.Status)),
		{Text: r.f.Date(c.DetectedOn), Value: c.DetectedOn.String()},
		{Text: r.f.Date(c.ResolvedOn), Value: c.ResolvedOn.String()},
		r.num(int64(stats.DaysOpen(c, r.x.AsOf))),
	}}
	if r.x.Overdue[i] {
		row.Class = "overdue"
		row.Cells[4].Text += " · " + r.t("dashboard.overdue")
		row.Cells[4].Class = "overdue"
	}
	if c.Status == export.Referred && c.ReferredTo != "" {
		row.Cells[4].Text += " (" + r.referralName(c.ReferredTo) + ")"
	}
	return row
}

func (r *renderer) referralName(key string) string {
	for _, it := range r.cfg.Referrals {
		if it.Key == key {
			return it.Name
		}
	}
	return key
}
