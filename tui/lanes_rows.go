package tui

import (
	"slices"
	"sort"
	"strings"

	"github.com/visitline/visitline/itinerary"
)

// The lanes' rows: which lanes exist for a grouping, the events of each,
// their labels and their marks. They depend on the itinerary and the
// events shown alone, not on the screen; they are kept together here so
// that they can move to the agenda package whole.

// grouping is what the lanes stand for; t cycles through them.
type grouping int

const (
	byPerson grouping = iota
	byTrack
	byCity
	groupings
)

func (g grouping) String() string {
	return [...]string{"person", "track", "city"}[g]
}

// lane is one row of the lanes view (several screen rows where its events
// overlap). A lane is never changed once built; its interval index is in
// the lanes' memo.
type lane struct {
	person int    // the person of a person lane, else -1
	key    string // the track or city of the other lanes; "" with none
	none   bool   // the lane of the events with no person, track or city
	events []int  // instant order, which is index order
}

// build makes the lanes of events (instant order) in the current grouping,
// unless they are already made of the same events. With a person filter,
// only the filtered people have lanes.
func (l *lanesView) build(it *itinerary.Itinerary, events, people []int) {
	if l.ready && l.it == it && l.built == l.group && sameEvents(l.source, events) && slices.Equal(l.people, people) {
		return
	}
	l.it, l.source, l.people, l.built, l.ready = it, events, slices.Clone(people), l.group, true
	l.memo = &laneMemo{} // the old lanes' memo stays with the copies that show them
	l.byKey = nil
	l.laneOf = nil
	var none []int
	if l.group == byPerson {
		l.lanes, none = l.personLanes(it, events, people)
	} else {
		l.lanes, none = l.keyLanes(it, events)
	}
	l.noneLane = -1
	if len(none) > 0 {
		l.noneLane = len(l.lanes)
		l.lanes = append(l.lanes, lane{person: -1, none: true, events: none})
	}
	l.maxLabel = [2]int{}
	for k := range l.lanes {
		for s, native := range []bool{false, true} {
			l.maxLabel[s] = max(l.maxLabel[s], textWidth(l.label(it, k, native)))
		}
	}
	l.cur, l.offset = -1, 0
	if len(l.lanes) > 0 {
		l.cur = 0
	}
}

// personLanes sorts events into a lane per person, in order of their first
// event (only the people of the filter, when there is one); it returns the
// lanes and the events with no one in them.
func (l *lanesView) personLanes(it *itinerary.Itinerary, events, people []int) (lanes []lane, none []int) {
	l.laneOf = make([]int32, len(it.People))
	for p := range l.laneOf {
		l.laneOf[p] = -1
	}
	var allowed []bool
	if len(people) > 0 {
		allowed = make([]bool, len(it.People))
		for _, p := range people {
			allowed[p] = true
		}
	}
	for _, i := range events {
		placed := false
		for _, p := range it.Events[i].Participants {
			if allowed != nil && !allowed[p] {
				continue
			}
			k := l.laneOf[p]
			if k < 0 {
				k = int32(len(lanes))
				l.laneOf[p] = k
				lanes = append(lanes, lane{person: p})
			}
			if evs := lanes[k].events; len(evs) == 0 || evs[len(evs)-1] != i { // a participant may be listed twice
				lanes[k].events = append(evs, i)
			}
			placed = true
		}
		if !placed {
			none = append(none, i)
		}
	}
	return lanes, none
}

// keyLanes sorts events into a lane per track or city, in order of their
// first event; it returns the lanes and the events with none.
func (l *lanesView) keyLanes(it *itinerary.Itinerary, events []int) (lanes []lane, none []int) {
	l.byKey = map[string]int{}
	for _, i := range events {
		key := l.keyOf(it, i)
		if key == "" {
			none = append(none, i)
			continue
		}
		k, ok := l.byKey[key]
		if !ok {
			k = len(lanes)
			l.byKey[key] = k
			lanes = append(lanes, lane{person: -1, key: key})
		}
		lanes[k].events = append(lanes[k].events, i)
	}
	return lanes, none
}

// sameEvents reports whether a and b are the same list (results are never
// modified once made, so the same backing array means the same events).
func sameEvents(a, b []int) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// keyOf is the track or city of event i in the track or city grouping.
func (l *lanesView) keyOf(it *itinerary.Itinerary, i int) string {
	if l.group == byCity {
		return it.Events[i].City
	}
	return it.Events[i].Track
}

// label names lane k in the gutter.
func (l *lanesView) label(it *itinerary.Itinerary, k int, native bool) string {
	ln := &l.lanes[k]
	switch {
	case ln.person >= 0:
		return it.Name(ln.person, native)
	case ln.none && l.group == byPerson:
		return "(no one named)"
	case ln.none:
		return "(no " + l.group.String() + ")"
	}
	return ln.key
}

// lanesOf appends the lanes event i is drawn in.
func (l *lanesView) lanesOf(it *itinerary.Itinerary, i int, out []int) []int {
	placed := false
	if l.group == byPerson {
		for _, p := range it.Events[i].Participants {
			if k := l.laneOf[p]; k >= 0 && !slices.Contains(out, int(k)) {
				out = append(out, int(k))
				placed = true
			}
		}
	} else if k, ok := l.byKey[l.keyOf(it, i)]; ok {
		out = append(out, k)
		placed = true
	}
	if !placed && l.noneLane >= 0 {
		out = append(out, l.noneLane)
	}
	return out
}

// position is where event i is among the events of lane k, or -1. A lane's
// events are in instant order, which is index order.
func (l *lanesView) position(k, i int) int {
	evs := l.lanes[k].events
	p := sort.SearchInts(evs, i)
	if p < len(evs) && evs[p] == i {
		return p
	}
	return -1
}

// laneMarks are an event's badges in a bar, one column each: "~" for
// approximate times, "?" when reported, expected or planned, "×" when
// cancelled, "!" when someone in it is due elsewhere at the same time.
// The detail pane says each in words.
func laneMarks(it *itinerary.Itinerary, i int) string {
	e := &it.Events[i]
	var b strings.Builder
	if e.Approximate {
		b.WriteString("~")
	}
	switch e.Status {
	case itinerary.StatusConfirmed:
	case itinerary.StatusCancelled:
		b.WriteString("×")
	default:
		b.WriteString("?")
	}
	if it.OverlapCount(i) > 0 {
		b.WriteString("!")
	}
	return b.String()
}
