package tui

import (
	"strings"
	"testing"

	"github.com/muesli/termenv"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
)

// withoutEvent is the conference trip's file with event id's entry cut out.
func withoutEvent(t *testing.T, id string) *itinerary.Itinerary {
	t.Helper()
	b, err := data.Files.ReadFile("examples/sf-conference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	from := strings.Index(src, "  - id: "+id+"\n")
	if from < 0 {
		t.Fatalf("no event %q", id)
	}
	to := strings.Index(src[from+1:], "\n  - id: ")
	if to < 0 {
		src = src[:from]
	} else {
		src = src[:from] + src[from+1+to+1:]
	}
	it, err := itinerary.Load("sf-conference.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// TestReloadSelectsNearestWhenSelectedGoes: when the selected event is
// deleted from the file, the reload selects the event nearest to it in
// time, not the first.
func TestReloadSelectsNearestWhenSelectedGoes(t *testing.T) {
	for _, c := range []struct {
		keys         []string
		gone, wanted string
	}{
		{[]string{"G"}, "flight-home", "our-talk"},
		{[]string{"G", "k"}, "our-talk", "flight-home"},
	} {
		m := sized(New(Config{Itinerary: conferenceTrip(t), Watch: "sf.yaml", Load: reloader("sf.yaml"), Now: beforeVisit}, renderer(termenv.Ascii)), 120, 40)
		m = press(m, c.keys...)
		if selectedID(m) != c.gone {
			t.Fatalf("%v selects %q, not %q", c.keys, selectedID(m), c.gone)
		}
		m, _ = step(t, m, fileChangedMsg{})
		m, _ = step(t, m, reloadedMsg{gen: m.reload.gen, it: withoutEvent(t, c.gone)})
		if selectedID(m) != c.wanted {
			t.Errorf("%s deleted: %q selected, want %q", c.gone, selectedID(m), c.wanted)
		}
		if title := m.it.Events[m.tl.selected()].Title; !strings.Contains(m.View(), title) || !strings.Contains(m.View(), "reloaded") {
			t.Errorf("%q is not on screen:\n%s", title, m.View())
		}
	}
}
