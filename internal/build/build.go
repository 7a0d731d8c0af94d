// Package build is the pipeline from a site folder to a published site:
// read site.yaml and every export under data/, merge the cases, compute the
// figures, and write the downloads and pages into a staging folder that is
// swapped in only when all of it succeeded. Data flows one way; every
// problem found on the way is collected, and any problem publishes nothing.
package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"giamsat/internal/address"
	"giamsat/internal/boundary"
	"giamsat/internal/content"
	"giamsat/internal/diag"
	"giamsat/internal/downloads"
	"giamsat/internal/export"
	"giamsat/internal/fingerprint"
	"giamsat/internal/freeze"
	"giamsat/internal/merge"
	"giamsat/internal/parsecache"
	"giamsat/internal/period"
	"giamsat/internal/publish"
	"giamsat/internal/render"
	"giamsat/internal/search"
	"giamsat/internal/site"
	"giamsat/internal/stats"
	"giamsat/internal/theme"
)

// UsageError is a mistake in the options rather than in the data; its
// message is in the site's language.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Options say what to build.
type Options struct {
	Source string      // the site folder: site.yaml, data/, content/, themes/
	Out    string      // where the site is published; default Source/public
	AsOf   period.Date // overrides site.yaml as_of when not zero
	// CheckOnly reads and validates everything and writes nothing.
	CheckOnly bool
	// Progress receives a progress line while reading large data; nil for none.
	Progress io.Writer
	// Cache keeps the readings of export files between builds, so that
	// only new or changed files are decoded; nil decodes every file.
	Cache parsecache.Store
	// Force publishes into a non-empty output folder that no giamsat
	// build published (see publish.Begin).
	Force bool
	// Version is the binary's version. It is part of every cache key, so
	// that a new binary never trusts an old one's readings.
	Version string
}

// Site is what the build read and computed: everything the downloads and
// pages are made from.
type Site struct {
	Source  string
	Config  *site.Config
	Exports []*export.File // in file order, without their cases (see Cases)
	Cases   []export.Case  // merged, one per id, sorted by id
	Content *content.Set
	Stats   *stats.Summary
	Map     *boundary.Map // nil without a boundary file
	// Closings says when each period's report closed; Frozen holds the
	// figures of each closed one as they stood that day.
	Closings map[period.Period]freeze.Closing
	Frozen   map[period.Period]*freeze.Frozen
}

// Run builds the site. The diagnostics are the problems found in the input,
// sorted; when there are any, nothing is published. The error is for
// anything else (a full disk, another build running, a cancelled context),
// and also leaves the published folder as it was.
func Run(ctx context.Context, opt Options) (Summary, diag.List, error) {
	start := time.Now()
	sum := Summary{Lang: "vi", Check: opt.CheckOnly}
	s, diags, err := read(ctx, opt, &sum)
	if err == nil && len(diags) == 0 && !opt.CheckOnly {
		err = publishSite(ctx, opt, s, &sum)
	}
	diags.Sort()
	sum.Problems = len(diags)
	sum.Elapsed = time.Since(start)
	return sum, diags, err
}

// read loads and validates the whole input and, unless checking, computes
// the figures.
func read(ctx context.Context, opt Options, sum *Summary) (*Site, diag.List, error) {
	source := opt.Source
	if source == "" {
		source = "."
	}
	cfg, diags := site.Load(source)
	if cfg != nil && cfg.Language != "" {
		sum.Lang = cfg.Language
	}
	// Errors in site.yaml would make every record look wrong (an unknown
	// district, a missing category): report them alone.
	if cfg == nil || len(diags) > 0 {
		return nil, diags, nil
	}
	if !opt.AsOf.IsZero() {
		cfg.AsOf = opt.AsOf
	}
	if err := checkOut(source, outDir(opt), sum.Lang); err != nil && !opt.CheckOnly {
		return nil, nil, err
	}

	files, err := listData(source)
	if err != nil {
		return nil, nil, err
	}
	rd := newReading(source, cfg, opt.Cache, opt.Version)
	// The documents do not depend on the data: they are read meanwhile.
	var (
		set          *content.Set
		contentDiags diag.List
		geo          *boundary.Map
		geoDiags     diag.List
		loaded       = make(chan struct{})
	)
	go func() {
		defer close(loaded)
		set, contentDiags = content.Load(source, cfg)
		geo, geoDiags = readBoundary(source, cfg)
	}()
	exports, readDiags, err := rd.all(ctx, files, newProgress(opt.Progress, sum.Lang, files), &sum.Decoded)
	<-loaded
	if err != nil {
		return nil, nil, err
	}
	if opt.Cache != nil {
		opt.Cache.SaveFiles(source, rd.seen)
	}
	diags = append(diags, readDiags...)
	if d, ok := tooManyRecords(exports); ok {
		return nil, append(diags, d), nil
	}
	res, mergeDiags := merge.Merge(exports)
	diags = append(diags, mergeDiags...)
	sum.Files, sum.Records, sum.Unique, sum.Updates, sum.Rejected = len(files), res.Records, res.Unique, res.Updates, res.Rejected

	diags = append(diags, contentDiags...)
	diags = append(diags, geoDiags...)
	if len(contentDiags) == 0 {
		diags = append(diags, set.CheckBasis(res.Cases)...)
	}

	s := &Site{Source: source, Config: cfg, Exports: withoutCases(exports), Cases: res.Cases, Content: set, Map: geo}
	if len(diags) == 0 && !opt.CheckOnly {
		asOf := stats.AsOf(cfg, s.Exports)
		s.Stats = stats.Compute(stats.Input{Site: cfg, Cases: res.Cases, Exports: s.Exports, AsOf: asOf})
		// The closed periods' figures as they stood on their closing days,
		// from the exports made by then: the last use of their records.
		s.Closings = freeze.Closings(cfg, s.Stats)
		s.Frozen = freeze.Figures(cfg, exports, s.Closings)
	}
	return s, diags, nil
}

// tooManyRecords reports the export in which the records of the site
// pass export.MaxRecords, the bound that keeps every sum within 64 bits.
func tooManyRecords(exports []*export.File) (diag.Diag, bool) {
	n := 0
	for _, e := range exports {
		if n += e.Records; n > export.MaxRecords {
			return diag.At(e.File, 1, 1,
				fmt.Sprintf("các tệp trong data/ có hơn %d bản ghi vụ việc tính đến tệp này, quá mức tối đa của một trang; hãy chia dữ liệu thành nhiều trang", export.MaxRecords),
				fmt.Sprintf("the files of data/ hold more than %d case records up to this one, more than a site may have; split the data into several sites", export.MaxRecords)), true
		}
	}
	return diag.Diag{}, false
}

// publishSite writes the site into a staging folder and swaps it in.
func publishSite(ctx context.Context, opt Options, s *Site, sum *Summary) error {
	out := outDir(opt)
	sum.Out = out
	stage, err := publish.Begin(out, reuseSalt(opt), opt.Force)
	if err != nil {
		return beginError(err, sum.Lang)
	}
	defer stage.Abort()
	if err := write(ctx, stage.Tree(), s); err != nil {
		return err
	}
	c := stage.Tree().Counts()
	sum.Written, sum.Pages, sum.Kept = c.Files, c.Pages, c.Kept
	// Interrupted while writing: the half-written site goes, not the old one.
	if err := ctx.Err(); err != nil {
		return err
	}
	return stage.Commit()
}

// beginError says why the output folder cannot be published into, and
// what to do, in the site's language.
func beginError(err error, lang string) error {
	if errors.Is(err, publish.ErrBusy) {
		return fmt.Errorf("%s: %w", text(lang,
			"một lần build khác đang chạy cho thư mục này; chờ nó xong rồi chạy lại",
			"another build is running for this folder; wait for it to finish, then run again"), err)
	}
	if e, ok := errors.AsType[*publish.LinkError](err); ok {
		if e.Link {
			return &UsageError{e.Path + ": " + text(lang,
				"là một liên kết tượng trưng (symbolic link); build không xóa, chuyển hay ghi gì qua liên kết vì nó có thể dẫn tới thư mục khác. Hãy xóa liên kết này (không xóa nơi nó trỏ tới), hoặc chọn --out là chính thư mục thật",
				"is a symbolic link; a build deletes, moves and writes nothing through a link, which may lead to another folder. Remove the link (not what it points to), or give --out the real folder")}
		}
		return &UsageError{e.Path + ": " + text(lang,
			"không phải tệp hay thư mục do build tạo ra (một ống dẫn, thiết bị…); hãy xóa hoặc đổi tên nó rồi chạy lại",
			"is not a file or folder a build made (a pipe, a device…); remove or rename it, then run again")}
	}
	if e, ok := errors.AsType[*publish.ForeignError](err); ok {
		names := strings.Join(e.Names, ", ")
		if e.More > 0 {
			names += text(lang, fmt.Sprintf(" và %d mục khác", e.More), fmt.Sprintf(" and %d more", e.More))
		}
		return &UsageError{"--out " + e.Path + ": " + text(lang,
			fmt.Sprintf("thư mục không trống và không do giamsat xuất bản (có %s); xuất bản sẽ chuyển các tệp này đi và xóa chúng ở lần build sau. Hãy chọn một thư mục trống hoặc chưa có, hoặc thêm --force nếu đúng là muốn thay nội dung thư mục này bằng trang", names),
			fmt.Sprintf("the folder is not empty and no giamsat build published it (it holds %s); publishing would move these files away and delete them at the next build. Choose an empty or new folder, or add --force if its content is really to be replaced by the site", names))}
	}
	return err
}

// reuseSalt says which earlier builds' files this build may keep (see
// publish.Begin): those of the same program, when it may use what earlier
// builds left. --no-cache builds everything afresh.
func reuseSalt(opt Options) string {
	if opt.Cache == nil {
		return ""
	}
	return opt.Version
}

// write makes the whole site in out: downloads, dashboard pages,
// documents, the 404 page and the theme's assets.
func write(ctx context.Context, out *publish.Tree, s *Site) error {
	cfg := s.Config
	th, err := theme.Load(theme.Options{
		SiteDir:      s.Source,
		Name:         cfg.Theme,
		Lang:         cfg.Language,
		SiteTitle:    cfg.Title,
		Organization: cfg.Organization,
		AsOf:         s.Stats.AsOf,
		Nav:          nav(s.Content),
	})
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err = parallel(
		func() error { return downloads.Write(out, cfg, s.Cases, s.Stats) },
		func() error {
			_, err := render.Site(out, th, render.Input{
				Site:       cfg,
				Cases:      s.Cases,
				Exports:    s.Exports,
				Summary:    s.Stats,
				Directives: directiveRefs(s.Content),
				Intro:      s.Content.Intro(),
				Map:        mapRef(s.Map),
				Closings:   s.Closings,
				Frozen:     s.Frozen,
			})
			return err
		},
		func() error {
			_, err := content.Render(out, th, s.Content, categoryFigures(s))
			return err
		},
		func() error {
			return search.Write(out, th, cfg, s.Content, s.Cases, render.CaseRegisterHref(th, cfg, s.Cases))
		},
		func() error {
			return th.Write(out, address.NotFoundPage, "404.html", th.Page(address.NotFoundPage, th.T("notfound_title"), nil))
		},
		func() error { return th.CopyAssets(out) },
		func() error {
			if s.Map == nil {
				return nil
			}
			return out.WriteFile(address.MapAsset(s.Map.Sum()), fingerprint.Sum{}, s.Map.JS)
		},
	)
	if err != nil {
		return err
	}
	// A missing interface string shows as its key on a page: refuse to
	// publish that rather than let it through.
	return th.Err()
}

// nav is the site's main navigation: the dashboard's own pages, then the
// content pages that asked for a menu entry.
func nav(set *content.Set) []theme.NavItem {
	items := []theme.NavItem{
		{Key: "nav.overview", Href: address.Index("")},
		{Key: "nav.reports", Href: address.Index(address.Reports)},
		{Key: "nav.cases", Href: address.Index(address.Cases)},
		{Key: "nav.directives", Href: address.Index(address.Directives)},
	}
	items = append(items, set.MenuPages()...)
	return append(items,
		theme.NavItem{Key: "nav.downloads", Href: address.Index(address.Downloads)},
		theme.NavItem{Key: "nav.search", Href: address.Index(address.Search)})
}

func directiveRefs(set *content.Set) []render.DirectiveRef {
	var refs []render.DirectiveRef
	for _, d := range set.Directives() {
		refs = append(refs, render.DirectiveRef{Slug: d.Slug, Number: d.Number, Title: d.Title, Date: d.IssuedOn, Categories: d.Categories})
	}
	return refs
}

// categoryFigures are the figures a directive page shows for each category
// it concerns.
func categoryFigures(s *Site) map[string]content.Figures {
	figs := make(map[string]content.Figures)
	for _, cat := range s.Config.Categories {
		if c := s.Stats.Category(cat.Key); c.Total > 0 {
			figs[cat.Key] = content.Figures{Total: c.Total, Open: c.Open, Overdue: c.Overdue}
		}
	}
	return figs
}

func outDir(opt Options) string {
	if opt.Out != "" {
		return opt.Out
	}
	source := opt.Source
	if source == "" {
		source = "."
	}
	return filepath.Join(source, "public")
}

// checkOut refuses an output folder whose replacement would destroy the
// input: publishing swaps the whole folder and deletes the old one.
func checkOut(source, out, lang string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	suggest := filepath.Join(source, "public")
	if within(src, dst) {
		return &UsageError{"--out " + out + ": " + text(lang,
			fmt.Sprintf("thư mục này chứa thư mục trang %s, xuất bản sẽ xóa nó; hãy chọn một thư mục riêng, như %s", source, suggest),
			fmt.Sprintf("it holds the site folder %s, which publishing would delete; choose a folder of its own, such as %s", source, suggest))}
	}
	for _, name := range []string{"data", "content", "themes"} {
		if within(dst, filepath.Join(src, name)) {
			return &UsageError{"--out " + out + ": " + text(lang,
				fmt.Sprintf("thư mục này nằm trong %s/ của trang; hãy chọn một thư mục riêng, như %s", name, suggest),
				fmt.Sprintf("it is inside the site's %s/ folder; choose a folder of its own, such as %s", name, suggest))}
		}
	}
	return nil
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// text picks the message in the site's language.
func text(lang, vi, en string) string {
	if lang != "vi" && lang != "" {
		return en
	}
	return vi
}
