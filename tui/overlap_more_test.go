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

// TestReloadNamesTheFileSafely: the footer after a reload and the error
// panel quote a file name holding escape sequences instead of sending them
// to the terminal.
func TestReloadNamesTheFileSafely(t *testing.T) {
	it, err := itinerary.Load("f.yaml", []byte("title: T\ntimezone: UTC\nevents: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	name := "trip\x1b]0;PWNED\a.yaml"
	m := sized(New(Config{Itinerary: it, Watch: name, Load: reloader(name)}, renderer(termenv.Ascii)), 120, 30)
	next, _ := m.Update(reloadedMsg{it: it})
	v := next.(Model).View()
	if strings.ContainsAny(v, "\x1b\a") || !strings.Contains(v, `reloaded "trip\x1b]0;PWNED\a.yaml"`) {
		t.Errorf("footer after a reload:\n%q", v)
	}
	_, bad := itinerary.Load(name, []byte("title: T\ntimezone: UTC\nevents:\n  - {title: x, start: 2024-01-26, duration: !!int \"\\e[2J\"}\n"))
	next, _ = next.(Model).Update(reloadedMsg{err: bad})
	v = next.(Model).View()
	if strings.ContainsAny(v, "\x1b\a") || !strings.Contains(v, `"trip\x1b]0;PWNED\a.yaml":4:`) {
		t.Errorf("error panel:\n%q", v)
	}
}
