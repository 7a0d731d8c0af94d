package render

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestRegisterPagesBounds(t *testing.T) {
	for _, tt := range []struct{ n, per int }{{0, 200}, {1, 200}, {199, 200}, {5000, 200}, {5000, 1}, {5000, 3}, {100_000, 228}} {
		ids := sampleIDs(tt.n, 1)
		starts := registerPages(tt.n, tt.per, func(k int) string { return ids[k] })
		if len(starts) == 0 || starts[0] != 0 {
			t.Fatalf("n=%d per=%d: starts %v do not begin at 0", tt.n, tt.per, starts[:min(3, len(starts))])
		}
		for p := range starts {
			end := tt.n
			if p+1 < len(starts) {
				end = starts[p+1]
			}
			size := end - starts[p]
			if size > tt.per || size < 1 && tt.n > 0 {
				t.Errorf("n=%d per=%d: page %d holds %d cases", tt.n, tt.per, p+1, size)
			}
			if p+1 < len(starts) && size < max(1, tt.per*2/3) {
				t.Errorf("n=%d per=%d: page %d holds %d cases, fewer than 2/3 of a page", tt.n, tt.per, p+1, size)
			}
		}
	}
}

// A case added to the register changes the page it falls on and leaves
// almost every other page with the cases it had: that is what lets a
// rebuild after a new export keep most register pages. The new case is
// detected on the day of the case it follows, anywhere in the register, as
// a case reported late is.
func TestRegisterPagesStable(t *testing.T) {
	const n, per = 20_000, 228
	ids := sampleIDs(n, 2)
	before := pageSets(ids, per)
	rng := rand.New(rand.NewPCG(3, 4))
	changed := 0
	const tries = 200
	for range tries {
		at := rng.IntN(n)
		added := slices.Insert(slices.Clone(ids), at+1, ids[at]+".b")
		after := pageSets(added, per)
		for _, p := range after {
			if !slices.Contains(before, p) {
				changed++
			}
		}
	}
	avg := float64(changed) / tries
	t.Logf("a new case changes %.2f of %d pages on average", avg, len(before))
	if avg > 2.5 {
		t.Errorf("a new case changes %.1f pages on average, want about 1 (of %d)", avg, len(before))
	}
}

// pageSets lists each page's cases as one string.
func pageSets(ids []string, per int) []string {
	starts := registerPages(len(ids), per, func(k int) string { return ids[k] })
	var out []string
	for p, s := range starts {
		end := len(ids)
		if p+1 < len(starts) {
			end = starts[p+1]
		}
		out = append(out, strings.Join(ids[s:end], ","))
	}
	return out
}

// sampleIDs returns the ids of n cases in register order: newest first
// (a few cases a day over five years), then by id.
func sampleIDs(n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, seed))
	prefixes := []string{"BL", "CD", "MH", "TA", "DH"}
	type dated struct {
		day int
		id  string
	}
	cases := make([]dated, n)
	for i := range cases {
		cases[i] = dated{rng.IntN(1826), fmt.Sprintf("%s-%d-%05d", prefixes[rng.IntN(len(prefixes))], 2020+rng.IntN(5), i)}
	}
	slices.SortFunc(cases, func(a, b dated) int { return cmp.Or(cmp.Compare(b.day, a.day), strings.Compare(a.id, b.id)) })
	ids := make([]string, n)
	for i, c := range cases {
		ids[i] = c.id
	}
	return ids
}
