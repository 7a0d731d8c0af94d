package sample

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// The summaries are put together from pieces so that a large site does not
// repeat a handful of sentences. Every piece is free of digits, addresses
// and names: summaries are published and must pass the privacy guard.
var (
	subjects = [...][]string{
		catViolence: {
			"Clip học sinh đánh nhau",
			"Video nữ sinh bị đánh hội đồng",
			"Clip nam sinh bị bạn cùng lớp bắt nạt",
			"Video bạo hành trẻ tại nhóm trẻ tư thục",
			"Clip trẻ em bị người lớn đánh đập",
			"Video học sinh bị ép quỳ xin lỗi",
			"Hình ảnh trẻ em bị thương sau vụ ẩu đả",
			"Clip cha dượng đánh con riêng của vợ",
			"Video trẻ em bị bảo mẫu tát",
			"Clip nhóm thiếu niên dùng hung khí đánh nhau",
		},
		catPrivacy: {
			"Bài viết đăng họ tên, trường lớp của học sinh bị xâm hại",
			"Bài đăng ảnh và địa chỉ nhà của trẻ bị bỏ rơi",
			"Livestream công khai danh tính trẻ em trong vụ tai nạn",
			"Bài viết chia sẻ ảnh giấy khai sinh của trẻ",
			"Bài đăng bảng điểm kèm ảnh học sinh để chế giễu",
			"Bài viết đăng ảnh hồ sơ bệnh án của trẻ đang điều trị",
			"Bài đăng lộ mặt, tên trường của học sinh trong vụ việc tiêu cực",
			"Bài viết nêu hoàn cảnh gia đình kèm ảnh trẻ không che mặt",
			"Bài đăng tìm người thân kèm ảnh và tên trường của trẻ",
		},
		catInsult: {
			"Bài viết xúc phạm danh dự giáo viên",
			"Bình luận lăng mạ phụ huynh học sinh",
			"Clip chế giễu ngoại hình học sinh",
			"Bài đăng bôi nhọ nhân viên y tế xã",
			"Video xúc phạm cán bộ xã",
			"Ảnh chế xúc phạm học sinh khuyết tật",
			"Bài viết vu khống ban giám hiệu nhà trường",
			"Bình luận xúc phạm danh dự một gia đình có con bị bạo hành",
		},
		catFalse: {
			"Tin sai sự thật về vụ bắt cóc trẻ em",
			"Tin đồn bắt cóc trẻ em bằng xe bảy chỗ",
			"Thông tin sai về ngộ độc thực phẩm ở trường mầm non",
			"Tin giả về việc cho học sinh nghỉ học",
			"Tin sai sự thật về trẻ tử vong sau tiêm vắc-xin",
			"Tin giả về đối tượng lạ dụ dỗ học sinh",
			"Tin sai về học sinh bị bắt cóc lấy nội tạng",
			"Bài viết bịa đặt về vụ đuối nước của học sinh",
		},
	}
	places = [...][]string{
		catViolence: {"tại trường THCS", "tại trường tiểu học", "gần cổng trường", "tại trường THPT", "ở khu dân cư", "trên đường đi học về", "tại một nhóm trẻ gia đình"},
		catPrivacy:  {"trong nhóm phụ huynh", "trên trang cá nhân", "trên một trang tin", "trong nhóm mua bán của xã"},
		catInsult:   {"trong nhóm kín của phụ huynh", "sau buổi họp phụ huynh", "trên trang cá nhân", "dưới bài viết của nhà trường"},
		catFalse:    {"trong nhóm phụ huynh", "trên nhiều hội nhóm", "trên trang cá nhân", "trong các nhóm cư dân"},
	}
	tails = [...][]string{
		catViolence: {"bị chia sẻ, lộ mặt các em", "được đăng kèm bình luận kích động", "lan truyền trong nhiều hội nhóm", "không che mặt nạn nhân", "bị cắt ghép, đăng lại nhiều lần"},
		catPrivacy:  {"không có sự đồng ý của cha mẹ", "kèm bình luận xúc phạm", "thu hút nhiều lượt chia sẻ", "ảnh hưởng đến tâm lý của trẻ"},
		catInsult:   {"gây bức xúc trong dư luận", "kèm hình ảnh học sinh", "thu hút nhiều bình luận tiêu cực"},
		catFalse:    {"gây hoang mang cho phụ huynh", "được chia sẻ hàng nghìn lượt", "khiến phụ huynh không cho con đến trường"},
	}
)

// summary writes one case's published summary.
func summary(r *rand.Rand, cat int, d *district) string {
	s := pick(r, subjects[cat])
	switch x := r.IntN(10); {
	case x < 4:
		s += " " + pick(r, places[cat])
	case x < 6:
		s += " trên địa bàn " + d.unit()
	}
	if r.IntN(10) < 6 {
		s += ", " + pick(r, tails[cat])
	}
	return s
}

// notes are what event notes say, by action.
var notes = map[string][]string{
	"detected": {
		"Phát hiện qua rà soát mạng xã hội",
		"Tiếp nhận phản ánh của người dân",
		"Nhà trường báo cáo sự việc",
		"Phát hiện qua công tác giám sát thường xuyên",
		"Công an xã thông báo",
	},
	"verified": {
		"Đã xác minh nội dung vi phạm",
		"Xác minh, làm rõ chủ tài khoản",
		"Phối hợp Công an huyện xác minh",
	},
	"takedown-requested": {
		"Đã đề nghị quản trị viên gỡ bài",
		"Đề nghị chủ tài khoản gỡ bỏ",
		"Gửi yêu cầu gỡ bỏ tới nền tảng",
	},
	"removed": {
		"Bài viết đã được gỡ bỏ",
		"Chủ tài khoản đã tự gỡ bài",
		"Nền tảng đã chặn nội dung",
	},
	"note": {
		"Mời chủ tài khoản lên làm việc",
		"Chủ tài khoản cam kết không tái phạm",
		"Đã thông báo cho gia đình và nhà trường",
	},
	"closed": {
		"Không có dấu hiệu vi phạm",
		"Tài khoản đã ngừng hoạt động, nội dung không còn",
		"Nội dung đã bị xóa trước khi xác minh",
	},
}

// referralNote says where a case was passed up to.
var referralNote = map[string]string{
	"thanh-tra-so": "Chuyển Thanh tra Sở xử lý theo thẩm quyền",
	"cuc-attt":     "Kiến nghị Cục An toàn thông tin ngăn chặn",
	"cuc-ptth":     "Kiến nghị Cục Phát thanh, Truyền hình và Thông tin điện tử xử lý",
}

// fineNote records a penalty decision; the amount is written with
// thousands separators so that it never reads as an identity number.
func fineNote(fine int64) string {
	return "Quyết định xử phạt vi phạm hành chính " + money(fine) + " đồng, buộc gỡ bỏ"
}

// money writes n the Vietnamese way: 7.500.000.
func money(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// weighted picks an index of items in proportion to their weights.
func weighted(r *rand.Rand, items []item) int {
	total := 0
	for _, it := range items {
		total += it.Weight
	}
	x := r.IntN(total)
	for i, it := range items {
		if x < it.Weight {
			return i
		}
		x -= it.Weight
	}
	return len(items) - 1
}
