//go:build unix

package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestVdirLanesByCalendar: a vdir of two collections in the lanes; t, t, t
// goes from the people to the track and the city lanes and then to a lane
// per calendar, named by each collection's displayname, each with its own
// events.
func TestVdirLanesByCalendar(t *testing.T) {
	vdir := filepath.Join(t.TempDir(), "calendars")
	writeVdirFile(t, filepath.Join(vdir, "home", "displayname"), "Home\n")
	writeVdirFile(t, filepath.Join(vdir, "home", "color"), "#33AA55\n")
	writeVdirFile(t, filepath.Join(vdir, "home", "dinner.ics"), vevent("dinner", "Dinner", "20250101T120000Z", 0))
	writeVdirFile(t, filepath.Join(vdir, "work", "displayname"), "Work\n")
	writeVdirFile(t, filepath.Join(vdir, "work", "color"), "#AA3355\n")
	writeVdirFile(t, filepath.Join(vdir, "work", "standup.ics"), vevent("standup", "Standup", "20250101T090000Z", 0))
	s := startTmuxEnv(t, []string{"TZ=UTC"}, 120, 30, "--view", "lanes", "--now", "2024-12-01T00:00:00Z", vdir)
	s.waitFor("the lanes", "Lanes by person")
	s.key("t")
	s.key("t")
	scr := s.key("t")
	if !strings.Contains(scr, "Lanes by calendar") {
		t.Fatalf("t t t: not the lanes by calendar:\n%s", scr)
	}
	var work, home string
	for _, l := range strings.Split(scr, "\n") {
		switch {
		case strings.HasPrefix(l, "Work "):
			work = l
		case strings.HasPrefix(l, "Home "):
			home = l
		}
	}
	if !strings.Contains(work, "Standup") || strings.Contains(work, "Dinner") || !strings.Contains(home, "Dinner") {
		t.Errorf("the calendar lanes:\nWork: %q\nHome: %q\n%s", work, home, scr)
	}
	s.quit()
}
