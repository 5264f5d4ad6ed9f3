package agenda

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// The words every front end uses to say when and what. They live here so
// that the timeline, the detail pane, the card, the text agenda and the
// Markdown briefing say the same thing the same way.

// Count says n things with the right plural: "1 event", "12 events",
// "1 person", "5 people".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + plural(noun)
}

func plural(noun string) string {
	switch noun {
	case "person":
		return "people"
	case "organisation":
		return "organisations"
	}
	return noun + "s"
}

// CountOf says how many of total things are shown: "12 events" when all
// are, else "3 of 12 events".
func CountOf(shown, total int, noun string) string {
	if shown == total {
		return Count(total, noun)
	}
	return strconv.Itoa(shown) + " of " + Count(total, noun)
}

// DayLabel names a day as "Fri 26 Jan 2024".
func DayLabel(d time.Time) string { return d.Format("Mon 2 Jan 2006") }

// ShortDayLabel names a day as "Fri 26 Jan", for lists within one visit.
func ShortDayLabel(d time.Time) string { return d.Format("Mon 2 Jan") }

// DurationLabel says a duration as people do: "45 min", "2 h", "2 h 30 min",
// "3 d 4 h". It counts whole minutes, rounding to the nearest.
func DurationLabel(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	return minutesLabel(int((d + 30*time.Second) / time.Minute))
}

func minutesLabel(minutes int) string {
	days := minutes / (24 * 60)
	h := minutes % (24 * 60) / 60
	m := minutes % 60
	var parts []string
	if days > 0 {
		parts = append(parts, fmt.Sprintf("%d d", days))
	}
	if h > 0 {
		parts = append(parts, fmt.Sprintf("%d h", h))
	}
	if m > 0 && days == 0 {
		parts = append(parts, fmt.Sprintf("%d min", m))
	}
	if len(parts) == 0 {
		return "0 min"
	}
	return strings.Join(parts, " ")
}

// minutesBetween is the one minute arithmetic of countdowns: the whole
// minutes from now's minute to t's minute. Every countdown to one instant
// at one now says the same, whenever within the minute it is drawn.
func minutesBetween(now, t time.Time) int {
	return int(t.Truncate(time.Minute).Sub(now.Truncate(time.Minute)) / time.Minute)
}

// Countdown says how long from now until t: "1 h 34 min".
func Countdown(now, t time.Time) string {
	return minutesLabel(max(minutesBetween(now, t), 0))
}

// SignedHours says a clock shift as "+8 h", "−1 h" or "+5 h 30 min", and
// no shift as "same clock".
func SignedHours(d time.Duration) string {
	switch {
	case d == 0:
		return "same clock"
	case d < 0:
		return "−" + DurationLabel(-d)
	}
	return "+" + DurationLabel(d)
}

// ZoneAbbr is the one rule for naming a zone at an instant: its
// abbreviation ("KST", "CET"), or its offset from UTC where the zone has
// none ("UTC+4", "UTC+5:30", "UTC−3").
func ZoneAbbr(loc *time.Location, t time.Time) string {
	abbr, off := t.In(loc).Zone()
	if abbr != "" && abbr[0] != '+' && abbr[0] != '-' {
		return abbr
	}
	sign := "+"
	if off < 0 {
		sign, off = "−", -off
	}
	s := "UTC" + sign + strconv.Itoa(off/3600)
	if m := off % 3600 / 60; m != 0 {
		s += fmt.Sprintf(":%02d", m)
	}
	return s
}

// ZoneLabel names a zone with its abbreviation at t: "Asia/Seoul (KST)",
// "Asia/Dubai (UTC+4)", or "UTC".
func ZoneLabel(loc *time.Location, t time.Time) string {
	abbr := ZoneAbbr(loc, t)
	if abbr == loc.String() {
		return abbr
	}
	return loc.String() + " (" + abbr + ")"
}

// ZoneName names a display zone for a header: "Asia/Seoul (KST)", "each
// venue's own zone" (nil), or "this machine's zone (CET)" (time.Local). at
// picks the abbreviation where it changes with the season.
func ZoneName(loc *time.Location, at time.Time) string {
	switch loc {
	case nil:
		return "each venue's own zone"
	case time.Local:
		return "this machine's zone (" + ZoneAbbr(time.Local, at) + ")"
	}
	return ZoneLabel(loc, at)
}

// TimeRange says when event i happens in zone (nil: its own) as
// "~09:00–11:30", "22:00–06:10+1" (ends the next day), "23:00" (no end),
// "all day" or "3 days". A leading "~" marks approximate times. It is the
// itinerary's own rule, which its problem messages use too.
func TimeRange(it *itinerary.Itinerary, i int, zone *time.Location) string {
	return it.TimeRange(i, zone)
}

func dayNumber(t time.Time) int32 {
	y, m, d := t.Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// TimeLabel is the time of event i as every list shows it: TimeRange in
// the display zone, and where each event shows its own zone, the zone's
// abbreviation for an event with a zone of its own ("~19:00–21:00 CST").
func TimeLabel(it *itinerary.Itinerary, i int, zone *time.Location) string {
	return withZone(it, i, zone, TimeRange(it, i, zone))
}

// StartLabel is TimeLabel with the start only, for narrow columns.
func StartLabel(it *itinerary.Itinerary, i int, zone *time.Location) string {
	start, _, _ := strings.Cut(TimeRange(it, i, zone), "–")
	return withZone(it, i, zone, start)
}

// withZone adds to the time s of event i what each venue's own zone
// (zone nil) needs: the zone's abbreviation for an event with a zone of
// its own, and the event's own date where the day it is shown under
// differs ("Thu 11 Mar 22:30–23:30 PST" under Friday in Singapore). A
// journey shows its departure only there: JourneyLabel gives both ends.
func withZone(it *itinerary.Itinerary, i int, zone *time.Location, s string) string {
	e := &it.Events[i]
	if zone != nil || e.AllDay {
		return s
	}
	if isJourney(e) {
		s, _, _ = strings.Cut(s, "–")
	}
	if e.OwnZone {
		s += " " + ZoneAbbr(e.Zone, e.Start)
	}
	if own := it.DayOf(i, nil); !own.Equal(it.VenueDate(i)) {
		s = ShortDayLabel(own) + " " + s
	}
	return s
}

// DatedLabel is the day and the time of event i for a list with a day
// column (a person's card): "Fri 12 Mar" and "14:00–15:00" in zone (nil:
// each event's own); for a journey its departure's own date and both
// ends, "Sat 13 Mar" and "11:20 PST → Sun 14 Mar 16:35 KST".
func DatedLabel(it *itinerary.Itinerary, i int, zone *time.Location) (day, when string) {
	e := &it.Events[i]
	if isJourney(e) {
		dep := civilDay(e.Start.In(e.Zone))
		return ShortDayLabel(dep), JourneyEnds(it, i, dep)
	}
	when = TimeRange(it, i, zone)
	if zone == nil && e.OwnZone && !e.AllDay {
		when += " " + ZoneAbbr(e.Zone, e.Start)
	}
	return ShortDayLabel(it.DayOf(i, zone)), when
}

// isJourney reports whether e is a journey: timed, ending in another zone.
func isJourney(e *itinerary.Event) bool {
	return !e.AllDay && e.HasEnd && e.EndZone != nil && e.EndZone.String() != e.Zone.String()
}

// rowDay is the day event i is shown under in zone (nil: by the venue
// rule), at midnight UTC.
func rowDay(it *itinerary.Itinerary, i int, zone *time.Location) time.Time {
	if zone == nil && !it.Events[i].AllDay {
		return it.VenueDate(i)
	}
	return it.DayOf(i, zone)
}

// WhenLabel is the full time of event i for a detail view: "Fri 26 Jan
// 2024 · 09:00–11:30 KST · 2 h 30 min"; for a journey both ends in their
// own zones, "Sun 22 Nov 2026 · 13:30 CET → 16:05 PST · 11 h 35 min", each
// with its own date when they land on another, "Sat 6 Mar 11:20 PST → Sun
// 7 Mar 16:35 KST · 12 h 15 min"; for an entry of several dates its first
// and last, "Mon 23 – Wed 25 Nov 2026 · 3 days".
func WhenLabel(it *itinerary.Itinerary, i int, zone *time.Location) string {
	e := &it.Events[i]
	if isJourney(e) {
		dep, arr := civilDay(e.Start.In(e.Zone)), civilDay(e.End.In(e.EndZone))
		if dep.Equal(arr) {
			return DayLabel(dep) + " · " + JourneyLabel(it, i, dep)
		}
		return JourneyLabel(it, i, time.Time{})
	}
	if e.AllDay && e.LastDate.After(e.Date) {
		return DateRangeLabel(e.Date, e.LastDate) + " · " + TimeRange(it, i, zone)
	}
	s := DayLabel(it.DayOf(i, zone)) + " · " + TimeRange(it, i, zone)
	if !e.AllDay {
		s += " " + ZoneAbbr(it.ZoneFor(i, zone), e.Start)
	}
	if e.HasEnd && !e.AllDay && e.Duration() > 0 {
		s += " · " + DurationLabel(e.Duration())
	}
	return s
}

func civilDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// FloatingNote says that event i's times float, "floating: 14:00–15:00
// on the viewer's clock (America/Los_Angeles)", or is "" when they do not.
func FloatingNote(it *itinerary.Itinerary, i int) string {
	e := &it.Events[i]
	if !e.Floating {
		return ""
	}
	zone := e.Zone.String()
	if e.Zone == time.Local {
		zone = "this machine's zone, " + ZoneAbbr(time.Local, e.Start)
	}
	return "floating: " + TimeRange(it, i, nil) + " on the viewer's clock (" + zone + ")"
}

// DateRangeLabel is the days from first to last, each at midnight UTC,
// naming the month and the year once where they are the same: "Mon 23 –
// Wed 25 Nov 2026", "Mon 30 Nov – Wed 2 Dec 2026", "Thu 31 Dec 2026 – Fri
// 1 Jan 2027".
func DateRangeLabel(first, last time.Time) string {
	switch {
	case first.Year() != last.Year():
		return DayLabel(first) + " – " + DayLabel(last)
	case first.Month() != last.Month():
		return ShortDayLabel(first) + " – " + DayLabel(last)
	}
	return first.Format("Mon 2") + " – " + DayLabel(last)
}

// JourneyLabel is the departure and the arrival of a journey, each in its
// own zone, and how long it takes, for a row under day (midnight UTC):
// each end names its own date where it is not day, "Sat 6 Mar 11:20 PST →
// Sun 7 Mar 16:35 KST · 12 h 15 min" (the zero day: wherever they
// differ), "13:30 CET → 16:05 PST · 11 h 35 min". It is "" for an event
// that does not end in another zone.
func JourneyLabel(it *itinerary.Itinerary, i int, day time.Time) string {
	s := JourneyEnds(it, i, day)
	if s == "" {
		return ""
	}
	return s + " · " + DurationLabel(it.Events[i].Duration())
}

// JourneyEnds is JourneyLabel without the length, for lists with a day
// column: "11:20 PST → Sun 7 Mar 16:35 KST".
func JourneyEnds(it *itinerary.Itinerary, i int, day time.Time) string {
	e := &it.Events[i]
	if !isJourney(e) {
		return ""
	}
	end := func(t time.Time, loc *time.Location) string {
		s := t.In(loc).Format("15:04") + " " + ZoneAbbr(loc, t)
		if d := civilDay(t.In(loc)); !d.Equal(day) {
			s = ShortDayLabel(d) + " " + s
		}
		return s
	}
	if day.IsZero() && civilDay(e.Start.In(e.Zone)).Equal(civilDay(e.End.In(e.EndZone))) {
		day = civilDay(e.Start.In(e.Zone))
	}
	s := end(e.Start, e.Zone) + " → " + end(e.End, e.EndZone)
	if e.Approximate {
		s = "~" + s
	}
	return s
}

// VenueTime is the time at event i's venue when the display zone shows
// another clock, "20:00–21:30 CST (Asia/Taipei)", else "". A journey has
// none: JourneyLabel gives both of its ends; nor has a floating event
// (see FloatingNote).
func VenueTime(it *itinerary.Itinerary, i int, zone *time.Location) string {
	e := &it.Events[i]
	if e.AllDay || !e.OwnZone || e.Floating || it.ZoneFor(i, zone).String() == e.Zone.String() || isJourney(e) {
		return ""
	}
	return TimeRange(it, i, nil) + " " + ZoneAbbr(e.Zone, e.Start) + " (" + e.Zone.String() + ")"
}

// Place is an event's place and city: "Pyeongtaek Campus, Pyeongtaek"
// (the itinerary's Where, which the calendar export's LOCATION uses too).
func Place(e *itinerary.Event) string { return e.Where() }

// People names the first max participants of event i (all of them for max
// 0), with "+N" for the rest: "Sam Altman, Kyung Kye-hyun +4". native picks
// the names in their own script where there are any.
func People(it *itinerary.Itinerary, i, max int, native bool) string {
	ps := it.Events[i].Participants
	if max <= 0 || max > len(ps) {
		max = len(ps)
	}
	var b strings.Builder
	for k, p := range ps[:max] {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(it.Name(p, native))
	}
	if len(ps) > max {
		fmt.Fprintf(&b, " +%d", len(ps)-max)
	}
	return b.String()
}

// OrgName is an organisation's name in the script the reader chose.
func OrgName(o *itinerary.Org, native bool) string {
	if native && o.Native != "" {
		return o.Native
	}
	return o.Name
}

// SourceLabel is "Publisher, Title, 2024-01-26, URL".
func SourceLabel(s itinerary.Source) string {
	parts := []string{s.Publisher}
	for _, p := range []string{s.Title, s.Date, s.URL} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// FilterLabel says in words what f keeps: `with Chey Tae-won and Lee
// Jung-bae matching "seoul"`, or "" for the empty filter. native picks the
// names in their own script.
func FilterLabel(it *itinerary.Itinerary, f itinerary.Filter, native bool) string {
	var parts []string
	if len(f.People) > 0 {
		names := make([]string, len(f.People))
		for k, p := range f.People {
			names[k] = it.Name(p, native)
		}
		join := " and "
		if f.AnyPerson {
			join = " or "
		}
		parts = append(parts, "with "+strings.Join(names, join))
	}
	if len(f.Calendars) > 0 {
		parts = append(parts, "in "+CalendarNames(it, f.Calendars))
	}
	if q := strings.TrimSpace(f.Query.Text); q != "" && !f.Query.Empty() {
		parts = append(parts, "matching "+strconv.Quote(q))
	}
	return strings.Join(parts, " ")
}

// EmptyItinerary is what an agenda says when the itinerary has no events
// at all.
const EmptyItinerary = "This itinerary has no events yet."

// NoMatch says that filter f keeps none of the events: "No events with
// Kyung Kye-hyun", "No events match" for a filter without words. A front
// end ends it with a full stop or with how to get back.
func NoMatch(it *itinerary.Itinerary, f itinerary.Filter, native bool) string {
	if what := FilterLabel(it, f, native); what != "" {
		return "No events " + what
	}
	return "No events match"
}

// EmptyText is what a printed agenda says when it shows no events: that
// the itinerary has none, or that the filter keeps none.
func EmptyText(it *itinerary.Itinerary, f itinerary.Filter, native bool) string {
	if len(it.Events) == 0 {
		return EmptyItinerary
	}
	return NoMatch(it, f, native) + "."
}

// maxSpanLength is the longest span SpanLabel gives a length to: past a
// month the days say it, and a calendar of years would read "13148 d 23 h"
// and push the header's counts off an 80-column line.
const maxSpanLength = 31 * 24 * time.Hour

// SpanLabel says what days the itinerary covers in zone and how long it
// lasts: "18–26 Jan 2024 · 8 d 11 h", "26 Jan 2024 · 10 h", and only the
// days past a month ("12 Mar 1990 – 12 Mar 2026"). The days are
// those of the first and the last day header of the unfiltered agenda, so
// date-only entries count with their own dates; the length runs from the
// first start to the last end. It walks every event: call it when the zone
// or the itinerary changes, not per frame.
func SpanLabel(it *itinerary.Itinerary, zone *time.Location) string {
	first, last, ok := it.Span()
	if !ok {
		return "no events"
	}
	lo, hi := int32(1<<31-1), int32(-1<<31)
	firstDays, lastDays := it.FirstDays(zone), it.LastDays(zone)
	for i := range it.Events {
		// Every day an event covers: an overnight flight's landing day too.
		lo, hi = min(lo, firstDays[i]), max(hi, lastDays[i])
	}
	a, b := dayTime(lo), dayTime(hi)
	var days string
	switch {
	case a.Year() != b.Year():
		days = a.Format("2 Jan 2006") + " – " + b.Format("2 Jan 2006")
	case a.Month() != b.Month():
		days = a.Format("2 Jan") + " – " + b.Format("2 Jan 2006")
	case a.Day() != b.Day():
		days = a.Format("2") + "–" + b.Format("2 Jan 2006")
	default:
		days = a.Format("2 Jan 2006")
	}
	if d := last.Sub(first); d > 0 && d <= maxSpanLength {
		return days + " · " + DurationLabel(d)
	}
	return days
}

func dayTime(day int32) time.Time { return time.Unix(int64(day)*86400, 0).UTC() }

// Paragraphs splits free text (notes, summaries) for reflowing to a width,
// as Markdown reads it: a blank line ends a paragraph, the lines within one
// are joined with spaces, and a line starting with "- ", "* " or "• " starts
// a list item of its own. Blank paragraphs ("") separate the blocks.
func Paragraphs(s string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
			if len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
		case strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "• "):
			flush()
			cur = append(cur, t)
		default:
			cur = append(cur, t)
		}
	}
	flush()
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// PeopleWithNative names every participant of event i with the native name
// beside the Latin one where there is one: "Sam Altman (샘 올트먼), Jeremy
// Hunt", so that a printed agenda can be searched in either script.
func PeopleWithNative(it *itinerary.Itinerary, i int) string {
	var b strings.Builder
	for k, p := range it.Events[i].Participants {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(NameWithNative(&it.People[p]))
	}
	return b.String()
}

// NameWithNative is "Kyung Kye-hyun (경계현)", or the name alone.
func NameWithNative(p *itinerary.Person) string {
	if p.Native == "" || p.Native == p.Name {
		return p.Name
	}
	if strings.ContainsAny(p.Native, "()") {
		return p.Name + " " + p.Native // "C. C. Wei 웨이저자 (魏哲家)", not parentheses in parentheses
	}
	return p.Name + " (" + p.Native + ")"
}
