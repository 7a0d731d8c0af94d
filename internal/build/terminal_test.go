package build

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestMessagesAreSafeToPrint: file names and values that carry terminal
// escapes, bidirectional overrides or line breaks are refused, and the
// messages that say so print them as visible escapes, one message a line.
func TestMessagesAreSafeToPrint(t *testing.T) {
	src := copySite(t)
	head := "export:\n  unit: Phòng Văn hóa và Thông tin\n  exported_at: 2022-06-10\n"
	rec := "  - id: TA-9\n    detected_on: 2022-06-01\n    district: Tân An\n    platform: facebook\n    category: child-violence\n    offender: identified\n    status: detected\n"
	for rel, text := range map[string]string{
		"data/\x1b[2J\x1b]0;pwned\x07.yaml":     head + "  statsu: x\ncases: []\n",
		"data/bad\u202eyaml.txt.yaml":           head + "  statsu: x\ncases: []\n",
		"data/line\nsite.yaml:1: ok.yaml":       head + "  statsu: x\ncases: []\n",
		"data/values.yaml":                      head + "cases:\n" + rec + "    summary: \"Xóa \\e[2J màn hình\"\n" + strings.Replace(rec, "TA-9", "TA-10", 1) + "    summary: \"đảo \u202e ngược\"\n",
		"data/keys.yaml":                        head + "cases:\n" + rec + "    summary: x\n    \"st\\e[31matus\": x\n    \"\u202enote\": y\n",
		"data/district.yaml":                    head + "cases:\n" + strings.Replace(rec, "Tân An", "\"Tân An\\e[8m\"", 1) + "    summary: x\n",
		"content/directives/\u202ecv-1.md":      "---\nkind: a\n---\n",
		"content/\x1b[31mtrang\x1b[0m/index.md": "---\ntitle: \"\\e[31m\"\n---\n",
	} {
		writeText(t, filepath.Join(src, filepath.FromSlash(rel)), text)
	}
	_, diags, err := Run(context.Background(), Options{Source: src, CheckOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(diags.Text("en"))
	files := map[string]bool{}
	for _, d := range diags {
		files[d.File] = true
	}
	if len(files) < 7 {
		t.Errorf("diagnostics for %d files, want one for each hostile file:\n%s", len(files), diags.Text("en"))
	}
	for _, lang := range []string{"vi", "en"} {
		out := diags.Text(lang)
		for _, r := range out {
			if r != '\n' && r != '\t' && (unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)) {
				t.Errorf("%s output holds %U:\n%q", lang, r, out)
				break
			}
		}
		if lines := strings.Count(out, "\n"); lines != len(diags) {
			t.Errorf("%s: %d lines for %d messages", lang, lines, len(diags))
		}
		for _, want := range []string{`data/\x1b[2J\x1b]0;pwned\x07.yaml:`, `data/bad\u202eyaml.txt.yaml:`, `data/line\x0asite.yaml:1: ok.yaml:`} {
			if !strings.Contains(out, want) {
				t.Errorf("%s output lacks %s:\n%s", lang, want, out)
			}
		}
	}
}
