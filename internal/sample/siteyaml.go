package sample

import (
	"slices"
	"strconv"
	"strings"
)

// siteYAML writes site.yaml as a person would keep it: with comments that
// say what each setting is for.
func siteYAML(ds []district, communal bool) string {
	var b strings.Builder
	b.WriteString(`# Cấu hình trang giám sát. Sau khi sửa, chạy "giamsat check" để kiểm tra.
title: Giám sát thông tin về trẻ em trên mạng
`)
	if communal {
		b.WriteString(`organization: Sở Văn hóa, Thể thao và Du lịch tỉnh Tây Ninh
district_label: Xã, phường    # từ 01/7/2025 tỉnh báo cáo theo đơn vị hành chính cấp xã
`)
		if slices.ContainsFunc(ds, func(d district) bool { return !d.Until.IsZero() }) {
			b.WriteString(`# Tên cũ của cơ quan, mỗi tên đến ngày cuối cùng dùng nó: báo cáo kỳ mang tên của thời kỳ đó.
former_names:
  - {name: Sở Thông tin và Truyền thông tỉnh Long An, until: 2025-02-28}
`)
		}
	} else {
		b.WriteString("organization: Sở Thông tin và Truyền thông tỉnh Long An\n")
	}
	parent := "UBND TỈNH LONG AN"
	if communal {
		parent = "UBND TỈNH TÂY NINH"
	}
	b.WriteString(`language: vi                  # vi: giao diện tiếng Việt; en: tiếng Anh

# Vụ việc còn mở, phát hiện quá số ngày này (tính đến ngày số liệu mới nhất) là quá hạn.
overdue_after_days: 15

# Báo cáo định kỳ các đơn vị phải gửi.
reports:
  every: month                # month: hằng tháng; quarter: hằng quý
  due_day: 5                  # hạn nộp: ngày 5 của tháng sau kỳ báo cáo
  period_start_day: 1         # 1: tháng dương lịch; 15: kỳ báo cáo từ ngày 15 tháng trước đến ngày 14
  # Báo cáo kỳ của Sở (văn bản theo Nghị định 30/2020/NĐ-CP). Một kỳ được chốt số liệu khi
  # mọi đơn vị đã gửi báo cáo (không sớm hơn hạn nộp), chậm nhất close_after_days ngày sau hạn nộp.
  close_after_days: 30
  number_format: "{seq}/BC-SO" # số, ký hiệu: {seq} số thứ tự trong năm, {year} năm
  parent: ` + parent + `
  signer: {authority: KT. GIÁM ĐỐC, title: PHÓ GIÁM ĐỐC, name: Nguyễn Văn An}
  recipients:                 # nơi nhận, dòng cuối là "Lưu: VT, …"
    - UBND tỉnh (để báo cáo)
    - "Lưu: VT."

# Đường dẫn tới bài viết vi phạm chỉ lưu trong dữ liệu, không công bố trên trang.
publish:
  post_links: false

# Ranh giới các đơn vị để vẽ bản đồ: tệp GeoJSON theo kinh độ, vĩ độ; code_property là
# thuộc tính mang mã đơn vị. Tệp của trang mẫu là hình tổng hợp, không phải bản đồ thật.
map:
  file: ` + boundaryFile + `
  code_property: code

# Danh mục đơn vị hành chính báo cáo, theo thứ tự mã đơn vị hành chính.
# aliases: các cách viết khác mà báo cáo có thể dùng; tile: [hàng, cột] trên bản đồ ô.
districts:
`)
	for _, d := range ds {
		b.WriteString(`  - code: "` + d.Code + "\"\n")
		b.WriteString("    name: " + scalar(d.Name) + "\n")
		b.WriteString("    short: " + scalar(d.Short) + "\n")
		if len(d.Aliases) > 0 {
			b.WriteString("    aliases: [" + strings.Join(d.Aliases, ", ") + "]\n")
		}
		if d.HasTile {
			b.WriteString("    tile: [" + strconv.Itoa(d.Tile[0]) + ", " + strconv.Itoa(d.Tile[1]) + "]\n")
		}
		if !d.Since.IsZero() {
			b.WriteString("    since: " + d.Since.String() + "\n")
		}
		if !d.Until.IsZero() {
			b.WriteString("    until: " + d.Until.String() + "\n")
		}
		if d.Group != "" {
			b.WriteString("    group: " + scalar(d.Group) + "\n")
		}
		if len(d.NowPartOf) > 0 {
			b.WriteString(`    now_part_of: ["` + strings.Join(d.NowPartOf, `", "`) + "\"]\n")
		}
	}
	b.WriteString(`
# Loại vi phạm (theo Công văn số 283/TTra-BC&TTTTM của Thanh tra Bộ TTTT).
# key dùng trong dữ liệu, không đổi; name hiển thị trên trang.
categories:
`)
	writeItems(&b, categories)
	b.WriteString("\n# Nơi đăng tải nội dung vi phạm.\nplatforms:\n")
	writeItems(&b, platforms)
	b.WriteString("\n# Các số liệu báo cáo có thể kèm theo (export.metrics).\nmetrics:\n")
	writeItems(&b, metrics)
	if communal {
		b.WriteString(postReformReferrals)
	}
	return b.String()
}

func writeItems(b *strings.Builder, items []item) {
	for _, it := range items {
		b.WriteString("  - key: " + it.Key + "\n    name: " + scalar(it.Name) + "\n")
	}
}

// directiveSlug names the one directive the sample ships, which cases cite
// in basis.
const directiveSlug = "283-ttra-2022"

const indexMD = `---
title: Giám sát thông tin về trẻ em trên mạng
---
Trang tổng hợp kết quả giám sát, phát hiện và xử lý thông tin vi phạm quyền trẻ em
trên mạng xã hội, báo chí và trang thông tin điện tử do Phòng Văn hóa và Thông tin
các huyện, thị xã, thành phố báo cáo hằng tháng về Sở Thông tin và Truyền thông.

Số liệu trên trang này là số liệu mẫu, được tạo tự động để minh họa.
`

// indexCommunalMD is the home page's text for a province after the 2025
// reform, whose communes and wards report to the Department of Culture,
// Sports and Tourism.
const indexCommunalMD = `---
title: Giám sát thông tin về trẻ em trên mạng
---
Trang tổng hợp kết quả giám sát, phát hiện và xử lý thông tin vi phạm quyền trẻ em
trên mạng xã hội, báo chí và trang thông tin điện tử do Ủy ban nhân dân các xã, phường
báo cáo hằng tháng về Sở Văn hóa, Thể thao và Du lịch.

Số liệu trên trang này là số liệu mẫu, được tạo tự động để minh họa; bản đồ dùng
ranh giới tổng hợp, không phải bản đồ thật.
`

const directiveMD = `---
kind: Công văn
number: 283/TTra-BC&TTTTM
issuer: Thanh tra Bộ Thông tin và Truyền thông
issued_on: 2022-04-01
place: Hà Nội
subject: Triển khai thực hiện kết luận của Ủy ban Văn hóa, Giáo dục của Quốc hội
recipients:
  - Sở Thông tin và Truyền thông các tỉnh, thành phố trực thuộc Trung ương
categories: [child-violence, child-privacy, insult, false-news]
---
Công văn của Thanh tra Bộ Thông tin và Truyền thông về việc triển khai thực hiện
kết luận của Ủy ban Văn hóa, Giáo dục của Quốc hội.

Sở Thông tin và Truyền thông tỉnh Long An triển khai Công văn này tới Đội Liên ngành
kiểm tra về thông tin và truyền thông tỉnh và Phòng Văn hóa và Thông tin các huyện,
thị xã, thành phố: tăng cường giám sát nội dung thông tin trên báo chí, trang thông
tin điện tử và mạng xã hội để kịp thời phát hiện, ngăn chặn hành vi xâm phạm quyền
trẻ em; trường hợp không xác định được đối tượng vi phạm thì phối hợp với Thanh tra
Sở hoặc kiến nghị Bộ (Cục An toàn thông tin; Cục Phát thanh, Truyền hình và Thông
tin điện tử) ngăn chặn, xử lý.
`

// postReformReferrals are the bodies a case is passed up to after the 2025
// reform, as a province lists them: the department inspectorates ended on
// 1 July 2025 (Inspection Law 84/2025/QH15), and online information moved
// to the Ministry of Culture, Sports and Tourism.
const postReformReferrals = `
# Cơ quan nhận vụ việc chuyển lên; since/until: thời gian cơ quan nhận việc này.
referral_bodies:
  - key: thanh-tra-so
    name: Thanh tra Sở Thông tin và Truyền thông
    until: 2025-06-30
  - key: thanh-tra-tinh
    name: Thanh tra tỉnh
    since: 2025-07-01
  - key: cuc-attt
    name: Cục An toàn thông tin
    until: 2025-06-30
  - key: cong-an-tinh
    name: Công an tỉnh (An ninh mạng và phòng, chống tội phạm công nghệ cao)
  - key: cuc-ptth
    name: Cục Phát thanh, Truyền hình và Thông tin điện tử (Bộ Văn hóa, Thể thao và Du lịch)
`
