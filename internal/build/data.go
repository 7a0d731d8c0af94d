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
	"time"

	"giamsat/internal/diag"
	"giamsat/internal/export"
	"giamsat/internal/parsecache"
	"giamsat/internal/plainfile"
	"giamsat/internal/site"
	"giamsat/internal/strictyaml"
	"giamsat/internal/workbook"
)

// dataFile is one export file found under data/.
type dataFile struct {
	rel  string // relative to the source folder, forward slashes
	size int64
}

// listData finds data/**/*.yaml and *.yml, and the workbooks (any letter
// case), sorted by path. Names starting with a dot (editor backups, .git)
// are skipped, files and folders alike, and so are Excel's lock files
// (~$name.xlsx). A missing data/ folder is a site with no reports yet.
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
		if p != root && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "~$")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(path.Ext(d.Name()))
		// A link to a folder is not entered (see checkData), but listed,
		// so that the exports it holds are not left out without a word.
		folderLink := d.Type()&fs.ModeSymlink != 0 && isDir(p)
		if d.IsDir() || (ext != ".yaml" && ext != ".yml" && !workbook.Listed(ext) && !folderLink) {
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

func isDir(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.IsDir()
}

// maxRead bounds the memory one file can take: one byte over the reader's
// limit is enough for an oversized file to get its message, without a 10 GB
// mistake being read whole.
const maxRead = strictyaml.MaxFileSize + 1

// reading is how the build reads exports: from the source folder, against
// the site's configuration, through the cache when there is one.
type reading struct {
	source string
	cfg    *site.Config
	cache  parsecache.Store // nil: decode every file
	salt   string           // parsecache.Salt, when cache is set
	// known are the sums of the files as the previous build saw them;
	// seen collects them as this build sees them.
	known, seen *parsecache.Files
	now         func() time.Time // when a file is read, to tell a racy one
}

func newReading(source string, cfg *site.Config, cache parsecache.Store, version string) *reading {
	rd := &reading{source: source, cfg: cfg, cache: cache, now: time.Now}
	if cache != nil {
		rd.salt = parsecache.Salt(version, cfg)
		rd.known, rd.seen = cache.Files(source), parsecache.NewFiles()
	}
	return rd
}

// all reads the files on one worker per CPU. Exports and diagnostics
// come back in file order whatever order the workers finish in; files that
// could not be read at all give no export. decoded counts the files not
// found in the cache.
func (rd *reading) all(ctx context.Context, files []dataFile, prog *progress, decoded *int) ([]*export.File, diag.List, error) {
	type result struct {
		export  *export.File
		diags   diag.List
		decoded bool
	}
	results := make([]result, len(files))
	jobs := make(chan int)
	done := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.NumCPU(), len(files)) {
		wg.Go(func() {
			for i := range jobs {
				e, d, dec := rd.one(files[i].rel)
				results[i] = result{e, d, dec}
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

	var exports []*export.File
	var diags diag.List
	for _, r := range results {
		if r.export != nil {
			exports = append(exports, r.export)
		}
		diags = append(diags, r.diags...)
		if r.decoded {
			*decoded++
		}
	}
	return exports, diags, nil
}

// one reads the file rel, from the cache when its reading is there.
// decoded is false when the reading came from the cache. A file whose
// identity is as the previous build saw it is not even read: its sum is
// known.
func (rd *reading) one(rel string) (e *export.File, d diag.List, decoded bool) {
	if d, bad := checkData(rd.source, rel); bad {
		return nil, diag.List{d}, false
	}
	name := filepath.Join(rd.source, filepath.FromSlash(rel))
	var (
		id     parsecache.FileID
		hasID  bool
		readAt = rd.now()
	)
	if rd.cache != nil {
		if info, err := os.Stat(name); err == nil {
			id, hasID = parsecache.Identify(info)
		}
		if sum, ok := rd.known.Sum(rel, id); hasID && ok {
			if e, d, ok := rd.cache.Get(parsecache.Key(rd.salt, sum)); ok {
				rd.seen.Keep(rel, id, sum)
				e, d = relocate(e, d, rel)
				return e, d, false
			}
		}
	}
	data, err := readLimited(name)
	if err != nil {
		return nil, diag.List{diag.At(rel, 0, 0,
			fmt.Sprintf("không đọc được tệp (%v); kiểm tra tệp còn đó và có quyền đọc", err),
			fmt.Sprintf("cannot read the file (%v); check that it exists and is readable", err))}, false
	}
	if rd.cache == nil {
		e, d = readExport(rel, data, rd.cfg)
		return e, d, true
	}
	sum := parsecache.SumOf(data)
	if hasID && int64(len(data)) == id.Size {
		rd.seen.Remember(rel, id, sum, readAt)
	}
	key := parsecache.Key(rd.salt, sum)
	if e, d, ok := rd.cache.Get(key); ok {
		e, d = relocate(e, d, rel)
		return e, d, false
	}
	e, d = readExport(rel, data, rd.cfg)
	rd.cache.Put(key, e, d)
	return e, d, true
}

// readExport reads a YAML export or a workbook, by the file's name.
func readExport(rel string, data []byte, cfg *site.Config) (*export.File, diag.List) {
	if workbook.Listed(strings.ToLower(path.Ext(rel))) {
		return workbook.Read(rel, data, cfg)
	}
	return export.ReadFile(rel, data, cfg)
}

// relocate names rel in a reading taken from the cache: the key is the
// content, so the reading may be of the same bytes at another path (a file
// moved or copied). The cached reading is shared and stays as it was.
func relocate(e *export.File, d diag.List, rel string) (*export.File, diag.List) {
	if e != nil && e.File != rel {
		moved := *e
		moved.File = rel
		moved.Cases = slices.Clone(e.Cases)
		for i := range moved.Cases {
			c := &moved.Cases[i]
			c.Pos.File = rel
			c.Events = slices.Clone(c.Events)
			for k := range c.Events {
				c.Events[k].Pos.File = rel
			}
		}
		e = &moved
	}
	// Every problem ReadFile reports is in the file it read.
	if slices.ContainsFunc(d, func(x diag.Diag) bool { return x.File != rel }) {
		d = slices.Clone(d)
		for i := range d {
			d[i].File = rel
		}
	}
	return e, d
}

func readLimited(name string) ([]byte, error) {
	f, err := plainfile.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxRead))
}

// withoutCases returns the exports without their cases, for what follows
// merging: the merged cases are copies, nothing after merging reads an
// export's own list, and at a million cases those lists are a quarter of
// the memory a build holds. The exports themselves are not changed: a
// cache may share them.
func withoutCases(exports []*export.File) []*export.File {
	out := make([]*export.File, len(exports))
	for i, e := range exports {
		trimmed := *e
		trimmed.Cases = nil
		out[i] = &trimmed
	}
	return out
}
