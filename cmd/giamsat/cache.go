package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"giamsat/internal/parsecache"
)

// cacheOptions are the parse cache flags of build and check.
type cacheOptions struct {
	dir string
	off bool
}

func cacheFlags(fs *flag.FlagSet) *cacheOptions {
	c := new(cacheOptions)
	fs.StringVar(&c.dir, "cache-dir", "", "keep the readings of data files in this `folder` (default: giamsat in the user's cache folder)")
	fs.BoolVar(&c.off, "no-cache", false, "decode every data file and write every page, neither using nor filling the cache nor keeping the previous site")
	return c
}

// store is the cache to build with and this binary's version for its
// keys. The store is nil when the cache is off, when there is no cache
// folder to use (no home directory) or when the binary cannot be told
// apart from others: that only makes builds slower.
func (c *cacheOptions) store() (parsecache.Store, string) {
	if c.off {
		return nil, ""
	}
	v, err := cacheVersion()
	if err != nil {
		return nil, ""
	}
	dir := c.dir
	if dir == "" {
		var err error
		if dir, err = parsecache.DefaultDir(); err != nil {
			return nil, ""
		}
	}
	return parsecache.NewDisk(dir), v
}

// cacheMaxAge is how long a reading not used stays in the disk cache:
// long enough for a site built once a month.
const cacheMaxAge = 45 * 24 * time.Hour

// trimCache removes from a disk cache the readings not used for
// cacheMaxAge; the cache looks at most once a day.
func trimCache(s parsecache.Store) {
	if d, ok := s.(*parsecache.Disk); ok {
		d.Trim(cacheMaxAge)
	}
}

// cacheVersion identifies this binary in cache keys. A development build
// has no version that changes with its code, so the executable's own hash
// is part of it: a rebuilt giamsat never trusts an older one's readings.
func cacheVersion() (string, error) {
	sum, err := executableHash()
	if err != nil {
		return "", err
	}
	v := version() + " " + runtime.Version() + " " + sum
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				v += " " + s.Key + "=" + s.Value
			}
		}
	}
	return v, nil
}

func executableHash() (string, error) {
	name, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
