package workbook

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"giamsat/internal/diag"
	"giamsat/internal/export"
	"giamsat/internal/site"
)

// WriteTemplate writes the template of the site in the folder source to
// out, refusing to replace a file there unless force: it may be a
// workbook a unit has filled.
func WriteTemplate(source, out string, opt TemplateOptions, force bool) (diag.List, error) {
	cfg, diags := site.Load(source)
	if len(diags) > 0 {
		return diags, nil
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return nil, fmt.Errorf("--out %s: name the template FILE.xlsx (hãy đặt tên tệp .xlsx)", out)
	}
	data, err := Template(cfg, opt)
	if err != nil {
		return nil, err
	}
	return nil, writeNew(out, data, force)
}

// Convert reads the export in (a workbook or YAML, by its name) against
// the site in source, and writes it in the other form to out, or for a
// workbook read with no out, as YAML to stdout. An export with problems
// is not converted: the problems are returned.
func Convert(source, in, out string, force bool, stdout io.Writer) (diag.List, error) {
	ext := strings.ToLower(filepath.Ext(in))
	toYAML := ext == ".xlsx"
	switch {
	case !toYAML && ext != ".yaml" && ext != ".yml":
		return nil, fmt.Errorf("%s: give an export FILE.xlsx or FILE.yaml (cần tệp .xlsx hoặc .yaml)", in)
	case !toYAML && !strings.EqualFold(filepath.Ext(out), ".xlsx"):
		return nil, fmt.Errorf("--out FILE.xlsx: say where to write the workbook (hãy ghi --out TỆP.xlsx)")
	case toYAML && out != "" && !strings.EqualFold(filepath.Ext(out), ".yaml") && !strings.EqualFold(filepath.Ext(out), ".yml"):
		return nil, fmt.Errorf("--out %s: name the YAML FILE.yaml (hãy đặt tên tệp .yaml)", out)
	}
	cfg, diags := site.Load(source)
	if len(diags) > 0 {
		return diags, nil
	}
	data, err := readInput(in)
	if err != nil {
		return nil, err
	}
	var e *export.File
	if toYAML {
		e, diags = Read(filepath.ToSlash(in), data, cfg)
	} else {
		e, diags = export.ReadFile(filepath.ToSlash(in), data, cfg)
	}
	if len(diags) > 0 || e == nil {
		return diags, nil
	}
	var result []byte
	if toYAML {
		result, err = YAML(e, cfg)
	} else {
		result, err = Write(e, cfg)
	}
	if err != nil {
		return nil, err
	}
	if out == "" {
		_, err = stdout.Write(result)
		return nil, err
	}
	return nil, writeNew(out, result, force)
}

// readInput reads an export to convert, no larger than a build reads.
func readInput(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("reading the export: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize*4+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return data, nil
}

// writeNew writes data to name, which must not exist unless force.
func writeNew(name string, data []byte, force bool) error {
	if _, err := os.Lstat(name); err == nil && !force {
		return fmt.Errorf("%s already exists; give --force to replace it (tệp đã có; thêm --force để ghi đè)", name)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("checking %s: %w", name, err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
