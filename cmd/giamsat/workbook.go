package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"giamsat/internal/diag"
	"giamsat/internal/period"
	"giamsat/internal/workbook"
)

// runTemplate is "giamsat template --out FILE.xlsx".
func runTemplate(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("template")
	source := fs.String("source", ".", "the site `folder` whose site.yaml gives the lists")
	out := fs.String("out", "", "write the template to this `FILE.xlsx`")
	unit := fs.String("unit", "", "fill in the unit: its `code` (or name) from site.yaml")
	per := fs.String("period", "", "fill in the report's `period` (2024-11)")
	force := fs.Bool("force", false, "replace --out if it exists")
	if code, ok := parse(fs, args, stdout, stderr); !ok {
		return code
	}
	if *out == "" {
		return usageError(fs, "--out FILE.xlsx is required (cần --out)")
	}
	opt := workbook.TemplateOptions{District: *unit}
	if *per != "" {
		p, err := period.Parse(*per)
		if err != nil {
			return usageError(fs, fmt.Sprintf("--period %s: write 2024-11, 2024-Q4 or 2024 (kỳ không đúng dạng)", *per))
		}
		opt.Period = p
	}
	diags, err := workbook.WriteTemplate(*source, *out, opt, *force)
	return finish(diags, err, stderr)
}

// runConvert is "giamsat convert FILE [--out FILE]": the flags may come
// before or after the file.
func runConvert(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("convert")
	source := fs.String("source", ".", "the site `folder` whose site.yaml the export is read against")
	out := fs.String("out", "", "write to this `FILE` (.yaml or .xlsx) instead of standard output")
	force := fs.Bool("force", false, "replace --out if it exists")
	var in string
	for {
		var msg strings.Builder
		fs.SetOutput(&msg)
		err := fs.Parse(args)
		fs.SetOutput(stderr)
		if err != nil {
			return parseFailed(fs, err, msg.String(), stdout, stderr)
		}
		if fs.NArg() == 0 {
			break
		}
		if in != "" {
			return usageError(fs, fmt.Sprintf("unexpected argument %q (đối số thừa)", fs.Arg(0)))
		}
		in, args = fs.Arg(0), fs.Args()[1:]
	}
	if in == "" {
		return usageError(fs, "give the export to convert: giamsat convert FILE.xlsx (cần tệp cần chuyển)")
	}
	if ext := strings.ToLower(filepath.Ext(in)); (ext == ".yaml" || ext == ".yml") && *out == "" {
		return usageError(fs, "a workbook is not printed: give --out FILE.xlsx (hãy ghi --out TỆP.xlsx)")
	}
	diags, err := workbook.Convert(*source, in, *out, *force, stdout)
	return finish(diags, err, stderr)
}

// finish reports problems in the data or an error, and gives the status.
func finish(diags diag.List, err error, stderr io.Writer) int {
	if len(diags) > 0 {
		fmt.Fprint(stderr, diags.Text("vi"))
		fmt.Fprintf(stderr, "giamsat: %d lỗi, không ghi gì (%d problems, nothing written)\n", len(diags), len(diags))
		return exitData
	}
	if err != nil {
		fmt.Fprintln(stderr, "giamsat:", diag.Printable(err.Error()))
		return exitData
	}
	return exitOK
}
