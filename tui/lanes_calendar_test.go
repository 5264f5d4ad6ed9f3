package tui

import (
	"strings"
	"testing"

	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
)

// TestLanesByCalendar: with two calendars open together, t goes from the
// city lanes on to a lane per calendar, named by the calendar, each with
// its own events; with one calendar it goes back to the people.
func TestLanesByCalendar(t *testing.T) {
	work, err := itinerary.Load("work.yaml", []byte(patAndRobin))
	if err != nil {
		t.Fatal(err)
	}
	home, err := itinerary.Load("home.yaml", []byte(strings.ReplaceAll(strings.ReplaceAll(patAndRobin, "Alpha", "Dentist"), "Bravo", "Piano")))
	if err != nil {
		t.Fatal(err)
	}
	it, err := itinerary.Merge("2 calendars", []itinerary.Calendar{{Name: "Work"}, {Name: "Home"}}, []itinerary.Part{
		{It: work, Calendar: 0, File: "work.yaml"}, {It: home, Calendar: 1, File: "home.yaml"},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := press(sized(New(Config{Itinerary: it, Now: beforeVisit, Lanes: true}, renderer(termenv.Ascii)), 100, 24), "t", "t", "t")
	view := m.View()
	if !strings.Contains(view, "by calendar") {
		t.Fatalf("after t t t the lanes are not by calendar:\n%s", view)
	}
	if w, h := laneLine(t, view, "Work"), laneLine(t, view, "Home"); !strings.Contains(w, "❯A") || strings.Contains(w, "[D") || !strings.Contains(h, "[D") {
		t.Errorf("the calendar lanes hold the wrong events:\nWork: %s\nHome: %s", w, h)
	}
	if v := press(m, "t").View(); strings.Contains(v, "by calendar") || !strings.Contains(laneLine(t, v, "Pat"), "Bravo") {
		t.Errorf("t after the calendar lanes does not go back to the people:\n%s", v)
	}
	one := lanesModel(t, patAndRobin, 100, 24, "t", "t", "t")
	if v := one.View(); strings.Contains(v, "by calendar") || !strings.Contains(laneLine(t, v, "Pat"), "Bravo") {
		t.Errorf("with one calendar t t t must come back to the people:\n%s", v)
	}
}

// TestAboutCalendars: i on several calendars lists them, each with where
// it was read, cleaned.
func TestAboutCalendars(t *testing.T) {
	one, err := itinerary.Load("a.yaml", []byte(patAndRobin))
	if err != nil {
		t.Fatal(err)
	}
	it, err := itinerary.Merge("2 calendars", []itinerary.Calendar{{Name: "Work", Origin: "cals/work"}, {Name: "Home", Origin: "cals/home\x1b[31m"}},
		[]itinerary.Part{{It: one, Calendar: 0, File: "a.yaml"}, {It: one, Calendar: 1, File: "b.yaml"}})
	if err != nil {
		t.Fatal(err)
	}
	v := press(sized(New(Config{Itinerary: it, Now: beforeVisit}, renderer(termenv.Ascii)), 100, 30), "i").View()
	if !strings.Contains(v, "\n  2 calendars: Work, Home") || !strings.Contains(v, "Calendars") || !strings.Contains(v, "• Work — cals/work") || !strings.Contains(v, "cals/home") || strings.ContainsRune(v, 0x1b) {
		t.Errorf("the about page does not list the calendars:\n%q", v)
	}
}
