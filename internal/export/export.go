// Package export reads the case exports units send (data/**/*.yaml): one
// file into a File of validated, normalised Cases, with every problem found reported
// against the file, line and column a person can fix.
package export

import (
	"time"

	"giamsat/internal/period"
)

// Status is where a case stands.
type Status string

const (
	Detected   Status = "detected"
	Requested  Status = "requested"
	Referred   Status = "referred"
	Removed    Status = "removed"
	Sanctioned Status = "sanctioned"
	Closed     Status = "closed"
)

// Statuses lists every status in the order pages show them.
var Statuses = []Status{Detected, Requested, Referred, Removed, Sanctioned, Closed}

// Open reports whether the case still needs handling.
func (s Status) Open() bool { return s == Detected || s == Requested || s == Referred }

// Actions are the event actions of a case's history.
var Actions = []string{"detected", "verified", "takedown-requested", "removed", "sanctioned", "referred", "closed", "note"}

// Pos is where something was written: file relative to the source folder
// (forward slashes), 1-based line and column; in a workbook, the sheet and
// the cell's row and column.
type Pos struct {
	File      string
	Sheet     string
	Line, Col int
}

// File is one file of data/.
type File struct {
	File       string // relative to the source folder, forward slashes
	Unit       string
	District   string        // district code, "" when not a district export
	Period     period.Period // zero when not given
	ExportedAt time.Time     // in Vietnam time
	Metrics    []Metric      // in site.yaml metrics order
	Cases      []Case        // valid records, in file order
	Records    int           // case records in the file, valid or not
	Rejected   int           // records left out because they had errors
}

// IsReport reports whether the export is a district's periodic report of
// the kind the site asks for.
func (e *File) IsReport(every period.Kind) bool {
	return e.District != "" && e.Period.Kind == every
}

// Metric is one counter an export carries.
type Metric struct {
	Key   string
	Value int64
}

// Case is one record, normalised: district is a code, platform and
// category are keys, dates are civil dates.
type Case struct {
	ID         string
	DetectedOn period.Date
	District   string // code
	Platform   string // key
	Category   string // key
	Summary    string
	Reach      int64
	HasReach   bool
	Offender   string // identified | unidentified
	Status     Status
	ReferredTo string      // key of site.ReferralTargets when referred
	ResolvedOn period.Date // zero unless resolved
	FineVND    int64
	HasFine    bool
	PostURL    string
	Basis      []string
	Events     []Event // sorted by date, then action, then note

	// Where the record came from; not part of its content.
	Pos        Pos
	ExportedAt time.Time
}

// Event is one step of a case's history.
type Event struct {
	Date   period.Date
	Action string
	Note   string
	Pos    Pos
}
