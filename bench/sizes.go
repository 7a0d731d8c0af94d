package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// sizeRow is the first table's line for one sample site.
type sizeRow struct {
	cases, files, records int
	floor, cold           measure
	warm                  measure
	serve                 time.Duration
	largestHTML           int64
	largestName           string
	output, assets        int64
}

// size measures the sample site of n cases.
func (b *bench) size(n int) (sizeRow, error) {
	r := sizeRow{cases: n}
	site := filepath.Join(b.dir, fmt.Sprintf("site-%d", n))
	out := filepath.Join(b.dir, fmt.Sprintf("public-%d", n))
	cache := filepath.Join(b.dir, fmt.Sprintf("cache-%d", n))
	defer removeOutput(out)
	defer os.RemoveAll(cache)
	if !b.keep {
		defer os.RemoveAll(site)
	}
	if _, err := os.Stat(filepath.Join(site, "site.yaml")); err != nil {
		os.RemoveAll(site)
		if _, err := b.exec(b.bin, "sample", "--cases", strconv.Itoa(n), "--years", "5", "--out", site); err != nil {
			return r, err
		}
	}
	files, err := dataFiles(site)
	if err != nil {
		return r, err
	}
	edit := files[len(files)/2]
	defer restore(edit)

	if r.floor, err = b.median(func() (measure, error) { return b.exec(b.self, "floor", site) }); err != nil {
		return r, err
	}
	if _, err := fmt.Sscan(r.floor.stdout, &r.files, &r.records); err != nil {
		return r, fmt.Errorf("floor said %q: %w", r.floor.stdout, err)
	}

	build := func() (measure, error) {
		return b.exec(b.bin, "build", "--source", site, "--out", out, "--cache-dir", cache)
	}
	if r.cold, err = b.median(func() (measure, error) {
		removeOutput(out)
		os.RemoveAll(cache)
		return build()
	}); err != nil {
		return r, err
	}
	// A build after a cold one writes every page: the site it starts from
	// is empty. From the next one on, builds start from the site before
	// the last and keep what did not change; that is what is measured.
	if err := addCase(edit); err != nil {
		return r, err
	}
	if _, err := build(); err != nil {
		return r, err
	}
	r.warm, err = b.median(func() (measure, error) {
		if err := addCase(edit); err != nil {
			return measure{}, err
		}
		return build()
	})
	if err != nil {
		return r, err
	}
	if err := restore(edit); err != nil {
		return r, err
	}
	serve, err := b.median(func() (measure, error) {
		m, err := b.exec(b.self, "serve", site, edit)
		if err != nil {
			return m, err
		}
		ms, err := strconv.ParseFloat(strings.TrimSpace(m.stdout), 64)
		m.wall = time.Duration(ms * float64(time.Millisecond))
		return m, err
	})
	if err != nil {
		return r, err
	}
	r.serve = serve.wall
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		r.output += info.Size()
		// The theme's shared files; the search index is data.
		if rel, _ := filepath.Rel(out, p); strings.HasPrefix(filepath.ToSlash(rel), "assets/") &&
			(strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".css")) {
			r.assets += info.Size()
		}
		return nil
	})
	if err != nil {
		return r, err
	}
	r.largestHTML, r.largestName, err = largestHTML(out)
	return r, err
}

// largestHTML finds the largest HTML file under dir.
func largestHTML(dir string) (size int64, name string, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		info, err := d.Info()
		if err == nil && info.Size() > size {
			size = info.Size()
			name, _ = filepath.Rel(dir, p)
		}
		return err
	})
	return size, filepath.ToSlash(name), err
}

// dataFiles lists a site's exports, sorted.
func dataFiles(site string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(filepath.Join(site, "data"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			files = append(files, p)
		}
		return err
	})
	slices.Sort(files)
	if len(files) == 0 && err == nil {
		err = fmt.Errorf("%s has no data files", site)
	}
	return files, err
}

// An edit adds a case to an export, a copy of its first case under a new
// id: a new case changes figures on the dashboard pages and shifts the
// case register after it, as a month's new export does. Every edit adds
// another, so that no build sees inputs an earlier one saw; restore takes
// them all out.
const addedMark = "\n# bench: added cases\n"

func addCase(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	first, err := firstCase(data)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	n := 1
	if i := bytes.Index(data, []byte(addedMark)); i >= 0 {
		n += bytes.Count(data[i:], []byte("\n  - id: "))
	} else {
		data = append(bytes.TrimRight(data, "\n"), addedMark...)
	}
	eol := bytes.IndexByte(first, '\n')
	data = append(data, first[:eol]...)
	data = fmt.Appendf(data, ".b%d", n)
	return os.WriteFile(name, append(data, first[eol:]...), 0o644)
}

// firstCase returns the first item of the export's case list (the last key
// of a sample export), ending in a newline.
func firstCase(data []byte) ([]byte, error) {
	const item = "\n  - id: "
	i := bytes.Index(data, []byte(item))
	if i < 0 {
		return nil, fmt.Errorf("no case to copy")
	}
	block := data[i+1:]
	if j := bytes.Index(block[len(item)-1:], []byte(item)); j >= 0 {
		block = block[:len(item)-1+j+1]
	}
	if k := bytes.Index(block, []byte(addedMark)); k >= 0 {
		block = block[:k+1]
	}
	if !bytes.HasSuffix(block, []byte("\n")) {
		block = append(append([]byte{}, block...), '\n')
	}
	return block, nil
}

func restore(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	if i := bytes.Index(data, []byte(addedMark)); i >= 0 {
		return os.WriteFile(name, append(data[:i], '\n'), 0o644)
	}
	return nil
}

// removeOutput deletes a published folder and what publishing keeps
// beside it (lock, manifests, the spare site), so that the next build is
// a cold one.
func removeOutput(out string) {
	os.RemoveAll(out)
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".*"))
	for _, m := range matches {
		os.RemoveAll(m)
	}
}

func printSizes(w io.Writer, rows []sizeRow) {
	fmt.Fprintln(w, "\nBuild at scale (wall times; memory is peak resident set size)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "cases\tfiles\trecords\tparse floor\tcold build\tcold peak RSS\tcold÷floor\twarm, 1 changed\tserve rebuild\tlargest HTML\toutput\tJS+CSS\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%s\t%s\t%.2f\t%s\t%s\t%s\t%s\t%s\t\n",
			r.cases, r.files, r.records, secs(r.floor.wall), secs(r.cold.wall), mb(r.cold.maxRSS),
			r.cold.wall.Seconds()/r.floor.wall.Seconds(), secs(r.warm.wall), secs(r.serve),
			kb(r.largestHTML), mb(r.output), kb(r.assets))
	}
	tw.Flush()
	fmt.Fprintln(w, "\nProcessor time (user + system) of the same runs, less sensitive to other load")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "cases\tparse floor\tcold build\tcold÷floor\twarm, 1 changed\tfloor peak RSS\tlargest HTML file\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.2f\t%s\t%s\t%s\t\n", r.cases, secs(r.floor.cpu), secs(r.cold.cpu),
			r.cold.cpu.Seconds()/r.floor.cpu.Seconds(), secs(r.warm.cpu), mb(r.floor.maxRSS), r.largestName)
	}
	tw.Flush()
	fmt.Fprintln(w, "budgets: cold ≤ 1.3 × floor (100k, 1M); peak ≤ 1 GB (100k), ≤ 4 GB (1M); warm ≤ 1 s and serve ≤ 0.5 s (100k); HTML ≤ 300 KB; JS+CSS ≤ 1.3 MB")
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func mb(n int64) string           { return fmt.Sprintf("%.0f MB", float64(n)/1e6) }
func kb(n int64) string           { return fmt.Sprintf("%.0f KB", float64(n)/1e3) }
