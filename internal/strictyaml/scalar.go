package strictyaml

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"giamsat/internal/diag"
	"giamsat/internal/period"
)

// The helpers below read one value node n of the field named field. They
// read the scalar's text as written and check its tag themselves rather
// than let YAML guess a type: 0912345678 in a text field stays text, and
// 15.000 in a number field is an error instead of fifteen.

// String returns the text of scalar n, trimmed and in Unicode NFC, so
// that names typed on different keyboards compare equal. Null is "". Any
// scalar is text, whatever it looks like. Control and bidirectional
// formatting characters are refused: they hide or reorder what a reader
// sees.
func String(file, field string, n *yaml.Node) (string, diag.List) {
	if IsNull(n) {
		return "", nil
	}
	if n.Kind != yaml.ScalarNode {
		vi, en := kind(n)
		return "", diag.List{At(file, n,
			fmt.Sprintf("trường %q cần một đoạn chữ nhưng ở đây là %s; hãy kiểm tra thụt lề", field, vi),
			fmt.Sprintf("%q needs a piece of text but found %s; check the indentation", field, en))}
	}
	s := strings.TrimSpace(norm.NFC.String(n.Value))
	if r, ok := hidden(s); ok {
		return "", diag.List{At(file, n,
			fmt.Sprintf("trường %q chứa ký tự điều khiển không nhìn thấy (U+%04X); hãy gõ lại nội dung này", field, r),
			fmt.Sprintf("%q holds an invisible control character (U+%04X); type the text again", field, r))}
	}
	return s, nil
}

// Hidden returns the first character of s that String refuses, for
// readers of YAML that take text without String (front matter).
func Hidden(s string) (rune, bool) { return hidden(s) }

// hidden finds a character that must not be in published text: C0 and
// C1 controls other than tab and line feed, and the bidirectional
// embeddings, overrides and isolates that can make text read backwards.
func hidden(s string) (rune, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' || c == 0x7F {
				return rune(c), true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x80 && r <= 0x9F || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return r, true
		}
		i += size
	}
	return 0, false
}

// Int returns the whole number n holds. It must be written in digits
// (with an optional sign): 15.000 is not accepted, since it reads as
// fifteen to YAML and as fifteen thousand to a Vietnamese reader.
func Int(file, field string, n *yaml.Node) (int64, diag.List) {
	if tag := n.ShortTag(); n.Kind == yaml.ScalarNode && (tag == "!!int" || tag == "!!float") {
		// YAML calls a whole number too large for 64 bits a float.
		v, err := strconv.ParseInt(n.Value, 10, 64)
		if err == nil && tag == "!!int" {
			return v, nil
		}
		if errors.Is(err, strconv.ErrRange) {
			return 0, diag.List{At(file, n,
				fmt.Sprintf("số ở trường %q quá lớn; hãy kiểm tra lại", field),
				fmt.Sprintf("the number in %q is too large; check it", field))}
		}
	}
	vi, en := kind(n)
	return 0, diag.List{At(file, n,
		fmt.Sprintf("trường %q cần một số nguyên viết liền bằng chữ số, không có dấu chấm, dấu phẩy hay dấu nháy (ví dụ 7500000), nhưng ở đây là %s", field, vi),
		fmt.Sprintf("%q needs a whole number written in digits only, without dots, commas or quotes (for example 7500000), but found %s", field, en))}
}

// Bool returns true or false; yes/no and quoted forms are refused so that
// a setting always means what it says.
func Bool(file, field string, n *yaml.Node) (bool, diag.List) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		switch strings.ToLower(n.Value) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	}
	vi, en := kind(n)
	return false, diag.List{At(file, n,
		fmt.Sprintf("trường %q chỉ nhận true hoặc false, nhưng ở đây là %s", field, vi),
		fmt.Sprintf("%q takes true or false, but found %s", field, en))}
}

// Date returns the date n holds: YYYY-MM-DD or day-first DD/MM/YYYY.
func Date(file, field string, n *yaml.Node) (period.Date, diag.List) {
	if n.Kind == yaml.ScalarNode && !IsNull(n) {
		d, err := period.ParseDate(n.Value)
		if err == nil {
			return d, nil
		}
		return 0, diag.List{dateDiag(file, field, n, err)}
	}
	return 0, diag.List{dateDiag(file, field, n, period.ErrFormat)}
}

// Time returns the moment n holds: RFC 3339, or a date meaning midnight
// in Vietnam time.
func Time(file, field string, n *yaml.Node) (time.Time, diag.List) {
	if n.Kind == yaml.ScalarNode && !IsNull(n) {
		t, err := period.ParseTime(n.Value)
		if err == nil {
			return t, nil
		}
		if errors.Is(err, period.ErrImpossible) {
			return time.Time{}, diag.List{dateDiag(file, field, n, err)}
		}
	}
	vi, en := kind(n)
	return time.Time{}, diag.List{At(file, n,
		fmt.Sprintf("trường %q cần ngày giờ dạng 2022-05-03T08:00:00+07:00 hoặc ngày dạng 2022-05-03 hay 03/05/2022 (ngày trước, tháng sau), nhưng ở đây là %s", field, vi),
		fmt.Sprintf("%q needs a date-time like 2022-05-03T08:00:00+07:00 or a date like 2022-05-03 or 03/05/2022 (day first), but found %s", field, en))}
}

func dateDiag(file, field string, n *yaml.Node, err error) diag.Diag {
	vi, en := kind(n)
	if errors.Is(err, period.ErrImpossible) {
		if monthFirst(n.Value) {
			return At(file, n,
				fmt.Sprintf("ngày ở trường %q có vẻ viết tháng trước ngày (%s); ngày phải viết ngày trước, tháng sau: DD/MM/YYYY, ví dụ 12/04/2022 là ngày 12 tháng 4", field, clip(n.Value)),
				fmt.Sprintf("the date in %q seems written month first (%s); write the day first, DD/MM/YYYY: 12/04/2022 is 12 April", field, clip(n.Value)))
		}
		return At(file, n,
			fmt.Sprintf("trường %q ghi một ngày không có trên lịch (%s); hãy kiểm tra ngày và tháng", field, clip(n.Value)),
			fmt.Sprintf("%q gives a day that is not in the calendar (%s); check the day and the month", field, clip(n.Value)))
	}
	return At(file, n,
		fmt.Sprintf("trường %q cần một ngày dạng YYYY-MM-DD (2022-04-12) hoặc DD/MM/YYYY, ngày trước tháng sau (12/04/2022), nhưng ở đây là %s; không dùng dạng tháng trước ngày", field, vi),
		fmt.Sprintf("%q needs a date written YYYY-MM-DD (2022-04-12) or day first DD/MM/YYYY (12/04/2022), but found %s; month-first dates are not accepted", field, en))
}

// monthFirst reports whether s reads as a valid date only month first
// (04/30/2022).
func monthFirst(s string) bool {
	parts := strings.Split(strings.TrimSpace(s), "/")
	if len(parts) != 3 {
		return false
	}
	_, err := period.ParseDate(parts[1] + "/" + parts[0] + "/" + parts[2])
	return err == nil
}

// Seq returns the items of sequence n; null is no items.
func Seq(file, field string, n *yaml.Node) ([]*yaml.Node, diag.List) {
	if IsNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		vi, en := kind(n)
		return nil, diag.List{At(file, n,
			fmt.Sprintf("trường %q cần một danh sách (mỗi mục một dòng bắt đầu bằng \"- \", hoặc [a, b]) nhưng ở đây là %s", field, vi),
			fmt.Sprintf("%q needs a list (one item a line starting \"- \", or [a, b]) but found %s", field, en))}
	}
	return n.Content, nil
}

// StringList returns the texts of sequence n, as String reads each.
func StringList(file, field string, n *yaml.Node) ([]string, diag.List) {
	items, diags := Seq(file, field, n)
	if len(items) == 0 {
		return nil, diags
	}
	list := make([]string, 0, len(items))
	for _, it := range items {
		s, ds := String(file, field, it)
		diags = append(diags, ds...)
		if len(ds) == 0 {
			list = append(list, s)
		}
	}
	return list, diags
}
