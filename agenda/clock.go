package agenda

import (
	"strings"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// SecondClockWidth is the widest SecondClock in cells: "Sun ~22:00–06:10+1
// PST". Front ends give the second clock a column this wide.
const SecondClockWidth = 23

// SecondClock is the time of event i in the second clock's zone with the
// zone's abbreviation, "17:00–18:30 PST", shown beside its time in display
// (nil: the event's own zone); where the start falls on another day there,
// the day's name leads: "Sun 01:00–02:30 KST". It is "" for an entry that
// covers whole days, which has no clock, and without a second zone.
func SecondClock(it *itinerary.Itinerary, i int, display, zone *time.Location) string {
	e := &it.Events[i]
	if zone == nil || e.AllDay {
		return ""
	}
	s := TimeRange(it, i, zone) + " " + ZoneAbbr(zone, e.Start)
	if day := civilDay(e.Start.In(zone)); day != civilDay(e.Start.In(zoneOr(display, e.Zone))) {
		s = day.Format("Mon") + " " + s
	}
	return s
}

// SecondClockStart is SecondClock with the start only, for narrow columns.
func SecondClockStart(it *itinerary.Itinerary, i int, display, zone *time.Location) string {
	c := SecondClock(it, i, display, zone)
	if c == "" {
		return ""
	}
	start, _, _ := strings.Cut(c, "–")
	if start != c {
		start += " " + ZoneAbbr(zone, it.Events[i].Start)
	}
	return start
}
