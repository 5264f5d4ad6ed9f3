package tui

import (
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

// TestCardEventOpensAtItsTitle: going from a participant's card to one of
// its events shows the event's details from the title down, even when the
// participants had scrolled the pane (QA: the title was gone).
func TestCardEventOpensAtItsTitle(t *testing.T) {
	m := sized(New(Config{Itinerary: defaultItinerary(t), Now: beforeVisit}, renderer(termenv.Ascii)), 80, 24)
	m = press(m, "j", "j", "j", "tab", "j", "j", "j", "j", "enter", "j", "enter")
	view := m.det.vp.View()
	title := m.it.Events[m.tl.selected()].Title
	if !strings.Contains(view, title[:20]) {
		t.Fatalf("details of %q do not start at its title:\n%s", title, view)
	}
}
