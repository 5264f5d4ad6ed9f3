package agenda

import (
	"sort"
	"strings"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// maxUnderWay bounds the events the one-line summary names as under way.
const maxUnderWay = 3

// NextItem is one event of the one-line summary, in its words.
type NextItem struct {
	Event int    // the event's index
	Title string // its title
	Time  string // its start in the zone ("18:00"); "" for an event under way
	Place string // its place and city, or ""
	// Countdown is "20 min left" for an event under way and "in 3 h 20
	// min" for the next one.
	Countdown string
	// Minutes is the whole minutes to the end of an event under way or to
	// the start of the next one.
	Minutes int
}

// Summary is what is under way at a moment and what comes next, as
// `visitline --next` prints it.
type Summary struct {
	Now  []NextItem
	Next *NextItem
}

// Empty reports whether nothing is under way or left.
func (s Summary) Empty() bool { return len(s.Now) == 0 && s.Next == nil }

// String is the summary in one line: "now: Executive meeting · 20 min
// left | next 18:00 Delegation debrief · Changi T3 · in 3 h 20 min", or
// "" when nothing is under way or left.
func (s Summary) String() string {
	var parts []string
	if len(s.Now) > 0 {
		items := make([]string, len(s.Now))
		for k, n := range s.Now {
			items[k] = n.Title + " · " + n.Countdown
		}
		parts = append(parts, "now: "+strings.Join(items, "; "))
	}
	if n := s.Next; n != nil {
		words := []string{"next " + n.Time + " " + n.Title}
		if n.Place != "" {
			words = append(words, n.Place)
		}
		words = append(words, n.Countdown)
		parts = append(parts, strings.Join(words, " · "))
	}
	return strings.Join(parts, " | ")
}

// Next is the summary of events (instant order) at now, with times in
// zone (nil: each event's own): the timed events under way that are not
// cancelled (maxUnderWay at most), and the one the countdown counts to
// (itinerary.NextActive, timed only). Entries that cover whole days are
// left out: the summary is for a status bar, and the timed events they
// hold are what is happening.
func Next(it *itinerary.Itinerary, events []int, zone *time.Location, now time.Time) Summary {
	var s Summary
	end := sort.Search(len(events), func(k int) bool { return it.Events[events[k]].Start.After(now) })
	for _, i := range events[:end] {
		e := &it.Events[i]
		if e.AllDay || !e.HasEnd || e.Status == itinerary.StatusCancelled || !now.Before(e.End) {
			continue
		}
		if len(s.Now) == maxUnderWay {
			break
		}
		m := minutesBetween(now, e.End)
		s.Now = append(s.Now, NextItem{Event: i, Title: e.Title, Place: Place(e), Countdown: Countdown(now, e.End) + " left", Minutes: max(m, 0)})
	}
	if i := it.NextActive(events, now); i >= 0 && !it.Events[i].AllDay {
		e := &it.Events[i]
		when := StartLabel(it, i, zone)
		if loc := zoneOr(zone, e.Zone); civilDay(e.Start.In(loc)) != civilDay(now.In(loc)) {
			when = ShortDayLabel(civilDay(e.Start.In(loc))) + " " + when
		}
		s.Next = &NextItem{Event: i, Title: e.Title, Time: when, Place: Place(e),
			Countdown: "in " + Countdown(now, e.Start), Minutes: max(minutesBetween(now, e.Start), 0)}
	}
	return s
}

func zoneOr(zone, own *time.Location) *time.Location {
	if zone != nil {
		return zone
	}
	return own
}
