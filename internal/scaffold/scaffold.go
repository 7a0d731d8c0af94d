// Package scaffold writes a new site folder: a site.yaml whose placeholders
// and comments say what to change, one sample export, one sample directive
// and a README for staff, all in Vietnamese. The site builds as it is, so
// that the first thing a new user sees is a working site to edit.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed all:template
var files embed.FS

// Write writes the new site into dir, creating it when missing, and
// returns the files written, slash-separated and relative to dir. It
// refuses a folder that holds anything: a new site never overwrites or
// mixes with files someone already has.
func Write(dir string) ([]string, error) {
	switch entries, err := os.ReadDir(dir); {
	case err == nil && len(entries) > 0:
		return nil, fmt.Errorf("%s is not empty; choose a new or empty folder (thư mục đã có tệp; hãy chọn một thư mục mới hoặc trống)", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("new site: %w", err)
	}
	tmpl, err := fs.Sub(files, "template")
	if err != nil {
		return nil, fmt.Errorf("new site: %w", err)
	}
	var written []string
	err = fs.WalkDir(tmpl, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(tmpl, p)
		if err != nil {
			return err
		}
		// O_EXCL: a file that appeared since the check above is not ours
		// to replace.
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(b); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		written = append(written, p)
		return nil
	})
	if err != nil {
		return written, fmt.Errorf("new site: %w", err)
	}
	return written, nil
}
