package parsecache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"giamsat/internal/diag"
	"giamsat/internal/export"
)

// Disk keeps readings in a folder, one file each, so that they outlive
// the process. Every entry carries its key and a checksum of its content:
// an entry that is truncated, damaged, written by another format or
// renamed reads as missing, and the file is decoded again. Writing is
// best-effort: a cache that cannot be written makes builds slower, never
// wrong.
type Disk struct {
	dir string
}

// NewDisk returns a store in dir, created when first written: readings/
// holds the readings, files/ a Files for each site folder built.
func NewDisk(dir string) *Disk { return &Disk{dir: dir} }

// DefaultDir is giamsat's folder in the user's cache directory.
func DefaultDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("finding the cache folder: %w", err)
	}
	return filepath.Join(dir, "giamsat"), nil
}

// An entry file is
//
//	magic (8 bytes) | payload length (uint64) | CRC-32C of payload (uint32) | payload
//
// with the numbers big endian, and the payload the key and the reading as
// codec.go writes them. The last byte of magic is the format's version.
// The checksum is against damage (a disk error, a file cut short), not
// against forgery: whoever can write the cache folder can also replace
// the binary. CRC-32C runs in hardware, where SHA-256 would cost a warm
// build a tenth of a second more per hundred thousand cases.
var magic = [8]byte{'g', 's', 'p', 'c', 0, 0, 0, 4}

const headerLen = len(magic) + 8 + 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func (d *Disk) path(key string) string {
	if len(key) < 3 {
		return filepath.Join(d.dir, "readings", "_", key)
	}
	return filepath.Join(d.dir, "readings", key[:2], key)
}

// filesPath is where the Files of a site folder is kept: named for the
// folder's absolute path, so that two sites never share one.
func (d *Disk) filesPath(site string) string {
	if abs, err := filepath.Abs(site); err == nil {
		site = abs
	}
	sum := sha256.Sum256([]byte(site))
	return filepath.Join(d.dir, "files", hex.EncodeToString(sum[:16]))
}

// Files returns the site's Files as the last SaveFiles left it; an empty
// one when there is none or it is damaged.
func (d *Disk) Files(site string) *Files {
	data, err := os.ReadFile(d.filesPath(site))
	if err != nil {
		return NewFiles()
	}
	payload, err := open(data)
	if err != nil {
		return NewFiles()
	}
	dec := decoder{b: payload, s: string(payload)}
	f := dec.files()
	if dec.err != nil {
		return NewFiles()
	}
	return f
}

// SaveFiles keeps f as the site's Files.
func (d *Disk) SaveFiles(site string, f *Files) {
	enc := encoder{b: make([]byte, headerLen, 4096)}
	enc.files(f)
	_ = writeFile(d.filesPath(site), seal(enc.b))
}

func (d *Disk) Get(key string) (*export.File, diag.List, bool) {
	name := d.path(key)
	data, mod, err := readFile(name)
	if err != nil {
		return nil, nil, false
	}
	k, e, diags, err := decode(data)
	if err != nil || k != key {
		return nil, nil, false
	}
	// The time of last use, for Trim; at most once an hour, to spare the
	// writes.
	if now := time.Now(); now.Sub(mod) > time.Hour {
		os.Chtimes(name, now, now)
	}
	return e, diags, true
}

// readFile is os.ReadFile that also returns the file's mtime.
func readFile(name string) ([]byte, time.Time, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	data := make([]byte, info.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, time.Time{}, err
	}
	return data, info.ModTime(), nil
}

// Trim removes the readings not used for maxAge, so that the folder does
// not grow without end as files change and new versions of giamsat come.
// It walks the folder at most once a day, and is best-effort like Put.
func (d *Disk) Trim(maxAge time.Duration) {
	mark := filepath.Join(d.dir, "trimmed")
	now := time.Now()
	if info, err := os.Stat(mark); err == nil && now.Sub(info.ModTime()) < 24*time.Hour {
		return
	}
	if err := writeFile(mark, nil); err != nil {
		return
	}
	filepath.WalkDir(filepath.Join(d.dir, "readings"), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > maxAge {
			os.Remove(p)
		}
		return nil
	})
}

// open checks the header of a cache file and returns its payload.
func open(data []byte) ([]byte, error) {
	if len(data) < headerLen || !bytes.Equal(data[:len(magic)], magic[:]) {
		return nil, errors.New("not a cache file of this format")
	}
	n := binary.BigEndian.Uint64(data[len(magic):])
	payload := data[headerLen:]
	if uint64(len(payload)) != n {
		return nil, errors.New("truncated")
	}
	if crc32.Checksum(payload, castagnoli) != binary.BigEndian.Uint32(data[len(magic)+8:]) {
		return nil, errors.New("checksum mismatch")
	}
	return payload, nil
}

// decode checks an entry file and reads it.
func decode(data []byte) (key string, e *export.File, diags diag.List, err error) {
	payload, err := open(data)
	if err != nil {
		return "", nil, nil, err
	}
	d := decoder{b: payload, s: string(payload)}
	key, e, diags = d.entry()
	if d.err != nil {
		return "", nil, nil, fmt.Errorf("%w (%d bytes in)", d.err, d.off)
	}
	return key, e, diags, nil
}

// encode makes an entry file.
func encode(key string, e *export.File, diags diag.List) []byte {
	enc := encoder{b: make([]byte, headerLen, 4096)}
	enc.entry(key, e, diags)
	return seal(enc.b)
}

// seal fills in the header of a cache file, whose payload follows the
// headerLen bytes kept for it.
func seal(data []byte) []byte {
	copy(data, magic[:])
	binary.BigEndian.PutUint64(data[len(magic):], uint64(len(data)-headerLen))
	binary.BigEndian.PutUint32(data[len(magic)+8:], crc32.Checksum(data[headerLen:], castagnoli))
	return data
}

func (d *Disk) Put(key string, e *export.File, diags diag.List) {
	_ = writeFile(d.path(key), encode(key, e, diags))
}

// writeFile writes through a temporary file and a rename, so that a
// reader, or a build running at the same time, sees the whole entry or
// none of it.
func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
