// Package theme renders pages with a theme: html/template layouts, static
// assets and interface strings. The default theme is embedded in the binary
// (package themes); a site's themes/NAME/ folder replaces any of its files,
// file by file, and may add new ones.
//
// Layouts work like Hugo's: layouts/_default/baseof.html is the page shell,
// every other layout file defines "main" (and may define "head"), and
// layouts/partials/NAME.html is available to all as {{template "NAME" .}}.
// Each page layout gets its own template set cloned from the shell, so two
// layouts can both define "main".
package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"giamsat/internal/fingerprint"
	"giamsat/internal/format"
	"giamsat/internal/period"
	"giamsat/themes"
)

// Options say which theme to load and what every page shows.
type Options struct {
	SiteDir      string // the site folder; "" uses the embedded default theme alone
	Name         string // theme name from site.yaml; "" is "default"
	Lang         string // "vi" (default) or "en"
	SiteTitle    string
	Organization string
	Nav          []NavItem
	AsOf         period.Date // shown in every footer when set
}

// NavItem is one link of the navigation bar. Href is relative to the site
// root ("districts/index.html"); pages prefix it with their Root.
type NavItem struct {
	Title string
	// Key names the interface string that is the title when Title is
	// empty, so that a theme can rename the dashboard's own entries.
	Key  string
	Href string
	// Current is set by Page on the item the page belongs to.
	Current bool
}

// Site is what every page knows about the site.
type Site struct {
	Title        string
	Organization string
	AsOf         string // formatted, "" when unknown
}

// Theme is a loaded theme. It is safe for concurrent use.
type Theme struct {
	opt     Options
	lang    string
	files   []file // sorted by name
	strings map[string]string
	nav     []NavItem // opt.Nav with every title in the theme's language
	layouts map[string]*template.Template
	format  format.Formatter
	// sum is the fingerprint of everything a page's bytes depend on
	// besides the page itself: the theme's files and the options.
	sum fingerprint.Sum

	mu      sync.Mutex
	missing map[string]bool // keys T was asked for and did not have
}

// file is one file of the merged theme.
type file struct {
	name string // slash path inside the theme, "layouts/index.html"
	fsys fs.FS
	from string // for messages: where the file came from
}

const (
	baseof   = "layouts/_default/baseof.html"
	partials = "layouts/partials/"
)

// Load reads the theme opt names: the embedded default overlaid by
// SiteDir/themes/NAME/ when that folder exists. A theme other than
// "default" whose folder is missing is an error.
func Load(opt Options) (*Theme, error) {
	if opt.Name == "" {
		opt.Name = "default"
	}
	if opt.Lang == "" {
		opt.Lang = "vi"
	}
	for _, n := range opt.Nav {
		if !isRelative(n.Href) {
			return nil, fmt.Errorf("theme: navigation link %q must be relative to the site root", n.Href)
		}
	}
	files, err := merge(opt.SiteDir, opt.Name)
	if err != nil {
		return nil, err
	}
	t := &Theme{opt: opt, lang: opt.Lang, files: files}
	if t.strings, err = t.loadStrings(); err != nil {
		return nil, err
	}
	if t.format, err = t.formatter(); err != nil {
		return nil, err
	}
	t.nav = make([]NavItem, len(opt.Nav))
	for i, n := range opt.Nav {
		if n.Title == "" {
			if n.Title, err = t.tr(n.Key); err != nil {
				return nil, fmt.Errorf("theme: navigation: %w", err)
			}
		}
		t.nav[i] = n
	}
	if t.layouts, err = t.parseLayouts(); err != nil {
		return nil, err
	}
	if t.sum, err = t.fingerprint(); err != nil {
		return nil, err
	}
	return t, nil
}

// fingerprint sums the theme's files and options. The program's own
// version is not in it: files are only reused from a build of the same
// program (see publish.Begin).
func (t *Theme) fingerprint() (fingerprint.Sum, error) {
	h := fingerprint.New()
	if err := h.Value(t.opt); err != nil {
		return fingerprint.Sum{}, err
	}
	for _, f := range t.files {
		b, err := t.read(f)
		if err != nil {
			return fingerprint.Sum{}, err
		}
		h.String(f.name)
		h.Bytes(b)
	}
	return h.Sum(), nil
}

// merge lists the default theme's files, each replaced by the site theme's
// file of the same name when there is one.
func merge(siteDir, name string) ([]file, error) {
	byName := map[string]file{}
	if err := collect(themes.Default, "embedded default theme", byName); err != nil {
		return nil, err
	}
	if siteDir != "" {
		dir := filepath.Join(siteDir, "themes", name)
		switch st, err := os.Stat(dir); {
		case err == nil && st.IsDir():
			if err := collect(os.DirFS(dir), "themes/"+name, byName); err != nil {
				return nil, err
			}
		case err == nil:
			return nil, fmt.Errorf("theme: themes/%s is not a folder", name)
		case !errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("theme: %w", err)
		case name != "default":
			return nil, fmt.Errorf("theme %q: folder themes/%s not found in the site folder: create it or write theme: default in site.yaml", name, name)
		}
	} else if name != "default" {
		return nil, fmt.Errorf("theme %q: no site folder to find it in", name)
	}
	files := make([]file, 0, len(byName))
	for _, f := range byName {
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, nil
}

// collect adds the regular files of fsys to byName. Hidden files (".DS_Store",
// ".gitkeep") and symbolic links are left out: a theme must not publish
// what its author cannot see, nor files from outside its folder.
func collect(fsys fs.FS, from string, byName map[string]file) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("theme: %s: %w", from, err)
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			byName[p] = file{name: p, fsys: fsys, from: from + "/" + p}
		}
		return nil
	})
}

func (t *Theme) lookup(name string) (file, bool) {
	i := sort.Search(len(t.files), func(i int) bool { return t.files[i].name >= name })
	if i < len(t.files) && t.files[i].name == name {
		return t.files[i], true
	}
	return file{}, false
}

func (t *Theme) read(f file) ([]byte, error) {
	b, err := fs.ReadFile(f.fsys, f.name)
	if err != nil {
		return nil, fmt.Errorf("theme: %s: %w", f.from, err)
	}
	return b, nil
}

// loadStrings reads i18n/LANG.yaml and checks that every other language
// file of the theme has the same keys, each with the same {places}: a string
// added to one language only, or a translation that lost a figure, would
// otherwise show up on someone else's site. A language is only its file:
// i18n/fr.yaml makes `language: fr` a choice.
func (t *Theme) loadStrings() (map[string]string, error) {
	all := map[string]map[string]string{}
	var langs []string
	for _, f := range t.files {
		lang, ok := strings.CutPrefix(f.name, "i18n/")
		if lang, ok = strings.CutSuffix(lang, ".yaml"); !ok || strings.Contains(lang, "/") {
			continue
		}
		langs = append(langs, lang)
		b, err := t.read(f)
		if err != nil {
			return nil, err
		}
		m, err := parseStrings(f.from, b)
		if err != nil {
			return nil, err
		}
		all[lang] = m
	}
	if all[t.lang] == nil {
		return nil, fmt.Errorf("theme: no i18n/%s.yaml in the theme (it has %s): add one, translated from i18n/en.yaml", t.lang, strings.Join(langs, ", "))
	}
	var problems []string
	for _, a := range langs {
		for _, b := range langs {
			if a == b {
				continue
			}
			for _, k := range sortedKeys(all[a]) {
				other, ok := all[b][k]
				switch {
				case !ok:
					problems = append(problems, fmt.Sprintf("i18n/%s.yaml has no key %q (i18n/%s.yaml has it)", b, k, a))
				case strings.HasPrefix(k, "format."):
					// Languages write periods differently ("tháng {n}",
					// "{name} {year}"): checked below, one language at a time.
				case a < b && !slices.Equal(places(all[a][k]), places(other)):
					problems = append(problems, fmt.Sprintf("%q has places %v in i18n/%s.yaml but %v in i18n/%s.yaml", k, places(all[a][k]), a, places(other), b))
				}
			}
		}
	}
	allowed := []string{"{n}", "{name}", "{roman}", "{year}"}
	for _, lang := range langs {
		for _, k := range sortedKeys(all[lang]) {
			if !strings.HasPrefix(k, "format.") {
				continue
			}
			for _, p := range places(all[lang][k]) {
				if !slices.Contains(allowed, p) {
					problems = append(problems, fmt.Sprintf("%q in i18n/%s.yaml has the place %s; it may use %s", k, lang, p, strings.Join(allowed, " ")))
				}
			}
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("theme: %s", strings.Join(problems, "; "))
	}
	return all[t.lang], nil
}

// places lists the {names} a string has, sorted, each once.
func places(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		out = append(out, s[i:i+j+1])
		s = s[i+j+1:]
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// parseStrings reads a flat mapping of keys to strings.
func parseStrings(from string, b []byte) (map[string]string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("theme: %s: %w", from, err)
	}
	m := map[string]string{}
	if len(doc.Content) == 0 {
		return m, nil
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("theme: %s:%d: write key: text lines", from, top.Line)
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			return nil, fmt.Errorf("theme: %s:%d: %q must be a key with a text value", from, k.Line, k.Value)
		}
		if _, dup := m[k.Value]; dup {
			return nil, fmt.Errorf("theme: %s:%d: key %q given twice", from, k.Line, k.Value)
		}
		m[k.Value] = v.Value
	}
	return m, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// T returns the interface string key in the site language. A key the theme
// lacks gives "[key]" and is remembered: Err and every later Write report it,
// so a missing translation fails the build instead of showing quietly.
func (t *Theme) T(key string) string {
	if s, ok := t.strings[key]; ok {
		return s
	}
	t.mu.Lock()
	if t.missing == nil {
		t.missing = map[string]bool{}
	}
	t.missing[key] = true
	t.mu.Unlock()
	return "[" + key + "]"
}

// formatter is the language's Formatter with the theme's words.
func (t *Theme) formatter() (format.Formatter, error) {
	var w format.Words
	var names string
	for _, s := range []struct {
		key string
		to  *string
	}{
		{"format.month", &w.Month}, {"format.month_names", &names}, {"format.quarter", &w.Quarter},
		{"format.half1", &w.Half[0]}, {"format.half2", &w.Half[1]}, {"format.year", &w.Year}, {"format.money", &w.Money},
	} {
		v, err := t.tr(s.key)
		if err != nil {
			return format.Formatter{}, fmt.Errorf("theme: %w", err)
		}
		*s.to = v
	}
	months := strings.Split(names, ",")
	if len(months) != 12 {
		return format.Formatter{}, fmt.Errorf("theme: format.month_names in i18n/%s.yaml has %d names, not 12 separated by commas", t.lang, len(months))
	}
	for i, m := range months {
		w.MonthNames[i] = strings.TrimSpace(m)
	}
	return format.New(t.lang).WithWords(w), nil
}

// Tf is T with the {name} places of the string filled: Tf(key, "n", "12")
// puts 12 where the string says {n}. The values are not scanned again, so
// a name that holds braces stays as it is.
func (t *Theme) Tf(key string, args ...string) string {
	s := t.T(key)
	if len(args) < 2 {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+args[i]+"}", args[i+1])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// tr is the template function t: a missing key stops the template.
func (t *Theme) tr(key string) (string, error) {
	if s, ok := t.strings[key]; ok {
		return s, nil
	}
	return "", fmt.Errorf("no interface string %q in i18n/%s.yaml: add it to every i18n file of the theme", key, t.lang)
}

// Err reports the keys T was asked for that the theme lacks.
func (t *Theme) Err() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.missing) == 0 {
		return nil
	}
	keys := make([]string, 0, len(t.missing))
	for k := range t.missing {
		keys = append(keys, fmt.Sprintf("%q", k))
	}
	sort.Strings(keys)
	return fmt.Errorf("theme: no interface strings %s in i18n/%s.yaml: add them to every i18n file of the theme", strings.Join(keys, ", "), t.lang)
}

// Format returns the formatter for the site language.
func (t *Theme) Format() format.Formatter { return t.format }

// Lang returns the site language, "vi" or "en".
func (t *Theme) Lang() string { return t.lang }

// Layouts lists the page layouts the theme has, sorted.
func (t *Theme) Layouts() []string {
	names := make([]string, 0, len(t.layouts))
	for n := range t.layouts {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// parseLayouts parses the shell and partials once, then clones them for
// each page layout.
func (t *Theme) parseLayouts() (map[string]*template.Template, error) {
	bf, ok := t.lookup(baseof)
	if !ok {
		return nil, fmt.Errorf("theme: no %s in the theme", baseof)
	}
	b, err := t.read(bf)
	if err != nil {
		return nil, err
	}
	base, err := template.New("baseof").Funcs(t.funcs()).Parse(string(b))
	if err != nil {
		return nil, fmt.Errorf("theme: %s: %w", bf.from, err)
	}
	var pages []file
	for _, f := range t.files {
		switch {
		case !strings.HasPrefix(f.name, "layouts/") || path.Ext(f.name) != ".html" || f.name == baseof:
		case strings.HasPrefix(f.name, partials):
			b, err := t.read(f)
			if err != nil {
				return nil, err
			}
			name := strings.TrimSuffix(strings.TrimPrefix(f.name, partials), ".html")
			if _, err := base.New(name).Parse(string(b)); err != nil {
				return nil, fmt.Errorf("theme: %s: %w", f.from, err)
			}
		default:
			pages = append(pages, f)
		}
	}
	layouts := map[string]*template.Template{}
	for _, f := range pages {
		b, err := t.read(f)
		if err != nil {
			return nil, err
		}
		tm, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("theme: %s: %w", f.from, err)
		}
		if _, err := tm.New(f.name).Parse(string(b)); err != nil {
			return nil, fmt.Errorf("theme: %s: %w", f.from, err)
		}
		if tm.Lookup("main") == nil {
			return nil, fmt.Errorf(`theme: %s: a page layout must define "main": write {{define "main"}}…{{end}}`, f.from)
		}
		layouts[strings.TrimPrefix(f.name, "layouts/")] = tm
	}
	return layouts, nil
}
