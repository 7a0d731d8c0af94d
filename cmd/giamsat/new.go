package main

import (
	"fmt"
	"io"
	"strings"

	"giamsat/internal/diag"
	"giamsat/internal/scaffold"
)

const newUsage = `Usage: giamsat new site DIR
  Write a new site into DIR, a new or empty folder: site.yaml, a sample
  export, a sample directive and a README for staff.
  Tạo trang mới trong thư mục DIR (thư mục mới hoặc trống).
`

// runNew is "giamsat new site DIR". It takes no flags, so that a folder
// name is never mistaken for one; -h asks for the usage.
func runNew(args []string, stdout, stderr io.Writer) int {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help":
			fmt.Fprint(stdout, newUsage)
			return exitOK
		}
	}
	var msg string
	switch {
	case len(args) == 0 || args[0] != "site":
		msg = "say what to create: giamsat new site DIR (hãy ghi: giamsat new site DIR)"
	case len(args) != 2 || args[1] == "":
		msg = "give one folder: giamsat new site DIR (cần đúng một thư mục)"
	case strings.HasPrefix(args[1], "-"):
		msg = fmt.Sprintf("unknown flag %s (không có tùy chọn này)", args[1])
	}
	if msg != "" {
		fmt.Fprintf(stderr, "giamsat new: %s\n%s", diag.Printable(msg), newUsage)
		return exitUsage
	}
	dir := args[1]
	files, err := scaffold.Write(dir)
	if err != nil {
		fmt.Fprintln(stderr, "giamsat:", diag.Printable(err.Error()))
		return exitData
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "  %s\n", diag.Printable(f))
	}
	// The folder's name is the user's, and goes to a terminal.
	shown := diag.Printable(dir)
	fmt.Fprintf(stdout, "giamsat: đã tạo trang mới trong %s; xem thử: giamsat serve --source %s\n", shown, shown)
	fmt.Fprintf(stdout, "giamsat: new site written to %s; preview it: giamsat serve --source %s\n", shown, shown)
	return exitOK
}
