package sample

import (
	"path/filepath"
	"strings"
	"testing"

	"giamsat/internal/export"
	"giamsat/internal/merge"
	"giamsat/internal/site"
)

// TestReadersAcceptSample reads every generated file with the site's own
// readers: a sample site must read with no diagnostic at all, and merge
// into exactly the cases asked for.
func TestReadersAcceptSample(t *testing.T) {
	for _, opt := range []Options{
		{Cases: 1, Seed: 2},
		{Cases: 1500, Seed: 1},
		{Cases: 700, Seed: 31, Districts: 19, Years: 2, FromYear: 2021},
		{Cases: 300, Seed: 8, Districts: 4, Years: 1},
	} {
		dir := write(t, opt)
		cfg, diags := site.Load(dir)
		if len(diags) > 0 {
			t.Fatalf("%+v: site.yaml:\n%s", opt, diags.Text("en"))
		}
		var exports []*export.File
		for name, data := range tree(t, dir) {
			if !strings.HasPrefix(name, "data/") {
				continue
			}
			e, diags := export.ReadFile(name, data, cfg)
			if len(diags) > 0 {
				t.Errorf("%+v: %s:\n%s", opt, filepath.ToSlash(name), diags.Text("en"))
				continue
			}
			exports = append(exports, e)
		}
		res, diags := merge.Merge(exports)
		if len(diags) > 0 {
			t.Errorf("%+v: merge:\n%s", opt, diags.Text("en"))
		}
		if res.Unique != opt.Cases || res.Rejected != 0 {
			t.Errorf("%+v: %d unique cases, %d rejected", opt, res.Unique, res.Rejected)
		}
	}
}
