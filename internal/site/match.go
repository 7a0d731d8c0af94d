package site

import (
	"fmt"

	"giamsat/internal/vntext"
)

// index is what matching needs, built once by Prepare: every name as
// written and as its vntext.Key, to the item's position in its list.
type index struct {
	district, category, platform   map[string]int
	code, categoryKey, platformKey map[string]int
	// Suggestions are drawn from these.
	districtNames, categoryNames, platformNames []string
}

// Prepare builds the lookup tables of c. Parse and Load call it; a Config
// built by hand must call it before matching. It fails when two entries
// of a list share a name (Parse reports those with their lines).
func (c *Config) Prepare() error {
	if c.Referrals == nil {
		c.Referrals = DefaultReferrals()
	}
	ix := &index{
		district:    map[string]int{},
		category:    map[string]int{},
		platform:    map[string]int{},
		code:        map[string]int{},
		categoryKey: map[string]int{},
		platformKey: map[string]int{},
	}
	for i, d := range c.Districts {
		ix.code[d.Code] = i
		names := append([]string{d.Code, d.Name, d.Short}, d.Aliases...)
		for _, n := range names {
			if err := put(ix.district, n, i, "districts"); err != nil {
				return err
			}
		}
		ix.districtNames = append(ix.districtNames, names[1:]...)
	}
	var err error
	ix.categoryNames, err = items(ix.category, ix.categoryKey, c.Categories, "categories")
	if err != nil {
		return err
	}
	ix.platformNames, err = items(ix.platform, ix.platformKey, c.Platforms, "platforms")
	if err != nil {
		return err
	}
	c.idx = ix
	return nil
}

func items(byName, byKey map[string]int, list []Item, what string) ([]string, error) {
	var names []string
	for i, it := range list {
		byKey[it.Key] = i
		for _, n := range []string{it.Key, it.Name} {
			if err := put(byName, n, i, what); err != nil {
				return nil, err
			}
		}
		names = append(names, it.Key, it.Name)
	}
	return names, nil
}

// put records name n of entry i as written and as its key. Keys are
// idempotent, so a form as written can only meet another entry's key
// when the two keys collide too.
func put(m map[string]int, n string, i int, what string) error {
	for _, k := range []string{n, vntext.Key(n)} {
		if k == "" {
			continue
		}
		if j, ok := m[k]; ok && j != i {
			return fmt.Errorf("site: %s entries %d and %d share the name %q", what, j+1, i+1, n)
		}
		m[k] = i
	}
	return nil
}

// lookup finds s as written or, failing that, by its key.
func lookup(m map[string]int, s string) (int, bool) {
	if i, ok := m[s]; ok {
		return i, true
	}
	i, ok := m[vntext.Key(s)]
	return i, ok
}

func (c *Config) mustIndex() *index {
	if c.idx == nil {
		panic("site: Config used for matching before Prepare")
	}
	return c.idx
}

// MatchDistrict finds the district s names by its code, name, short name
// or an alias, ignoring case, spacing, Unicode form and tone placement.
// When there is none, suggestion is the closest name, if one is close.
func (c *Config) MatchDistrict(s string) (code string, ok bool, suggestion string) {
	ix := c.mustIndex()
	if i, ok := lookup(ix.district, s); ok {
		return c.Districts[i].Code, true, ""
	}
	suggestion, _ = closest(s, ix.districtNames)
	return "", false, suggestion
}

// MatchCategory finds the category s names by key or name; see
// MatchDistrict.
func (c *Config) MatchCategory(s string) (key string, ok bool, suggestion string) {
	ix := c.mustIndex()
	if i, ok := lookup(ix.category, s); ok {
		return c.Categories[i].Key, true, ""
	}
	suggestion, _ = closest(s, ix.categoryNames)
	return "", false, suggestion
}

// MatchPlatform finds the platform s names by key or name; see
// MatchDistrict.
func (c *Config) MatchPlatform(s string) (key string, ok bool, suggestion string) {
	ix := c.mustIndex()
	if i, ok := lookup(ix.platform, s); ok {
		return c.Platforms[i].Key, true, ""
	}
	suggestion, _ = closest(s, ix.platformNames)
	return "", false, suggestion
}

func closest(s string, names []string) (string, bool) {
	if s == "" {
		return "", false
	}
	best, ok := vntext.Closest(s, names)
	if !ok {
		return "", false
	}
	return best, true
}

// DistrictByCode returns the district with that code, or nil.
func (c *Config) DistrictByCode(code string) *District {
	if i, ok := c.mustIndex().code[code]; ok {
		return &c.Districts[i]
	}
	return nil
}

// Category returns the category with that key, or nil.
func (c *Config) Category(key string) *Item {
	if i, ok := c.mustIndex().categoryKey[key]; ok {
		return &c.Categories[i]
	}
	return nil
}

// Platform returns the platform with that key, or nil.
func (c *Config) Platform(key string) *Item {
	if i, ok := c.mustIndex().platformKey[key]; ok {
		return &c.Platforms[i]
	}
	return nil
}
