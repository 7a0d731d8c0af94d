package docx

// The fixed parts of the package. Element order inside pPr, rPr, tblPr and
// sectPr follows the schema: Word refuses a file that LibreOffice opens.

const nsW = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

const contentTypes = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`</Types>`

const packageRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>`

const documentRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
	`</Relationships>`

// coreProps takes the title, the creator and the language; no dates, so
// that the bytes depend on the Document alone.
const coreProps = `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
	`xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>%s</dc:title><dc:creator>%s</dc:creator><dc:language>%s</dc:language></cp:coreProperties>`

const settings = `<w:settings ` + nsW + `><w:defaultTabStop w:val="567"/><w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// header carries the page number, top centre as the Decree wants; titlePg
// in the section leaves the first page without it.
const header = `<w:hdr ` + nsW + `><w:p><w:pPr><w:pStyle w:val="PageNumber"/></w:pPr>` +
	`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
	`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>`

// stylesXML is the style sheet for a language tag. Sizes are half-points: the Decree's 13–14 pt
// for the letterhead and body, 10.5 pt tables and "Nơi nhận", 11 pt its list.
func stylesXML(lang string) string {
	return `<w:styles ` + nsW + `><w:docDefaults><w:rPrDefault><w:rPr>` +
		`<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>` +
		`<w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="` + lang + `" w:eastAsia="` + lang + `" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		pStyle("Parent", "Cơ quan chủ quản", `<w:jc w:val="center"/>`, `<w:sz w:val="24"/><w:szCs w:val="24"/>`) +
		pStyle("Issuer", "Cơ quan ban hành", `<w:jc w:val="center"/>`, `<w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/>`) +
		pStyle("Number", "Số, ký hiệu", `<w:spacing w:before="120"/><w:jc w:val="center"/>`, `<w:sz w:val="26"/><w:szCs w:val="26"/>`) +
		pStyle("Motto", "Quốc hiệu", `<w:jc w:val="center"/>`, `<w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/>`) +
		pStyle("MottoSub", "Tiêu ngữ", `<w:jc w:val="center"/>`, `<w:b/><w:bCs/>`) +
		pStyle("PlaceDate", "Địa danh, ngày tháng", `<w:spacing w:before="120"/><w:jc w:val="center"/>`, `<w:i/><w:iCs/>`) +
		pStyle("Rule", "Đường kẻ", `<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr><w:spacing w:line="40" w:lineRule="exact"/>`, `<w:sz w:val="4"/><w:szCs w:val="4"/>`) +
		pStyle("Kind", "Tên loại", `<w:keepNext/><w:spacing w:before="480"/><w:jc w:val="center"/>`, `<w:b/><w:bCs/>`) +
		pStyle("Subject", "Trích yếu", `<w:keepNext/><w:jc w:val="center"/>`, `<w:b/><w:bCs/>`) +
		pStyle("Note", "Ghi chú", `<w:keepNext/><w:spacing w:after="120"/><w:jc w:val="center"/>`, `<w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/>`) +
		pStyle("Body", "Nội dung", `<w:spacing w:after="120" w:line="276" w:lineRule="auto"/><w:ind w:firstLine="567"/><w:jc w:val="both"/>`, "") +
		pStyle("Heading", "Đề mục", `<w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="120" w:line="276" w:lineRule="auto"/><w:outlineLvl w:val="0"/>`, `<w:b/><w:bCs/>`) +
		pStyle("Caption", "Tên bảng", `<w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/>`, `<w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/>`) +
		pStyle("CellHead", "Tiêu đề cột", `<w:keepNext/><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>`, `<w:b/><w:bCs/><w:sz w:val="21"/><w:szCs w:val="21"/>`) +
		pStyle("Cell", "Ô bảng", `<w:spacing w:before="0" w:after="0"/>`, `<w:sz w:val="21"/><w:szCs w:val="21"/>`) +
		pStyle("Gap", "Khoảng cách", `<w:spacing w:line="200" w:lineRule="exact"/>`, `<w:sz w:val="4"/><w:szCs w:val="4"/>`) +
		pStyle("CCLabel", "Nơi nhận", "", `<w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/>`) +
		pStyle("CC", "Nơi nhận - mục", "", `<w:sz w:val="22"/><w:szCs w:val="22"/>`) +
		pStyle("Signer", "Chức vụ người ký", `<w:jc w:val="center"/>`, `<w:b/><w:bCs/>`) +
		pStyle("SignerName", "Họ tên người ký", `<w:spacing w:before="1440"/><w:jc w:val="center"/>`, `<w:b/><w:bCs/>`) +
		pStyle("AnnexTitle", "Phụ lục", `<w:keepNext/><w:pageBreakBefore/><w:spacing w:after="240"/><w:jc w:val="center"/>`, `<w:b/><w:bCs/>`) +
		pStyle("AnnexTitleFlow", "Phụ lục (tiếp theo)", `<w:keepNext/><w:spacing w:before="360" w:after="240"/><w:jc w:val="center"/>`, `<w:b/><w:bCs/>`) +
		pStyle("PageNumber", "Số trang", `<w:jc w:val="center"/>`, `<w:sz w:val="26"/><w:szCs w:val="26"/>`) +
		`</w:styles>`
}

// pStyle is a paragraph style based on Normal; the Vietnamese names are what
// the Department's staff see in Word's style list.
func pStyle(id, name, pPr, rPr string) string {
	s := `<w:style w:type="paragraph" w:customStyle="1" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:basedOn w:val="Normal"/><w:qFormat/>`
	if pPr != "" {
		s += "<w:pPr>" + pPr + "</w:pPr>"
	}
	if rPr != "" {
		s += "<w:rPr>" + rPr + "</w:rPr>"
	}
	return s + "</w:style>"
}

// documentXML is the skeleton of the report; p and content escape every
// value, so no field reaches the XML as written.
const documentXML = `<w:document ` + nsW + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>
{{- layout .W.HeadIndent .W.HeadLeft .W.HeadRight}}
{{- p "Parent" (upper .Parent)}}{{p "Issuer" (upper .Issuer)}}{{if .Issuer}}{{rule .W.HeadLeft 1400 0}}{{end}}{{p "Number" .Number}}
{{- if not (or .Parent .Issuer .Number)}}<w:p/>{{end}}</w:tc>
<w:tc><w:tcPr><w:tcW w:w="{{.W.HeadRight}}" w:type="dxa"/></w:tcPr>
{{- p "Motto" .L.Motto}}{{p "MottoSub" .L.MottoSub}}{{rule .W.HeadRight .W.MottoRule 0}}{{p "PlaceDate" .PlaceDate}}</w:tc></w:tr></w:tbl>
{{- p "Kind" (upper .Kind)}}{{p "Subject" .Subject}}{{if or .Kind .Subject}}{{rule .W.Text 2400 120}}{{end}}{{p "Note" .Note}}
{{- range .Body}}{{content .}}{{end}}
{{- if or .Recipients .Signer.Authority .Signer.Title .Signer.Name}}<w:p><w:pPr><w:pStyle w:val="Gap"/></w:pPr></w:p>
{{- layout 0 .W.CloseLeft .W.CloseRight}}
{{- if .Recipients}}{{p "CCLabel" .L.CC}}{{range .Recipients}}{{p "CC" .}}{{end}}{{else}}<w:p/>{{end}}</w:tc>
<w:tc><w:tcPr><w:tcW w:w="{{.W.CloseRight}}" w:type="dxa"/></w:tcPr>
{{- p "Signer" (upper .Signer.Authority)}}{{p "Signer" (upper .Signer.Title)}}{{p "SignerName" .Signer.Name}}
{{- if not (or .Signer.Authority .Signer.Title .Signer.Name)}}<w:p/>{{end}}</w:tc></w:tr></w:tbl><w:p><w:pPr><w:pStyle w:val="Gap"/></w:pPr></w:p>
{{- end}}
{{- if .Annex}}{{if .AnnexFlows}}{{p "AnnexTitleFlow" .L.Annex}}{{else}}{{p "AnnexTitle" .L.Annex}}{{end}}{{range .Annex}}{{content .}}{{end}}{{end}}
<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/>
<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/>
<w:cols w:space="720"/><w:titlePg/></w:sectPr></w:body></w:document>`
