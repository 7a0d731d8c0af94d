package stats

import (
	"slices"

	"giamsat/internal/export"
	"giamsat/internal/period"
)

// LongOpenDays is the age past which an open case counts as long open on
// the dashboard: a quarter of a year in the unit's hands.
const LongOpenDays = 90

// Backlog is the work in hand at as_of, for a unit or the province: what
// leadership asks first, before any period's figures.
type Backlog struct {
	// Open counts the cases in the unit's own hands: detected or removal
	// requested. Referred cases wait on another body and are in Waiting.
	Open     int
	Overdue  int // of Open, see IsOverdue
	LongOpen int // of Open, older than LongOpenDays
	// Oldest is the index in the cases of the oldest case in Open (the
	// lowest id among equals), -1 when none; OldestDays its age.
	Oldest     int
	OldestDays int
	// Unidentified counts the cases in Open whose poster is not
	// identified: the directive asks that they be referred up.
	Unidentified int
	// Waiting are the referred cases still open, per body in site.yaml
	// order, bodies with none left out.
	Waiting []Waiting
}

// Waiting is the referred cases one body has, aged from the day each was
// referred: the body's clock, not the unit's.
type Waiting struct {
	Body       string // referral key
	Cases      int
	MedianDays float64
	OldestDays int
}

// WaitingCases is how many referred cases are open, over every body.
func (b Backlog) WaitingCases() int {
	n := 0
	for _, w := range b.Waiting {
		n += w.Cases
	}
	return n
}

// ReferredOn is the day c was referred: its latest "referred" event up to
// asOf, else the day it was detected, for an export that records the
// status without the step.
func ReferredOn(c *export.Case, asOf period.Date) period.Date {
	day := c.DetectedOn
	for _, e := range c.Events {
		if e.Action == "referred" && e.Date <= asOf && e.Date > day {
			day = e.Date
		}
	}
	return day
}

// backlogs counts the backlog of every district and of the province as
// Compute reads the cases.
type backlogs struct {
	asOf   period.Date
	days   int
	bodies map[string]int   // referral key → its place in the site's order
	keys   []string         // referral keys in that order
	units  []backlogCounter // per district in site order
	total  backlogCounter
}

type backlogCounter struct {
	b       Backlog
	waiting [][]int32 // per body: ages in days
	oldest  string    // id of b.Oldest, for the tie
}

func newBacklogs(asOf period.Date, days, districts int, referralKeys []string) *backlogs {
	bl := &backlogs{asOf: asOf, days: days, bodies: make(map[string]int), keys: referralKeys, units: make([]backlogCounter, districts)}
	for i, k := range referralKeys {
		bl.bodies[k] = i
	}
	bl.total.reset(len(referralKeys))
	for i := range bl.units {
		bl.units[i].reset(len(referralKeys))
	}
	return bl
}

func (k *backlogCounter) reset(bodies int) {
	k.b.Oldest = -1
	k.waiting = make([][]int32, bodies)
}

// add counts case i, of district index d (-1 when the district is not in
// site.yaml: the province still counts it).
func (bl *backlogs) add(i int, c *export.Case, d int) {
	if !c.Status.Open() || c.DetectedOn > bl.asOf {
		return
	}
	bl.total.add(bl, i, c)
	if d >= 0 {
		bl.units[d].add(bl, i, c)
	}
}

func (k *backlogCounter) add(bl *backlogs, i int, c *export.Case) {
	if c.Status == export.Referred {
		if body, ok := bl.bodies[c.ReferredTo]; ok {
			k.waiting[body] = append(k.waiting[body], int32(bl.asOf.Sub(ReferredOn(c, bl.asOf))))
		}
		return
	}
	age := bl.asOf.Sub(c.DetectedOn)
	b := &k.b
	b.Open++
	if age > bl.days {
		b.Overdue++
	}
	if age > LongOpenDays {
		b.LongOpen++
	}
	if c.Offender != "identified" {
		b.Unidentified++
	}
	if b.Oldest < 0 || age > b.OldestDays || age == b.OldestDays && c.ID < k.oldest {
		b.Oldest, b.OldestDays, k.oldest = i, age, c.ID
	}
}

func (k *backlogCounter) finish(keys []string) Backlog {
	b := k.b
	for j, ages := range k.waiting {
		if len(ages) == 0 {
			continue
		}
		slices.Sort(ages)
		n := len(ages)
		b.Waiting = append(b.Waiting, Waiting{
			Body:       keys[j],
			Cases:      n,
			MedianDays: float64(ages[(n-1)/2]+ages[n/2]) / 2,
			OldestDays: int(ages[n-1]),
		})
	}
	return b
}

// Backlog is the backlog of a district (code), or of the province when
// district is "".
func (s *Summary) Backlog(district string) Backlog {
	if district == "" {
		return s.backlogTotal
	}
	if i, ok := s.districtIndex[district]; ok {
		return s.backlogUnits[i]
	}
	return Backlog{Oldest: -1}
}

// Resolved counts the cases resolved in a month (resolved_on within it),
// of a district or of the province when district is "".
func (s *Summary) Resolved(month period.Period, district string) int {
	return s.resolved[resolvedKey{month, district}]
}

type resolvedKey struct {
	month    period.Period
	district string
}

// Metric is the sum over the units' reports for a period of one of the
// counters site.yaml lists (metrics: posts reviewed…), each unit's latest
// report for the period counted once; ok is false when no report for the
// period gives it.
func (s *Summary) Metric(p period.Period, district, key string) (n int64, ok bool) {
	v, ok := s.metrics[metricKey{p, district, key}]
	return v, ok
}

type metricKey struct {
	period   period.Period
	district string // "" for the province
	key      string
}

// countMetrics sums the metrics of the reports: for each unit and period
// the latest export that gives metrics, so that an update re-sending the
// month's counters does not count them twice. Quarters and years are the
// sums of their months' reports, and of any report for the whole period.
func countMetrics(exports []*export.File, startDay int) map[metricKey]int64 {
	type owed struct {
		period   period.Period
		district string
	}
	latest := make(map[owed]*export.File)
	for _, e := range exports {
		if e.District == "" || e.Period.IsZero() || len(e.Metrics) == 0 {
			continue
		}
		k := owed{e.Period, e.District}
		if l := latest[k]; l == nil || e.ExportedAt.After(l.ExportedAt) || e.ExportedAt.Equal(l.ExportedAt) && e.File < l.File {
			latest[k] = e
		}
	}
	out := make(map[metricKey]int64)
	for k, e := range latest {
		first, _ := k.period.Span(startDay)
		for _, p := range coveringPeriods(k.period, first, startDay) {
			for _, m := range e.Metrics {
				out[metricKey{p, k.district, m.Key}] += m.Value
				out[metricKey{p, "", m.Key}] += m.Value
			}
		}
	}
	return out
}

// coveringPeriods are p and the longer periods that hold it.
func coveringPeriods(p period.Period, first period.Date, startDay int) []period.Period {
	out := []period.Period{p}
	for _, k := range Kinds() {
		if q := period.Of(k, first, startDay); k > p.Kind && q != p {
			out = append(out, q)
		}
	}
	return out
}
