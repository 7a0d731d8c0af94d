package stats

import (
	"math/rand/v2"
	"testing"

	"giamsat/internal/export"
)

// Counting cases in several counters and merging them gives the figures
// of counting them all in one, recounted the simplest way.
func TestCounterMerge(t *testing.T) {
	in := randomInput(3, 4000, 1)
	r := rand.New(rand.NewPCG(3, 4))
	for _, parts := range []int{1, 2, 7, 50} {
		counters := make([]Counter, parts)
		for i := range in.Cases {
			e := NewEntry(&in.Cases[i], in.AsOf, 15)
			counters[r.IntN(parts)].Add(&e)
		}
		var sum Counter
		for i := range counters {
			sum.Merge(&counters[i])
		}
		sum.Merge(&Counter{}) // an empty group adds nothing
		all := func(*export.Case) bool { return true }
		if got, w := sum.Counts(), want(in.Cases, all, in.AsOf, 15); got != w {
			t.Errorf("%d parts: %+v, want %+v", parts, got, w)
		}
	}
	var empty Counter
	if got := empty.Counts(); got != (Counts{}) {
		t.Errorf("empty counter: %+v", got)
	}
}

// Cases the reader would not let through are counted without a crash, the
// way they always were: an unknown status is neither open nor one of the
// six; resolved_on counts only for a resolved case.
func TestCounterOddCases(t *testing.T) {
	asOf := date("2022-06-30")
	odd := []export.Case{
		{Status: "archived", DetectedOn: date("2022-05-01"), ResolvedOn: date("2022-05-03")},
		{Status: "", DetectedOn: date("2022-05-01")},
		{Status: export.Removed, DetectedOn: date("2022-05-10"), ResolvedOn: date("2022-05-08")},  // before detection: 0 days
		{Status: export.Closed, DetectedOn: date("2022-05-10")},                                   // no resolved_on: no median
		{Status: export.Detected, DetectedOn: date("2022-05-10"), ResolvedOn: date("2022-05-20")}, // open: resolved_on ignored
		{Status: export.Requested, DetectedOn: date("2022-09-01")},                                // after as_of: not overdue
	}
	var c Counter
	for i := range odd {
		e := NewEntry(&odd[i], asOf, 15)
		c.Add(&e)
	}
	got := c.Counts()
	// Resolved in 2 days (the unknown status, not open) and 0 days.
	w := Counts{Total: 6, Open: 2, Overdue: 1, PastDue: 1, ByStatus: [6]int{1, 1, 0, 1, 0, 1}, MedianDaysToResolve: 1, HasMedian: true}
	if got != w {
		t.Errorf("got  %+v\nwant %+v", got, w)
	}
}
