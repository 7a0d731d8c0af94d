package content

import (
	"os"
	"testing"

	"giamsat/internal/export"
	"giamsat/internal/sample"
	"giamsat/internal/site"
)

// TestReportTemplate reads the report template the example's guidance
// attaches as a real export: a template that fails the build would teach
// every district the wrong thing.
func TestReportTemplate(t *testing.T) {
	dir := t.TempDir()
	if err := sample.Write(dir, sample.Options{Cases: 1, Years: 1}); err != nil {
		t.Fatal(err)
	}
	cfg, diags := site.Load(dir)
	if len(diags) > 0 {
		t.Fatalf("sample site.yaml:\n%s", diags.Text("en"))
	}
	const file = "../../content/directives/files/mau-bao-cao-thang.yaml"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	exp, diags := export.ReadFile(file, data, cfg)
	if len(diags) > 0 {
		t.Fatalf("the template is not a valid export:\n%s", diags.Text("en"))
	}
	if len(exp.Cases) != 1 || exp.Cases[0].Category != "child-violence" {
		t.Errorf("template read as %+v", exp)
	}
}
