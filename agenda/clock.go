package agenda

import (
	"strings"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// SecondClockWidth is the widest SecondClock in cells: "~22:00–06:10+1
// PST". Front ends give the second clock a column this wide.
const SecondClockWidth = 19

// SecondClock is the time of event i in the second clock's zone with the
// zone's abbreviation, "17:00–18:30 PST", shown beside the display zone's
// time; "" for an entry that covers whole days, which has no clock.
func SecondClock(it *itinerary.Itinerary, i int, zone *time.Location) string {
	e := &it.Events[i]
	if zone == nil || e.AllDay {
		return ""
	}
	return TimeRange(it, i, zone) + " " + ZoneAbbr(zone, e.Start)
}

// SecondClockStart is SecondClock with the start only, for narrow columns.
func SecondClockStart(it *itinerary.Itinerary, i int, zone *time.Location) string {
	c := SecondClock(it, i, zone)
	if c == "" {
		return ""
	}
	start, _, _ := strings.Cut(c, "–")
	if start != c {
		start += " " + ZoneAbbr(zone, it.Events[i].Start)
	}
	return start
}
