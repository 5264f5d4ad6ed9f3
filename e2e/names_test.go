package e2e

import (
	"strings"
	"testing"
)

// TestNamesAsTypedInTmux: on an English keyboard, a search for "kogyo"
// finds the events that write Kōgyō, and the picker finds Lee Seo-yeon as
// "seoyeon lee" and Watanabe Ken'ichi as "kenichi".
func TestNamesAsTypedInTmux(t *testing.T) {
	s := startTmux(t, 120, 40, "--now", "2027-04-01T00:00:00Z", "data/examples/trade-mission.yaml")
	s.waitFor("first frame", "Timeline · 12 events")
	s.key("/")
	s.typeLiteral("kogyo", "2 of 12")
	scr := s.key("Enter")
	if !strings.Contains(scr, "Visit to Tōhoku Kōgyō") || !strings.Contains(scr, "Dinner with the Kōgyō board") ||
		strings.Contains(scr, "Supply talks") {
		t.Fatalf("kogyo should find the two Kōgyō events:\n%s", scr)
	}
	s.key("Escape")
	s.waitFor("search cleared", "Timeline · 12 events")
	s.key("p")
	s.typeLiteral("seoyeon lee", "❯   Lee Seo-yeon")
	scr = s.key("Enter")
	if !strings.Contains(scr, "[Lee Seo-yeon] · 3 of 12 events") {
		t.Fatalf("the picker should filter to Lee Seo-yeon:\n%s", scr)
	}
	s.key("Escape")
	s.waitFor("filter cleared", "Timeline · 12 events")
	s.key("/")
	scr = s.typeLiteral("@kenichi", "2 of 12")
	if !strings.Contains(scr, "Dinner with the Kōgyō board") {
		t.Fatalf("@kenichi should find Watanabe Ken'ichi's two events:\n%s", scr)
	}
}
