package stats

import (
	"giamsat/internal/export"
	"giamsat/internal/period"
)

// Counter accumulates the Counts of one group of cases, a case at a time;
// the zero Counter is an empty group. Tally, Group and Compute count with
// it, and so may a caller that puts each case in many groups at once (a
// table per pair of dimensions) in a single pass over the cases: Merge then
// makes the figures of a union of groups, a quarter from its months, say,
// without counting its cases again.
type Counter struct {
	c Counts
	// days[n] is how many resolved cases took n days, so that a median
	// over a million cases needs no sort and a union needs no cases.
	days []int32
}

// Entry is one case as a Counter counts it. It is worked out once per
// case, so that a case added to many counters reads its status once.
type Entry struct {
	status     int8 // index in export.Statuses; -1 for none
	open       bool
	overdue    bool
	pastDue    bool
	identified bool
	resolvedIn int32 // days from detection to resolution; -1 when not resolved
	fine       int64
	reach      int64
}

// NewEntry reads c for counting, as of asOf (see IsOverdue).
func NewEntry(c *export.Case, asOf period.Date, overdueAfterDays int) Entry {
	e := Entry{
		status:     int8(statusIndex(c.Status)),
		open:       c.Status.Open(),
		overdue:    IsOverdue(c, asOf, overdueAfterDays),
		pastDue:    PastDue(c, asOf, overdueAfterDays),
		identified: c.Offender == "identified",
		resolvedIn: -1,
		fine:       c.FineVND,
		reach:      c.Reach,
	}
	if !e.open && !c.ResolvedOn.IsZero() {
		// The reader rejects resolved_on before detected_on; a hand-made
		// case that slips through must not crash the build.
		e.resolvedIn = int32(max(c.ResolvedOn.Sub(c.DetectedOn), 0))
	}
	return e
}

// Add counts one case.
func (t *Counter) Add(e *Entry) {
	t.c.Total++
	if e.open {
		t.c.Open++
	}
	if e.overdue {
		t.c.Overdue++
	}
	if e.pastDue {
		t.c.PastDue++
	}
	if e.status >= 0 {
		t.c.ByStatus[e.status]++
	}
	t.c.FinesVND += e.fine
	t.c.Reach += e.reach
	if e.identified {
		t.c.Identified++
	}
	if n := int(e.resolvedIn); n >= 0 {
		if n >= len(t.days) {
			t.days = append(t.days, make([]int32, n+1-len(t.days))...)
		}
		t.days[n]++
	}
}

// Merge adds the cases counted by u to t, as if each had been added to t.
func (t *Counter) Merge(u *Counter) {
	t.c.Total += u.c.Total
	t.c.Open += u.c.Open
	t.c.Overdue += u.c.Overdue
	t.c.PastDue += u.c.PastDue
	for i, n := range u.c.ByStatus {
		t.c.ByStatus[i] += n
	}
	t.c.FinesVND += u.c.FinesVND
	t.c.Reach += u.c.Reach
	t.c.Identified += u.c.Identified
	if len(u.days) > len(t.days) {
		t.days = append(t.days, make([]int32, len(u.days)-len(t.days))...)
	}
	for n, k := range u.days {
		t.days[n] += k
	}
}

// Counts returns the figures of the cases added so far.
func (t *Counter) Counts() Counts {
	c := t.c
	n := 0
	for _, k := range t.days {
		n += int(k)
	}
	if n > 0 {
		lo, hi := nth(t.days, (n-1)/2), nth(t.days, n/2)
		c.MedianDaysToResolve, c.HasMedian = float64(lo+hi)/2, true
	}
	return c
}

// nth returns the i-th smallest value (from 0) counted in hist.
func nth(hist []int32, i int) int {
	for v, k := range hist {
		if i < int(k) {
			return v
		}
		i -= int(k)
	}
	return len(hist) - 1 // not reached while i is below the sum of hist
}

func statusIndex(s export.Status) int {
	switch s {
	case export.Detected:
		return 0
	case export.Requested:
		return 1
	case export.Referred:
		return 2
	case export.Removed:
		return 3
	case export.Sanctioned:
		return 4
	case export.Closed:
		return 5
	}
	return -1
}
