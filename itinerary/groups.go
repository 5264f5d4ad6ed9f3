package itinerary

import (
	"slices"
	"time"
)

// GroupField is a field of an event that groups events into lanes.
type GroupField int

// The fields events are grouped by, besides their people.
const (
	GroupTrack GroupField = iota
	GroupCity
	GroupCalendar
	groupFields
)

// Groups is the events of an itinerary grouped by one field, made once at
// load so that a view regrouping them reads compact indexes, not events.
type Groups struct {
	// Keys are the field's values, in order of their first event (the
	// calendars in their own order).
	Keys []string
	// Of is each event's key (an index into Keys), or -1 with none.
	Of []int32
	// Events are each key's events, in instant order. They must not be
	// modified.
	Events [][]int
	// None is the events with no value, in instant order.
	None []int
}

// GroupsBy is the events grouped by field f. A calendar grouping has keys
// only when the itinerary gathers more than one calendar.
// Each grouping is made the first time a view asks for it (a printer
// never does), once however many sessions share the itinerary.
func (it *Itinerary) GroupsBy(f GroupField) *Groups {
	it.lazy.groups[f].Do(func() { it.groups[f] = it.makeGroups(f) })
	return it.groups[f]
}

func (it *Itinerary) makeGroups(f GroupField) *Groups {
	g := &Groups{Of: make([]int32, len(it.Events))}
	if f == GroupCalendar {
		return it.calendarGroups(g)
	}
	byKey := map[string]int32{}
	last, lastK := "", int32(-1) // consecutive events mostly share a value: no hashing then
	for i := range it.Events {
		key := it.Events[i].Track
		if f == GroupCity {
			key = it.Events[i].City
		}
		k := lastK
		switch {
		case key == "":
			g.Of[i] = -1
			g.None = append(g.None, i)
			continue
		case lastK >= 0 && key == last:
		default:
			var ok bool
			if k, ok = byKey[key]; !ok {
				k = int32(len(g.Keys))
				byKey[key] = k
				g.Keys = append(g.Keys, key)
				g.Events = append(g.Events, nil)
			}
			last, lastK = key, k
		}
		g.Of[i] = k
		g.Events[k] = append(g.Events[k], i)
	}
	return g
}

// calendarGroups groups the events by the calendar they came from, the
// calendars in their own order (as the header and the filter list them).
func (it *Itinerary) calendarGroups(g *Groups) *Groups {
	if len(it.Calendars) < 2 {
		for i := range g.Of {
			g.Of[i] = -1
		}
		g.None = make([]int, len(it.Events))
		for i := range g.None {
			g.None[i] = i
		}
		return g
	}
	keyOf := make([]int32, len(it.Calendars))
	for i := range it.Events {
		if c := it.Events[i].Calendar; c >= 0 && c < len(it.Calendars) {
			keyOf[c] = 1 // has events
		}
	}
	for c := range keyOf {
		if keyOf[c] == 0 {
			keyOf[c] = -1
			continue
		}
		keyOf[c] = int32(len(g.Keys))
		g.Keys = append(g.Keys, it.Calendars[c].Name)
	}
	g.Events = make([][]int, len(g.Keys))
	for i := range it.Events {
		c := it.Events[i].Calendar
		if c < 0 || c >= len(it.Calendars) {
			g.Of[i] = -1
			g.None = append(g.None, i)
			continue
		}
		k := keyOf[c]
		g.Of[i] = k
		g.Events[k] = append(g.Events[k], i)
	}
	return g
}

// PeopleByFirstEvent is the people who attend an event, in order of their
// first event and, at the same first event, of its participants. It must
// not be modified.
func (it *Itinerary) PeopleByFirstEvent() []int {
	it.lazy.people.Do(func() { it.peopleOrder = it.peopleByFirstEvent() })
	return it.peopleOrder
}

func (it *Itinerary) peopleByFirstEvent() []int {
	var order []int
	for p, evs := range it.byPerson {
		if len(evs) > 0 {
			order = append(order, p)
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		fa, fb := it.byPerson[a][0], it.byPerson[b][0]
		if fa != fb {
			return fa - fb
		}
		ps := it.Events[fa].Participants
		return slices.Index(ps, a) - slices.Index(ps, b)
	})
	return order
}

// span is an event's extent in compact form, for the queries that read
// only the times of many events.
type span struct {
	from, to int64 // unix seconds of Extent
	allDay   bool
}

// indexSpans records each event's extent, the first time the lanes ask.
func (it *Itinerary) indexSpans() {
	it.spans = make([]span, len(it.Events))
	for i := range it.Events {
		from, to := it.Extent(i)
		it.spans[i] = span{from: from.Unix(), to: to.Unix(), allDay: it.Events[i].AllDay}
	}
}

// boundsIn is ExtentIn as unix seconds, read from the compact index but
// for a date-only entry in another zone, whose days keep their dates.
func (it *Itinerary) boundsIn(i int, loc *time.Location) (from, to int64) {
	it.lazy.spans.Do(it.indexSpans)
	s := &it.spans[i]
	if !s.allDay || loc == nil {
		return s.from, s.to
	}
	f, t := it.ExtentIn(i, loc)
	return f.Unix(), t.Unix()
}
