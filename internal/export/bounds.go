package export

import "math"

// Bounds on what the exports may hold. They are far above anything a
// province reports, and small enough that no sum the site computes can
// overflow: every amount or count is at most MaxAmount, and a site has at
// most MaxRecords records, so a total is at most their product, which the
// constant below checks (a negative constant does not compile as uint64).
const (
	// MaxAmount bounds fine_vnd (100 billion đồng, a thousand times the
	// largest administrative fine), reach and every metric. Messages say
	// it in words ("100 billion").
	MaxAmount = 100_000_000_000
	// MaxRecords bounds the records of all exports of a site together.
	MaxRecords = 10_000_000
	// MaxCaseYears is how long before its export a case's dates may be:
	// the exports report what units watch now, not history.
	MaxCaseYears = 10
	// MaxText bounds a summary, an event's note and a post_url, in
	// characters; MaxName every other text (unit, district, platform…).
	MaxText = 2000
	MaxName = 500
)

const _ = uint64(math.MaxInt64 - MaxRecords*MaxAmount)
