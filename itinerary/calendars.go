package itinerary

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Calendar is one of the calendars an itinerary gathers when it is read
// from several sources at once (a folder of collections, several files, a
// URL): the events of each keep which one they came from.
type Calendar struct {
	// ID is the calendar's slug, unique in the itinerary (the format's
	// calendars[].id, which an event's calendar field names).
	ID string
	// Name is what the calendar is called: a collection's displayname,
	// X-WR-CALNAME, or the folder's or file's name.
	Name string
	// Color is "#RRGGBB": the collection's color file, else a stable colour
	// of its name. "" when none was given and none was made.
	Color string
	// Origin is where the calendar was read: a folder, a file or a URL
	// (with no credentials in it), or "" for one written in the file.
	Origin string
	// ReadOnly is true for a calendar that cannot be edited here (a URL).
	ReadOnly bool
	Pos      Pos
}

// CalendarOf returns the calendar event e belongs to, or nil when the
// itinerary gathers no calendars.
func (it *Itinerary) CalendarOf(e *Event) *Calendar {
	if e.Calendar < 0 || e.Calendar >= len(it.Calendars) {
		return nil
	}
	return &it.Calendars[e.Calendar]
}

// calendarColors are the colours a calendar is given from its name when
// none is set: distinct hues that read on dark and light backgrounds.
var calendarColors = []string{"#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#B07AA1", "#76B7B2", "#EDC948", "#FF9DA7", "#9C755F", "#BAB0AC"}

// CalendarColor is the stable colour of a calendar's name: the same name
// has the same colour on every machine and in every run.
func CalendarColor(name string) string {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(name); i++ {
		h ^= uint32(name[i])
		h *= 16777619
	}
	return calendarColors[h%uint32(len(calendarColors))]
}

// MaxCalendars is how many distinct calendars one file's events may name.
const MaxCalendars = 1000

// declareCalendars reads the top-level calendars list: each entry a name,
// unique, and an optional colour ("#RRGGBB", else the stable colour of the
// name). Given, it is the whole set: an event's calendar must name one of
// its entries.
func (l *loader) declareCalendars(fs map[string]field) {
	if _, ok := fs["calendars"]; !ok {
		return
	}
	l.calendarsListed = true
	seen := map[string]Pos{}
	for i, n := range l.list(fs, "calendars", "itinerary") {
		ctx := fmt.Sprintf("calendar #%d", i+1)
		cfs, ok := l.fields(n, ctx, calendarFields)
		if !ok {
			continue
		}
		n = l.deref(n)
		l.required(n, cfs, ctx, "name")
		name, ok := l.str(cfs, "name", ctx)
		if !ok || name == "" {
			continue
		}
		ctx = fmt.Sprintf("calendar %q", name)
		if at, dup := seen[name]; dup {
			l.errorf(n, "%s: the name is given twice (first at line %d)", ctx, at.Line)
			continue
		}
		seen[name] = Pos{n.Line, n.Column}
		if k := l.addCalendar(name, n); k >= 0 {
			if c := l.color(cfs, ctx); c != "" {
				l.calendars[k].Color = strings.ToUpper(c)
			}
		}
	}
}

// calendar returns the index of the calendar called name: an entry of the
// calendars list when the file gives one (a name not in it is an error),
// else the calendar added (with a unique slug of its name as its ID and
// the stable colour of its name) the first time an event names it.
func (l *loader) calendar(name string, n *yaml.Node, ctx string) int {
	if i, ok := l.calendarIndex[name]; ok {
		return i
	}
	if l.calendarsListed {
		l.unknownCalendar(l.deref(n), name, ctx)
		return -1
	}
	return l.addCalendar(name, n)
}

// unknownCalendar reports an event's calendar that the calendars list does
// not give, with the first names it does give.
func (l *loader) unknownCalendar(n *yaml.Node, name, ctx string) {
	if !l.reporting() {
		l.errorf(n, "") // counted only
		return
	}
	const shown = 12
	names := make([]string, 0, min(len(l.calendars), shown+1))
	for _, c := range l.calendars[:min(len(l.calendars), shown+1)] {
		names = append(names, Quote(c.Name))
	}
	known := "none are given"
	switch {
	case len(l.calendars) > shown:
		known = "known: " + strings.Join(names[:shown], ", ") + fmt.Sprintf(", ... (%d in all)", len(l.calendars))
	case len(l.calendars) > 0:
		known = "known: " + strings.Join(names, ", ")
	}
	l.errorf(n, "%s: calendar %q is not in the top-level calendars list (%s)", ctx, name, literal(known))
}

// addCalendar adds the calendar called name, at node n, and returns its
// index, or -1 past MaxCalendars.
func (l *loader) addCalendar(name string, n *yaml.Node) int {
	if len(l.calendars) == MaxCalendars {
		l.errorf(n, "more than %d calendars; the limit is %d", MaxCalendars, MaxCalendars)
		return -1
	}
	if l.calendarIndex == nil {
		l.calendarIndex = map[string]int{}
	}
	id := Slugify(name)
	if id == "" {
		id = "calendar"
	}
	id = l.calendarIDs.Unique(id)
	n = l.deref(n)
	l.calendars = append(l.calendars, Calendar{ID: id, Name: name, Color: CalendarColor(name), Pos: Pos{n.Line, n.Column}})
	l.calendarIndex[name] = len(l.calendars) - 1
	return len(l.calendars) - 1
}
