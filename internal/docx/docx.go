// Package docx writes a period report as an editable Word document laid out
// as Decree 30/2020/NĐ-CP sets out for administrative documents, so that the
// Department can sign and send it as is. Only the standard library (and
// x/text for NFC) is used: the package is a small, fixed set of XML parts.
package docx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"text/template"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Document is a report laid out as Decree 30/2020/NĐ-CP sets out.
type Document struct {
	Parent     string   // parent body, upper case line: "UBND TỈNH LONG AN" ("" none)
	Issuer     string   // issuing body, bold upper case: "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
	Number     string   // "Số: 12/BC-STTTT" — the whole line, as given
	PlaceDate  string   // italic: "Long An, ngày 05 tháng 5 năm 2022"
	Kind       string   // "BÁO CÁO", centred bold
	Subject    string   // centred bold under Kind: "Kết quả ... tháng 4/2022"
	Note       string   // optional small italic line under the subject
	Body       []Block  // the narrative
	Recipients []string // "Nơi nhận:" list, each rendered "- item;" with the last ending "."
	Signer     Signer
	Annex      []Block // after a page break: "PHỤ LỤC" heading and tables
	// AnnexFlows lets the annex follow the closing on the same page when
	// its heading and first lines fit there, instead of starting a page:
	// a letter a little longer than a page then leaves no half-empty one.
	AnnexFlows bool
	Lang       string // "vi" (or "") or "en": language of the text and of the fixed labels
}

// Signer is the signature block: "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hồ Văn Dân".
type Signer struct{ Authority, Title, Name string }

// Block is one of: a heading, a paragraph, or a table (exactly one set).
type Block struct {
	Heading   string
	Paragraph string
	Table     *Table
}

// Table is a data table; its header row repeats on each page it spans.
type Table struct {
	Caption string
	Head    []string
	Rows    [][]string
	Foot    [][]string // totals, bold
	Numeric []bool     // per column: right-aligned
}

// ErrBlock reports a Block with none or more than one of its parts set.
var ErrBlock = errors.New("block must set exactly one of Heading, Paragraph, Table")

// textWidth is A4 less the Decree's side margins (30 and 15 mm), in twips.
const textWidth = 11906 - 1701 - 850

// widths are the letterhead's and the closing's columns and the rule under
// the motto, in twips. The letterhead reaches 5 mm into the left margin:
// "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" and the national motto, both 12 pt bold,
// need more than the text width to stay on one line each.
type widths struct {
	Text, HeadIndent, HeadLeft, HeadRight, MottoRule, CloseLeft, CloseRight int
}

// labels are the fixed words of the layout; an English rendering uses the
// usual translations of the national motto.
type labels struct{ Motto, MottoSub, CC, Annex, Lang string }

func labelsFor(lang string) (labels, bool) {
	switch lang {
	case "", "vi":
		return labels{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nơi nhận:", "PHỤ LỤC", "vi-VN"}, true
	case "en":
		return labels{"SOCIALIST REPUBLIC OF VIETNAM", "Independence - Freedom - Happiness", "Recipients:", "ANNEX", "en-US"}, true
	}
	return labels{}, false
}

// Write writes d as a .docx package. The same Document always gives the
// same bytes: parts in a fixed order, fixed timestamps, no generated ids.
func Write(w io.Writer, d Document) error {
	lb, ok := labelsFor(d.Lang)
	if !ok {
		return fmt.Errorf("docx: unsupported language %q", d.Lang)
	}
	for _, part := range []struct {
		name   string
		blocks []Block
	}{{"body", d.Body}, {"annex", d.Annex}} {
		for i, b := range part.blocks {
			n := 0
			for _, set := range []bool{b.Heading != "", b.Paragraph != "", b.Table != nil} {
				if set {
					n++
				}
			}
			if n != 1 {
				return fmt.Errorf("docx: %s block %d: %w", part.name, i, ErrBlock)
			}
		}
	}
	var doc strings.Builder
	if err := documentTemplate().Execute(&doc, struct {
		Document
		L          labels
		W          widths
		Recipients []string
	}{d, lb, widths{textWidth, -284, 4400, textWidth + 284 - 4400, 3420, 4400, textWidth - 4400}, recipients(d.Recipients)}); err != nil {
		return fmt.Errorf("docx: document.xml: %w", err)
	}
	title := strings.TrimSpace(d.Kind + " " + d.Subject)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", fmt.Sprintf(coreProps, esc(title), esc(d.Issuer), lb.Lang)},
		{"word/document.xml", doc.String()},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/styles.xml", stylesXML(lb.Lang)},
		{"word/settings.xml", settings},
		{"word/header1.xml", header},
	}
	zw := zip.NewWriter(w)
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{
			Name:     p.name,
			Method:   zip.Deflate,
			Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC),
		})
		if err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, xml.Header+p.body); err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	return nil
}

// recipients punctuates the list as the Decree's examples do, whatever
// punctuation the items came with.
func recipients(items []string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		end := ";"
		if i == len(items)-1 {
			end = "."
		}
		out[i] = "- " + strings.TrimRight(strings.TrimSpace(it), " ;.") + end
	}
	return out
}

// clean makes s fit for XML 1.0 character data and for Word: invalid UTF-8
// and characters XML cannot carry become U+FFFD, line ends become "\n", and
// the text is NFC so that fonts find precomposed Vietnamese letters.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ToValidUTF8(s, string(utf8.RuneError))
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\t' || r == '\n',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= utf8.MaxRune:
			return r
		}
		return utf8.RuneError
	}, s)
	return norm.NFC.String(s)
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(clean(s))) // a strings.Builder never fails
	return b.String()
}

// run is one run of text with properties rPr; tabs and line breaks inside
// the text become Word's own elements so that they survive editing.
func run(rPr, text string) string {
	var b strings.Builder
	b.WriteString("<w:r>")
	if rPr != "" {
		b.WriteString("<w:rPr>" + rPr + "</w:rPr>")
	}
	for i, line := range strings.Split(clean(text), "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		for j, seg := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteString("<w:tab/>")
			}
			if seg != "" {
				b.WriteString(`<w:t xml:space="preserve">` + esc(seg) + "</w:t>")
			}
		}
	}
	return b.String() + "</w:r>"
}

// para is a paragraph of style with extra paragraph and run properties;
// empty text gives no paragraph, so optional fields leave no blank line.
func para(style, pPr, rPr, text string) string {
	if text == "" {
		return ""
	}
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/>` + pPr + "</w:pPr>" + run(rPr, text) + "</w:p>"
}

// rule is the short centred line the Decree draws under the issuing body,
// the motto and the subject: the bottom border of an empty, thin paragraph
// indented so that it is width twips long in a space of within twips.
func rule(within, width, after int) string {
	ind := (within - width) / 2
	return fmt.Sprintf(`<w:p><w:pPr><w:pStyle w:val="Rule"/><w:spacing w:after="%d" w:line="40" w:lineRule="exact"/>`+
		`<w:ind w:left="%d" w:right="%d"/></w:pPr></w:p>`, after, ind, ind)
}

func block(b Block) string {
	switch {
	case b.Heading != "":
		return para("Heading", "", "", b.Heading)
	case b.Paragraph != "":
		return para("Body", "", "", b.Paragraph)
	}
	return table(b.Table)
}

// table writes t full width; columns share the width by the length of
// their text so that names get room and figures do not wrap.
func table(t *Table) string {
	var b strings.Builder
	b.WriteString(para("Caption", "", "", t.Caption))
	body := append(append([][]string{}, t.Rows...), t.Foot...)
	cols := len(t.Head)
	for _, r := range body {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return b.String()
	}
	weights, sum := make([]int, cols), 0
	for c := range cols {
		w := 4
		if c < len(t.Head) {
			for _, word := range strings.Fields(t.Head[c]) {
				w = max(w, utf8.RuneCountInString(word))
			}
		}
		for _, r := range body {
			if c < len(r) {
				w = max(w, utf8.RuneCountInString(r[c]))
			}
		}
		// Two more for the cell's margins: a figure column as wide as its
		// longest figure would still wrap it ("−22 %").
		weights[c] = min(w, 40) + 2
		sum += weights[c]
	}
	widths, left := make([]int, cols), textWidth
	for c := range cols {
		widths[c] = textWidth * weights[c] / sum
		left -= widths[c]
	}
	widths[cols-1] += left
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="auto"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(&b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>")
	row := func(cells []string, trPr, style, rPr string, numeric bool) {
		b.WriteString("<w:tr><w:trPr><w:cantSplit/>" + trPr + "</w:trPr>")
		for c, w := range widths {
			text, pPr := "", ""
			if c < len(cells) {
				text = cells[c]
			}
			if numeric && c < len(t.Numeric) && t.Numeric[c] {
				pPr = `<w:jc w:val="right"/>`
			}
			fmt.Fprintf(&b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`, w)
			// A cell must hold a paragraph even when it has no text.
			if p := para(style, pPr, rPr, text); p != "" {
				b.WriteString(p)
			} else {
				b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr></w:p>`)
			}
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	if len(t.Head) > 0 {
		row(t.Head, "<w:tblHeader/>", "CellHead", "", false)
	}
	for _, r := range t.Rows {
		row(r, "", "Cell", "", true)
	}
	for _, r := range t.Foot {
		row(r, "", "Cell", "<w:b/><w:bCs/>", true)
	}
	// The paragraph after keeps a following table from merging into this
	// one and gives the gap below it.
	b.WriteString(`</w:tbl><w:p><w:pPr><w:pStyle w:val="AfterTable"/></w:pPr></w:p>`)
	return b.String()
}

var documentTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("document.xml").Funcs(template.FuncMap{
		"p":       func(style, text string) string { return para(style, "", "", text) },
		"upper":   strings.ToUpper,
		"rule":    rule,
		"content": block,
		"layout":  layoutTable,
	}).Parse(documentXML))
})

// layoutTable opens a borderless two-column table, the Decree's way of
// setting parts side by side.
func layoutTable(indent, left, right int) string {
	return fmt.Sprintf(`<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblInd w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/>`+
		`<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>`+
		`<w:tblGrid><w:gridCol w:w="%d"/><w:gridCol w:w="%d"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>`+
		`<w:tc><w:tcPr><w:tcW w:w="%[3]d" w:type="dxa"/></w:tcPr>`, left+right, indent, left, right)
}
