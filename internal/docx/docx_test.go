package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/sample-document.xml")

// parts reads every part of a package, in the order the zip holds them.
func parts(t testing.TB, doc []byte) (names []string, bodies map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatalf("zip: %v", err)
	}
	bodies = map[string][]byte{}
	for _, f := range zr.File {
		if !f.Modified.Equal(time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: modified %v, want the fixed 1980-01-01", f.Name, f.Modified)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		names = append(names, f.Name)
		bodies[f.Name] = b
	}
	return names, bodies
}

// wellFormed decodes the whole token stream, which also rejects characters
// XML 1.0 cannot carry.
func wellFormed(b []byte) error {
	if !utf8.Valid(b) {
		return errors.New("not UTF-8")
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := dec.Token(); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
	}
}

func textOf(t testing.TB, doc []byte) []string {
	t.Helper()
	got, err := Text(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatalf("Text: %v", err)
	}
	return got
}

func TestPackage(t *testing.T) {
	doc := writeDoc(t, sampleReport())
	names, bodies := parts(t, doc)
	want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/document.xml",
		"word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/header1.xml"}
	if !slices.Equal(names, want) {
		t.Errorf("parts = %q, want %q", names, want)
	}
	for _, n := range names {
		if err := wellFormed(bodies[n]); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
	if again := writeDoc(t, sampleReport()); !bytes.Equal(doc, again) {
		t.Error("two writes of the same Document differ")
	}

	golden := filepath.Join("testdata", "sample-document.xml")
	got := bytes.ReplaceAll(bodies["word/document.xml"], []byte("><w:p>"), []byte(">\n<w:p>"))
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want, err := os.ReadFile(golden); err != nil {
		t.Fatal(err)
	} else if !bytes.Equal(got, want) {
		t.Errorf("word/document.xml differs from %s (go test -run TestPackage -update to accept)", golden)
	}
}

// TestLayout holds the settings the Decree and the brief fix, where a
// change would not show in the text.
func TestLayout(t *testing.T) {
	_, bodies := parts(t, writeDoc(t, sampleReport()))
	for _, tc := range []struct{ part, want, why string }{
		{"word/document.xml", `<w:pgSz w:w="11906" w:h="16838"/>`, "A4 portrait"},
		{"word/document.xml", `<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"`, "margins 20/15/20/30 mm"},
		{"word/document.xml", `<w:titlePg/>`, "no number on the first page"},
		{"word/document.xml", `<w:headerReference w:type="default" r:id="rId3"/>`, "number from page 2"},
		{"word/document.xml", `<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`, "header row repeats"},
		{"word/document.xml", `<w:tblW w:w="5000" w:type="pct"/>`, "full-width tables"},
		{"word/document.xml", `<w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">120</w:t>`, "numbers right"},
		{"word/document.xml", `<w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">Tổng cộng`, "totals bold"},
		{"word/header1.xml", `<w:instrText xml:space="preserve"> PAGE </w:instrText>`, "page field"},
		{"word/styles.xml", `w:ascii="Times New Roman"`, "font"},
		{"word/styles.xml", `<w:lang w:val="vi-VN"`, "language"},
		{"word/styles.xml", `w:styleId="Body"><w:name w:val="Nội dung"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/><w:ind w:firstLine="567"/><w:jc w:val="both"/>`, "body paragraphs"},
		{"word/styles.xml", `w:styleId="Heading"><w:name w:val="Đề mục"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>`, "heading with next"},
		{"word/styles.xml", `w:styleId="Caption"><w:name w:val="Tên bảng"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>`, "caption with table"},
		{"word/styles.xml", `w:styleId="AnnexTitle"><w:name w:val="Phụ lục"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:pageBreakBefore/>`, "annex on a new page"},
	} {
		if !bytes.Contains(bodies[tc.part], []byte(tc.want)) {
			t.Errorf("%s: %s: no %s", tc.part, tc.why, tc.want)
		}
	}
}

func TestText(t *testing.T) {
	got := textOf(t, writeDoc(t, sampleReport()))
	want := []string{"UBND TỈNH LONG AN", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 12/BC-STTTT",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Long An, ngày 05 tháng 5 năm 2022",
		"BÁO CÁO", "Kết quả giám sát, xử lý thông tin vi phạm trên không gian mạng tháng 4/2022",
		"Số liệu chốt ngày 14/4/2022", "I. TÌNH HÌNH CHUNG"}
	if !slices.Equal(got[:len(want)], want) {
		t.Errorf("head = %q\nwant %q", got[:len(want)], want)
	}
	i := slices.Index(got, "Nơi nhận:")
	if i < 0 {
		t.Fatalf("no Nơi nhận in %q", got)
	}
	want = []string{"Nơi nhận:", "- Bộ Thông tin và Truyền thông (b/c);", "- Cục Phát thanh, truyền hình và TTĐT;",
		"- UBND tỉnh (b/c);", "- Công an tỉnh;", "- Giám đốc, các PGĐ Sở;", "- Lưu: VT, TTra.",
		"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hồ Văn Dân", "PHỤ LỤC", "Kết quả xử lý theo địa bàn cấp huyện",
		"Bảng 2. Xử lý theo địa bàn", "STT", "Huyện, thị xã, thành phố"}
	if !slices.Equal(got[i:i+len(want)], want) {
		t.Errorf("closing = %q\nwant %q", got[i:i+len(want)], want)
	}
	if last := got[len(got)-4:]; !slices.Equal(last, []string{"Tổng cộng", "68", "14", "217.500.000"}) {
		t.Errorf("ends %q, want the annex's totals", last)
	}
}

func TestEscaping(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"markup", `<w:p>a & b</w:p> ]]>`, `<w:p>a & b</w:p> ]]>`},
		{"quotes", `"Số liệu" 'chốt'`, `"Số liệu" 'chốt'`},
		{"diacritics", "Hồ Văn Dân, Đức Hòa, Ủy ban", "Hồ Văn Dân, Đức Hòa, Ủy ban"},
		{"NFD to NFC", "Vie\u0323\u0302t Nam", "Việt Nam"},
		{"entities stay text", "&amp; &lt; &#x41;", "&amp; &lt; &#x41;"},
		{"tab and lines", "a\tb\r\nc\rd\ne", "a\tb\nc\nd\ne"},
		{"control chars", "a\x00b\x1bc\x7fd", "a\uFFFDb\uFFFDc\x7fd"},
		{"invalid UTF-8", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"non-characters", "a\uFFFEb\U0001F600", "a\uFFFDb\U0001F600"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Document{Subject: tc.in, Body: []Block{{Paragraph: tc.in}, {Table: &Table{Head: []string{tc.in}, Rows: [][]string{{tc.in}}}}}}
			doc := writeDoc(t, d)
			_, bodies := parts(t, doc)
			for n, b := range bodies {
				if err := wellFormed(b); err != nil {
					t.Errorf("%s: %v", n, err)
				}
			}
			got := textOf(t, doc)
			// Motto, motto line, then the subject, paragraph, head and cell.
			if want := []string{tc.want, tc.want, tc.want, tc.want}; !slices.Equal(got[2:], want) {
				t.Errorf("text = %q, want %q", got[2:], want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    Document
		is   error
	}{
		{"empty block", Document{Body: []Block{{}}}, ErrBlock},
		{"two parts", Document{Annex: []Block{{Heading: "a"}, {Heading: "b", Table: &Table{}}}}, ErrBlock},
		{"language", Document{Lang: "fr"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Write(io.Discard, tc.d)
			if err == nil || tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("err = %v, want %v", err, tc.is)
			}
		})
	}
}

func TestEdges(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    Document
		want []string
	}{
		{"empty", Document{}, []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}},
		{"english", Document{Lang: "en", Recipients: []string{"As above."}, Annex: []Block{{Heading: "x"}}},
			[]string{"SOCIALIST REPUBLIC OF VIETNAM", "Independence - Freedom - Happiness", "Recipients:", "- As above.", "ANNEX", "x"}},
		{"upper case", Document{Parent: "ubnd tỉnh long an", Kind: "báo cáo", Signer: Signer{"kt. giám đốc", "phó giám đốc", "Hồ Văn Dân"}},
			[]string{"UBND TỈNH LONG AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hồ Văn Dân"}},
		{"punctuation", Document{Recipients: []string{"A.", "B;", " C ", "Lưu: VT."}},
			[]string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nơi nhận:", "- A;", "- B;", "- C;", "- Lưu: VT."}},
		{"ragged table", Document{Body: []Block{{Table: &Table{Caption: "c", Rows: [][]string{{"a"}, {"b", "c", "d"}}, Numeric: []bool{true, true, true, true, true}}}, {Table: &Table{Caption: "no columns"}}}},
			[]string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "c", "a", "b", "c", "d", "no columns"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := writeDoc(t, tc.d)
			_, bodies := parts(t, doc)
			for n, b := range bodies {
				if err := wellFormed(b); err != nil {
					t.Errorf("%s: %v", n, err)
				}
			}
			if got := textOf(t, doc); !slices.Equal(got, tc.want) {
				t.Errorf("text = %q\nwant %q", got, tc.want)
			}
		})
	}
}

func FuzzWrite(f *testing.F) {
	f.Add("UBND TỈNH LONG AN", "Kết quả tháng 4/2022", "a < b & c", "Hồ Văn Dân", "- Lưu: VT.", true)
	f.Add("\x00\xff", "\r\n\t", "]]>", "\uFFFE", "", false)
	f.Fuzz(func(t *testing.T, a, b, c, d, e string, table bool) {
		doc := Document{Parent: a, Issuer: b, Number: c, PlaceDate: d, Kind: e, Subject: a, Note: b,
			Body:       []Block{{Heading: nonEmpty(c)}, {Paragraph: nonEmpty(d)}},
			Recipients: []string{a, e}, Signer: Signer{b, c, d}, Annex: []Block{{Paragraph: nonEmpty(e)}}}
		if table {
			doc.Body = append(doc.Body, Block{Table: &Table{Caption: a, Head: []string{b, c}, Rows: [][]string{{d}, {e, a, b}}, Foot: [][]string{{c}}, Numeric: []bool{true}}})
		}
		var buf bytes.Buffer
		if err := Write(&buf, doc); err != nil {
			t.Fatalf("Write: %v", err)
		}
		_, bodies := parts(t, buf.Bytes())
		for n, body := range bodies {
			if err := wellFormed(body); err != nil {
				t.Fatalf("%s: %v", n, err)
			}
		}
		got := textOf(t, buf.Bytes())
		// The body's heading and paragraph come back as clean text, in order.
		at := slices.Index(got, clean(nonEmpty(c)))
		if at < 0 || !slices.Contains(got[at+1:], clean(nonEmpty(d))) {
			t.Errorf("text %q lacks %q then %q", got, clean(nonEmpty(c)), clean(nonEmpty(d)))
		}
		for _, s := range got {
			if s != clean(s) || strings.ContainsRune(s, '\r') {
				t.Errorf("text %q carries what XML or Word cannot", s)
			}
		}
	})
}

// nonEmpty keeps a fuzzed block valid: a block must set one part.
func nonEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
