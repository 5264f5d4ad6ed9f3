package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
)

// TestEmptyTimeline: the view says the agenda's words, which the printers
// say too (export.TestEmptyAgendas), for an itinerary without events and
// for a filter that keeps none.
func TestEmptyTimeline(t *testing.T) {
	empty, err := itinerary.Load("empty.yaml", []byte("title: Empty\ntimezone: UTC\nevents: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	idle, err := itinerary.Load("idle.yaml", []byte("title: Idle\ntimezone: UTC\npeople:\n  - {id: a, name: Ann Lee}\n  - {id: b, name: Bo Kim}\n"+
		"events:\n  - {title: x, start: \"2024-01-26 09:00\", participants: [a]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	bo, _ := idle.ResolvePerson("bo")
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{Itinerary: empty}, "This itinerary has no events yet."},
		{Config{Itinerary: idle, People: []int{bo}}, "No events with Bo Kim — "},
	} {
		if v := ansi.Strip(sized(New(c.cfg, renderer(termenv.Ascii)), 120, 30).View()); !strings.Contains(v, c.want) {
			t.Errorf("%q missing:\n%s", c.want, v)
		}
	}
	// The header says "no events" once.
	header := strings.Split(ansi.Strip(sized(New(Config{Itinerary: empty}, renderer(termenv.Ascii)), 120, 30).View()), "\n")[1]
	if strings.TrimSpace(header) != "no events · times: UTC" {
		t.Errorf("header %q", header)
	}
}
