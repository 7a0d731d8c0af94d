package render

import (
	"giamsat/internal/address"
	"giamsat/internal/downloads"
)

// Downloads is the page of the CSV files.
type Downloads struct {
	Files []DownloadFile
}

// DownloadFile is one CSV with what its columns mean.
type DownloadFile struct {
	Name, Href, About string
	Columns           []Column
}

// Column is one column of a CSV.
type Column struct {
	Name, About string
}

func (r *renderer) downloadsJob() job {
	return func() error {
		const from = "downloads"
		var v Downloads
		for _, f := range downloads.Files() {
			base := f.Name[:len(f.Name)-len(".csv")]
			file := DownloadFile{Name: f.Name, Href: address.Rel(from, address.DataFile(f.Name)), About: r.t("dashboard.csv." + base)}
			for _, c := range f.Columns {
				file.Columns = append(file.Columns, Column{Name: c, About: r.t("dashboard.csv." + base + "." + c)})
			}
			v.Files = append(v.Files, file)
		}
		return r.write(from, "downloads.html", r.t("dashboard.downloads"), v)
	}
}
