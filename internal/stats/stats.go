// Package stats turns merged cases and the exports they came from into the
// figures pages and downloads show: counts per district, category, platform,
// status and period, overdue cases, resolution times and report compliance.
package stats

import (
	"time"

	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/site"
)

// Input is what aggregation needs. Cases are merged (one per id) and sorted
// by id; Exports are every export read, in file order.
type Input struct {
	Site    *site.Config
	Cases   []export.Case
	Exports []*export.File
	AsOf    period.Date
}

// Counts are the figures of one group of cases.
type Counts struct {
	Total int
	Open  int
	// Overdue counts the cases IsOverdue; PastDue those PastDue, referred
	// ones included, for the downloads.
	Overdue  int
	PastDue  int
	ByStatus [6]int // indexed like export.Statuses
	FinesVND int64
	Reach    int64
	// Identified counts cases whose poster was identified.
	Identified int
	// MedianDaysToResolve is over resolved cases; HasMedian is false when
	// there are none. A half-day median is kept as .5.
	MedianDaysToResolve float64
	HasMedian           bool
}

// Count of one status.
func (c Counts) Status(s export.Status) int {
	for i, x := range export.Statuses {
		if x == s {
			return c.ByStatus[i]
		}
	}
	return 0
}

// Resolved is removed + sanctioned + closed.
func (c Counts) Resolved() int { return c.Total - c.Open }

// District is one row of districts.csv.
type District struct {
	Code string
	Name string
	Counts
}

// MonthCount is one row of monthly.csv.
type MonthCount struct {
	Month    period.Period
	District string // code
	Category string // key
	Cases    int
}

// ReportStatus is how a district's report for one period stands.
type ReportStatus string

const (
	OnTime  ReportStatus = "on-time"
	Late    ReportStatus = "late"
	Missing ReportStatus = "missing"
)

// Report is one row of reports.csv: a (period, district) owed.
type Report struct {
	Period     period.Period
	District   string // code
	Status     ReportStatus
	Due        period.Date
	ExportedAt time.Time // zero when missing
	File       string    // the earliest report's file, "" when missing
}

// Summary is the whole site's figures.
type Summary struct {
	AsOf period.Date
	// Overdue is indexed like Input.Cases: a million cases cost a megabyte,
	// not a map of ids. For any other slice of cases use IsOverdue.
	Overdue   []bool
	Total     Counts       // the province
	Districts []District   // site order
	Monthly   []MonthCount // sorted by month, district code, category key
	Reports   []Report     // sorted by period, then site order

	groups

	backlogUnits []Backlog // per district in site order
	backlogTotal Backlog
	resolved     map[resolvedKey]int
	metrics      map[metricKey]int64
}

// IsOverdue reports whether the i-th case of Input.Cases is overdue.
func (s *Summary) IsOverdue(i int) bool { return s.Overdue[i] }
