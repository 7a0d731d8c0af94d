package privacy

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestScanFinds(t *testing.T) {
	type hit struct {
		kind  Kind
		match string
	}
	tests := []struct {
		text string
		want []hit
	}{
		// Mobile numbers, the ways people write them.
		{"Liên hệ 0912345678 để gặp em", []hit{{Phone, "0912345678"}}},
		{"SĐT: 0912 345 678.", []hit{{Phone, "0912 345 678"}}},
		{"sđt 0912.345.678", []hit{{Phone, "0912.345.678"}}},
		{"gọi 0912-345-678", []hit{{Phone, "0912-345-678"}}},
		{"số 091 234 5678", []hit{{Phone, "091 234 5678"}}},
		{"Zalo 0387654321", []hit{{Phone, "0387654321"}}},
		{"mẹ em: 0565 123 456", []hit{{Phone, "0565 123 456"}}},
		{"0789123456", []hit{{Phone, "0789123456"}}},
		{"SĐT0868123456 của phụ huynh", []hit{{Phone, "0868123456"}}},
		{"+84 912 345 678", []hit{{Phone, "+84 912 345 678"}}},
		{"+84 912.345.678", []hit{{Phone, "+84 912.345.678"}}},
		{"+84912345678", []hit{{Phone, "+84912345678"}}},
		{"84912345678", []hit{{Phone, "84912345678"}}},
		{"(+84) 912 345 678", []hit{{Phone, "(+84) 912 345 678"}}},
		{"+84 0912 345 678", []hit{{Phone, "+84 0912 345 678"}}},
		{"0084 912 345 678", []hit{{Phone, "0084 912 345 678"}}},
		{"0912\u00a0345\u00a0678", []hit{{Phone, "0912\u00a0345\u00a0678"}}},
		// Landlines.
		{"Trường: 028 3823 4567", []hit{{Phone, "028 3823 4567"}}},
		{"(028) 3823 4567", []hit{{Phone, "(028) 3823 4567"}}},
		{"02723826111", []hit{{Phone, "02723826111"}}},
		{"+84 272 382 6111", []hit{{Phone, "+84 272 382 6111"}}},
		// Identity numbers.
		{"CMND 025123456", []hit{{IDNumber, "025123456"}}},
		{"CCCD số 079123456789 cấp ngày 12/04/2021", []hit{{IDNumber, "079123456789"}}},
		{"CCCD: 079 123 456 789", []hit{{IDNumber, "079 123 456 789"}}},
		{"CCCD 0791 2345 6789", []hit{{IDNumber, "0791 2345 6789"}}},
		{"CMND 025 123 456", []hit{{IDNumber, "025 123 456"}}},
		{"CMND 098.765.432", []hit{{IDNumber, "098.765.432"}}}, // a leading 0 is no amount
		{"đạt 150000000 lượt xem", []hit{{IDNumber, "150000000"}}},
		// Issue 13, item 3: numbers written to slip past the guard.
		{"CMND 301.234.567", []hit{{IDNumber, "301.234.567"}}}, // dots, no currency: not an amount
		{"CCCD 301.234.567.890", []hit{{IDNumber, "301.234.567.890"}}},
		{"phạt 100.000.000", []hit{{IDNumber, "100.000.000"}}},
		{"SĐT 0912\u200b345\u200b678", []hit{{Phone, "0912\u200b345\u200b678"}}},
		{"SĐT 0912\u2060345678", []hit{{Phone, "0912\u2060345678"}}},
		{"SĐT 09\u00ad12\ufeff345678", []hit{{Phone, "09\u00ad12\ufeff345678"}}},
		{"SĐT 0912–345–678", []hit{{Phone, "0912–345–678"}}},
		{"SĐT 0912—345−678", []hit{{Phone, "0912—345−678"}}},
		{"SĐT 0912 345 678", []hit{{Phone, "0912 345 678"}}},
		{"SĐT 0912 345 678", []hit{{Phone, "0912 345 678"}}},
		{"SĐT ０９１２３４５６７８", []hit{{Phone, "０９１２３４５６７８"}}},
		{"SĐT ０９１２．３４５．６７８", []hit{{Phone, "０９１２．３４５．６７８"}}},
		{"CMND ٠٢٥١٢٣٤٥٦", []hit{{IDNumber, "٠٢٥١٢٣٤٥٦"}}},       // Arabic-Indic digits
		{"CCCD 𝟎𝟕𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗", []hit{{IDNumber, "𝟎𝟕𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"}}}, // mathematical bold digits
		// Email and web addresses.
		{"email em: nguyenvana2010@gmail.com.", []hit{{Email, "nguyenvana2010@gmail.com"}}},
		{"<Tran.Thi-B+lop7@thcs.edu.vn>", []hit{{Email, "Tran.Thi-B+lop7@thcs.edu.vn"}}},
		{"xem https://www.facebook.com/groups/123/posts/456?x=1).", []hit{{URL, "https://www.facebook.com/groups/123/posts/456?x=1"}}},
		{"HTTP://example.vn", []hit{{URL, "HTTP://example.vn"}}},
		{"www.tiktok.com/@be.na", []hit{{URL, "www.tiktok.com/@be.na"}}},
		{"trang www.abc.vn", []hit{{URL, "www.abc.vn"}}},
		{"facebook.com/nguyen.van.a", []hit{{URL, "facebook.com/nguyen.van.a"}}},
		{"(fb.com/abc)", []hit{{URL, "fb.com/abc"}}},
		{"youtu.be/dQw4w9WgXcQ, đã gỡ", []hit{{URL, "youtu.be/dQw4w9WgXcQ"}}},
		{"“https://vt.tiktok.com/ZSabc/”", []hit{{URL, "https://vt.tiktok.com/ZSabc/"}}},
		// Several in one text, in order.
		{"Em A (0912 345 678, a@b.vn), CCCD 079123456789", []hit{
			{Phone, "0912 345 678"}, {Email, "a@b.vn"}, {IDNumber, "079123456789"}}},
		{"0912 345 678 - 0987 654 321", []hit{{Phone, "0912 345 678"}, {Phone, "0987 654 321"}}},
		{"ngày 12/04/2022 0912 345 678", []hit{{Phone, "0912 345 678"}}},
		{"năm 2022 0912345678", []hit{{Phone, "0912345678"}}},
		// A phone number in a link is still a phone number.
		{"zalo.me/0912345678", []hit{{URL, "zalo.me/0912345678"}}},
	}
	for _, tt := range tests {
		got := Scan(tt.text, false)
		if len(got) != len(tt.want) {
			t.Errorf("Scan(%q) = %+v, want %d findings", tt.text, got, len(tt.want))
			continue
		}
		for i, f := range got {
			if f.Kind != tt.want[i].kind || tt.text[f.Start:f.End] != tt.want[i].match {
				t.Errorf("Scan(%q)[%d] = %s %q, want %s %q", tt.text, i, f.Kind, tt.text[f.Start:f.End], tt.want[i].kind, tt.want[i].match)
			}
		}
	}
}

func TestScanIgnores(t *testing.T) {
	for _, text := range []string{
		"Phạt 7.500.000 đồng",
		"phạt 7.500.000 đ",
		"phạt 7.500.000đ, 120.000.000 VNĐ và 150.000.000 vnd.",
		"phạt 301.234.567 đồng",
		"phạt 100.000.000 đồng",
		"phạt 100.000.000 Đồng",
		"phạt ７.５００.０００ đồng",
		"phạt 7.500.000",
		"phạt hành chính 100.000.000 đồng",
		"tổng 1.250.000.000 đ",
		"123.456.789 đồng",
		"100.000.000.000 đồng",
		"+ 7.500.000 đồng",
		"84.912.345.678 đồng",
		"Phát hiện ngày 12/04/2022, gỡ ngày 2022-04-20",
		"12.04.2022 và 12-04-2022",
		"năm 2022, Luật Trẻ em 2016",
		"reach 15000",
		"15000 lượt xem, 2.300 lượt chia sẻ",
		"năm 2022 15000 lượt",
		"BL-2022-0012 và LA-2022-000123",
		"hồ sơ BL-202200012",
		"Nghị định 15/2020/NĐ-CP, Điều 101",
		"Công văn 283/TTra-BC&TTTTM ngày 01/04/2022",
		"Quyết định số 1234/QĐ-UBND",
		"lúc 08:30, 91% và 99,1%",
		"10-20 triệu đồng, 7,5 triệu đồng",
		"đăng trên Facebook, TikTok, YouTube",
		"đăng trên facebook.com và tiktok.com.",
		"TP.HCM/Long An",
		"tệp files/283.pdf/1",
		"tài khoản @be.na trên TikTok",
		"giờ 10h30",
		"v.v.",
		"http://",
		"a@b",
		"12345678901234567890",
	} {
		if got := Scan(text, false); len(got) != 0 {
			t.Errorf("Scan(%q) = %+v, want nothing", text, got)
		}
	}
}

func TestScanAllowURLs(t *testing.T) {
	text := "bài https://facebook.com/groups/123456789012/posts/025123456 và zalo.me/0912345678"
	if got := Scan(text, true); len(got) != 1 || got[0].Kind != Phone || text[got[0].Start:got[0].End] != "0912345678" {
		t.Errorf("allowed links: got %+v, want only the phone number in the zalo link", got)
	}
	// Outside links everything is still found.
	if got := Scan("a@b.vn 025123456 fb.com/x", true); len(got) != 2 || got[0].Kind != Email || got[1].Kind != IDNumber {
		t.Errorf("got %+v", got)
	}
}

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0912345678", "09******78"},
		{"0912 345 678", "09** *** *78"},
		{"+84 912.345.678", "+84 ***.***.*78"},
		{"079123456789", "07********89"},
		{"a@b.vn", "*@*.**"},
		{"nguyenvana@gmail.com", "ng********@*****.*om"},
		{"fb.com/abc", "fb.***/*bc"},
		{"Đức Hòa", "Đứ* *òa"},
		{"abcd", "****"},
		{"", ""},
		{"12\x1b[31m345", "12*[****45"},
		{"12\u202e3456", "12***56"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	text := "Em A, SĐT 0912 345 678, CCCD 079123456789, email be.na@gmail.com, trang facebook.com/be.na"
	found := Scan(text, false)
	if len(found) != 4 {
		t.Fatalf("found %+v", found)
	}
	kindsVI := map[Kind]string{Phone: "số điện thoại", IDNumber: "số định danh", Email: "địa chỉ email", URL: "địa chỉ web"}
	kindsEN := map[Kind]string{Phone: "phone number", IDNumber: "identity number", Email: "email address", URL: "web address"}
	for _, f := range found {
		match := text[f.Start:f.End]
		vi, en := f.Describe()
		for lang, msg := range map[string]string{"vi": vi, "en": en} {
			if strings.Contains(msg, match) || strings.Contains(msg, strings.ReplaceAll(match, " ", "")) {
				t.Errorf("%s message shows %q in full: %s", lang, match, msg)
			}
			if !strings.Contains(msg, f.Masked) {
				t.Errorf("%s message lacks the masked match %q: %s", lang, f.Masked, msg)
			}
			if (f.Kind == Phone || f.Kind == IDNumber) && !strings.Contains(msg, "100.000.000 đồng") {
				t.Errorf("%s message for %s does not say how to write an amount: %s", lang, f.Kind, msg)
			}
		}
		if !strings.Contains(vi, kindsVI[f.Kind]) || !strings.Contains(vi, "Luật Trẻ em 2016, Điều 21") || !strings.Contains(vi, "Hãy xóa") {
			t.Errorf("vi message: %s", vi)
		}
		if !strings.Contains(en, kindsEN[f.Kind]) || !strings.Contains(en, "Law on Children 2016, Art. 21") || !strings.Contains(en, "Remove it") {
			t.Errorf("en message: %s", en)
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"Liên hệ 0912 345 678", "+84 912.345.678", "(028) 3823 4567", "CCCD 079 123 456 789",
		"phạt 7.500.000 đồng", "12/04/2022", "BL-2022-0012", "a@b.vn", "https://x.vn/a).",
		"www.", "facebook.com/", "+(", "0084 0 28 3823 4567", "1.2.3.4.5.6.7.8.9.0.1.2.3",
		"\u00a0\u00a0\u00a0", "é@é.vn", "zalo.me/0912345678",
		"0912\u200b345\u2060678", "０９１２３４５６７８", "301.234.567", "7.500.000 đ", "0912\u2013345\u2013678",
		"\u0660\u0661", "𝟎𝟕𝟗", "\xff0912345678", "9\u00ad",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, allowURLs bool) {
		end := 0
		for _, fd := range Scan(text, allowURLs) {
			if fd.Start < end || fd.Start >= fd.End || fd.End > len(text) {
				t.Fatalf("bad offsets %d-%d (previous end %d) in %q", fd.Start, fd.End, end, text)
			}
			end = fd.End
			match := text[fd.Start:fd.End]
			if utf8.ValidString(text) && !utf8.ValidString(match) {
				t.Fatalf("match %q cuts a character of %q", match, text)
			}
			if len(match) > 4 && fd.Masked == match {
				t.Fatalf("%q not masked", match)
			}
			if allowURLs && fd.Kind == URL {
				t.Fatalf("allowed link reported: %q", match)
			}
		}
	})
}

func BenchmarkScan(b *testing.B) {
	text := "Clip học sinh đánh nhau bị chia sẻ, lộ mặt các em; phạt 7.500.000 đồng ngày 12/04/2022, hồ sơ BL-2022-0012, reach 15000. "
	for b.Loop() {
		Scan(text, false)
	}
}
