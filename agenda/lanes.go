package agenda

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/itinerary"
)

// Grouping is what the lanes of a layout stand for.
type Grouping int

// The groupings, in the order a view cycles through them.
const (
	ByPerson Grouping = iota
	ByTrack
	ByCity
	ByCalendar
	Groupings // the number of groupings
)

func (g Grouping) String() string {
	return [...]string{"person", "track", "city", "calendar"}[g]
}

// Next is the grouping after g for it: person, track, city, then
// calendar when it gathers more than one.
func (g Grouping) Next(it *itinerary.Itinerary) Grouping {
	g = (g + 1) % Groupings
	if g == ByCalendar && (it == nil || !ShowsCalendars(it)) {
		g = ByPerson
	}
	return g
}

// Lane is one lane: the events of a person, a track or a city, or of none.
type Lane struct {
	Person int    // the person of a person lane, else -1
	Key    string // the track or city of the other lanes; "" with none
	None   bool   // the lane of the events with no person, track, city or calendar
	Events []int  // instant order, which is index order
}

// LaneSet is the lanes of a layout's events in one grouping: a lane per
// person (only the people of the filter, when it names some), track or
// city, in order of their first event, then a lane of the events with
// none. It is never changed once made, so copies of a view can share it.
type LaneSet struct {
	it        *itinerary.Itinerary
	group     Grouping
	lanes     []Lane
	laneOf    []int32           // person -> lane (person grouping), -1 for none
	groups    *itinerary.Groups // the events by track, city or calendar (other groupings)
	laneOfKey []int32           // a key of groups -> lane, -1 for none
	noneLane  int               // -1 when every event has a lane of its own
	maxLabel  [2]int            // widest label: Latin, native
}

// Lanes sorts the events l shows into lanes of grouping g.
func Lanes(l *Layout, g Grouping) *LaneSet {
	it := l.it
	s := &LaneSet{it: it, group: g, noneLane: -1}
	var none []int
	if g == ByPerson {
		none = s.personLanes(l.events, l.opt.Filter.People)
	} else {
		none = s.keyLanes(l.events)
	}
	if len(none) > 0 {
		s.noneLane = len(s.lanes)
		s.lanes = append(s.lanes, Lane{Person: -1, None: true, Events: none})
	}
	for k := range s.lanes {
		for n, native := range []bool{false, true} {
			s.maxLabel[n] = max(s.maxLabel[n], ansi.StringWidth(s.Label(k, native)))
		}
	}
	return s
}

// personLanes sorts events into a lane per person (only people, when
// there are any); it returns the events with no one in them.
func (s *LaneSet) personLanes(events, people []int) (none []int) {
	it := s.it
	s.laneOf = make([]int32, len(it.People))
	for p := range s.laneOf {
		s.laneOf[p] = -1
	}
	if len(people) == 0 && len(events) == len(it.Events) {
		return s.everyonesLanes(events)
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
			k := s.laneOf[p]
			if k < 0 {
				k = int32(len(s.lanes))
				s.laneOf[p] = k
				s.lanes = append(s.lanes, Lane{Person: p})
			}
			if evs := s.lanes[k].Events; len(evs) == 0 || evs[len(evs)-1] != i { // a participant may be listed twice
				s.lanes[k].Events = append(evs, i)
			}
			placed = true
		}
		if !placed {
			none = append(none, i)
		}
	}
	return none
}

// everyonesLanes is personLanes of every event with no people filter:
// each person's lane is the itinerary's own list of their events
// (EventsOf, shared, never modified), in the itinerary's order of people
// by first event (PeopleByFirstEvent), so no event is read again and
// nothing is sorted.
func (s *LaneSet) everyonesLanes(events []int) (none []int) {
	it := s.it
	for _, p := range it.PeopleByFirstEvent() {
		evs := it.EventsOf(p)
		for k := 1; k < len(evs); k++ {
			if evs[k] == evs[k-1] { // a participant listed twice
				evs = slices.Compact(slices.Clone(evs))
				break
			}
		}
		s.laneOf[p] = int32(len(s.lanes))
		s.lanes = append(s.lanes, Lane{Person: p, Events: evs})
	}
	for _, i := range events {
		if len(it.Events[i].Participants) == 0 {
			none = append(none, i)
		}
	}
	return none
}

// keyLanes sorts events into a lane per track, city or calendar from the
// itinerary's groups (GroupsBy): with every event shown the lanes are the
// groups' own lists; otherwise each event's key is read from a compact
// index, with no hashing and no event read. It returns the events with
// none.
func (s *LaneSet) keyLanes(events []int) (none []int) {
	g := s.it.GroupsBy(s.field())
	s.groups = g
	s.laneOfKey = make([]int32, len(g.Keys))
	if len(events) == len(s.it.Events) {
		for k, key := range g.Keys {
			s.laneOfKey[k] = int32(k)
			s.lanes = append(s.lanes, Lane{Person: -1, Key: key, Events: g.Events[k]})
		}
		return g.None
	}
	for k := range s.laneOfKey {
		s.laneOfKey[k] = -1
	}
	for _, i := range events {
		key := g.Of[i]
		if key < 0 {
			none = append(none, i)
			continue
		}
		k := s.laneOfKey[key]
		if k < 0 {
			k = int32(len(s.lanes))
			s.laneOfKey[key] = k
			s.lanes = append(s.lanes, Lane{Person: -1, Key: g.Keys[key]})
		}
		s.lanes[k].Events = append(s.lanes[k].Events, i)
	}
	if s.group == ByCalendar { // the calendars in their own order (the keys'), as the header lists them
		lanes := make([]Lane, 0, len(s.lanes))
		for key, k := range s.laneOfKey {
			if k >= 0 {
				s.laneOfKey[key] = int32(len(lanes))
				lanes = append(lanes, s.lanes[k])
			}
		}
		s.lanes = lanes
	}
	return none
}

// field is the itinerary's field of a track, city or calendar grouping.
func (s *LaneSet) field() itinerary.GroupField {
	switch s.group {
	case ByCity:
		return itinerary.GroupCity
	case ByCalendar:
		return itinerary.GroupCalendar
	}
	return itinerary.GroupTrack
}

// Grouping is what the lanes stand for.
func (s *LaneSet) Grouping() Grouping { return s.group }

// Len is the number of lanes.
func (s *LaneSet) Len() int { return len(s.lanes) }

// Lane is lane k. Its events must not be modified.
func (s *LaneSet) Lane(k int) Lane { return s.lanes[k] }

// Events is lane k's events, in instant order. They must not be modified.
func (s *LaneSet) Events(k int) []int { return s.lanes[k].Events }

// MaxLabel is the width of the widest label, in cells.
func (s *LaneSet) MaxLabel(native bool) int {
	if native {
		return s.maxLabel[1]
	}
	return s.maxLabel[0]
}

// Label names lane k: the person (in their own script with native), the
// track or the city, or "(no one named)", "(no track)", "(no city)".
func (s *LaneSet) Label(k int, native bool) string {
	ln := &s.lanes[k]
	switch {
	case ln.Person >= 0:
		return s.it.Name(ln.Person, native)
	case ln.None && s.group == ByPerson:
		return "(no one named)"
	case ln.None:
		return "(no " + s.group.String() + ")"
	}
	return ln.Key
}

// LanesOf appends the lanes event i is in to out.
func (s *LaneSet) LanesOf(i int, out []int) []int {
	placed := false
	if s.group == ByPerson {
		for _, p := range s.it.Events[i].Participants {
			if k := s.laneOf[p]; k >= 0 && !slices.Contains(out, int(k)) {
				out = append(out, int(k))
				placed = true
			}
		}
	} else if key := s.groups.Of[i]; key >= 0 && s.laneOfKey[key] >= 0 {
		out = append(out, int(s.laneOfKey[key]))
		placed = true
	}
	if !placed && s.noneLane >= 0 {
		out = append(out, s.noneLane)
	}
	return out
}

// Position is where event i is among the events of lane k, or -1.
func (s *LaneSet) Position(k, i int) int {
	evs := s.lanes[k].Events
	p := sort.SearchInts(evs, i)
	if p < len(evs) && evs[p] == i {
		return p
	}
	return -1
}

// AxisZone is the zone of a time axis: the display zone, or the
// itinerary's when each event shows its own (zone nil).
func AxisZone(it *itinerary.Itinerary, zone *time.Location) *time.Location {
	if zone == nil {
		return it.Zone
	}
	return zone
}

// Extent is event i's stretch of time on an axis in zone (see AxisZone):
// a date-only entry covers its calendar days there.
func Extent(it *itinerary.Itinerary, i int, zone *time.Location) (from, to time.Time) {
	return it.ExtentIn(i, AxisZone(it, zone))
}

// Marks are an event's badges where there is room for one column each, as
// in a bar of the lanes: "~" for approximate times, "?" when reported,
// expected or planned, "×" when cancelled, "!" when someone in it is due
// elsewhere at the same time. The event's facts say each in words (see
// EventFacts).
func Marks(it *itinerary.Itinerary, i int) string {
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
