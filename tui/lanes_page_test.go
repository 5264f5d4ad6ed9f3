package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// manyLanes is an itinerary of 30 people, each at one event an hour after
// the last one's, so that every person's lane holds one event.
func manyLanes() string {
	var b strings.Builder
	b.WriteString("title: Many lanes\ntimezone: UTC\npeople:\n")
	for k := range 30 {
		fmt.Fprintf(&b, "  - {id: p%02d, name: Person %02d}\n", k, k)
	}
	b.WriteString("events:\n")
	for k := range 30 {
		fmt.Fprintf(&b, "  - {id: e%02d, title: Event %02d, start: \"2025-05-05 %02d:%02d\", duration: 30m, participants: [p%02d]}\n", k, k, 8+k/4, k%4*15, k)
	}
	return b.String()
}

var lanesRange = regexp.MustCompile(`lanes (\d+)–(\d+) of 30`)

// TestLanesPageKeys: PgDn and PgUp move the selection and the lanes on
// screen a screenful of lanes at a time, stop at the ends, and are in the
// footer only while they can move.
func TestLanesPageKeys(t *testing.T) {
	m := lanesModel(t, manyLanes(), 250, 24)
	shown := func(m Model) (first, last int) {
		g := lanesRange.FindStringSubmatch(m.View())
		if g == nil {
			t.Fatalf("no lanes range in the title:\n%s", m.View())
		}
		fmt.Sscan(g[1], &first)
		fmt.Sscan(g[2], &last)
		return first, last
	}
	if selectedID(m) != "e00" || strings.Contains(footerOf(m), "pgup") || !strings.Contains(footerOf(m), "pgdn lanes below") {
		t.Fatalf("start: %s, footer %q", selectedID(m), footerOf(m))
	}
	first, last := shown(m)
	page := last - first + 1
	if first != 1 || page < 3 || page >= 30 {
		t.Fatalf("lanes %d–%d on screen at the start", first, last)
	}
	m = press(m, "pgdown")
	if f, _ := shown(m); selectedID(m) != fmt.Sprintf("e%02d", page) || f != page+1 {
		t.Errorf("pgdown: %s selected, lanes from %d; want e%02d, from %d:\n%s", selectedID(m), f, page, page+1, m.View())
	}
	if !strings.Contains(footerOf(m), "pgup lanes above") {
		t.Errorf("footer after pgdown: %q", footerOf(m))
	}
	m = press(m, "pgup")
	if f, _ := shown(m); selectedID(m) != "e00" || f != 1 {
		t.Errorf("pgup: %s selected, lanes from %d", selectedID(m), f)
	}
	for range 20 {
		m = press(m, "pgdown")
	}
	if _, l := shown(m); selectedID(m) != "e29" || l != 30 || strings.Contains(footerOf(m), "pgdn") {
		t.Errorf("pgdown to the end: %s selected, lanes to %d, footer %q", selectedID(m), l, footerOf(m))
	}
	// ctrl+d and ctrl+u are the same keys.
	if m = press(m, "ctrl+u"); selectedID(m) == "e29" {
		t.Error("ctrl+u does not page up")
	}
}
