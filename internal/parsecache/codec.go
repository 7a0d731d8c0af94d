package parsecache

import (
	"encoding/binary"
	"errors"
	"time"

	"giamsat/internal/diag"
	"giamsat/internal/export"
	"giamsat/internal/period"
)

// The codec writes a reading as a flat run of varints and strings. It is
// written by hand rather than with encoding/gob because a warm build of a
// million cases decodes a million records: here a file's records cost a
// handful of allocations, all strings being substrings of one copy of the
// entry, where gob spends dozens per record. TestCodecCoversEveryField
// fails when report's types gain a field this file does not carry.
//
// Slices are written as length+1, 0 meaning nil, so that a reading comes
// back exactly as it went in.

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// count writes a slice's length, telling nil from empty.
func (e *encoder) count(n int, isNil bool) {
	if isNil {
		e.uint(0)
	} else {
		e.uint(uint64(n) + 1)
	}
}

// time writes an instant and its offset: readings hold Vietnam time.
func (e *encoder) time(t time.Time) {
	if t.IsZero() {
		e.bool(false)
		return
	}
	e.bool(true)
	_, off := t.Zone()
	e.int(t.Unix())
	e.int(int64(t.Nanosecond()))
	e.int(int64(off))
}

func (e *encoder) pos(p export.Pos, file string) {
	// Nearly every position is in the export's own file.
	if p.File == file {
		e.bool(true)
	} else {
		e.bool(false)
		e.str(p.File)
	}
	e.str(p.Sheet)
	e.int(int64(p.Line))
	e.int(int64(p.Col))
}

func (e *encoder) entry(key string, x *export.File, diags diag.List) {
	e.str(key)
	e.bool(x != nil)
	if x != nil {
		e.export(x)
	}
	e.count(len(diags), diags == nil)
	for _, d := range diags {
		e.str(d.File)
		e.str(d.Sheet)
		e.int(int64(d.Line))
		e.int(int64(d.Col))
		e.str(d.VI)
		e.str(d.EN)
	}
}

func (e *encoder) export(x *export.File) {
	e.str(x.File)
	e.str(x.Unit)
	e.str(x.District)
	e.uint(uint64(x.Period.Kind))
	e.int(int64(x.Period.Year))
	e.int(int64(x.Period.N))
	e.time(x.ExportedAt)
	e.count(len(x.Metrics), x.Metrics == nil)
	for _, m := range x.Metrics {
		e.str(m.Key)
		e.int(m.Value)
	}
	e.int(int64(x.Records))
	e.int(int64(x.Rejected))

	// The totals first, so that the decoder allocates each kind once.
	var basis, events int
	for i := range x.Cases {
		basis += len(x.Cases[i].Basis)
		events += len(x.Cases[i].Events)
	}
	e.uint(uint64(basis))
	e.uint(uint64(events))
	e.count(len(x.Cases), x.Cases == nil)
	for i := range x.Cases {
		e.kase(&x.Cases[i], x)
	}
}

func (e *encoder) kase(c *export.Case, x *export.File) {
	e.str(c.ID)
	e.int(int64(c.DetectedOn))
	e.str(c.District)
	e.str(c.Platform)
	e.str(c.Category)
	e.str(c.Summary)
	e.int(c.Reach)
	e.bool(c.HasReach)
	e.str(c.Offender)
	e.str(string(c.Status))
	e.str(c.ReferredTo)
	e.int(int64(c.ResolvedOn))
	e.int(c.FineVND)
	e.bool(c.HasFine)
	e.str(c.PostURL)
	e.count(len(c.Basis), c.Basis == nil)
	for _, s := range c.Basis {
		e.str(s)
	}
	e.count(len(c.Events), c.Events == nil)
	for _, ev := range c.Events {
		e.int(int64(ev.Date))
		e.str(ev.Action)
		e.str(ev.Note)
		e.pos(ev.Pos, x.File)
	}
	e.pos(c.Pos, x.File)
	if c.ExportedAt.Equal(x.ExportedAt) && c.ExportedAt.Location() == x.ExportedAt.Location() {
		e.bool(true)
	} else {
		e.bool(false)
		e.time(c.ExportedAt)
	}
}

var errCorrupt = errors.New("corrupt cache entry")

// decoder reads what encoder wrote. b and s hold the same bytes: numbers
// are read from b, strings cut from s without copying. The first error
// sticks and every later read returns zero values.
type decoder struct {
	b   []byte
	s   string
	off int
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.off = len(d.b)
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) int() int64 {
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.off += n
	return v
}

// small reads an int that must fit in 32 bits: lines, columns, counts.
func (d *decoder) small() int {
	v := d.int()
	if v < -1<<31 || v >= 1<<31 {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *decoder) bool() bool {
	if d.off >= len(d.b) || d.b[d.off] > 1 {
		d.fail()
		return false
	}
	d.off++
	return d.b[d.off-1] == 1
}

func (d *decoder) str() string {
	n := d.uint()
	if n > uint64(len(d.b)-d.off) {
		d.fail()
		return ""
	}
	s := d.s[d.off : d.off+int(n)]
	d.off += int(n)
	return s
}

// count reads a slice's length; every element takes at least a byte, so a
// length beyond what is left is damage, not a reason to allocate.
func (d *decoder) count() (n int, isNil bool) {
	v := d.uint()
	if v == 0 {
		return 0, true
	}
	if v-1 > uint64(len(d.b)-d.off) {
		d.fail()
		return 0, false
	}
	return int(v - 1), false
}

func (d *decoder) time() time.Time {
	if !d.bool() {
		return time.Time{}
	}
	sec, nsec, off := d.int(), d.int(), d.small()
	if nsec < 0 || nsec >= 1e9 {
		d.fail()
		return time.Time{}
	}
	loc := period.Zone()
	if _, zoneOff := time.Unix(0, 0).In(loc).Zone(); off != zoneOff {
		loc = time.FixedZone("", off)
	}
	return time.Unix(sec, nsec).In(loc)
}

func (d *decoder) pos(file string) export.Pos {
	var p export.Pos
	if d.bool() {
		p.File = file
	} else {
		p.File = d.str()
	}
	p.Sheet = d.str()
	p.Line, p.Col = d.small(), d.small()
	return p
}

func (d *decoder) entry() (key string, x *export.File, diags diag.List) {
	key = d.str()
	if d.bool() {
		x = d.export()
	}
	n, isNil := d.count()
	if !isNil {
		diags = make(diag.List, n)
	}
	for i := range diags {
		diags[i] = diag.Diag{File: d.str(), Sheet: d.str(), Line: d.small(), Col: d.small(), VI: d.str(), EN: d.str()}
	}
	if d.off != len(d.b) {
		d.fail()
	}
	return key, x, diags
}

func (d *decoder) export() *export.File {
	x := &export.File{File: d.str(), Unit: d.str(), District: d.str()}
	kind := d.uint()
	if kind > 255 {
		d.fail()
	}
	x.Period = period.Period{Kind: period.Kind(kind), Year: d.small(), N: d.small()}
	x.ExportedAt = d.time()
	n, isNil := d.count()
	if !isNil {
		x.Metrics = make([]export.Metric, n)
	}
	for i := range x.Metrics {
		x.Metrics[i] = export.Metric{Key: d.str(), Value: d.int()}
	}
	x.Records, x.Rejected = d.small(), d.small()

	nb, ne := d.uint(), d.uint()
	if nb > uint64(len(d.b)-d.off) || ne > uint64(len(d.b)-d.off) {
		d.fail()
		return x
	}
	basis := make([]string, nb)
	events := make([]export.Event, ne)
	n, isNil = d.count()
	if !isNil {
		x.Cases = make([]export.Case, n)
	}
	for i := range x.Cases {
		basis, events = d.kase(&x.Cases[i], x, basis, events)
	}
	if len(basis) != 0 || len(events) != 0 {
		d.fail()
	}
	return x
}

// kase reads one case, taking its basis and events from the slabs, and
// returns what is left of them.
func (d *decoder) kase(c *export.Case, x *export.File, basis []string, events []export.Event) ([]string, []export.Event) {
	c.ID = d.str()
	c.DetectedOn = d.date()
	c.District, c.Platform, c.Category, c.Summary = d.str(), d.str(), d.str(), d.str()
	c.Reach, c.HasReach = d.int(), d.bool()
	c.Offender = d.str()
	c.Status = export.Status(d.str())
	c.ReferredTo = d.str()
	c.ResolvedOn = d.date()
	c.FineVND, c.HasFine = d.int(), d.bool()
	c.PostURL = d.str()

	n, isNil := d.count()
	if n > len(basis) {
		d.fail()
		return nil, nil
	}
	if !isNil {
		c.Basis, basis = basis[:n:n], basis[n:]
	}
	for k := range c.Basis {
		c.Basis[k] = d.str()
	}
	n, isNil = d.count()
	if n > len(events) {
		d.fail()
		return nil, nil
	}
	if !isNil {
		c.Events, events = events[:n:n], events[n:]
	}
	for k := range c.Events {
		ev := &c.Events[k]
		ev.Date = d.date()
		ev.Action, ev.Note = d.str(), d.str()
		ev.Pos = d.pos(x.File)
	}
	c.Pos = d.pos(x.File)
	if d.bool() {
		c.ExportedAt = x.ExportedAt
	} else {
		c.ExportedAt = d.time()
	}
	return basis, events
}

func (d *decoder) date() period.Date {
	v := d.int()
	if v < -1<<31 || v >= 1<<31 {
		d.fail()
		return 0
	}
	return period.Date(v)
}
