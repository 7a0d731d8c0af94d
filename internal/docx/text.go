package docx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// Text returns the text of the non-empty paragraphs of a .docx's main
// document in document order, a table cell's paragraph being one item, so
// that a report can be compared with the web page it came from. Tabs and
// line breaks read as "\t" and "\n"; the page-number header is not read.
func Text(r io.ReaderAt, size int64) ([]string, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	defer f.Close()
	var (
		out  []string
		para strings.Builder
		inR  bool // w:tab also defines tab stops in paragraph properties
		inT  bool
	)
	dec := xml.NewDecoder(f)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("docx: word/document.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "p":
				para.Reset()
			case "r":
				inR = true
			case "t":
				inT = inR
			case "tab":
				if inR {
					para.WriteByte('\t')
				}
			case "br", "cr":
				if inR {
					para.WriteByte('\n')
				}
			}
		case xml.EndElement:
			if t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "r":
				inR = false
			case "t":
				inT = false
			case "p":
				if para.Len() > 0 {
					out = append(out, para.String())
				}
				para.Reset()
			}
		case xml.CharData:
			if inT {
				para.Write(t)
			}
		}
	}
}
