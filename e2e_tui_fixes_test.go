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
