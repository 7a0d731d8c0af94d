package period

import (
	"testing"
)

// FuzzParseTime checks that every moment ParseTime accepts is one the
// rest of the site can hold: its date in Vietnam time is a real date that
// prints and parses back, and the moment survives FormatTime.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{
		"2022-05-03T08:00:00+07:00", "2022-05-03", "03/05/2022", "2022-05-03 08:00:00Z",
		"2022-05-03t08:00:00z", "2022-04-31T08:00:00+07:00", "2022-05-03T24:00:00+07:00",
		"0001-01-01T00:00:00+07:00", "0000-12-31T00:00:00Z", "9999-12-31T23:59:59-12:00",
		"2022-05-03T08:00:00.123456789+07:00", "2022-05-03T08:00:00+25:00", " 2022-05-03 ",
		"2022-05-03Tx", "2022-05-0\xff08:00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTime(s)
		if err != nil {
			return
		}
		if tm.Location() != zone {
			t.Fatalf("%q → %v not in Vietnam time", s, tm)
		}
		d := DateOf(tm)
		if d.IsZero() {
			t.Fatalf("%q → %v has no date", s, tm)
		}
		if again, err := ParseDate(d.String()); err != nil || again != d {
			t.Fatalf("%q → date %s → %v, %v", s, d, again, err)
		}
		again, err := ParseTime(FormatTime(tm))
		if err != nil || !again.Equal(tm.Truncate(1e9)) {
			t.Fatalf("%q → %s → %v, %v", s, FormatTime(tm), again, err)
		}
	})
}
