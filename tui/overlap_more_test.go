package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
)

// TestDetailCountsUnnamedOverlaps: an event with more overlaps than the
// itinerary names lists the named ones and says how many more there are.
func TestDetailCountsUnnamedOverlaps(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: T\ntimezone: UTC\npeople: [{id: a, name: Ann}]\nevents:\n")
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&b, "  - {title: Meeting %d, start: \"2024-01-26 09:00\", duration: 1h, participants: [a]}\n", i)
	}
	it, err := itinerary.Load("f.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	m := sized(New(Config{Itinerary: it}, renderer(termenv.Ascii)), 120, 60)
	v := ansi.Strip(m.View())
	if n := strings.Count(v, "! overlaps Meeting"); n != itinerary.MaxNamedOverlaps {
		t.Errorf("%d overlaps named, want %d:\n%s", n, itinerary.MaxNamedOverlaps, v)
	}
	if !strings.Contains(v, fmt.Sprintf("! and %d more", 11-itinerary.MaxNamedOverlaps)) {
		t.Errorf("no count of the others:\n%s", v)
	}
}
