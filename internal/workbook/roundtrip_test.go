package workbook

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"giamsat/internal/export"
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
