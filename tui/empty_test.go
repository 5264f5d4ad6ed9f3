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

// TestEmptyHintWhileSearching: with the search field open the hint says
// what Esc does there (clears the search, keeps the person filter), in
// the key map's words; once the field is closed, what Esc does then.
func TestEmptyHintWhileSearching(t *testing.T) {
	for _, view := range []string{"list", "lanes"} {
		m := newModel(t, 120, 40)
		if view == "lanes" {
			m = press(m, "v")
		}
		m = press(m, "p", "경계", "enter", "/", "저녁 dinner")
		if len(m.visible) != 0 || len(m.filter.People) != 1 {
			t.Fatalf("%s: setup: visible %q, people %v", view, visibleIDs(m), m.filter.People)
		}
		hintOf := func(m Model) string { return strings.Join(strings.Fields(ansi.Strip(m.emptyMessage())), " ") }
		if v := hintOf(m); !strings.HasSuffix(v, "— esc clear search") || !strings.Contains(m.View(), "clear search") {
			t.Errorf("%s, field open: hint should say esc clears the search:\n%s", view, v)
		}
		m = press(m, "enter")
		if v := hintOf(m); !strings.HasSuffix(v, "— esc drop Kyung Kye-hyun") {
			t.Errorf("%s, field closed: hint should say esc drops Kyung:\n%s", view, v)
		}
		if m = press(m, "/", "esc"); len(m.filter.People) != 1 || !m.filter.Query.Empty() {
			t.Errorf("%s: esc in the field should clear the search and keep Kyung", view)
		}
	}
}
