package render

import (
	"giamsat/internal/export"
	"giamsat/internal/stats"
)

// Figure is one headline number: a count or a rate, with what it is
// compared with.
type Figure struct {
	Key   string // stable name, for tests and CSS: open, overdue, long, oldest, waiting, new, resolved…
	Label string
	Value string
	Href  string // where the figure's cases are, when one page holds them
	Sub   string // a line under the value: the share, the case's id
	// Change is against Against ("tháng 12/2023: 59"); Change.Text is ""
	// when the figure is not compared.
	Change  Change
	Against string
	// Tone says whether the change is for the better (good), the worse
	// (bad) or neither (""): more cases is worse, more resolved better.
	// Pages colour by it; the sign and the arrow say the direction without
	// colour.
	Tone  string
	Spark *Spark // the last twelve months, oldest first; nil for none
	Total string // all periods, on the category pages
}

// Which way a figure gets better, for Figure.Tone.
const (
	lowerIsBetter  = -1
	neutral        = 0
	higherIsBetter = 1
)

// tone is the Figure.Tone of a change in direction trend for a figure that
// gets better the way better says.
func tone(trend string, better int) string {
	d := 0
	switch trend {
	case "up":
		d = 1
	case "down":
		d = -1
	}
	switch d * better {
	case 1:
		return "good"
	case -1:
		return "bad"
	}
	return ""
}

// removalRate is the share of the cases whose removal was requested that
// were removed: removed ÷ (removed + requested), as a ratio. Cases closed
// without removal, sanctioned or referred up are left out of both sides:
// for them removal was not, or not yet, the outcome sought. ok is false
// when no case was removed or is awaiting removal.
func removalRate(c stats.Counts) (rate float64, ok bool) {
	removed, requested := c.Status(export.Removed), c.Status(export.Requested)
	if removed+requested == 0 {
		return 0, false
	}
	return float64(removed) / float64(removed+requested), true
}

func trend(d float64) string {
	switch {
	case d > 0:
		return "up"
	case d < 0:
		return "down"
	}
	return "same"
}
