package main

import (
	"strings"
	"testing"
)

// lastLine is the bottom line of a tmux screen, without its padding.
func lastLine(scr string) string {
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	return strings.TrimRight(lines[len(lines)-1], " ")
}

// TestPickerFooterInTmux: at 80×24 the people picker's footer ends with
// the key that quits from it, with no separator left over; ctrl+c quits.
func TestPickerFooterInTmux(t *testing.T) {
	s := startTmux(t, 80, 24, "--now", "2024-01-01T00:00:00Z")
	s.waitFor("first frame", "Sam Altman in Korea", "q quit")
	scr := s.key("p")
	f := lastLine(scr)
	if !strings.Contains(scr, "Filter by person") || !strings.HasSuffix(f, "esc close • ctrl+c quit") {
		t.Fatalf("picker footer %q; screen:\n%s", f, scr)
	}
	s.tmux("send-keys", "-t", "main", "C-c")
	if code := s.exitCode(); code != "0" {
		t.Errorf("ctrl+c in the picker: exit %s", code)
	}
}

// TestCardTopInTmux: at 80×24 Kyung Kye-hyun's card, opened from the tour,
// shows his name, role and organisation, and his line in the participants
// before it is whole on screen.
func TestCardTopInTmux(t *testing.T) {
	s := startTmux(t, 80, 24, "--now", "2024-01-01T00:00:00Z")
	s.waitFor("first frame", "Sam Altman in Korea", "q quit")
	s.key("j")
	s.key("j")
	s.key("j")
	s.key("Tab")
	scr := s.key("j")
	if !strings.Contains(scr, "❯ Kyung Kye-hyun 경계현 — President; CEO of the Device Solutions (DS) division,") ||
		!strings.Contains(scr, "    Samsung Electronics") {
		t.Errorf("Kyung's participant line is not whole:\n%s", scr)
	}
	scr = s.key("Enter")
	for _, want := range []string{"Card · Kyung Kye-hyun", "Kyung Kye-hyun 경계현", "President; CEO of the Device Solutions (DS) division", "Samsung Electronics · 삼성전자"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the card lacks %q:\n%s", want, scr)
		}
	}
	assertFits(t, scr, 80)
}

// TestZoneKeyInTmux: with this machine's zone UTC (under the name
// Etc/UTC), z steps through the itinerary's zone, each venue's, and this
// machine's, and then back: UTC is not offered a second time.
func TestZoneKeyInTmux(t *testing.T) {
	s := startTmuxIn(t, "Etc/UTC", 160, 30, "--now", "2024-01-01T00:00:00Z")
	scr := s.waitFor("first frame", "Sam Altman in Korea", "times: Asia/Seoul (KST)")
	zoneOf := func(scr string) string {
		line := strings.Split(scr, "\n")[1]
		_, after, _ := strings.Cut(line, "times: ")
		zone, _, _ := strings.Cut(after, " · ")
		return zone
	}
	first := zoneOf(scr)
	var seen []string
	for range 6 {
		seen = append(seen, zoneOf(scr))
		scr = s.key("z")
		if zoneOf(scr) == first {
			break
		}
	}
	if zoneOf(scr) != first || len(seen) != 3 {
		t.Fatalf("z steps through %q, then %q", seen, zoneOf(scr))
	}
	for _, z := range seen[1:] {
		if strings.Contains(z, "UTC") && !strings.Contains(z, "machine") {
			t.Errorf("UTC offered again after this machine's zone: %q", seen)
		}
	}
}
