package itinerary

import (
	"fmt"
	"strings"
	"time"
)

// The words the views and printers use to say when things happen. They live
// here so that the timeline, the detail pane and the plain agenda say the
// same thing the same way.

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

// DayLabel names a day as "Fri 26 Jan 2024".
func DayLabel(d time.Time) string { return d.Format("Mon 2 Jan 2006") }

// DurationLabel says a duration as people do: "45 min", "2 h", "2 h 30 min",
// "3 d 4 h".
func DurationLabel(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Round(time.Minute)
	days := int(d / (24 * time.Hour))
	h := int(d % (24 * time.Hour) / time.Hour)
	m := int(d % time.Hour / time.Minute)
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

// SpanLabel says what days the itinerary covers in loc and how long it
// lasts, e.g. "18–26 Jan 2024 · 8 d 11 h" or "26 Jan 2024 · 10 h".
func (it *Itinerary) SpanLabel(loc *time.Location) string {
	first, last, ok := it.Span()
	if !ok {
		return "no events"
	}
	if loc == nil {
		loc = it.Zone
	}
	a, b := first.In(loc), last.In(loc)
	if !last.After(first) {
		b = a
	}
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
	return days + " · " + DurationLabel(last.Sub(first))
}

// ZoneLabel names a zone with its abbreviation at t, e.g. "Asia/Seoul (KST)".
func ZoneLabel(loc *time.Location, t time.Time) string {
	abbr, _ := t.In(loc).Zone()
	if abbr == loc.String() {
		return abbr
	}
	if strings.HasPrefix(abbr, "+") || strings.HasPrefix(abbr, "-") {
		return fmt.Sprintf("%s (UTC%s)", loc, t.In(loc).Format("-07:00"))
	}
	return fmt.Sprintf("%s (%s)", loc, abbr)
}

// PeopleSummary names the first max participants of event i, with "+N"
// for the rest: "Sam Altman, Kyung Kye-hyun +4". native picks the names in
// their own script where there are any.
func (it *Itinerary) PeopleSummary(i, max int, native bool) string {
	ps := it.Events[i].Participants
	names := make([]string, 0, min(len(ps), max))
	for k, p := range ps {
		if k == max {
			break
		}
		names = append(names, it.Name(p, native))
	}
	s := strings.Join(names, ", ")
	if len(ps) > max {
		s += fmt.Sprintf(" +%d", len(ps)-max)
	}
	return s
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

// Paragraphs splits free text (notes, summaries) for reflowing to a width,
// as Markdown reads it: a blank line ends a paragraph, the lines within one
// are joined with spaces, and a line starting with "- ", "* " or "• " starts
// a list item of its own.
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

// ZoneChanged reports whether event next is in another zone than event
// prev: the cheap half of ZoneShift, for laying out rows.
func (it *Itinerary) ZoneChanged(prev, next int) bool {
	return it.Events[prev].Zone != it.Events[next].Zone // zones are interned at load
}

// ZoneShift says whether event next is in another zone than event prev and
// by how much the clock moves at next's start ("Asia/Taipei, −1 h").
func (it *Itinerary) ZoneShift(prev, next int) (bool, time.Duration) {
	a, b := &it.Events[prev], &it.Events[next]
	if a.Zone == b.Zone { // zones are interned at load: one pointer per name
		return false, 0
	}
	_, offA := b.Start.In(a.Zone).Zone()
	_, offB := b.Start.In(b.Zone).Zone()
	return true, time.Duration(offB-offA) * time.Second
}

// SignedHours says a clock shift as "+8 h", "−1 h" or "+5 h 30 min", and
// no shift as "same clock".
func SignedHours(d time.Duration) string {
	if d == 0 {
		return "same clock"
	}
	if d < 0 {
		return "−" + DurationLabel(-d)
	}
	return "+" + DurationLabel(d)
}
