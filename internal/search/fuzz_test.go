package search

import (
	"encoding/json"
	"html/template"
	"strings"
	"testing"
	"unicode/utf8"
)

// Whatever a summary or a document holds, the index script stays one
// assignment that no text can break out of, and gives the text back.
func FuzzIndexJS(f *testing.F) {
	for _, s := range []string{
		"Clip học sinh đánh nhau ở Bến Lức",
		"</script><script>alert(1)</script>",
		"\u2028\u2029", "<!--", "]]>", `"quoted" \ back`, "Đ\u0301", "",
	} {
		f.Add(s, "<p>"+s+"</p>")
	}
	fx := load(f)
	f.Fuzz(func(t *testing.T, summary, body string) {
		if !utf8.ValidString(summary) || !utf8.ValidString(body) {
			return
		}
		in := fx.input(0)
		in.Cases = append(in.Cases[:0:0], fx.cases...)
		in.Cases[0].Summary = summary
		x := Build(in)
		// The body of rendered Markdown may be any HTML.
		if text := bodyText(template.HTML(body)); strings.Contains(text, "  ") {
			t.Errorf("bodyText(%q) = %q: spaces not collapsed", body, text)
		}
		var b strings.Builder
		if err := x.WriteJS(&b, [numKinds]string{}); err != nil {
			t.Fatal(err)
		}
		js := b.String()
		if strings.ContainsAny(strings.TrimSuffix(js, "\n"), "<>&\u2028\u2029\n\r") {
			t.Fatalf("unescaped character in %q", js)
		}
		var back struct{ Entries [][]any }
		if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(js, "window.giamsatSearch = "), ";\n")), &back); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range back.Entries {
			if e[0] == float64(Case) && e[1] == in.Cases[0].ID {
				found = e[3] == summary
			}
		}
		if !found {
			t.Errorf("summary %q not read back", summary)
		}
	})
}
