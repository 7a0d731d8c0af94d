package export

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"giamsat/internal/diag"
	"giamsat/internal/privacy"
)

// FuzzReadFileHostile reads any bytes as an export and checks what the
// issue on hostile input promises besides FuzzReadFile's invariants: no
// accepted text carries personal data or a character that hides or
// reorders text, and no message repeats in full the personal data found
// in the file, since messages are copied into logs and chats.
func FuzzReadFileHostile(f *testing.F) {
	cfg := loadSite(f)
	for _, s := range seedFiles(f) {
		f.Add(s)
	}
	for _, s := range []string{
		exportHead + "  - 0912345678: x\n",
		exportHead + "  - {id: A-1, 0912345678: x}\n",
		"0912345678:\n",
		"export:\n  unit: x\n  exported_at: 2022-05-03\n  nguoi_lien_he_0912345678: x\ncases: []\n",
		file(map[string]string{"summary": "Liên hệ 0912 345 678"}),
		file(map[string]string{"summary": "\"Clip \\u202e lộ mặt\""}),
		file(map[string]string{"summary": "\"a\\x1b[31mb\""}),
		file(map[string]string{"district": "0912345678"}),
		file(map[string]string{"platform": "a@b.vn.example"}),
		file(map[string]string{"status": "0912345678"}),
		file(map[string]string{"detected_on": "0912345678"}),
		file(map[string]string{"reach": "079123456789a"}),
		file(map[string]string{"id": "079123456789"}),
		file(map[string]string{"basis": "[Người-0912345678]"}),
		file(map[string]string{"events": "[{date: 2022-04-13, action: note, note: \"email a.b@c.com.vn\"}]"}),
		file(map[string]string{"summary": "<script>alert(1)</script><img src=x onerror=alert(1)>"}),
		file(map[string]string{"summary": "=HYPERLINK(\"http://x\")"}),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, diags := ReadFile("data/x.yaml", data, cfg)
		checkDiags(t, diags)
		// YAML counts a lone carriage return as a line break too.
		lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) + 1
		for _, d := range diags {
			if d.Line < 0 || d.Line > lines || d.Col < 0 {
				t.Fatalf("place %d:%d outside the file's %d lines: %s", d.Line, d.Col, lines, d.Text("en"))
			}
		}
		checkNoLeak(t, string(data), diags)
		if e == nil {
			if len(diags) == 0 {
				t.Fatal("nil export without a diag")
			}
			return
		}
		if len(e.Cases)+e.Rejected != e.Records {
			t.Fatalf("%d cases + %d rejected != %d records", len(e.Cases), e.Rejected, e.Records)
		}
		for _, c := range e.Cases {
			checkCase(t, cfg, e, &c)
			// Ids are left out: the contract lets an id be digits only,
			// and the privacy guard covers the texts people write.
			texts := []string{c.Summary}
			for _, ev := range c.Events {
				texts = append(texts, ev.Note)
			}
			for _, s := range texts {
				checkPublishable(t, s, cfg.Publish.PostLinks)
			}
			checkVisible(t, c.ID)
		}
		checkVisible(t, e.Unit)
	})
}

// checkPublishable fails when s, accepted into the site, holds personal
// data or a character that hides or reorders text.
func checkPublishable(t *testing.T, s string, allowURLs bool) {
	t.Helper()
	if found := privacy.Scan(s, allowURLs); len(found) > 0 {
		t.Fatalf("accepted text %q holds %s %s", s, found[0].Kind, found[0].Masked)
	}
	checkVisible(t, s)
}

// checkVisible fails when s holds a control character other than tab and
// line feed, or a bidirectional embedding, override or isolate.
func checkVisible(t *testing.T, s string) {
	t.Helper()
	for _, r := range s {
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069) {
			t.Fatalf("accepted text %q holds %U", s, r)
		}
	}
}

// checkNoLeak fails when a message repeats a phone number, identity
// number or address found in the file. A found text that also occurs
// elsewhere in the file, outside what was found, is left out: in
// "0000000000000 000000000" only the last nine zeros are an identity
// number, and a message may quote the first thirteen, which are none.
func checkNoLeak(t *testing.T, text string, diags diag.List) {
	t.Helper()
	found := map[string]int{}
	for _, fd := range privacy.Scan(text, false) {
		found[text[fd.Start:fd.End]]++
	}
	for m, n := range found {
		if strings.Count(text, m) > n {
			continue
		}
		for _, d := range diags {
			if strings.Contains(d.VI, m) || strings.Contains(d.EN, m) || strings.Contains(d.File, m) {
				t.Fatalf("message repeats %q: %s", m, d.Text("en"))
			}
		}
	}
}
