package sample

import (
	"fmt"
	"math"
	"math/rand/v2"

	"giamsat/internal/period"
)

// story is one case from detection to its end: everything that will ever
// be true of it. A record written into an export shows the story as it
// stood on the export's day, so that the same case reported twice at the
// same time could never say two different things.
type story struct {
	seq        int // order of detection within its district
	id         string
	detected   period.Date
	platform   int
	category   int
	summary    string
	reach      int64 // < 0: not given
	identified bool
	referredTo string
	fine       int64 // 0: not given
	postURL    string
	basis      bool
	history    bool    // whether records list the events
	events     []event // by date; events[0] is the detection
	next       period.Date
	reformed   bool        // the unit is a commune or ward: the bodies after 2025
	reform     period.Date // the day of the reform, when the site has one
}

// event is one step; status is what the step makes the case, "" for a
// step that changes nothing (verified, note).
type event struct {
	date   period.Date
	action string
	note   string
	status string
}

// statusOf maps the actions that move a case to the status they give it.
var statusOf = map[string]string{
	"detected":           "detected",
	"takedown-requested": "requested",
	"referred":           "referred",
	"removed":            "removed",
	"sanctioned":         "sanctioned",
	"closed":             "closed",
}

// directiveDay is when the ministry letter the sample's directive stands
// for was issued; cases before it cannot have relied on it.
var directiveDay = period.New(2022, 4, 1)

// newStory makes up a case detected on day in district d.
func newStory(r *rand.Rand, seq int, id string, day period.Date, d *district, reform period.Date) *story {
	s := &story{
		seq:      seq,
		id:       id,
		detected: day,
		platform: weighted(r, platforms),
		category: weighted(r, categories),
		reach:    -1,
		history:  r.IntN(10) < 7,
		reformed: d.Kind == "xã" || d.Kind == "phường",
		reform:   reform,
	}
	s.summary = summary(r, s.category, d)
	if r.IntN(10) < 4 {
		// Reach spreads over orders of magnitude: most posts are seen by
		// hundreds, a few by hundreds of thousands.
		s.reach = int64(math.Pow(10, 1.7+3.5*r.Float64()))
	}
	if r.IntN(100) < 8 {
		s.postURL = postURL(r, s.platform)
	}
	s.basis = day >= directiveDay && r.IntN(10) < 3
	identifiedChance := 45
	if s.platform == platWebsite || s.platform == platPress {
		identifiedChance = 85
	}
	s.identified = r.IntN(100) < identifiedChance
	s.plot(r)
	return s
}

// after returns a day from lo to hi days after d, nearer lo more often.
func after(r *rand.Rand, d period.Date, lo, hi int) period.Date {
	u := r.Float64()
	return d.AddDays(lo + int(float64(hi-lo+1)*u*u))
}

// plot writes the case's history.
func (s *story) plot(r *rand.Rand) {
	day := s.detected
	s.add(r, day, "detected")
	if r.IntN(10) < 6 {
		s.add(r, after(r, day, 0, 2), "verified")
	}
	day = s.events[len(s.events)-1].date
	x := r.IntN(100)
	switch {
	case s.identified && x < 10:
		s.add(r, after(r, day, 1, 10), "closed")
	case s.identified && x < 12:
		s.add(r, after(r, day, 0, 3), "takedown-requested") // and nothing since
	case s.identified:
		if r.IntN(10) < 8 {
			day = after(r, day, 0, 3)
			s.add(r, day, "takedown-requested")
		}
		day = after(r, day, 1, 15)
		s.add(r, day, "removed")
		if r.IntN(10) < 4 {
			day = after(r, day, 1, 5)
			s.add(r, day, "note")
			s.fine = fines[r.IntN(len(fines))]
			s.add(r, after(r, day, 3, 25), "sanctioned")
		}
	case x < 40:
		day = after(r, day, 0, 3)
		s.add(r, day, "takedown-requested")
		if r.IntN(100) < 95 {
			s.add(r, after(r, day, 2, 25), "removed")
		}
	case x < 75:
		day = after(r, day, 1, 7)
		// A district's case passed up after the reform goes to the bodies
		// that took the work over.
		s.referredTo = referral(r, s.platform, s.reformed || !s.reform.IsZero() && day >= s.reform)
		s.add(r, day, "referred")
		switch y := r.IntN(100); {
		case y < 65:
			s.add(r, after(r, day, 7, 60), "removed")
		case y < 80:
			s.add(r, after(r, day, 15, 90), "closed")
		}
	case x < 94:
		s.add(r, after(r, day, 1, 10), "closed")
	case x < 97:
		s.add(r, after(r, day, 0, 3), "takedown-requested")
	}
}

// fines are what an individual is usually fined under Decree 15/2020
// Article 101 (half the amount for organisations): 5 to 10 million đồng.
var fines = []int64{5_000_000, 7_500_000, 7_500_000, 7_500_000, 10_000_000}

// referral picks where an unidentified poster's case is passed up to:
// web sites and the press to the broadcasting authority, social networks
// to the information security authority or the Department Inspectorate —
// after the 2025 reform, to the provincial police or the provincial
// Inspectorate (see postReformReferrals).
func referral(r *rand.Rand, platform int, reformed bool) string {
	if platform == platWebsite || platform == platPress {
		return "cuc-ptth"
	}
	switch {
	case reformed && r.IntN(10) < 5:
		return "cong-an-tinh"
	case reformed:
		return "thanh-tra-tinh"
	case r.IntN(10) < 5:
		return "cuc-attt"
	}
	return "thanh-tra-so"
}

func (s *story) add(r *rand.Rand, day period.Date, action string) {
	e := event{date: day, action: action, status: statusOf[action]}
	switch {
	case action == "referred":
		e.note = referralNote[s.referredTo]
	case action == "sanctioned":
		e.note = fineNote(s.fine)
	case r.IntN(10) < 7:
		e.note = pick(r, notes[action])
	}
	s.events = append(s.events, e)
}

// state is the case as known on day: its status, the day it was resolved
// (zero while open) and how many events had happened.
func (s *story) state(day period.Date) (status string, resolved period.Date, n int) {
	for _, e := range s.events {
		if e.date > day {
			break
		}
		n++
		if e.status != "" {
			status = e.status
			resolved = 0
			if e.status == "removed" || e.status == "sanctioned" || e.status == "closed" {
				resolved = e.date
			}
		}
	}
	return status, resolved, n
}

// changeAfter returns the first day after day on which the status
// changes, or zero when it never does again.
func (s *story) changeAfter(day period.Date) period.Date {
	for _, e := range s.events {
		if e.date > day && e.status != "" {
			return e.date
		}
	}
	return 0
}

// postURL makes up the address of the offending post. It is data only:
// the site does not publish it unless publish.post_links is set.
func postURL(r *rand.Rand, platform int) string {
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		return string(b)
	}
	switch platform {
	case platZalo:
		return "" // Zalo posts have no public address
	case platFacebook:
		return fmt.Sprintf("https://www.facebook.com/groups/%d/posts/%d", 1e14+r.Int64N(9e14), 1e15+r.Int64N(9e15))
	case platTikTok:
		return fmt.Sprintf("https://www.tiktok.com/@%s/video/%d", word(10), 7e18+r.Int64N(1e18))
	case platYouTube:
		return "https://www.youtube.com/watch?v=" + word(11)
	}
	return fmt.Sprintf("https://tin%s.example.vn/bai-viet-%d.html", word(5), r.IntN(1e6))
}
