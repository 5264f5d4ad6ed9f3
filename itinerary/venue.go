package itinerary

import (
	"sort"
	"time"
)

// The venue rule: what "each venue's own zone" shows. Rows stay in instant
// order; the days are those of the zone the itinerary is in at that point,
// which is where its events take place, except for an excursion: a short
// run of events in another zone between events in one zone (a call with
// San Francisco made from Singapore) happens where the itinerary is, and
// is told on the days of the zone around it. A journey starts in its zone
// and ends in its end_timezone. Days never go back: an event whose date
// in its place is before the day already reached stays under that day
// (and a front end shows its own date).

// Bounds of an excursion: at most this many events, and the events on
// either side of it at most this far apart. A longer stay in another zone
// is a move, even without a journey to say so.
const (
	maxExcursionEvents = 8
	maxExcursionSpan   = 24 * time.Hour
)

// journey reports whether e ends in another zone than it starts in.
func (e *Event) journey() bool {
	return !e.AllDay && e.EndZone != nil && e.EndZone != e.Zone
}

// VenueZone is the zone the itinerary is in when event i starts: its own,
// or for an event of an excursion the zone around it.
func (it *Itinerary) VenueZone(i int) *time.Location { return it.venueZones()[i] }

// VenueEndZone is the zone the itinerary is in when event i ends: a
// journey's end_timezone, else VenueZone.
func (it *Itinerary) VenueEndZone(i int) *time.Location {
	if e := &it.Events[i]; e.journey() {
		return e.EndZone
	}
	return it.VenueZone(i)
}

// ZoneAt is the zone the itinerary is in at t: where the last timed event
// that started by t took place (where a journey landed, once it has), or
// the first's before any; the itinerary's zone without timed events.
func (it *Itinerary) ZoneAt(t time.Time) *time.Location {
	evs := it.Events
	k := sort.Search(len(evs), func(k int) bool { return evs[k].Start.After(t) })
	// Date-only entries say nothing about where the itinerary is; skip a
	// bounded number of them.
	for j, n := k-1, 0; j >= 0 && n < 64; j, n = j-1, n+1 {
		if evs[j].AllDay {
			continue
		}
		if evs[j].HasEnd && !t.Before(evs[j].End) {
			return it.VenueEndZone(j)
		}
		return it.VenueZone(j)
	}
	for j := k; j < len(evs) && j < k+64; j++ {
		if !evs[j].AllDay {
			return it.VenueZone(j)
		}
	}
	return it.Zone
}

// venueZones computes VenueZone for every event once and keeps it.
func (it *Itinerary) venueZones() []*time.Location {
	it.daysMu.Lock()
	defer it.daysMu.Unlock()
	if it.venue != nil {
		return it.venue
	}
	where := make([]*time.Location, len(it.Events))
	var timed []int
	for i := range it.Events {
		where[i] = it.Events[i].Zone
		if !it.Events[i].AllDay {
			timed = append(timed, i)
		}
	}
	for k := 1; k+1 < len(timed); k++ {
		before := &it.Events[timed[k-1]]
		around := before.EndLocation()
		if it.Events[timed[k]].Zone == around { // zones are interned at load
			continue
		}
		// A run of events in other zones, without a journey, then back.
		m := k
		for m < len(timed) && m-k < maxExcursionEvents {
			e := &it.Events[timed[m]]
			if e.Zone == around || e.journey() {
				break
			}
			m++
		}
		if m == len(timed) || m == k || it.Events[timed[m]].Zone != around ||
			it.Events[timed[m]].Start.Sub(before.End) > maxExcursionSpan {
			continue
		}
		for j := k; j < m; j++ {
			where[timed[j]] = around
		}
		k = m
	}
	it.venue = where
	return where
}

// venueDays is the first and the last day each event covers under the
// venue rule, in days since 1970-01-01: a timed event from its start's
// date in VenueZone (never before the day an earlier event reached) to
// its end's date in VenueEndZone (never before its first); a date-only
// entry its own dates.
func (it *Itinerary) venueDays() (first, last []int32) {
	where := it.venueZones()
	first = make([]int32, len(it.Events))
	last = make([]int32, len(it.Events))
	reached := int32(-1 << 31)
	for i := range it.Events {
		e := &it.Events[i]
		if e.AllDay {
			first[i] = int32(e.Date.Unix() / 86400)
			last[i] = int32(e.LastDate.Unix() / 86400)
			continue
		}
		d := int32(civilDate(e.Start.In(where[i])).Unix() / 86400)
		reached = max(reached, d)
		first[i], last[i] = reached, reached
		if e.End.After(e.Start) {
			end := e.EndLocation()
			if !e.journey() {
				end = where[i]
			}
			last[i] = max(reached, int32(civilDate(e.End.Add(-time.Nanosecond).In(end)).Unix()/86400))
		}
	}
	return first, last
}

// VenueDate is the date event i is shown under by the venue rule, at
// midnight UTC: see venueDays.
func (it *Itinerary) VenueDate(i int) time.Time {
	return time.Unix(int64(it.dayNumbers(nil)[i])*86400, 0).UTC()
}
