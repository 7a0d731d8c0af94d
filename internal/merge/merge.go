// Package merge folds the case records of many exports into one record per
// case. A case is usually reported again in later exports as its handling
// goes on; the latest export speaks for it, while its history is gathered
// from all of them.
package merge

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"giamsat/internal/diag"
	"giamsat/internal/export"
	"giamsat/internal/period"
)

// Result is the merged cases and the accounting of every record read.
type Result struct {
	// Cases holds one record per id, sorted by id in byte order. A case
	// shares its Basis (and, when it was reported once, its Events) with
	// the export it came from.
	Cases    []export.Case
	Files    int // exports merged
	Records  int // case records in the exports, valid or not
	Unique   int // len(Cases)
	Updates  int // records merged into a case reported before
	Rejected int // records the readers left out because of errors
}

// record is one case record and the export (index into the sorted
// exports) it came from.
type record struct {
	c   *export.Case
	exp int
}

// key is a record's place in the order Merge groups records in: by id,
// then by place (export, then record). The id's first 16 bytes are held as
// numbers, so that sorting a hundred thousand ids seldom reads an id
// itself, which lies anywhere in memory.
type key struct {
	hi, lo uint64 // the id's first 16 bytes, big-endian, zero-padded
	len    int32  // of the id
	n      int32  // index of the record, in place order
}

func newKey(id string, n int) key {
	var b [16]byte
	copy(b[:], id)
	return key{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:]), int32(len(id)), int32(n)}
}

// compareIDs orders a and b as strings.Compare orders their ids. The
// padded prefixes order ids that differ in them (zero padding ranks a
// shorter id first, as a prefix ranks first); ids that agree in them
// differ only in length or, when longer than the prefix, in what follows.
func compareIDs(a, b key, recs []record) int {
	switch {
	case a.hi != b.hi:
		return cmp.Compare(a.hi, b.hi)
	case a.lo != b.lo:
		return cmp.Compare(a.lo, b.lo)
	case a.len <= 16 && b.len <= 16:
		return cmp.Compare(a.len, b.len)
	}
	return strings.Compare(recs[a.n].c.ID, recs[b.n].c.ID)
}

// Merge combines exports. The record from the export with the latest
// exported_at wins as a whole; the events of all records of a case are
// merged, one event for each date and action. The result does not depend
// on the order of exports.
//
// Two records of one id with the same exported_at must agree; where they
// do not, and where an export holds an id twice, the returned list has an
// error at the later place, naming both.
func Merge(exports []*export.File) (Result, diag.List) {
	sorted := make([]*export.File, 0, len(exports))
	total := 0
	for _, e := range exports {
		if e != nil {
			sorted = append(sorted, e)
			total += len(e.Cases)
		}
	}
	slices.SortStableFunc(sorted, func(a, b *export.File) int {
		return cmp.Or(strings.Compare(a.File, b.File), a.ExportedAt.Compare(b.ExportedAt))
	})

	res := Result{Files: len(sorted)}
	recs := make([]record, 0, total) // in place order
	keys := make([]key, 0, total)
	for ei, e := range sorted {
		res.Records += e.Records
		res.Rejected += e.Rejected
		for ci := range e.Cases {
			keys = append(keys, newKey(e.Cases[ci].ID, len(recs)))
			recs = append(recs, record{&e.Cases[ci], ei})
		}
	}
	// Sorting the records rather than looking each id up in a map of
	// ids: one sort of small keys costs less than a hundred thousand
	// lookups and then a sort of the ids found.
	sortKeys(keys, recs, runtime.GOMAXPROCS(0))
	var starts []int // where each id's records start among the keys
	for i := range keys {
		if i == 0 || compareIDs(keys[i-1], keys[i], recs) != 0 {
			starts = append(starts, i)
		}
	}
	starts = append(starts, len(keys))

	// The ids are merged on every core, a run of ids at a time; each
	// run's case goes to its place and its problems to its run's list.
	res.Cases = make([]export.Case, len(starts)-1)
	const run = 1024
	runs := (len(res.Cases) + run - 1) / run
	diags := make([]diag.List, runs)
	accepted := make([]int, runs)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), runs) {
		wg.Go(func() {
			var group []record // the accepted records of one id, in place order
			for {
				k := int(next.Add(1)) - 1
				if k >= runs {
					return
				}
				for id := k * run; id < min((k+1)*run, len(res.Cases)); id++ {
					group = group[:0]
					for _, key := range keys[starts[id]:starts[id+1]] {
						r := recs[key.n]
						// An export's records are in place order, so an
						// earlier record of this id in the same export is
						// the last one taken.
						if n := len(group); n > 0 && group[n-1].exp == r.exp {
							diags[k] = append(diags[k], duplicate(sorted, group[n-1], r))
							continue
						}
						group = append(group, r)
					}
					accepted[k] += len(group)
					if len(group) == 1 {
						res.Cases[id] = *group[0].c
					} else {
						res.Cases[id], diags[k] = combine(sorted, group, diags[k])
					}
				}
			}
		})
	}
	wg.Wait()
	res.Unique = len(res.Cases)
	var all diag.List
	for k := range runs {
		res.Updates += accepted[k]
		all = append(all, diags[k]...)
	}
	res.Updates -= res.Unique
	all.Sort()
	return res, all
}

// sortKeys sorts keys on up to procs cores: the halves at once, then
// merged. The keys are all different, so the order is the same whatever
// the number of cores.
func sortKeys(keys []key, recs []record, procs int) {
	compare := func(a, b key) int { return cmp.Or(compareIDs(a, b, recs), cmp.Compare(a.n, b.n)) }
	if procs < 2 || len(keys) < 8192 {
		slices.SortFunc(keys, compare)
		return
	}
	mid := len(keys) / 2
	var wg sync.WaitGroup
	wg.Go(func() { sortKeys(keys[:mid], recs, procs/2) })
	sortKeys(keys[mid:], recs, procs-procs/2)
	wg.Wait()
	left := slices.Clone(keys[:mid])
	i, j, k := 0, mid, 0
	for i < len(left) && j < len(keys) {
		if compare(keys[j], left[i]) < 0 {
			keys[k] = keys[j]
			j++
		} else {
			keys[k] = left[i]
			i++
		}
		k++
	}
	copy(keys[k:], left[i:]) // what is left of the right half is in place
}

// combine merges the records of one id that was reported more than once,
// given in place order; it reorders recs.
func combine(exports []*export.File, recs []record, diags diag.List) (export.Case, diag.List) {
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
func mergeEvents(recs []record) []export.Event {
	type source struct {
		ev  *export.Event
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
	// The comparisons return early rather than through cmp.Or, which
	// would compare the strings of every pair, the most of the time spent
	// merging a hundred thousand cases.
	slices.SortStableFunc(all, func(a, b source) int {
		if c := cmp.Compare(a.ev.Date, b.ev.Date); c != 0 {
			return c
		}
		if c := strings.Compare(a.ev.Action, b.ev.Action); c != 0 {
			return c
		}
		return cmp.Compare(a.rec, b.rec)
	})
	out := make([]export.Event, 0, n)
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
	slices.SortStableFunc(out, func(a, b export.Event) int {
		if c := cmp.Compare(a.Date, b.Date); c != 0 {
			return c
		}
		if c := strings.Compare(a.Action, b.Action); c != 0 {
			return c
		}
		return strings.Compare(a.Note, b.Note)
	})
	return out
}

// differ returns the name of the first field in which a and b differ, as
// the export files spell it, or "" when they say the same. Where a record
// was written and when it was exported are not its content; basis and
// events are compared as sets.
func differ(a, b *export.Case) string {
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

func eventKeys(evs []export.Event) []eventKey {
	keys := make([]eventKey, len(evs))
	for i, e := range evs {
		keys[i] = eventKey{e.Date, e.Action, e.Note}
	}
	return keys
}

func compareKeys(a, b eventKey) int {
	return cmp.Or(cmp.Compare(a.date, b.date), strings.Compare(a.action, b.action), strings.Compare(a.note, b.note))
}

func conflict(exports []*export.File, first, later record, field string) diag.Diag {
	p1, p2 := place(exports, first), place(exports, later)
	when := period.FormatTime(later.c.ExportedAt)
	return at(exports, later,
		fmt.Sprintf("hồ sơ %s có cùng exported_at (%s) ở %s và %s nhưng khác nội dung (trường %s): hãy kiểm tra bản xuất nào đúng, rồi sửa exported_at của bản xuất đó hoặc sửa bản ghi cho thống nhất.", later.c.ID, when, p1, p2, field),
		fmt.Sprintf("case %s has the same exported_at (%s) at %s and %s but different content (field %s): check which export is right, then correct its exported_at or make the records agree.", later.c.ID, when, p1, p2, field))
}

func duplicate(exports []*export.File, first, later record) diag.Diag {
	p1, p2 := place(exports, first), place(exports, later)
	return at(exports, later,
		fmt.Sprintf("mã hồ sơ %s được ghi hai lần trong cùng một bản xuất (%s và %s): mỗi hồ sơ chỉ ghi một lần trong một tệp; hãy xóa bản ghi trùng, hoặc sửa mã nếu đây là một hồ sơ khác.", later.c.ID, p1, p2),
		fmt.Sprintf("case id %s appears twice in one export (%s and %s): a case may appear only once in a file; remove the duplicate record, or correct the id if it is a different case.", later.c.ID, p1, p2))
}

// where returns the place of r: its own position, or its export's file
// when the record carries none.
func where(exports []*export.File, r record) export.Pos {
	p := r.c.Pos
	if p.File == "" {
		p.File = exports[r.exp].File
	}
	return p
}

// at places a message at r.
func at(exports []*export.File, r record, vi, en string) diag.Diag {
	p := where(exports, r)
	d := diag.At(p.File, p.Line, p.Col, vi, en)
	d.Sheet = p.Sheet
	return d
}

// place returns "file:line", or "file: Sheet!A12" in a workbook, for a
// message.
func place(exports []*export.File, r record) string {
	p := where(exports, r)
	switch {
	case p.Sheet != "":
		return p.File + ": " + diag.Cell(p.Sheet, p.Line, p.Col)
	case p.Line == 0:
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}
