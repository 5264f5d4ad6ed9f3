package itinerary

import (
	"fmt"
	"time"
)

// Small queries about how an event is placed in time and space. The words
// the front ends show are made by the agenda package; TimeRange stays here
// because problem messages (overlap warnings) name an event's clock time.

// ZoneFor returns the zone event i is shown in: loc, or the event's own zone
// when loc is nil.
func (it *Itinerary) ZoneFor(i int, loc *time.Location) *time.Location {
	if loc == nil {
		return it.Events[i].Zone
	}
	return loc
}

// TimeRange says when event i happens in loc (nil: its own zone) as
// "~09:00–11:30", "22:00–06:10+1" (ends the next day), "23:00" (no end) or
// "all day". A leading "~" marks approximate times.
func (it *Itinerary) TimeRange(i int, loc *time.Location) string {
	e := &it.Events[i]
	if e.AllDay {
		if e.HasEnd {
			days := int(e.End.Sub(e.Start).Hours()/24 + 0.5)
			if days > 1 {
				return fmt.Sprintf("%d days", days)
			}
		}
		return "all day"
	}
	loc = it.ZoneFor(i, loc)
	s := e.Start.In(loc)
	out := s.Format("15:04")
	if e.HasEnd && !e.End.Equal(e.Start) {
		en := e.End.In(loc)
		out += "–" + en.Format("15:04")
		if d := dayNumber(en) - dayNumber(s); d > 0 {
			out += fmt.Sprintf("+%d", d)
		}
	}
	if e.Approximate {
		out = "~" + out
	}
	return out
}

func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Name returns person p's name, or the native one when native is set and
// there is one.
func (it *Itinerary) Name(p int, native bool) string {
	pp := &it.People[p]
	if native && pp.Native != "" {
		return pp.Native
	}
	return pp.Name
}

// Where joins an event's place and city: "Pyeongtaek Campus, Pyeongtaek".
func (e *Event) Where() string {
	switch {
	case e.Place != "" && e.City != "":
		return e.Place + ", " + e.City
	case e.Place != "":
		return e.Place
	}
	return e.City
}

// ZoneChanged reports whether event next is in another zone than event
// prev ends in (a journey ends in its end_timezone): the cheap half of
// ZoneShift, for laying out rows.
func (it *Itinerary) ZoneChanged(prev, next int) bool {
	return it.Events[prev].EndLocation() != it.Events[next].Zone // zones are interned at load
}

// ZoneShift says whether event next is in another zone than event prev
// ends in and by how much the clock moves at next's start ("Asia/Taipei,
// −1 h"). After a flight with an end_timezone, the arrival's zone is the
// one the clock moves from.
func (it *Itinerary) ZoneShift(prev, next int) (bool, time.Duration) {
	from, b := it.Events[prev].EndLocation(), &it.Events[next]
	if from == b.Zone { // zones are interned at load: one pointer per name
		return false, 0
	}
	_, offA := b.Start.In(from).Zone()
	_, offB := b.Start.In(b.Zone).Zone()
	return true, time.Duration(offB-offA) * time.Second
}
