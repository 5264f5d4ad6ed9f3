package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
)

// TestScrollShowsLeadLines: scrolled down to the next event at start, the
// view shows the now line and the change of zone that lead up to it, not
// the event alone under its day.
func TestScrollShowsLeadLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: Long\ntimezone: UTC\nevents:\n")
	for d := 1; d <= 20; d++ {
		fmt.Fprintf(&b, "  - {title: Early %d, start: \"2025-01-%02d 09:00\", duration: 1h}\n", d, d)
	}
	b.WriteString("  - {title: In Seoul, start: \"2025-01-21 22:00\", duration: 1h, timezone: Asia/Seoul}\n")
	for d := 22; d <= 31; d++ {
		fmt.Fprintf(&b, "  - {title: Later %d, start: \"2025-01-%02d 09:00\", duration: 1h}\n", d, d)
	}
	it, err := itinerary.Load("long.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 1, 21, 12, 0, 0, 0, time.UTC)
	m := sized(New(Config{Itinerary: it, Now: now, Zone: time.UTC}, renderer(termenv.Ascii)), 80, 24)
	v := m.View()
	if !strings.Contains(v, "In Seoul") || !strings.Contains(v, "── now 12:00") || !strings.Contains(v, "venue in Asia/Seoul") {
		t.Errorf("the next event without the lines that lead up to it:\n%s", v)
	}
}
