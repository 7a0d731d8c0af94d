package fingerprint

import (
	"errors"
	"html/template"
	"testing"
	"time"
)

type view struct {
	Title string
	Rows  [][]string
	Body  template.HTML
	Any   any
	Ptr   *view
	Map   map[string]int
	Nums  []float64
	Flag  bool
}

func sum(t *testing.T, v any) Sum {
	t.Helper()
	h := New()
	if err := h.Value(v); err != nil {
		t.Fatalf("Value(%#v): %v", v, err)
	}
	return h.Sum()
}

// Values that a template could show differently never share a sum. (A nil
// and an empty map or slice may: templates show them alike.)
func TestDifferentValuesDiffer(t *testing.T) {
	values := []any{
		nil,
		view{},
		&view{},
		view{Title: "a"},
		view{Title: "b"},
		view{Rows: [][]string{{"ab"}}},
		view{Rows: [][]string{{"a", "b"}}},
		view{Rows: [][]string{{"a"}, {"b"}}},
		view{Body: "a"},
		view{Any: "a"},
		view{Any: template.HTML("a")},
		view{Any: 1},
		view{Any: int64(1)},
		view{Ptr: &view{}},
		view{Map: map[string]int{"a": 1}},
		view{Map: map[string]int{"a": 2}},
		view{Nums: []float64{0}},
		view{Nums: []float64{0, 0}},
		view{Flag: true},
		"",
		[]string{},
		[]string{""},
	}
	seen := map[Sum]int{}
	for i, v := range values {
		s := sum(t, v)
		if j, ok := seen[s]; ok {
			t.Errorf("values %d (%#v) and %d (%#v) have the same sum", i, v, j, values[j])
		}
		seen[s] = i
	}
}

func TestSameValueSameSum(t *testing.T) {
	mk := func() view {
		m := map[string]int{}
		for i, k := range []string{"x", "y", "z", "w", "v", "u"} {
			m[k] = i
		}
		return view{Title: "t", Map: m, Any: []int{1, 2}, Ptr: &view{Title: "p"}}
	}
	a := sum(t, mk())
	for range 20 {
		if b := sum(t, mk()); a != b {
			t.Fatal("the same value gave two sums (map order?)")
		}
	}
}

type hidden struct{ shown, secret string }

type cycle struct{ Next *cycle }

func TestUnhashable(t *testing.T) {
	c := &cycle{}
	c.Next = c
	for name, v := range map[string]any{
		"unexported fields": hidden{"a", "b"},
		"func":              func() {},
		"chan":              make(chan int),
		"cycle":             c,
	} {
		if err := New().Value(v); !errors.Is(err, ErrUnhashable) {
			t.Errorf("%s: err = %v, want ErrUnhashable", name, err)
		}
	}
	// A struct with unexported fields that marshals itself is fine.
	d := time.Date(2024, 4, 5, 0, 0, 0, 0, time.UTC)
	if sum(t, d) == sum(t, d.AddDate(0, 0, 1)) {
		t.Error("two times have the same sum")
	}
}

func TestStringBoundaries(t *testing.T) {
	a, b := New(), New()
	a.String("ab")
	a.String("c")
	b.String("a")
	b.String("bc")
	if a.Sum() == b.Sum() {
		t.Error(`("ab","c") and ("a","bc") have the same sum`)
	}
}
