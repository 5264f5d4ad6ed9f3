package agenda

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/itinerary"
)

// calendarsItinerary has an event in each of n calendars, named by names
// (cycled).
func calendarsItinerary(t *testing.T, n int, names ...string) *itinerary.Itinerary {
	t.Helper()
	var b strings.Builder
	b.WriteString("title: T\ntimezone: UTC\nevents:\n")
	for k := 0; k < n; k++ {
		name := names[k%len(names)]
		if k >= len(names) {
			name = fmt.Sprintf("%s %d", name, k)
		}
		fmt.Fprintf(&b, "  - {title: e%d, start: \"2026-03-02 %02d:00\", calendar: %q}\n", k, k%24, name)
	}
	it, err := itinerary.Load("t.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func TestCalendarsLabel(t *testing.T) {
	three := calendarsItinerary(t, 3, "Work", "Home", "Team")
	if got := CalendarsLabel(three, 80); got != "3 calendars: Work, Home, Team" {
		t.Errorf("three: %q", got)
	}
	if got := CalendarsLabel(three, 0); got != "3 calendars: Work, Home, Team" {
		t.Errorf("no width: %q", got)
	}
	if got := CalendarsLabel(three, 24); got != "3 calendars: Work +2" {
		t.Errorf("24 cells: %q", got)
	}
	if got := CalendarsLabel(three, 12); got != "3 calendars" {
		t.Errorf("12 cells: %q", got)
	}
	if got := CalendarsLabel(calendarsItinerary(t, 1, "Work"), 80); got != "" {
		t.Errorf("one calendar: %q, want none", got)
	}
	many := calendarsItinerary(t, 40, "Calendar of the team")
	got := CalendarsLabel(many, 80)
	if w := ansi.StringWidth(got); w > 80 || !strings.HasPrefix(got, "40 calendars: Calendar of the team, ") || !strings.Contains(got, " +") {
		t.Errorf("40 calendars at 80 cells (%d): %q", w, got)
	}
	for width := 1; width < 120; width++ {
		if got := CalendarsLabel(many, width); ansi.StringWidth(got) > width && got != "40 calendars" {
			t.Errorf("width %d: %q", width, got)
		}
	}
}

func TestCalendarWords(t *testing.T) {
	it := calendarsItinerary(t, 3, "Work", "Home", "Team")
	l := New(it, Options{Filter: itinerary.Filter{Calendars: []int{1, 2}}, Zone: it.Zone})
	if got := l.Events(); got != 2 {
		t.Errorf("%d events in Home and Team, want 2", got)
	}
	h := l.Header()
	if h.Calendars != "3 calendars: Work, Home, Team" || !strings.Contains(h.MetaLine(), "in Home or Team") {
		t.Errorf("header %+v", h)
	}
	tx := l.EventText(l.EventAt(0), 0, false)
	if !tx.HasCalendar || tx.Calendar.Name != "Home" || tx.Calendar.Index != 1 || tx.Calendar.Color != it.Calendars[1].Color || tx.CalendarTag() != "[Home]" {
		t.Errorf("row's calendar %+v", tx)
	}
	if f := EventFacts(it, 0, it.Zone, false); !f.HasCalendar || f.Calendar.Name != "Work" {
		t.Errorf("facts' calendar %+v", f.Calendar)
	}
	one := calendarsItinerary(t, 1, "Work")
	if tx := New(one, Options{Zone: one.Zone}).EventText(0, 0, false); tx.HasCalendar || tx.CalendarTag() != "" {
		t.Errorf("one calendar: the row names it: %+v", tx)
	}
}
