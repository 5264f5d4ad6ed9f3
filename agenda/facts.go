package agenda

import (
	"strconv"
	"strings"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// Facts is everything about one event, as words in their roles: what the
// detail pane of the view and the Markdown briefing both render, so that
// neither writes an event's facts itself.
type Facts struct {
	Event int
	Title string
	// When is the event's day and time in the display zone, "Fri 26 Jan
	// 2024 · 09:00–11:30" (see WhenLabel).
	When string
	// Venue is the time at the venue where the display zone shows another
	// clock, "19:00–21:00 CST (Asia/Taipei)", or "".
	Venue string
	// Journey is a journey's two ends and its length, or "" (see
	// JourneyLabel).
	Journey string
	// Floating says that the times are wherever the viewer is, or "".
	Floating string
	// Approximate says that the clock times are indicative, or "".
	Approximate string
	Status      itinerary.Status
	Confirmed   bool // the status is confirmed: no badge for it
	Kind, Track string
	Place       string // place and city, or ""
	// Calendar is the calendar the event came from, when HasCalendar (the
	// itinerary gathers several, see EventCalendar).
	Calendar    CalendarText
	HasCalendar bool
	// Participants name the people in it, in the file's order.
	Participants []PersonText
	// Overlaps say who is due elsewhere at the same time (see
	// OverlapPhrases).
	Overlaps []string
	// MoreOverlaps is whether the last of Overlaps counts those not named.
	MoreOverlaps bool
	Topics       string   // "AI · chips", or ""
	Sources      []string // see SourceLabel
	Notes        []string // paragraphs, see Paragraphs
}

// ApproximateNote is what the facts of an event with approximate times say.
const ApproximateNote = "approximate: the clock times are indicative"

// EventFacts returns the facts of event i in the display zone (nil: the
// venue's own); native picks the names in their own script.
func EventFacts(it *itinerary.Itinerary, i int, zone *time.Location, native bool) Facts {
	e := &it.Events[i]
	f := Facts{
		Event:     i,
		Title:     e.Title,
		When:      WhenLabel(it, i, zone),
		Venue:     VenueTime(it, i, zone),
		Journey:   JourneyLabel(it, i, rowDay(it, i, zone)),
		Floating:  FloatingNote(it, i),
		Status:    e.Status,
		Confirmed: e.Status == itinerary.StatusConfirmed,
		Kind:      string(e.Kind),
		Track:     e.Track,
		Place:     Place(e),
		Topics:    strings.Join(e.Topics, " · "),
	}
	if e.Approximate {
		f.Approximate = ApproximateNote
	}
	f.Calendar, f.HasCalendar = EventCalendar(it, i)
	for _, p := range e.Participants {
		f.Participants = append(f.Participants, Person(it, p, native))
	}
	f.Overlaps = OverlapPhrases(it, i, zone, native)
	f.MoreOverlaps = it.OverlapCount(i) > len(it.Overlaps(i))
	for _, s := range e.Sources {
		f.Sources = append(f.Sources, SourceLabel(it.Sources[s]))
	}
	if e.Notes != "" {
		f.Notes = Paragraphs(e.Notes)
	}
	return f
}

// OverlapPhrases say who in event i is due elsewhere at the same time:
// "Dinner — Kyung Kye-hyun (19:00–21:00)", the other event, the person and
// its time, for each overlap the itinerary names, then "and 3 more" for the
// rest. A front end puts them after its word for an overlap ("! overlaps",
// "Overlap:").
func OverlapPhrases(it *itinerary.Itinerary, i int, zone *time.Location, native bool) []string {
	named := it.Overlaps(i)
	var out []string
	for _, o := range named {
		out = append(out, it.Events[o.Other].Title+" — "+it.Name(o.Person, native)+" ("+TimeLabel(it, o.Other, zone)+")")
	}
	if more := it.OverlapCount(i) - len(named); more > 0 {
		out = append(out, "and "+strconv.Itoa(more)+" more")
	}
	return out
}
