package itinerary

import (
	"sort"
	"time"
)

// FloatingZone is the timezone value of an event whose times float: wall
// clocks that are the viewer's own, as an iCalendar time without TZID and
// without Z (RFC 5545 §3.3.5, form 1). Its times are read in the viewer's
// zone: --tz when given, else this machine's (see SetFloating).
const FloatingZone = "floating"

// floatTo reads e's floating wall clocks, written in e.Zone, in loc
// instead. An end given in an end_timezone stays where it is.
func floatTo(e *Event, loc *time.Location) {
	move := func(t time.Time) time.Time {
		w := t.In(e.Zone)
		return WallTime(time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.UTC), loc)
	}
	start := move(e.Start)
	if e.EndZone == nil {
		e.End = move(e.End)
	}
	e.Start = start
	if e.End.Before(e.Start) {
		e.End = e.Start
	}
	e.Zone = loc
}

// SetFloating reads the times of the floating events (Event.Floating) in
// loc, the viewer's zone, and puts the events in instant order again. The
// loader reads them in this machine's zone (time.Local); a program that
// shows another zone (--tz) calls SetFloating with it right after the
// load, before the itinerary is shared.
func (it *Itinerary) SetFloating(loc *time.Location) {
	if loc == nil {
		return
	}
	// One *Location per name, as the loader keeps them.
	for i := range it.Events {
		if z := it.Events[i].Zone; !it.Events[i].Floating && z.String() == loc.String() {
			loc = z
			break
		}
	}
	if it.Zone.String() == loc.String() {
		loc = it.Zone
	}
	changed := false
	for i := range it.Events {
		if e := &it.Events[i]; e.Floating && e.Zone != loc {
			floatTo(e, loc)
			changed = true
		}
	}
	if !changed {
		return
	}
	sortEvents(it.Events)
	it.daysMu.Lock()
	it.dayCache, it.venue = nil, nil
	it.daysMu.Unlock()
	it.first, it.last = time.Time{}, time.Time{}
	it.index()
}

// DisplayZone is the zone the itinerary is shown in when the viewer names
// none: its own, or when the file named none (NoZone), floating, the zone
// its floating times are read in (nil: this machine's).
func (it *Itinerary) DisplayZone(floating *time.Location) *time.Location {
	switch {
	case !it.NoZone:
		return it.Zone
	case floating != nil:
		return floating
	}
	return time.Local
}

// sortEvents puts events in instant order, date-only entries first among
// those starting at the same instant and file order otherwise, and numbers
// them.
func sortEvents(events []Event) {
	sort.SliceStable(events, func(i, j int) bool {
		a, b := &events[i], &events[j]
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		if a.AllDay != b.AllDay {
			return a.AllDay
		}
		return a.FileIndex < b.FileIndex
	})
	for i := range events {
		events[i].Index = i
	}
}
