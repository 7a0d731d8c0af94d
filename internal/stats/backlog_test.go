package stats

import (
	"reflect"
	"testing"

	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/site"
)

func TestBacklog(t *testing.T) {
	cfg := testConfig(1)
	cfg.Referrals = []site.Referral{{Item: site.Item{Key: "thanh-tra-so", Name: "Thanh tra Sở"}}, {Item: site.Item{Key: "cuc-attt", Name: "Cục An toàn thông tin"}}}
	asOf := date("2022-06-30")
	referred := func(id, district, detected, on, to string) export.Case {
		c := export.Case{ID: id, District: district, DetectedOn: date(detected), Status: export.Referred, ReferredTo: to}
		if on != "" {
			c.Events = []export.Event{{Date: date(on), Action: "referred"}, {Date: date("2022-06-29"), Action: "note"}}
		}
		return c
	}
	cases := []export.Case{
		{ID: "A-3", District: "803", DetectedOn: date("2022-03-01"), Status: export.Detected, Offender: "unidentified"}, // 121 days
		{ID: "A-1", District: "803", DetectedOn: date("2022-03-01"), Status: export.Requested, Offender: "identified"},  // 121 days, lower id
		{ID: "A-2", District: "803", DetectedOn: date("2022-06-20"), Status: export.Detected, Offender: "identified"},   // 10 days
		{ID: "A-4", District: "803", DetectedOn: date("2022-07-02"), Status: export.Detected},                           // after as_of
		{ID: "A-5", District: "803", DetectedOn: date("2022-01-01"), Status: export.Removed, ResolvedOn: date("2022-06-01")},
		referred("B-1", "794", "2022-01-01", "2022-06-10", "cuc-attt"), // waits 20 days, not 180
		referred("B-2", "794", "2022-05-01", "", "cuc-attt"),           // no event: from detection, 60 days
		referred("B-3", "803", "2022-05-01", "2022-05-31", "thanh-tra-so"),
		{ID: "B-4", District: "794", DetectedOn: date("2022-06-01"), Status: export.Detected, Offender: "unidentified"}, // 29 days
	}
	sum := Compute(Input{Site: cfg, Cases: cases, AsOf: asOf})

	tests := []struct {
		unit string
		want Backlog
	}{
		{"803", Backlog{Open: 3, Overdue: 2, LongOpen: 2, Oldest: 1, OldestDays: 121, Unidentified: 1,
			Waiting: []Waiting{{Body: "thanh-tra-so", Cases: 1, MedianDays: 30, OldestDays: 30}}}},
		{"794", Backlog{Open: 1, Overdue: 1, LongOpen: 0, Oldest: 8, OldestDays: 29, Unidentified: 1,
			Waiting: []Waiting{{Body: "cuc-attt", Cases: 2, MedianDays: 40, OldestDays: 60}}}},
		{"802", Backlog{Oldest: -1}},
		{"", Backlog{Open: 4, Overdue: 3, LongOpen: 2, Oldest: 1, OldestDays: 121, Unidentified: 2,
			Waiting: []Waiting{{Body: "thanh-tra-so", Cases: 1, MedianDays: 30, OldestDays: 30}, {Body: "cuc-attt", Cases: 2, MedianDays: 40, OldestDays: 60}}}},
	}
	for _, tt := range tests {
		if got := sum.Backlog(tt.unit); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Backlog(%q) =\n%+v\nwant\n%+v", tt.unit, got, tt.want)
		}
	}
	// Referred cases are never the unit's overdue; the downloads' PastDue
	// keeps them.
	if got := sum.District("794"); got.Overdue != 1 || got.PastDue != 3 {
		t.Errorf("794 overdue %d, past due %d; want 1 and 3", got.Overdue, got.PastDue)
	}
	if got := sum.Resolved(month("2022-06"), ""); got != 1 {
		t.Errorf("resolved in June = %d, want 1", got)
	}
}

func TestMetrics(t *testing.T) {
	cfg := testConfig(1)
	apr, may := month("2022-04"), month("2022-05")
	exports := []*export.File{
		{File: "a.yaml", District: "803", Period: apr, ExportedAt: ts("2022-05-03T08:00:00+07:00"), Metrics: []export.Metric{{Key: "posts_reviewed", Value: 100}}},
		// An update of April re-sends its counters: the latest counts, once.
		{File: "b.yaml", District: "803", Period: apr, ExportedAt: ts("2022-05-20T08:00:00+07:00"), Metrics: []export.Metric{{Key: "posts_reviewed", Value: 120}}},
		{File: "c.yaml", District: "794", Period: apr, ExportedAt: ts("2022-05-04T08:00:00+07:00"), Metrics: []export.Metric{{Key: "posts_reviewed", Value: 30}}},
		{File: "d.yaml", District: "794", Period: may, ExportedAt: ts("2022-06-04T08:00:00+07:00"), Metrics: []export.Metric{{Key: "posts_reviewed", Value: 5}}},
		{File: "e.yaml", ExportedAt: ts("2022-06-04T08:00:00+07:00"), Metrics: []export.Metric{{Key: "posts_reviewed", Value: 999}}}, // not a unit's report
	}
	sum := Compute(Input{Site: cfg, Exports: exports, AsOf: date("2022-06-30")})
	q2, _ := period.Parse("2022-Q2")
	tests := []struct {
		p      period.Period
		unit   string
		want   int64
		wantOK bool
	}{
		{apr, "803", 120, true},
		{apr, "794", 30, true},
		{apr, "", 150, true},
		{may, "", 5, true},
		{may, "803", 0, false},
		{q2, "", 155, true},
		{month("2022-06"), "", 0, false},
	}
	for _, tt := range tests {
		if got, ok := sum.Metric(tt.p, tt.unit, "posts_reviewed"); got != tt.want || ok != tt.wantOK {
			t.Errorf("Metric(%s, %q) = %d, %v; want %d, %v", tt.p, tt.unit, got, ok, tt.want, tt.wantOK)
		}
	}
}
