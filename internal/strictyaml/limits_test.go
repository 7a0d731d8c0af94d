package strictyaml

import (
	"strings"
	"testing"
)

// TestTooLarge: the size is the file's, rounded up to a tenth of a
// megabyte, so that a file just over the limit never reads as at it.
func TestTooLarge(t *testing.T) {
	tests := []struct {
		size   int64
		vi, en string
	}{
		{MaxFileSize + 1, "(64,1 MB, tối đa 64 MB)", "(64.1 MB, at most 64 MB)"},
		{65 << 20, "(65 MB, tối đa 64 MB)", "(65 MB, at most 64 MB)"},
		{100<<20 + 1<<19, "(100,5 MB, tối đa 64 MB)", "(100.5 MB, at most 64 MB)"},
		{5 << 40, "(5.242.880 MB, tối đa 64 MB)", "(5,242,880 MB, at most 64 MB)"},
	}
	for _, tt := range tests {
		d := TooLarge("data/x.yaml", tt.size)
		if d.File != "data/x.yaml" || d.Line != 0 || !strings.Contains(d.VI, tt.vi) || !strings.Contains(d.EN, tt.en) {
			t.Errorf("%d: %+v", tt.size, d)
		}
	}
	// Decode states the size of what it was given.
	_, diags := Decode("f.yaml", make([]byte, MaxFileSize+1))
	if len(diags) != 1 || !strings.Contains(diags[0].EN, "(64.1 MB") {
		t.Errorf("Decode: %v", diags)
	}
}
