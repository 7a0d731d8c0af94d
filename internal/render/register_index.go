package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf16"

	"giamsat/internal/address"
	"giamsat/internal/export"
	"giamsat/internal/fingerprint"
	"giamsat/internal/period"
	"giamsat/internal/vntext"
)

// The register index is what the register script filters and sorts across
// all of a register's pages: one script for the site (address.RegisterIndex)
// that sets window.giamsatRegister, loaded with <script src> when a reader
// first uses a filter or a heading (a fetch is refused from file://).
//
// It is columnar and holds numbers where it can, so that 100,000 cases
// make about 2.5 MB (README, "The case register"):
//
//	epoch       the day numbers' day 0, in days since 1970-01-01
//	asOf        the as-of day (days open of an open case end there)
//	units, categories, platforms, statuses
//	            the names the columns below number (site order; statuses
//	            in export.Statuses order); a key not in site.yaml is added
//	            after them, named by itself, as the rows show it
//	open        per status, 1 if it is open (days open run to asOf)
//	months      the site's months ("2022-04"), oldest first, and
//	monthStarts the day each begins on (reports may start on another day
//	            than the 1st)
//	pages       where each page of the province register starts, and
//	unitPages   of each unit's register, as positions in register order
//	then per case, in id order:
//	id          front coded: the first character's code less 48 is how
//	            many UTF-16 units it shares with the id before (at most
//	            42), the rest is what follows
//	unit, category, platform, status
//	            indices into the names; unit -1 for none
//	detected    day
//	resolved    0 for none, else days after detected + 1
//	overdue     1 or 0
//
// Register order is detected descending, then id (registerOrder), which
// the script sorts again from these columns; a unit's register is the
// province's in that order restricted to the unit. The cases' folded
// summaries, for the text filter only, are a script apart
// (address.RegisterText, window.giamsatRegisterText: one string per case
// in id order), loaded only when the reader types a text: they are most of
// the bytes.

// maxShared bounds the shared length a front-coded id's first character
// gives: 48 + 42 is "Z", short of the backslash, which JSON escapes.
const maxShared = 42

// registerIndexJob writes the register index and the folded summaries.
func (r *renderer) registerIndexJob() error {
	idx, text := r.registerIndex()
	if err := r.out.WriteFile(address.RegisterIndex, fingerprint.Sum{}, idx); err != nil {
		return fmt.Errorf("render %s: %w", address.RegisterIndex, err)
	}
	if err := r.out.WriteFile(address.RegisterText, fingerprint.Sum{}, text); err != nil {
		return fmt.Errorf("render %s: %w", address.RegisterText, err)
	}
	return nil
}

// registerIndex returns the two scripts' bytes.
func (r *renderer) registerIndex() (index, text []byte) {
	cases := r.in.Cases
	l := r.registers()
	var b bytes.Buffer
	epoch := period.New(1970, 1, 1)
	var day0 period.Date
	for i := range cases {
		if d := cases[i].DetectedOn; day0 == 0 || d < day0 {
			day0 = d
		}
	}
	b.WriteString("window.giamsatRegister = {")
	field := func(name string) {
		if b.Len() > len("window.giamsatRegister = {") {
			b.WriteByte(',')
		}
		b.WriteString("\n\"" + name + "\":")
	}
	ints := func(name string, n int, v func(k int) int) {
		field(name)
		b.WriteByte('[')
		for k := range n {
			if k > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(v(k)))
		}
		b.WriteByte(']')
	}
	strs := func(name string, s []string) {
		field(name)
		j, _ := json.Marshal(s) // strings always marshal
		b.Write(j)
	}
	field("epoch")
	b.WriteString(strconv.Itoa(day0.Sub(epoch)))
	field("asOf")
	b.WriteString(strconv.Itoa(r.x.AsOf.Sub(day0)))

	// Names, and each case's number into them.
	type names struct {
		list []string
		at   map[string]int
	}
	table := func(keys, labels []string) *names {
		n := &names{list: labels, at: make(map[string]int, len(keys))}
		for i, k := range keys {
			n.at[k] = i
		}
		return n
	}
	number := func(n *names, key string) int {
		if i, ok := n.at[key]; ok {
			return i
		}
		n.at[key] = len(n.list)
		n.list = append(n.list, key)
		return len(n.list) - 1
	}
	var catKeys, catNames, platKeys, platNames, statKeys, statNames []string
	for _, c := range r.cfg.Categories {
		catKeys, catNames = append(catKeys, c.Key), append(catNames, c.Name)
	}
	for _, p := range r.cfg.Platforms {
		platKeys, platNames = append(platKeys, p.Key), append(platNames, p.Name)
	}
	for _, s := range export.Statuses {
		statKeys, statNames = append(statKeys, string(s)), append(statNames, r.statusName(s))
	}
	cats, plats, stats := table(catKeys, catNames), table(platKeys, platNames), table(statKeys, statNames)
	cat, plat, stat := make([]int, len(cases)), make([]int, len(cases)), make([]int, len(cases))
	for i := range cases {
		c := &cases[i]
		cat[i], plat[i], stat[i] = number(cats, c.Category), number(plats, c.Platform), number(stats, string(c.Status))
	}
	unit := make([]int, len(cases))
	for i := range unit {
		unit[i] = -1
	}
	units := make([]string, len(r.cfg.Districts))
	for u, d := range r.cfg.Districts {
		units[u] = d.Name
		for _, i := range l.units[u] {
			unit[i] = u
		}
	}
	strs("units", units)
	strs("categories", cats.list)
	strs("platforms", plats.list)
	strs("statuses", stats.list)
	ints("open", len(stats.list), func(k int) int {
		if export.Status(stats.list[k]).Open() || k < len(statKeys) && export.Status(statKeys[k]).Open() {
			return 1
		}
		return 0
	})

	months := r.x.Periods(period.Month)
	monthNames := make([]string, len(months))
	for k, m := range months {
		monthNames[k] = m.String()
	}
	strs("months", monthNames)
	ints("monthStarts", len(months), func(k int) int {
		first, _ := months[k].Span(r.cfg.Reports.PeriodStartDay)
		return first.Sub(day0)
	})
	ints("pages", len(l.starts), func(k int) int { return l.starts[k] })
	field("unitPages")
	b.WriteByte('[')
	for u, s := range l.ustart {
		if u > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for k, v := range s {
			if k > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(v))
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')

	ids := make([]string, len(cases))
	var prev []uint16
	for i := range cases {
		cur := utf16.Encode([]rune(cases[i].ID))
		shared := 0
		for shared < min(len(prev), len(cur), maxShared) && prev[shared] == cur[shared] {
			shared++
		}
		// A surrogate pair is kept whole, so that the rest is valid text.
		if shared > 0 && utf16.IsSurrogate(rune(cur[shared-1])) && shared < len(cur) && utf16.IsSurrogate(rune(cur[shared])) {
			shared--
		}
		ids[i] = string(rune('0'+shared)) + string(utf16.Decode(cur[shared:]))
		prev = cur
	}
	strs("id", ids)
	ints("unit", len(cases), func(i int) int { return unit[i] })
	ints("category", len(cases), func(i int) int { return cat[i] })
	ints("platform", len(cases), func(i int) int { return plat[i] })
	ints("status", len(cases), func(i int) int { return stat[i] })
	ints("detected", len(cases), func(i int) int { return cases[i].DetectedOn.Sub(day0) })
	ints("resolved", len(cases), func(i int) int {
		if cases[i].ResolvedOn.IsZero() {
			return 0
		}
		return cases[i].ResolvedOn.Sub(cases[i].DetectedOn) + 1
	})
	ints("overdue", len(cases), func(i int) int {
		if r.x.Overdue[i] {
			return 1
		}
		return 0
	})
	b.WriteString("\n};\n")

	folded := make([]string, len(cases))
	for i := range cases {
		folded[i] = vntext.Fold(cases[i].Summary)
	}
	j, _ := json.Marshal(folded) // strings always marshal
	text = append(append([]byte("window.giamsatRegisterText = "), j...), ";\n"...)
	return b.Bytes(), text
}
