package content

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// BenchmarkLoad2000 loads a site of 2,000 directives, each carrying out
// the one before it.
func BenchmarkLoad2000(b *testing.B) {
	dir := b.TempDir()
	folder := filepath.Join(dir, "content", "directives")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		b.Fatal(err)
	}
	body := "Thực hiện Công văn của Bộ,\n\n## Nội dung\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nTrân trọng./.\n"
	for i := range 2000 {
		implements := ""
		if i > 0 {
			implements = fmt.Sprintf("implements: [cv-%d]\n", i-1)
		}
		text := fmt.Sprintf("---\nkind: Công văn\nnumber: %d/STTTT-TTra\nissuer: Sở Thông tin và Truyền thông\n"+
			"issued_on: %s\nplace: Long An\nsubject: Việc số %d\nrecipients: [Phòng Văn hóa và Thông tin]\n"+
			"signer: {authority: KT. GIÁM ĐỐC, title: PHÓ GIÁM ĐỐC, name: Hồ Văn Dân}\n"+
			"categories: [child-violence]\n%s---\n%s",
			i, fmt.Sprintf("2022-%02d-%02d", i%12+1, i%28+1), i, implements, body)
		if err := os.WriteFile(filepath.Join(folder, fmt.Sprintf("cv-%d.md", i)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	cfg := testConfig()
	// One worker shows what reading on every core gains.
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			for b.Loop() {
				set, diags := load(dir, cfg, workers)
				if len(diags) > 0 || len(set.Directives()) != 2000 {
					b.Fatalf("%d directives, %v", len(set.Directives()), diags)
				}
			}
		})
	}
}
