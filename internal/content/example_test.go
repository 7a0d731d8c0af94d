package content

import (
	"os"
	"path/filepath"
	"testing"

	"giamsat/internal/format"
	"giamsat/internal/publish"
	"giamsat/internal/theme"
)

// TestExampleSite loads the example site's own content, so that a change
// here or there that breaks it is seen at once.
func TestExampleSite(t *testing.T) {
	set, diags := Load("../..", testConfig())
	if len(diags) > 0 {
		t.Fatalf("example content:\n%s", diags.Text("en"))
	}
	if set.Directive("283-ttra-2022") == nil || set.Directive("512-stttt-2022") == nil {
		t.Fatal("the example lacks the Ministry letter or the Department's letter")
	}
	if by := set.Directive("283-ttra-2022").ImplementedBy; len(by) == 0 {
		t.Error("nothing carries out 283-ttra-2022")
	}
	// The list shows its grouping and its filters only with several years,
	// issuers and kinds.
	if v := indexView(set, format.New("vi")); len(v.Years) < 3 || len(v.Issuers) < 3 || len(v.Kinds) < 3 {
		t.Errorf("the example has %d years, %d issuers, %d kinds of directive; want at least 3 of each", len(v.Years), len(v.Issuers), len(v.Kinds))
	}
	if len(set.MenuPages()) == 0 || set.Intro() == "" {
		t.Error("the example has no menu page or no introduction")
	}
	th, err := theme.Load(theme.Options{SiteTitle: "Giám sát", Nav: set.MenuPages()})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	n, err := Render(publish.NewTree(out), th, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(set.Directives()) + 1 + len(set.Pages()); n != want {
		t.Errorf("%d pages, want %d", n, want)
	}
	if _, err := os.Stat(filepath.Join(out, "directives/18-hd-stttt-2022/files/mau-bao-cao-thang.yaml")); err != nil {
		t.Errorf("the example's attachment was not published: %v", err)
	}
}
