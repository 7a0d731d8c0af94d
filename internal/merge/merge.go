// Package merge folds the case records of many exports into one record per
// case. A case is usually reported again in later exports as its handling
// goes on; the latest export speaks for it, while its history is gathered
// from all of them.
package merge

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"giamsat/internal/diag"
	"giamsat/internal/period"
	"giamsat/internal/report"
)

// Result is the merged cases and the accounting of every record read.
type Result struct {
	// Cases holds one record per id, sorted by id in byte order. A case
	// shares its Basis (and, when it was reported once, its Events) with
	// the export it came from.
	Cases    []report.Case
	Files    int // exports merged
	Records  int // case records in the exports, valid or not
	Unique   int // len(Cases)
	Updates  int // records merged into a case reported before
	Rejected int // records the readers left out because of errors
}

// record is one case record and the export (index into the sorted
// exports) it came from.
type record struct {
	c   *report.Case
	exp int
}

// entry is every record of one id, in the order of their places (file,
// then line). The first is kept apart so that the usual case, an id seen
// once, costs no allocation.
type entry struct {
	id    string
	first record
	more  []record
}

// Merge combines exports. The record from the export with the latest
// exported_at wins as a whole; the events of all records of a case are
// merged, one event for each date and action. The result does not depend
// on the order of exports.
//
// Two records of one id with the same exported_at must agree; where they
// do not, and where an export holds an id twice, the returned list has an
// error at the later place, naming both.
func Merge(exports []*report.Export) (Result, diag.List) {
	sorted := make([]*report.Export, 0, len(exports))
	total := 0
	for _, e := range exports {
		if e != nil {
			sorted = append(sorted, e)
			total += len(e.Cases)
		}
	}
	slices.SortStableFunc(sorted, func(a, b *report.Export) int {
		return cmp.Or(strings.Compare(a.File, b.File), a.ExportedAt.Compare(b.ExportedAt))
	})

	var (
		res      = Result{Files: len(sorted)}
		diags    diag.List
		index    = make(map[string]int, total)
		entries  = make([]entry, 0, total)
		accepted int
	)
	for ei, e := range sorted {
		res.Records += e.Records
		res.Rejected += e.Rejected
		for ci := range e.Cases {
			r := record{c: &e.Cases[ci], exp: ei}
			k, seen := index[r.c.ID]
			if !seen {
				index[r.c.ID] = len(entries)
				entries = append(entries, entry{id: r.c.ID, first: r})
				accepted++
				continue
			}
			en := &entries[k]
			// Exports are read one after another, so an earlier record
			// of this id in the same export is the last one taken.
			if prev := en.last(); prev.exp == ei {
				diags = append(diags, duplicate(sorted, prev, r))
				continue
			}
			en.more = append(en.more, r)
			accepted++
		}
	}

	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.id, b.id) })
	res.Cases = make([]report.Case, len(entries))
	for i := range entries {
		en := &entries[i]
		if len(en.more) == 0 {
			res.Cases[i] = *en.first.c
			continue
		}
		res.Cases[i], diags = combine(sorted, en, diags)
	}
	res.Unique = len(res.Cases)
	res.Updates = accepted - res.Unique
	diags.Sort()
	return res, diags
}

func (en *entry) last() record {
	if n := len(en.more); n > 0 {
		return en.more[n-1]
	}
	return en.first
}

// combine merges the records of one id that was reported more than once.
func combine(exports []*report.Export, en *entry, diags diag.List) (report.Case, diag.List) {
	recs := make([]record, 0, 1+len(en.more))
	recs = append(recs, en.first)
	recs = append(recs, en.more...)
	// Latest exported_at first; among equal times the earlier place
	// first (the sort is stable and recs are in place order), so the
	// first of each run of equal times is the one the others are
	// checked against, and recs[0] wins.
	slices.SortStableFunc(recs, func(a, b record) int { return b.c.ExportedAt.Compare(a.c.ExportedAt) })
	head := 0
	for i := 1; i < len(recs); i++ {
		if !recs[i].c.ExportedAt.Equal(recs[head].c.ExportedAt) {
			head = i
			continue
		}
		if field := differ(recs[head].c, recs[i].c); field != "" {
			diags = append(diags, conflict(exports, recs[head], recs[i], field))
		}
	}
	c := *recs[0].c
	c.Events = mergeEvents(recs)
	return c, diags
}

// mergeEvents gathers the events of recs, which are in order of
// precedence. Each date and action is one event, taken from the first
// record that has it with a note, or else from the first that has it; a
// record that has several events of one date and action keeps them all.
func mergeEvents(recs []record) []report.Event {
	type source struct {
		ev  *report.Event
		rec int
	}
	n := 0
	for _, r := range recs {
		n += len(r.c.Events)
	}
	all := make([]source, 0, n)
	for ri, r := range recs {
		for k := range r.c.Events {
			all = append(all, source{&r.c.Events[k], ri})
		}
	}
	slices.SortStableFunc(all, func(a, b source) int {
		return cmp.Or(cmp.Compare(a.ev.Date, b.ev.Date), strings.Compare(a.ev.Action, b.ev.Action), cmp.Compare(a.rec, b.rec))
	})
	out := make([]report.Event, 0, n)
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && all[j].ev.Date == all[i].ev.Date && all[j].ev.Action == all[i].ev.Action {
			j++
		}
		from := all[i].rec
		for _, s := range all[i:j] {
			if s.ev.Note != "" {
				from = s.rec
				break
			}
		}
		for _, s := range all[i:j] {
			if s.rec == from {
				out = append(out, *s.ev)
			}
		}
		i = j
	}
	slices.SortStableFunc(out, func(a, b report.Event) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), strings.Compare(a.Action, b.Action), strings.Compare(a.Note, b.Note))
	})
	return out
}

// differ returns the name of the first field in which a and b differ, as
// the export files spell it, or "" when they say the same. Where a record
// was written and when it was exported are not its content; basis and
// events are compared as sets.
func differ(a, b *report.Case) string {
	switch {
	case a.ID != b.ID:
		return "id"
	case a.DetectedOn != b.DetectedOn:
		return "detected_on"
	case a.District != b.District:
		return "district"
	case a.Platform != b.Platform:
		return "platform"
	case a.Category != b.Category:
		return "category"
	case a.Summary != b.Summary:
		return "summary"
	case a.Reach != b.Reach || a.HasReach != b.HasReach:
		return "reach"
	case a.Offender != b.Offender:
		return "offender"
	case a.Status != b.Status:
		return "status"
	case a.ReferredTo != b.ReferredTo:
		return "referred_to"
	case a.ResolvedOn != b.ResolvedOn:
		return "resolved_on"
	case a.FineVND != b.FineVND || a.HasFine != b.HasFine:
		return "fine_vnd"
	case a.PostURL != b.PostURL:
		return "post_url"
	case !slices.Equal(set(a.Basis, strings.Compare), set(b.Basis, strings.Compare)):
		return "basis"
	case !slices.Equal(set(eventKeys(a.Events), compareKeys), set(eventKeys(b.Events), compareKeys)):
		return "events"
	}
	return ""
}

// set returns s sorted and without repeats, in a new slice.
func set[T comparable](s []T, compare func(a, b T) int) []T {
	s = slices.Clone(s)
	slices.SortFunc(s, compare)
	return slices.Compact(s)
}

type eventKey struct {
	date         period.Date
	action, note string
}

func eventKeys(evs []report.Event) []eventKey {
	keys := make([]eventKey, len(evs))
	for i, e := range evs {
		keys[i] = eventKey{e.Date, e.Action, e.Note}
	}
	return keys
}

func compareKeys(a, b eventKey) int {
	return cmp.Or(cmp.Compare(a.date, b.date), strings.Compare(a.action, b.action), strings.Compare(a.note, b.note))
}

func conflict(exports []*report.Export, first, later record, field string) diag.Diag {
	p1, p2 := place(exports, first), place(exports, later)
	at := period.FormatTime(later.c.ExportedAt)
	f, line, col := where(exports, later)
	return diag.At(f, line, col,
		fmt.Sprintf("hồ sơ %s có cùng exported_at (%s) ở %s và %s nhưng khác nội dung (trường %s): hãy kiểm tra bản xuất nào đúng, rồi sửa exported_at của bản xuất đó hoặc sửa bản ghi cho thống nhất.", later.c.ID, at, p1, p2, field),
		fmt.Sprintf("case %s has the same exported_at (%s) at %s and %s but different content (field %s): check which export is right, then correct its exported_at or make the records agree.", later.c.ID, at, p1, p2, field))
}

func duplicate(exports []*report.Export, first, later record) diag.Diag {
	p1, p2 := place(exports, first), place(exports, later)
	f, line, col := where(exports, later)
	return diag.At(f, line, col,
		fmt.Sprintf("mã hồ sơ %s được ghi hai lần trong cùng một bản xuất (%s và %s): mỗi hồ sơ chỉ ghi một lần trong một tệp; hãy xóa bản ghi trùng, hoặc sửa mã nếu đây là một hồ sơ khác.", later.c.ID, p1, p2),
		fmt.Sprintf("case id %s appears twice in one export (%s and %s): a case may appear only once in a file; remove the duplicate record, or correct the id if it is a different case.", later.c.ID, p1, p2))
}

// where returns the place of r: its own position, or its export's file
// when the record carries none.
func where(exports []*report.Export, r record) (file string, line, col int) {
	file = r.c.Pos.File
	if file == "" {
		file = exports[r.exp].File
	}
	return file, r.c.Pos.Line, r.c.Pos.Col
}

// place returns "file:line" for a message.
func place(exports []*report.Export, r record) string {
	file, line, _ := where(exports, r)
	if line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d", file, line)
}
