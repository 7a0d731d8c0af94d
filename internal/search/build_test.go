package search

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"giamsat/internal/content"
	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/site"
	"giamsat/internal/vntext"
)

// bigFixture is the test site with docs more directives and docs/10 more
// pages written beside its own, and n cases detected over a few weeks, so
// that many cases share a day (about fifty a day).
func bigFixture(tb testing.TB, docs, n int) fixture {
	tb.Helper()
	dir := tb.TempDir()
	src := filepath.Join("testdata", "site")
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
	r := rand.New(rand.NewPCG(uint64(docs), uint64(n)))
	words := strings.Fields("Sở Thông tin và Truyền thông đề nghị Phòng Văn hóa huyện Đức Hòa Bến Lức rà soát xử lý nghiêm hình ảnh bạo lực trẻ em trên mạng xã hội báo cáo hằng tháng")
	text := func(k int) string {
		var b strings.Builder
		for i := range k {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		return b.String()
	}
	write := func(name, body string) {
		p := filepath.Join(dir, "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	for i := range docs {
		write(fmt.Sprintf("directives/cv-%05d.md", i), fmt.Sprintf(
			"---\nkind: Công văn\nnumber: %d/STTTT-TTra\nissuer: Sở Thông tin và Truyền thông\nissued_on: %s\nsubject: %s\n---\n%s **%s**.\n\n%s\n",
			i+1000, period.New(2022, 1, 1).AddDays(r.IntN(700)), text(12), text(80), text(3), text(r.IntN(400))))
	}
	for i := range docs / 10 {
		write(fmt.Sprintf("huong-dan/trang-%04d.md", i), fmt.Sprintf("---\ntitle: Trang %d %s\n---\n%s\n", i, text(3), text(300)))
	}
	cfg, diags := site.Load(dir)
	if len(diags) > 0 {
		tb.Fatal(diags.Text("en"))
	}
	set, diags := content.Load(dir, cfg)
	if len(diags) > 0 {
		tb.Fatal(diags.Text("en"))
	}
	cases := make([]export.Case, n)
	for i := range cases {
		cases[i] = export.Case{
			ID:         fmt.Sprintf("C-%06d", i),
			DetectedOn: period.New(2022, 3, 1).AddDays(r.IntN(max(40, n/50))),
			District:   cfg.Districts[r.IntN(len(cfg.Districts))].Code,
			Status:     export.Statuses[r.IntN(len(export.Statuses))],
			Summary:    text(15),
		}
	}
	return fixture{cfg, set, cases}
}

// oneByOne is the index made one entry after another, as the first
// version of Build did: every case ordered by a stable sort, every text
// folded in turn.
func oneByOne(in Input) *Index {
	x := &Index{Cases: len(in.Cases)}
	add := func(e Entry, body ...string) {
		e.FoldTitle, e.FoldNumber = vntext.Fold(e.Title), vntext.Fold(e.Number)
		e.FoldBody = truncate(vntext.Fold(strings.Join(body, " ")), maxBody)
		x.Entries = append(x.Entries, e)
	}
	for i, d := range in.Site.Districts {
		add(Entry{Kind: District, Title: d.Name, Number: d.Code, Meta: d.Short, Href: in.DistrictPaths[i] + "/index.html"}, append([]string{d.Short}, d.Aliases...)...)
	}
	for _, c := range in.Site.Categories {
		add(Entry{Kind: Category, Title: c.Name, Number: c.Key, Href: "categories/" + c.Key + "/index.html"})
	}
	for _, d := range in.Content.Directives() {
		meta := in.Format.Date(d.IssuedOn)
		if d.Issuer != "" {
			meta += " · " + d.Issuer
		}
		add(Entry{Kind: Directive, Title: d.Title, Number: d.Number, Text: d.Subject, Meta: meta, Href: d.Href()},
			d.Subject, d.Kind, d.ParentIssuer, d.Issuer, bodyText(d.Body))
	}
	for _, p := range in.Content.Pages() {
		body := bodyText(p.Body)
		add(Entry{Kind: Page, Title: p.Title, Text: snippet(body), Href: p.Path + "/index.html"}, body)
	}
	order := make([]int, len(in.Cases))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(in.Cases[b].DetectedOn, in.Cases[a].DetectedOn) })
	limit := cmp.Or(in.MaxCases, DefaultMaxCases)
	limit = max(0, min(limit, len(in.Cases)))
	short := map[string]string{}
	for _, d := range in.Site.Districts {
		short[d.Code] = cmp.Or(d.Short, d.Name)
	}
	for _, i := range order[:limit] {
		c := in.Cases[i]
		add(Entry{Kind: Case, Title: c.ID, Text: c.Summary, Meta: in.Format.Date(c.DetectedOn) + " · " + short[c.District] + " · " + in.Status(c.Status), Href: in.CaseHref(i)}, c.Summary)
	}
	x.Indexed = limit
	return x
}

// The index made on several cores is the index made one entry at a time,
// whatever the number of cores and the bound on cases.
func TestBuildSameOnAnyCores(t *testing.T) {
	f := bigFixture(t, 200, 3000)
	for _, maxCases := range []int{0, 1, 57, 3000, 5000, -1} {
		in := f.input(maxCases)
		want := oneByOne(in)
		for _, procs := range []int{1, 2, 5} {
			prev := runtime.GOMAXPROCS(procs)
			got := Build(in)
			runtime.GOMAXPROCS(prev)
			if got.Cases != want.Cases || got.Indexed != want.Indexed || len(got.Entries) != len(want.Entries) {
				t.Fatalf("%d cores, max %d: %d of %d cases in %d entries, want %d of %d in %d", procs, maxCases,
					got.Indexed, got.Cases, len(got.Entries), want.Indexed, want.Cases, len(want.Entries))
			}
			for i := range want.Entries {
				if !reflect.DeepEqual(got.Entries[i], want.Entries[i]) {
					t.Fatalf("%d cores, max %d: entry %d\n got %+v\nwant %+v", procs, maxCases, i, got.Entries[i], want.Entries[i])
				}
			}
		}
	}
}

// recent against a stable sort of every case, with many cases a day so
// that the bound often falls inside a day.
func TestRecent(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 10, 500} {
		cases := make([]export.Case, n)
		for i := range cases {
			cases[i].DetectedOn = period.New(2022, 4, 1).AddDays(r.IntN(7))
		}
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(cases[b].DetectedOn, cases[a].DetectedOn) })
		for _, limit := range []int{-1, 0, 1, 3, n / 2, n - 1, n, n + 1} {
			want := order[:max(0, min(cmp.Or(limit, DefaultMaxCases), n))]
			if got := recent(cases, limit); !slices.Equal(got, want) && len(got)+len(want) > 0 {
				t.Errorf("%d cases, limit %d: %v, want %v", n, limit, got, want)
			}
		}
	}
}

func BenchmarkSearchBuild(b *testing.B) {
	for _, docs := range []int{0, 2000} {
		b.Run(fmt.Sprintf("docs=%d", docs), func(b *testing.B) {
			in := bigFixture(b, docs, 100_000).input(0)
			b.ResetTimer()
			for b.Loop() {
				Build(in)
			}
		})
	}
}
