package build

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Reading shows progress only when it is large enough to wonder about:
// more files than this, or more bytes (about 20,000 records), and only
// once it has taken progressDelay, so that a fast read stays silent.
const (
	progressFiles = 200
	progressBytes = 8 << 20
	progressDelay = time.Second
)

// progress reports reading on a writer: one line rewritten in place on a
// terminal, else a line at each quarter so that logs stay short.
type progress struct {
	w       io.Writer
	lang    string
	term    bool
	total   int
	start   time.Time // nothing is shown before start
	files   int
	records int
	shown   time.Time
	quarter int
	width   int // of the last line written on a terminal
}

// newProgress returns nil, which reports nothing, when w is nil or the data
// is small.
func newProgress(w io.Writer, lang string, files []dataFile) *progress {
	var size int64
	for _, f := range files {
		size += f.size
	}
	if w == nil || len(files) <= progressFiles && size <= progressBytes {
		return nil
	}
	p := &progress{w: w, lang: lang, total: len(files), start: time.Now().Add(progressDelay)}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.term = true
		}
	}
	return p
}

func (p *progress) add(records int) {
	if p == nil {
		return
	}
	p.files++
	p.records += records
	now := time.Now()
	if now.Before(p.start) {
		return
	}
	if p.term {
		if now.Sub(p.shown) >= 100*time.Millisecond || p.files == p.total {
			p.shown = now
			line := p.line()
			fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", max(p.width-len(line), 0)))
			p.width = len(line)
		}
		return
	}
	if q := p.files * 4 / p.total; q > p.quarter {
		p.quarter = q
		fmt.Fprintln(p.w, p.line())
	}
}

// finish ends the line on a terminal so that what follows starts clean.
func (p *progress) finish() {
	if p != nil && p.term && p.width > 0 {
		fmt.Fprintln(p.w)
	}
}

func (p *progress) line() string {
	return "giamsat: " + text(p.lang,
		fmt.Sprintf("đang đọc %s/%s tệp, %s bản ghi", number(p.lang, p.files), number(p.lang, p.total), number(p.lang, p.records)),
		fmt.Sprintf("reading %s/%s files, %s records", number(p.lang, p.files), number(p.lang, p.total), number(p.lang, p.records)))
}
