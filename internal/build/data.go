package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"giamsat/internal/diag"
	"giamsat/internal/report"
	"giamsat/internal/site"
	"giamsat/internal/strictyaml"
)

// dataFile is one export file found under data/.
type dataFile struct {
	rel  string // relative to the source folder, forward slashes
	size int64
}

// listData finds data/**/*.yaml and *.yml (any letter case), sorted by
// path. Names starting with a dot (editor backups, .git) are skipped, files
// and folders alike. A missing data/ folder is a site with no reports yet.
func listData(source string) ([]dataFile, error) {
	root := filepath.Join(source, "data")
	var files []dataFile
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(path.Ext(d.Name()))
		if d.IsDir() || (ext != ".yaml" && ext != ".yml") {
			return nil
		}
		rel, err := filepath.Rel(source, p)
		if err != nil {
			return err
		}
		var size int64
		if info, err := d.Info(); err == nil {
			size = info.Size()
		}
		files = append(files, dataFile{filepath.ToSlash(rel), size})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing data files: %w", err)
	}
	slices.SortFunc(files, func(a, b dataFile) int { return strings.Compare(a.rel, b.rel) })
	return files, nil
}

// maxRead bounds the memory one file can take: one byte over the reader's
// limit is enough for an oversized file to get its message, without a 10 GB
// mistake being read whole.
const maxRead = strictyaml.MaxFileSize + 1

// readAll reads the files on one worker per CPU. Exports and diagnostics
// come back in file order whatever order the workers finish in; files that
// could not be read at all give no export.
func readAll(ctx context.Context, source string, files []dataFile, cfg *site.Config, prog *progress) ([]*report.Export, diag.List, error) {
	type result struct {
		export *report.Export
		diags  diag.List
	}
	results := make([]result, len(files))
	jobs := make(chan int)
	done := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.NumCPU(), len(files)) {
		wg.Go(func() {
			for i := range jobs {
				e, d := readOne(source, files[i].rel, cfg)
				results[i] = result{e, d}
				records := 0
				if e != nil {
					records = e.Records
				}
				done <- records
			}
		})
	}
	go func() {
		defer close(jobs)
		for i := range files {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(done)
	}()
	for records := range done {
		prog.add(records)
	}
	prog.finish()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}

	var exports []*report.Export
	var diags diag.List
	for _, r := range results {
		if r.export != nil {
			exports = append(exports, r.export)
		}
		diags = append(diags, r.diags...)
	}
	return exports, diags, nil
}

func readOne(source, rel string, cfg *site.Config) (*report.Export, diag.List) {
	data, err := readLimited(filepath.Join(source, filepath.FromSlash(rel)))
	if err != nil {
		return nil, diag.List{diag.At(rel, 0, 0,
			fmt.Sprintf("không đọc được tệp (%v); kiểm tra tệp còn đó và có quyền đọc", err),
			fmt.Sprintf("cannot read the file (%v); check that it exists and is readable", err))}
	}
	return report.ReadFile(rel, data, cfg)
}

func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxRead))
}
