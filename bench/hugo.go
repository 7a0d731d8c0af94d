package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
)

// docRow is the second table's line: the same documents built by Hugo
// and by giamsat.
type docRow struct {
	docs          int
	hugo, giamsat measure
	largestHTML   int64 // of giamsat's output
	largestName   string
}

// documents builds n directives with both, from scratch each run.
func (b *bench) documents(hugo string, n int) (docRow, error) {
	r := docRow{docs: n}
	root := filepath.Join(b.dir, fmt.Sprintf("docs-%d", n))
	os.RemoveAll(root)
	if !b.keep {
		defer os.RemoveAll(root)
	}
	hsite, gsite := filepath.Join(root, "hugo"), filepath.Join(root, "giamsat")
	if err := writeHugoSite(hsite, n); err != nil {
		return r, err
	}
	// The giamsat site is a small sample (its dashboard is a few dozen
	// pages) with the same directives added.
	if _, err := b.exec(b.bin, "sample", "--cases", "100", "--years", "1", "--out", gsite); err != nil {
		return r, err
	}
	for i := range n {
		if err := writeDoc(filepath.Join(gsite, "content", "directives"), i, false); err != nil {
			return r, err
		}
	}
	// The two alternate, so that a change in the machine's state during
	// the runs (the disk catching up, other work) weighs on both alike.
	var hs, gs []measure
	for range b.runs {
		os.RemoveAll(filepath.Join(hsite, "public"))
		os.RemoveAll(filepath.Join(hsite, "resources"))
		m, err := b.exec(hugo, "--quiet", "--source", hsite)
		if err != nil {
			return r, err
		}
		hs = append(hs, m)
		os.RemoveAll(filepath.Join(gsite, "public"))
		if m, err = b.exec(b.bin, "build", "--source", gsite, "--no-cache"); err != nil {
			return r, err
		}
		gs = append(gs, m)
	}
	r.hugo, r.giamsat = medianOf(hs), medianOf(gs)
	var err error
	r.largestHTML, r.largestName, err = largestHTML(filepath.Join(gsite, "public"))
	return r, err
}

// writeHugoSite makes a Hugo site of n directives with a plain page
// layout and a list, and none of the pages giamsat does not make either
// (taxonomies, feeds, sitemap).
func writeHugoSite(dir string, n int) error {
	files := map[string]string{
		"hugo.toml": `baseURL = "http://example.org/"
languageCode = "vi"
title = "Văn bản"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
`,
		"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{{.Title}}</title><link rel="stylesheet" href="/site.css"></head>
<body><header><a href="/">{{.Site.Title}}</a></header><main>{{block "main" .}}{{end}}</main></body></html>
`,
		"layouts/_default/single.html": `{{define "main"}}<article><p>{{.Params.kind}} số {{.Params.number}}, {{.Params.issuer}}</p>
<h1>{{.Title}}</h1><p>{{.Date.Format "02/01/2006"}}</p>{{.Content}}</article>{{end}}
`,
		"layouts/_default/list.html": `{{define "main"}}<h1>{{.Title}}</h1><ul>{{range .Pages}}<li><a href="{{.RelPermalink}}">{{.Params.number}} {{.Title}}</a></li>{{end}}</ul>{{end}}
`,
		"content/directives/_index.md": "---\ntitle: Văn bản chỉ đạo\n---\n",
	}
	for name, text := range files {
		if err := writeText(filepath.Join(dir, name), text); err != nil {
			return err
		}
	}
	for i := range n {
		if err := writeDoc(filepath.Join(dir, "content", "directives"), i, true); err != nil {
			return err
		}
	}
	return nil
}

func writeText(name, text string) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, []byte(text), 0o644)
}

// writeDoc writes directive i: a letter's front matter and a body of
// paragraphs, a list and a table, about 2 KB. Hugo's copy adds the title
// and date Hugo needs; giamsat takes them from subject and issued_on.
func writeDoc(dir string, i int, hugo bool) error {
	var b strings.Builder
	date := fmt.Sprintf("20%02d-%02d-%02d", 20+i%5, 1+i%12, 1+i%28)
	b.WriteString("---\n")
	if hugo {
		fmt.Fprintf(&b, "title: Triển khai công tác bảo vệ trẻ em trên môi trường mạng, đợt %d\ndate: %s\n", i+1, date)
	}
	fmt.Fprintf(&b, `kind: Công văn
number: %d/STTTT-TTBCXB
issuer: Sở Thông tin và Truyền thông tỉnh Long An
issued_on: %s
place: Long An
subject: Triển khai công tác bảo vệ trẻ em trên môi trường mạng, đợt %d
recipients:
  - Phòng Văn hóa và Thông tin các huyện, thị xã, thành phố
  - Lưu VT, TTBCXB
categories: [child-violence]
---
`, 1000+i, date, i+1)
	for range 3 {
		b.WriteString(`Thực hiện chỉ đạo của Bộ Thông tin và Truyền thông về công tác bảo vệ trẻ em
trên môi trường mạng, Sở Thông tin và Truyền thông đề nghị Phòng Văn hóa và Thông
tin các huyện, thị xã, thành phố **tăng cường giám sát** nội dung thông tin trên báo
chí, trang thông tin điện tử và mạng xã hội; kịp thời phát hiện, ngăn chặn hành vi
xâm phạm quyền trẻ em.

`)
	}
	b.WriteString(`1. Rà soát các trang, nhóm trên mạng xã hội tại địa phương.
2. Đề nghị gỡ bỏ thông tin vi phạm; báo cáo Sở trước ngày 05 hằng tháng.
3. Phối hợp với Thanh tra Sở khi không xác định được đối tượng vi phạm.

| Nội dung | Thời hạn |
|---|---|
| Báo cáo tháng | ngày 05 tháng sau |
| Báo cáo quý | ngày 10 tháng đầu quý sau |
`)
	return writeText(filepath.Join(dir, fmt.Sprintf("cv-%05d.md", i+1)), b.String())
}

func printDocs(w io.Writer, rows []docRow) {
	fmt.Fprintln(w, "\nMarkdown documents, built from scratch (wall times)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "documents\thugo\tgiamsat\tgiamsat÷hugo\thugo CPU\tgiamsat CPU\tgiamsat largest HTML\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.2f\t%s\t%s\t%s %s\t\n", r.docs, secs(r.hugo.wall), secs(r.giamsat.wall),
			r.giamsat.wall.Seconds()/r.hugo.wall.Seconds(), secs(r.hugo.cpu), secs(r.giamsat.cpu), kb(r.largestHTML), r.largestName)
	}
	tw.Flush()
	fmt.Fprintln(w, "budget: giamsat ≤ hugo (ratio ≤ 1.00)")
}
