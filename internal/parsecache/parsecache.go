// Package parsecache keeps the readings of export files, so that a build
// decodes only the files that are new or changed since the last one.
//
// A reading is what export.ReadFile returned for a file: the Export and the
// diagnostics. It is stored under a key made of the file's bytes, the
// binary's version and the site configuration reading depends on; change
// any of them and the key changes, so a stale reading is never found.
package parsecache

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"

	"giamsat/internal/diag"
	"giamsat/internal/export"
	"giamsat/internal/fingerprint"
	"giamsat/internal/site"
)

// Store holds readings by key. Get's results are shared with the store and
// later callers: treat them as read-only. Put may keep e and d as they are;
// the caller must not change them afterwards.
//
// Files and SaveFiles keep, per site folder, the sums of the data files by
// their identity, so that a build need not read a file it has seen
// unchanged (see Files).
type Store interface {
	Get(key string) (*export.File, diag.List, bool)
	Put(key string, e *export.File, d diag.List)
	Files(site string) *Files
	SaveFiles(site string, f *Files)
}

// format is bumped when the meaning of a stored reading changes in a way
// the binary version would not show.
const format = "giamsat-parsecache-3"

// Salt is everything besides a file's bytes that its reading depends on:
// the binary's version and the site's configuration. The whole Config is
// used, not only the lists reading consults, so that no future use of a
// setting can leave a stale reading valid; the cost is that editing the
// site title decodes every file once more.
func Salt(version string, cfg *site.Config) string {
	conf, err := json.Marshal(cfg)
	if err != nil {
		// Config holds only strings, numbers, bools and slices of them.
		panic(fmt.Sprintf("parsecache: encoding the site configuration: %v", err))
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00", format, version, len(conf))
	h.Write(conf)
	return hex.EncodeToString(h.Sum(nil))
}

// Sum is the BLAKE3 hash of a file's bytes: every file a build reads
// without a remembered identity is hashed, 70 MB at 100,000 cases, and
// BLAKE3 runs about ten times faster than SHA-256 here.
type Sum = fingerprint.Sum

// SumOf returns the sum of data.
func SumOf(data []byte) Sum { return fingerprint.Bytes(data) }

// Key is the key of the reading of a file whose bytes have the sum.
func Key(salt string, sum Sum) string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00%s", len(salt), salt)
	h.Write(sum[:])
	return hex.EncodeToString(h.Sum(nil))
}

// Memory keeps readings in the process, for a server that rebuilds the
// same site again and again. It keeps only the readings used since the
// previous call to Sweep, so that a file edited a hundred times is not
// held a hundred times.
type Memory struct {
	mu    sync.Mutex
	m     map[string]reading
	used  map[string]bool
	files map[string]*Files // by site folder
}

type reading struct {
	export *export.File
	diags  diag.List
}

// NewMemory returns an empty in-process store.
func NewMemory() *Memory {
	return &Memory{m: make(map[string]reading), used: make(map[string]bool), files: make(map[string]*Files)}
}

func (m *Memory) Get(key string) (*export.File, diag.List, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.m[key]
	if ok {
		m.used[key] = true
	}
	return r.export, r.diags, ok
}

func (m *Memory) Put(key string, e *export.File, d diag.List) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m[key] = reading{e, d}
	m.used[key] = true
}

// Files returns a copy of what SaveFiles kept for the site.
func (m *Memory) Files(site string) *Files {
	m.mu.Lock()
	f := m.files[site]
	m.mu.Unlock()
	if f == nil {
		return NewFiles()
	}
	return f.clone()
}

// SaveFiles keeps f, which the caller must not change afterwards.
func (m *Memory) SaveFiles(site string, f *Files) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[site] = f
}

// Sweep forgets the readings not asked for or stored since the previous
// Sweep. A server calls it after each build.
func (m *Memory) Sweep() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k := range m.m {
		if !m.used[k] {
			delete(m.m, k)
		}
	}
	clear(m.used)
}

// Len is the number of readings held.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.m)
}
