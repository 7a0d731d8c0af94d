package docx

import (
	"bytes"
	"fmt"
	"testing"
)

// sampleReport is a monthly report of the size the site produces: three
// paragraphs, a table in the body, one in the annex, recipients, signer.
func sampleReport() Document {
	platforms := []string{"Facebook", "YouTube", "TikTok", "Zalo", "Instagram", "Twitter (X)", "Telegram", "Báo điện tử", "Trang tin tổng hợp", "Diễn đàn", "Blog cá nhân", "Ứng dụng di động", "Trò chơi trực tuyến", "Mạng xã hội khác", "Website nước ngoài"}
	var rows, units [][]string
	for i, p := range platforms {
		found, removed := 120+37*i, 100+31*i
		rows = append(rows, []string{fmt.Sprint(i + 1), p, fmt.Sprint(found), fmt.Sprint(removed), fmt.Sprintf("%d,%d%%", removed*100/found, removed*1000/found%10)})
	}
	districts := []string{"Tân An", "Kiến Tường", "Bến Lức", "Cần Đước", "Cần Giuộc", "Châu Thành", "Đức Hòa", "Đức Huệ", "Mộc Hóa", "Tân Hưng", "Tân Thạnh", "Tân Trụ", "Thạnh Hóa", "Thủ Thừa", "Vĩnh Hưng"}
	for i, d := range districts {
		units = append(units, []string{fmt.Sprint(i + 1), d, fmt.Sprint(3 + i%4), fmt.Sprint(i % 3), fmt.Sprintf("%d.500.000", 7+i)})
	}
	return Document{
		Parent:    "UBND TỈNH LONG AN",
		Issuer:    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
		Number:    "Số: 12/BC-STTTT",
		PlaceDate: "Long An, ngày 05 tháng 5 năm 2022",
		Kind:      "BÁO CÁO",
		Subject:   "Kết quả giám sát, xử lý thông tin vi phạm trên không gian mạng tháng 4/2022",
		Note:      "Số liệu chốt ngày 14/4/2022",
		Body: []Block{
			{Heading: "I. TÌNH HÌNH CHUNG"},
			{Paragraph: "Thực hiện Kế hoạch số 45/KH-UBND ngày 10/02/2022 của Ủy ban nhân dân tỉnh, trong tháng 4/2022 Sở Thông tin và Truyền thông đã chủ trì, phối hợp với các cơ quan liên quan theo dõi, phát hiện và xử lý thông tin vi phạm pháp luật trên không gian mạng."},
			{Paragraph: "Tổng số nội dung vi phạm phát hiện là 4.935 tin, bài; đã đề nghị gỡ bỏ 4.640 tin, bài; số đã được gỡ bỏ là 4.190, đạt tỷ lệ 90,3%. Kết quả theo từng nền tảng như sau:"},
			{Table: &Table{Caption: "Bảng 1. Kết quả xử lý theo nền tảng", Head: []string{"STT", "Nền tảng", "Phát hiện", "Đã gỡ bỏ", "Tỷ lệ (%)"}, Rows: rows, Foot: [][]string{{"", "Tổng cộng", "4.935", "4.190", "90,3%"}}, Numeric: []bool{true, false, true, true, true}}},
			{Heading: "II. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 5/2022"},
			{Paragraph: "Tiếp tục theo dõi chặt chẽ, kịp thời phát hiện và đề nghị gỡ bỏ các thông tin sai sự thật, xuyên tạc; phối hợp với Công an tỉnh xác minh, mời làm việc đối với các trường hợp đăng tải thông tin vi phạm; tham mưu Ủy ban nhân dân tỉnh xử phạt vi phạm hành chính theo quy định."},
		},
		Recipients: []string{"Bộ Thông tin và Truyền thông (b/c)", "Cục Phát thanh, truyền hình và TTĐT", "UBND tỉnh (b/c)", "Công an tỉnh", "Giám đốc, các PGĐ Sở", "Lưu: VT, TTra"},
		Signer:     Signer{Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Hồ Văn Dân"},
		Annex: []Block{
			{Heading: "Kết quả xử lý theo địa bàn cấp huyện"},
			{Table: &Table{Caption: "Bảng 2. Xử lý theo địa bàn", Head: []string{"STT", "Huyện, thị xã, thành phố", "Mời làm việc", "Chuyển cơ quan khác", "Tiền phạt (đồng)"}, Rows: units, Foot: [][]string{{"", "Tổng cộng", "68", "14", "217.500.000"}}, Numeric: []bool{true, false, true, true, true}}},
		},
		Lang: "vi",
	}
}

func writeDoc(t testing.TB, d Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, d); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.Bytes()
}
