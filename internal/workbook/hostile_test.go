package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// rezip copies a workbook's parts, then adds extra ones.
func rezip(t *testing.T, data []byte, extra map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	for name, b := range extra {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// mixed is n bytes that compress about ratio to one: runs of zeros with a
// random byte between.
func mixed(n, ratio int) []byte {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < n; i += ratio / 4 {
		b[i] = byte(r.IntN(256))
	}
	return b
}

// Hostile workbooks are refused at their file, quickly and in little
// memory. The bounds asserted are generous for a loaded CI machine; what
// was measured is in the README.
func TestHostile(t *testing.T) {
	valid := filled(t, nil)
	cfg := loadSite(t)
	tests := []struct {
		name, file string
		data       func() []byte
		want       string
	}{
		{"over the size limit", "x.xlsx", func() []byte { return append(bytes.Clone(valid), make([]byte, MaxFileSize)...) }, "over the 16 MB limit"},
		{"zip bomb: a part that grows a thousand times", "x.xlsx", func() []byte {
			return rezip(t, valid, map[string][]byte{"xl/media/bomb.bin": make([]byte, 12<<20)})
		}, "compressed beyond reason"},
		{"zip bomb: more than the limit unpacked", "x.xlsx", func() []byte {
			parts := map[string][]byte{}
			for i := range 9 {
				parts["xl/media/p"+string(rune('a'+i))+".bin"] = mixed(8<<20, 100)
			}
			return rezip(t, valid, parts)
		}, "unpacks to more than 48 MB"},
		{"too many parts", "x.xlsx", func() []byte {
			parts := map[string][]byte{}
			for i := range MaxEntries {
				parts["xl/media/"+strings.Repeat("a", 1+i%50)+string(rune('A'+i/50))+".bin"] = []byte{1}
			}
			return rezip(t, valid, parts)
		}, "parts, over the 1000 allowed"},
		{"too many rows", "x.xlsx", func() []byte {
			return filled(t, func(f *excelize.File) { f.SetCellStr(SheetCases, "A30000", "x") })
		}, "more than 20000 rows"},
		{"too many columns", "x.xlsx", func() []byte {
			return filled(t, func(f *excelize.File) { f.SetCellStr(SheetCases, "XFD2", "x") })
		}, "past the 64 columns allowed"},
		{"macro-enabled by name", "x.xlsm", func() []byte { return valid }, ".xlsm files are not accepted"},
		{"macros inside", "x.xlsx", func() []byte {
			return rezip(t, valid, map[string][]byte{"xl/vbaProject.bin": []byte("VBA")})
		}, "holds macros"},
		{"password", "x.xlsx", func() []byte {
			f, _ := excelize.OpenReader(bytes.NewReader(valid))
			var buf bytes.Buffer
			if err := f.Write(&buf, excelize.Options{Password: "matkhau"}); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}, "password-protected, or an old .xls"},
		{"external links", "x.xlsx", func() []byte {
			return rezip(t, valid, map[string][]byte{"xl/externalLinks/externalLink1.xml": []byte("<externalLink/>")})
		}, "links to other files"},
		{"not a workbook: text", "x.xlsx", func() []byte { return []byte("export:\n  unit: X\n") }, "not an Excel workbook"},
		{"not a workbook: another zip", "x.xlsx", func() []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.Create("word/document.xml")
			w.Write([]byte("<w:document/>"))
			zw.Close()
			return buf.Bytes()
		}, "holds no workbook"},
		{"broken XML inside", "x.xlsx", func() []byte {
			return rezip(t, valid, map[string][]byte{"xl/worksheets/sheet9.xml": []byte("<worksheet><sheetData><row")})
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			e, diags := Read(tt.file, data, cfg)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d KB file: refused in %v, %d KB allocated", len(data)>>10, took.Round(time.Millisecond), alloc>>10)
			if tt.want == "" {
				// Not refused up front, but read without a panic.
				return
			}
			if e != nil || len(diags) != 1 || !strings.Contains(diags[0].EN, tt.want) {
				t.Fatalf("got %v\n%s", e, diags.Text("en"))
			}
			if took > 2*time.Second {
				t.Errorf("took %v", took)
			}
			if alloc > 48<<20 {
				t.Errorf("allocated %d MB", alloc>>20)
			}
		})
	}
}

// The largest sheets the limits let through are read in bounded time:
// MaxRows rows of events, and MaxRows rows of 32 formatted empty cells,
// a sheet's XML near MaxPart, the costliest to parse for its size.
func TestLargestSheet(t *testing.T) {
	if testing.Short() {
		t.Skip("writes sheets of 20,000 rows")
	}
	tests := []struct {
		name string
		row  func() []any
		want int // events read
	}{
		{"events", func() []any {
			return []any{"BL-2024-0100", "05/11/2024", "note", strings.Repeat("Ghi chú dài ", 10)}
		}, MaxRows - 1},
		{"formatted empty cells", func() []any {
			row := make([]any, 32)
			for i := range row {
				row[i] = excelize.Cell{StyleID: 1}
			}
			return row
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := filled(t, func(f *excelize.File) {
				sw, err := f.NewStreamWriter(SheetEvents)
				if err != nil {
					t.Fatal(err)
				}
				sw.SetRow("A1", []any{"Mã vụ việc", "Ngày", "Hoạt động", "Ghi chú"})
				row := tt.row()
				for r := 2; r <= MaxRows; r++ {
					cell, _ := excelize.CoordinatesToCellName(1, r)
					sw.SetRow(cell, row)
				}
				if err := sw.Flush(); err != nil {
					t.Fatal(err)
				}
			})
			cfg := loadSite(t)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			stop, peak := watchHeap()
			start := time.Now()
			e, diags := Read("x.xlsx", data, cfg)
			took := time.Since(start)
			stop()
			runtime.ReadMemStats(&after)
			t.Logf("%d KB workbook: read in %v, %d MB allocated in all, heap at most %d MB", len(data)>>10, took.Round(time.Millisecond),
				(after.TotalAlloc-before.TotalAlloc)>>20, *peak>>20)
			if len(diags) > 0 || len(e.Cases[0].Events) != tt.want {
				t.Fatalf("%d problems: %s", len(diags), diags.Text("en"))
			}
			if took > 30*time.Second {
				t.Errorf("took %v", took)
			}
		})
	}
}

// watchHeap samples the heap in use every few milliseconds until stop,
// keeping the largest.
func watchHeap() (stop func(), peak *uint64) {
	peak = new(uint64)
	done := make(chan bool)
	finished := make(chan bool)
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			*peak = max(*peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-finished }, peak
}
