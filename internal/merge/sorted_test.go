package merge

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"testing"

	"giamsat/internal/export"
	"giamsat/internal/sample"
	"giamsat/internal/site"
)

// randomIDs are ids that the sort by 16-byte prefixes must still order as
// strings: long ones sharing their first 16 bytes, ones that differ by a
// trailing NUL or a trailing character, and ordinary short ones.
var randomIDs = []string{
	"A", "A\x00", "A\x00\x00", "AB", "B",
	"LA-2022-000001", "LA-2022-000002", "LA-2022-0000010",
	"0123456789abcdef", "0123456789abcdef\x00", "0123456789abcdefA", "0123456789abcdefB", "0123456789abcdeg",
	"0123456789abcdef-long-1", "0123456789abcdef-long-10", "0123456789abcdef-long-2",
	"Đ-1", "Đ-2", "\xff", "\xff\xff",
}

// randomExports are files of random records: ids drawn from randomIDs,
// each with a number below spread when spread > 0, exported on a few
// days, so that ids repeat across files, within a file and at one time.
func randomExports(seed uint64, files, records, spread int) []*export.File {
	r := rand.New(rand.NewPCG(seed, 7))
	var exports []*export.File
	for f := range 1 + r.IntN(files) {
		e := &export.File{File: fmt.Sprintf("data/%02d.yaml", f), ExportedAt: day(r.IntN(4))}
		for k := range r.IntN(records) {
			id := randomIDs[r.IntN(len(randomIDs))]
			if spread > 0 {
				id += fmt.Sprint("-", r.IntN(spread))
			}
			c := kase(id, export.Detected, ev(r.IntN(3), "detected", fmt.Sprint(r.IntN(2))))
			c.Pos = export.Pos{File: e.File, Line: 10 * (k + 1)}
			c.ExportedAt = e.ExportedAt
			c.Summary = fmt.Sprint(r.IntN(2)) // records of equal time may disagree
			e.Cases = append(e.Cases, c)
			e.Records++
		}
		exports = append(exports, e)
	}
	return exports
}

// TestMergeAgainstMap merges random exports and checks the result against
// a plain reading of the rules, with a map of ids: ids in byte order, the
// latest exported_at winning and, among records of equal time, the first
// in file order; an id twice in one export is one record and a message.
func TestMergeAgainstMap(t *testing.T) {
	for seed := range uint64(20) {
		checkAgainstMap(t, fmt.Sprint("seed ", seed), randomExports(seed, 6, 30, 0))
	}
	// Enough records for the sort and the merging to use several cores.
	big := randomExports(99, 8, 8000, 2000)
	checkAgainstMap(t, "many records", big)
	want, wantDiags := Merge(big)
	for _, procs := range []int{1, 3} {
		prev := runtime.GOMAXPROCS(procs)
		got, gotDiags := Merge(big)
		runtime.GOMAXPROCS(prev)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("on %d cores the result differs", procs)
		}
	}
}

func checkAgainstMap(t *testing.T, name string, exports []*export.File) {
	t.Helper()
	type rec struct {
		c     *export.Case
		place int
	}
	byID := map[string][]rec{}
	dups := 0
	place := 0
	for _, e := range exports { // already in file order
		seen := map[string]bool{}
		for i := range e.Cases {
			c := &e.Cases[i]
			place++
			if seen[c.ID] {
				dups++
				continue
			}
			seen[c.ID] = true
			byID[c.ID] = append(byID[c.ID], rec{c, place})
		}
	}
	var ids []string
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	res, diags := Merge(exports)
	if len(res.Cases) != len(ids) {
		t.Fatalf("%s: %d cases, want %d", name, len(res.Cases), len(ids))
	}
	updates, conflicts := 0, 0
	for i, id := range ids {
		recs := byID[id]
		updates += len(recs) - 1
		win := recs[0]
		for _, x := range recs[1:] {
			if x.c.ExportedAt.After(win.c.ExportedAt) {
				win = x
			}
		}
		// A record of the same time as an earlier one that says
		// otherwise conflicts with the first of that time.
		first := map[int64]*export.Case{}
		for _, x := range recs {
			at := x.c.ExportedAt.Unix()
			if f := first[at]; f == nil {
				first[at] = x.c
			} else if f.Summary != x.c.Summary || f.Events[0] != x.c.Events[0] {
				conflicts++
			}
		}
		got := res.Cases[i]
		if got.ID != id || got.Pos != win.c.Pos {
			t.Errorf("%s: case %d is %q from %v, want %q from %v", name, i, got.ID, got.Pos, id, win.c.Pos)
		}
	}
	if res.Updates != updates || res.Unique != len(ids) || len(diags) != dups+conflicts {
		t.Errorf("%s: %d updates, %d unique, %d messages; want %d, %d, %d (%d twice in an export, %d conflicts)",
			name, res.Updates, res.Unique, len(diags), updates, len(ids), dups+conflicts, dups, conflicts)
	}
}

// BenchmarkMergeSample merges the exports of a sample site, whose files
// (a district's month) hold ids in runs that the file order interleaves,
// as real reports do.
func BenchmarkMergeSample(b *testing.B) {
	dir := b.TempDir()
	if err := sample.Write(dir, sample.Options{Cases: 30_000, Seed: 1, Years: 5}); err != nil {
		b.Fatal(err)
	}
	cfg, diags := site.Load(dir)
	if len(diags) > 0 {
		b.Fatal(diags)
	}
	var exports []*export.File
	err := filepath.WalkDir(filepath.Join(dir, "data"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		e, diags := export.ReadFile(filepath.ToSlash(rel), data, cfg)
		if len(diags) > 0 {
			return diags
		}
		exports = append(exports, e)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, diags := Merge(exports); len(diags) > 0 {
			b.Fatal(diags)
		}
	}
}
