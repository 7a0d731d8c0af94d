package build

import (
	"fmt"
	"html/template"
	"os"
	"path/filepath"

	"giamsat/internal/downloads"
)

// indexPage is a plain home page linking the downloads, for sites built
// before the dashboard pages exist.
var indexPage = template.Must(template.New("index").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>{{.Title}}</title>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p>{{.Organization}}</p>
{{- if .AsOf}}
<p>{{.AsOfLabel}} {{.AsOf}}</p>
{{- end}}
<h2>{{.DownloadsLabel}}</h2>
<ul>
{{- range .Files}}
<li><a href="data/{{.}}">{{.}}</a></li>
{{- end}}
</ul>
</main>
</body>
</html>
`))

type indexView struct {
	Lang, Title, Organization string
	AsOfLabel, AsOf           string
	DownloadsLabel            string
	Files                     []string
}

func writeIndex(dir string, s *Site) error {
	cfg := s.Config
	v := indexView{
		Lang:           cfg.Language,
		Title:          cfg.Title,
		Organization:   cfg.Organization,
		AsOfLabel:      text(cfg.Language, "Số liệu đến ngày", "Figures as of"),
		DownloadsLabel: text(cfg.Language, "Tải dữ liệu (CSV)", "Download the data (CSV)"),
	}
	if !s.Stats.AsOf.IsZero() {
		v.AsOf = text(cfg.Language, s.Stats.AsOf.VN(), s.Stats.AsOf.String())
	}
	for _, f := range downloads.Files() {
		v.Files = append(v.Files, f.Name)
	}
	f, err := os.Create(filepath.Join(dir, "index.html"))
	if err != nil {
		return err
	}
	if err := indexPage.Execute(f, v); err != nil {
		f.Close()
		return fmt.Errorf("index.html: %w", err)
	}
	return f.Close()
}
