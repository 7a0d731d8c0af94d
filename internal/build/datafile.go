package build

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"giamsat/internal/diag"
	"giamsat/internal/strictyaml"
	"giamsat/internal/workbook"
)

// checkData refuses, before a byte is read, what must not be read as an
// export: a symbolic link leading out of data/ (the site publishes only
// what its folders hold), something other than a regular file (reading a
// named pipe would never end) and a file over the size limit (a
// workbook's is lower), whose message then states the file's real size. Links to folders are not
// followed (a link could loop, or bring in a folder shared with another
// site) but refused, so that the exports behind them are not silently
// left out.
func checkData(source, rel string) (diag.Diag, bool) {
	name := filepath.Join(source, filepath.FromSlash(rel))
	fi, err := os.Lstat(name)
	if err != nil {
		// Reading it reports the error.
		return diag.Diag{}, false
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		if !linkInside(name, filepath.Join(source, "data")) {
			return diag.At(rel, 0, 0,
				"tệp là liên kết tượng trưng trỏ ra ngoài thư mục data/ (hoặc tới chỗ không còn tồn tại); hãy chép chính tệp dữ liệu vào data/",
				"the file is a symbolic link to somewhere outside data/ (or to nothing); copy the export itself into data/"), true
		}
		if fi, err = os.Stat(name); err != nil {
			return diag.Diag{}, false
		}
		if fi.IsDir() {
			return diag.At(rel, 0, 0,
				"đây là liên kết tượng trưng tới một thư mục; giamsat không đọc qua liên kết thư mục, nên các tệp dữ liệu trong đó sẽ bị bỏ sót: hãy chép chính thư mục vào data/",
				"this is a symbolic link to a folder; giamsat does not read through folder links, so the exports in it would be left out: copy the folder itself into data/"), true
		}
	}
	if !fi.Mode().IsRegular() {
		return diag.At(rel, 0, 0,
			"đây không phải một tệp thông thường (có thể là ống dẫn hay thiết bị); hãy xóa nó khỏi data/ hoặc thay bằng tệp dữ liệu",
			"this is not a regular file (a pipe or a device, perhaps); remove it from data/ or put the export file there"), true
	}
	if fi.Size() > strictyaml.MaxFileSize {
		return strictyaml.TooLarge(rel, fi.Size()), true
	}
	if workbook.Listed(strings.ToLower(path.Ext(rel))) && fi.Size() > workbook.MaxFileSize {
		return workbook.TooLarge(rel, fi.Size()), true
	}
	return diag.Diag{}, false
}

// linkInside reports whether the link name, resolved, is within dir,
// itself resolved.
func linkInside(name, dir string) bool {
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return false
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	if real, err = filepath.Abs(real); err != nil {
		return false
	}
	if root, err = filepath.Abs(root); err != nil {
		return false
	}
	return within(real, root)
}
