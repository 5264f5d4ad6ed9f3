package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
)

func conferenceTrip(t testing.TB) *itinerary.Itinerary {
	t.Helper()
	b, err := data.Files.ReadFile("examples/sf-conference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	it, err := itinerary.Load("sf-conference.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// TestNowInsideAConference: started with --now on the conference's second
// day, between events, the view selects the next timed event (the lunch),
// not the conference under way, and "." keeps it there; the night before,
// the keynote, not the conference about to begin.
func TestNowInsideAConference(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	cases := []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 11, 24, 8, 0, 0, 0, la), "partner-lunch"},
		{time.Date(2026, 11, 23, 10, 0, 0, 0, la), "keynote"},     // during the keynote
		{time.Date(2026, 11, 24, 14, 0, 0, 0, la), "our-talk"},    // the cancelled visit is skipped
		{time.Date(2026, 11, 22, 20, 0, 0, 0, la), "keynote"},     // the night before: the keynote, not the conference about to begin
		{time.Date(2026, 11, 25, 16, 0, 0, 0, la), "flight-home"}, // in the air
	}
	for _, c := range cases {
		m := sized(New(Config{Itinerary: conferenceTrip(t), Now: c.now}, renderer(termenv.Ascii)), 120, 40)
		if got := selectedID(m); got != c.want {
			t.Errorf("at %v: start selection %s, want %s", c.now, got, c.want)
		}
		if m = press(m, "g", "."); selectedID(m) != c.want {
			t.Errorf("at %v: . selects %s, want %s", c.now, selectedID(m), c.want)
		}
	}
}

// TestJourneyDetail: the flight's detail gives both ends in their zones.
func TestJourneyDetail(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	for _, zone := range []*time.Location{nil, la, time.UTC} {
		m := sized(New(Config{Itinerary: conferenceTrip(t), Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Zone: zone}, renderer(termenv.Ascii)), 120, 40)
		if selectedID(m) != "flight-out" {
			t.Fatalf("selected %s", selectedID(m))
		}
		if v := m.View(); !strings.Contains(v, "Sun 22 Nov 2026 · 13:30 CET → 16:05 PST · 11 h 35 min") {
			t.Errorf("in %v the detail lacks both zones:\n%s", zone, v)
		}
	}
}

// TestNowLineEndsItsDay: at 13:00 on the conference's second day, after
// the lunch, the view's now line closes Tuesday, above Wednesday's header
// (QA #3): in the itinerary's zone (Berlin, where the cancelled visit
// falls on Wednesday), in Los Angeles and in UTC.
func TestNowLineEndsItsDay(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	for _, c := range []struct {
		zone *time.Location
		now  string
	}{{nil, "── now 22:00 ──"}, {la, "── now 13:00 ──"}, {time.UTC, "── now 21:00 ──"}} {
		m := sized(New(Config{Itinerary: conferenceTrip(t), Now: time.Date(2026, 11, 24, 13, 0, 0, 0, la), Zone: c.zone}, renderer(termenv.Ascii)), 120, 40)
		v := m.View()
		tue, now, wed := strings.Index(v, "Tue 24 Nov 2026 ·"), strings.Index(v, c.now), strings.Index(v, "Wed 25 Nov 2026 ·")
		if tue < 0 || now < tue || wed < now {
			t.Errorf("in %v the now line is not between Tuesday and Wednesday:\n%s", c.zone, v)
		}
	}
}

// TestMultiDayDetail: the detail of the three-day conference gives its
// first and last day (QA #21).
func TestMultiDayDetail(t *testing.T) {
	m := sized(New(Config{Itinerary: conferenceTrip(t), Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, renderer(termenv.Ascii)), 120, 40)
	if m = press(m, "j"); selectedID(m) != "conference" {
		t.Fatalf("selected %s", selectedID(m))
	}
	if v := m.View(); !strings.Contains(v, "Mon 23 – Wed 25 Nov 2026 · 3 days") {
		t.Errorf("the detail lacks the conference's days:\n%s", v)
	}
}

// TestNarrowTimeColumn: at 40×12 the time column makes room for the
// widest label on screen, "until 02:05" under the day the flight home
// lands, so the glyphs and arrows after "3 days", "18:00" and it stay in
// one column (QA #19).
func TestNarrowTimeColumn(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	m := press(sized(New(Config{Itinerary: conferenceTrip(t), Zone: la, Now: time.Date(2026, 11, 1, 0, 0, 0, 0, la)}, renderer(termenv.Ascii)), 40, 12), "G")
	for range 3 { // the wheel scrolls past the last event to the day the flight lands
		next, _ := m.Update(tea.MouseMsg{X: 5, Y: 5, Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
		m = next.(Model)
	}
	v := m.View()
	golden(t, "conference-40x12.txt", v+"\n")
	col := -1
	for _, l := range strings.Split(v, "\n") {
		for _, mark := range []string{"↳", "►", "↗", "●", "◇", "✕", "⊙"} {
			if k := strings.Index(l, mark); k >= 0 && k < 16 {
				if c := ansi.StringWidth(l[:k]); col < 0 {
					col = c
				} else if c != col {
					t.Errorf("%q: mark in column %d, not %d", l, c, col)
				}
			}
		}
	}
	if col < 0 || !strings.Contains(v, "until 02:05 ↳") {
		t.Errorf("no continuation on screen:\n%s", v)
	}
}
