package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"giamsat/internal/diag"
	"giamsat/internal/format"
)

// Limits on a workbook, far above a unit's monthly report (a few dozen
// rows, under 100 KB) and low enough that a hostile file is refused before
// it costs much: the zip's central directory is checked before a byte is
// unpacked, and excelize is held to the same sizes when it unpacks.
const (
	MaxFileSize = 16 << 20  // bytes of the .xlsx itself
	MaxUnpacked = 48 << 20  // bytes of all its parts, unpacked
	MaxPart     = 16 << 20  // bytes of one part (a sheet's XML), unpacked: 20,000 rows of cases take 8
	MaxEntries  = 1000      // parts in the zip
	MaxRatio    = 200       // unpacked ÷ packed, for a part over ratioFloor
	ratioFloor  = 256 << 10 // small parts may compress as well as they like
	MaxRows     = 20_000    // rows of one sheet, blank ones included
	MaxColumns  = 64        // columns of one sheet
)

// refused are the spreadsheet files listed beside the workbooks only to
// be refused: left out silently, a unit's report would go missing.
var refused = []string{".xlsm", ".xltm", ".xlsb", ".xls", ".xlt", ".xla", ".xlam"}

// Listed reports whether a data file with the extension ext (lower case,
// with its dot) is read by this package: a workbook, or a spreadsheet
// refused with a message.
func Listed(ext string) bool { return ext == ".xlsx" || slices.Contains(refused, ext) }

// oleMagic opens an OLE compound file: a password-protected workbook (the
// encrypted package is wrapped in one) or an old .xls.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// guard refuses what must not reach the workbook parser. It reads only
// the zip's central directory and [Content_Types].xml.
func guard(file string, data []byte) (diag.Diag, bool) {
	refuse := func(vi, en string) (diag.Diag, bool) { return diag.At(file, 0, 0, vi, en), true }
	if ext := strings.ToLower(path.Ext(file)); slices.Contains(refused, ext) {
		return refuse(fmt.Sprintf("tệp %s không được nhận (có thể chứa macro hoặc là định dạng cũ); hãy mở trong Excel và lưu lại dạng Excel Workbook (.xlsx)", ext),
			fmt.Sprintf("%s files are not accepted (they may hold macros, or are an old format); open it in Excel and save it as an Excel Workbook (.xlsx)", ext))
	}
	if len(data) > MaxFileSize {
		return TooLarge(file, int64(len(data))), true
	}
	if bytes.HasPrefix(data, oleMagic) {
		return refuse("tệp Excel có đặt mật khẩu, hoặc là định dạng .xls cũ; hãy bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) và lưu dạng .xlsx",
			"the workbook is password-protected, or an old .xls; remove the password (File › Info › Protect Workbook) and save it as .xlsx")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return refuse("đây không phải tệp Excel (.xlsx): nội dung không đọc được như một sổ làm việc; hãy lưu lại từ Excel dạng Excel Workbook (.xlsx)",
			"this is not an Excel workbook (.xlsx): its content cannot be read as one; save it again from Excel as an Excel Workbook (.xlsx)")
	}
	return checkParts(zr, refuse)
}

// TooLarge is the problem of a workbook of n bytes, over MaxFileSize: a
// build says it before reading the file.
func TooLarge(file string, n int64) diag.Diag {
	is, limit := size(n), size(MaxFileSize)
	return diag.At(file, 0, 0,
		fmt.Sprintf("tệp Excel nặng %s, quá mức tối đa %s; một báo cáo tháng chỉ vài trăm KB: hãy xóa các trang tính, hình ảnh không thuộc mẫu", is, limit),
		fmt.Sprintf("the workbook is %s, over the %s limit; a monthly report is a few hundred KB: remove sheets and pictures that are not part of the template", is, limit))
}

// checkParts checks the parts of the zip from its central directory.
func checkParts(zr *zip.Reader, refuse func(vi, en string) (diag.Diag, bool)) (diag.Diag, bool) {
	if len(zr.File) > MaxEntries {
		return refuse(fmt.Sprintf("tệp Excel có %d phần, quá mức tối đa %d; đây không phải một báo cáo bình thường", len(zr.File), MaxEntries),
			fmt.Sprintf("the workbook has %d parts, over the %d allowed; this is no ordinary report", len(zr.File), MaxEntries))
	}
	var total uint64
	var workbook, types *zip.File
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		switch {
		case name == "xl/workbook.xml":
			workbook = f
		case name == "[content_types].xml":
			types = f
		case strings.HasSuffix(name, "vbaproject.bin"):
			return macros(refuse)
		case strings.HasPrefix(name, "xl/externallinks/"):
			return refuse("tệp Excel có liên kết tới tệp khác (External Links); hãy thay công thức bằng giá trị (Dữ liệu › Sửa liên kết › Ngắt liên kết) rồi gửi lại",
				"the workbook links to other files (external links); replace the formulas by their values (Data › Edit Links › Break Link) and send it again")
		}
		total += f.UncompressedSize64
		if f.UncompressedSize64 > MaxPart || total > MaxUnpacked {
			return refuse(fmt.Sprintf("tệp Excel khi giải nén lớn hơn %s; đây không phải một báo cáo bình thường", size(MaxUnpacked)),
				fmt.Sprintf("the workbook unpacks to more than %s; this is no ordinary report", size(MaxUnpacked)))
		}
		if f.UncompressedSize64 > ratioFloor && f.UncompressedSize64 > MaxRatio*max(f.CompressedSize64, 1) {
			return refuse(fmt.Sprintf("tệp Excel bị nén bất thường (phần %s nở ra hơn %d lần); đây không phải một báo cáo bình thường", f.Name, MaxRatio),
				fmt.Sprintf("the workbook is compressed beyond reason (part %s grows more than %d times); this is no ordinary report", f.Name, MaxRatio))
		}
	}
	if workbook == nil || types == nil {
		return refuse("đây không phải tệp Excel (.xlsx): không có sổ làm việc bên trong (có thể là tệp Word hay tệp nén đổi đuôi); hãy lưu lại từ Excel",
			"this is not an Excel workbook (.xlsx): it holds no workbook (a Word document or a zip renamed, perhaps); save it again from Excel")
	}
	if ct, err := readPart(types, 1<<20); err != nil || bytes.Contains(bytes.ToLower(ct), []byte("macroenabled")) {
		return macros(refuse)
	}
	return diag.Diag{}, false
}

func macros(refuse func(vi, en string) (diag.Diag, bool)) (diag.Diag, bool) {
	return refuse("tệp Excel có macro (VBA); hãy lưu lại dạng Excel Workbook (.xlsx), không có macro",
		"the workbook holds macros (VBA); save it as an Excel Workbook (.xlsx), without macros")
}

// readPart reads a small part whole, at most limit bytes.
func readPart(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", f.Name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err == nil && int64(len(b)) > limit {
		err = fmt.Errorf("%s is over %d bytes", f.Name, limit)
	}
	return b, err
}

// size writes a byte count for messages: "16 MB".
func size(n int64) string {
	if n >= 1<<20 {
		return format.New("vi").Num(n>>20) + " MB"
	}
	return format.New("vi").Num(max(n>>10, 1)) + " KB"
}
