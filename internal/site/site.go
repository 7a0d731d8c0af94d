// Package site holds a site's configuration (site.yaml): its reference
// lists of districts, categories, platforms and metrics, its reporting
// calendar, and the matching of the names staff type against those lists.
package site

import (
	"giamsat/internal/period"
	"strings"
)

// Config is a validated site.yaml. Defaults are filled in by Load/Parse.
type Config struct {
	Title            string
	Organization     string
	Language         string // "vi" (default) or "en"
	Theme            string // default "default"
	AsOf             period.Date
	OverdueAfterDays int    // default 15
	DistrictLabel    string // default: Huyện, thị xã, thành phố / District
	Reports          Reports
	Publish          Publish
	Map              Map        // the boundary file; zero for none (the tile map)
	Districts        []District // site order
	Categories       []Item
	Platforms        []Item
	Metrics          []Item
	Referrals        []Referral // default: DefaultReferrals
	// FormerNames are the organisation's names before Organization, each
	// with its last day, oldest first: the 2025 reform renamed and merged
	// departments, and a period report carries the name of its time.
	FormerNames []FormerName

	idx *index // built by Prepare
}

// Reports is the calendar of the periodic reports districts owe, and how
// the site's own period reports are issued as documents of record.
type Reports struct {
	Every          period.Kind // Month (default) or Quarter
	DueDay         int         // default 5
	PeriodStartDay int         // 1 (default) or 15 (a cut-off day 2..28)

	// CloseAfterDays is how long after its due day a period closes at the
	// latest, reports missing or not (default DefaultCloseAfterDays).
	CloseAfterDays int
	// NumberFormat is the number and symbol of a period report, with
	// {seq} and {year} to fill (default DefaultNumberFormat).
	NumberFormat string
	Place        string   // "Long An" of the date line; default from the organisation's name
	Parent       string   // the body above the organisation on the letterhead; "" for none
	Signer       Signer   // the signature block; zero for none
	Recipients   []string // "Nơi nhận", ending "Lưu: VT, …"
}

// Defaults of the period reports' keys.
const (
	// DefaultCloseAfterDays: a month after the due day, a unit that has not
	// reported is not going to, and the next period's report is due.
	DefaultCloseAfterDays = 30
	DefaultNumberFormat   = "{seq}/BC"
)

// Signer is the signature block of a letter.
type Signer struct {
	Authority string // KT. GIÁM ĐỐC, TM. ỦY BAN NHÂN DÂN …
	Title     string // PHÓ GIÁM ĐỐC
	Name      string
}

// PlaceOn is the place of the date line of a report issued on day d: the
// place given, else what follows "tỉnh" or "thành phố" in the
// organisation's name of that day ("Long An"), else "".
func (c *Config) PlaceOn(d period.Date) string {
	if c.Reports.Place != "" {
		return c.Reports.Place
	}
	name := c.OrganizationOn(d)
	for _, w := range []string{" tỉnh ", " thành phố ", " Tỉnh ", " Thành phố "} {
		if i := strings.LastIndex(name, w); i >= 0 {
			return strings.TrimSpace(name[i+len(w):])
		}
	}
	return ""
}

// Map names the province's boundary file: a GeoJSON FeatureCollection,
// a path under the site folder with forward slashes, whose features hold
// the unit's code in CodeProperty.
type Map struct {
	File         string
	CodeProperty string // default "code"
	Line         int    // of map: in site.yaml, for messages about the file
}

// Publish says what may leave the building.
type Publish struct {
	PostLinks bool
}

// District is one unit of the reference list, keyed by its official code.
type District struct {
	Code       string
	Name       string
	Short      string
	Aliases    []string
	Tile       [2]int // row, col
	HasTile    bool
	Population int64 // 0 when not given
	// The days the unit exists: the 2025 reform ended the districts on 30
	// June and made communes from 1 July. NowPartOf lists the codes of the
	// units that took a former one over.
	Dates
	NowPartOf []string
	// Group gathers units the dashboard can also count together: the
	// former district of a commune, say, so that a hundred communes read
	// as a dozen groups. "" for none.
	Group string
}

// Dates are the days a unit exists or a body takes cases, from Since to
// Until, both included; a zero bound is no bound.
type Dates struct {
	Since, Until period.Date
}

// In reports whether day is within the dates.
func (d Dates) In(day period.Date) bool { return d.Overlaps(day, day) }

// Overlaps reports whether any day from first to last is within the dates.
func (d Dates) Overlaps(first, last period.Date) bool {
	return (d.Since.IsZero() || last >= d.Since) && (d.Until.IsZero() || first <= d.Until)
}

// Text says the dates in Vietnamese and in English: "từ 01/07/2025",
// "đến 30/06/2025", "từ … đến …".
func (d Dates) Text() (vi, en string) {
	var viParts, enParts []string
	if !d.Since.IsZero() {
		viParts, enParts = append(viParts, "từ "+d.Since.VN()), append(enParts, "from "+d.Since.VN())
	}
	if !d.Until.IsZero() {
		viParts, enParts = append(viParts, "đến "+d.Until.VN()), append(enParts, "until "+d.Until.VN())
	}
	return strings.Join(viParts, " "), strings.Join(enParts, " ")
}

// Item is a category, platform or metric: a stable key and a display name.
type Item struct {
	Key  string
	Name string
}

// FormerName is a name the organisation had until a day.
type FormerName struct {
	Name  string
	Until period.Date
}

// OrganizationOn is the organisation's name on day d.
func (c *Config) OrganizationOn(d period.Date) string {
	for _, n := range c.FormerNames {
		if d <= n.Until {
			return n.Name
		}
	}
	return c.Organization
}

// Referral is a body a case can be passed up to, taking cases from Since
// until Until (zero: no bound): the 2025 reform moved this work between
// ministries and ended the department inspectorates.
type Referral struct {
	Item
	Dates
}

// DefaultReferrals are the bodies of the data contract, for a site.yaml
// that lists none.
func DefaultReferrals() []Referral {
	return []Referral{
		{Item: Item{Key: "thanh-tra-so", Name: "Thanh tra Sở"}},
		{Item: Item{Key: "cuc-attt", Name: "Cục An toàn thông tin"}},
		{Item: Item{Key: "cuc-ptth", Name: "Cục Phát thanh, Truyền hình và Thông tin điện tử"}},
	}
}

// Referral returns the body whose key is given.
func (c *Config) Referral(key string) (Referral, bool) {
	for _, r := range c.Referrals {
		if r.Key == key {
			return r, true
		}
	}
	return Referral{}, false
}
