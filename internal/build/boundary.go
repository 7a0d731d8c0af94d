package build

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"giamsat/internal/address"
	"giamsat/internal/boundary"
	"giamsat/internal/diag"
	"giamsat/internal/render"
	"giamsat/internal/site"
)

// readBoundary reads the boundary file site.yaml names, if any, through the
// site folder (a link out of it is refused by the open) and at most one
// byte past the limit.
func readBoundary(source string, cfg *site.Config) (*boundary.Map, diag.List) {
	if cfg.Map.File == "" {
		return nil, nil
	}
	at := func(vi, en string) diag.List {
		return diag.List{diag.At(site.FileName, cfg.Map.Line, 0, vi, en)}
	}
	root, err := os.OpenRoot(source)
	if err != nil {
		return nil, at(fmt.Sprintf("không mở được thư mục trang (%v)", err), fmt.Sprintf("cannot open the site folder (%v)", err))
	}
	defer root.Close()
	f, err := root.Open(filepath.FromSlash(cfg.Map.File))
	if err != nil {
		return nil, at(fmt.Sprintf("map: không đọc được tệp ranh giới %s (%v); kiểm tra đường dẫn, tính từ thư mục trang", cfg.Map.File, err),
			fmt.Sprintf("map: cannot read the boundary file %s (%v); check the path, from the site folder", cfg.Map.File, err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return nil, at(fmt.Sprintf("map: %s không phải một tệp", cfg.Map.File), fmt.Sprintf("map: %s is not a file", cfg.Map.File))
	}
	data, err := io.ReadAll(io.LimitReader(f, boundary.MaxBytes+1))
	if err != nil {
		return nil, at(fmt.Sprintf("map: không đọc được %s (%v)", cfg.Map.File, err), fmt.Sprintf("map: cannot read %s (%v)", cfg.Map.File, err))
	}
	return boundary.Read(cfg.Map.File, data, cfg.Map.CodeProperty, cfg.Districts)
}

// mapRef is where the pages find the map, or nothing.
func mapRef(m *boundary.Map) render.MapRef {
	if m == nil {
		return render.MapRef{}
	}
	return render.MapRef{Asset: address.MapAsset(m.Sum()), Name: boundary.MapName}
}
