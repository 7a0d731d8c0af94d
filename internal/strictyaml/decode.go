// Package strictyaml reads YAML the way a careful person means it: UTF-8
// only, one document, no anchors or aliases, bounded nesting, no key given
// twice, no unknown field, and scalars read as the text that was written
// (a phone number stays text, never becomes a number). Every problem is a
// diag.Diag with the file, line and column to fix.
//
// It works on gopkg.in/yaml.v3's yaml.Node tree rather than decoding into
// Go values, because only the node tree keeps what a message needs: the
// position of every key and value, and the text as written.
package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"giamsat/internal/diag"
)

// MaxFileSize is the largest file Decode reads. Readers of files should
// stop reading one byte after it, so that a huge file costs no memory.
const MaxFileSize = 64 << 20

// MaxDepth is the deepest nesting of lists and mappings accepted. Real
// files need four or five levels; deeper is a mistake or an attack.
const MaxDepth = 100

// TooLarge is the message for a file of size bytes, more than
// MaxFileSize. Readers stat the file and call it without reading, so that
// the message states the file's real size.
func TooLarge(file string, size int64) diag.Diag {
	// Tenths of a megabyte, rounded up: a file just over the limit must
	// not read as being at it.
	tenths := (size*10 + 1<<20 - 1) >> 20
	vi, en := group(tenths/10, '.'), group(tenths/10, ',')
	if tenths%10 != 0 {
		vi, en = fmt.Sprintf("%s,%d", vi, tenths%10), fmt.Sprintf("%s.%d", en, tenths%10)
	}
	return diag.At(file, 0, 0,
		fmt.Sprintf("tệp quá lớn (%s MB, tối đa %d MB); hãy chia dữ liệu thành nhiều tệp nhỏ hơn", vi, MaxFileSize>>20),
		fmt.Sprintf("the file is too large (%s MB, at most %d MB); split the data into several smaller files", en, MaxFileSize>>20))
}

// group writes n with sep between groups of three digits.
func group(n int64, sep byte) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + string(sep) + s[i:]
	}
	return s
}

// Decode checks data and parses it as one YAML document, returning the
// document's top node; nil with no diags means the document is empty.
// Problems that leave no trustworthy tree (encoding, size, syntax,
// anchors, nesting) return a nil node. Keys given twice are reported but
// the node is still returned, so that the caller can report the rest.
func Decode(file string, data []byte) (*yaml.Node, diag.List) {
	return DecodeAt(file, data, 1)
}

// DecodeAt is Decode for YAML that starts on line firstLine of file (front
// matter): every line number, in diags and in the returned nodes, is that
// of the file.
func DecodeAt(file string, data []byte, firstLine int) (*yaml.Node, diag.List) {
	shift := firstLine - 1
	if len(data) > MaxFileSize {
		return nil, diag.List{TooLarge(file, int64(len(data)))}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if d, bad := checkEncoding(file, data); bad {
		d.Line += shift
		return nil, diag.List{d}
	}

	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, diag.List{syntaxDiag(file, err, data, shift)}
	}
	var more yaml.Node
	switch err := dec.Decode(&more); {
	case err == nil:
		return nil, diag.List{diag.At(file, more.Line+shift, 0,
			"tệp chứa nhiều hơn một tài liệu YAML (dòng \"---\" ở giữa tệp); mỗi tệp chỉ được có một tài liệu, hãy tách thành tệp riêng hoặc xóa dòng \"---\"",
			"the file holds more than one YAML document (a \"---\" line inside it); keep one document per file: split it or remove the \"---\" line")}
	case !errors.Is(err, io.EOF):
		return nil, diag.List{syntaxDiag(file, err, data, shift)}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	top := doc.Content[0]
	w := walker{file: file, shift: shift}
	w.walk(top, 1)
	if w.fatal {
		return nil, w.diags
	}
	if top.Kind == yaml.ScalarNode && top.ShortTag() == "!!null" {
		return nil, w.diags
	}
	return top, w.diags
}

// checkEncoding finds what makes data not UTF-8 text, so that the message
// can say which encoding the file was saved in rather than fail later on
// garbled names.
func checkEncoding(file string, data []byte) (diag.Diag, bool) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return diag.At(file, 1, 0,
			"tệp được lưu ở mã UTF-16 (Unicode); hãy lưu lại tệp ở mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8)",
			"the file is saved as UTF-16 (\"Unicode\"); save it again as UTF-8 (in Notepad: Save As… → Encoding: UTF-8)"), true
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line := lineAt(data, i)
		// Text in UTF-16 without a byte order mark has a NUL beside
		// every ASCII character.
		if len(data) >= 4 && (data[0] == 0 && data[2] == 0 || data[1] == 0 && data[3] == 0) {
			return diag.At(file, line, 0,
				"tệp có vẻ được lưu ở mã UTF-16 (có byte 0); hãy lưu lại tệp ở mã UTF-8",
				"the file looks like UTF-16 (it holds NUL bytes); save it again as UTF-8"), true
		}
		return diag.At(file, line, 0,
			"tệp chứa byte 0 (NUL) nên không phải tệp văn bản; hãy kiểm tra đây đúng là tệp YAML và lưu lại ở mã UTF-8",
			"the file holds a NUL byte, so it is not a text file; check that it is the right YAML file and save it as UTF-8"), true
	}
	if utf8.Valid(data) {
		return diag.Diag{}, false
	}
	i := firstInvalid(data)
	var vi, en string
	switch guessLegacy(data) {
	case "TCVN3":
		vi, en = "có vẻ là mã TCVN3 (ABC)", "it looks like TCVN3 (ABC)"
	case "Windows-1258":
		vi, en = "có vẻ là mã Windows-1258 (CP1258)", "it looks like Windows-1258 (CP1258)"
	default:
		vi, en = "có thể là một bảng mã cũ như Windows-1258 hoặc TCVN3", "perhaps an old code page such as Windows-1258 or TCVN3"
	}
	return diag.At(file, lineAt(data, i), 0,
		fmt.Sprintf("tệp không phải mã UTF-8 (%s); byte lỗi đầu tiên ở dòng này. Hãy mở tệp bằng trình soạn thảo và lưu lại ở mã UTF-8 (với Unikey: chuyển mã sang Unicode trước)", vi),
		fmt.Sprintf("the file is not UTF-8 (%s); the first bad byte is on this line. Open it in an editor and save it as UTF-8 (convert it to Unicode first, e.g. with Unikey)", en)), true
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// guessLegacy names the old Vietnamese code page the bytes most look
// like. Windows-1258 writes tones as separate combining bytes after a
// vowel; TCVN3 keeps ă â ê ô ơ ư đ at 0xA8-0xAE, where Windows-1258 has
// rare symbols.
func guessLegacy(data []byte) string {
	var cp1258, tcvn3 int
	for i, c := range data {
		switch {
		case c >= 0xA8 && c <= 0xAE:
			tcvn3++
		case c == 0xCC || c == 0xEC || c == 0xDE || c == 0xD2 || c == 0xF2:
			if i > 0 && isVowel1258(data[i-1]) {
				cp1258++
			}
		}
	}
	switch {
	case cp1258 > tcvn3:
		return "Windows-1258"
	case tcvn3 > cp1258:
		return "TCVN3"
	}
	return ""
}

func isVowel1258(c byte) bool {
	switch c | 0x20 {
	case 'a', 'e', 'i', 'o', 'u', 'y', 0xE2, 0xE3, 0xEA, 0xF4, 0xF5, 0xFD:
		return true
	}
	return false
}

func lineAt(data []byte, i int) int {
	return bytes.Count(data[:i], []byte{'\n'}) + 1
}

// syntaxDiag turns a yaml.v3 error ("yaml: line 3: mapping values are not
// allowed in this context") into a diag at that line.
func syntaxDiag(file string, err error, data []byte, shift int) diag.Diag {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line, col := 0, 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(n); err == nil {
				line, msg = l, after
			}
		}
	}
	hintVI, hintEN := "kiểm tra thụt lề (chỉ dùng dấu cách), dấu hai chấm sau tên trường và các dấu ngoặc, dấu nháy ở dòng này hoặc dòng ngay trên", "check the indentation (spaces only), the colon after each field name and the brackets and quotes on this line or the one above"
	switch {
	case strings.Contains(msg, "exceeded max depth"):
		msg = fmt.Sprintf("nesting deeper than %d levels", MaxDepth)
		line = deepLine(data) - shift
		hintVI, hintEN = "dữ liệu lồng nhau quá sâu; hãy viết lại với ít cấp hơn", "the data is nested far too deep; write it with fewer levels"
	case strings.HasPrefix(msg, "unknown anchor"):
		// An alias to nothing: the alias is the problem either way.
		if name, _, ok := strings.Cut(strings.TrimPrefix(msg, "unknown anchor '"), "'"); ok {
			if i := bytes.Index(data, []byte("*"+name)); i >= 0 {
				line = lineAt(data, i) - shift
			}
		}
		return diag.At(file, line+shift, 0,
			"không dùng neo (&) và tham chiếu (*) của YAML; hãy viết đầy đủ giá trị ở mỗi chỗ (nếu giá trị bắt đầu bằng *, hãy đặt nó trong dấu nháy kép)",
			"YAML anchors (&) and aliases (*) are not accepted; write the value out in full at each place (if a value starts with *, put it in double quotes)")
	case strings.Contains(msg, "control characters"):
		if i := firstControl(data); i >= 0 {
			line = lineAt(data, i) - shift
			col = utf8.RuneCount(data[bytes.LastIndexByte(data[:i], '\n')+1:i]) + 1
		}
		hintVI, hintEN = "tệp chứa ký tự điều khiển không nhìn thấy; hãy xóa ký tự đó", "the file holds an invisible control character; delete it"
	case strings.Contains(msg, "cannot start any token"):
		hintVI, hintEN = "thường do dùng phím Tab để thụt lề hoặc ký tự @ ` ở đầu giá trị; hãy dùng dấu cách và đặt giá trị trong dấu nháy kép", "usually a Tab used for indentation, or @ or ` starting a value; indent with spaces and put the value in double quotes"
	}
	if line > 0 {
		if col == 0 {
			col = syntaxColumn(msg, lineText(data, line))
		}
		line += shift
	}
	return diag.At(file, line, col,
		fmt.Sprintf("lỗi cú pháp YAML (%s): %s", msg, hintVI),
		fmt.Sprintf("YAML syntax error (%s): %s", msg, hintEN))
}

// lineText returns line n (from 1) of data, without its line end.
func lineText(data []byte, n int) []byte {
	for ; n > 1; n-- {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return nil
		}
		data = data[i+1:]
	}
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i]
	}
	return bytes.TrimSuffix(data, []byte{'\r'})
}

// syntaxColumn finds, in the line a yaml.v3 syntax error names, the
// column (in characters, from 1) of the character at fault, for the
// errors where the line shows it beyond doubt; 0 otherwise. yaml.v3 knows
// the column but does not say it.
func syntaxColumn(msg string, line []byte) int {
	at := func(i int) int { return utf8.RuneCount(line[:i]) + 1 }
	switch {
	case strings.Contains(msg, "cannot start any token"):
		// A tab in the indentation, or @ or ` starting a value.
		indent := len(line) - len(bytes.TrimLeft(line, " \t"))
		if i := bytes.IndexByte(line[:indent], '\t'); i >= 0 {
			return at(i)
		}
		for i, c := range line {
			if (c == '@' || c == '`') && (i == indent || i >= 2 && (line[i-1] == ' ' && (line[i-2] == ':' || line[i-2] == '-'))) {
				return at(i)
			}
		}
	case strings.Contains(msg, "mapping values are not allowed"):
		// The second "key: value" on one line: the colon that cannot be.
		first := bytes.Index(line, []byte(": "))
		if first < 0 {
			return 0
		}
		rest := line[first+2:]
		if j := bytes.IndexByte(rest, ':'); j >= 0 && (j+1 == len(rest) || rest[j+1] == ' ') && !bytes.ContainsAny(rest[:j], `"'[{`) {
			return at(first + 2 + j)
		}
	}
	return 0
}

// deepLine returns the line where brackets first nest deeper than
// MaxDepth, the only way YAML reaches its own limit in a file of bounded
// size. Quotes are ignored: the line only points the reader near.
func deepLine(data []byte) int {
	depth := 0
	for i, c := range data {
		switch c {
		case '[', '{':
			if depth++; depth > MaxDepth {
				return lineAt(data, i)
			}
		case ']', '}':
			depth--
		}
	}
	return 0
}

// firstControl returns the offset of the first control character YAML
// refuses in a stream, or -1.
func firstControl(data []byte) int {
	for i, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F {
			return i
		}
	}
	return -1
}

// walker checks the node tree in one pass: anchors, aliases, tags,
// nesting and keys given twice; it also moves line numbers by shift.
type walker struct {
	file  string
	shift int
	diags diag.List
	fatal bool
}

func (w *walker) walk(n *yaml.Node, depth int) {
	if w.fatal {
		return
	}
	n.Line += w.shift
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		w.fatal = true
		w.diags = append(w.diags, diag.At(w.file, n.Line, n.Column,
			"không dùng neo (&) và tham chiếu (*) của YAML; hãy viết đầy đủ giá trị ở mỗi chỗ",
			"YAML anchors (&) and aliases (*) are not accepted; write the value out in full at each place"))
		return
	}
	if depth > MaxDepth {
		w.fatal = true
		w.diags = append(w.diags, diag.At(w.file, n.Line, n.Column,
			fmt.Sprintf("dữ liệu lồng nhau quá %d cấp; hãy viết lại với ít cấp hơn", MaxDepth),
			fmt.Sprintf("the data is nested more than %d levels deep; write it with fewer levels", MaxDepth)))
		return
	}
	if n.Style&yaml.TaggedStyle != 0 && !plainTag(n.Tag) {
		w.diags = append(w.diags, diag.At(w.file, n.Line, n.Column,
			fmt.Sprintf("không dùng thẻ kiểu YAML %q; hãy xóa thẻ này", clip(n.Tag)),
			fmt.Sprintf("the YAML tag %q is not accepted; remove it", clip(n.Tag))))
	}
	for _, c := range n.Content {
		w.walk(c, depth+1)
		if w.fatal {
			return
		}
	}
	if n.Kind == yaml.MappingNode {
		w.diags = appendDuplicates(w.diags, w.file, n)
	}
}

// plainTag reports whether an explicit tag only says what the text already
// is (!!str 0912 forces text); other tags ask for types no field has.
func plainTag(tag string) bool {
	switch tag {
	case "!!str", "!!int", "!!float", "!!bool", "!!null", "!!seq", "!!map", "!!timestamp":
		return true
	}
	return false
}

// appendDuplicates reports every key of mapping m given again after its
// first occurrence, naming both lines.
func appendDuplicates(diags diag.List, file string, m *yaml.Node) diag.List {
	keys := m.Content
	if len(keys) > 32 {
		// Pairwise checks would be quadratic in a hostile file.
		seen := make(map[string]*yaml.Node, len(keys)/2)
		for i := 0; i < len(keys); i += 2 {
			k := keys[i]
			if k.Kind != yaml.ScalarNode {
				continue
			}
			if p, ok := seen[k.Value]; ok {
				diags = append(diags, duplicate(file, p, k))
				continue
			}
			seen[k.Value] = k
		}
		return diags
	}
	for i := 2; i < len(keys); i += 2 {
		k := keys[i]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		for j := 0; j < i; j += 2 {
			if p := keys[j]; p.Kind == yaml.ScalarNode && p.Value == k.Value {
				diags = append(diags, duplicate(file, p, k))
				break
			}
		}
	}
	return diags
}

func duplicate(file string, first, again *yaml.Node) diag.Diag {
	return diag.At(file, again.Line, again.Column,
		fmt.Sprintf("trường %q được ghi hai lần (dòng %d và dòng %d); chỉ giữ lại một", clip(again.Value), first.Line, again.Line),
		fmt.Sprintf("the key %q is given twice (lines %d and %d); keep only one", clip(again.Value), first.Line, again.Line))
}
