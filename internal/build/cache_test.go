package build

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"giamsat/internal/diag"
	"giamsat/internal/parsecache"
	"giamsat/internal/site"
)

// buildWith builds src into a fresh folder and returns what it wrote.
func buildWith(t *testing.T, src string, cache parsecache.Store, version string) (Summary, diag.List, map[string]string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	sum, diags, err := Run(context.Background(), Options{Source: src, Out: out, Cache: cache, Version: version})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(diags) > 0 {
		return sum, diags, nil
	}
	return sum, diags, snapshot(t, out)
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCacheWarmEqualsCold(t *testing.T) {
	src := copySite(t)
	_, _, cold := buildWith(t, src, nil, "v1")
	stores := map[string]parsecache.Store{
		"disk":   parsecache.NewDisk(t.TempDir()),
		"memory": parsecache.NewMemory(),
	}
	for name, store := range stores {
		t.Run(name, func(t *testing.T) {
			first, _, a := buildWith(t, src, store, "v1")
			warm, _, b := buildWith(t, src, store, "v1")
			if first.Decoded != 3 || warm.Decoded != 0 {
				t.Errorf("decoded %d then %d files, want 3 then 0", first.Decoded, warm.Decoded)
			}
			if !maps.Equal(a, cold) || !maps.Equal(b, cold) {
				t.Errorf("output through the cache differs from a build without it:\n%s", diffFiles(cold, b))
			}
			if warm.Records != first.Records || warm.Unique != first.Unique || warm.Updates != first.Updates {
				t.Errorf("warm summary %+v, cold %+v", warm, first)
			}
		})
	}
}

// diffFiles names the files that differ between two snapshots.
func diffFiles(a, b map[string]string) string {
	var out []string
	for k := range a {
		if a[k] != b[k] {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

func TestCacheOnlyChangedFilesDecoded(t *testing.T) {
	src := copySite(t)
	store := parsecache.NewDisk(t.TempDir())
	buildWith(t, src, store, "v1")

	// One file changed, one added: only those two are decoded, and the
	// result is what a build without the cache makes.
	name := filepath.Join(src, "data", "2022", "05", "tan-an.yml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, name, strings.Replace(string(data), "2022-06-07", "2022-06-06", 1))
	writeFile(t, filepath.Join(src, "data", "2022", "06", "tan-an.yml"), strings.NewReplacer("2022-05", "2022-06", "2022-06-07", "2022-07-04").Replace(string(data)))
	sum, _, warm := buildWith(t, src, store, "v1")
	if sum.Files != 4 || sum.Decoded != 2 {
		t.Errorf("files %d decoded %d, want 4 and 2", sum.Files, sum.Decoded)
	}
	_, _, cold := buildWith(t, src, nil, "")
	if !maps.Equal(warm, cold) {
		t.Errorf("warm build differs from cold:\n%s", diffFiles(cold, warm))
	}

	// A new binary trusts nothing the old one stored.
	if sum, _, _ := buildWith(t, src, store, "v2"); sum.Decoded != 4 {
		t.Errorf("another version decoded %d files, want 4", sum.Decoded)
	}
}

// A file with problems gives the same problems from the cache, at the
// file's current path.
func TestCacheDiagnostics(t *testing.T) {
	src := copySite(t)
	bad := `export:
  unit: Phòng Văn hóa và Thông tin huyện Bến Lức
  district: Ben Luc x
  period: 2022-06
  exported_at: 2022-07-03
cases:
  - id: BL-2022-0009
    detected_on: 2022-06-31
    platform: facebook
    category: child-violence
    summary: Clip
    offender: unidentified
    status: requested
`
	writeFile(t, filepath.Join(src, "data", "2022", "06", "ben-luc.yaml"), bad)
	store := parsecache.NewDisk(t.TempDir())
	cold, coldDiags, _ := buildWith(t, src, store, "v1")
	if len(coldDiags) == 0 {
		t.Fatal("the bad file gave no problems")
	}
	warm, warmDiags, _ := buildWith(t, src, store, "v1")
	if warm.Decoded != 0 || cold.Decoded != 4 {
		t.Errorf("decoded %d then %d files, want 4 then 0", cold.Decoded, warm.Decoded)
	}
	if got, want := warmDiags.Text("en"), coldDiags.Text("en"); got != want {
		t.Errorf("warm problems:\n%s\ncold problems:\n%s", got, want)
	}

	// The same bytes under another name: found in the cache, reported at
	// the new name.
	from := filepath.Join(src, "data", "2022", "06", "ben-luc.yaml")
	to := filepath.Join(src, "data", "2022", "06", "ben-luc-2.yaml")
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
	moved, movedDiags, _ := buildWith(t, src, store, "v1")
	if moved.Decoded != 0 {
		t.Errorf("decoded %d files after a rename, want 0", moved.Decoded)
	}
	want := strings.ReplaceAll(coldDiags.Text("en"), "data/2022/06/ben-luc.yaml", "data/2022/06/ben-luc-2.yaml")
	if got := movedDiags.Text("en"); got != want {
		t.Errorf("problems after the rename:\n%s\nwant:\n%s", got, want)
	}
	_, direct, _ := buildWith(t, src, nil, "")
	if got := direct.Text("en"); got != want {
		t.Errorf("problems without the cache:\n%s\nwant:\n%s", got, want)
	}
}

// A damaged entry is read as missing: the file is decoded again and the
// output is right.
func TestCacheDamagedEntry(t *testing.T) {
	src := copySite(t)
	_, _, cold := buildWith(t, src, nil, "")
	dir := t.TempDir()
	store := parsecache.NewDisk(dir)
	buildWith(t, src, store, "v1")

	var entries []string
	filepath.WalkDir(filepath.Join(dir, "readings"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			entries = append(entries, p)
		}
		return err
	})
	if len(entries) != 3 {
		t.Fatalf("%d cache entries, want 3", len(entries))
	}
	damage := []func([]byte) []byte{
		func(b []byte) []byte { b[len(b)-5] ^= 0x20; return b }, // a flipped bit in a case
		func(b []byte) []byte { return b[:len(b)/2] },           // cut short
		func(b []byte) []byte { return nil },                    // empty
	}
	for i, name := range entries {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, name, string(damage[i](data)))
	}
	sum, diags, warm := buildWith(t, src, store, "v1")
	if len(diags) > 0 {
		t.Fatalf("problems after damaging the cache:\n%s", diags.Text("en"))
	}
	if sum.Decoded != 3 {
		t.Errorf("decoded %d files, want all 3", sum.Decoded)
	}
	if !maps.Equal(warm, cold) {
		t.Errorf("output after damaging the cache differs:\n%s", diffFiles(cold, warm))
	}
	// The damaged entries were written again.
	if sum, _, _ := buildWith(t, src, store, "v1"); sum.Decoded != 0 {
		t.Errorf("decoded %d files after the repair, want 0", sum.Decoded)
	}
}

// Reading depends on site.yaml: a district name a file uses becomes known
// when site.yaml gives it as an alias, and the cached reading, which
// rejected it, is not used.
func TestCacheSiteChangeInvalidates(t *testing.T) {
	src := copySite(t)
	name := filepath.Join(src, "data", "2022", "04", "ben-luc.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, name, strings.Replace(string(data), "district: Bến Lức", "district: H. Bến Lức", 1))
	store := parsecache.NewDisk(t.TempDir())
	_, diags, _ := buildWith(t, src, store, "v1")
	if !strings.Contains(diags.Text("en"), "data/2022/04/ben-luc.yaml:3") {
		t.Fatalf("want a problem with the district on line 3, got:\n%s", diags.Text("en"))
	}

	conf := filepath.Join(src, "site.yaml")
	yml, err := os.ReadFile(conf)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, conf, strings.Replace(string(yml), "    short: Bến Lức\n", "    short: Bến Lức\n    aliases: [H. Bến Lức]\n", 1))
	sum, diags, warm := buildWith(t, src, store, "v1")
	if len(diags) > 0 {
		t.Fatalf("problems after adding the alias:\n%s", diags.Text("en"))
	}
	if sum.Decoded != 3 {
		t.Errorf("decoded %d files after site.yaml changed, want all 3", sum.Decoded)
	}
	_, _, cold := buildWith(t, src, nil, "")
	if !maps.Equal(warm, cold) {
		t.Errorf("warm build differs from cold:\n%s", diffFiles(cold, warm))
	}
}

// A file whose identity is as the last build saw it is taken from the
// cache unread; any change to it, even one that keeps its size and puts
// its mtime back, has it read again.
func TestCacheFileIdentity(t *testing.T) {
	src := copySite(t)
	cfg, diags := site.Load(src)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	files, err := listData(src)
	if err != nil {
		t.Fatal(err)
	}
	store := parsecache.NewMemory()
	read := func() (decoded int) {
		rd := newReading(src, cfg, store, "v1")
		// The files were written just now: a clock an hour ahead lets
		// their identities be remembered.
		rd.now = func() time.Time { return time.Now().Add(time.Hour) }
		_, diags, err := rd.all(context.Background(), files, nil, &decoded)
		if err != nil || len(diags) > 0 {
			t.Fatal(err, diags)
		}
		store.SaveFiles(src, rd.seen)
		return decoded
	}
	if n := read(); n != 3 {
		t.Fatalf("first reading decoded %d files, want 3", n)
	}
	if n := store.Files(src).Len(); n != 3 {
		t.Fatalf("%d file identities remembered, want 3", n)
	}
	if n := read(); n != 0 {
		t.Errorf("second reading decoded %d files, want 0", n)
	}

	name := filepath.Join(src, "data", "2022", "05", "tan-an.yml")
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(data), "2022-06-07", "2022-06-08", 1)
	if len(changed) != len(data) {
		t.Fatal("the change should keep the size")
	}
	writeFile(t, name, changed)
	if err := os.Chtimes(name, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if n := read(); n != 1 {
		t.Errorf("after a change that kept size and mtime, %d files decoded, want 1", n)
	}
}
