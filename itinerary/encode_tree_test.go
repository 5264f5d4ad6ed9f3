package itinerary

import (
	"io"

	"gopkg.in/yaml.v3"
)

// writeYAMLTree is WriteYAML as it was before it streamed: the whole
// itinerary as one node tree, encoded at once. It is kept only to compare
// the streaming writer's bytes with.
// It is a copy of the old code, word for word, so that a change to the
// node kit shows in both and a change to the streaming shows as a difference.
func writeYAMLTree(w io.Writer, it *Itinerary, events []int) error {
	root := ymap()
	root.set("version", yint(1))
	root.str("id", it.ID)
	root.str("title", it.Title)
	root.str("subtitle", it.Subtitle)
	root.str("timezone", it.ZoneName())
	root.text("summary", it.Summary)
	if it.RemindSet {
		root.set("remind", yamlLeads(it.Remind))
	}
	setList(root, "sources", it.Sources, func(_ int, s Source, m ynode) {
		m.str("id", s.ID)
		m.str("publisher", s.Publisher)
		m.str("title", s.Title)
		m.str("date", s.Date)
		m.str("url", s.URL)
	})
	setList(root, "orgs", it.Orgs, func(_ int, o Org, m ynode) {
		m.str("id", o.ID)
		m.str("name", o.Name)
		m.str("native", o.Native)
		m.str("color", o.Color)
	})
	setList(root, "people", it.People, func(i int, p Person, m ynode) {
		m.str("id", p.ID)
		m.str("name", p.Name)
		m.str("native", p.Native)
		if len(p.Aliases) > 0 {
			as := yseq(true)
			for _, a := range p.Aliases {
				as.Content = append(as.Content, ystr(a))
			}
			m.set("aliases", as)
		}
		if o := it.OrgOf(i); o != nil {
			m.str("org", o.ID)
		}
		m.str("role", p.Role)
		if p.Group {
			m.set("group", ybool())
		}
		m.text("note", p.Note)
	})
	list := yseq(false)
	for _, i := range events {
		list.Content = append(list.Content, yamlEvent(it, &it.Events[i]).Node)
	}
	root.set("events", list)
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root.Node},
		HeadComment: "yaml-language-server: $schema=https://raw.githubusercontent.com/visitline/visitline/main/data/itinerary.schema.json"}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return enc.Close()
}
