package workbook

import (
	"testing"
)

// FuzzRead feeds the reader any bytes as a workbook: it must return
// problems, never panic. Run it with -fuzzminimizetime 0: minimizing a
// 16 KB workbook input takes the fuzzer minutes without counting execs.
func FuzzRead(f *testing.F) {
	cfg := loadSite(f)
	f.Add(filled(f, nil))
	tpl, err := Template(cfg, TemplateOptions{})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(tpl)
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, diags := Read("data/x.xlsx", data, cfg)
		if e == nil && len(diags) == 0 {
			t.Fatal("no reading and no problem")
		}
		for _, d := range diags {
			if d.File != "data/x.xlsx" || d.VI == "" || d.EN == "" {
				t.Fatalf("problem %+v", d)
			}
		}
	})
}
