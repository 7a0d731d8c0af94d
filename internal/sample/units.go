package sample

import (
	"fmt"
	"strconv"
	"strings"

	"giamsat/internal/period"
	"giamsat/internal/vntext"
)

// district is one unit of the generated site.
type district struct {
	Code    string
	Name    string // official name, "Huyện Bến Lức"
	Short   string
	Aliases []string
	Tile    [2]int
	HasTile bool
	Kind    string // "huyện", "thị xã", "thành phố": how a sentence names it
	Prefix  string // of case ids: BL-2022-0012
	Size    int    // relative amount of cases; the commune count for Long An
	Slug    string
	// Across a reform: the days the unit existed, and the units that took
	// a former one over.
	Since, Until period.Date
	NowPartOf    []string
	Group        string // the former district of a commune, across a reform
}

// unit is the full lower-case name a sentence uses: "huyện Bến Lức".
func (d *district) unit() string { return d.Kind + " " + d.Short }

// longAn lists the 15 district-level units of Long An in 2022, in official
// code order (domain.md).
func longAn() []district {
	type row struct {
		code, short, kind, prefix string
		size, r, c                int
		aliases                   []string
	}
	rows := []row{
		{"794", "Tân An", "thành phố", "TA", 14, 2, 4, []string{"TP Tân An", "TP. Tân An"}},
		{"795", "Kiến Tường", "thị xã", "KT", 8, 1, 1, []string{"TX Kiến Tường", "TX. Kiến Tường"}},
		{"796", "Tân Hưng", "huyện", "TH", 12, 1, 0, []string{"H. Tân Hưng"}},
		{"797", "Vĩnh Hưng", "huyện", "VH", 10, 0, 1, []string{"H. Vĩnh Hưng"}},
		{"798", "Mộc Hóa", "huyện", "MH", 7, 1, 2, []string{"H. Mộc Hóa"}},
		{"799", "Tân Thạnh", "huyện", "TTH", 13, 2, 2, []string{"H. Tân Thạnh"}},
		{"800", "Thạnh Hóa", "huyện", "THH", 11, 1, 3, []string{"H. Thạnh Hóa"}},
		{"801", "Đức Huệ", "huyện", "DHU", 11, 0, 4, []string{"H. Đức Huệ"}},
		{"802", "Đức Hòa", "huyện", "DH", 20, 0, 5, []string{"H. Đức Hòa"}},
		{"803", "Bến Lức", "huyện", "BL", 15, 1, 5, []string{"H. Bến Lức"}},
		{"804", "Thủ Thừa", "huyện", "TT", 12, 1, 4, []string{"H. Thủ Thừa"}},
		{"805", "Tân Trụ", "huyện", "TTR", 10, 2, 5, []string{"H. Tân Trụ"}},
		{"806", "Cần Đước", "huyện", "CD", 17, 2, 6, []string{"H. Cần Đước"}},
		{"807", "Cần Giuộc", "huyện", "CG", 15, 1, 6, []string{"H. Cần Giuộc"}},
		{"808", "Châu Thành", "huyện", "CT", 13, 3, 5, []string{"H. Châu Thành"}},
	}
	ds := make([]district, len(rows))
	for i, r := range rows {
		kind := []rune(r.kind)
		ds[i] = district{
			Code:    r.code,
			Name:    strings.ToUpper(string(kind[:1])) + string(kind[1:]) + " " + r.short,
			Short:   r.short,
			Aliases: r.aliases,
			Tile:    [2]int{r.r, r.c},
			HasTile: true,
			Kind:    r.kind,
			Prefix:  r.prefix,
			Size:    r.size,
			Slug:    vntext.Slug(r.short),
		}
	}
	return ds
}

// districts returns n units: the first n of Long An, or all of them and
// made-up ones after, for national-scale benchmarks.
func districts(n int) []district {
	ds := longAn()
	if n <= len(ds) {
		return ds[:n]
	}
	for i := 1; len(ds) < n; i++ {
		short := fmt.Sprintf("Mẫu %d", i)
		ds = append(ds, district{
			Code:   fmt.Sprintf("%d", 9000+i),
			Name:   "Huyện " + short,
			Short:  short,
			Kind:   "huyện",
			Prefix: fmt.Sprintf("M%d", i),
			Size:   8 + i%13,
			Slug:   vntext.Slug(short),
		})
	}
	return ds
}

// communeSyllables make the made-up names of a commune-level province, the
// way names in the Mekong delta are made: two words of good omen.
var communeSyllables = []string{"Tân", "Bình", "Mỹ", "Long", "Phước", "Thạnh", "Hòa", "An", "Hiệp",
	"Đức", "Thuận", "Hưng", "Phú", "Lợi", "Vĩnh", "Khánh", "Lộc", "Thành", "Nhơn", "Hậu"}

// communes returns n units of a province after the 2025 reform: wards
// (phường, about one in seven) and communes (xã), with five-digit codes
// in code order as the 2025 list has them, made-up names that do not
// repeat, and a tile each on a grid 12 wide.
func communes(n int) []district {
	ds := make([]district, 0, n)
	seen := make(map[string]bool)
	k := len(communeSyllables)
	for i := 0; len(ds) < n; i++ {
		// Walk the pairs in a scattered but fixed order; past them all,
		// number the pairs, plainly made up.
		a, b := (i*7)%k, (i*7/k+i*3+1)%k
		if a == b {
			continue
		}
		short := communeSyllables[a] + " " + communeSyllables[b]
		if round := i / (k * k); round > 0 {
			short += " " + strconv.Itoa(round+1)
		}
		// "Thạnh Nhơn" and "Thành Nhơn" would share a folder name.
		if slug := vntext.Slug(short); !seen[slug] {
			seen[slug] = true
			ds = append(ds, commune(len(ds), short))
		}
	}
	return ds
}

// reformed is a province that changes on day: its districts end the day
// before, each taken over by some of the communes, which begin on day.
// The districts keep no tiles: the map shows the communes.
func reformed(ds []district, units int, day period.Date) []district {
	if units <= 0 {
		units = 3 * len(ds)
	}
	taken := make(map[string]bool)
	for _, d := range ds {
		taken[vntext.Slug(d.Short)] = true
	}
	var cs []district
	for _, c := range communes(units + len(ds)) {
		// A commune may not share a district's name: names match exports.
		if !taken[vntext.Slug(c.Short)] && len(cs) < units {
			cs = append(cs, c)
		}
	}
	out := make([]district, 0, len(ds)+len(cs))
	for i, d := range ds {
		d.Until, d.HasTile = day.AddDays(-1), false
		for j := i; j < len(cs); j += len(ds) {
			d.NowPartOf = append(d.NowPartOf, cs[j].Code)
		}
		out = append(out, d)
	}
	for j, c := range cs {
		c.Since = day
		c.Group = ds[j%len(ds)].Name
		c.Tile = [2]int{j / 12, j % 12}
		out = append(out, c)
	}
	return out
}

// commune is the i-th unit of communes.
func commune(i int, short string) district {
	kind := "xã"
	if i%7 == 0 {
		kind = "phường"
	}
	code := strconv.Itoa(27000 + 7*i)
	return district{
		Code:    code,
		Name:    strings.ToUpper(kind[:1]) + kind[1:] + " " + short,
		Short:   short,
		Tile:    [2]int{i / 12, i % 12},
		HasTile: true,
		Kind:    kind,
		Prefix:  code,
		Size:    3 + (i*5)%9,
		Slug:    vntext.Slug(kind + " " + short),
	}
}

// item is a category, platform or metric of site.yaml.
type item struct {
	Key, Name string
	Weight    int // how often cases have it
}

// The categories are the kinds of content the provincial directive names:
// violence involving children, their personal information, insults, false news.
var categories = []item{
	{"child-violence", "Hình ảnh, video bạo lực liên quan đến trẻ em", 34},
	{"child-privacy", "Lộ thông tin cá nhân của trẻ em", 26},
	{"insult", "Xúc phạm danh dự, nhân phẩm", 20},
	{"false-news", "Tin giả, tin sai sự thật", 20},
}

var platforms = []item{
	{"facebook", "Facebook", 55},
	{"tiktok", "TikTok", 20},
	{"youtube", "YouTube", 11},
	{"zalo", "Zalo", 7},
	{"website", "Trang thông tin điện tử", 5},
	{"press", "Báo chí", 2},
}

var metrics = []item{
	{Key: "posts_reviewed", Name: "Số tin, bài đã rà soát"},
	{Key: "accounts_reviewed", Name: "Số tài khoản, trang, nhóm đã rà soát"},
}

// Indexes into platforms and categories the case story depends on.
const (
	catViolence = iota
	catPrivacy
	catInsult
	catFalse
)

const (
	platFacebook = iota
	platTikTok
	platYouTube
	platZalo
	platWebsite
	platPress
)
