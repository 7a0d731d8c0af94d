// Package diag holds the problems found in a site's input files: each one
// carries the place a person can fix (file, line, column) and its message
// in both interface languages, so the reader of the data never depends on
// the language the site is configured for.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Diag is one problem in the input. File is relative to the source folder,
// with forward slashes. Line and Col are 1-based; 0 means unknown. In a
// workbook Sheet names the sheet, and Line and Col are the cell's row and
// column: the place is written as a spreadsheet writes it, "Vụ việc!C12".
type Diag struct {
	File      string
	Sheet     string
	Line, Col int
	VI, EN    string
}

// At builds a Diag. The messages must already be formatted and should end
// by saying what to do.
func At(file string, line, col int, vi, en string) Diag {
	return Diag{File: file, Line: line, Col: col, VI: vi, EN: en}
}

// InSheet builds a Diag placed at a workbook cell (row and col 1-based; col
// 0 names the whole row, row 0 the whole sheet).
func InSheet(file, sheet string, row, col int, vi, en string) Diag {
	return Diag{File: file, Sheet: sheet, Line: row, Col: col, VI: vi, EN: en}
}

// Cell writes a cell's place as spreadsheets do: "Vụ việc!C12"; "Vụ
// việc!12" for a whole row, "Vụ việc" for the whole sheet.
func Cell(sheet string, row, col int) string {
	if row <= 0 {
		return sheet
	}
	return fmt.Sprintf("%s!%s%d", sheet, ColumnName(col), row)
}

// ColumnName is a spreadsheet column's letters: 1 → A, 27 → AA; "" for 0.
func ColumnName(col int) string {
	var b []byte
	for ; col > 0; col = (col - 1) / 26 {
		b = append([]byte{byte('A' + (col-1)%26)}, b...)
	}
	return string(b)
}

// Text returns "FILE:LINE:COL: message" in the given language ("vi" or "en"),
// made safe to print by Printable: file names and the values messages
// quote come from the input, and the line goes to a terminal.
func (d Diag) Text(lang string) string {
	msg := d.VI
	if lang != "vi" && lang != "" { // English for English and for any third language
		msg = d.EN
	}
	var b strings.Builder
	b.WriteString(Printable(d.File))
	if d.Sheet != "" {
		b.WriteString(": ")
		b.WriteString(Printable(Cell(d.Sheet, d.Line, d.Col)))
	} else if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(Printable(msg))
	return b.String()
}

// Error makes a single Diag usable as an error (English, for logs and tests).
func (d Diag) Error() string { return d.Text("en") }

// List is every problem a run found. It is an error when non-empty.
type List []Diag

// Sort orders by file, line, column, then message, so that output is stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diag) int {
		return cmp.Or(
			strings.Compare(a.File, b.File),
			strings.Compare(a.Sheet, b.Sheet),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			strings.Compare(a.EN, b.EN),
		)
	})
}

// Text renders the whole list, one problem a line, in the given language.
func (l List) Text(lang string) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.Text(lang))
		b.WriteByte('\n')
	}
	return b.String()
}

func (l List) Error() string {
	if len(l) == 1 {
		return l[0].Error()
	}
	return fmt.Sprintf("%d problems; first: %s", len(l), l[0].Error())
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
