package itinerary

import (
	"bufio"
	"io"
	"regexp"
	"runtime"
	"strings"
	"time"
)

// WriteYAML writes the itinerary as a format-v1 file: every source, org
// and person, and the events given (indexes into it.Events), each time in
// the form that loads back to the same instant (a wall clock in the
// event's zone where that is unambiguous, else RFC 3339 with the offset).
// It is the inverse of Load: the time spelling (WallTime's inverse,
// timeString) and the field names of format v1 live here beside the
// reader (decode.go).
//
// It writes the text itself, in the layout yaml.v3 gives the format's
// node tree (emit.go): the same bytes as yaml.v3 encoding the whole tree
// at once (TestWriteYAMLStreamMatchesTree, FuzzYAMLStreamMatchesTree, and
// against the node writer it replaced, TestWriteYAMLMatchesNodes and
// FuzzYAMLWriterMatchesReference), without holding more than a few
// batches of events in memory.
func WriteYAML(w io.Writer, it *Itinerary, events []int) error {
	return writeYAML(w, it, events, yamlBatch)
}

// writeYAML is WriteYAML writing batch events a piece.
func writeYAML(w io.Writer, it *Itinerary, events []int, batch int) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	head := yamlText{}
	head.head(it)
	if len(events) == 0 {
		head.b = append(head.b, "events: []\n"...)
	} else {
		head.b = append(head.b, "events:\n"...)
	}
	if head.err != nil {
		return head.err
	}
	if _, err := bw.Write(head.b); err != nil {
		return err
	}
	if err := writeEvents(bw, it, events, batch); err != nil {
		return err
	}
	return bw.Flush()
}

// writeEvents writes the events' items of the events list, batch events
// a piece, the pieces made on every core, at most two a core ahead of the
// writing, and written in order.
func writeEvents(w io.Writer, it *Itinerary, events []int, batch int) error {
	ahead := 2 * runtime.GOMAXPROCS(0)
	pieces := make(chan chan yamlText, ahead)
	// The buffers of pieces written, to write the next pieces in.
	free := make(chan []byte, ahead+1)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(pieces)
		for start := 0; start < len(events); start += batch {
			c := make(chan yamlText, 1)
			select {
			case pieces <- c:
			case <-done:
				return
			}
			part := events[start:min(start+batch, len(events))]
			var buf []byte
			select {
			case buf = <-free:
			default:
			}
			go func() {
				t := yamlText{b: buf[:0]}
				for _, i := range part {
					t.event(it, &it.Events[i])
				}
				c <- t
			}()
		}
	}()
	for c := range pieces {
		t := <-c
		if t.err != nil {
			return t.err
		}
		if _, err := w.Write(t.b); err != nil {
			return err
		}
		select {
		case free <- t.b:
		default:
		}
	}
	return nil
}

// yamlBatch is how many events are written as one piece.
const yamlBatch = 64

// yamlSchemaComment is the file's first line, after "# ": editors that
// know it check the file against the format's schema.
const yamlSchemaComment = "yaml-language-server: $schema=https://raw.githubusercontent.com/visitline/visitline/main/data/itinerary.schema.json"

// writeList writes key as a block list of one mapping for each item, filled
// by fill, unless there are no items.
func writeList[T any](t *yamlText, m *yamlMap, key string, items []T, fill func(item *yamlMap, x T)) {
	if len(items) == 0 {
		return
	}
	m.list(key)
	for _, x := range items {
		item := t.item()
		fill(&item, x)
		item.end()
	}
}

// head writes the top level of the file without its events.
func (t *yamlText) head(it *Itinerary) {
	t.b = append(t.b, "# "+yamlSchemaComment+"\n\nversion: 1\n"...)
	m := yamlMap{t: t}
	m.str("id", it.ID)
	m.str("title", it.Title)
	m.str("subtitle", it.Subtitle)
	m.str("timezone", it.ZoneName())
	m.text("summary", it.Summary)
	if it.RemindSet {
		m.leads("remind", it.Remind)
	}
	// The calendars the events name, with their colours: an event's
	// calendar field names one of them.
	writeList(t, &m, "calendars", uniqueCalendars(it.Calendars), func(item *yamlMap, c Calendar) {
		item.str("name", c.Name)
		item.str("color", c.Color)
	})
	writeList(t, &m, "sources", it.Sources, func(item *yamlMap, s Source) {
		item.str("id", s.ID)
		item.str("publisher", s.Publisher)
		item.str("title", s.Title)
		item.str("date", s.Date)
		item.str("url", s.URL)
	})
	writeList(t, &m, "orgs", it.Orgs, func(item *yamlMap, o Org) {
		item.str("id", o.ID)
		item.str("name", o.Name)
		item.str("native", o.Native)
		item.str("color", o.Color)
	})
	if len(it.People) > 0 {
		m.list("people")
		for i := range it.People {
			t.person(it, i)
		}
	}
}

// person writes the item of the people list of it.People[i].
func (t *yamlText) person(it *Itinerary, i int) {
	p := &it.People[i]
	m := t.item()
	m.str("id", p.ID)
	m.str("name", p.Name)
	m.str("native", p.Native)
	if len(p.Aliases) > 0 {
		m.flowStart("aliases")
		for _, a := range p.Aliases {
			m.flowItem(a)
		}
		m.flowEnd()
	}
	if o := it.OrgOf(i); o != nil {
		m.str("org", o.ID)
	}
	m.str("role", p.Role)
	if p.Group {
		m.raw("group", "true")
	}
	m.text("note", p.Note)
	m.end()
}

// uniqueCalendars is cals with each name once, the first of a name kept:
// an event's calendar field names a calendar by its name, so two calendars
// of one name (two folders with one displayname) are written as one.
func uniqueCalendars(cals []Calendar) []Calendar {
	seen := make(map[string]bool, len(cals))
	out := make([]Calendar, 0, len(cals))
	for _, c := range cals {
		if !seen[c.Name] {
			seen[c.Name] = true
			out = append(out, c)
		}
	}
	return out
}

// event writes the item of the events list of e.
func (t *yamlText) event(it *Itinerary, e *Event) {
	m := t.item()
	m.str("id", e.ID)
	m.str("title", e.Title)
	yamlTimes(&m, e)
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
		m.raw("approximate", "true")
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
		m.flowStart("participants")
		for _, p := range e.Participants {
			m.flowItem(it.People[p].ID)
		}
		m.flowEnd()
	}
	if len(e.Topics) > 0 {
		m.flowStart("topics")
		for _, s := range e.Topics {
			m.flowItem(s)
		}
		m.flowEnd()
	}
	m.text("notes", e.Notes)
	if len(e.Sources) > 0 {
		m.flowStart("sources")
		for _, s := range e.Sources {
			m.flowItem(it.Sources[s].ID)
		}
		m.flowEnd()
	}
	if e.RemindSet {
		m.leads("remind", e.Remind)
	}
	if c := it.CalendarOf(e); c != nil {
		m.str("calendar", c.Name)
	}
	m.end()
}

// yamlTimes writes the event's start and end.
func yamlTimes(m *yamlMap, e *Event) {
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

// leads writes a remind list: [30m, 5m].
func (m *yamlMap) leads(key string, leads []time.Duration) {
	m.flowStart(key)
	for _, d := range leads {
		m.flowItem(FormatLead(d))
	}
	m.flowEnd()
}

// timeString writes t as a wall clock in loc when reading that wall clock
// back in loc gives t again, else as RFC 3339 with loc's offset (the
// second of two repeated hours, a time with fractions of a second).
func timeString(t time.Time, loc *time.Location) string {
	l := t.In(loc)
	back := WallTime(time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC), loc)
	if !back.Equal(t) {
		return l.Format(time.RFC3339Nano)
	}
	if l.Second() != 0 {
		return l.Format("2006-01-02 15:04:05")
	}
	return l.Format("2006-01-02 15:04")
}

// quotedForLoaders says whether s is written double-quoted although
// yaml.v3 might write it plain: a YAML 1.1 or 1.2 loader could read it
// plain as something else (yaml.v3 quotes only what YAML 1.2 reads
// otherwise, and not even all of that: `<<` and `yes` are left plain).
func quotedForLoaders(s string) bool {
	switch {
	case s == "" || strings.IndexByte(notPlainFirst, s[0]) < 0:
		return false
	case isWallMinutes(s):
		return false // the commonest time, which no loader reads as one without its seconds
	case isDate(s):
		return true
	}
	return notPlainString.MatchString(s)
}

// notPlainString matches the plain scalars that the YAML 1.1 type
// repository (as PyYAML and other 1.1 loaders resolve them) or the YAML
// 1.2 core schema read as a boolean, null, integer, float, timestamp, merge
// key or value key rather than a string. It errs towards matching: quoting
// a string that needed none changes nothing a loader reads.
var notPlainString = regexp.MustCompile(`^(?:` +
	// booleans (1.1 and 1.2) and null
	`[yYnN]|[yY]es|YES|[nN]o|NO|[tT]rue|TRUE|[fF]alse|FALSE|[oO]n|ON|[oO]ff|OFF|~|[nN]ull|NULL|` +
	// integers: 1.1 binary, octal (0 and 0o), decimal, hex, sexagesimal, with _
	`[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9][0-9_]*|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+|` +
	// floats: 1.1 and 1.2 forms, sexagesimal, infinities and NaN
	`[-+]?(?:[0-9][0-9_]*)?\.[0-9_.]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+|` +
	`[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|` +
	// timestamps: a date, or a date and a time with seconds (without them
	// no 1.1 loader reads one: "2024-01-26 09:00" stays plain)
	`[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?|` +
	// the merge key and the value key
	`<<|=` +
	`)$`)

// notPlainFirst holds the first bytes of everything notPlainString
// matches: the regular expression, a third of the writer's time when it
// ran on every string, runs only on strings that begin with one of them.
const notPlainFirst = "yYnNtTfFoO~+-.<=0123456789"

// isDate says whether s is a date as timeString and the dates of all-day
// events write it, 2006-01-02.
func isDate(s string) bool {
	return len(s) == 10 && digits(s[:4]) && s[4] == '-' && digits(s[5:7]) && s[7] == '-' && digits(s[8:])
}

// isWallMinutes says whether s is a wall clock to the minute as
// timeString writes it, 2006-01-02 15:04.
func isWallMinutes(s string) bool {
	return len(s) == 16 && isDate(s[:10]) && s[10] == ' ' && digits(s[11:13]) && s[13] == ':' && digits(s[14:])
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
