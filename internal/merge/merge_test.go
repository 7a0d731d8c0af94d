package merge

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"giamsat/internal/diag"
	"giamsat/internal/export"
	"giamsat/internal/period"
)

var t0 = time.Date(2022, 5, 3, 8, 0, 0, 0, period.Zone())

func day(n int) time.Time { return t0.AddDate(0, 0, n) }

// exportOf builds an export whose records sit on lines 10, 20, 30 …
func exportOf(file string, at time.Time, cases ...export.Case) *export.File {
	e := &export.File{File: file, ExportedAt: at, Records: len(cases)}
	for i, c := range cases {
		c.Pos = export.Pos{File: file, Line: 10 * (i + 1), Col: 5}
		c.ExportedAt = at
		e.Cases = append(e.Cases, c)
	}
	return e
}

func kase(id string, status export.Status, events ...export.Event) export.Case {
	return export.Case{
		ID: id, DetectedOn: period.New(2022, 4, 12), District: "803", Platform: "facebook",
		Category: "child-violence", Summary: "Clip học sinh đánh nhau", Offender: "unidentified",
		Status: status, Events: events,
	}
}

func ev(d int, action, note string) export.Event {
	return export.Event{Date: period.New(2022, 4, d), Action: action, Note: note}
}

// show renders a case as the test tables spell it.
func show(c export.Case) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s @%s:%d", c.ID, c.Status, c.Pos.File, c.Pos.Line)
	for _, e := range c.Events {
		fmt.Fprintf(&b, " | %s %s %q", e.Date, e.Action, e.Note)
	}
	return b.String()
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name    string
		exports []*export.File
		cases   []string
		counts  [5]int // files, records, unique, updates, rejected
		diags   []string
	}{
		{
			name: "later export wins",
			exports: []*export.File{
				exportOf("2022/04/ben-luc.yaml", day(0), kase("BL-1", export.Detected)),
				exportOf("2022/05/ben-luc.yaml", day(30), kase("BL-1", export.Removed)),
			},
			cases:  []string{"BL-1 removed @2022/05/ben-luc.yaml:10"},
			counts: [5]int{2, 2, 1, 1, 0},
		},
		{
			name: "the time decides, not the file name",
			exports: []*export.File{
				exportOf("a.yaml", day(10), kase("BL-1", export.Requested)),
				exportOf("b.yaml", day(0), kase("BL-1", export.Detected)),
			},
			cases:  []string{"BL-1 requested @a.yaml:10"},
			counts: [5]int{2, 2, 1, 1, 0},
		},
		{
			name: "events merged, one per date and action",
			exports: []*export.File{
				exportOf("a.yaml", day(0), kase("BL-1", export.Requested,
					ev(12, "detected", ""),
					ev(13, "takedown-requested", "Đã đề nghị gỡ (A)"),
					ev(14, "note", "Ghi chú A"))),
				exportOf("b.yaml", day(10), kase("BL-1", export.Removed,
					ev(12, "detected", "Phát hiện khi rà soát"),
					ev(13, "takedown-requested", "Đã đề nghị gỡ (B)"),
					ev(20, "removed", ""))),
			},
			cases: []string{`BL-1 removed @b.yaml:10` +
				` | 2022-04-12 detected "Phát hiện khi rà soát"` +
				` | 2022-04-13 takedown-requested "Đã đề nghị gỡ (B)"` +
				` | 2022-04-14 note "Ghi chú A"` +
				` | 2022-04-20 removed ""`},
			counts: [5]int{2, 2, 1, 1, 0},
		},
		{
			name: "a note is taken from the latest record that has one",
			exports: []*export.File{
				exportOf("a.yaml", day(0), kase("BL-1", export.Detected, ev(12, "detected", "cũ nhất"))),
				exportOf("b.yaml", day(5), kase("BL-1", export.Detected, ev(12, "detected", "mới hơn"))),
				exportOf("c.yaml", day(9), kase("BL-1", export.Requested, ev(12, "detected", ""))),
			},
			cases:  []string{`BL-1 requested @c.yaml:10 | 2022-04-12 detected "mới hơn"`},
			counts: [5]int{3, 3, 1, 2, 0},
		},
		{
			name: "several notes of one day in the chosen record stay",
			exports: []*export.File{
				exportOf("a.yaml", day(0), kase("BL-1", export.Detected, ev(15, "note", "x"))),
				exportOf("b.yaml", day(5), kase("BL-1", export.Detected, ev(15, "note", "b2"), ev(15, "note", "b1"))),
			},
			cases:  []string{`BL-1 detected @b.yaml:10 | 2022-04-15 note "b1" | 2022-04-15 note "b2"`},
			counts: [5]int{2, 2, 1, 1, 0},
		},
		{
			name: "same time, different content",
			exports: []*export.File{
				exportOf("a.yaml", day(0), kase("BL-2", export.Detected), kase("BL-1", export.Detected)),
				exportOf("b.yaml", day(0), kase("BL-1", export.Requested)),
			},
			cases:  []string{"BL-1 detected @a.yaml:20", "BL-2 detected @a.yaml:10"},
			counts: [5]int{2, 3, 2, 1, 0},
			diags:  []string{"b.yaml:10:5 a.yaml:20 b.yaml:10 status"},
		},
		{
			name: "same time, different events",
			exports: []*export.File{
				exportOf("a.yaml", day(0), kase("BL-1", export.Detected, ev(12, "detected", "x"))),
				exportOf("b.yaml", day(0), kase("BL-1", export.Detected, ev(12, "detected", "y"))),
			},
			cases:  []string{`BL-1 detected @a.yaml:10 | 2022-04-12 detected "x"`},
			counts: [5]int{2, 2, 1, 1, 0},
			diags:  []string{"b.yaml:10:5 a.yaml:10 b.yaml:10 events"},
		},
		{
			name: "a conflict between records that do not win is still one",
			exports: []*export.File{
				exportOf("a.yaml", day(0), kase("BL-1", export.Detected)),
				exportOf("b.yaml", day(0), kase("BL-1", export.Requested)),
				exportOf("c.yaml", day(9), kase("BL-1", export.Removed)),
			},
			cases:  []string{"BL-1 removed @c.yaml:10"},
			counts: [5]int{3, 3, 1, 2, 0},
			diags:  []string{"b.yaml:10:5 a.yaml:10 b.yaml:10 status"},
		},
		{
			name: "identical records at the same time are an update",
			exports: []*export.File{
				exportOf("a.yaml", day(0), kase("BL-1", export.Detected, ev(12, "detected", ""), ev(13, "verified", "ok"))),
				exportOf("b.yaml", day(0), kase("BL-1", export.Detected, ev(13, "verified", "ok"), ev(12, "detected", ""))),
			},
			cases:  []string{`BL-1 detected @a.yaml:10 | 2022-04-12 detected "" | 2022-04-13 verified "ok"`},
			counts: [5]int{2, 2, 1, 1, 0},
		},
		{
			name: "same id twice in one file",
			exports: []*export.File{
				exportOf("a.yaml", day(0), kase("BL-1", export.Detected), kase("BL-2", export.Detected), kase("BL-1", export.Removed)),
			},
			cases:  []string{"BL-1 detected @a.yaml:10", "BL-2 detected @a.yaml:20"},
			counts: [5]int{1, 3, 2, 0, 0},
			diags:  []string{"a.yaml:30:5 a.yaml:10 a.yaml:30 BL-1"},
		},
		{
			name: "counts include rejected records and empty reports",
			exports: func() []*export.File {
				a := exportOf("a.yaml", day(0), kase("BL-1", export.Detected), kase("BL-2", export.Detected))
				a.Records, a.Rejected = 5, 3
				b := exportOf("b.yaml", day(3), kase("BL-2", export.Removed))
				b.Records, b.Rejected = 2, 1
				return []*export.File{a, b, exportOf("c.yaml", day(4))}
			}(),
			cases:  []string{"BL-1 detected @a.yaml:10", "BL-2 removed @b.yaml:10"},
			counts: [5]int{3, 7, 2, 1, 4},
		},
		{
			name: "ids in byte order",
			exports: []*export.File{
				exportOf("a.yaml", day(0), kase("b", export.Detected), kase("a_1", export.Detected),
					kase("B", export.Detected), kase("a-1", export.Detected), kase("a.1", export.Detected)),
			},
			cases: []string{"B detected @a.yaml:30", "a-1 detected @a.yaml:40", "a.1 detected @a.yaml:50",
				"a_1 detected @a.yaml:20", "b detected @a.yaml:10"},
			counts: [5]int{1, 5, 5, 0, 0},
		},
		{
			name:   "nothing",
			counts: [5]int{0, 0, 0, 0, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, diags := Merge(tt.exports)
			var got []string
			for _, c := range res.Cases {
				got = append(got, show(c))
			}
			if !slices.Equal(got, tt.cases) {
				t.Errorf("cases:\n got %q\nwant %q", got, tt.cases)
			}
			counts := [5]int{res.Files, res.Records, res.Unique, res.Updates, res.Rejected}
			if counts != tt.counts {
				t.Errorf("files, records, unique, updates, rejected = %v, want %v", counts, tt.counts)
			}
			checkDiags(t, diags, tt.diags)
		})
	}
}

// checkDiags compares diags with want: for each, "FILE:LINE:COL" of the
// diag, then words both messages must contain.
func checkDiags(t *testing.T, diags diag.List, want []string) {
	t.Helper()
	if len(diags) != len(want) {
		t.Fatalf("diags:\n%s\nwant %d", diags.Text("en"), len(want))
	}
	for i, d := range diags {
		words := strings.Fields(want[i])
		if at := fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col); at != words[0] {
			t.Errorf("diag %d at %s, want %s", i, at, words[0])
		}
		for _, w := range words[1:] {
			if !strings.Contains(d.VI, w) || !strings.Contains(d.EN, w) {
				t.Errorf("diag %d lacks %q:\n%s\n%s", i, w, d.VI, d.EN)
			}
		}
		// Each says what to do, in its own language.
		if !strings.Contains(d.VI, "hãy ") || !strings.Contains(d.EN, "remove") && !strings.Contains(d.EN, "check") {
			t.Errorf("diag %d does not say what to do:\n%s\n%s", i, d.VI, d.EN)
		}
	}
}

func TestConflictMessage(t *testing.T) {
	_, diags := Merge([]*export.File{
		exportOf("data/2022/04/ben-luc.yaml", day(0), kase("BL-2022-0012", export.Detected)),
		exportOf("data/2022/04/ben-luc-2.yaml", day(0), kase("BL-2022-0012", export.Removed)),
	})
	if len(diags) != 1 {
		t.Fatalf("diags: %v", diags)
	}
	d := diags[0]
	// The later place by file name is ben-luc.yaml ("-" sorts before ".").
	if d.File != "data/2022/04/ben-luc.yaml" || d.Line != 10 {
		t.Errorf("at %s:%d", d.File, d.Line)
	}
	for _, want := range []string{"BL-2022-0012", "exported_at", "2022-05-03T08:00:00+07:00",
		"data/2022/04/ben-luc-2.yaml:10", "data/2022/04/ben-luc.yaml:10"} {
		if !strings.Contains(d.VI, want) || !strings.Contains(d.EN, want) {
			t.Errorf("message lacks %q:\n%s\n%s", want, d.VI, d.EN)
		}
	}
	if !strings.Contains(d.VI, "hãy kiểm tra bản xuất nào đúng") || !strings.Contains(d.EN, "check which export is right") {
		t.Errorf("message does not say what to do:\n%s\n%s", d.VI, d.EN)
	}
}

func TestOrderIndependent(t *testing.T) {
	build := func() []*export.File {
		return []*export.File{
			exportOf("a.yaml", day(0), kase("X", export.Detected, ev(12, "detected", "")), kase("Y", export.Detected)),
			exportOf("b.yaml", day(0), kase("X", export.Requested, ev(12, "detected", "b"))),
			exportOf("c.yaml", day(5), kase("Y", export.Removed, ev(20, "removed", "")), kase("Z", export.Detected)),
			exportOf("d.yaml", day(5), kase("Y", export.Removed, ev(19, "removed", "")), kase("Z", export.Detected), kase("Z", export.Closed)),
			exportOf("e.yaml", day(1), kase("X", export.Referred)),
		}
	}
	base := build()
	want, wantDiags := Merge(base)
	if len(wantDiags) != 3 {
		t.Fatalf("expected three problems, got:\n%s", wantDiags.Text("en"))
	}
	for _, perm := range [][]int{{4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}, {1, 0, 3, 2, 4}, {3, 4, 0, 2, 1}} {
		in := make([]*export.File, len(perm))
		for i, p := range perm {
			in[i] = build()[p]
		}
		got, gotDiags := Merge(in)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("order %v gives a different result:\n%v\n%v", perm, got, gotDiags.Text("en"))
		}
	}
}

// TestDifferCoversEveryField fails when export.Case grows a field that
// differ does not compare, so that new content cannot slip through a
// same-time conflict unnoticed.
func TestDifferCoversEveryField(t *testing.T) {
	base := kase("BL-1", export.Detected, ev(12, "detected", "x"))
	base.Basis = []string{"283-ttra-2022"}
	typ := reflect.TypeOf(base)
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		if name == "Pos" || name == "ExportedAt" {
			continue
		}
		other := base
		other.Basis = slices.Clone(base.Basis)
		other.Events = slices.Clone(base.Events)
		f := reflect.ValueOf(&other).Elem().Field(i)
		switch {
		case f.Kind() == reflect.String:
			f.SetString(f.String() + "x")
		case f.CanInt():
			f.SetInt(f.Int() + 1)
		case f.Kind() == reflect.Bool:
			f.SetBool(!f.Bool())
		case f.Kind() == reflect.Slice:
			f.Set(reflect.Append(f, reflect.New(f.Type().Elem()).Elem()))
		default:
			t.Fatalf("field %s: no way to change it in this test; teach the test and differ about it", name)
		}
		if differ(&base, &other) == "" {
			t.Errorf("differ does not see a change of %s", name)
		}
	}

	// Where things were written, and the order of sets, are no content.
	same := base
	same.Pos = export.Pos{File: "z.yaml", Line: 99}
	same.ExportedAt = day(3)
	same.Basis = []string{"283-ttra-2022", "283-ttra-2022"}
	same.Events = []export.Event{{Date: period.New(2022, 4, 12), Action: "detected", Note: "x", Pos: export.Pos{Line: 7}}}
	if f := differ(&base, &same); f != "" {
		t.Errorf("differ sees a change of %s", f)
	}
}

func BenchmarkMerge(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			exports := benchExports(n)
			b.ResetTimer()
			for b.Loop() {
				if _, diags := Merge(exports); len(diags) != 0 {
					b.Fatal(diags)
				}
			}
		})
	}
}

// benchExports spreads n cases over monthly files of 2,000 records; one
// case in three is reported again, with a newer status, a month later.
func benchExports(n int) []*export.File {
	const perFile = 2000
	var exports []*export.File
	var cur *export.File
	add := func(month int, c export.Case) {
		if cur == nil || len(cur.Cases) == perFile {
			at := t0.AddDate(0, month, 0)
			cur = &export.File{File: fmt.Sprintf("data/%04d.yaml", len(exports)), ExportedAt: at}
			exports = append(exports, cur)
		}
		c.Pos = export.Pos{File: cur.File, Line: len(cur.Cases)*12 + 3, Col: 5}
		c.ExportedAt = cur.ExportedAt
		cur.Cases = append(cur.Cases, c)
		cur.Records++
	}
	for i := range n {
		add(0, kase(fmt.Sprintf("LA-%07d", i), export.Detected, ev(12, "detected", "")))
	}
	cur = nil
	for i := 0; i < n; i += 3 {
		add(1, kase(fmt.Sprintf("LA-%07d", i), export.Removed, ev(12, "detected", "Phát hiện"), ev(20, "removed", "")))
	}
	return exports
}
