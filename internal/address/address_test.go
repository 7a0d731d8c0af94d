package address

import (
	"net/url"
	"slices"
	"testing"

	"giamsat/internal/period"
	"giamsat/internal/site"
)

func TestAddresses(t *testing.T) {
	apr, _ := period.Parse("2022-04")
	tests := []struct{ got, want string }{
		{Index(""), "index.html"},
		{Index(District("ben-luc")), "districts/ben-luc/index.html"},
		{Index(DistrictCases("ben-luc")), "districts/ben-luc/cases/index.html"},
		{Index(Category("insult")), "categories/insult/index.html"},
		{Index(Report(apr)), "reports/2022-04/index.html"},
		{Index(Directive("283-ttra-2022")), "directives/283-ttra-2022/index.html"},
		{Attachment("283-ttra-2022", "files/a.pdf"), "directives/283-ttra-2022/files/a.pdf"},
		{Paged(DirectiveYear(2022), 1), "directives/year_2022"},
		{Paged(DirectiveYear(2022), 3), "directives/year_2022/3"},
		{Paged(Cases, 2), "cases/2"},
		{DataFile("cases.csv"), "data/cases.csv"},
		{SearchIndex, "search/search-index.js"},
		{NotFoundPage, "404.html"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// Rel's links resolve, from the page they are on, to the path they name,
// under any sub-path.
func TestRel(t *testing.T) {
	for _, from := range []string{"", "cases", "districts/ben-luc", "districts/ben-luc/cases/2", "directives/year_2022/3"} {
		for _, to := range []string{"index.html", "data/cases.csv", "districts/tan-an/index.html"} {
			page, _ := url.Parse("http://host/noi-bo/giamsat/" + Index(from))
			ref, _ := url.Parse(Rel(from, to))
			if got := page.ResolveReference(ref).Path; got != "/noi-bo/giamsat/"+to {
				t.Errorf("Rel(%q, %q) = %q resolves to %q", from, to, Rel(from, to), got)
			}
		}
	}
}

func TestReserved(t *testing.T) {
	for _, name := range []string{"404", "assets", "cases", "categories", "data", "directives", "districts", "downloads", "reports", "search"} {
		if !Reserved(name) {
			t.Errorf("%s is not reserved", name)
		}
	}
	for _, name := range []string{"huong-dan", "index.html", "", "year_2022"} {
		if Reserved(name) {
			t.Errorf("%s is reserved", name)
		}
	}
}

func TestUnitSlugs(t *testing.T) {
	ds := []site.District{
		{Code: "803", Name: "Huyện Bến Lức", Short: "Bến Lức"},
		{Code: "794", Name: "Thành phố Tân An"},
		{Code: "27943", Name: "Xã Mỹ Yên", Short: "Mỹ Yên"},
		{Code: "80001", Name: "Xã Mỹ Yên", Short: "Mỹ Yên"}, // the same name in a merged province
		{Code: "X1", Name: "***"},
	}
	want := []string{"ben-luc", "thanh-pho-tan-an", "my-yen-27943", "my-yen-80001", "x1"}
	if got := UnitSlugs(ds); !slices.Equal(got, want) {
		t.Errorf("UnitSlugs = %q, want %q", got, want)
	}
}

// A case's anchor keeps a plain id readable and gives distinct ids
// distinct anchors that need no escaping anywhere.
func TestCaseAnchor(t *testing.T) {
	for _, tt := range []struct{ id, want string }{
		{"BL-2022-0001", "c-BL-2022-0001"},
		{"v1.2", "c-v1.2"},
		{"A_B", "c-A_5FB"},
		{"A B", "c-A_20B"},
		{"Đ/1", "c-_C4_90_2F1"},
		{`"<x>"`, "c-_22_3Cx_3E_22"},
	} {
		if got := CaseAnchor(tt.id); got != tt.want {
			t.Errorf("CaseAnchor(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
	if CaseAnchor("A_B") == CaseAnchor("A_5FB") {
		t.Error("two ids share an anchor")
	}
}
