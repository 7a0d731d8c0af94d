package parsecache

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"giamsat/internal/diag"
	"giamsat/internal/export"
	"giamsat/internal/site"
)

// reading returns the test export's reading: an export with one good case
// and one rejected, and the problems with the second.
func testReading(t testing.TB) (*site.Config, []byte, *export.File, diag.List) {
	t.Helper()
	cfg, diags := site.Load("testdata")
	if len(diags) > 0 {
		t.Fatalf("site.yaml: %s", diags.Text("en"))
	}
	data, err := os.ReadFile("testdata/export.yaml")
	if err != nil {
		t.Fatal(err)
	}
	e, d := export.ReadFile("data/2022/04/ben-luc.yaml", data, cfg)
	if e == nil || len(e.Cases) != 1 || len(d) == 0 {
		t.Fatalf("the test export should give one case and problems; got %v, %s", e, d.Text("en"))
	}
	return cfg, data, e, d
}

func TestKey(t *testing.T) {
	cfg, data, _, _ := testReading(t)
	salt := Salt("v1", cfg)
	sum := SumOf(data)
	key := Key(salt, sum)
	if Key(salt, SumOf(data)) != key || Salt("v1", cfg) != salt {
		t.Fatal("the same inputs give different keys")
	}
	alias := *cfg
	alias.Districts = append([]site.District(nil), cfg.Districts...)
	alias.Districts[1].Aliases = append(alias.Districts[1].Aliases, "H. Bến Lức")
	links := *cfg
	links.Publish.PostLinks = !cfg.Publish.PostLinks
	others := map[string]string{
		"another version": Key(Salt("v2", cfg), sum),
		"another alias":   Key(Salt("v1", &alias), sum),
		"post links":      Key(Salt("v1", &links), sum),
		"a byte changed":  Key(salt, SumOf(bytes.Replace(data, []byte("0001"), []byte("0003"), 1))),
		"a byte added":    Key(salt, SumOf(append(data, '\n'))),
	}
	for name, k := range others {
		if k == key {
			t.Errorf("%s: same key", name)
		}
	}
}

func TestMemory(t *testing.T) {
	_, _, e, d := testReading(t)
	m := NewMemory()
	if _, _, ok := m.Get("a"); ok {
		t.Fatal("an empty store found a reading")
	}
	m.Put("a", e, d)
	m.Put("b", nil, d)
	ge, gd, ok := m.Get("a")
	if !ok || ge != e || !reflect.DeepEqual(gd, d) {
		t.Fatalf("Get(a) = %v, %v, %v", ge, gd, ok)
	}
	// a and b were used since the store began; after the sweep only what
	// the next round uses stays.
	m.Sweep()
	if m.Len() != 2 {
		t.Fatalf("after the first sweep %d readings, want 2", m.Len())
	}
	m.Get("b")
	m.Sweep()
	if _, _, ok := m.Get("a"); ok || m.Len() != 1 {
		t.Errorf("a was not used in the last round and should be gone; %d readings", m.Len())
	}
}

func TestDiskRoundTrip(t *testing.T) {
	_, _, e, d := testReading(t)
	s := NewDisk(t.TempDir())
	if _, _, ok := s.Get("k1"); ok {
		t.Fatal("an empty store found a reading")
	}
	s.Put("k1", e, d)
	s.Put("k2", nil, d) // a file that is not YAML at all
	ge, gd, ok := s.Get("k1")
	if !ok {
		t.Fatal("the reading was not found")
	}
	if !reflect.DeepEqual(ge, e) || !reflect.DeepEqual(gd, d) {
		t.Errorf("read back\n%#v\n%#v\nwant\n%#v\n%#v", ge, gd, e, d)
	}
	if ge.ExportedAt.String() != e.ExportedAt.String() {
		t.Errorf("exported_at %s, want %s", ge.ExportedAt, e.ExportedAt)
	}
	ge, gd, ok = s.Get("k2")
	if !ok || ge != nil || !reflect.DeepEqual(gd, d) {
		t.Errorf("Get(k2) = %v, %v, %v", ge, gd, ok)
	}
}

// entryFile is the one entry a store in dir holds.
func entryFile(t *testing.T, dir string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "readings", "*", "*"))
	if err != nil || len(files) != 1 {
		t.Fatalf("entries %v, %v; want one", files, err)
	}
	return files[0]
}

func TestDiskDamaged(t *testing.T) {
	_, _, e, d := testReading(t)
	resum := func(b []byte) []byte { return seal(b) } // a valid checksum over whatever payload
	tests := []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"empty", func(b []byte) []byte { return nil }},
		{"header only", func(b []byte) []byte { return b[:headerLen] }},
		{"cut short", func(b []byte) []byte { return b[:len(b)-1] }},
		{"longer", func(b []byte) []byte { return append(b, 0) }},
		{"bit flipped in the payload", func(b []byte) []byte { b[len(b)/2] ^= 1; return b }},
		{"bit flipped in the checksum", func(b []byte) []byte { b[len(magic)+9] ^= 1; return b }},
		{"other format", func(b []byte) []byte { b[len(magic)-1]++; return b }},
		{"garbage with a good checksum", func(b []byte) []byte {
			return resum(append(b[:headerLen:headerLen], bytes.Repeat([]byte{0x7f}, 100)...))
		}},
		{"payload cut, checksum redone", func(b []byte) []byte { return resum(b[:len(b)-10]) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s := NewDisk(dir)
			s.Put("k1", e, d)
			name := entryFile(t, dir)
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, tt.damage(data), 0o644); err != nil {
				t.Fatal(err)
			}
			if ge, gd, ok := s.Get("k1"); ok {
				t.Errorf("a damaged entry was trusted: %v, %v", ge, gd)
			}
			// Put mends it.
			s.Put("k1", e, d)
			if _, _, ok := s.Get("k1"); !ok {
				t.Error("the entry written again was not found")
			}
		})
	}
}

// An entry under another key's name (copied by hand, or a hash prefix
// collision in the folder layout) is not that key's reading.
func TestDiskWrongKey(t *testing.T) {
	_, _, e, d := testReading(t)
	dir := t.TempDir()
	s := NewDisk(dir)
	s.Put("aa1", e, d)
	name := entryFile(t, dir)
	if err := os.Rename(name, filepath.Join(filepath.Dir(name), "aa2")); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := s.Get("aa2"); ok {
		t.Error("an entry stored under another key was trusted")
	}
}

// A cache folder that cannot be written makes Put a no-op, not an error.
func TestDiskUnwritable(t *testing.T) {
	_, _, e, d := testReading(t)
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := NewDisk(file) // a file where the folder should be
	s.Put("k1", e, d)
	if _, _, ok := s.Get("k1"); ok {
		t.Error("found a reading that could not have been written")
	}
}

func FuzzDecode(f *testing.F) {
	_, _, e, d := testReading(f)
	f.Add(encode("k1", e, d)[headerLen:])
	f.Add(encode("k2", nil, nil)[headerLen:])
	f.Add([]byte{})
	f.Add([]byte(strings.Repeat("\xff", 40)))
	f.Fuzz(func(t *testing.T, payload []byte) {
		// The checksum is made right so that the fuzzer reaches the
		// decoding of the payload. Whatever the payload, decoding ends
		// with a reading or an error, and does not panic.
		key, x, diags, err := decode(withHeader(payload))
		if err == nil && key == "" && x == nil && diags == nil && len(payload) > 4 {
			t.Errorf("%d bytes read as nothing", len(payload))
		}
	})
}
