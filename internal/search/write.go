package search

import (
	"bytes"
	"fmt"
	"strings"

	"giamsat/internal/address"
	"giamsat/internal/content"
	"giamsat/internal/export"
	"giamsat/internal/fingerprint"
	"giamsat/internal/publish"
	"giamsat/internal/site"
	"giamsat/internal/theme"
)

// The search page and its index, from the site root.
const (
	PagePath  = address.Search + "/"
	IndexFile = address.SearchIndex
)

// View is what the search page layout shows.
type View struct {
	Index string // the index script, relative to the page
	// Scope says which cases the search covers.
	Scope string
}

// Write writes the search page and its index into out for the site's
// configuration, documents and merged cases (sorted by id); caseHref gives
// case i's row on the register page that lists it (the register's order,
// paging and anchors are render's).
func Write(out *publish.Tree, th *theme.Theme, cfg *site.Config, set *content.Set, cases []export.Case, caseHref func(i int) string) error {
	x := Build(Input{
		Site:          cfg,
		Content:       set,
		Cases:         cases,
		CaseHref:      caseHref,
		DistrictPaths: districtPaths(cfg.Districts),
		Format:        th.Format(),
		Status:        func(s export.Status) string { return th.T("dashboard.status." + string(s)) },
	})
	var js bytes.Buffer
	kinds := [numKinds]string{
		District:  cfg.DistrictLabel,
		Category:  th.T("search_kind_category"),
		Directive: th.T("search_kind_directive"),
		Page:      th.T("search_kind_page"),
		Case:      th.T("search_kind_case"),
	}
	if err := x.WriteJS(&js, kinds); err != nil {
		return err
	}
	if err := out.WriteFile(IndexFile, fingerprint.Sum{}, js.Bytes()); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	v := &View{Index: strings.TrimPrefix(IndexFile, PagePath), Scope: scope(th, x)}
	return th.Write(out, PagePath, "search.html", th.Page(PagePath, th.T("search_title"), v))
}

// scope says which cases the search covers: all of them, or the most
// recent ones out of how many.
func scope(th *theme.Theme, x *Index) string {
	f := th.Format()
	key := "search_cases_all"
	if x.Indexed < x.Cases {
		key = "search_cases_recent"
	}
	return th.Tf(key, "indexed", f.Num(int64(x.Indexed)), "total", f.Num(int64(x.Cases)))
}

// districtPaths is each unit's page folder, in site order.
func districtPaths(ds []site.District) []string {
	paths := address.UnitSlugs(ds)
	for i, s := range paths {
		paths[i] = address.District(s)
	}
	return paths
}
