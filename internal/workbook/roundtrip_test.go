package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/site"
)

// exampleSite is the example site at the top of the repository.
const exampleSite = "../.."

func loadSite(t testing.TB) *site.Config {
	t.Helper()
	cfg, diags := site.Load(exampleSite)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	return cfg
}

// sameCases compares what two readings of one export hold, leaving out
// where each record was written.
func sameCases(t *testing.T, name string, a, b *export.File) {
	t.Helper()
	strip := func(e *export.File) export.File {
		x := *e
		x.File = ""
		x.Cases = append([]export.Case(nil), e.Cases...)
		for i := range x.Cases {
			c := &x.Cases[i]
			c.Pos = export.Pos{}
			c.Events = append([]export.Event(nil), c.Events...)
			for k := range c.Events {
				c.Events[k].Pos = export.Pos{}
			}
		}
		return x
	}
	sa, sb := strip(a), strip(b)
	if !reflect.DeepEqual(sa, sb) {
		for i := range min(len(sa.Cases), len(sb.Cases)) {
			if !reflect.DeepEqual(sa.Cases[i], sb.Cases[i]) {
				t.Errorf("%s: case %d\n%+v\n%+v", name, i, sa.Cases[i], sb.Cases[i])
				break
			}
		}
		sa.Cases, sb.Cases = nil, nil
		t.Errorf("%s: the readings differ\n%+v\n%+v", name, sa, sb)
	}
}

// The exports of the example site (one in five, to keep the test short),
// converted to a workbook and back to YAML, read as the same exports.
func TestRoundTrip(t *testing.T) {
	cfg := loadSite(t)
	files, _ := filepath.Glob(filepath.Join(exampleSite, "data", "*", "*", "*.yaml"))
	if len(files) < 100 {
		t.Fatalf("found %d example exports", len(files))
	}
	for i := 0; i < len(files); i += 5 {
		name := files[i]
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		orig, diags := export.ReadFile("x.yaml", data, cfg)
		if len(diags) > 0 {
			t.Fatal(diags.Text("en"))
		}
		xlsx, err := Write(orig, cfg)
		if err != nil {
			t.Fatal(err)
		}
		back, diags := Read("x.xlsx", xlsx, cfg)
		if len(diags) > 0 {
			t.Fatalf("%s: %s", name, diags.Text("en"))
		}
		sameCases(t, name+" → xlsx", orig, back)
		y, err := YAML(back, cfg)
		if err != nil {
			t.Fatal(err)
		}
		again, diags := export.ReadFile("x.yaml", y, cfg)
		if len(diags) > 0 {
			t.Fatalf("%s: %s\n%s", name, diags.Text("en"), y)
		}
		sameCases(t, name+" → xlsx → yaml", orig, again)
		if testing.Short() {
			break
		}
	}
}

// Text that a spreadsheet would run as a formula is written as text: the
// workbook convert writes holds no formula.
func TestWriteTextNotFormula(t *testing.T) {
	cfg := loadSite(t)
	e := readOK(t, filled(t, func(f *excelize.File) {
		set(t, f, SheetCases, "F2", "=1+1")
	}))
	data, err := Write(e, cfg)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	formula, _ := f.GetCellFormula(SheetCases, "F2")
	value, _ := f.GetCellValue(SheetCases, "F2")
	if formula != "" || value != "=1+1" {
		t.Errorf("F2: formula %q, value %q", formula, value)
	}
}

// After the 2025 reform, a period's template lists only the units in
// force in it.
func TestTemplateUnitsInForce(t *testing.T) {
	src := []byte("title: T\norganization: O\ndistricts:\n" +
		"  - {code: \"803\", name: Huyện Bến Lức, until: 2025-06-30, now_part_of: [\"27700\"]}\n" +
		"  - {code: \"27700\", name: Xã Bến Lức, since: 2025-07-01}\n" +
		"categories:\n  - {key: c, name: C}\nplatforms:\n  - {key: p, name: P}\n")
	cfg, diags := site.Parse("site.yaml", src)
	if len(diags) > 0 {
		t.Fatal(diags.Text("en"))
	}
	for per, want := range map[string]string{"2025-08": "Xã Bến Lức", "2025-05": "Huyện Bến Lức"} {
		p, _ := period.Parse(per)
		data, err := Template(cfg, TemplateOptions{Period: p})
		if err != nil {
			t.Fatal(err)
		}
		f, _ := excelize.OpenReader(bytes.NewReader(data))
		a2, _ := f.GetCellValue(SheetLists, "A2")
		a3, _ := f.GetCellValue(SheetLists, "A3")
		f.Close()
		if a2 != want || a3 != "" {
			t.Errorf("%s: units %q, %q", per, a2, a3)
		}
	}
}
