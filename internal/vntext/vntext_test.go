package vntext

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestKeySameName(t *testing.T) {
	same := [][2]string{
		{"Hoà", "Hòa"},
		{"Thuỷ", "Thủy"},
		{"Đức Hoà", "đức hòa"},
		{"  Bến   LỨC ", "Bến Lức"},
		{norm.NFD.String("Bến Lức"), norm.NFC.String("Bến Lức")},
		{"Thạnh Hoá", "Thạnh Hóa"},
		{"Khoẻ", "Khỏe"},
		{"TP. Tân An", "tp. tân an"},
	}
	for _, p := range same {
		if Key(p[0]) != Key(p[1]) {
			t.Errorf("Key(%q) != Key(%q)", p[0], p[1])
		}
	}
	different := [][2]string{
		{"Hòa", "Hoa"},
		{"Hòa", "Hóa"},
		{"Tân An", "Tan An"},
		{"Đức", "Duc"},
		{"Bến Lức", "BếnLức"},
		{"Mộc Hóa", "Mốc Hóa"},
	}
	for _, p := range different {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) == Key(%q), want different", p[0], p[1])
		}
	}
}

func TestFoldAndSlug(t *testing.T) {
	tests := []struct{ in, fold, slug string }{
		{"Đức Hòa", "duc hoa", "duc-hoa"},
		{"Bến Lức", "ben luc", "ben-luc"},
		{"Thành phố Tân An", "thanh pho tan an", "thanh-pho-tan-an"},
		{"Thị xã Kiến Tường", "thi xa kien tuong", "thi-xa-kien-tuong"},
		{"  Cần   Giuộc ", "can giuoc", "can-giuoc"},
		{norm.NFD.String("Thủ Thừa"), "thu thua", "thu-thua"},
		{"Nơi nhận:", "noi nhan:", "noi-nhan"},
		{"283/TTra-BC&TTTTM", "283/ttra-bc&ttttm", "283-ttra-bc-ttttm"},
		{"", "", ""},
		{"!!!", "!!!", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.fold {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.fold)
		}
		if got := Slug(tt.in); got != tt.slug {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.slug)
		}
	}
}

func TestClosest(t *testing.T) {
	names := []string{"Bến Lức", "Đức Hòa", "Đức Huệ", "Tân An", "Cần Giuộc", "Cần Đước"}
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"Ben Luc", "Bến Lức", true},
		{"Bến Lứcc", "Bến Lức", true},
		{"Duc Hoa", "Đức Hòa", true},
		{"Cần Giuoc", "Cần Giuộc", true},
		{"Hà Nội", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := Closest(tt.in, names)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if got, ok := Closest("statsu", []string{"status", "summary", "reach"}); !ok || got != "status" {
		t.Errorf("Closest(statsu) = %q, %v", got, ok)
	}
	if _, ok := Closest("x", nil); ok {
		t.Error("Closest with no candidates")
	}
}

// The order is written out by hand from the Vietnamese alphabet:
// a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
func TestSortVietnamese(t *testing.T) {
	want := []string{"An", "Ăn", "Ân", "Bến Lức", "Cần Đước", "Cần Giuộc", "Châu Thành", "Dương", "Đức Hòa", "Đức Huệ", "Ơn", "Tân An", "Thủ Thừa", "Ưng"}
	got := slices.Clone(want)
	slices.Reverse(got)
	SortFunc(got, func(s string) string { return s })
	if !slices.Equal(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"Hoà", "Thuỷ", "Bến Lức", "  a  b ", "\u0301a", "Đ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		k := Key(s)
		if Key(k) != k {
			t.Fatalf("Key not idempotent on %q", s)
		}
		if Key(norm.NFC.String(s)) != Key(norm.NFD.String(s)) {
			t.Fatalf("NFC and NFD of %q differ", s)
		}
		slug := Slug(s)
		if strings.Trim(slug, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" || strings.HasPrefix(slug, "-") || strings.HasSuffix(slug, "-") || strings.Contains(slug, "--") {
			t.Fatalf("Slug(%q) = %q", s, slug)
		}
	})
}

// Fold's fast path for Latin text gives what the definition gives.
func TestFoldLatinMatchesSlow(t *testing.T) {
	var letters []rune
	for r := rune(0); r < 0x80; r++ {
		letters = append(letters, r)
	}
	for r := rune(latin1First); r <= latin1Last; r++ {
		letters = append(letters, r)
	}
	for r := rune(latinXFirst); r <= latinXLast; r++ {
		letters = append(letters, r)
	}
	for _, r := range letters {
		for _, s := range []string{string(r), " " + string(r) + "  x", "A" + string(r) + "\t" + string(r) + "Đ"} {
			if got, want := Fold(s), foldSlow(s); got != want {
				t.Errorf("Fold(%q) = %q, want %q", s, got, want)
			}
		}
	}
	for _, s := range []string{"", "   ", "Đức Hòa", "  Phòng Văn hóa\nvà Thông tin  ", "Hoà", "Ho\u0300a", "a\u00a0b", "x\u0085y", "日本", "ǅ ǈ ǋ Ǳ", "ŉ"} {
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Đức Hòa", "  a  b ", "Ho\u0300a", "ǅ", "\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	})
}

// BenchmarkFold compares the fast path with the definition.
func BenchmarkFold(b *testing.B) {
	s := strings.Repeat("Phòng Văn hóa và Thông tin huyện Bến Lức đã yêu cầu gỡ bỏ bài viết xúc phạm danh dự. ", 40)
	for name, fold := range map[string]func(string) string{"fast": Fold, "slow": foldSlow} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				fold(s)
			}
		})
	}
}
