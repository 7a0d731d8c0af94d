package workbook

import (
	"bytes"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"

	"giamsat/internal/export"
	"giamsat/internal/period"
	"giamsat/internal/site"
)

// YAML writes an export as the YAML the data contract describes: what a
// Department keeps as its archive. Values are written in their canonical
// form (keys, ISO dates); a case's unit only when it is not the export's.
func YAML(e *export.File, cfg *site.Config) ([]byte, error) {
	head := mapping()
	add(head, "unit", str(e.Unit))
	if d := cfg.DistrictByCode(e.District); d != nil {
		add(head, "district", str(d.Name))
	}
	if !e.Period.IsZero() {
		add(head, "period", plain(e.Period.String()))
	}
	add(head, "exported_at", plain(period.FormatTime(e.ExportedAt)))
	if len(e.Metrics) > 0 {
		m := mapping()
		m.Style = yaml.FlowStyle
		for _, x := range e.Metrics {
			add(m, x.Key, num(x.Value))
		}
		add(head, "metrics", m)
	}
	cases := &yaml.Node{Kind: yaml.SequenceNode}
	if len(e.Cases) == 0 {
		cases.Style = yaml.FlowStyle
	}
	for i := range e.Cases {
		cases.Content = append(cases.Content, caseNode(&e.Cases[i], e, cfg))
	}
	root := mapping()
	add(root, "export", head)
	add(root, "cases", cases)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return nil, fmt.Errorf("writing YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("writing YAML: %w", err)
	}
	return buf.Bytes(), nil
}

func caseNode(c *export.Case, e *export.File, cfg *site.Config) *yaml.Node {
	m := mapping()
	add(m, "id", str(c.ID))
	add(m, "detected_on", plain(c.DetectedOn.String()))
	if c.District != e.District {
		add(m, "district", str(cfg.DistrictByCode(c.District).Name))
	}
	add(m, "platform", str(c.Platform))
	add(m, "category", str(c.Category))
	add(m, "summary", str(c.Summary))
	if c.HasReach {
		add(m, "reach", num(c.Reach))
	}
	add(m, "offender", str(c.Offender))
	add(m, "status", str(string(c.Status)))
	if c.ReferredTo != "" {
		add(m, "referred_to", str(c.ReferredTo))
	}
	if !c.ResolvedOn.IsZero() {
		add(m, "resolved_on", plain(c.ResolvedOn.String()))
	}
	if c.HasFine {
		add(m, "fine_vnd", num(c.FineVND))
	}
	if c.PostURL != "" {
		add(m, "post_url", str(c.PostURL))
	}
	if len(c.Basis) > 0 {
		b := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, s := range c.Basis {
			b.Content = append(b.Content, str(s))
		}
		add(m, "basis", b)
	}
	if len(c.Events) > 0 {
		evs := &yaml.Node{Kind: yaml.SequenceNode}
		for _, ev := range c.Events {
			x := mapping()
			add(x, "date", plain(ev.Date.String()))
			add(x, "action", str(ev.Action))
			if ev.Note != "" {
				add(x, "note", str(ev.Note))
			}
			evs.Content = append(evs.Content, x)
		}
		add(m, "events", evs)
	}
	return m
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func add(m *yaml.Node, k string, v *yaml.Node) { m.Content = append(m.Content, str(k), v) }

// str is text, quoted when it would read as anything else.
func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// plain is a date or period, written bare.
func plain(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

func num(v int64) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v, 10)}
}
