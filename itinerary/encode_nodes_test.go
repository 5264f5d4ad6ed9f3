package itinerary

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strconv"
	"time"

	"gopkg.in/yaml.v3"
)

// writeYAMLNodes is WriteYAML as it was before it wrote the text itself:
// yaml.v3 Node trees encoded by yaml.v3, batch events a document, the
// pieces cut out and written in order. It is kept, with the node kit
// below, only as the reference the writer's bytes are compared with
// (TestWriteYAMLMatchesNodes, FuzzYAMLWriterMatchesReference); unlike
// writeYAMLTree it writes the calendars list.
func writeYAMLNodes(w io.Writer, it *Itinerary, events []int, batch int) error {
	root := yamlHead(it)
	if len(events) == 0 {
		root.set("events", yseq(false))
		return encodeYAML(w, yamlDoc(root))
	}
	var buf bytes.Buffer
	// The top level, with a stand-in for the events that is cut off, and
	// with it the end of the document.
	root.set("events", ystr(yamlStandIn))
	if err := encodeYAML(&buf, yamlDoc(root)); err != nil {
		return err
	}
	head, ok := cutBefore(buf.Bytes(), "\nevents: "+yamlStandIn+"\n")
	if !ok {
		return errors.New("yaml: top level not written as expected")
	}
	if _, err := w.Write(append(head, "events:\n"...)); err != nil {
		return err
	}
	// The batches are encoded on every core, at most two a core ahead of
	// the writing, and written in order.
	pieces := make(chan chan nodePiece, 2*runtime.GOMAXPROCS(0))
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(pieces)
		for start := 0; start < len(events); start += batch {
			c := make(chan nodePiece, 1)
			select {
			case pieces <- c:
			case <-done:
				return
			}
			end := min(start+batch, len(events))
			go func(part []int, last bool) { c <- yamlEvents(it, part, last) }(events[start:end], end == len(events))
		}
	}()
	for c := range pieces {
		p := <-c
		if p.err != nil {
			return p.err
		}
		if _, err := w.Write(p.b); err != nil {
			return err
		}
	}
	return nil
}

type nodePiece struct {
	b   []byte
	err error
}

// yamlEvents is the text of events in the events block sequence: last
// says whether they end it.
func yamlEvents(it *Itinerary, events []int, last bool) nodePiece {
	list := yseq(false)
	for _, i := range events {
		list.Content = append(list.Content, yamlEvent(it, &it.Events[i]).Node)
	}
	m := ymap()
	m.set("events", list)
	if !last {
		// A key after the events, as the next event is in the whole
		// document: the document's end comes only after the last batch.
		m.set(yamlStandIn, ystr(yamlStandIn))
	}
	var buf bytes.Buffer
	if err := encodeYAML(&buf, &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{m.Node}}); err != nil {
		return nodePiece{err: err}
	}
	b, ok := bytes.CutPrefix(buf.Bytes(), []byte("events:\n"))
	if ok && !last {
		b, ok = cutBefore(b, "\n"+yamlStandIn+": "+yamlStandIn+"\n")
	}
	if !ok {
		return nodePiece{err: errors.New("yaml: events not written as expected")}
	}
	return nodePiece{b: b}
}

func yamlDoc(root ynode) *yaml.Node {
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root.Node}, HeadComment: yamlSchemaComment}
}

// yamlHead is the top level of the file without its events.
func yamlHead(it *Itinerary) ynode {
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
	// The calendars the events name, with their colours: an event's
	// calendar field names one of them.
	setList(root, "calendars", uniqueCalendars(it.Calendars), func(_ int, c Calendar, m ynode) {
		m.str("name", c.Name)
		m.str("color", c.Color)
	})
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
	return root
}

// setList sets key to a list of one mapping for each item, filled by fill,
// unless there are no items.
func setList[T any](root ynode, key string, items []T, fill func(i int, item T, m ynode)) {
	if len(items) == 0 {
		return
	}
	list := yseq(false)
	for i, item := range items {
		m := ymap()
		fill(i, item, m)
		list.Content = append(list.Content, m.Node)
	}
	root.set(key, list)
}

func yamlEvent(it *Itinerary, e *Event) ynode {
	m := ymap()
	m.str("id", e.ID)
	m.str("title", e.Title)
	yamlNodeTimes(m, e)
	switch {
	case e.Floating:
		m.str("timezone", FloatingZone) // the viewer's clock, written as wall clocks
	case e.OwnZone || e.Zone != nil && e.Zone.String() != it.ZoneName():
		// An event of a calendar gathered with others keeps its own zone
		// when the merged itinerary's differs.
		m.str("timezone", e.Zone.String())
	}
	if e.EndZone != nil {
		m.str("end_timezone", e.EndZone.String())
	}
	if e.Approximate {
		m.set("approximate", ybool())
	}
	if e.Kind != KindOther && e.Kind != "" {
		m.str("kind", string(e.Kind))
	}
	if e.Status != StatusConfirmed && e.Status != "" {
		m.str("status", string(e.Status))
	}
	m.str("track", e.Track)
	m.str("place", e.Place)
	m.str("city", e.City)
	if len(e.Participants) > 0 {
		ids := yseq(true)
		for _, p := range e.Participants {
			ids.Content = append(ids.Content, ystr(it.People[p].ID))
		}
		m.set("participants", ids)
	}
	if len(e.Topics) > 0 {
		ts := yseq(true)
		for _, t := range e.Topics {
			ts.Content = append(ts.Content, ystr(t))
		}
		m.set("topics", ts)
	}
	m.text("notes", e.Notes)
	if len(e.Sources) > 0 {
		ids := yseq(true)
		for _, s := range e.Sources {
			ids.Content = append(ids.Content, ystr(it.Sources[s].ID))
		}
		m.set("sources", ids)
	}
	if e.RemindSet {
		m.set("remind", yamlLeads(e.Remind))
	}
	if c := it.CalendarOf(e); c != nil {
		m.str("calendar", c.Name)
	}
	return m
}

// yamlNodeTimes writes the event's start and end.
func yamlNodeTimes(m ynode, e *Event) {
	endLoc := e.EndLocation()
	if e.AllDay {
		m.str("start", e.Date.Format("2006-01-02"))
		if end := e.End.In(e.Zone); e.HasEnd && e.EndZone == nil && end.Hour() == 0 && end.Minute() == 0 && end.Second() == 0 && end.Nanosecond() == 0 {
			// A date-only end is the last day, inclusive.
			m.str("end", end.AddDate(0, 0, -1).Format("2006-01-02"))
		} else if e.HasEnd {
			m.str("end", timeString(e.End, endLoc)) // a date with a clock-time end
		}
	} else {
		m.str("start", timeString(e.Start, e.Zone))
		if e.HasEnd {
			m.str("end", timeString(e.End, endLoc))
		}
	}
}

// yamlLeads is a remind list: [30m, 5m].
func yamlLeads(leads []time.Duration) *yaml.Node {
	n := yseq(true)
	for _, d := range leads {
		n.Content = append(n.Content, ystr(FormatLead(d)))
	}
	return n
}

type ynode struct{ *yaml.Node }

func ymap() ynode { return ynode{&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}} }

func (m ynode) set(key string, v *yaml.Node) {
	m.Content = append(m.Content, ystr(key), v)
}

// str sets a one-line text field, leaving out an empty one.
func (m ynode) str(key, v string) {
	if v != "" {
		m.set(key, ystr(v))
	}
}

// text sets a text field that may have several lines; those are written in
// literal style.
func (m ynode) text(key, v string) {
	if v != "" {
		m.set(key, ystrOrText(v, true))
	}
}

func yint(n int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(n)}
}
func ybool() *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"} }
func yseq(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

func encodeYAML(w io.Writer, doc *yaml.Node) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return enc.Close()
}

// cutBefore is b up to and including the line break that starts the last
// occurrence of line (which begins with that break).
func cutBefore(b []byte, line string) ([]byte, bool) {
	i := bytes.LastIndex(b, []byte(line))
	if i < 0 {
		return nil, false
	}
	return b[:i+1], true
}
