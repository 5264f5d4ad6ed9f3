package tui

import (
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

// TestRebindDown: a config's down: [n] makes n move down, takes n from
// the names (which the footer no longer offers), and the footer and the ?
// page show n.
func TestRebindDown(t *testing.T) {
	m := sized(New(Config{Itinerary: defaultItinerary(t), Now: beforeVisit, Keys: map[string][]string{"down": {"n"}}},
		renderer(termenv.Ascii)), 120, 40)
	first := selectedID(m)
	m = press(m, "n")
	if selectedID(m) == first || m.native {
		t.Errorf("n should move down (selected %q, native %v)", selectedID(m), m.native)
	}
	if j := press(m, "j"); selectedID(j) != selectedID(m) {
		t.Error("j should no longer move down")
	}
	if foot := lastLine(m.View()); !strings.Contains(foot, "n down") || strings.Contains(foot, "Latin names") {
		t.Errorf("the footer should show n down and not the names: %q", foot)
	}
	if page := press(m, "?").View(); !strings.Contains(page, "n             next event") && !strings.Contains(page, "  n  ") {
		t.Errorf("the ? page should list n for down:\n%s", page)
	}
}

func TestActionNames(t *testing.T) {
	names := strings.Join(ActionNames(), " ")
	for _, want := range []string{"up", "down", "page_down", "detail_up", "more_errors", "prev_period", "filter_person", "quit"} {
		if !strings.Contains(" "+names+" ", " "+want+" ") {
			t.Errorf("ActionNames lacks %q: %s", want, names)
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestConfigColors: a config's colour of a role reaches the screen.
func TestConfigColors(t *testing.T) {
	plain := sized(New(Config{Itinerary: lyonWeek(t), Now: duringLyon}, renderer(termenv.ANSI256)), 120, 40)
	red := sized(New(Config{Itinerary: lyonWeek(t), Now: duringLyon, Colors: map[string]string{"past": "196"}},
		renderer(termenv.ANSI256)), 120, 40)
	if strings.Contains(plain.View(), "38;5;196m") || !strings.Contains(red.View(), "38;5;196m") {
		t.Error("past: 196 should colour the past events")
	}
}
