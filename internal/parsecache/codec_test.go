package parsecache

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"giamsat/internal/diag"
	"giamsat/internal/export"
	"giamsat/internal/period"
)

// fill sets every field reachable from v to a value that is not zero,
// different for each field, with slices of two elements: a field the codec
// does not carry then comes back different.
func fill(v reflect.Value, seed *int) {
	*seed++
	n := *seed
	switch v.Type() {
	case reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(time.Date(2022, 5, 3, 8, n%60, 7, n, period.Zone())))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d·ư", n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(n % 200))
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), seed)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), seed)
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), seed)
	default:
		panic(fmt.Sprintf("fill: a %s field; teach the codec and this test about it", v.Type()))
	}
}

func roundTrip(t *testing.T, e *export.File, d diag.List) {
	t.Helper()
	key, ge, gd, err := decode(encode("k", e, d))
	if err != nil {
		t.Fatal(err)
	}
	if key != "k" || !reflect.DeepEqual(ge, e) || !reflect.DeepEqual(gd, d) {
		t.Errorf("read back\n%#v\n%#v\nwant\n%#v\n%#v", ge, gd, e, d)
	}
}

func TestCodecCoversEveryField(t *testing.T) {
	seed := 0
	var e export.File
	fill(reflect.ValueOf(&e).Elem(), &seed)
	var d diag.List
	fill(reflect.ValueOf(&d).Elem(), &seed)
	roundTrip(t, &e, d)

	// Positions in the export's own file and a case stamped with the
	// export's time take the short forms.
	e.Cases[0].Pos.File = e.File
	e.Cases[0].Events[1].Pos.File = e.File
	e.Cases[1].ExportedAt = e.ExportedAt
	roundTrip(t, &e, d)

	// A time in another zone keeps its offset.
	e.Cases[0].ExportedAt = time.Date(2022, 5, 3, 1, 0, 0, 0, time.FixedZone("", -3600))
	roundTrip(t, &e, d)
}

func TestCodecNilAndEmpty(t *testing.T) {
	tests := []struct {
		name string
		e    *export.File
		d    diag.List
	}{
		{"no export", nil, diag.List{{File: "a.yaml", Line: 1, VI: "v", EN: "e"}}},
		{"zero export, nil lists", &export.File{}, nil},
		{"empty lists", &export.File{Metrics: []export.Metric{}, Cases: []export.Case{}}, diag.List{}},
		{"empty case lists", &export.File{Cases: []export.Case{{Basis: []string{}, Events: []export.Event{}}, {}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { roundTrip(t, tt.e, tt.d) })
	}
}

// A payload that is not what the encoder writes is an error, whatever its
// checksum: cut short at any byte, or with a byte after its end.
func TestCodecDamage(t *testing.T) {
	_, _, e, d := testReading(t)
	good := encode("k", e, d)
	payload := good[headerLen:]
	for cut := range len(payload) {
		if _, _, _, err := decode(withHeader(payload[:cut])); err == nil {
			t.Fatalf("a payload cut at %d of %d bytes was read", cut, len(payload))
		}
	}
	if _, _, _, err := decode(withHeader(append(payload[:len(payload):len(payload)], 0))); err == nil {
		t.Error("a payload with a byte after its end was read")
	}
}

// withHeader wraps a payload in a header with the right length and checksum.
func withHeader(payload []byte) []byte {
	return seal(append(make([]byte, headerLen), payload...))
}
