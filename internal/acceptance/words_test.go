package acceptance

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPageWordsFromI18n holds the packages that write pages to taking every
// word from the theme's i18n files: none of their Go code may carry a
// Vietnamese word (a letter with a diacritic), so that a theme can reword
// the site and a third language is only a file. Console messages (build,
// site, export, content diagnostics) are not pages and are bilingual in Go.
func TestPageWordsFromI18n(t *testing.T) {
	for _, pkg := range []string{"render", "search", "downloads", "theme", "address", "stats", "chart"} {
		dir := filepath.Join("..", pkg)
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(names) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		fset := token.NewFileSet()
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(fset, name, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					return true
				}
				for _, r := range s {
					if r >= 0xC0 && r <= 0x24F || r >= 0x1E00 && r <= 0x1EFF {
						t.Errorf("%s: %q: a word on a page belongs in i18n/*.yaml", fset.Position(lit.Pos()), s)
						break
					}
				}
				return true
			})
		}
	}
}

// TestAddressesFromAddress holds every writer and linker to asking
// internal/address for the site's addresses: no Go code outside it spells a
// page's file name (a message may name one).
func TestAddressesFromAddress(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("..", "*", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join("..", "..", "cmd", "*", "*.go"))
	fset := token.NewFileSet()
	for _, name := range append(names, more...) {
		if strings.HasSuffix(name, "_test.go") || filepath.Base(filepath.Dir(name)) == "address" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && strings.Contains(lit.Value, "index.html") && !strings.Contains(lit.Value, " ") {
				t.Errorf("%s: %s: a page address belongs in internal/address", fset.Position(lit.Pos()), lit.Value)
			}
			return true
		})
	}
}
