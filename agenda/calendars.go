package agenda

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/itinerary"
)

// CalendarText is the calendar an event came from, as a front end shows
// it: its index in the itinerary's calendars (a front end picks a mark by
// it), its name and its colour ("#RRGGBB" or "").
type CalendarText struct {
	Index int
	Name  string
	Color string
}

// ShowsCalendars reports whether the itinerary's rows name their
// calendars: when it gathers more than one. One calendar (or none) is the
// whole itinerary, and naming it on every row would say nothing.
func ShowsCalendars(it *itinerary.Itinerary) bool { return len(it.Calendars) > 1 }

// EventCalendar is the calendar of event i, and whether rows show it (the
// itinerary gathers several calendars and the event names one).
func EventCalendar(it *itinerary.Itinerary, i int) (CalendarText, bool) {
	if !ShowsCalendars(it) {
		return CalendarText{Index: -1}, false
	}
	c := it.CalendarOf(&it.Events[i])
	if c == nil {
		return CalendarText{Index: -1}, false
	}
	return CalendarText{Index: it.Events[i].Calendar, Name: c.Name, Color: c.Color}, true
}

// CalendarsLabel names the itinerary's calendars when there are several:
// "3 calendars: Work, Home, Team", "" for one or none. When the label is
// wider than width cells (width > 0) the names that do not fit are counted
// instead ("12 calendars: Work, Home +10"), and when not even one name
// fits it is the count alone ("12 calendars"). It walks the names once.
func CalendarsLabel(it *itinerary.Itinerary, width int) string {
	if !ShowsCalendars(it) {
		return ""
	}
	n := len(it.Calendars)
	count := Count(n, "calendar")
	var b strings.Builder
	b.WriteString(count + ": ")
	cells := ansi.StringWidth(b.String())
	for k, c := range it.Calendars {
		sep := ""
		if k > 0 {
			sep = ", "
		}
		w := ansi.StringWidth(sep) + ansi.StringWidth(c.Name)
		rest := ""
		if k < n-1 {
			rest = " +" + strconv.Itoa(n-k-1) // what would follow this name
		}
		if width > 0 && cells+w+len(rest) > width {
			if k == 0 {
				return count
			}
			return b.String() + " +" + strconv.Itoa(n-k)
		}
		b.WriteString(sep + c.Name)
		cells += w
	}
	return b.String()
}

// CalendarNames names calendars by their indexes, as a filter gives them:
// "Work", "Work or Home".
func CalendarNames(it *itinerary.Itinerary, cals []int) string {
	names := make([]string, 0, len(cals))
	for _, k := range cals {
		if k >= 0 && k < len(it.Calendars) {
			names = append(names, it.Calendars[k].Name)
		}
	}
	return strings.Join(names, " or ")
}

// CalendarTag is how a printed row names its calendar, after the badges
// and before the title: "[Work]", or "" when rows show no calendar.
func (t EventText) CalendarTag() string {
	if !t.HasCalendar {
		return ""
	}
	return "[" + t.Calendar.Name + "]"
}
