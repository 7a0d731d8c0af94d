// Package themes holds the default theme, embedded in the binary so that a
// site folder with only site.yaml, data/ and content/ builds. It lives here
// rather than in internal/theme because go:embed cannot reach parent folders.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var files embed.FS

// Default is the default theme: layouts/, assets/ and i18n/ at its top.
var Default fs.FS = mustSub(files, "default")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		// fs.Sub fails only for an invalid path, which "default" is not.
		panic(err)
	}
	return sub
}
