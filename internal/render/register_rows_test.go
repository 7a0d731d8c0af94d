package render

import (
	"html/template"
	"os"
	"slices"
	"strings"
	"testing"

	"giamsat/internal/publish"
	"giamsat/internal/report"
	"giamsat/internal/site"
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
			in.Cases[0].Status = report.Referred
			in.Cases[0].ReferredTo = "unknown-body" // shown as its key
			in.Cases[1].ID = "A+B'C"
			r := newRenderer(publish.NewTree(t.TempDir()), loadTheme(t, &cfg), in)

			var overdue int
			for _, o := range r.x.sum.Overdue {
				if o {
					overdue++
				}
			}
			if overdue == 0 || overdue == len(in.Cases) {
				t.Fatalf("%d of %d cases overdue; the test needs both kinds", overdue, len(in.Cases))
			}

			for _, idx := range [][]int32{nil, r.x.districtCases[1]} {
				n := len(in.Cases)
				if idx != nil {
					n = len(idx)
				}
				tb := r.caseTable()
				tb.ID = "case-register"
				for k := range n {
					i := int32(k)
					if idx != nil {
						i = idx[k]
					}
					tb.Rows = append(tb.Rows, r.caseRow(i))
				}
				var b strings.Builder
				if err := table.Execute(&b, tb.view(true)); err != nil {
					t.Fatal(err)
				}
				want := b.String()
				want = want[strings.Index(want, "<tbody>")+len("<tbody>") : strings.Index(want, "\n</tbody>")]
				got := string(r.newRowWriter().rows(idx, 0, n))
				if got != want {
					t.Errorf("rows differ from the partial's at byte %d:\n got %q\nwant %q", firstDiff(got, want), clip(got, firstDiff(got, want)), clip(want, firstDiff(got, want)))
				}
				head := r.registerHead()
				view := tb.view(true)
				if strings.Join(head.Head, "|") != strings.Join(view.Head, "|") || !slices.Equal(head.Numeric, view.Numeric) {
					t.Errorf("register head %v %v, the partial's %v %v", head.Head, head.Numeric, view.Head, view.Numeric)
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
	b.SetBytes(int64(len(w.rows(nil, 0, len(in.Cases)))))
	for b.Loop() {
		w.rows(nil, 0, len(in.Cases))
	}
}
