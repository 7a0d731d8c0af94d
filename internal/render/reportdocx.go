package render

import (
	"bytes"
	"fmt"

	"giamsat/internal/address"
	"giamsat/internal/docx"
	"giamsat/internal/fingerprint"
	"giamsat/internal/period"
	"giamsat/internal/theme"
)

// writeDocx writes the report's Word file beside its page: the same view
// the page shows, laid out as the document to sign and send.
// A file made from the same Document by the same binary is kept from the
// build before, as pages are, rather than zipped again.
func (r *renderer) writeDocx(p period.Period, v *Report) error {
	rel, d := address.ReportDocx(p, r.cfg.Language), r.document(v)
	var key fingerprint.Sum
	if r.out.Remembers() {
		h := fingerprint.New()
		h.String("docx")
		if err := h.Value(d); err == nil {
			key = h.Sum()
		}
		if r.out.Keep(rel, key) {
			return nil
		}
	}
	var b bytes.Buffer
	if err := docx.Write(&b, d); err != nil {
		return fmt.Errorf("render %s: %w", rel, err)
	}
	return r.out.WriteFile(rel, key, b.Bytes())
}

// document maps a report's view to the Word document: nothing is computed
// again, so that the file says what the page says.
func (r *renderer) document(v *Report) docx.Document {
	l := v.Letter
	d := docx.Document{
		Parent:     l.Parent,
		Issuer:     l.Issuer,
		Number:     l.NumberLine,
		PlaceDate:  l.PlaceDate,
		Kind:       l.Kind,
		Subject:    l.Subject,
		Note:       l.Span + " · " + l.Basis,
		Recipients: l.Recipients,
		Signer:     docx.Signer{Authority: l.Signer.Authority, Title: l.Signer.Title, Name: l.Signer.Name},
		Lang:       "vi",
		// As on the page: the annex follows the letter, so that a letter a
		// little over a page does not leave a half-empty one.
		AnnexFlows: true,
	}
	// The fixed words of the layout (the motto, "Nơi nhận") are the
	// theme's on the page; the file has them in Vietnamese, or in English
	// on a site in any other language, as en.yaml words them.
	if r.cfg.Language != "vi" {
		d.Lang = "en"
	}
	for _, s := range v.Narrative {
		d.Body = append(d.Body, docx.Block{Paragraph: s})
	}
	if len(v.Corrections.Rows) > 0 {
		d.Body = append(d.Body,
			docx.Block{Heading: r.t("report.corrections.title")},
			docx.Block{Paragraph: v.CorrectionsNote},
			docx.Block{Table: docTable(v.Corrections)})
	}
	d.Annex = []docx.Block{
		{Paragraph: l.AnnexOf},
		{Heading: r.t("dashboard.comparison")}, {Table: docTable(v.Comparison)},
		{Heading: r.t("dashboard.by_district_category")}, {Table: docTable(v.ByDistrict)},
		{Heading: r.t("dashboard.by_status")}, {Table: docTable(v.ByStatus)},
		{Heading: r.t("dashboard.late_missing")},
	}
	if len(v.Reports.Rows) > 0 {
		d.Annex = append(d.Annex, docx.Block{Table: docTable(v.Reports)})
	} else {
		d.Annex = append(d.Annex, docx.Block{Paragraph: r.t("dashboard.no_late_missing")})
	}
	return d
}

// docTable is a page's table as the document's: the text of each cell, the
// figure columns right-aligned.
func docTable(t theme.Table) *docx.Table {
	out := &docx.Table{Caption: t.Caption, Head: t.Head, Numeric: make([]bool, len(t.Head))}
	cells := func(rows []theme.Row) [][]string {
		var out [][]string
		for _, row := range rows {
			line := make([]string, len(row.Cells))
			for i, c := range row.Cells {
				line[i] = c.Text
			}
			out = append(out, line)
		}
		return out
	}
	out.Rows, out.Foot = cells(t.Rows), cells(t.Foot)
	for i := range out.Numeric {
		out.Numeric[i] = i < len(t.Numeric) && t.Numeric[i]
		for _, row := range t.Rows {
			if i < len(row.Cells) && row.Cells[i].Class == "num" {
				out.Numeric[i] = true
			}
		}
	}
	return out
}
