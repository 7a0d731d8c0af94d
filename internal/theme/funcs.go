package theme

import (
	"fmt"
	"html/template"
	"math"
	"time"

	"giamsat/internal/format"
	"giamsat/internal/period"
)

// funcs are the template functions. They take any because templates pass
// whatever number type the view model holds; a value of the wrong kind
// stops the template with an error naming it.
func (t *Theme) funcs() template.FuncMap {
	f := t.format
	return template.FuncMap{
		"t": t.tr,
		"num": func(v any) (string, error) {
			if n, ok := asInt(v); ok {
				return f.Num(n), nil
			}
			if x, ok := asFloat(v); ok {
				return f.Dec(x, 0), nil
			}
			return "", badArg("num", v)
		},
		// dec x [digits]: at most digits decimals (default 1).
		"dec": func(v any, digits ...int) (string, error) {
			x, ok := asFloat(v)
			if !ok {
				return "", badArg("dec", v)
			}
			d := 1
			if len(digits) > 0 {
				d = digits[0]
			}
			return f.Dec(x, d), nil
		},
		// pct ratio: 0.991 → "99,1%".
		"pct": func(v any) (string, error) {
			x, ok := asFloat(v)
			if !ok {
				return "", badArg("pct", v)
			}
			return f.Pct(x), nil
		},
		// change ratio: 0.12 → "+12%".
		"change": func(v any) (string, error) {
			x, ok := asFloat(v)
			if !ok {
				return "", badArg("change", v)
			}
			return f.Change(x), nil
		},
		"money": func(v any) (string, error) {
			n, ok := asInt(v)
			if !ok {
				return "", badArg("money", v)
			}
			return f.Money(n), nil
		},
		"date": func(v any) (string, error) {
			d, ok := asDate(v)
			if !ok {
				return "", badArg("date", v)
			}
			return f.Date(d), nil
		},
		// longdate place date: "Long An, ngày 05 tháng 4 năm 2022".
		"longdate": func(place string, v any) (string, error) {
			d, ok := asDate(v)
			if !ok {
				return "", badArg("longdate", v)
			}
			return f.LongDate(place, d), nil
		},
		"period": func(v any) (string, error) {
			switch p := v.(type) {
			case period.Period:
				return f.Period(p), nil
			case string:
				pp, err := period.Parse(p)
				if err != nil {
					return "", fmt.Errorf("period %q: %w", p, err)
				}
				return f.Period(pp), nil
			}
			return "", badArg("period", v)
		},
		"capital": format.Capital,
	}
}

func badArg(fn string, v any) error {
	return fmt.Errorf("%s: cannot format a %T (%v)", fn, v, v)
}

func asInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case uint:
		return int64(n), n <= math.MaxInt64
	case uint8:
		return int64(n), true
	case uint16:
		return int64(n), true
	case uint32:
		return int64(n), true
	case uint64:
		return int64(n), n <= math.MaxInt64
	}
	return 0, false
}

func asFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	}
	if n, ok := asInt(v); ok {
		return float64(n), true
	}
	return 0, false
}

func asDate(v any) (period.Date, bool) {
	switch d := v.(type) {
	case period.Date:
		return d, true
	case time.Time:
		if d.IsZero() {
			return 0, true
		}
		return period.DateOf(d), true
	}
	return 0, false
}
