package site

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// FuzzMatchDistrict checks matching against the example configuration:
// it never panics, a match names a district of the list, the Unicode form
// and surrounding space of the input never change the answer, and a
// suggestion is always one of the names listed.
func FuzzMatchDistrict(f *testing.F) {
	c, diags := Load("testdata")
	if len(diags) > 0 {
		f.Fatal(diags.Text("en"))
	}
	var names []string
	for _, d := range c.Districts {
		names = append(names, d.Code, d.Name, d.Short)
		names = append(names, d.Aliases...)
	}
	for _, s := range append(slices.Clone(names),
		"", " ", "bến lức", "BẾN LỨC", "Ben Luc", "Bên Lức", "Huyện  Đức  Hoà", "tp. tân an", "79", "7944",
		"Tân An\u202e", "Tân\u00a0An", "Tân\tAn", "\x00", "\xff\xfe", "Đức Hòa\u0301", "<script>",
	) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, ok, sug := c.MatchDistrict(s)
		if ok {
			if c.DistrictByCode(code) == nil || sug != "" {
				t.Fatalf("%q → code %q, suggestion %q", s, code, sug)
			}
		} else if code != "" || sug != "" && !slices.Contains(names, sug) {
			t.Fatalf("%q → no match but code %q, suggestion %q", s, code, sug)
		}
		for _, v := range []string{norm.NFD.String(s), norm.NFC.String(s), " " + s + " ", strings.ToLower(s)} {
			if v == s {
				continue
			}
			if c2, ok2, _ := c.MatchDistrict(v); c2 != code || ok2 != ok {
				t.Fatalf("%q → %q %v but %q → %q %v", s, code, ok, v, c2, ok2)
			}
		}
	})
}
